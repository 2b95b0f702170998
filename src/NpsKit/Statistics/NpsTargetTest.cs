using System.Globalization;

namespace NpsKit.Statistics;

/// <summary>
/// A one-sample test of an NPS against a target score: H0 true NPS = <see cref="Target"/>. Made by
/// <see cref="NpsTest.AgainstTarget"/>. Immutable and thread-safe.
/// </summary>
public sealed record NpsTargetTest
{
    internal NpsTargetTest(double score, double target, double standardError, double z, NpsTestMethod method)
    {
        Score = score;
        Target = target;
        StandardError = standardError;
        Method = method;
        if (!(standardError > 0 && double.IsFinite(standardError)) || !double.IsFinite(z))
        {
            // A zero standard error is no evidence of certainty: the test cannot be computed (never z = ±∞, p = 0).
            Z = 0;
            PValueGreater = 1;
            PValueLess = 1;
            PValue = 1;
            return;
        }

        Z = z;
        PValueGreater = Internal.Numerics.NormalUpperTail(z);
        PValueLess = Internal.Numerics.NormalUpperTail(-z);
        PValue = Math.Min(1, 2 * Math.Min(PValueGreater, PValueLess));
    }

    /// <summary>
    /// Gets whether the test could be computed: <see langword="false"/> when its standard error is 0 (Wald on a tally
    /// with every answer in one category, or a target of ±100 under which the null variance vanishes). A zero
    /// standard error does not mean certainty — it means the method has no estimate of the uncertainty — so such a
    /// test reports <see cref="Z"/> = 0 and every p-value = 1 (no evidence either way), and <see cref="ToString"/>
    /// says that it cannot be computed. Use <see cref="NpsTestMethod.Score"/> (the default) or
    /// <see cref="NpsTestMethod.AdjustedWald"/>, which stay computable for targets strictly inside −100..100.
    /// </summary>
    public bool IsComputable => StandardError > 0 && double.IsFinite(StandardError);

    /// <summary>Gets the observed NPS, from −100 to +100.</summary>
    public double Score { get; }

    /// <summary>Gets the target NPS of the null hypothesis, from −100 to +100.</summary>
    public double Target { get; }

    /// <summary>Gets <see cref="Score"/> − <see cref="Target"/>.</summary>
    public double Difference => Score - Target;

    /// <summary>
    /// Gets the standard error used, in NPS points: estimated from the data for <see cref="NpsTestMethod.Wald"/>
    /// (and from the pseudo-count-adjusted data for <see cref="NpsTestMethod.AdjustedWald"/>); computed under the null
    /// hypothesis from the restricted maximum-likelihood shares for <see cref="NpsTestMethod.Score"/> (Tango 1998).
    /// </summary>
    public double StandardError { get; }

    /// <summary>Gets the z statistic; positive when the data lie above the target. Always finite: 0 when the test
    /// cannot be computed (<see cref="IsComputable"/>).</summary>
    public double Z { get; }

    /// <summary>Gets the two-sided p-value; 1 when the test cannot be computed (<see cref="IsComputable"/>).</summary>
    public double PValue { get; }

    /// <summary>Gets the one-sided p-value for the alternative "true NPS &gt; target", 1 − Φ(z).</summary>
    public double PValueGreater { get; }

    /// <summary>Gets the one-sided p-value for the alternative "true NPS &lt; target", Φ(z).</summary>
    public double PValueLess { get; }

    /// <summary>Gets the test method.</summary>
    public NpsTestMethod Method { get; }

    /// <summary>Describes the test in invariant culture.</summary>
    /// <returns>For example <c>NPS +45.0 vs target +30.0: z 2.95, p 0.0032 (Score)</c>, or
    /// <c>NPS +100.0 vs target +30.0: cannot be computed, the standard error is 0 (Wald)</c>.</returns>
    public override string ToString() => IsComputable
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"NPS {Score:+0.0;-0.0;0.0} vs target {Target:+0.0;-0.0;0.0}: z {Z:0.00}, p {PValue:0.####} ({Method})")
        : string.Create(
            CultureInfo.InvariantCulture,
            $"NPS {Score:+0.0;-0.0;0.0} vs target {Target:+0.0;-0.0;0.0}: cannot be computed, the standard error is 0 ({Method})");
}
