using NpsKit.Internal;
using NpsKit.Statistics;
using NpsKit.Statistics.Internal;

namespace NpsKit;

/// <summary>Variance, standard error and confidence intervals of the tally's NPS.</summary>
public readonly partial struct NpsTally
{
    /// <summary>
    /// Gets the variance of a single answer coded +100 (promoter), 0 (passive) or −100 (detractor):
    /// 100² × V with V = p + d − (p − d)², where p and d are the promoter and detractor shares.
    /// </summary>
    /// <remarks>
    /// Each answer is a trinomial variable X ∈ {+1, 0, −1}; E X = p − d and E X² = p + d, so
    /// Var X = p + d − (p − d)² (Rocks 2016, <i>The American Statistician</i> 70:365–372). Formulas that
    /// add the two binomial variances (p(1 − p) + d(1 − d)) drop the +2pd covariance term and understate the
    /// variance. Ranges from 0 (all answers in one category) to 10 000 (half promoters, half detractors).
    /// </remarks>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double UnitVariance
    {
        get
        {
            RequireScore("unit variance");
            return 10_000 * Trinomial.From(this).UnitVariance;
        }
    }

    /// <summary>Gets the sampling variance of <see cref="Score"/>: <see cref="UnitVariance"/> / n, in squared NPS points.</summary>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double Variance
    {
        get
        {
            RequireScore("variance");
            return UnitVariance / Count;
        }
    }

    /// <summary>Gets the standard error of <see cref="Score"/>: 100 × √(V / n), in NPS points.</summary>
    /// <remarks>The estimated (Wald) standard error; R: <c>100 * sqrt((p + d - (p - d)^2) / n)</c>.</remarks>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double StandardError
    {
        get
        {
            RequireScore("standard error");
            return Math.Sqrt(Variance);
        }
    }

    /// <summary>Gets the standard error of <see cref="Score"/> if the tally has any answers.</summary>
    /// <param name="standardError">100 × √(V / n) when this returns <see langword="true"/>; otherwise 0.</param>
    /// <returns><see langword="true"/> when the tally is not empty.</returns>
    public bool TryGetStandardError(out double standardError)
    {
        if (!HasScore)
        {
            standardError = 0;
            return false;
        }

        standardError = StandardError;
        return true;
    }

    /// <summary>Gets the Wald margin of error z × <see cref="StandardError"/> at <paramref name="level"/>, in NPS points.</summary>
    /// <param name="level">The confidence level, strictly between 0 and 1. Default 0.95 (z = 1.959964).</param>
    /// <returns>The half-width of the Wald interval (before clipping to the scale).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double MarginOfError(double level = 0.95)
    {
        RequireLevel(level, nameof(level));
        return Numerics.TwoSidedCritical(level) * StandardError;
    }

    /// <summary>Computes a confidence interval for the NPS.</summary>
    /// <param name="level">The confidence level, strictly between 0 and 1. Default 0.95.</param>
    /// <param name="method">The method; default <see cref="NpsIntervalMethod.AdjustedWald"/>. The methods' other
    /// parameters take their defaults (see <see cref="NpsIntervalOptions"/>).</param>
    /// <returns>The interval on the −100..100 scale, clipped to it.</returns>
    /// <remarks>
    /// See <see cref="NpsIntervalMethod"/> for the formulas and sources and docs/statistics.md for which to use.
    /// With z = Φ⁻¹((1 + level)/2): Wald is 100 × [(p − d) ± z√(V/n)]; adjusted Wald is the same after adding
    /// 0.75/1.5/0.75 pseudo-answers; Score inverts Tango's (1998) test; Bayesian is the equal-tailed
    /// Dirichlet(½, ½, ½)-posterior interval of θP − θD by exact quadrature; Bootstrap is the percentile interval of
    /// 2 000 seeded multinomial resamples. Deterministic for every method. Thread-safe.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1, or
    /// <paramref name="method"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    /// <example><code>
    /// var tally = NpsTally.FromCounts(promoters: 60, passives: 25, detractors: 15);   // NPS +45
    /// NpsInterval ci = tally.ConfidenceInterval();                                        // [+29.343, +58.036] (95% AdjustedWald)
    /// </code></example>
    public NpsInterval ConfidenceInterval(double level = 0.95, NpsIntervalMethod method = default)
    {
        RequireLevel(level, nameof(level));
        if (!Enum.IsDefined(method))
        {
            ThrowHelper.UnsupportedMethod(((int)method).ToString(System.Globalization.CultureInfo.InvariantCulture), "ConfidenceInterval", "the values of NpsIntervalMethod", nameof(method));
        }

        return ConfidenceInterval(NpsIntervalOptions.For(level, method));
    }

    /// <summary>Computes a confidence interval for the NPS with every setting given by <paramref name="options"/>.</summary>
    /// <param name="options">The level, method and method parameters.</param>
    /// <returns>The interval on the −100..100 scale.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has invalid settings; the message lists them all.</exception>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public NpsInterval ConfidenceInterval(NpsIntervalOptions options) => ConfidenceInterval(options, CancellationToken.None);

    /// <summary>Computes a confidence interval for the NPS with every setting given by <paramref name="options"/>,
    /// stopping early when <paramref name="cancellationToken"/> is cancelled (the bootstrap checks it every 64
    /// resamples; the other methods finish in bounded time and do not check it).</summary>
    /// <param name="options">The level, method and method parameters.</param>
    /// <param name="cancellationToken">Cancels a long bootstrap.</param>
    /// <returns>The interval on the −100..100 scale.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has invalid settings; the message lists them all.</exception>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public NpsInterval ConfidenceInterval(NpsIntervalOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        RequireScore("confidence interval");
        (double lower, double upper) = IntervalEngine.Compute(Trinomial.From(this), options, this, double.NaN, cancellationToken);
        return new NpsInterval(100 * lower, 100 * upper, options.Level, options.Method);
    }

    internal static void RequireLevel(double level, string paramName)
    {
        if (!(level > 0 && level < 1))
        {
            ThrowHelper.InvalidLevel(level, paramName);
        }
    }

    private void RequireScore(string what)
    {
        if (!HasScore)
        {
            ThrowHelper.EmptyTally(what);
        }
    }
}
