using System.Globalization;

namespace NpsKit.Aggregation;

/// <summary>Settings for aggregating answers into a cube: reporting zone, period, minimum cell size and parallelism.</summary>
/// <remarks>Validated as a whole when used: every problem is reported in one <see cref="ArgumentException"/>.
/// This type is immutable and thread-safe.</remarks>
public sealed record AggregationOptions
{
    /// <summary>Initializes options with every default; set properties with an object initializer or <c>with</c>.</summary>
    public AggregationOptions()
    {
    }

    /// <summary>Gets the default options: months in UTC, minimum n 30, all cores.</summary>
    public static AggregationOptions Default { get; } = new();

    /// <summary>Gets the reporting time zone as an IANA id (e.g. <c>Europe/Copenhagen</c>).</summary>
    /// <value>Default <c>Etc/UTC</c>.</value>
    public string TimeZoneId { get; init; } = "Etc/UTC";

    /// <summary>Gets the period unit.</summary>
    /// <value>Default <see cref="PeriodUnit.Month"/>.</value>
    public PeriodUnit Period { get; init; } = PeriodUnit.Month;

    /// <summary>Gets the month (1–12) in which fiscal years start, for <see cref="PeriodUnit.FiscalQuarter"/> and
    /// <see cref="PeriodUnit.FiscalYear"/>.</summary>
    /// <value>Default 1 (January: the fiscal year is the calendar year).</value>
    public int FiscalYearStartMonth { get; init; } = 1;

    /// <summary>Gets the minimum number of answers for a cell to be read: smaller cells are flagged
    /// (<see cref="NpsCell.IsBelowMinimumCount"/>), their counts still shown, and left out of top/bottom rankings.</summary>
    /// <value>Default 30; 0 flags nothing.</value>
    public int MinimumCount { get; init; } = 30;

    /// <summary>Gets the most threads one aggregation uses; −1 means one per processor. Large tables are split into
    /// contiguous parts counted in parallel and merged exactly; small ones are counted on one thread.</summary>
    /// <value>Default −1.</value>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Gets a local date whose period the cube must include even if no answer falls in it, so a series can
    /// start with empty periods; answers before it are still counted.</summary>
    /// <value>Default <see langword="null"/>: the cube starts at the earliest answer's period.</value>
    public DateOnly? FirstDay { get; init; }

    /// <summary>Gets a local date whose period the cube must include even if no answer falls in it; answers after it
    /// are still counted.</summary>
    /// <value>Default <see langword="null"/>: the cube ends at the latest answer's period.</value>
    public DateOnly? LastDay { get; init; }

    /// <summary>Checks every setting and makes the reporting calendar.</summary>
    /// <returns>The calendar for <see cref="TimeZoneId"/>, <see cref="Period"/> and <see cref="FiscalYearStartMonth"/>.</returns>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid: <see cref="InvalidOptionsException.Problems"/> has each one (member, value, reason, what is allowed), and the message lists them all.</exception>
    public ReportingCalendar Validate()
    {
        var problems = new List<OptionProblem>();
        try
        {
            _ = ReportingCalendar.FindZone(TimeZoneId, nameof(TimeZoneId));
        }
        catch (ArgumentException ex)
        {
            problems.Add(new(nameof(TimeZoneId), TimeZoneId, "is not a known IANA time zone id", "an IANA time zone id such as Europe/Copenhagen, America/New_York or Etc/UTC", ex.Message));
        }

        CultureInfo invariant = CultureInfo.InvariantCulture;
        if ((uint)Period > (uint)PeriodUnit.FiscalYear)
        {
            problems.Add(new(nameof(Period), ((int)Period).ToString(invariant), "is not a PeriodUnit", "Day, IsoWeek, Month, Quarter, Year, FiscalQuarter or FiscalYear",
                string.Create(invariant, $"Period is {(int)Period}, which is not a PeriodUnit; use Day, IsoWeek, Month, Quarter, Year, FiscalQuarter or FiscalYear.")));
        }

        if (FiscalYearStartMonth is < 1 or > 12)
        {
            problems.Add(new(nameof(FiscalYearStartMonth), FiscalYearStartMonth.ToString(invariant), "is not a month number", "a month number from 1 (January) to 12 (December), e.g. 4 for April or 7 for July",
                string.Create(invariant, $"FiscalYearStartMonth is {FiscalYearStartMonth}: use a month number from 1 (January) to 12 (December), e.g. 4 for April or 7 for July.")));
        }

        if (MinimumCount < 0)
        {
            problems.Add(new(nameof(MinimumCount), MinimumCount.ToString(invariant), "is negative", "0 (flag nothing) or a positive number of answers",
                string.Create(invariant, $"MinimumCount is {MinimumCount}: use 0 (flag nothing) or a positive number of answers.")));
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            problems.Add(new(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism.ToString(invariant), "is not a thread count", "−1 (one thread per processor) or a positive number",
                string.Create(invariant, $"MaxDegreeOfParallelism is {MaxDegreeOfParallelism}: use −1 (one thread per processor) or a positive number.")));
        }

        if (FirstDay is DateOnly first && LastDay is DateOnly last && first > last)
        {
            problems.Add(new(nameof(FirstDay), first.ToString("yyyy-MM-dd", invariant), string.Create(invariant, $"is after LastDay {last:yyyy-MM-dd}"), "a FirstDay on or before LastDay (swap them)",
                string.Create(invariant, $"FirstDay {first:yyyy-MM-dd} is after LastDay {last:yyyy-MM-dd}: swap them.")));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(AggregationOptions), problems, "options");
        }

        return ReportingCalendar.FromTimeZoneId(TimeZoneId, Period, FiscalYearStartMonth);
    }

    internal int EffectiveParallelism => MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : MaxDegreeOfParallelism;
}
