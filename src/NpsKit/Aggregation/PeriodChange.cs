using System.Globalization;

namespace NpsKit.Aggregation;

/// <summary>
/// The change of one segment's NPS from one period to the next: both tallies and the difference in NPS points.
/// </summary>
/// <remarks>
/// <para>The difference is current − baseline on the −100..100 scale; it exists only when both periods have answers
/// (<see cref="HasDifference"/>). <see cref="Compare()"/> tells whether the change is statistically significant, with the
/// two-sample test of <see cref="NpsTest"/>.</para>
/// <para>This type is an immutable value and is thread-safe.</para>
/// </remarks>
public readonly record struct PeriodChange
{
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

    /// <summary>Tests the change: <see cref="NpsTest.Compare(NpsTally, NpsTally)"/> of <see cref="Baseline"/> and
    /// <see cref="Current"/> (adjusted Wald, 95 %), with the signed difference, standard error, z, two-sided p and interval.</summary>
    /// <returns>The comparison.</returns>
    /// <exception cref="InvalidOperationException">Either period has no answers (<see cref="HasDifference"/> is <see langword="false"/>).</exception>
    public NpsComparison Compare() => NpsTest.Compare(Baseline, Current);

    /// <summary>Tests the change at another level or with another method; see <see cref="NpsTest.Compare(NpsTally, NpsTally, double, Statistics.NpsTestMethod)"/>.</summary>
    /// <param name="level">The confidence level of the interval, in (0, 1).</param>
    /// <param name="method">The test method.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="InvalidOperationException">Either period has no answers.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside (0, 1).</exception>
    public NpsComparison Compare(double level, Statistics.NpsTestMethod method = Statistics.NpsTestMethod.AdjustedWald) =>
        NpsTest.Compare(Baseline, Current, level, method);

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

    /// <summary>
    /// Describes the change in invariant culture, e.g. <c>Total, 2026-09 → 2026-10: +0.6 points (NPS +27.6 → +28.2, n = 847 → 864)</c>;
    /// <c>no difference</c> when a period has no answers, and <c>, below minimum n</c> when either tally is too small to read.
    /// </summary>
    /// <remarks>Overrides the record's generated text, which would read <see cref="Difference"/> and throw for an empty period.</remarks>
    /// <returns>A one-line description.</returns>
    public override string ToString()
    {
        string change = TryGetDifference(out double difference)
            ? string.Create(CultureInfo.InvariantCulture, $"{difference:+0.0;-0.0;0.0} points (NPS {Baseline.Score:+0.0;-0.0;0.0} → {Current.Score:+0.0;-0.0;0.0}, n = {Baseline.Count} → {Current.Count})")
            : string.Create(CultureInfo.InvariantCulture, $"no difference (n = {Baseline.Count} → {Current.Count})");
        return $"{Segment}, {PreviousPeriod} → {Period}: {change}{(IsBelowMinimumCount ? ", below minimum n" : string.Empty)}";
    }
}
