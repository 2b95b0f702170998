namespace NpsKit.Employee.Internal;

/// <summary>
/// The span of published 0/1 rows (cells as sets of columns: atoms, or classes of respondents across releases), kept
/// as a sparse row echelon form modulo large primes and grown one row at a time, together with the targets that must
/// stay outside it (hidden cells, groups below the minimum), each kept reduced against the echelon.
/// </summary>
/// <remarks>
/// <para>A target t is determined by the published rows when it lies in their span (its counts are a linear combination
/// of published counts). With the span's echelon form E, the reduced form t′ of t (t minus the combination of E's rows
/// that clears every pivot column) is zero exactly when t is in the span. Adding a row r whose reduced form r′ is not
/// zero makes t determined exactly when t′ is a multiple of r′ (both are reduced against the same E, and the span grows
/// by r′ alone). So one reduction of r, and a look at the targets whose reduced form starts where r′ starts, tell which
/// targets a row would determine — the audit's whole question — without solving the system again (the incremental
/// Gaussian elimination of Gustavson 1978's sparse row storage; the test t′ ∥ r′ is the exchange lemma of linear algebra).</para>
/// <para>Rows are reduced in increasing column order with a sparse accumulator, so the cost is the fill actually met, not
/// the width. Callers number columns along the org tree (a unit's atoms next to each other), which keeps the fill of
/// nested hierarchical rows small.</para>
/// <para>Exactness: a rational combination is one modulo p unless p divides the denominator of its coefficients (a
/// minor of the 0/1 system). Two primes are kept, 2^61 − 1 and 2^62 − 57 (product about 2^123); a target counts as
/// determined if either prime says so, so an error can only hide a cell that need not be, except where both primes
/// divide a minor of the system, which the 0/1 systems of org reports do not reach in practice.</para>
/// </remarks>
internal sealed class RowSpace
{
    private const ulong P61 = (1UL << 61) - 1;
    private const ulong P62 = (1UL << 62) - 57;

    private readonly Field[] _fields;
    private readonly int _width;

    /// <summary>An empty span over <paramref name="width"/> columns.</summary>
    public RowSpace(int width)
    {
        _width = width;
        _fields = [new Field(P61, width), new Field(P62, width)];
    }

    private RowSpace(int width, Field[] fields)
    {
        _width = width;
        _fields = fields;
    }

    /// <summary>The span's dimension modulo each prime (the number of pivot rows; equal for both primes unless a prime
    /// divides a minor of the system).</summary>
    public int[] RankByPrime => [.. _fields.Select(f => f.Rank)];

    /// <summary>Whether <paramref name="row"/> lies in the span, modulo each prime.</summary>
    public bool[] ContainsByPrime(int[] row) => [.. _fields.Select(f => row.Length == 0 || f.Reduce(row).Cols.Length == 0)];

    /// <summary>How many targets have been added.</summary>
    public int TargetCount => _fields[0].Targets.Count;

    /// <summary>An independent copy (rows are shared: they never change once added).</summary>
    public RowSpace Clone() => new(_width, [.. _fields.Select(f => f.Clone())]);

    /// <summary>Adds a published row unconditionally (an earlier release's cells are published already). A row may be
    /// given as its difference from a row already in the span (<paramref name="row"/> minus <paramref name="minus"/>):
    /// the span grows the same, and a small difference of two long rows is cheap to reduce.</summary>
    public void Add(int[] row, int[]? minus = null)
    {
        foreach (Field f in _fields)
        {
            Vec r = f.Reduce(row, minus);
            if (r.Cols.Length > 0)
            {
                f.AddPivot(r);
            }
        }
    }

    /// <summary>Whether <paramref name="row"/> lies in the span (in either prime).</summary>
    public bool Contains(int[] row) => row.Length == 0 || _fields.Any(f => f.Reduce(row).Cols.Length == 0);

    /// <summary>Adds a target: a row that must stay outside the span (or its difference from a row in the span, as for
    /// <see cref="Add"/>). Returns its id, or −1 when the span already holds it (then it is not kept).</summary>
    public int AddTarget(int[] row, int[]? minus = null)
    {
        var reduced = _fields.Select(f => f.Reduce(row, minus)).ToArray();
        if (Array.Exists(reduced, r => r.Cols.Length == 0))
        {
            return -1;
        }

        for (int i = 0; i < _fields.Length; i++)
        {
            _fields[i].AddTarget(reduced[i]);
        }

        return _fields[0].Targets.Count - 1;
    }

