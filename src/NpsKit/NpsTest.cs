using NpsKit.Internal;
using NpsKit.Statistics;
using NpsKit.Statistics.Internal;

namespace NpsKit;

/// <summary>Significance tests for Net Promoter Scores: two independent samples, Bayesian comparison, one sample against a target.</summary>
/// <remarks>All inputs and outputs are on the NPS scale (−100..100). Every method is deterministic and thread-safe.</remarks>
public static class NpsTest
{
    /// <summary>
    /// Compares two independent samples, <c>current − baseline</c>, with the adjusted Wald test at the 95% level.
    /// The same as <c>Compare(baseline, current, 0.95, NpsTestMethod.AdjustedWald)</c>.
    /// </summary>
    /// <param name="baseline">The earlier or reference sample; not empty.</param>
    /// <param name="current">The later or compared sample; not empty.</param>
    /// <returns>The signed difference, its standard error, z, the two-sided p-value and a 95% interval.</returns>
    /// <exception cref="InvalidOperationException">A tally is empty; the message names which.</exception>
    /// <example><code>
    /// NpsComparison change = NpsTest.Compare(lastQuarter, thisQuarter);
    /// if (change.IsSignificant()) Console.WriteLine($"NPS moved by {change.Difference:+0.0;-0.0} points");
    /// </code></example>
    public static NpsComparison Compare(NpsTally baseline, NpsTally current) =>
        Compare(baseline, current, 0.95, NpsTestMethod.AdjustedWald);

    /// <summary>Compares two independent samples, <c>current − baseline</c>.</summary>
    /// <param name="baseline">The earlier or reference sample; not empty.</param>
    /// <param name="current">The later or compared sample; not empty.</param>
    /// <param name="level">The level of the interval of the difference, strictly between 0 and 1.</param>
    /// <param name="method"><see cref="NpsTestMethod.AdjustedWald"/> (default), <see cref="NpsTestMethod.Wald"/> or
    /// <see cref="NpsTestMethod.Score"/>.</param>
    /// <returns>The comparison.</returns>
    /// <remarks>
    /// Δ = NPS_current − NPS_baseline, SE = 100·√(V_b/n_b + V_c/n_c) with V = p + d − (p − d)², z = Δ/SE and
    /// p = 2(1 − Φ(|z|)) — the Wald test for a difference of two independent trinomial means (each variance as in Rocks 2016). The
    /// adjusted variant first adds 0.75/1.5/0.75 pseudo-answers to each group, as Agresti &amp; Caffo (2000,
    /// <i>The American Statistician</i> 54:280–288) do for two binomial proportions.
    /// <para><see cref="NpsTestMethod.Score"/>: the estimate is the observed Δ; the test uses the variance under H0 of
    /// identical category distributions, SE = 100·√(V_pooled(1/n_b + 1/n_c)) with V_pooled the unit variance of the two
    /// samples pooled (the pooled score test for two multinomial samples; for two binomials it is the classical pooled
    /// z-test); the interval is Newcombe's (1998, <i>Statistics in Medicine</i> 17:873–890) hybrid score interval, the
    /// MOVER construction of Zou &amp; Donner (2008, <i>Statistics in Medicine</i> 27:1693–1702) from the two Tango score
    /// intervals (l, u) of the groups: [Δ − √((c − l_c)² + (u_b − b)²), Δ + √((u_c − c)² + (b − l_b)²)]. It always
    /// contains Δ and stays sensible when a group has a single category. Its interval and test are not exact duals:
    /// near the 1 − level boundary the two can disagree.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1, or
    /// <paramref name="method"/> is undefined.</exception>
    /// <exception cref="InvalidOperationException">A tally is empty; the message names which.</exception>
    public static NpsComparison Compare(NpsTally baseline, NpsTally current, double level, NpsTestMethod method = NpsTestMethod.AdjustedWald)
    {
        NpsTally.RequireLevel(level, nameof(level));
        RequireNotEmpty(baseline, nameof(baseline));
        RequireNotEmpty(current, nameof(current));
        Trinomial b = Trinomial.From(baseline);
        Trinomial c = Trinomial.From(current);
        switch (method)
        {
            case NpsTestMethod.Wald:
                break;
            case NpsTestMethod.AdjustedWald:
                b = b.Plus(0.75, 1.5, 0.75);
                c = c.Plus(0.75, 1.5, 0.75);
                break;
            case NpsTestMethod.Score:
                return ScoreComparison(baseline, current, b, c, level);
            default:
                ThrowHelper.UnsupportedMethod(method.ToString(), "Compare", "NpsTestMethod.AdjustedWald, NpsTestMethod.Wald and NpsTestMethod.Score", nameof(method));
                break;
        }

        double estimate = c.Estimate - b.Estimate;
        double se = Math.Sqrt((b.UnitVariance / b.N) + (c.UnitVariance / c.N));
        return Build(baseline.Score, current.Score, estimate, se, level, method);
    }

