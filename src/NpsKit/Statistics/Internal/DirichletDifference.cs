namespace NpsKit.Statistics.Internal;

/// <summary>
/// The distribution of Δ = θP − θD when (θP, θM, θD) ~ Dirichlet(αP, αM, αD): CDF, density and quantiles by
/// deterministic one-dimensional quadrature.
/// </summary>
/// <remarks>
/// <para>Write S = θP + θD ~ Beta(αP + αD, αM) and V = θP / S ~ Beta(αP, αD), independent (the aggregation and
/// neutrality properties of the Dirichlet; Frigyik, Kapila &amp; Gupta 2010, UWEE Tech. Report 2010-0006). Then
/// Δ = S(2V − 1) and</para>
/// <para>F(t) = P(S ≤ t)⁺ + ∫_{|t|}^{1} f_S(s) I_{(1 + t/s)/2}(αP, αD) ds,  f(t) = ∫_{|t|}^{1} f_S(s) f_V((1 + t/s)/2) / (2s) ds,</para>
/// <para>where P(S ≤ t)⁺ is present only for t &gt; 0. The integrals run over pieces of
/// [max(|t|, m − 40σ), min(1, m + 40σ)] cut at m + kσ (m, σ the mean and standard deviation of S; pieces holding
/// less than 1e−14 of S's mass are skipped), with a 16-point Gauss–Legendre rule per piece; the first and last
/// pieces use the substitution s = a + w·yᵏ (k = max(4, ⌈1/min α⌉)), which removes the integrable end-point
/// singularities of Beta densities and the kink at s = |t| (verified against SciPy for priors a ≥ ¼). Quantiles come from safeguarded Newton iterations started at the
/// Cornish–Fisher approximation, each iteration evaluating F and f in one pass. Everything is deterministic.</para>
/// </remarks>
internal sealed class DirichletDifference
{
    private const double NegligibleMass = 1e-14;
    private static readonly double[] Breaks = [-40, -16, -8, -5, -3, -1.5, 0, 1.5, 3, 5, 8, 16, 40];
    private static readonly (double[] X, double[] W) Rule = Numerics.GaussLegendre(16);

    private readonly IncompleteBeta _s;
    private readonly IncompleteBeta _v;
    private readonly double _sdS;
    private readonly double[] _cuts;
    private readonly bool[] _negligible;
    private readonly double[] _endPower;
    private readonly double[] _endJacobian;
    private readonly double _alphaP;
    private readonly double _alphaM;
    private readonly double _alphaD;

    public DirichletDifference(double alphaPromoters, double alphaPassives, double alphaDetractors)
    {
        double aP = alphaPromoters;
        double aM = alphaPassives;
        double aD = alphaDetractors;
        double aS = aP + aD;
        _alphaP = aP;
        _alphaM = aM;
        _alphaD = aD;
        _s = new IncompleteBeta(aS, aM);
        int power = (int)Math.Clamp(Math.Ceiling(1 / Math.Min(aP, Math.Min(aM, aD))), 4, 256);
        _endPower = new double[Rule.X.Length];
        _endJacobian = new double[Rule.X.Length];
        for (int j = 0; j < Rule.X.Length; j++)
        {
            double y = 0.5 * (Rule.X[j] + 1);
            _endPower[j] = Math.Pow(y, power);
            _endJacobian[j] = 0.5 * power * Math.Pow(y, power - 1);
        }

        _v = new IncompleteBeta(aP, aD);
        double total = aS + aM;
        Concentration = total;
        double meanS = aS / total;
        _sdS = Math.Sqrt(aS * aM / (total * total * (total + 1)));
        // Moments of the linear form Δ = Σ cᵢθᵢ (c = +1, 0, −1) of a Dirichlet, written with deviations cᵢ − E Δ so
        // they stay accurate for huge counts: Var Δ = Σ μᵢ(cᵢ − c̄)² / (A + 1) and
        // E(Δ − c̄)³ = 2 Σ μᵢ(cᵢ − c̄)³ / ((A + 1)(A + 2)), μᵢ = αᵢ/A (for two categories these are the Beta moments).
        double muP = aP / total;
        double muM = aM / total;
        double muD = aD / total;
        double mean = muP - muD;
        double eP = 1 - mean;
        double eM = -mean;
        double eD = -1 - mean;
        double second = (muP * eP * eP) + (muM * eM * eM) + (muD * eD * eD);
        double third = (muP * eP * eP * eP) + (muM * eM * eM * eM) + (muD * eD * eD * eD);
        Mean = mean;
        double variance = second / (total + 1);
        StandardDeviation = Math.Sqrt(variance);
        Skewness = variance > 0 ? 2 * third / ((total + 1) * (total + 2)) / (variance * StandardDeviation) : 0;

        // Fixed cut points of S's effective support, and which pieces carry a negligible share of its mass.
        var cuts = new List<double>(Breaks.Length);
        double lo = Math.Max(0, meanS - (Breaks[^1] * _sdS));
        double hi = Math.Min(1, meanS + (Breaks[^1] * _sdS));
        cuts.Add(lo);
        foreach (double k in Breaks)
        {
            double c = meanS + (k * _sdS);
            if (c >= lo + _sdS && c <= hi - _sdS)
            {
                cuts.Add(c);
            }
        }

        cuts.Add(hi);
        _cuts = [.. cuts];
        _negligible = new bool[_cuts.Length - 1];
        for (int i = 0; i < _negligible.Length; i++)
        {
            _negligible[i] = _s.Evaluate(_cuts[i + 1]) - _s.Evaluate(_cuts[i]) < NegligibleMass
                && _s.Density(_cuts[i]) < 1 && _s.Density(_cuts[i + 1]) < 1;
        }
    }

