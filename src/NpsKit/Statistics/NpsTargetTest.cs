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
        Z = z;
        Method = method;
        PValueGreater = Internal.Numerics.NormalUpperTail(z);
        PValueLess = Internal.Numerics.NormalUpperTail(-z);
        PValue = Math.Min(1, 2 * Math.Min(PValueGreater, PValueLess));
    }

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

    /// <summary>Gets the z statistic; positive when the data lie above the target. Infinite (never NaN) when the
    /// standard error is 0 and the data disagree with the target.</summary>
    public double Z { get; }

    /// <summary>Gets the two-sided p-value.</summary>
    public double PValue { get; }

    /// <summary>Gets the one-sided p-value for the alternative "true NPS &gt; target", 1 − Φ(z).</summary>
    public double PValueGreater { get; }

    /// <summary>Gets the one-sided p-value for the alternative "true NPS &lt; target", Φ(z).</summary>
    public double PValueLess { get; }

    /// <summary>Gets the test method.</summary>
    public NpsTestMethod Method { get; }

    /// <summary>Describes the test in invariant culture.</summary>
    /// <returns>For example <c>NPS +45.0 vs target +30.0: z 2.95, p 0.0032 (Score)</c>.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"NPS {Score:+0.0;-0.0;0.0} vs target {Target:+0.0;-0.0;0.0}: z {Z:0.00}, p {PValue:0.####} ({Method})");
}
