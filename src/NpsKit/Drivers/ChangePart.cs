using NpsKit.Aggregation;

namespace NpsKit.Drivers;

/// <summary>One segment's share of a change in NPS: the part due to its share of answers changing (mix) and the part due
/// to its own NPS changing (performance).</summary>
/// <remarks>
/// <para>With wₜ the segment's share of the period's answers and Nₜ its NPS, w̄ = (w₀ + w₁)/2, N̄ = (N₀ + N₁)/2 and c the mean of
/// the two periods' overall NPS: <c>Mix = (w₁ − w₀)(N̄ − c)</c> and <c>Performance = w̄ (N₁ − N₀)</c>
/// (see <see cref="ChangeDecomposition"/> for the source and why the mix is centred on c).</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record ChangePart
{
    internal ChangePart(SegmentPath segment, NpsTally baseline, NpsTally current, double baselineShare, double currentShare, ChangeTerm mix, ChangeTerm performance, bool isSmallSample)
    {
        IsSmallSample = isSmallSample;
        Segment = segment;
        Baseline = baseline;
        Current = current;
        BaselineShare = baselineShare;
        CurrentShare = currentShare;
        Mix = mix;
        Performance = performance;
    }

    /// <summary>Gets the segment.</summary>
    public SegmentPath Segment { get; }

    /// <summary>Gets the segment's answers in the baseline period (empty when it had none).</summary>
    public NpsTally Baseline { get; }

    /// <summary>Gets the segment's answers in the current period (empty when it has none).</summary>
    public NpsTally Current { get; }

    /// <summary>Gets the segment's share of the baseline's answers, 0..1 (of the parent's base for <see cref="ChangeDecomposition.Within"/>: still of all answers).</summary>
    public double BaselineShare { get; }

    /// <summary>Gets the segment's share of the current period's answers, 0..1.</summary>
    public double CurrentShare { get; }

    /// <summary>Gets the mix part: the change due to the segment's share of answers changing, centred on the overall NPS
    /// (a growing segment that scores below average pulls the total down).</summary>
    public ChangeTerm Mix { get; }

    /// <summary>Gets the performance part: the change due to the segment's own NPS changing, at its average share.</summary>
    public ChangeTerm Performance { get; }

    /// <summary>Gets whether the segment has answers but fewer than <see cref="DecompositionOptions.MinimumCount"/> in the baseline
    /// or the current period: its normal interval and test are rough, and <see cref="NpsChangeDecomposition.Describe"/> says
    /// "too few answers to tell" instead of calling its parts significant.</summary>
    public bool IsSmallSample { get; }

    /// <summary>Gets <see cref="Mix"/> + <see cref="Performance"/> in points: this segment's share of the change.</summary>
    public double Contribution => Mix.Estimate + Performance.Estimate;
}