    public double Mean { get; }

    public double StandardDeviation { get; }

    /// <summary>Gets the skewness of Δ.</summary>
    public double Skewness { get; }

    /// <summary>P(Δ ≤ t).</summary>
    public double Cdf(double t)
    {
        Evaluate(t, out double cdf, out _);
        return cdf;
    }

    /// <summary>The density of Δ at t.</summary>
    public double Density(double t)
    {
        Evaluate(t, out _, out double density);
        return density;
    }

    /// <summary>
    /// Above this total concentration αP + αM + αD the Cornish–Fisher approximation is returned without quadrature: its
    /// error is O(σ/A) (σ ≤ 1/√A), below 1e−9 on the −1..1 scale (a test compares it with the quadrature at
    /// A ≈ 1e7: 1.4e−10 apart), while the continued fractions would need
    /// O(√A) terms each.
    /// </summary>
    public const double AsymptoticConcentration = 1e7;

    /// <summary>Gets the total concentration A = αP + αM + αD.</summary>
    public double Concentration { get; }

    /// <summary>The <paramref name="p"/>-quantile of Δ, to about 1e−12.</summary>
    public double Quantile(double p)
    {
        if (Concentration > AsymptoticConcentration)
        {
            double zz = Numerics.NormalQuantile(p);
            return Math.Clamp(Mean + (StandardDeviation * (zz + (((zz * zz) - 1) * Skewness / 6))), -1, 1);
        }

        double lo = -1;
        double hi = 1;
        // Start from the Cornish–Fisher approximation z + (z² − 1)γ/6 (Cornish & Fisher 1938).
        double z = Numerics.NormalQuantile(p);
        double t = Math.Clamp(Mean + (StandardDeviation * (z + (((z * z) - 1) * Skewness / 6))), -1 + 1e-9, 1 - 1e-9);
        for (int iteration = 0; iteration < 200; iteration++)
        {
            Evaluate(t, out double cdf, out double density);
            double f = cdf - p;
            if (Math.Abs(f) <= 1e-15)
            {
                return t;
            }

            if (f < 0)
            {
                lo = t;
            }
            else
            {
                hi = t;
            }

            double next = density > 0 ? t - (f / density) : double.NaN;
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            // Newton converges quadratically: once a step is below 1e−10 the error after it is far below 1e−13.
            if (Math.Abs(next - t) < 1e-10 || hi - lo < 1e-13)
            {
                return next;
            }

            t = next;
        }

        return t;
    }

