using System.Globalization;
using NpsKit.Statistics;

namespace NpsKit;

/// <summary>
/// The comparison of two independent NPS samples, <c>current − baseline</c>: the signed difference, its standard
/// error, the z statistic, the two-sided p-value and a confidence interval of the difference.
/// </summary>
/// <remarks>
/// Made by <see cref="NpsTest.Compare(NpsTally, NpsTally)"/>. All values are in NPS points; the difference lies in
/// −200..200. Swapping the two samples negates <see cref="Difference"/>, <see cref="Estimate"/>, <see cref="Z"/> and the
/// interval and keeps <see cref="PValue"/>. Immutable and thread-safe.
/// </remarks>
public sealed partial record NpsComparison
{
    internal NpsComparison(double baseline, double current, double estimate, double standardError, double z, double pValue, NpsInterval interval, NpsTestMethod method)
    {
        Baseline = baseline;
        Current = current;
        Estimate = estimate;
        StandardError = standardError;
        Z = z;
        PValue = pValue;
        Interval = interval;
        Method = method;
    }

    /// <summary>Gets the baseline sample's NPS, from −100 to +100.</summary>
    public double Baseline { get; }

    /// <summary>Gets the current sample's NPS, from −100 to +100.</summary>
    public double Current { get; }

    /// <summary>Gets the observed difference <see cref="Current"/> − <see cref="Baseline"/>: positive when the score rose.</summary>
    public double Difference => Current - Baseline;

    /// <summary>
    /// Gets the difference the test is built on: <see cref="Difference"/> for <see cref="NpsTestMethod.Wald"/> and
    /// <see cref="NpsTestMethod.Score"/>; the
    /// difference of the pseudo-count-adjusted scores for <see cref="NpsTestMethod.AdjustedWald"/> (slightly shrunk
    /// towards 0 at small n).
    /// </summary>
    public double Estimate { get; }

    /// <summary>Gets the standard error of the difference in NPS points: √(V₁/n₁ + V₂/n₂) (Wald, adjusted Wald), or
    /// √(V_pooled(1/n₁ + 1/n₂)) under the null hypothesis (Score); 0 when the test cannot be computed.</summary>
    public double StandardError { get; }

    /// <summary>Gets z = <see cref="Estimate"/> / <see cref="StandardError"/>. Always finite: 0 when the test cannot
    /// be computed (<see cref="IsComputable"/>).</summary>
    public double Z { get; }

    /// <summary>Gets the two-sided p-value 2·(1 − Φ(|z|)) for the hypothesis of equal scores; 1 when the test cannot
    /// be computed (<see cref="IsComputable"/>).</summary>
    public double PValue { get; }

    /// <summary>
    /// Gets whether the test could be computed: <see langword="false"/> when the standard error is 0, which happens
    /// with <see cref="NpsTestMethod.Wald"/> (or a weighted comparison) when each group has every answer in a single
    /// category. A zero standard error is not certainty — the method has no estimate of the uncertainty at all — so
    /// such a comparison reports <see cref="Z"/> = 0, <see cref="PValue"/> = 1 (no evidence either way, never
    /// "significant"), an <see cref="Interval"/> over the whole −200..200 range, and <see cref="ToString"/> says it
    /// cannot be computed. The default <see cref="NpsTestMethod.AdjustedWald"/> is always computable.
    /// </summary>
    public bool IsComputable => StandardError > 0 && double.IsFinite(StandardError);

    /// <summary>Gets the confidence interval of the difference, <see cref="Estimate"/> ± z·<see cref="StandardError"/>,
    /// clipped to −200..200 (Wald, adjusted Wald), or the MOVER interval of Newcombe (1998) around
    /// <see cref="Estimate"/> for <see cref="NpsTestMethod.Score"/>. It always contains <see cref="Estimate"/>; it is
    /// the whole −200..200 range when the test cannot be computed. Its <see cref="NpsInterval.Method"/> is
    /// <see cref="NpsIntervalMethod.AdjustedWald"/>, <see cref="NpsIntervalMethod.Wald"/> or
    /// <see cref="NpsIntervalMethod.Score"/>.</summary>
    public NpsInterval Interval { get; }

    /// <summary>Gets the test method.</summary>
    public NpsTestMethod Method { get; }

    /// <summary>Tells whether the difference is significant: <see cref="PValue"/> &lt; <paramref name="alpha"/>.</summary>
    /// <param name="alpha">The significance level, strictly between 0 and 1. Default 0.05.</param>
    /// <returns><see langword="true"/> when <see cref="PValue"/> is below <paramref name="alpha"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not strictly between 0 and 1.</exception>
    public bool IsSignificant(double alpha = 0.05)
    {
        NpsTally.RequireLevel(alpha, nameof(alpha));
        return PValue < alpha;
    }

    /// <summary>Returns the comparison with the samples swapped: every signed value negated.</summary>
    /// <returns>The comparison baseline − current.</returns>
    public NpsComparison Reversed() => new(
        Current, Baseline, -Estimate, StandardError, -Z, PValue, Interval with { Lower = -Interval.Upper, Upper = -Interval.Lower }, Method);

    /// <summary>Describes the comparison in invariant culture: the observed difference, then the estimate the test
    /// used with its standard error, z (= estimate / SE), p-value and the interval around that estimate.</summary>
    /// <returns>For example <c>observed Δ +6.0; estimate +5.8 (SE 3.1, z 1.87, p 0.061), 95% CI [-0.3, +11.9] AdjustedWald</c>,
    /// or <c>observed Δ -200.0; cannot be computed: the standard error is 0 (Wald)</c>.</returns>
    public override string ToString() => IsComputable
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"observed Δ {Difference:+0.0;-0.0;0.0}; estimate {Estimate:+0.0;-0.0;0.0} (SE {StandardError:0.0##}, z {Z:0.00}, p {PValue:0.####}), {Interval}")
        : string.Create(
            CultureInfo.InvariantCulture,
            $"observed Δ {Difference:+0.0;-0.0;0.0}; cannot be computed: the standard error is 0 ({Method})");
}
