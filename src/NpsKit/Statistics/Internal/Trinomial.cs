namespace NpsKit.Statistics.Internal;

/// <summary>
/// Category counts (promoters, passives, detractors) as real numbers, so the same formulas serve integer tallies and
/// the Kish-effective counts of weighted tallies. All results are on the −1..1 scale.
/// </summary>
internal readonly record struct Trinomial(double Promoters, double Passives, double Detractors)
{
    public double N => Promoters + Passives + Detractors;

    /// <summary>The estimate p − d.</summary>
    public double Estimate => (Promoters - Detractors) / N;

    /// <summary>Unit variance V = p + d − (p − d)², the variance of one answer coded +1/0/−1.</summary>
    public double UnitVariance
    {
        get
        {
            double n = N;
            double p = Promoters / n;
            double d = Detractors / n;
            return Math.Max(0, p + d - ((p - d) * (p - d)));
        }
    }

    public static Trinomial From(in NpsTally tally) => new(tally.Promoters, tally.Passives, tally.Detractors);

    public Trinomial Plus(double promoters, double passives, double detractors) =>
        new(Promoters + promoters, Passives + passives, Detractors + detractors);
}

/// <summary>The interval formulas on the −1..1 scale. Each returns (lower, upper) clipped to [−1, 1].</summary>
internal static class IntervalMath
{
    /// <summary>Bisection stops when the bracket is narrower than this (far below the 1e−9 promised).</summary>
    private const double RootTolerance = 1e-13;

    public static (double Lower, double Upper) Wald(in Trinomial t, double z)
    {
        double est = t.Estimate;
        double se = Math.Sqrt(t.UnitVariance / t.N);
        return Clip(est - (z * se), est + (z * se));
    }

    /// <summary>Wald from an estimate and a standard error computed elsewhere (weighted linearization).</summary>
    public static (double Lower, double Upper) Wald(double estimate, double standardError, double z) =>
        Clip(estimate - (z * standardError), estimate + (z * standardError));

    public static (double Lower, double Upper) AdjustedWald(in Trinomial t, double z, double promoters, double passives, double detractors) =>
        Wald(t.Plus(promoters, passives, detractors), z);

    /// <summary>
    /// Tango (1998) score statistic for H0: θP − θD = δ, with the restricted maximum-likelihood estimate of θD.
    /// Positive when the data lie above δ; ±∞ where the restricted variance vanishes and the data disagree.
    /// </summary>
    public static double TangoStatistic(in Trinomial t, double delta)
    {
        double n = t.N;
        double variance = n * TangoNullUnitVariance(t, delta);
        double numerator = t.Promoters - t.Detractors - (n * delta);
        if (!(variance > 0))
        {
            return Math.Abs(numerator) <= 1e-12 * n ? 0 : numerator > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        return numerator / Math.Sqrt(variance);
    }

    /// <summary>
    /// The unit variance θP + θD − δ² at the restricted maximum-likelihood estimate under θP − θD = δ
    /// (Tango 1998): θD = q̂ = (B + √(B² + 8n·D·δ(1 − δ))) / 4n with B = P + D − (2n − P + D)δ.
    /// </summary>
    public static double TangoNullUnitVariance(in Trinomial t, double delta)
    {
        double n = t.N;
        double b = t.Promoters;
        double c = t.Detractors;
        double bq = b + c - (((2 * n) - b + c) * delta);
        double disc = (bq * bq) + (8 * n * c * delta * (1 - delta));
        double q = (bq + Math.Sqrt(Math.Max(0, disc))) / (4 * n);
        q = Math.Clamp(q, Math.Max(0, -delta), Math.Max(0, (1 - delta) / 2));
        return Math.Max(0, (2 * q) + (delta * (1 - delta)));
    }

    public static (double Lower, double Upper) Score(in Trinomial t, double z)
    {
        double est = t.Estimate;
        double lower = SolveDecreasing(t, z, -1, est);
        double upper = SolveDecreasing(t, -z, est, 1);
        return (Math.Min(lower, est), Math.Max(upper, est));
    }

    /// <summary>Finds δ in [lo, hi] with T(δ) = target for the decreasing Tango statistic, by bisection.</summary>
    private static double SolveDecreasing(in Trinomial t, double target, double lo, double hi)
    {
        // T(lo) ≥ target ≥ T(hi) is the bracket; an end that already satisfies |T| ≤ z is the answer.
        if (TangoStatistic(t, lo) <= target)
        {
            return lo;
        }

        if (TangoStatistic(t, hi) >= target)
        {
            return hi;
        }

        while (hi - lo > RootTolerance)
        {
            double mid = 0.5 * (lo + hi);
            if (TangoStatistic(t, mid) > target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>Above this many answers <see cref="Exact"/> returns the Score interval.</summary>
    public const double ExactLimit = 1e6;

    /// <summary>
    /// The guaranteed-coverage interval (see <see cref="NpsIntervalMethod.Exact"/>): the exact test inversion of
    /// <see cref="ExactInversion"/> for integer counts up to its limit, Bonferroni-combined Clopper–Pearson above (and
    /// for non-integer counts), Score above <see cref="ExactLimit"/>.
    /// </summary>
    public static (double Lower, double Upper) Exact(in Trinomial t, double level)
    {
        double n = t.N;
        if (n > ExactLimit)
        {
            return Score(t, Numerics.TwoSidedCritical(level));
        }

        if (n <= ExactInversion.Limit && IsWhole(t.Promoters) && IsWhole(t.Passives) && IsWhole(t.Detractors))
        {
            return ExactInversion.Interval((int)t.Promoters, (int)t.Passives, (int)t.Detractors, level);
        }

        return BonferroniClopperPearson(t, level);
    }

    /// <summary>Each share's Clopper–Pearson interval at level 1 − α/2, combined as [p_L − d_U, p_U − d_L] (Bonferroni),
    /// rounded outwards by 1e−10: guaranteed, wider than the exact inversion; used above its limit and for the
    /// non-integer design-effective counts of weighted tallies.</summary>
    public static (double Lower, double Upper) BonferroniClopperPearson(in Trinomial t, double level)
    {
        double n = t.N;
        double alpha = 1 - level;
        (double pLow, double pHigh) = ClopperPearson(t.Promoters, n, alpha / 2);
        (double dLow, double dHigh) = ClopperPearson(t.Detractors, n, alpha / 2);
        return Clip(pLow - dHigh - 1e-10, pHigh - dLow + 1e-10);
    }

    private static bool IsWhole(double x) => x == Math.Floor(x);

    /// <summary>The Clopper–Pearson interval of x successes in n at level 1 − <paramref name="alpha"/>:
    /// the α/2 quantile of Beta(x, n − x + 1) and the 1 − α/2 quantile of Beta(x + 1, n − x).</summary>
    private static (double Lower, double Upper) ClopperPearson(double x, double n, double alpha)
    {
        double lower = x <= 0 ? 0 : BetaQuantile(x, n - x + 1, alpha / 2);
        double upper = x >= n ? 1 : BetaQuantile(x + 1, n - x, 1 - (alpha / 2));
        return (lower, upper);
    }

    /// <summary>The q-quantile of Beta(a, b) by bisection on the regularized incomplete beta, to 1e−15.</summary>
    private static double BetaQuantile(double a, double b, double q)
    {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 200 && hi - lo > 1e-15; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Numerics.BetaRegularized(a, b, mid) < q)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    public static (double Lower, double Upper) Clip(double lower, double upper) =>
        (Math.Clamp(lower, -1, 1), Math.Clamp(upper, -1, 1));
}