    /// <summary>
    /// P(Δ_current &gt; Δ_baseline) for independent posteriors, symmetrized:
    /// ½ + ½(∫ f_b(t)(1 − F_c(t)) dt − ∫ f_c(t)(1 − F_b(t)) dt). Both integrals equal the probability in exact
    /// arithmetic; their average makes swapping the samples give exactly the complement (to one rounding) and
    /// identical posteriors give exactly ½, and cancels most of the quadrature error that remains.
    /// </summary>
    public static double ProbabilityGreater(DirichletDifference current, DirichletDifference baseline)
    {
        if (current.Concentration > AsymptoticConcentration && baseline.Concentration > AsymptoticConcentration)
        {
            // Both posteriors are normal to within O(1/√A): Φ((μc − μb)/√(σc² + σb²)).
            double spread = Math.Sqrt((current.StandardDeviation * current.StandardDeviation) + (baseline.StandardDeviation * baseline.StandardDeviation));
            return spread > 0 ? Numerics.NormalUpperTail((baseline.Mean - current.Mean) / spread) : current.Mean > baseline.Mean ? 1 : current.Mean < baseline.Mean ? 0 : 0.5;
        }

        if (current.SameParameters(baseline))
        {
            return 0.5;
        }

        double greater = OneNesting(current, baseline);
        double less = OneNesting(baseline, current);
        return Math.Clamp(0.5 + (0.5 * (greater - less)), 0, 1);
    }

    /// <summary>∫ f_b(t) (1 − F_c(t)) dt over the effective support of the baseline posterior.</summary>
    private static double OneNesting(DirichletDifference current, DirichletDifference baseline)
    {
        double centre = baseline.Mean;
        double scale = baseline.StandardDeviation;
        double a = Math.Max(-1, centre - (Breaks[^1] * scale));
        double b = Math.Min(1, centre + (Breaks[^1] * scale));
        var cuts = new List<double> { a };
        foreach (double k in Breaks)
        {
            double c = centre + (k * scale);
            if (c >= a + scale && c <= b - scale)
            {
                cuts.Add(c);
            }
        }

        // Both densities can be unbounded or kinked at t = 0 when few answers are promoters or detractors (the
        // density of S = θP + θD behaves like s^(αP + αD − 1) there, and Δ = S(2V − 1)): cut geometrically towards 0.
        if (a < 0 && b > 0 && Math.Min(baseline.AlphaExtremes, current.AlphaExtremes) < 4)
        {
            for (double g = Math.Min(scale, 0.5); g > 1e-13; g *= 0.25)
            {
                cuts.Add(-g);
                cuts.Add(g);
            }

            cuts.Add(0);
        }

        cuts.Add(b);
        cuts.Sort();
        double total = 0;
        double cdfFrom = baseline.Cdf(cuts[0]);
        for (int i = 0; i < cuts.Count - 1; i++)
        {
            if (!(cuts[i + 1] > cuts[i]))
            {
                continue;
            }

            // Skip pieces that hold a negligible share of the baseline posterior.
            double cdfTo = baseline.Cdf(cuts[i + 1]);
            bool negligible = cdfTo - cdfFrom < NegligibleMass;
            cdfFrom = cdfTo;
            if (negligible)
            {
                continue;
            }

            int n = Rule.X.Length;
            for (int j = 0; j < n; j++)
            {
                (double t, double jacobian) = baseline.Node(cuts[i], cuts[i + 1], j, first: i == 0, last: i == cuts.Count - 2);
                baseline.Evaluate(t, out _, out double density);
                if (density > 0)
                {
                    total += Rule.W[j] * jacobian * density * (1 - current.Cdf(t));
                }
            }
        }

        return Math.Clamp(total, 0, 1);
    }

    /// <summary>Gets αP + αD, the concentration of S = θP + θD.</summary>
    private double AlphaExtremes => _alphaP + _alphaD;

    private bool SameParameters(DirichletDifference other) =>
        _alphaP == other._alphaP && _alphaM == other._alphaM && _alphaD == other._alphaD;

