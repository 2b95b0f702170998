using System.Globalization;

namespace NpsKit.Drivers;

/// <summary>
/// One term of a change decomposition (a segment's mix or performance part): its estimate in NPS points, a delta-method
/// standard error, a normal interval and a two-sided p-value, raw and adjusted for the number of terms tested.
/// </summary>
/// <param name="Estimate">The term in NPS points (−200..200); the terms of a decomposition sum to its change.</param>
/// <param name="StandardError">The delta-method standard error in points; 0 for a term that is zero by construction.</param>
/// <param name="Lower">The lower bound of the interval at the decomposition's level, centred on <see cref="TestedEstimate"/>.</param>
/// <param name="Upper">The upper bound of the interval at the decomposition's level, centred on <see cref="TestedEstimate"/>.</param>
/// <param name="PValue">The two-sided p-value of the z-test that the term is zero, <see cref="TestedEstimate"/> / <see cref="StandardError"/>
/// (1 for a term that is zero by construction).</param>
/// <param name="AdjustedPValue">The p-value adjusted across every term of the decomposition (Holm by default).</param>
/// <param name="IsStructural">Whether the term is zero by construction (no mix with one segment; no performance part for a
/// segment present in only one of the two periods) and was left out of the tests.</param>
public readonly record struct ChangeTerm(
    double Estimate, double StandardError, double Lower, double Upper, double PValue, double AdjustedPValue, bool IsStructural)
{
    private readonly double? _tested;

    /// <summary>Gets the term evaluated at the shares with the adjusted-Wald pseudo-answers (0.75 promoters, 1.5 passives,
    /// 0.75 detractors per segment and period; Rocks 2016, Agresti &amp; Caffo 2000): the estimate the interval is centred on and
    /// the z-test divides by <see cref="StandardError"/>, as <see cref="NpsTest"/>'s adjusted-Wald comparison tests its
    /// <see cref="NpsComparison.Estimate"/>, not the raw difference.</summary>
    /// <value>Close to <see cref="Estimate"/> when the segment has many answers; shrunk towards zero when it has few, so a
    /// segment of three answers that went from all promoters to all detractors is not called a real change. At small n the
    /// interval may therefore exclude <see cref="Estimate"/>. Defaults to <see cref="Estimate"/> when not set.</value>
    public double TestedEstimate
    {
        get => _tested ?? Estimate;
        init => _tested = value;
    }

    /// <summary>Tells whether the term differs from zero after the multiple-comparison adjustment:
    /// <see cref="AdjustedPValue"/> &lt; <paramref name="alpha"/>.</summary>
    /// <param name="alpha">The familywise (Holm) or false-discovery (Benjamini–Hochberg) level, strictly between 0 and 1. Default 0.05.</param>
    /// <returns><see langword="true"/> when the adjusted p-value is below <paramref name="alpha"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not strictly between 0 and 1.</exception>
    public bool IsSignificant(double alpha = 0.05)
    {
        NpsTally.RequireLevel(alpha, nameof(alpha));
        return !IsStructural && AdjustedPValue < alpha;
    }

    /// <summary>Describes the term in invariant culture.</summary>
    /// <returns>For example <c>-2.4 [-3.9, -0.9] p 0.002 (adj. 0.01)</c>; p-values below 0.0001 as <c>&lt;0.0001</c>.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Estimate:+0.0;-0.0;0.0} [{Lower:+0.0;-0.0;0.0}, {Upper:+0.0;-0.0;0.0}] p {P(PValue)} (adj. {P(AdjustedPValue)})");

    private static string P(double p) => p < 0.0001 ? "<0.0001" : p.ToString("0.####", CultureInfo.InvariantCulture);
}
