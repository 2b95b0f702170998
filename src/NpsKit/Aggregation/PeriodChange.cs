namespace NpsKit.Aggregation;

/// <summary>
/// The change of one segment's NPS from one period to the next: both tallies and the difference in NPS points.
/// </summary>
/// <remarks>
/// <para>The difference is current − baseline on the −100..100 scale; it exists only when both periods have answers
/// (<see cref="HasDifference"/>). Whether a change is statistically significant is a question for the two tallies:
/// pass <see cref="Baseline"/> and <see cref="Current"/> to the two-sample test of the statistics area.</para>
/// <para>This type is an immutable value and is thread-safe.</para>
/// </remarks>
public readonly record struct PeriodChange
{
    // TODO(statistics merge): attach the significance test here, in this one place. When NpsTest.Compare(NpsTally
    // baseline, NpsTally current) -> NpsComparison lands, add
    //     public NpsComparison Compare() => NpsTest.Compare(Baseline, Current);
    // (or a lazily computed Comparison property), and mention it in docs/aggregation.md ("change vs previous period").
    // Series.Changes() builds every PeriodChange through this constructor, so nothing else needs to change.

    /// <summary>Makes a change from two consecutive cells of one segment.</summary>
    /// <param name="segment">The segment.</param>
    /// <param name="previousPeriod">The earlier period.</param>
    /// <param name="period">The later period.</param>
    /// <param name="baseline">The earlier period's tally.</param>
    /// <param name="current">The later period's tally.</param>
    /// <param name="isBelowMinimumCount">Whether either tally is below the minimum count.</param>
    internal PeriodChange(SegmentPath segment, ReportingPeriod previousPeriod, ReportingPeriod period, NpsTally baseline, NpsTally current, bool isBelowMinimumCount)
    {
        Segment = segment;
        PreviousPeriod = previousPeriod;
        Period = period;
        Baseline = baseline;
        Current = current;
        IsBelowMinimumCount = isBelowMinimumCount;
    }

    /// <summary>Gets the segment.</summary>
    public SegmentPath Segment { get; }

    /// <summary>Gets the earlier period.</summary>
    public ReportingPeriod PreviousPeriod { get; }

    /// <summary>Gets the later period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>Gets the earlier period's tally (the baseline).</summary>
    public NpsTally Baseline { get; }

    /// <summary>Gets the later period's tally.</summary>
    public NpsTally Current { get; }

    /// <summary>Gets a value indicating whether either tally has fewer answers than the minimum count.</summary>
    public bool IsBelowMinimumCount { get; }

    /// <summary>Gets a value indicating whether both periods have answers, so the difference exists.</summary>
    public bool HasDifference => Baseline.HasScore && Current.HasScore;

    /// <summary>Gets the change in NPS points, current − baseline (−200..200).</summary>
    /// <exception cref="InvalidOperationException">A period has no answers (check <see cref="HasDifference"/>).</exception>
    public double Difference
    {
        get
        {
            if (!TryGetDifference(out double difference))
            {
                throw new InvalidOperationException(
                    $"The change from {PreviousPeriod} to {Period} for {Segment} has no difference: {(Baseline.HasScore ? Period.ToString() : PreviousPeriod.ToString())} has no answers. Check HasDifference first, or use TryGetDifference.");
            }

            return difference;
        }
    }

    /// <summary>Gets the change in NPS points if both periods have answers.</summary>
    /// <param name="difference">Current − baseline when this returns <see langword="true"/>; otherwise 0.</param>
    /// <returns><see langword="true"/> when both tallies are non-empty.</returns>
    public bool TryGetDifference(out double difference)
    {
        if (Baseline.TryGetScore(out double before) && Current.TryGetScore(out double after))
        {
            difference = after - before;
            return true;
        }

        difference = 0;
        return false;
    }
}
