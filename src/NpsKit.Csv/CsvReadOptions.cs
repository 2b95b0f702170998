using System.Globalization;
using System.Text;
using NpsKit.Aggregation;

namespace NpsKit.Csv;

/// <summary>How to read a CSV file of NPS responses. Every setting has a sensible default.</summary>
/// <remarks>An immutable value; thread-safe. Make changed copies with <c>with</c>. Invalid settings are reported
/// all at once by an <see cref="ArgumentException"/> when reading starts.</remarks>
public sealed record CsvReadOptions
{
    /// <summary>Gets the default options.</summary>
    public static CsvReadOptions Default { get; } = new();

    /// <summary>Gets the field delimiter.</summary>
    /// <value>Default <see langword="null"/>: detected from the first lines among <c>,</c> <c>;</c> tab and <c>|</c>
    /// (an Excel <c>sep=</c> first line is honoured).</value>
    public char? Delimiter { get; init; }

    /// <summary>Gets the culture for weights and for dates that are not ISO 8601 (e.g. <c>da-DK</c> for <c>1,5</c> and <c>14-03-2026 09:12</c>).</summary>
    /// <value>Default <see cref="CultureInfo.InvariantCulture"/>.</value>
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;

    /// <summary>Gets the text encoding of stream and file input.</summary>
    /// <value>Default <see langword="null"/>: detected. A UTF-8, UTF-16 or UTF-32 byte order mark is honoured; UTF-16
    /// without one is recognised by its zero bytes; otherwise the first 64 KiB decide: valid UTF-8 is UTF-8 (and must stay
    /// valid to the end), text that is not is read as Windows-1252 when it evidently is (every byte a Windows-1252
    /// character, non-ASCII letters standing alone as in Western European words) and refused otherwise. What was decided
    /// is in <see cref="IngestReport.Encoding"/>. A zip (.xlsx), PDF or .xls file is refused by name.</value>
    public Encoding? Encoding { get; init; }

    /// <summary>Gets the survey tool the export comes from, which sets its header rows and column names.</summary>
    /// <value>Default <see langword="null"/>: detected from the header rows (see <see cref="SurveySource"/>); what was
    /// detected is in <see cref="IngestReport.SurveySource"/>.</value>
    public SurveySource? Source { get; init; }

    /// <summary>Gets the number of header rows before the first answer.</summary>
    /// <value>Default <see langword="null"/>: 1, or what the layout of <see cref="Source"/> says (Qualtrics 3,
    /// SurveyMonkey 2) when its extra header rows are present. The first row always names the columns; the others are
    /// skipped (their texts help recognise the recommend question).</value>
    public int? HeaderRows { get; init; }

    /// <summary>Gets the order of day and month in dates written with numbers only (<c>03/04/2026</c>).</summary>
    /// <value>Default <see langword="null"/>: from <see cref="Culture"/> when one other than the invariant culture is set,
    /// otherwise decided from the file: a first part above 12 anywhere means day-first, a second part above 12 means
    /// month-first; both is a mixed file and is refused, and a file whose every numeric date fits both orders is refused
    /// naming this option. The invariant culture never decides the order. A date contradicting the decided order stops
    /// the read.</value>
    public DateOrder? DateOrder { get; init; }

    /// <summary>Gets explicit .NET date and time formats (e.g. <c>dd.MM.yyyy HH:mm</c>), tried in order after ISO 8601;
    /// a format with <c>z</c> or <c>K</c> reads the offset, others are local times. The entries <c>unix</c>,
    /// <c>unix-ms</c> and <c>excel</c> read Unix seconds, Unix milliseconds and Excel serial dates.</summary>
    /// <value>Default <see langword="null"/>: ISO 8601 (with <c>T</c> or a space, <c>Z</c>, an offset or a <c>UTC</c>
    /// suffix); numeric dates in <see cref="DateOrder"/>; 10-digit numbers as Unix seconds, 13-digit ones as Unix
    /// milliseconds and 5-digit ones (optionally with a fraction) as Excel serial dates, the only widths at which those
    /// are unambiguous; anything else in <see cref="Culture"/>.</value>
    public IReadOnlyList<string>? DateFormats { get; init; }

    /// <summary>Gets which columns hold which part of a response.</summary>
    /// <value>Default: every role detected from common header names.</value>
    public CsvResponseMapping Mapping { get; init; } = new();

    /// <summary>Gets the IANA time zone (e.g. <c>Europe/Copenhagen</c>) in which times without a UTC offset are read.</summary>
    /// <value>Default <see langword="null"/>: a time without an offset is a bad row (<see cref="BadRowReason.TimeWithoutZone"/>);
    /// NpsKit never guesses the machine's zone. When the export declares the zone of its times (the <c>timeZone</c> of a
    /// Qualtrics ImportId, a <c>(UTC)</c> in the column's name), the declared zone is used instead, and
    /// <see cref="IngestReport.Warnings"/> says so when it differs from this one.</value>
    public string? TimeZone { get; init; }

