namespace NpsKit.Statistics.Internal;

/// <summary>
/// The exact unconditional interval for θP − θD: the set of δ not rejected by two one-sided exact tests over the whole
/// trinomial, ordered by Tango's (1998) score statistic, with the nuisance parameter θD eliminated by maximisation —
/// the construction of Chan &amp; Zhang (1999, <i>Biometrics</i> 55:1202–1209) for two binomials, applied to the
/// trinomial (the same model as the matched-pairs difference of two proportions).
/// </summary>
/// <remarks>
/// For a candidate δ every outcome x = (P, M, D) of n answers gets T(x; δ); the upper p-value of the observed x₀ is
/// sup over θD of P(T(X; δ) ≥ T(x₀; δ)) and the lower one sup P(T ≤ T(x₀)), ties counted on both sides. δ is in the
/// interval when both exceed α/2, so each one-sided error is at most α/2 at every θD: the coverage is at least 1 − α
/// at any n and any true shares, provided the supremum is found. It is taken on a grid of θD refined by golden-section
/// search around the best grid point, and the bounds are found by a scan then bisection and rounded outwards.
/// O(n²) work per candidate δ, so it is used up to <see cref="Limit"/> answers (exact enumeration checks its coverage).
/// </remarks>
internal static class ExactInversion
{
    /// <summary>Above this many answers the Bonferroni-combined Clopper–Pearson interval (also guaranteed) is used.</summary>
    public const int Limit = 100;

    private const int NuisanceGrid = 32;
    private const int GoldenSteps = 12;
    private const int ScanSteps = 12;
    private const int BisectionSteps = 26;

    /// <summary>Terms below this are dropped by the row walk of <see cref="Probability"/>.</summary>
    private const double Negligible = 1e-24;

    private static readonly double LogNegligible = Math.Log(Negligible);

    /// <summary>Below this share the row walk's ratios could overflow; the sum is then taken term by term.</summary>
    private const double MinimumShare = 1e-12;

    /// <summary>The interval on the −1..1 scale for integer counts with n ≤ <see cref="Limit"/>.</summary>
    public static (double Lower, double Upper) Interval(int promoters, int passives, int detractors, double level)
    {
        int n = promoters + passives + detractors;
        var space = new OutcomeSpace(n);
        double estimate = (promoters - detractors) / (double)n;
        double half = (1 - level) / 2;
        double lower = promoters == 0 && passives == 0 ? -1 : Bound(space, promoters, detractors, half, -1, estimate, upperTail: true);
        double upper = detractors == 0 && passives == 0 ? 1 : Bound(space, promoters, detractors, half, 1, estimate, upperTail: false);
        return (Math.Max(-1, Math.Min(lower, estimate) - 1e-9), Math.Min(1, Math.Max(upper, estimate) + 1e-9));
    }

    /// <summary>Finds the accepted δ nearest to <paramref name="far"/> between it and the estimate (accepted).</summary>
    private static double Bound(OutcomeSpace space, int p0, int d0, double half, double far, double estimate, bool upperTail)
    {
        // Scan from the far end towards the estimate for the first accepted point, then bisect the step before it.
        double rejected = far;
        double accepted = estimate;
        for (int i = 1; i <= ScanSteps; i++)
        {
            double delta = far + ((estimate - far) * i / ScanSteps);
            if (i == ScanSteps || TailPValue(space, p0, d0, delta, upperTail) > half)
            {
                accepted = delta;
                rejected = far + ((estimate - far) * (i - 1) / ScanSteps);
                break;
            }
        }

        for (int i = 0; i < BisectionSteps; i++)
        {
            double mid = 0.5 * (rejected + accepted);
            if (TailPValue(space, p0, d0, mid, upperTail) > half)
            {
                accepted = mid;
            }
            else
            {
                rejected = mid;
            }
        }

        return rejected; // the outer end of the last bracket: conservative
    }

