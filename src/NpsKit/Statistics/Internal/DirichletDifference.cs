namespace NpsKit.Statistics.Internal;

/// <summary>
/// The distribution of Δ = θP − θD when (θP, θM, θD) ~ Dirichlet(αP, αM, αD): CDF, density and quantiles by
/// deterministic one-dimensional quadrature.
/// </summary>
/// <remarks>
/// <para>Write S = θP + θD ~ Beta(αP + αD, αM) and V = θP / S ~ Beta(αP, αD), independent (the aggregation and
/// neutrality properties of the Dirichlet; Frigyik, Kapila &amp; Gupta 2010). Then Δ = S(2V − 1) and</para>
/// <para>F(t) = P(S ≤ t)⁺ + ∫_{|t|}^{1} f_S(s) I_{(1 + t/s)/2}(αP, αD) ds,  f(t) = ∫_{|t|}^{1} f_S(s) f_V((1 + t/s)/2) / (2s) ds,</para>
/// <para>where P(S ≤ t)⁺ is present only for t &gt; 0. The integrals run over the pieces of
/// [max(|t|, m − 40σ), min(1, m + 40σ)] cut at m + kσ (m, σ the mean and standard deviation of S), with a
/// 16-point Gauss–Legendre rule per piece; the first and last pieces use the substitution s = a + w·y⁴, which
/// removes the integrable end-point singularities of Beta densities with parameters ≥ ¼. Quantiles come from
/// safeguarded Newton iterations started at the normal approximation. Everything is deterministic.</para>
/// </remarks>
internal sealed class DirichletDifference
{
    private static readonly double[] Breaks = [-40, -24, -16, -12, -9, -7, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 7, 9, 12, 16, 24, 40];
    private static readonly (double[] X, double[] W) Rule = Numerics.GaussLegendre(16);

    private readonly double _aP;
    private readonly double _aD;
    private readonly double _aS;
    private readonly double _aM;
    private readonly double _logNormS;
    private readonly double _logNormV;
    private readonly double _meanS;
    private readonly double _sdS;

    public DirichletDifference(double alphaPromoters, double alphaPassives, double alphaDetractors)
    {
        _aP = alphaPromoters;
        _aM = alphaPassives;
        _aD = alphaDetractors;
        _aS = _aP + _aD;
        _logNormS = -Numerics.BetaLn(_aS, _aM);
        _logNormV = -Numerics.BetaLn(_aP, _aD);
        double total = _aS + _aM;
        _meanS = _aS / total;
        _sdS = Math.Sqrt(_aS * _aM / (total * total * (total + 1)));
        Mean = (_aP - _aD) / total;
        StandardDeviation = Math.Sqrt(((_aP * (total - _aP)) + (_aD * (total - _aD)) + (2 * _aP * _aD)) / (total * total * (total + 1)));
    }

    public double Mean { get; }

    public double StandardDeviation { get; }

    /// <summary>P(Δ ≤ t).</summary>
    public double Cdf(double t)
    {
        if (t <= -1)
        {
            return 0;
        }

        if (t >= 1)
        {
            return 1;
        }

        var integrand = new CdfIntegrand(this, t);
        double value = Integrate(ref integrand, Math.Abs(t));
        if (t > 0)
        {
            value += Numerics.BetaRegularized(_aS, _aM, t);
        }

        return Math.Clamp(value, 0, 1);
    }

    /// <summary>The density of Δ at t.</summary>
    public double Density(double t)
    {
        if (t <= -1 || t >= 1)
        {
            return 0;
        }

        var integrand = new DensityIntegrand(this, t);
        return Math.Max(0, Integrate(ref integrand, Math.Abs(t)));
    }

    /// <summary>The <paramref name="p"/>-quantile of Δ, to about 1e−12.</summary>
    public double Quantile(double p)
    {
        double lo = -1;
        double hi = 1;
        double t = Math.Clamp(Mean + (StandardDeviation * Numerics.NormalQuantile(p)), -1 + 1e-9, 1 - 1e-9);
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double f = Cdf(t) - p;
            if (f < 0)
            {
                lo = t;
            }
            else
            {
                hi = t;
            }

            double density = Density(t);
            double next = density > 0 ? t - (f / density) : double.NaN;
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            if (Math.Abs(next - t) < 1e-13 || hi - lo < 1e-13)
            {
                return next;
            }

            t = next;
        }