    /// <summary>Gets what reading does with a bad row.</summary>
    /// <value>Default <see cref="CsvReadMode.Strict"/>.</value>
    public CsvReadMode Mode { get; init; } = CsvReadMode.Strict;

    /// <summary>Gets what to do with a respondent's repeated answers.</summary>
    /// <value>Default <see cref="DuplicatePolicy.KeepAll"/>.</value>
    public DuplicatePolicy Duplicates { get; init; } = DuplicatePolicy.KeepAll;

    /// <summary>Gets the longest quoted field, in bytes of UTF-8, that reading accepts.</summary>
    /// <value>Default 1 MiB. A quoted field that runs past it, or never closes, costs only the record it starts: that
    /// record is reported as <see cref="BadRowReason.MalformedQuoting"/> on the line it starts, and reading resumes at
    /// the next line; memory stays bounded by about this much plus the longest record. Unquoted fields end at their line
    /// break and are not limited.</value>
    public int MaxFieldLength { get; init; } = 1 << 20;

    /// <summary>Gets a value indicating whether <see cref="IngestReport.DuplicateRows"/> is counted exactly under
    /// <see cref="DuplicatePolicy.KeepAll"/>, at the cost of a table of 16 bytes a slot (about 18–37 bytes per distinct
    /// respondent) that grows with the respondents.</summary>
    /// <value>Default <see langword="false"/>: under KeepAll the count is exact up to 65 536 distinct respondents and
    /// then estimated in a fixed 16 KiB (HyperLogLog, standard error about 0.8 % of the distinct respondents), and
    /// <see cref="IngestReport.DuplicateRowsEstimated"/> says so; memory then does not grow with the file. The
    /// deduplicating policies always decide exactly, whatever this is.</value>
    public bool ExactDuplicateCount { get; init; }

    /// <summary>Gets the survey period within which a respondent's repeated answers count as duplicates.</summary>
    /// <value>Default <see langword="null"/>: the whole input is one period. Periods are computed in <see cref="TimeZone"/>
    /// (UTC when it is not set); setting a period requires a time column.</value>
    public PeriodUnit? DuplicatePeriod { get; init; }

    /// <summary>Gets the day every answer is dated on when the input has no time column, so that
    /// <see cref="NpsCsv.ReadCube(string, NpsKit.Aggregation.Segmentation?, NpsKit.Aggregation.AggregationOptions?, CsvReadOptions?)"/>
    /// can read it into a single-period cube (a total-only cube, by segment when asked) — to compare two such files
    /// segment by segment, for example.</summary>
    /// <value>Default <see langword="null"/>: reading a file without a time column into a cube is refused
    /// (<see cref="NpsDataProblem.NoTimeColumn"/>), since its answers cannot be placed in periods. When set, and the input
    /// has no time column, every answer falls in the one period of the cube's unit that contains this day (in the
    /// reporting zone), and <see cref="IngestReport.Warnings"/> says so. It is not used when the input has a time column
    /// (a row with a blank time stays a bad row), nor by <see cref="NpsCsv.ReadTable(string, CsvReadOptions?)"/>,
    /// which keeps each answer's own time.</value>
    public DateOnly? UndatedDay { get; init; }

    /// <summary>Gets a value indicating whether bad-row reports and exception messages contain the raw field values.</summary>
    /// <value>Default <see langword="true"/>. Set <see langword="false"/> for personal data such as eNPS answers: reports then
    /// say where and why, but not what.</value>
    public bool IncludeRawValues { get; init; } = true;

    /// <summary>Gets where reading reports its progress (rows read, bytes read), for a progress bar or a log line.</summary>
    /// <value>Default <see langword="null"/>: no reports, and no cost. When set, a report is made every 16 384 rows and
    /// once at the end, on the reading thread (<see cref="IProgress{T}.Report"/> should return quickly; the
    /// <see cref="Progress{T}"/> class posts to a captured synchronization context). Checking costs one mask test per row. A file read in parallel (see
    /// <see cref="NpsCsv.ReadCube(string, NpsKit.Aggregation.Segmentation?, NpsKit.Aggregation.AggregationOptions?, CsvReadOptions?)"/>)
    /// reports once per part of the file (1–64 MiB) as the parts are done, in file order, from the thread that finished it.</value>
    public IProgress<CsvProgress>? Progress { get; init; }

