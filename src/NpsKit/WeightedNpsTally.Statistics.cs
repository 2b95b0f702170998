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
            double total = ScaledTotal;
            return 10_000 * new Trinomial(ScaledWeightOf(NpsCategory.Promoter) / total, ScaledWeightOf(NpsCategory.Passive) / total, ScaledWeightOf(NpsCategory.Detractor) / total).UnitVariance;
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
    /// One variance serves every method and test: the linearization variance of <see cref="StandardError"/>.
    /// <see cref="NpsIntervalMethod.Wald"/> is ŷ ± z·SE (the survey-package interval <c>confint(svymean(…))</c>). The
    /// other methods apply their formulas to the design-effective counts n*·p_w, n*·m_w, n*·d_w with
    /// n* = V_w / SE² (V_w = p_w + d_w − (p_w − d_w)², SE on the −1..1 scale), the effective sample size of
    /// Korn &amp; Graubard (1998, <i>Survey Methodology</i> 24:193–201): the n whose simple-random-sample variance
    /// equals the design variance, so a Wald interval on those counts is exactly the linearization interval. (Kish's
    /// <see cref="EffectiveSampleSize"/> is an approximation of n* that ignores how the weights relate to the
    /// answers; using it gave a second, different variance.) When SE or V_w is 0 (one category, or one answer) n* falls
    /// back to Kish's n_eff.
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

    /// <summary>
    /// Gets the design-effective sample size n* = V_w / SE² of Korn &amp; Graubard (1998): the size of a simple random
    /// sample whose NPS would have the linearization variance of this weighted one. The counts every interval method
    /// but Wald uses are n* times the weighted shares. Kish's n_eff when the standard error is 0 or undefined.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double DesignEffectiveSampleSize
    {
        get
        {
            RequireAnswers(1, "design-effective sample size");
            return DesignEffectiveN();
        }
    }

    /// <summary>The design-effective category counts n* × weighted share (see <see cref="DesignEffectiveSampleSize"/>).</summary>
    internal Trinomial EffectiveCounts()
    {
        double total = ScaledTotal;
        double n = DesignEffectiveN();
        return new Trinomial(
            n * ScaledWeightOf(NpsCategory.Promoter) / total,
            n * ScaledWeightOf(NpsCategory.Passive) / total,
            n * ScaledWeightOf(NpsCategory.Detractor) / total);
    }

    private double ScaledTotal =>
        ScaledWeightOf(NpsCategory.Promoter) + ScaledWeightOf(NpsCategory.Passive) + ScaledWeightOf(NpsCategory.Detractor);

    private double DesignEffectiveN()
    {
        double total = ScaledTotal;
        double p = ScaledWeightOf(NpsCategory.Promoter) / total;
        double d = ScaledWeightOf(NpsCategory.Detractor) / total;
        double v = Math.Max(0, p + d - ((p - d) * (p - d)));
        if (Count >= 2 && v > 0)
        {
            double se = LinearizationStandardError();
            if (se > 0)
            {
                return v / (se * se);
            }
        }

        return EffectiveSampleSize;
    }

    private double LinearizationStandardError()
    {
        // On the stored (rescaled) sums: the ratio is invariant to scaling every weight, and Σw² cannot overflow.
        double total = ScaledTotal;
        double estimate = (ScaledWeightOf(NpsCategory.Promoter) - ScaledWeightOf(NpsCategory.Detractor)) / total;
        double sum = (ScaledSquaredWeightOf(NpsCategory.Promoter) * (1 - estimate) * (1 - estimate))
            + (ScaledSquaredWeightOf(NpsCategory.Passive) * estimate * estimate)
            + (ScaledSquaredWeightOf(NpsCategory.Detractor) * (1 + estimate) * (1 + estimate));
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