    /// <summary>
    /// Compares two independent weighted samples, <c>current − baseline</c>, with the Wald test on the
    /// linearization standard errors (<see cref="WeightedNpsTally.StandardError"/>).
    /// </summary>
    /// <param name="baseline">The baseline weighted sample; at least two answers.</param>
    /// <param name="current">The current weighted sample; at least two answers.</param>
    /// <param name="level">The level of the interval of the difference, strictly between 0 and 1. Default 0.95.</param>
    /// <returns>The comparison; its <see cref="NpsComparison.Method"/> is <see cref="NpsTestMethod.Wald"/>.</returns>
    /// <remarks>SE = √(SE_b² + SE_c²), as R's <c>svyttest</c> would give for two independent designs.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    /// <exception cref="InvalidOperationException">A tally has fewer than two answers.</exception>
    public static NpsComparison Compare(WeightedNpsTally baseline, WeightedNpsTally current, double level = 0.95)
    {
        NpsTally.RequireLevel(level, nameof(level));
        double sb = baseline.StandardError / 100;
        double sc = current.StandardError / 100;
        double estimate = (current.Score - baseline.Score) / 100;
        return Build(baseline.Score, current.Score, estimate, Math.Sqrt((sb * sb) + (sc * sc)), level, NpsTestMethod.Wald);
    }

    /// <summary>
    /// Compares two independent survey-design samples (for example two waves drawn separately), <c>current − baseline</c>,
    /// with the Wald test on their design-based standard errors (<see cref="NpsSurveyDesign.StandardError"/>).
    /// </summary>
    /// <param name="baseline">The baseline design.</param>
    /// <param name="current">The current design.</param>
    /// <param name="level">The level of the interval of the difference, strictly between 0 and 1. Default 0.95.</param>
    /// <returns>The comparison (method <see cref="NpsTestMethod.Wald"/>); not computable when both SEs are 0.</returns>
    /// <remarks>SE = √(SE_b² + SE_c²): the two samples are independent, so their design variances add
    /// (Lumley 2010, <i>Complex Surveys</i>, §2.4). Segments of one design are not independent samples; compare those
    /// with a domain analysis instead.</remarks>
    /// <exception cref="ArgumentNullException">A design is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    /// <exception cref="InvalidOperationException">A stratum of either design has a single PSU.</exception>
    public static NpsComparison Compare(NpsSurveyDesign baseline, NpsSurveyDesign current, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        NpsTally.RequireLevel(level, nameof(level));
        double sb = baseline.StandardError / 100;
        double sc = current.StandardError / 100;
        double estimate = (current.Score - baseline.Score) / 100;
        return Build(baseline.Score, current.Score, estimate, Math.Sqrt((sb * sb) + (sc * sc)), level, NpsTestMethod.Wald);
    }

