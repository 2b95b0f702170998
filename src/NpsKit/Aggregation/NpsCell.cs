namespace NpsKit.Aggregation;

/// <summary>One cell of a cube or point of a series: a period, a segment, its tally, and whether it is too small to read.</summary>
/// <param name="Period">The period (for a rolling or cumulative series, the last period of the window).</param>
/// <param name="Segment">The segment; <see cref="SegmentPath.Total"/> for the overall total.</param>
/// <param name="Tally">The exact counts; empty (n = 0) for a period without answers — such cells are kept, never skipped.</param>
/// <param name="IsBelowMinimumCount"><see langword="true"/> when the tally has fewer answers than the minimum
/// (<see cref="AggregationOptions.MinimumCount"/>): show the count, but do not read the score.</param>
/// <remarks>This type is an immutable value and is thread-safe.</remarks>
public readonly record struct NpsCell(ReportingPeriod Period, SegmentPath Segment, NpsTally Tally, bool IsBelowMinimumCount)
{
    /// <summary>Describes the cell in invariant culture, e.g. <c>2026-10, department=Sales: NPS +28.2 (n = 864: 412 promoters, 240 passives, 212 detractors)</c>,
    /// ending in <c>, below minimum n</c> when <see cref="IsBelowMinimumCount"/>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => $"{Period}, {Segment}: {Tally}{(IsBelowMinimumCount ? ", below minimum n" : string.Empty)}";
}
