namespace NpsKit.Employee.Internal;

/// <summary>
/// The row space of 0/1 rows (published cells as sets of atoms) over the integers modulo a prime, by sparse Gaussian
/// elimination: answers whether a cell's indicator is a linear combination of published cells, i.e. whether its
/// counts can be computed from published counts.
/// </summary>
/// <remarks>
/// If a vector is a rational combination of the rows, it is one modulo p unless p divides the determinant of the
/// square sub-matrix that gives the coefficients; <see cref="Determines"/> asks three primes (product about 2^121) and
/// counts a vector as determined if any prime says so. Errors are therefore only in the safe direction (a cell hidden
/// that need not be), except for determinants above 2^121, which 0/1 matrices of org reports do not reach in practice.
/// </remarks>
internal sealed class RowSpace
{
    private static readonly ulong[] Primes = [2305843009213693951UL, 1000000007UL, 998244353UL];

    private readonly ulong _p;
    private readonly int _width;
    private readonly int[] _pivotRow;
    private readonly List<(int[] Cols, ulong[] Vals)> _rows = [];

    private RowSpace(ulong p, int width)
    {
        _p = p;
        _width = width;
        _pivotRow = new int[width];
        Array.Fill(_pivotRow, -1);
    }

    /// <summary>Tells, for each target, whether it lies in the span of <paramref name="rows"/> modulo any of the first
    /// <paramref name="primes"/> primes (three by default; one for a quick screen).</summary>
    public static bool[] Determines(int width, IReadOnlyList<int[]> rows, IReadOnlyList<int[]> targets, int primes = 3)
    {
        var result = new bool[targets.Count];
        foreach (ulong p in Primes.Take(primes))
        {
            var space = new RowSpace(p, width);
            foreach (int[] row in rows)
            {
                space.Add(row);
            }

            for (int i = 0; i < targets.Count; i++)
            {
                result[i] |= space.Contains(targets[i]);
            }
        }

        return result;
    }

    private void Add(int[] cols)
    {
        ulong[] w = Reduce(cols);
        int lead = Array.FindIndex(w, x => x != 0);
        if (lead < 0)
        {
            return;
        }

        ulong inv = Pow(w[lead], _p - 2);
        var c = new List<int>();
        var v = new List<ulong>();
        for (int j = lead; j < _width; j++)
        {
            if (w[j] != 0)
            {
                c.Add(j);
                v.Add(Mul(w[j], inv));
            }
        }

        _pivotRow[lead] = _rows.Count;
        _rows.Add((c.ToArray(), v.ToArray()));
    }

    private bool Contains(int[] cols) => Array.TrueForAll(Reduce(cols), x => x == 0);

    private ulong[] Reduce(int[] cols)
    {
        var w = new ulong[_width];
        foreach (int c in cols)
        {
            w[c] = 1;
        }

        for (int j = 0; j < _width; j++)
        {
            if (w[j] == 0 || _pivotRow[j] < 0)
            {
                continue;
            }

            ulong f = w[j];
            (int[] rc, ulong[] rv) = _rows[_pivotRow[j]];
            for (int k = 0; k < rc.Length; k++)
            {
                w[rc[k]] = Sub(w[rc[k]], Mul(f, rv[k]));
            }
        }

        return w;
    }

    private ulong Mul(ulong a, ulong b) => (ulong)((UInt128)a * b % _p);

    private ulong Sub(ulong a, ulong b) => a >= b ? a - b : a + (_p - b);

    private ulong Pow(ulong b, ulong e)
    {
        ulong r = 1;
        while (e > 0)
        {
            if ((e & 1) != 0)
            {
                r = Mul(r, b);
            }

            b = Mul(b, b);
            e >>= 1;
        }

        return r;
    }
}