    /// <summary>F(t) and f(t) in one pass over the same nodes.</summary>
    private void Evaluate(double t, out double cdf, out double density)
    {
        if (t <= -1 || t >= 1)
        {
            cdf = t <= -1 ? 0 : 1;
            density = 0;
            return;
        }

        double lower = Math.Abs(t);
        double sumF = 0;
        double sumD = 0;
        int pieces = _cuts.Length - 1;

        // The first piece starts at max(|t|, first cut); keep it at least one σ wide by merging with the next.
        int first = 0;
        while (first < pieces && _cuts[first + 1] <= lower)
        {
            first++;
        }

        double from = Math.Max(lower, _cuts[first]);
        for (int i = first; i < pieces; i++)
        {
            double to = _cuts[i + 1];
            if (i == first && i < pieces - 1 && to - from < _sdS)
            {
                continue; // merged into the next piece, which then starts at 'from'
            }

            bool isFirst = from == Math.Max(lower, _cuts[first]);
            bool isLast = i == pieces - 1;
            if (!(_negligible[i] && !isFirst && !isLast) && to > from)
            {
                if (isFirst && isLast)
                {
                    double mid = 0.5 * (from + to);
                    AccumulateGraded(t, from, mid, ref sumF, ref sumD);
                    Accumulate(t, mid, to, first: false, last: true, ref sumF, ref sumD);
                }
                else if (isFirst)
                {
                    AccumulateGraded(t, from, to, ref sumF, ref sumD);
                }
                else
                {
                    Accumulate(t, from, to, isFirst, isLast, ref sumF, ref sumD);
                }
            }

            from = to;
        }

        if (t > 0)
        {
            sumF += _s.Evaluate(t);
        }

        cdf = Math.Clamp(sumF, 0, 1);
        density = Math.Max(0, sumD);
    }


    /// <summary>
    /// The first piece [|t|, to], cut geometrically (|t|, 4|t|, 16|t|, …) when it spans more than a factor 4: the
    /// integrand carries 1/s and s^(αP + αD − 1), which vary over orders of magnitude on [|t|, to] when t is near 0.
    /// </summary>
    private void AccumulateGraded(double t, double from, double to, ref double sumF, ref double sumD)
    {
        if (!(from > 0 && to > 4 * from))
        {
            Accumulate(t, from, to, first: true, last: false, ref sumF, ref sumD);
            return;
        }

        Accumulate(t, from, 4 * from, first: true, last: false, ref sumF, ref sumD);
        double r = 4 * from;
        while (4 * r < to)
        {
            Accumulate(t, r, 4 * r, first: false, last: false, ref sumF, ref sumD);
            r *= 4;
        }

        Accumulate(t, r, to, first: false, last: false, ref sumF, ref sumD);
    }

    private void Accumulate(double t, double from, double to, bool first, bool last, ref double sumF, ref double sumD)
    {
        double pieceF = 0;
        double pieceD = 0;
        for (int j = 0; j < Rule.X.Length; j++)
        {
            (double s, double jacobian) = Node(from, to, j, first, last);
            double fs = _s.Density(s);
            if (fs == 0)
            {
                continue;
            }

            double c = 0.5 * (1 + (t / s));
            double weight = Rule.W[j] * jacobian * fs;
            pieceF += weight * _v.Evaluate(c);
            pieceD += weight * _v.Density(c) / (2 * s);
        }

        sumF += pieceF;
        sumD += pieceD;
    }

    /// <summary>
    /// Node j on [from, to] and its weight factor (including the ½ of the map from [−1, 1] to y ∈ (0, 1)):
    /// s = from + w·yᵏ on a first piece, s = to − w·yᵏ on a last piece, linear otherwise. The power k ≥ 4 is chosen
    /// with k·min(α) ≥ 1, so end-point behaviour (s − a)^(α − 1) becomes y^(kα − 1) with a non-negative exponent.
    /// </summary>
    private (double Node, double Jacobian) Node(double from, double to, int j, bool first, bool last)
    {
        double w = to - from;
        if (first)
        {
            return (from + (w * _endPower[j]), w * _endJacobian[j]);
        }

        if (last)
        {
            return (to - (w * _endPower[j]), w * _endJacobian[j]);
        }

        return (from + (w * 0.5 * (Rule.X[j] + 1)), 0.5 * w);
    }
}
