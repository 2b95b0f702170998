using System.Globalization;

namespace NpsKit.Aggregation;

/// <summary>
/// One pre-aggregated row for <see cref="NpsCube.FromCounts"/>: how many answers (and, for a weighted survey, their
/// Σw and Σw²) one period and one combination of segment values had on one score — the row a warehouse's
/// <c>GROUP BY period, segment, score</c> returns.
/// </summary>
/// <remarks>
/// <para>The period is given as a <see cref="ReportingPeriod"/>, as its first local day, or as text: its label
/// (<c>2026-03</c>, <c>2026-W09</c>, <c>2026-Q1</c>, <c>2026</c>, <c>FY2026-Q2</c>, <c>FY2026</c>, <c>2026-03-05</c>
/// for days — the form <see cref="ReportingPeriod.ToString"/> prints) or its first day as <c>yyyy-MM-dd</c>. It is
/// checked against the cube's calendar when the cube is made, where an error names the row.</para>
/// <para>Several rows may name the same cell (for example partial counts from shards or time buckets): they add up.</para>
/// <para>A row may give a <see cref="NpsCategory"/> instead of a score (the constructors taking one), for answers known
/// only by their NPS group — a warehouse table with a Promoter / Passive / Detractor column and no 0–10 score. The cube
/// of such rows is category-only (<see cref="NpsCube.HasScoreDetail"/> is <see langword="false"/>); every row of one
/// cube gives a score or every row gives a category.</para>
/// <para>Equality compares the segment values list by reference. This type is immutable.</para>
/// </remarks>
public readonly record struct NpsCountRow
{
    private readonly ReportingPeriod _period;
    private readonly string? _text;
    private readonly byte _kind; // 0 text, 1 first day, 2 period
    private readonly IReadOnlyList<string>? _segmentValues;
    private readonly byte _category; // 0 a score row; 1 + (int)NpsCategory for a category row

    /// <summary>Makes a row for a period given as text: its label (<c>2026-03</c>, <c>2026-W09</c>…) or its first day (<c>yyyy-MM-dd</c>).</summary>
    /// <param name="period">The period's label in the cube's unit, or its first local day as <c>yyyy-MM-dd</c>.</param>
    /// <param name="score">The score, 0 to 10.</param>
    /// <param name="count">How many answers, zero or more.</param>
    /// <param name="segmentValues">One value per segment dimension, in the segmentation's order; none for <see cref="Segmentation.Total"/>.</param>
    public NpsCountRow(string period, int score, long count, params IReadOnlyList<string> segmentValues)
        : this(0, default, period, score, count, segmentValues)
    {
    }

    /// <summary>Makes a row for the period that starts on a local date (e.g. what <c>date_trunc('month', local time)</c> returns).</summary>
    /// <param name="periodStart">The period's first local day in the reporting calendar.</param>
    /// <param name="score">The score, 0 to 10.</param>
    /// <param name="count">How many answers, zero or more.</param>
    /// <param name="segmentValues">One value per segment dimension, in the segmentation's order.</param>
    public NpsCountRow(DateOnly periodStart, int score, long count, params IReadOnlyList<string> segmentValues)
        : this(1, ReportingPeriod.Containing(periodStart, PeriodUnit.Day), null, score, count, segmentValues)
    {
    }

    /// <summary>Makes a row for a period.</summary>
    /// <param name="period">A period of the cube's unit (and fiscal start).</param>
    /// <param name="score">The score, 0 to 10.</param>
    /// <param name="count">How many answers, zero or more.</param>
    /// <param name="segmentValues">One value per segment dimension, in the segmentation's order.</param>
    public NpsCountRow(ReportingPeriod period, int score, long count, params IReadOnlyList<string> segmentValues)
        : this(2, period, null, score, count, segmentValues)
    {
    }

    /// <summary>Makes a row of answers known only by category, for a period given as text (its label or its first day as <c>yyyy-MM-dd</c>).</summary>
    /// <param name="period">The period's label in the cube's unit, or its first local day as <c>yyyy-MM-dd</c>.</param>
    /// <param name="category">The answers' NPS group.</param>
    /// <param name="count">How many answers, zero or more.</param>
    /// <param name="segmentValues">One value per segment dimension, in the segmentation's order; none for <see cref="Segmentation.Total"/>.</param>
    public NpsCountRow(string period, NpsCategory category, long count, params IReadOnlyList<string> segmentValues)
        : this(0, default, period, -1, count, segmentValues) => _category = CategoryCode(category);

    /// <summary>Makes a row of answers known only by category, for the period that starts on a local date.</summary>
    /// <param name="periodStart">The period's first local day in the reporting calendar.</param>
    /// <param name="category">The answers' NPS group.</param>
    /// <param name="count">How many answers, zero or more.</param>
    /// <param name="segmentValues">One value per segment dimension, in the segmentation's order.</param>
    public NpsCountRow(DateOnly periodStart, NpsCategory category, long count, params IReadOnlyList<string> segmentValues)
        : this(1, ReportingPeriod.Containing(periodStart, PeriodUnit.Day), null, -1, count, segmentValues) => _category = CategoryCode(category);

    /// <summary>Makes a row of answers known only by category, for a period.</summary>
    /// <param name="period">A period of the cube's unit (and fiscal start).</param>
    /// <param name="category">The answers' NPS group.</param>
    /// <param name="count">How many answers, zero or more.</param>
    /// <param name="segmentValues">One value per segment dimension, in the segmentation's order.</param>
    public NpsCountRow(ReportingPeriod period, NpsCategory category, long count, params IReadOnlyList<string> segmentValues)
        : this(2, period, null, -1, count, segmentValues) => _category = CategoryCode(category);

    private NpsCountRow(byte kind, ReportingPeriod period, string? text, int score, long count, IReadOnlyList<string> segmentValues)
    {
        _kind = kind;
        _period = period;
        _text = text;
        Score = score;
        Count = count;
        _segmentValues = segmentValues;
    }

    /// <summary>Gets the period as text: the text given, the first day as <c>yyyy-MM-dd</c>, or the period's label.</summary>
    public string Period => _kind switch
    {
        0 => _text ?? string.Empty,
        1 => _period.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => _period.ToString(),
    };

    /// <summary>Gets the segment values, one per dimension; empty for the total.</summary>
    public IReadOnlyList<string> SegmentValues => _segmentValues ?? [];

    /// <summary>Gets the score (checked to be 0..10 when the cube is made); -1 for a row of answers known only by
    /// category (<see cref="IsCategoryOnly"/>), whose 0–10 score is unknown.</summary>
    public int Score { get; }

    /// <summary>Gets a value indicating whether the row gives a category instead of a score (made by a constructor
    /// taking a <see cref="NpsCategory"/>).</summary>
    public bool IsCategoryOnly => _category != 0;

    /// <summary>Gets the answers' NPS group: the category given, or for a score row the category of its score
    /// (Reichheld's cut points, <see cref="Nps.Classify(int)"/>).</summary>
    /// <exception cref="InvalidOperationException">A score row's score is not 0..10, so it has no category.</exception>
    public NpsCategory Category => _category != 0
        ? (NpsCategory)(_category - 1)
        : Nps.IsValidScore(Score) ? Nps.Classify(Score) : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Score {Score} is not on the Net Promoter scale (0 to 10), so it has no category."));

    /// <summary>Gets the number of answers (checked to be zero or more).</summary>
    public long Count { get; }

    /// <summary>Gets Σw, the sum of the answers' survey weights, for a weighted cube; every row of a cube gives both
    /// sums or neither.</summary>
    /// <value>Default <see langword="null"/>: unweighted.</value>
    public double? SumOfWeights { get; init; }

    /// <summary>Gets Σw², the sum of the squared weights, for a weighted cube (Kish's effective n and the linearization
    /// variance need it).</summary>
    /// <value>Default <see langword="null"/>: unweighted.</value>
    public double? SumOfSquaredWeights { get; init; }

    /// <summary>Describes the row, e.g. <c>2026-03 [north, sales] score 9: 42</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        (IsCategoryOnly
            ? string.Create(CultureInfo.InvariantCulture, $"{Period} [{string.Join(", ", SegmentValues)}] {Category}: {Count}")
            : string.Create(CultureInfo.InvariantCulture, $"{Period} [{string.Join(", ", SegmentValues)}] score {Score}: {Count}"))
        + (SumOfWeights is double w ? string.Create(CultureInfo.InvariantCulture, $" (Σw {w}, Σw² {SumOfSquaredWeights})") : string.Empty);

    private static byte CategoryCode(NpsCategory category) => category is NpsCategory.Detractor or NpsCategory.Passive or NpsCategory.Promoter
        ? (byte)(1 + (int)category)
        : throw new ArgumentOutOfRangeException(nameof(category), category, "Allowed are NpsCategory.Promoter, Passive and Detractor.");

    /// <summary>Resolves the period in a calendar, or returns an error message saying what is allowed.</summary>
    internal string? TryResolve(ReportingCalendar calendar, out ReportingPeriod period)
    {
        period = default;
        switch (_kind)
        {
            case 2:
                if (_period.Unit != calendar.Unit || _period.FiscalYearStartMonth != calendar.FiscalYearStartMonth)
                {
                    return $"period {_period} is a {Describe(_period.Unit, _period.FiscalYearStartMonth)} period, but the cube's periods are {Describe(calendar.Unit, calendar.FiscalYearStartMonth)}";
                }

                period = _period;
                return null;
            case 1:
                return FromFirstDay(_period.FirstDay, calendar, out period);
            default:
                return FromText(_text, calendar, out period);
        }
    }

    private static string Describe(PeriodUnit unit, int fiscalStart) =>
        unit is PeriodUnit.FiscalQuarter or PeriodUnit.FiscalYear ? string.Create(CultureInfo.InvariantCulture, $"{unit} (fiscal year from month {fiscalStart})") : unit.ToString();

    private static string? FromFirstDay(DateOnly day, ReportingCalendar calendar, out ReportingPeriod period)
    {
        period = ReportingPeriod.Containing(day, calendar.Unit, calendar.FiscalYearStartMonth);
        if (period.FirstDay != day)
        {
            return string.Create(CultureInfo.InvariantCulture, $"period start {day:yyyy-MM-dd} is not the first day of a {Describe(calendar.Unit, calendar.FiscalYearStartMonth)} period (the period containing it is {period}, which starts on {period.FirstDay:yyyy-MM-dd}); give each period's first local day or its label");
        }

        return null;
    }

    private static string? FromText(string? text, ReportingCalendar calendar, out ReportingPeriod period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "the period is empty; give its label (e.g. " + Example(calendar) + ") or its first day as yyyy-MM-dd";
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
        {
            return FromFirstDay(day, calendar, out period);
        }

        foreach (DateOnly candidate in Candidates(text, calendar))
        {
            ReportingPeriod p = ReportingPeriod.Containing(candidate, calendar.Unit, calendar.FiscalYearStartMonth);
            if (string.Equals(p.ToString(), text, StringComparison.Ordinal))
            {
                period = p;
                return null;
            }
        }

        return $"period '{text}' is not a {Describe(calendar.Unit, calendar.FiscalYearStartMonth)} label; allowed are labels like {Example(calendar)} or a first day as yyyy-MM-dd";
    }

    private static string Example(ReportingCalendar calendar) => calendar.Unit switch
    {
        PeriodUnit.Day => "2026-03-05",
        PeriodUnit.IsoWeek => "2026-W09",
        PeriodUnit.Month => "2026-03",
        PeriodUnit.Quarter => "2026-Q1",
        PeriodUnit.Year => "2026",
        PeriodUnit.FiscalQuarter => "FY2026-Q2",
        _ => "FY2026",
    };

    /// <summary>Days that may lie in the period a label names; the label must round-trip through <see cref="ReportingPeriod.ToString"/>.</summary>
    private static IEnumerable<DateOnly> Candidates(string text, ReportingCalendar calendar)
    {
        static bool Int(string s, int start, int length, out int value) =>
            int.TryParse(s.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture, out value);

        var list = new List<DateOnly>();
        switch (calendar.Unit)
        {
            case PeriodUnit.IsoWeek when text.Length == 8 && text[4] == '-' && text[5] == 'W' && Int(text, 0, 4, out int y) && Int(text, 6, 2, out int w)
                && y >= 1 && w >= 1 && w <= ISOWeek.GetWeeksInYear(y):
                list.Add(DateOnly.FromDateTime(ISOWeek.ToDateTime(y, w, DayOfWeek.Monday)));
                break;
            case PeriodUnit.Month when text.Length == 7 && text[4] == '-' && Int(text, 0, 4, out int y) && Int(text, 5, 2, out int m) && y >= 1 && m is >= 1 and <= 12:
                list.Add(new DateOnly(y, m, 1));
                break;
            case PeriodUnit.Quarter when text.Length == 7 && text[4] == '-' && text[5] == 'Q' && Int(text, 0, 4, out int y) && Int(text, 6, 1, out int q) && y >= 1 && q is >= 1 and <= 4:
                list.Add(new DateOnly(y, ((q - 1) * 3) + 1, 1));
                break;
            case PeriodUnit.Year when text.Length == 4 && Int(text, 0, 4, out int y) && y >= 1:
                list.Add(new DateOnly(y, 1, 1));
                break;
            case PeriodUnit.FiscalQuarter when text.Length == 9 && text.StartsWith("FY", StringComparison.Ordinal) && text[6] == '-' && text[7] == 'Q'
                && Int(text, 2, 4, out int y) && Int(text, 8, 1, out int q) && y >= 1 && q is >= 1 and <= 4:
                AddFiscal(list, y, (q - 1) * 3, calendar.FiscalYearStartMonth);
                break;
            case PeriodUnit.FiscalYear when text.Length == 6 && text.StartsWith("FY", StringComparison.Ordinal) && Int(text, 2, 4, out int y) && y >= 1:
                AddFiscal(list, y, 0, calendar.FiscalYearStartMonth);
                break;
        }

        return list;
    }

    private static void AddFiscal(List<DateOnly> list, int year, int monthsIn, int startMonth)
    {
        // The fiscal year is named by the year it ends in; it starts in that year or the one before.
        for (int startYear = year - 1; startYear <= year; startYear++)
        {
            int index = (startYear * 12) + (startMonth - 1) + monthsIn;
            if (index >= 12 && index / 12 <= 9999)
            {
                list.Add(new DateOnly(index / 12, (index % 12) + 1, 1));
            }
        }
    }
}
