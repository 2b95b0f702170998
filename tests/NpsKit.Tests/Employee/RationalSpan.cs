using System.Numerics;

namespace NpsKit.Tests.Employee;

/// <summary>The span of 0/1 rows over the rationals: reduced rows with <see cref="BigInteger"/> fractions (exact, slow:
/// the reference the tests check the engine's modular echelon form against).</summary>
internal sealed class RationalSpan
{
    private readonly List<(int Lead, Dictionary<int, (BigInteger N, BigInteger D)> Row)> _rows = [];

    public void Add(int[] cols)
    {
        var r = Reduce(cols);
        if (r.Count == 0)
        {
            return;
        }

        int lead = r.Keys.Min();
        (BigInteger n, BigInteger d) = r[lead];
        foreach (int c in r.Keys.ToList())
        {
            r[c] = Norm(r[c].N * d, r[c].D * n);
        }

        _rows.Add((lead, r));
    }

    /// <summary>The span's dimension.</summary>
    public int Rank => _rows.Count;

    public bool Contains(int[] cols) => Reduce(cols).Count == 0;

    private Dictionary<int, (BigInteger N, BigInteger D)> Reduce(int[] cols)
    {
        Dictionary<int, (BigInteger N, BigInteger D)> v = cols.ToDictionary(c => c, _ => (BigInteger.One, BigInteger.One));
        foreach ((int lead, var row) in _rows)
        {
            if (!v.TryGetValue(lead, out (BigInteger N, BigInteger D) f))
            {
                continue;
            }

            foreach ((int c, (BigInteger n, BigInteger d)) in row)
            {
                v.TryGetValue(c, out (BigInteger N, BigInteger D) old);
                if (old.D.IsZero)
                {
                    old = (BigInteger.Zero, BigInteger.One);
                }

                var next = Norm((old.N * d * f.D) - (n * f.N * old.D), old.D * d * f.D);
                if (next.N.IsZero)
                {
                    v.Remove(c);
                }
                else
                {
                    v[c] = next;
                }
            }
        }

        return v;
    }

    private static (BigInteger N, BigInteger D) Norm(BigInteger n, BigInteger d)
    {
        BigInteger g = BigInteger.GreatestCommonDivisor(n, d);
        if (d.Sign < 0)
        {
            g = -g;
        }

        return g.IsZero ? (BigInteger.Zero, BigInteger.One) : (n / g, d / g);
    }
}