    /// <summary>
    /// Compares the same respondents in two waves (a paired comparison), <c>current − baseline</c>, from their
    /// 3 × 3 transition table.
    /// </summary>
    /// <param name="transitions">The matched respondents' transitions; at least one pair.</param>
    /// <param name="level">The level of the interval of the difference, strictly between 0 and 1. Default 0.95.</param>
    /// <returns>The comparison (method <see cref="NpsTestMethod.Wald"/>): <see cref="NpsComparison.Baseline"/> and
    /// <see cref="NpsComparison.Current"/> are the matched respondents' scores, the estimate is their difference.</returns>
    /// <remarks>
    /// Each pair i contributes dᵢ = yᵢ,current − yᵢ,baseline ∈ {−2, …, 2} (y = +1, 0, −1 for promoter, passive,
    /// detractor). Δ = mean(d) and Var(Δ) = (mean(d²) − Δ²)/n — the multinomial variance of a linear contrast of the
    /// nine cells of the transition table, equal to (V_b + V_c − 2·Cov_bc)/n; for a single binary category it is the
    /// variance of the difference of dependent proportions behind McNemar's test (Agresti 2013, <i>Categorical Data
    /// Analysis</i>, 3rd ed., Wiley, §11.1). When the two waves are independent (the table equals the product of its
    /// margins) it equals the independent-samples variance (V_b + V_c)/n; a positive correlation between waves — the
    /// usual case in panels — makes it smaller, which is why a paired design detects smaller changes. z = Δ/SE,
    /// p = 2(1 − Φ(|z|)), interval Δ ± z·SE clipped to ±200. When every respondent stayed in the same category the SE
    /// is 0 and the comparison cannot be computed (<see cref="NpsComparison.IsComputable"/>).
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="transitions"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    /// <exception cref="InvalidOperationException">No respondent is in both waves.</exception>
    public static NpsComparison ComparePaired(NpsTransitions transitions, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        NpsTally.RequireLevel(level, nameof(level));
        double n = transitions.Pairs;
        if (!(n > 0))
        {
            throw new InvalidOperationException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"No respondent answered in both waves ({transitions.OnlyInBaseline} only in the baseline, {transitions.OnlyInCurrent} only in the current wave): check that the respondent ids match."));
        }

        ReadOnlySpan<long> cells = transitions.Cells;
        ReadOnlySpan<double> y = [1, 0, -1];
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double d = y[j] - y[i];
                sum += cells[(3 * i) + j] * d;
                sumSquares += cells[(3 * i) + j] * d * d;
            }
        }

        double mean = sum / n;
        double variance = Math.Max(0, (sumSquares / n) - (mean * mean)) / n;
        return Build(transitions.Baseline.Score, transitions.Current.Score, mean, Math.Sqrt(variance), level, NpsTestMethod.Wald);
    }

    /// <summary>
    /// The posterior probability that the current sample's true NPS exceeds the baseline's, under independent
    /// Dirichlet(a, a, a) priors.
    /// </summary>
    /// <param name="baseline">The baseline sample; not empty.</param>
    /// <param name="current">The current sample; not empty.</param>
    /// <param name="priorConcentration">The prior concentration a, at least 0.25. Default 0.5 (Jeffreys).</param>
    /// <returns>P(θP,c − θD,c &gt; θP,b − θD,b | data), from 0 to 1.</returns>
    /// <remarks>
    /// The Bayesian comparison of Costa &amp; Ponte (2023). Computed deterministically as
    /// ∫ f_b(t)·(1 − F_c(t)) dt by nested one-dimensional quadrature of the exact posterior distributions of the two
    /// differences (see <see cref="NpsIntervalMethod.Bayesian"/>); accurate to about 1e−8. Costs a few milliseconds.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="priorConcentration"/> is below 0.25 or not finite.</exception>
    /// <exception cref="InvalidOperationException">A tally is empty; the message names which.</exception>
    public static double ProbabilityOfIncrease(NpsTally baseline, NpsTally current, double priorConcentration = 0.5)
    {
        if (!(double.IsFinite(priorConcentration) && priorConcentration >= NpsIntervalOptions.MinimumExactPriorConcentration))
        {
            ThrowHelper.OutOfRange(priorConcentration, "prior concentration", "it must be finite and at least 0.25, the smallest prior the exact quadrature is verified for (0.5 is Jeffreys' prior, 1 the uniform prior)", nameof(priorConcentration));
        }

        RequireNotEmpty(baseline, nameof(baseline));
        RequireNotEmpty(current, nameof(current));
        double a = priorConcentration;
        var b = new DirichletDifference(baseline.Promoters + a, baseline.Passives + a, baseline.Detractors + a);
        var c = new DirichletDifference(current.Promoters + a, current.Passives + a, current.Detractors + a);
        return DirichletDifference.ProbabilityGreater(c, b);
    }

    /// <summary>Tests one sample against a target NPS (H0: true NPS = <paramref name="target"/>).</summary>
    /// <param name="tally">The sample; not empty.</param>
    /// <param name="target">The target NPS, from −100 to +100.</param>
    /// <param name="method"><see cref="NpsTestMethod.Score"/> (default), <see cref="NpsTestMethod.Wald"/> or
    /// <see cref="NpsTestMethod.AdjustedWald"/>.</param>
    /// <returns>The test, with two-sided and one-sided p-values.</returns>
    /// <remarks>
    /// Score (Tango 1998, <i>Statistics in Medicine</i> 17:891–908): z = (P − D − nδ) / √(n(2q̂ + δ(1 − δ))) with δ the
    /// target on the −1..1 scale and q̂ the restricted maximum-likelihood detractor share; its variance is taken under
    /// H0, so it stays valid when the sample has a single category. Wald: z = (p − d − δ) / √(V/n).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is outside −100..100 or not finite, or
    /// <paramref name="method"/> is undefined.</exception>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public static NpsTargetTest AgainstTarget(NpsTally tally, double target, NpsTestMethod method = NpsTestMethod.Score)
    {
        if (!(target >= -100 && target <= 100))
        {
            ThrowHelper.OutOfRange(target, "target score", "it must be a finite NPS from -100 to +100", nameof(target));
        }

        RequireNotEmpty(tally, nameof(tally));
        Trinomial t = Trinomial.From(tally);
        double delta = target / 100;
        double z;
        double se;
        switch (method)
        {
            case NpsTestMethod.Score:
                z = IntervalMath.TangoStatistic(t, delta);
                se = Math.Sqrt(IntervalMath.TangoNullUnitVariance(t, delta) / t.N);
                break;
            case NpsTestMethod.Wald:
            case NpsTestMethod.AdjustedWald:
                Trinomial used = method == NpsTestMethod.Wald ? t : t.Plus(0.75, 1.5, 0.75);
                se = Math.Sqrt(used.UnitVariance / used.N);
                z = Ratio(used.Estimate - delta, se);
                break;
            default:
                ThrowHelper.UnsupportedMethod(((int)method).ToString(System.Globalization.CultureInfo.InvariantCulture), "AgainstTarget", "the values of NpsTestMethod", nameof(method));
                return null!;
        }

        return new NpsTargetTest(tally.Score, target, 100 * se, z, method);
    }

    private static NpsComparison ScoreComparison(in NpsTally baseline, in NpsTally current, in Trinomial b, in Trinomial c, double level)
    {
        double delta = c.Estimate - b.Estimate;
        var pooled = new Trinomial(b.Promoters + c.Promoters, b.Passives + c.Passives, b.Detractors + c.Detractors);
        double se = Math.Sqrt(pooled.UnitVariance * ((1 / b.N) + (1 / c.N)));
        double zc = Numerics.TwoSidedCritical(level);
        (double lb, double ub) = IntervalMath.Score(b, zc);
        (double lc, double uc) = IntervalMath.Score(c, zc);
        double lower = delta - Math.Sqrt(((c.Estimate - lc) * (c.Estimate - lc)) + ((ub - b.Estimate) * (ub - b.Estimate)));
        double upper = delta + Math.Sqrt(((uc - c.Estimate) * (uc - c.Estimate)) + ((b.Estimate - lb) * (b.Estimate - lb)));
        if (!(se > 0))
        {
            var whole = new NpsInterval(-200, 200, level, NpsIntervalMethod.Score);
            return new NpsComparison(baseline.Score, current.Score, 100 * delta, 0, 0, 1, whole, NpsTestMethod.Score);
        }

        double z = delta / se;
        double p = Math.Min(1, 2 * Numerics.NormalUpperTail(Math.Abs(z)));
        var interval = new NpsInterval(100 * Math.Clamp(lower, -2, 2), 100 * Math.Clamp(upper, -2, 2), level, NpsIntervalMethod.Score);
        return new NpsComparison(baseline.Score, current.Score, 100 * delta, 100 * se, z, p, interval, NpsTestMethod.Score);
    }

    private static NpsComparison Build(double baseline, double current, double estimate, double se, double level, NpsTestMethod method)
    {
        if (!(se > 0))
        {
            // No estimate of the uncertainty: not computable (z 0, p 1, the whole range), never z = ±∞ and p = 0.
            var whole = new NpsInterval(-200, 200, level, method == NpsTestMethod.Wald ? NpsIntervalMethod.Wald : NpsIntervalMethod.AdjustedWald);
            return new NpsComparison(baseline, current, 100 * estimate, 0, 0, 1, whole, method);
        }

        double z = estimate / se;
        double p = Math.Min(1, 2 * Numerics.NormalUpperTail(Math.Abs(z)));
        double half = Numerics.TwoSidedCritical(level) * se;
        var interval = new NpsInterval(
            100 * Math.Clamp(estimate - half, -2, 2),
            100 * Math.Clamp(estimate + half, -2, 2),
            level,
            method == NpsTestMethod.Wald ? NpsIntervalMethod.Wald : NpsIntervalMethod.AdjustedWald);
        return new NpsComparison(baseline, current, 100 * estimate, 100 * se, z, p, interval, method);
    }

    private static double Ratio(double estimate, double se) =>
        se > 0 ? estimate / se : Math.Abs(estimate) < 1e-15 ? 0 : estimate > 0 ? double.PositiveInfinity : double.NegativeInfinity;

    private static void RequireNotEmpty(in NpsTally tally, string paramName)
    {
        if (!tally.HasScore)
        {
            ThrowHelper.EmptyTallyFor("score to compare", paramName);
        }
    }
}