        return t;
    }

    private double DensityS(double s)
    {
        if (s <= 0 || s >= 1)
        {
            return 0;
        }

        return Math.Exp(_logNormS + ((_aS - 1) * Math.Log(s)) + ((_aM - 1) * Math.Log(1 - s)));
    }

    private double DensityV(double v)
    {
        if (v <= 0 || v >= 1)
        {
            return 0;
        }

        return Math.Exp(_logNormV + ((_aP - 1) * Math.Log(v)) + ((_aD - 1) * Math.Log(1 - v)));
    }

    /// <summary>∫ over s from <paramref name="lower"/> to 1 (restricted to the effective support of S).</summary>
    private double Integrate<T>(ref T integrand, double lower)
        where T : struct, IIntegrand =>
        Piecewise(ref integrand, lower, 1, _meanS, _sdS);

    /// <summary>
    /// P(Δ_current &gt; Δ_baseline) for independent posteriors: ∫ f_baseline(t) (1 − F_current(t)) dt over the
    /// effective support of the baseline posterior.
    /// </summary>
    public static double ProbabilityGreater(DirichletDifference current, DirichletDifference baseline)
    {
        var integrand = new ComparisonIntegrand(current, baseline);
        return Math.Clamp(Piecewise(ref integrand, -1, 1, baseline.Mean, baseline.StandardDeviation), 0, 1);
    }

    /// <summary>
    /// ∫_lo^hi f over [lo, hi] ∩ [centre − 40·scale, centre + 40·scale], cut at centre + k·scale, 10-point
    /// Gauss–Legendre per piece, y⁴ substitution on the two end pieces (each at least one scale wide).
    /// </summary>
    private static double Piecewise<T>(ref T integrand, double lo, double hi, double centre, double scale)
        where T : struct, IIntegrand
    {
        double a = Math.Max(lo, centre - (Breaks[^1] * scale));
        double b = Math.Min(hi, centre + (Breaks[^1] * scale));
        if (!(b > a))
        {
            return 0;
        }

        Span<double> cuts = stackalloc double[Breaks.Length + 2];
        int count = 0;
        cuts[count++] = a;
        foreach (double k in Breaks)
        {
            double c = centre + (k * scale);
            // Keep the end pieces at least one scale wide: an end-point singularity just outside a short piece
            // would leave the next piece with a non-smooth start that Gauss–Legendre handles badly.
            if (c >= a + scale && c <= b - scale)
            {
                cuts[count++] = c;
            }
        }

        cuts[count++] = b;
        double total = 0;
        int pieces = count - 1;
        for (int i = 0; i < pieces; i++)
        {
            double from = cuts[i];
            double to = cuts[i + 1];
            if (pieces == 1)
            {
                // Both ends may be singular: split in the middle and substitute towards each end.
                double mid = 0.5 * (from + to);
                total += FromStart(ref integrand, from, mid) + FromEnd(ref integrand, mid, to);
            }
            else if (i == 0)
            {
                total += FromStart(ref integrand, from, to);
            }
            else if (i == pieces - 1)
            {
                total += FromEnd(ref integrand, from, to);
            }
            else
            {
                total += Plain(ref integrand, from, to);
            }
        }

        return total;
    }

    private static double Plain<T>(ref T f, double from, double to)
        where T : struct, IIntegrand
    {
        double half = 0.5 * (to - from);
        double mid = 0.5 * (to + from);
        double sum = 0;
        for (int i = 0; i < Rule.X.Length; i++)
        {
            sum += Rule.W[i] * f.Evaluate(mid + (half * Rule.X[i]));
        }

        return sum * half;
    }

    /// <summary>∫_from^to with s = from + w y⁴, y ∈ [0, 1], ds = 4 w y³ dy.</summary>
    private static double FromStart<T>(ref T f, double from, double to)
        where T : struct, IIntegrand
    {
        double w = to - from;
        double sum = 0;
        for (int i = 0; i < Rule.X.Length; i++)
        {
            double y = 0.5 * (Rule.X[i] + 1);
            double y3 = y * y * y;
            sum += Rule.W[i] * f.Evaluate(from + (w * y3 * y)) * 4 * w * y3;
        }

        return sum * 0.5;
    }

    /// <summary>∫_from^to with s = to − w y⁴.</summary>
    private static double FromEnd<T>(ref T f, double from, double to)
        where T : struct, IIntegrand
    {
        double w = to - from;
        double sum = 0;
        for (int i = 0; i < Rule.X.Length; i++)
        {
            double y = 0.5 * (Rule.X[i] + 1);
            double y3 = y * y * y;
            sum += Rule.W[i] * f.Evaluate(to - (w * y3 * y)) * 4 * w * y3;
        }

        return sum * 0.5;
    }

    private interface IIntegrand
    {
        double Evaluate(double s);
    }

    private readonly struct CdfIntegrand(DirichletDifference owner, double t) : IIntegrand
    {
        public double Evaluate(double s)
        {
            double fs = owner.DensityS(s);
            return fs == 0 ? 0 : fs * Numerics.BetaRegularized(owner._aP, owner._aD, 0.5 * (1 + (t / s)));
        }
    }

    private readonly struct ComparisonIntegrand(DirichletDifference current, DirichletDifference baseline) : IIntegrand
    {
        public double Evaluate(double t)
        {
            double density = baseline.Density(t);
            return density == 0 ? 0 : density * (1 - current.Cdf(t));
        }
    }

    private readonly struct DensityIntegrand(DirichletDifference owner, double t) : IIntegrand
    {
        public double Evaluate(double s)
        {
            double fs = owner.DensityS(s);
            return fs == 0 ? 0 : fs * owner.DensityV(0.5 * (1 + (t / s))) / (2 * s);
        }
    }
}
