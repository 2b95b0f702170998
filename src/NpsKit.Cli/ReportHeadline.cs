using NpsKit.Aggregation;
using NpsKit.Statistics;

namespace NpsKit.Cli;

/// <summary>One comparison of the headline: the latest period against an earlier one.</summary>
/// <param name="Label">What the comparison is, in words ("vs previous month").</param>
/// <param name="Baseline">The earlier period.</param>
/// <param name="Comparison">The two-sample test (baseline → latest), or null when the earlier period has no answers
/// (weighted: fewer than two).</param>
/// <param name="AdjustedPValue">The p-value adjusted across the headline's tests; null without a computable test.</param>
internal sealed record HeadlineChange(string Label, ReportingPeriod Baseline, NpsComparison? Comparison, double? AdjustedPValue)
{
    /// <summary>Whether the change is significant after the adjustment at the report's level.</summary>
    public bool IsSignificant(double level) => AdjustedPValue is { } p && p < 1 - level;
}

/// <summary>
/// What a manager reads first: the latest period's NPS with its interval, its change against the previous period and
/// against the same period a year earlier, and whether each change is significant after the report's multiple-comparison
/// adjustment across the headline's (at most two) tests.
/// </summary>
/// <remarks>
/// The headline is a pre-specified family of its own: its tests are adjusted together (<see cref="MultipleComparisons"/>,
/// Holm 1979 by default), while the table and heat map adjust across every change test of the report — a change can be
/// significant in the headline and not in the table, and the page says so.
/// </remarks>
/// <param name="Period">The latest period with answers in the total.</param>
/// <param name="Count">Its number of answers.</param>
/// <param name="Score">Its NPS (weighted when the report is).</param>
/// <param name="Interval">Its confidence interval (the report's method, adjusted Wald by default), or null when it cannot be computed.</param>
/// <param name="IsTooSmall">Whether it has fewer answers than the report's minimum n.</param>
/// <param name="Changes">The comparisons, previous period first; empty when there is nothing to compare with.</param>
/// <param name="Tally">The latest period's unweighted tally (the 0–10 distribution).</param>
internal sealed record ReportHeadline(ReportingPeriod Period, long Count, double Score, NpsInterval? Interval, bool IsTooSmall, IReadOnlyList<HeadlineChange> Changes, NpsTally Tally)
{
    /// <summary>The headline of <paramref name="cube"/>'s total, or null when no period has answers.</summary>
    public static ReportHeadline? From(NpsCube cube, Report report)
    {
        ReportingPeriod? found = null;
        for (int i = cube.Periods.Count - 1; i >= 0 && found is null; i--)
        {
            if (cube.Tally(cube.Periods[i], SegmentPath.Total).HasScore)
            {
                found = cube.Periods[i];
            }
        }

        if (found is not { } latest)
        {
            return null;
        }

        NpsTally tally = cube.Tally(latest, SegmentPath.Total);
        var candidates = new List<(string Label, ReportingPeriod Baseline)> { ($"vs previous {ReportCharts.Unit(report.Unit)}", latest.Previous()) };
        if (report.Unit is not (PeriodUnit.Year or PeriodUnit.FiscalYear))
        {
            ReportingPeriod lastYear = SamePeriodLastYear(latest);
            candidates.Add(("vs same " + ReportCharts.Unit(report.Unit) + " last year", lastYear));
        }

        var comparisons = candidates
            .Where(c => cube.Periods.Contains(c.Baseline))
            .Select(c => (c.Label, c.Baseline, Comparison: Compare(cube, c.Baseline, latest, report.Level)))
            .ToList();
        double[] adjusted = MultipleComparisons.Adjust(
            [.. comparisons.Select(c => c.Comparison is { IsComputable: true } t ? t.PValue : double.NaN)], report.Adjustment);
        HeadlineChange[] changes = [.. comparisons.Select((c, i) => new HeadlineChange(c.Label, c.Baseline, c.Comparison, double.IsNaN(adjusted[i]) ? null : adjusted[i]))];

        if (cube.IsWeighted)
        {
            WeightedNpsTally w = cube.WeightedTally(latest, SegmentPath.Total);
            return new ReportHeadline(latest, tally.Count, w.Score, w.Count >= 2 ? w.ConfidenceInterval(report.Level, report.IntervalMethod) : null, tally.Count < cube.MinimumCount, changes, tally);
        }

        return new ReportHeadline(latest, tally.Count, tally.Score, tally.ConfidenceInterval(report.Level, report.IntervalMethod), tally.Count < cube.MinimumCount, changes, tally);
    }

    /// <summary>How many computable tests the headline adjusts across.</summary>
    public int TestCount => Changes.Count(c => c.Comparison is { IsComputable: true });

    /// <summary>The period of the same unit that holds the date one year before <paramref name="period"/>'s first day;
    /// for an ISO week, the week of the same number in the ISO year before (week 53 → week 52 when that year has 52).</summary>
    internal static ReportingPeriod SamePeriodLastYear(ReportingPeriod period)
    {
        if (period.Unit != PeriodUnit.IsoWeek)
        {
            return ReportingPeriod.Containing(period.FirstDay.AddYears(-1), period.Unit, period.FiscalYearStartMonth);
        }

        int week = Math.Min(period.Number, System.Globalization.ISOWeek.GetWeeksInYear(period.Year - 1));
        return ReportingPeriod.Containing(DateOnly.FromDateTime(System.Globalization.ISOWeek.ToDateTime(period.Year - 1, week, DayOfWeek.Monday)), PeriodUnit.IsoWeek);
    }

    /// <summary>The two-sample test of the total's <paramref name="baseline"/> against <paramref name="latest"/>, the
    /// same test the report's change column uses (weighted: the linearization test).</summary>
    private static NpsComparison? Compare(NpsCube cube, ReportingPeriod baseline, ReportingPeriod latest, double level)
    {
        if (cube.IsWeighted)
        {
            WeightedNpsTally before = cube.WeightedTally(baseline, SegmentPath.Total), now = cube.WeightedTally(latest, SegmentPath.Total);
            return before.Count >= 2 && now.Count >= 2 ? NpsTest.Compare(before, now, level) : null;
        }

        NpsTally b = cube.Tally(baseline, SegmentPath.Total), c = cube.Tally(latest, SegmentPath.Total);
        return b.HasScore ? NpsTest.Compare(b, c, level) : null;
    }
}