    /// <summary>Drops target <paramref name="target"/> (its cell is being shown): no row is refused for its sake any more.</summary>
    public void RemoveTarget(int target)
    {
        foreach (Field f in _fields)
        {
            f.RemoveTarget(target);
        }
    }

    /// <summary>
    /// Publishes <paramref name="row"/> unless that would determine a target. Returns −1 when the row was added (or
    /// added nothing new), else the id of a target it would determine (the row is then not added, and becomes a target
    /// itself when <paramref name="targetIfRefused"/>: it is being hidden). The row may be given as a difference, as for
    /// <see cref="Add"/>.
    /// </summary>
    public int TryAdd(int[] row, int[]? minus, bool targetIfRefused)
    {
        var reduced = _fields.Select(f => f.Reduce(row, minus)).ToArray();
        for (int i = 0; i < _fields.Length; i++)
        {
            if (reduced[i].Cols.Length > 0 && _fields[i].ParallelTarget(reduced[i]) is int t and >= 0)
            {
                if (targetIfRefused && Array.TrueForAll(reduced, r => r.Cols.Length > 0))
                {
                    for (int j = 0; j < _fields.Length; j++)
                    {
                        _fields[j].AddTarget(reduced[j]);
                    }
                }

                return t;
            }
        }

        for (int i = 0; i < _fields.Length; i++)
        {
            if (reduced[i].Cols.Length > 0)
            {
                _fields[i].AddPivot(reduced[i]);
            }
        }

        return -1;
    }

    /// <summary>Starts a batch: the rows added from here on (and what they do to the targets) can be taken back together
    /// with <see cref="CancelBatch"/>, or kept with <see cref="EndBatch"/>. Targets are neither added nor removed inside
    /// a batch.</summary>
    public void BeginBatch()
    {
        foreach (Field f in _fields)
        {
            f.BeginBatch();
        }
    }

    /// <summary>Keeps the rows added since <see cref="BeginBatch"/>.</summary>
    public void EndBatch()
    {
        foreach (Field f in _fields)
        {
            f.EndBatch();
        }
    }

    /// <summary>Takes back the rows added since <see cref="BeginBatch"/>: the span and the reduced targets are as they
    /// were before it.</summary>
    public void CancelBatch()
    {
        foreach (Field f in _fields)
        {
            f.CancelBatch();
        }
    }