    /// <summary>sup over θD of P(T(X; δ) ≥ T(x₀; δ)) (upper tail) or P(T ≤ T(x₀)) (lower tail).</summary>
    private static double TailPValue(OutcomeSpace space, int p0, int d0, double delta, bool upperTail)
    {
        int n = space.N;
        double t0 = Statistic(p0, n - p0 - d0, d0, delta);
        double tolerance = 1e-9 * Math.Max(1, Math.Abs(t0));
        bool[] region = space.Region;
        int size = 0;
        for (int k = 0; k < space.Count; k++)
        {
            double t = Statistic(space.P[k], n - space.P[k] - space.D[k], space.D[k], delta);
            bool inside = upperTail ? t >= t0 - tolerance : t <= t0 + tolerance;
            region[k] = inside;
            size += inside ? 1 : 0;
        }

        if (size == space.Count)
        {
            return 1;
        }

        double qMin = Math.Max(0, -delta);
        double qMax = (1 - delta) / 2;
        double best = -1;
        int bestIndex = 0;
        for (int g = 0; g <= NuisanceGrid; g++)
        {
            double value = Probability(space, region, delta, qMin + ((qMax - qMin) * g / NuisanceGrid));
            if (value > best)
            {
                best = value;
                bestIndex = g;
            }
        }

        // Golden-section refinement on the two grid cells around the best point.
        double a = qMin + ((qMax - qMin) * Math.Max(0, bestIndex - 1) / NuisanceGrid);
        double b = qMin + ((qMax - qMin) * Math.Min(NuisanceGrid, bestIndex + 1) / NuisanceGrid);
        const double Ratio = 0.6180339887498949;
        double c = b - (Ratio * (b - a));
        double d = a + (Ratio * (b - a));
        double fc = Probability(space, region, delta, c);
        double fd = Probability(space, region, delta, d);
        for (int i = 0; i < GoldenSteps; i++)
        {
            if (fc > fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (Ratio * (b - a));
                fc = Probability(space, region, delta, c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (Ratio * (b - a));
                fd = Probability(space, region, delta, d);
            }
        }

        return Math.Max(best, Math.Max(fc, fd));
    }

    /// <summary>
    /// P(X in region) under θP = q + δ, θD = q, θM = 1 − 2q − δ. Row by row (fixed P): the row's largest term, at the
    /// mode of D (a binomial in D given P), is the only exponential; the others follow from it by the ratio of
    /// neighbouring multinomial terms, (m / (d + 1))·θD/θM upwards and its inverse downwards, and each walk stops at the
    /// first term below <see cref="Negligible"/> (the terms fall monotonically away from the mode). Rows whose largest
    /// term is negligible are skipped. The dropped mass is below the number of outcomes × 1e−24 (under 1e−18 at
    /// n = 100); the recurrence's relative rounding error grows like n ulp.
    /// </summary>
    private static double Probability(OutcomeSpace space, bool[] region, double delta, double q)
    {
        double thetaP = q + delta;
        double thetaD = q;
        double thetaM = 1 - (2 * q) - delta;
        if (!(thetaP > MinimumShare && thetaD > MinimumShare && thetaM > MinimumShare))
        {
            return ProbabilityTermByTerm(space, region, thetaP, thetaM, thetaD);
        }

        double lp = Math.Log(thetaP);
        double lm = Math.Log(thetaM);
        double ld = Math.Log(thetaD);
        double up = thetaD / thetaM;
        double down = thetaM / thetaD;
        double modeShare = thetaD / (thetaD + thetaM);
        int n = space.N;
        double sum = 0;
        for (int p = 0; p <= n; p++)
        {
            int rest = n - p;
            int mode = Math.Min(rest, (int)((rest + 1) * modeShare));
            int row = space.RowStart[p];
            double logMode = space.LogCoefficient[row + mode] + (p * lp) + ((rest - mode) * lm) + (mode * ld);
            if (logMode < LogNegligible)
            {
                continue;
            }

            double modeTerm = Math.Exp(logMode);
            if (region[row + mode])
            {
                sum += modeTerm;
            }

            double term = modeTerm;
            for (int d = mode; d < rest; d++)
            {
                term *= space.UpRatio[row + d] * up;
                if (term < Negligible)
                {
                    break;
                }

                if (region[row + d + 1])
                {
                    sum += term;
                }
            }

            term = modeTerm;
            for (int d = mode; d > 0; d--)
            {
                term *= space.DownRatio[row + d] * down;
                if (term < Negligible)
                {
                    break;
                }

                if (region[row + d - 1])
                {
                    sum += term;
                }
            }
        }

        return sum;
    }

    /// <summary>The same sum with one exponential per outcome: used where a share is zero or nearly so (the ends of
    /// the nuisance range), where the ratios of the row walk would overflow.</summary>
    private static double ProbabilityTermByTerm(OutcomeSpace space, bool[] region, double thetaP, double thetaM, double thetaD)
    {
        double lp = Log(thetaP);
        double lm = Log(thetaM);
        double ld = Log(thetaD);
        int n = space.N;
        double sum = 0;
        for (int k = 0; k < space.Count; k++)
        {
            if (!region[k])
            {
                continue;
            }

            int p = space.P[k], d = space.D[k], m = n - p - d;
            double exponent = space.LogCoefficient[k] + Term(p, lp) + Term(m, lm) + Term(d, ld);
            if (exponent > -745)
            {
                sum += Math.Exp(exponent);
            }
        }

        return sum;
    }

    private static double Log(double x) => x > 0 ? Math.Log(x) : double.NegativeInfinity;

    private static double Term(int count, double logShare) => count == 0 ? 0 : count * logShare;

    private static double Statistic(int p, int m, int d, double delta) => IntervalMath.TangoStatistic(new Trinomial(p, m, d), delta);

    /// <summary>Every outcome (P, D) of n answers with its log multinomial coefficient, and a scratch buffer.</summary>
    private sealed class OutcomeSpace
    {
        public OutcomeSpace(int n)
        {
            N = n;
            Count = (n + 1) * (n + 2) / 2;
            P = new int[Count];
            D = new int[Count];
            LogCoefficient = new double[Count];
            Region = new bool[Count];
            RowStart = new int[n + 1];
            UpRatio = new double[Count];
            DownRatio = new double[Count];
            double[] logFactorial = new double[n + 1];
            for (int i = 1; i <= n; i++)
            {
                logFactorial[i] = logFactorial[i - 1] + Math.Log(i);
            }

            int k = 0;
            for (int p = 0; p <= n; p++)
            {
                RowStart[p] = k;
                for (int d = 0; p + d <= n; d++, k++)
                {
                    P[k] = p;
                    D[k] = d;
                    LogCoefficient[k] = logFactorial[n] - logFactorial[p] - logFactorial[d] - logFactorial[n - p - d];
                    UpRatio[k] = (n - p - d) / (double)(d + 1);
                    DownRatio[k] = d / (double)(n - p - d + 1);
                }
            }
        }

        public int N { get; }

        public int Count { get; }

        public int[] P { get; }

        public int[] D { get; }

        public double[] LogCoefficient { get; }

        /// <summary>Whether each outcome is in the rejection region being summed (scratch).</summary>
        public bool[] Region { get; }

        /// <summary>The multinomial coefficient of (P, D + 1) over that of (P, D): m / (d + 1).</summary>
        public double[] UpRatio { get; }

        /// <summary>The multinomial coefficient of (P, D − 1) over that of (P, D): d / (m + 1).</summary>
        public double[] DownRatio { get; }

        /// <summary>The index of outcome (P, D = 0); a row's outcomes follow in increasing D.</summary>
        public int[] RowStart { get; }
    }
}
