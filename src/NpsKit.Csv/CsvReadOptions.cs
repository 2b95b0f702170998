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
    /// <value>Default <see langword="null"/>: a UTF-8, UTF-16 or UTF-32 byte order mark is honoured, otherwise UTF-8.
    /// Use <see cref="Encoding.Latin1"/> for Latin-1 exports.</value>
    public Encoding? Encoding { get; init; }

    /// <summary>Gets which columns hold which part of a response.</summary>
    /// <value>Default: every role detected from common header names.</value>
    public CsvResponseMapping Mapping { get; init; } = new();

    /// <summary>Gets the IANA time zone (e.g. <c>Europe/Copenhagen</c>) in which times without a UTC offset are read.</summary>
    /// <value>Default <see langword="null"/>: a time without an offset is a bad row (<see cref="BadRowReason.TimeWithoutZone"/>);
    /// NpsKit never guesses the machine's zone.</value>
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

    /// <summary>Gets a value indicating whether bad-row reports and exception messages contain the raw field values.</summary>
    /// <value>Default <see langword="true"/>. Set <see langword="false"/> for personal data such as eNPS answers: reports then
    /// say where and why, but not what.</value>
    public bool IncludeRawValues { get; init; } = true;

    /// <summary>Gets where reading reports its progress (rows read, bytes read), for a progress bar or a log line.</summary>
    /// <value>Default <see langword="null"/>: no reports, and no cost. When set, a report is made every 16 384 rows and
    /// once at the end, on the reading thread (<see cref="IProgress{T}.Report"/> should return quickly; the
    /// <see cref="Progress{T}"/> class posts to a captured synchronization context). Checking costs one mask test per row.</value>
    public IProgress<CsvProgress>? Progress { get; init; }

    /// <summary>Checks the settings and reports every problem at once.</summary>
    /// <returns>The reporting zone, or <see langword="null"/> when <see cref="TimeZone"/> is not set.</returns>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message lists them all.</exception>
    public TimeZoneInfo? Validate()
    {
        var problems = new List<string>();
        TimeZoneInfo? zone = null;
        if (Delimiter is char d && (d > 127 || d is '"' or '\r' or '\n' || char.IsLetterOrDigit(d)))
        {
            problems.Add($"Delimiter '{d}' cannot separate fields: use an ASCII punctuation character such as ',', ';', '|' or tab, or null to detect it.");
        }

        if (MaxFieldLength < 1)
        {
            problems.Add($"MaxFieldLength {MaxFieldLength} must be at least 1 byte (default 1 MiB = 1048576).");
        }

        if (Culture is null)
        {
            problems.Add("Culture is null: use CultureInfo.InvariantCulture or a specific culture such as new CultureInfo(\"da-DK\").");
        }

        if (Mapping is null)
        {
            problems.Add("Mapping is null: use new CsvResponseMapping() to detect the columns.");
        }

        if (!Enum.IsDefined(Mode))
        {
            problems.Add($"Mode {(int)Mode} is not a CsvReadMode: use Strict or Lenient.");
        }

        if (!Enum.IsDefined(Duplicates))
        {
            problems.Add($"Duplicates {(int)Duplicates} is not a DuplicatePolicy: use KeepAll, KeepFirst, KeepLatest or Error.");
        }

        if (TimeZone is not null)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out zone))
            {
                problems.Add($"TimeZone '{TimeZone}' is not a known IANA time zone id: use one such as 'Europe/Copenhagen' or 'America/New_York'.");
            }
        }

        if (DuplicatePeriod is PeriodUnit unit && !Enum.IsDefined(unit))
        {
            problems.Add($"DuplicatePeriod {(int)unit} is not a PeriodUnit: use Day, Week, Month, Quarter, Year, FiscalQuarter or FiscalYear, or null for the whole input.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid CsvReadOptions:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems));
        }

        return zone;
    }
}
