namespace NpsKit.TestUtilities;

/// <summary>
/// A tiny, fully specified pseudo-random generator (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number
/// generators", OOPSLA) so generated data is identical on every machine and .NET version, unlike <see cref="Random"/>.
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;

    /// <summary>Starts the sequence from <paramref name="seed"/>.</summary>
    /// <param name="seed">Any value.</param>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>Returns the next 64 random bits.</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Returns a double uniformly distributed in [0, 1), with 53 random bits.</summary>
    /// <returns>The value.</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns an integer uniformly distributed in [0, <paramref name="maxExclusive"/>).</summary>
    /// <param name="maxExclusive">The exclusive upper bound; greater than zero.</param>
    /// <returns>The value.</returns>
    public int NextInt(int maxExclusive) => (int)((NextUInt64() >> 33) % (ulong)maxExclusive);

    /// <summary>Picks an index with probability proportional to <paramref name="weights"/>.</summary>
    /// <param name="weights">Non-negative weights with a positive sum.</param>
    /// <returns>The chosen index.</returns>
    public int NextWeighted(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        double u = NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
