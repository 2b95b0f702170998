namespace NpsKit.Statistics.Internal;

/// <summary>Seeded simulation: the multinomial bootstrap of a tally and Monte Carlo draws from the Dirichlet posterior.</summary>
internal static class Resampling
{
    /// <summary>
    /// Percentile bootstrap (Efron &amp; Tibshirani 1993, ch. 13): <paramref name="replicates"/> multinomial resamples
    /// of size n from the observed shares, each drawn by binomial splitting of the multinomial as
    /// P* ~ Bin(n, p̂), D* ~ Bin(n − P*, d̂ / (1 − p̂)). Each binomial draw is exact by inversion while its variance
    /// npq is at most <see cref="NormalDrawVariance"/> (cost O(√(npq)), at most a few thousand steps), and the
    /// normal approximation rounded to an integer above it (Berry–Esseen: its CDF error is below 0.5/√(npq) ≤ 5e−5,
    /// far below the Monte Carlo error of the percentiles), so the cost is O(replicates), independent of n.
    /// The token is checked every 64 replicates.
    /// </summary>
    public static (double Lower, double Upper) Bootstrap(long promoters, long passives, long detractors, double level, int replicates, int seed, CancellationToken cancellationToken = default)
    {
        long n = promoters + passives + detractors;
        double p = (double)promoters / n;
        double dGivenNotP = promoters == n ? 0 : (double)detractors / (n - promoters);
        Random random = Numerics.CreateRandom(seed);
        var first = new BinomialSampler(n, p);
        double[] values = new double[replicates];
        for (int r = 0; r < replicates; r++)
        {
            if ((r & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            long pStar = first.Sample(random);
            long dStar = new BinomialSampler(n - pStar, dGivenNotP).Sample(random);
            values[r] = (double)(pStar - dStar) / n;
        }

        return Percentiles(values, level);
    }

    /// <summary>Equal-tailed interval of θP − θD from <paramref name="draws"/> Dirichlet draws (gamma representation).</summary>
    public static (double Lower, double Upper) DirichletMonteCarlo(double aP, double aM, double aD, double level, int draws, int seed)
    {
        Random random = Numerics.CreateRandom(seed);
        double[] values = new double[draws];
        ReadOnlySpan<double> alpha = [aP, aM, aD];
        Span<double> shares = stackalloc double[3];
        for (int i = 0; i < draws; i++)
        {
            Numerics.SampleDirichlet(random, alpha, shares);
            values[i] = shares[0] - shares[2];
        }

        return Percentiles(values, level);
    }

    /// <summary>The (1 − level)/2 and (1 + level)/2 sample quantiles, linear interpolation (Hyndman &amp; Fan 1996 type 7, R's default).</summary>
    public static (double Lower, double Upper) Percentiles(double[] values, double level)
    {
        Array.Sort(values);
        double alpha = (1 - level) / 2;
        return IntervalMath.Clip(Quantile7(values, alpha), Quantile7(values, 1 - alpha));
    }

    private static double Quantile7(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>
    /// Exact binomial variates by inversion, searching outwards from the mode with the pmf recurrence
    /// (Kachitvichyanukul &amp; Schmeiser 1988 discuss this family), so the cost is O(√(npq)) for any n.
    /// </summary>
    /// <summary>Above this binomial variance npq a draw uses the rounded normal approximation (see <see cref="Bootstrap"/>).</summary>
    public const double NormalDrawVariance = 1e8;

    private readonly struct BinomialSampler
    {
        private readonly bool _normal;
        private readonly long _n;
        private readonly double _p;
        private readonly long _mode;
        private readonly double _pmfMode;
        private readonly double _cdfMode;

        public BinomialSampler(long n, double p)
        {
            _n = n;
            _p = p;
            if (n == 0 || p <= 0 || p >= 1)
            {
                _mode = p >= 1 ? n : 0;
                _pmfMode = 1;
                _cdfMode = 1;
                return;
            }

            if (n * p * (1 - p) > NormalDrawVariance)
            {
                _normal = true;
                return;
            }

            _mode = Math.Min(n, (long)Math.Floor((n + 1) * p));
            _pmfMode = Math.Exp(Numerics.GammaLn(n + 1.0) - Numerics.GammaLn(_mode + 1.0) - Numerics.GammaLn(n - _mode + 1.0)
                + (_mode * Math.Log(p)) + ((n - _mode) * Math.Log(1 - p)));

            // P(X ≤ mode) = I_{1−p}(n − mode, mode + 1).
            _cdfMode = _mode == n ? 1 : Numerics.BetaRegularized(n - _mode, _mode + 1.0, 1 - p);
        }

        public long Sample(Random random)
        {
            if (_n == 0 || _p <= 0 || _p >= 1)
            {
                return _mode;
            }

            if (_normal)
            {
                // Box–Muller (1958) standard normal; mean np, variance npq, rounded and kept in 0..n.
                double u1 = 1 - random.NextDouble();
                double u2 = random.NextDouble();
                double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                double x = Math.Round((_n * _p) + (z * Math.Sqrt(_n * _p * (1 - _p))));
                return (long)Math.Clamp(x, 0, _n);
            }

            double u = random.NextDouble();
            double ratio = _p / (1 - _p);
            if (u <= _cdfMode)
            {
                // Walk down: P(X ≤ k − 1) = P(X ≤ k) − pmf(k).
                double cdf = _cdfMode;
                double pmf = _pmfMode;
                long k = _mode;
                while (k > 0)
                {
                    double below = cdf - pmf;
                    if (u > below)
                    {
                        return k;
                    }

                    pmf *= k / ((_n - k + 1) * ratio);
                    cdf = below;
                    k--;
                }

                return 0;
            }
            else
            {
                double cdf = _cdfMode;
                double pmf = _pmfMode;
                long k = _mode;
                while (k < _n)
                {
                    pmf *= (_n - k) * ratio / (k + 1);
                    k++;
                    cdf += pmf;
                    if (u <= cdf)
                    {
                        return k;
                    }
                }

                return _n;
            }
        }
    }
}
