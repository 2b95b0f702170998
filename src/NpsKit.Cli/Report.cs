using NpsKit.Aggregation;
using NpsKit.Statistics;

namespace NpsKit.Cli;

/// <summary>One line of a report: a period and segment with its NPS, interval and change.</summary>
internal sealed record ReportRow(
    string Period,
    string Segment,
    long Count,
    double? Nps,
    double? PromoterShare,
    double? PassiveShare,
    double? DetractorShare,
    NpsInterval? Interval,
    NpsComparison? Change,
    bool IsTooSmall)
{
    /// <summary>The change's p-value after the report's multiple-comparison adjustment; null without a computable test.</summary>
    public double? AdjustedPValue { get; init; }
}

/// <summary>A whole report: the rows plus the settings that produced them.</summary>
/// <remarks>When <paramref name="IsWeighted"/>, the NPS, shares, intervals and changes are weighted (linearization SE;
/// Kish's effective n behind the intervals) and n still counts answers.</remarks>
/// <remarks>The change p-values are adjusted across the whole report with <paramref name="Adjustment"/>
/// (see <see cref="ReportMultipleComparisons"/>).</remarks>
internal sealed record Report(IReadOnlyList<ReportRow> Rows, double Level, int MinimumCount, PeriodUnit Unit, bool IsSegmented, IReadOnlyList<string> Dimensions, bool IsWeighted = false, PValueAdjustment Adjustment = PValueAdjustment.Holm)
{
    /// <summary>The method of every interval in the report (<c>--interval</c>); adjusted Wald by default.</summary>
    public NpsIntervalMethod IntervalMethod { get; init; } = NpsIntervalMethod.AdjustedWald;

    /// <summary>Whether the answers' 0–10 scores are known; <see langword="false"/> for a file with only NPS groups, whose
    /// rows are counted by category (n, NPS, shares, intervals and changes are exact; no 0–10 histogram or mean exists).</summary>
    public bool HasScoreDetail { get; init; } = true;

    /// <summary>The report of a file without a time column: one row, the total over all answers.</summary>
    public static Report Total(NpsTally tally, double level, int minimumCount, NpsIntervalMethod method = NpsIntervalMethod.AdjustedWald) => new(
        [
            new ReportRow(
                "all",
                Label(SegmentPath.Total),
                tally.Count,
                tally.HasScore ? tally.Score : null,
                tally.HasScore ? tally.PromoterShare : null,
                tally.HasScore ? tally.PassiveShare : null,
                tally.HasScore ? tally.DetractorShare : null,
                tally.HasScore ? tally.ConfidenceInterval(level, method) : null,
                null,
                tally.Count < minimumCount),
        ],
        level,
        minimumCount,
        PeriodUnit.Month,
        false,
        [])
    {
        IntervalMethod = method,
        HasScoreDetail = tally.HasScoreDetail,
    };

    /// <summary>The report of a single-period cube of a file without a time column: its period is shown as "all", like
    /// <see cref="Total"/>'s (the cube's period is a placeholder day's).</summary>
    public Report Undated() => this with { Rows = [.. Rows.Select(row => row with { Period = "all" })] };

    /// <summary>Builds the report of every segment of <paramref name="cube"/> (the total first when segmented).</summary>
    public static Report FromCube(NpsCube cube, double level, bool segmented, PValueAdjustment adjustment = PValueAdjustment.Holm, NpsIntervalMethod method = NpsIntervalMethod.AdjustedWald)
    {
        var rows = new List<ReportRow>();
        IEnumerable<SegmentPath> segments = segmented ? [SegmentPath.Total, .. cube.Segments] : [SegmentPath.Total];
        foreach (SegmentPath segment in segments)
        {
            NpsSeries series = cube.Series(segment);
            if (cube.IsWeighted)
            {
                AddWeighted(rows, cube, series, segment, level, method);
                continue;
            }

            var changes = series.Changes().ToDictionary(change => change.Period);
            foreach (NpsCell cell in series.Points)
            {
                NpsTally tally = cell.Tally;
                NpsComparison? change = changes.TryGetValue(cell.Period, out PeriodChange c) && c.HasDifference ? c.Compare(level) : null;
                rows.Add(new ReportRow(
                    cell.Period.ToString(),
                    Label(segment),
                    tally.Count,
                    tally.HasScore ? tally.Score : null,
                    tally.HasScore ? tally.PromoterShare : null,
                    tally.HasScore ? tally.PassiveShare : null,
                    tally.HasScore ? tally.DetractorShare : null,
                    tally.HasScore ? tally.ConfidenceInterval(level, method) : null,
                    change,
                    cell.IsBelowMinimumCount));
            }
        }

        return new Report(ReportMultipleComparisons.Adjust(rows, adjustment), level, cube.MinimumCount, cube.Calendar.Unit, segmented, cube.Dimensions, cube.IsWeighted, adjustment)
        {
            IntervalMethod = method,
            HasScoreDetail = cube.HasScoreDetail,
        };
    }

    /// <summary>The rows of one segment from the cube's weighted tallies; the change is against the period before,
    /// when both have answers (the weighted two-sample test).</summary>
    private static void AddWeighted(List<ReportRow> rows, NpsCube cube, NpsSeries series, SegmentPath segment, double level, NpsIntervalMethod method)
    {
        WeightedNpsTally? previous = null;
        foreach (NpsCell cell in series.Points)
        {
            WeightedNpsTally w = cube.WeightedTally(cell.Period, segment);
            bool has = w.HasScore;
            bool hasError = w.Count >= 2; // the linearization SE needs two answers (its n / (n − 1) factor)
            NpsComparison? change = hasError && previous is { Count: >= 2 } before ? NpsTest.Compare(before, w, level) : null;
            rows.Add(new ReportRow(
                cell.Period.ToString(),
                Label(segment),
                cell.Tally.Count,
                has ? w.Score : null,
                has ? w.PromoterShare : null,
                has ? w.PassiveShare : null,
                has ? w.DetractorShare : null,
                hasError ? w.ConfidenceInterval(level, method) : null,
                change,
                cell.IsBelowMinimumCount));
            previous = w;
        }
    }

    /// <summary>The segment's values joined with " / ", or "(all)" for the total.</summary>
    public static string Label(SegmentPath segment)
    {
        if (segment.IsTotal)
        {
            return "(all)";
        }

        var values = new string[segment.Depth];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = segment.ValueAt(i);
        }

        return string.Join(" / ", values);
    }
}
