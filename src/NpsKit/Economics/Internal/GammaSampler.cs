namespace NpsKit.Economics.Internal;

/// <summary>
/// A small, fully specified, seeded random source for the economics uncertainty draws: xoshiro256** (Blackman &amp;
/// Vigna 2018) seeded through SplitMix64 (Steele, Lea &amp; Flood 2014), standard normals by Marsaglia's polar
/// method (Marsaglia &amp; Bray 1964), and gamma variates by Marsaglia &amp; Tsang (2000), "A simple method for
/// generating gamma variables", ACM Transactions on Mathematical Software 26(3), 363–372. The same seed gives the
/// same draws on every machine and .NET version, unlike <see cref="Random"/>. Not thread-safe: one per thread.
/// </summary>
internal sealed class GammaSampler
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    public GammaSampler(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>Returns the next 64 random bits (xoshiro256**).</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Returns a uniform double strictly inside (0, 1).</summary>
    public double NextOpenUnit() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>Returns a standard normal variate (Marsaglia's polar method).</summary>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2 * NextOpenUnit()) - 1;
            v = (2 * NextOpenUnit()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    /// <summary>Returns a Gamma(shape, 1) variate (Marsaglia &amp; Tsang 2000; shape &lt; 1 by the boost
    /// Gamma(a) = Gamma(a + 1) · U<sup>1/a</sup> from the same paper).</summary>
    /// <param name="shape">The shape, greater than zero.</param>
    public double NextGamma(double shape)
    {
        if (shape < 1)
        {
            double boosted = NextGamma(shape + 1);
            return boosted * Math.Pow(NextOpenUnit(), 1 / shape);
        }

        double d = shape - (1.0 / 3.0);
        double c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            double u = NextOpenUnit();
            double x2 = x * x;
            if (u < 1 - (0.0331 * x2 * x2))
            {
                return d * v;
            }

            if (Math.Log(u) < (0.5 * x2) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    /// <summary>Fills <paramref name="destination"/> with one Dirichlet(<paramref name="alpha"/>) draw (normalized gammas).</summary>
    public void NextDirichlet(ReadOnlySpan<double> alpha, Span<double> destination)
    {
        double sum = 0;
        for (int i = 0; i < alpha.Length; i++)
        {
            double g = alpha[i] > 0 ? NextGamma(alpha[i]) : 0;
            destination[i] = g;
            sum += g;
        }

        for (int i = 0; i < alpha.Length; i++)
        {
            destination[i] /= sum;
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
