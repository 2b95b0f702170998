using NpsKit.Internal;
using NpsKit.Statistics;
using NpsKit.Statistics.Internal;

namespace NpsKit;

/// <summary>Design-based standard error and intervals of the weighted NPS.</summary>
public readonly partial struct WeightedNpsTally
{
    /// <summary>
    /// Gets the variance of one answer coded +100/0/−100 under the weighted shares: 100² × (p_w + d_w − (p_w − d_w)²).
    /// </summary>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double UnitVariance
    {
        get
        {
            RequireAnswers(1, "unit variance");
            return 10_000 * EffectiveCounts().UnitVariance;
        }
    }

    /// <summary>
    /// Gets the linearization (Taylor-series) standard error of the weighted NPS, in NPS points — the value R's
    /// <c>survey::svymean</c> reports for a one-stage design with these weights and no strata or clusters.
    /// </summary>
    /// <remarks>
    /// The weighted NPS is the ratio ŷ = Σwᵢyᵢ / Σwᵢ with yᵢ ∈ {+1, 0, −1}. Its linearized variance (Binder 1983,
    /// <i>International Statistical Review</i> 51:279–292; with-replacement estimator as in Lumley 2004,
    /// <i>Journal of Statistical Software</i> 9(8)) is n/(n − 1) · Σwᵢ²(yᵢ − ŷ)² / (Σwᵢ)². Because yᵢ takes three values,
    /// Σwᵢ²(yᵢ − ŷ)² = Σ_k W2_k (y_k − ŷ)² over the categories, with W2_k the category's sum of squared weights — so the
    /// exact design-based SE follows from the tally alone. With equal weights it equals 100·√(V/(n − 1)).
    /// R: <c>svymean(~y, svydesign(ids = ~1, weights = ~w, data = d))</c>.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The tally has fewer than two answers.</exception>
    public double StandardError
    {
        get
        {
            RequireAnswers(2, "linearization standard error");
            return 100 * LinearizationStandardError();
        }
    }

    /// <summary>Gets the linearization variance of the weighted NPS, <see cref="StandardError"/>², in squared NPS points.</summary>
    /// <exception cref="InvalidOperationException">The tally has fewer than two answers.</exception>
    public double Variance => StandardError * StandardError;

    /// <summary>Computes a confidence interval for the weighted NPS.</summary>
    /// <param name="level">The confidence level, strictly between 0 and 1. Default 0.95.</param>
    /// <param name="method">Any method but <see cref="NpsIntervalMethod.Bootstrap"/>. Default <see cref="NpsIntervalMethod.AdjustedWald"/>.</param>
    /// <returns>The interval on the −100..100 scale.</returns>
    /// <remarks>
    /// <see cref="NpsIntervalMethod.Wald"/> uses the linearization <see cref="StandardError"/> (the survey-package
    /// interval <c>confint(svymean(…))</c>). The other methods apply their formulas to the Kish-effective counts
    /// n_eff·p_w, n_eff·m_w, n_eff·d_w (Kish 1965, <i>Survey Sampling</i>, Wiley), the usual design-effect correction
    /// (Korn &amp; Graubard 1998 use the same device for binomial intervals).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1, or
    /// <paramref name="method"/> is <see cref="NpsIntervalMethod.Bootstrap"/> or undefined.</exception>
    /// <exception cref="InvalidOperationException">The tally is empty (or, for Wald, has fewer than two answers).</exception>
    public NpsInterval ConfidenceInterval(double level = 0.95, NpsIntervalMethod method = default)
    {
        NpsTally.RequireLevel(level, nameof(level));
        return ConfidenceInterval(NpsIntervalOptions.For(level, method));
    }

    /// <summary>Computes a confidence interval for the weighted NPS with every setting given by <paramref name="options"/>.</summary>
    /// <param name="options">The level, method and method parameters; the method must not be <see cref="NpsIntervalMethod.Bootstrap"/>.</param>
    /// <returns>The interval on the −100..100 scale.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has invalid settings, or asks for the bootstrap.</exception>
    /// <exception cref="InvalidOperationException">The tally is empty (or, for Wald, has fewer than two answers).</exception>
    public NpsInterval ConfidenceInterval(NpsIntervalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        RequireAnswers(options.Method == NpsIntervalMethod.Wald ? 2 : 1, "confidence interval");
        double waldSe = options.Method == NpsIntervalMethod.Wald ? LinearizationStandardError() : double.NaN;
        (double lower, double upper) = IntervalEngine.Compute(EffectiveCounts(), options, null, waldSe);
        return new NpsInterval(100 * lower, 100 * upper, options.Level, options.Method);
    }

    /// <summary>The Kish-effective category counts n_eff × weighted share.</summary>
    internal Trinomial EffectiveCounts()
    {
        double total = SumOfWeights;
        double nEff = EffectiveSampleSize;
        return new Trinomial(
            nEff * WeightOf(NpsCategory.Promoter) / total,
            nEff * WeightOf(NpsCategory.Passive) / total,
            nEff * WeightOf(NpsCategory.Detractor) / total);
    }

    private double LinearizationStandardError()
    {
        double total = SumOfWeights;
        double estimate = (WeightOf(NpsCategory.Promoter) - WeightOf(NpsCategory.Detractor)) / total;
        double sum = (SquaredWeightOf(NpsCategory.Promoter) * (1 - estimate) * (1 - estimate))
            + (SquaredWeightOf(NpsCategory.Passive) * estimate * estimate)
            + (SquaredWeightOf(NpsCategory.Detractor) * (1 + estimate) * (1 + estimate));
        double n = Count;
        return Math.Sqrt(n / (n - 1) * sum) / total;
    }

    private void RequireAnswers(long minimum, string what)
    {
        if (Count < minimum)
        {
            if (minimum <= 1)
            {
                ThrowHelper.EmptyTally(what);
            }

            ThrowHelper.TooFewAnswers(Count, minimum, what);
        }
    }
}
