namespace NpsKit.Aggregation;

/// <summary>One point of a weighted series: a period, a segment, its weighted tally, and whether it is too small to read.</summary>
/// <param name="Period">The period (for a rolling or cumulative window, the last period of the window).</param>
/// <param name="Segment">The segment; <see cref="SegmentPath.Total"/> for the overall total.</param>
/// <param name="Tally">The exact counts with Σw and Σw² per score; empty (n = 0) for a period without answers — such
/// points are kept, never skipped.</param>
/// <param name="IsBelowMinimumCount"><see langword="true"/> when the tally has fewer answers (unweighted) than the
/// minimum (<see cref="AggregationOptions.MinimumCount"/>): show the count, but do not read the score.</param>
/// <remarks>This type is an immutable value and is thread-safe.</remarks>
public readonly record struct WeightedNpsCell(ReportingPeriod Period, SegmentPath Segment, WeightedNpsTally Tally, bool IsBelowMinimumCount)
{
    /// <summary>Describes the point in invariant culture, like <see cref="NpsCell.ToString"/>, with the weighted tally.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => $"{Period}, {Segment}: {Tally}{(IsBelowMinimumCount ? ", below minimum n" : string.Empty)}";
}