    /// <summary>Checks the settings and reports every problem at once.</summary>
    /// <returns>The reporting zone, or <see langword="null"/> when <see cref="TimeZone"/> is not set.</returns>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid: <see cref="InvalidOptionsException.Problems"/>
    /// has each one (member, value, reason, what is allowed), and the message lists them all.</exception>
    public TimeZoneInfo? Validate()
    {
        var problems = new List<OptionProblem>();
        TimeZoneInfo? zone = null;
        if (Delimiter is char d && (d > 127 || d is '"' or '\r' or '\n' || char.IsLetterOrDigit(d)))
        {
            problems.Add(new(nameof(Delimiter), d.ToString(), "cannot separate fields", "an ASCII punctuation character such as ',', ';', '|' or tab", $"Delimiter '{d}' cannot separate fields: use an ASCII punctuation character such as ',', ';', '|' or tab, or null to detect it."));
        }

        if (MaxFieldLength < 1)
        {
            problems.Add(new(nameof(MaxFieldLength), MaxFieldLength.ToString(CultureInfo.InvariantCulture), "is below 1 byte", "at least 1 byte (default 1 MiB = 1048576)", $"MaxFieldLength {MaxFieldLength} must be at least 1 byte (default 1 MiB = 1048576)."));
        }

        if (Culture is null)
        {
            problems.Add(new(nameof(Culture), null, "is null", "a culture such as da-DK or en-US, or the invariant culture", "Culture is null: use CultureInfo.InvariantCulture or a specific culture such as new CultureInfo(\"da-DK\")."));
        }

        if (Mapping is null)
        {
            problems.Add(new(nameof(Mapping), null, "is null", "a CsvResponseMapping (new CsvResponseMapping() detects the columns)", "Mapping is null: use new CsvResponseMapping() to detect the columns."));
        }

        if (!Enum.IsDefined(Mode))
        {
            problems.Add(new(nameof(Mode), ((int)Mode).ToString(CultureInfo.InvariantCulture), "is not a CsvReadMode", "Strict or Lenient", $"Mode {(int)Mode} is not a CsvReadMode: use Strict or Lenient."));
        }

        if (!Enum.IsDefined(Duplicates))
        {
            problems.Add(new(nameof(Duplicates), ((int)Duplicates).ToString(CultureInfo.InvariantCulture), "is not a DuplicatePolicy", "KeepAll, KeepFirst, KeepLatest or Error", $"Duplicates {(int)Duplicates} is not a DuplicatePolicy: use KeepAll, KeepFirst, KeepLatest or Error."));
        }

        if (TimeZone is not null)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out zone))
            {
                problems.Add(new(nameof(TimeZone), TimeZone, "is not a known IANA time zone id", "an IANA time zone id such as Europe/Copenhagen or America/New_York", $"TimeZone '{TimeZone}' is not a known IANA time zone id: use one such as 'Europe/Copenhagen' or 'America/New_York'."));
            }
        }

        if (Source is SurveySource source && !Enum.IsDefined(source))
        {
            problems.Add(new(nameof(Source), ((int)source).ToString(CultureInfo.InvariantCulture), "is not a SurveySource", $"one of {string.Join(", ", Enum.GetNames<SurveySource>())}, or none to detect it", $"Source {(int)source} is not a SurveySource: use one of {string.Join(", ", Enum.GetNames<SurveySource>())}, or null to detect it."));
        }

        if (HeaderRows is int rows && rows is < 1 or > 10)
        {
            problems.Add(new(nameof(HeaderRows), rows.ToString(CultureInfo.InvariantCulture), "is out of range", "1 to 10, or none to detect them", $"HeaderRows {rows} is out of range: use 1 to 10, or null to detect them."));
        }

        if (DateOrder is DateOrder order && !Enum.IsDefined(order))
        {
            problems.Add(new(nameof(DateOrder), ((int)order).ToString(CultureInfo.InvariantCulture), "is not a DateOrder", "DayFirst or MonthFirst, or none to decide from the file", $"DateOrder {(int)order} is not a DateOrder: use DayFirst or MonthFirst, or null to decide from the file."));
        }

        if (DateFormats is not null)
        {
            if (DateFormats.Count == 0 || DateFormats.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add(new(nameof(DateFormats), string.Empty, "is empty or has an empty entry", "a .NET format such as dd.MM.yyyy HH:mm (or unix, unix-ms, excel)", "DateFormats is empty or has an empty entry: give .NET formats such as 'dd.MM.yyyy HH:mm' (or 'unix', 'unix-ms', 'excel'), or null."));
            }
            else
            {
                foreach (string format in DateFormats.Where(f => !Internal.DateReading.IsSpecial(f)))
                {
                    try
                    {
                        _ = new DateTime(2026, 3, 14, 9, 12, 33, DateTimeKind.Unspecified).ToString(format, CultureInfo.InvariantCulture);
                    }
                    catch (FormatException)
                    {
                        problems.Add(new(nameof(DateFormats), format, "is not a .NET date and time format", "a .NET format such as dd.MM.yyyy HH:mm", $"DateFormats entry '{format}' is not a .NET date and time format: use one such as 'dd.MM.yyyy HH:mm'."));
                    }
                }
            }
        }

        if (DuplicatePeriod is PeriodUnit unit && !Enum.IsDefined(unit))
        {
            problems.Add(new(nameof(DuplicatePeriod), ((int)unit).ToString(CultureInfo.InvariantCulture), "is not a PeriodUnit", "Day, Week, Month, Quarter, Year, FiscalQuarter or FiscalYear, or none for the whole input", $"DuplicatePeriod {(int)unit} is not a PeriodUnit: use Day, Week, Month, Quarter, Year, FiscalQuarter or FiscalYear, or null for the whole input."));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(CsvReadOptions), problems, "options");
        }

        return zone;
    }
}