    /// <summary>Whether the span with <paramref name="row"/> added would hold <paramref name="target"/> (in either
    /// prime), without adding it.</summary>
    public bool WouldDetermine(int[] row, int[] target)
    {
        foreach (Field f in _fields)
        {
            Vec t = f.Reduce(target);
            Vec r = f.Reduce(row);
            if (t.Cols.Length == 0 || (r.Cols.Length > 0 && Field.Parallel(t, r, f.P)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A sparse vector: ascending columns and their non-zero values modulo the field's prime.</summary>
    private readonly record struct Vec(int[] Cols, ulong[] Vals);

    /// <summary>The echelon form and the reduced targets modulo one prime.</summary>
    private sealed class Field
    {
        private readonly int[] _pivotOf;
        private readonly List<Vec> _rows;
        private readonly HashSet<int>?[] _targetsAt;
        private readonly Dictionary<(int First, int Last, int Length), HashSet<int>> _targetsByShape;
        private readonly ulong[] _acc;
        private readonly ulong[] _queued;
        private readonly List<int> _drainCols = [];
        private readonly List<ulong> _drainVals = [];
        private List<(int Target, Vec Old)>? _batchTargets;
        private int _batchRows;

        public Field(ulong p, int width)
        {
            P = p;
            _pivotOf = new int[width];
            Array.Fill(_pivotOf, -1);
            _rows = [];
            Targets = [];
            _targetsAt = new HashSet<int>?[width];
            _targetsByShape = [];
            _acc = new ulong[width];
            _queued = new ulong[(width + 63) / 64];
        }

        private Field(Field from)
        {
            P = from.P;
            _pivotOf = (int[])from._pivotOf.Clone();
            _rows = [.. from._rows];
            Targets = [.. from.Targets];
            _targetsAt = from._targetsAt.Select(s => s is null ? null : new HashSet<int>(s)).ToArray();
            _targetsByShape = from._targetsByShape.ToDictionary(e => e.Key, e => new HashSet<int>(e.Value));
            _acc = new ulong[from._acc.Length];
            _queued = new ulong[from._queued.Length];
        }

        public ulong P { get; }

        public int Rank => _rows.Count;

        /// <summary>Each target reduced against the echelon (never zero: a determined target is a leak).</summary>
        public List<Vec> Targets { get; }

        public Field Clone() => new(this);

        /// <summary>Whether two reduced vectors are multiples of each other (same columns, proportional values).</summary>
        public static bool Parallel(Vec a, Vec b, ulong p)
        {
            if (!a.Cols.AsSpan().SequenceEqual(b.Cols))
            {
                return false;
            }

            for (int i = 1; i < a.Cols.Length; i++)
            {
                if (Mul(a.Vals[i], b.Vals[0], p) != Mul(b.Vals[i], a.Vals[0], p))
                {
                    return false;
                }
            }

            return true;
        }

        public int ParallelTarget(Vec r)
        {
            if (!_targetsByShape.TryGetValue(Shape(r), out HashSet<int>? candidates))
            {
                return -1;
            }

            int found = -1;
            foreach (int t in candidates)
            {
                if ((found < 0 || t < found) && Parallel(Targets[t], r, P))
                {
                    found = t;
                }
            }

            return found;
        }

        public Vec Reduce(int[] row, int[]? minus = null)
        {
            int from = int.MaxValue;
            foreach (int c in row)
            {
                _acc[c] = 1;
                Queue(c);
                from = Math.Min(from, c);
            }

            foreach (int c in minus ?? [])
            {
                _acc[c] = Sub(_acc[c], 1, P);
                Queue(c);
                from = Math.Min(from, c);
            }

            return Drain(from);
        }

        private Vec Reduce(Vec v)
        {
            for (int i = 0; i < v.Cols.Length; i++)
            {
                int c = v.Cols[i];
                _acc[c] = v.Vals[i];
                Queue(c);
            }

            return Drain(v.Cols.Length == 0 ? int.MaxValue : v.Cols[0]);
        }

        private void Queue(int c) => _queued[c >> 6] |= 1UL << (c & 63);

        /// <summary>Clears the queued columns (a bit set) in increasing order from <paramref name="from"/>: a pivot row
        /// only has entries right of its pivot, so a column once passed is never touched again and the result comes out
        /// sorted.</summary>
        private Vec Drain(int from)
        {
            // One pair of lists per field, reused (a reduction never starts inside another one).
            List<int> cols = _drainCols;
            List<ulong> vals = _drainVals;
            cols.Clear();
            vals.Clear();
            for (int w = from == int.MaxValue ? _queued.Length : from >> 6; w < _queued.Length; w++)
            {
                while (_queued[w] != 0)
                {
                    int c = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(_queued[w]);
                    _queued[w] &= _queued[w] - 1;
                    Clear(c, cols, vals);
                }
            }

            return cols.Count == 0 ? new Vec([], []) : new Vec([.. cols], [.. vals]);
        }

        /// <summary>Eliminates column <paramref name="c"/> of the accumulator with its pivot row, or moves it to the result.</summary>
        private void Clear(int c, List<int> cols, List<ulong> vals)
        {
            ulong f = _acc[c];
            _acc[c] = 0;
            if (f == 0)
            {
                return;
            }

            int pr = _pivotOf[c];
            if (pr < 0)
            {
                cols.Add(c);
                vals.Add(f);
                return;
            }

            (int[] pc, ulong[] pv) = _rows[pr];
            for (int k = 1; k < pc.Length; k++)
            {
                int j = pc[k];
                Queue(j);
                _acc[j] = Sub(_acc[j], Mul(f, pv[k], P), P);
            }
        }

        /// <summary>Adds a reduced, non-zero row as a pivot row (leading value 1), and clears its pivot column from every
        /// target that has it.</summary>
        public void AddPivot(Vec r)
        {
            ulong inv = Pow(r.Vals[0], P - 2, P);
            var vals = new ulong[r.Vals.Length];
            for (int i = 0; i < vals.Length; i++)
            {
                vals[i] = Mul(r.Vals[i], inv, P);
            }

            int lead = r.Cols[0];
            _pivotOf[lead] = _rows.Count;
            _rows.Add(new Vec(r.Cols, vals));
            if (_targetsAt[lead] is not HashSet<int> hit)
            {
                return;
            }

            foreach (int t in hit.ToArray())
            {
                Vec old = Targets[t];
                Vec now = Reduce(old);
                _batchTargets?.Add((t, old));
                Reindex(t, old, now);
                Targets[t] = now;
            }
        }

        public void BeginBatch()
        {
            _batchTargets = [];
            _batchRows = _rows.Count;
        }

        public void EndBatch() => _batchTargets = null;

        public void CancelBatch()
        {
            List<(int Target, Vec Old)> changed = _batchTargets ?? throw new InvalidOperationException("No batch was begun.");
            for (int i = changed.Count - 1; i >= 0; i--)
            {
                (int t, Vec old) = changed[i];
                Reindex(t, Targets[t], old);
                Targets[t] = old;
            }

            while (_rows.Count > _batchRows)
            {
                _pivotOf[_rows[^1].Cols[0]] = -1;
                _rows.RemoveAt(_rows.Count - 1);
            }

            _batchTargets = null;
        }

        public void RemoveTarget(int t)
        {
            Vec none = new([], []);
            Reindex(t, Targets[t], none);
            Targets[t] = none;
        }

        public void AddTarget(Vec t)
        {
            Targets.Add(t);
            Index(Targets.Count - 1, t);
        }

        /// <summary>Two vectors can only be multiples of each other if they have the same shape.</summary>
        private static (int First, int Last, int Length) Shape(Vec v) => (v.Cols[0], v.Cols[^1], v.Cols.Length);

        private void Index(int t, Vec v)
        {
            foreach (int c in v.Cols)
            {
                (_targetsAt[c] ??= []).Add(t);
            }

            if (!_targetsByShape.TryGetValue(Shape(v), out HashSet<int>? same))
            {
                _targetsByShape[Shape(v)] = same = [];
            }

            same.Add(t);
        }

        /// <summary>Moves target <paramref name="t"/> in the indexes from its old reduced form to its new one (only the
        /// columns that changed).</summary>
        private void Reindex(int t, Vec old, Vec now)
        {
            int i = 0, j = 0;
            while (i < old.Cols.Length || j < now.Cols.Length)
            {
                if (j == now.Cols.Length || (i < old.Cols.Length && old.Cols[i] < now.Cols[j]))
                {
                    _targetsAt[old.Cols[i++]]!.Remove(t);
                }
                else if (i == old.Cols.Length || now.Cols[j] < old.Cols[i])
                {
                    (_targetsAt[now.Cols[j++]] ??= []).Add(t);
                }
                else
                {
                    i++;
                    j++;
                }
            }

            if (old.Cols.Length > 0)
            {
                HashSet<int> same = _targetsByShape[Shape(old)];
                same.Remove(t);
                if (same.Count == 0)
                {
                    _targetsByShape.Remove(Shape(old));
                }
            }

            if (now.Cols.Length == 0)
            {
                return;
            }

            if (!_targetsByShape.TryGetValue(Shape(now), out HashSet<int>? next))
            {
                _targetsByShape[Shape(now)] = next = [];
            }

            next.Add(t);
        }

        private static ulong Mul(ulong a, ulong b, ulong p)
        {
            UInt128 x = (UInt128)a * b;
            if (p == P61)
            {
                ulong r = (ulong)(x & P61) + (ulong)(x >> 61);
                return r >= P61 ? r - P61 : r;
            }

            // p = 2^62 − 57: 2^62 ≡ 57, folded twice (x < 2^124).
            const ulong mask = (1UL << 62) - 1;
            UInt128 y = ((x >> 62) * 57) + (x & mask);
            ulong z = (ulong)((y >> 62) * 57) + (ulong)(y & mask);
            while (z >= p)
            {
                z -= p;
            }

            return z;
        }

        private static ulong Sub(ulong a, ulong b, ulong p) => a >= b ? a - b : a + (p - b);

        private static ulong Pow(ulong b, ulong e, ulong p)
        {
            ulong r = 1;
            while (e > 0)
            {
                if ((e & 1) != 0)
                {
                    r = Mul(r, b, p);
                }

                b = Mul(b, b, p);
                e >>= 1;
            }

            return r;
        }
    }
}
