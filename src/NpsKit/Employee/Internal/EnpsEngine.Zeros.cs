namespace NpsKit.Employee.Internal;

/// <summary>The zero-aware audit of a single release (<see cref="AnonymityPolicy.ProtectAgainstZeroInference"/>).</summary>
internal sealed partial class EnpsEngine
{
    /// <summary>How many rounds of the one-pass zero audit (and the rules after it) run before the exact neighbour
    /// search alone finishes the job (each round may show again cells an earlier one hid, so the rounds are bounded).</summary>
    private const int MaxZeroPasses = 32;

    /// <summary>
    /// The zero-aware audit, after the linear one (<see cref="AnonymityPolicy.ProtectAgainstZeroInference"/>): no hidden
    /// cell's positive count of a score may follow from the published numbers once every published zero is read as a
    /// zero for each member. First the one-pass audit (<see cref="ZeroPass"/>, one sparse elimination per score) runs with
    /// the rules and the linear audit after it until it hides nothing more; then the exact check
    /// (<see cref="AuditZeros"/>) verifies the result from scratch and, should it still find a determined count,
    /// hides the smallest shown cell next to it whose hiding alone stops that, until none is left.
    /// </summary>
    private void SuppressAgainstZeros()
    {
        if (!_policy.ProtectAgainstZeroInference)
        {
            return;
        }

        // The exact check first: on a release the zeros do not break (often the case once the linear audit and a
        // history have hidden enough) the one-pass audit would refuse nothing, and it costs far more than the check.
        if (FindZeroLeak([.. _cells.Select(AuditColumns)]) is null)
        {
            return;
        }

        // The one-pass audit again after the rules have hidden more (they may hide a cell whose counts the shown cells
        // determine), until the exact check finds nothing or the rounds run out.
        for (int pass = 0; pass < MaxZeroPasses && ZeroPass(); pass++)
        {
            SuppressToFixedPoint();
            if (FindZeroLeak([.. _cells.Select(AuditColumns)]) is null)
            {
                return;
            }
        }

        while (AuditZeros())
        {
            SuppressToFixedPoint();
        }
    }

    /// <summary>
    /// The one-pass zero-aware audit: the linear one-pass audit (<see cref="Audit"/>) over the counts of each score in
    /// each atom, with every published zero as an equation of its own. Returns whether it hid a cell.
    /// </summary>
    /// <remarks>
    /// <para>A shown cell publishes, per score, the sum of its atoms' counts of that score when it is positive, and when
    /// it is zero, that each atom's count is zero (one unit row per atom; a published zero is exactly this knowledge).
    /// When suppressed cells show their counts, their count (the sum over scores) is published too, and all scores share
    /// one system (columns score × atom); otherwise each score is a system of its own. Targets are the positive counts of
    /// hidden cells. Shown cells are added largest first, all the rows of one cell as one batch: when a row of the batch
    /// would determine a target, the batch is taken back and the cell is hidden, its positive counts becoming targets —
    /// the greedy order of complementary suppression (Cox 1980, JASA 75(370)) with the exact span test of
    /// <see cref="RowSpace"/>. Hiding only removes rows and zeros, so a verdict once reached stays true for the cells
    /// shown; the cells this audit hid are then shown again, largest first, where that determines nothing and the rules
    /// hold, as the linear audit's prune does.</para>
    /// <para>A hidden cell whose own positive counts are already determined when it is refused cannot be protected by
    /// hiding later cells; the exact check after this pass (<see cref="AuditZeros"/>) finds and mends such a cell.</para>
    /// </remarks>
    private bool ZeroPass()
    {
        int[][] cols = [.. _cells.Select(AuditColumns)];
        bool joint = _policy.ShowCountsForSuppressed;
        int width = _atoms.Count;
        RowSpace[] spaces = joint
            ? [new RowSpace(width * Nps.ScaleLength)]
            : [.. Enumerable.Range(0, Nps.ScaleLength).Select(_ => new RowSpace(width))];
        var targetCell = spaces.Select(_ => new List<int>()).ToArray();
        var targetsOf = new Dictionary<int, List<(int Space, int Target)>>();

        // Known zeros (a shown cell's atoms for each score it has none of), as the cells are published; every row and
        // target leaves their columns out (the same span as the rows with a unit row per known zero, with less fill).
        // Zeros are not taken from the start: a cell hidden in this pass must not lend its zeros (measured: that made
        // the pass hide nearly twice as many cells).
        bool[][] zero = [.. Enumerable.Range(0, Nps.ScaleLength).Select(_ => new bool[width])];
        bool[] zerosKnown = new bool[_cells.Count];
        var marked = new List<(int Score, int Atom)>();

        int SpaceOf(int score) => joint ? 0 : score;
        int[] Row(int c, int score)
        {
            bool[] z = zero[score];
            var row = new List<int>(cols[c].Length);
            foreach (int a in cols[c])
            {
                if (!z[a])
                {
                    row.Add(Column(score, a));
                }
            }

            return [.. row];
        }

        // Joint columns are score-major (score × width + atom): measured, atom-major order made the fill worse.
        int Column(int score, int atom) => joint ? (score * width) + atom : atom;
        int[] CountRow(int c) => [.. Enumerable.Range(0, Nps.ScaleLength).SelectMany(s => Row(c, s))];

        void AddTargets(int c)
        {
            var ids = new List<(int Space, int Target)>();
            for (int s = 0; s < Nps.ScaleLength; s++)
            {
                if (_cells[c].Tally.CountOf(s) > 0)
                {
                    int sp = SpaceOf(s);
                    int[] row = Row(c, s);
                    int t = row.Length == 0 ? -1 : spaces[sp].AddTarget(row);
                    if (t >= 0)
                    {
                        targetCell[sp].Add(c);
                        ids.Add((sp, t));
                    }
                }
            }

            targetsOf[c] = ids;
        }

        // Tries to publish cell c's rows (and, for a cell whose zeros are not known yet, its zeros as unit rows);
        // returns the cell of a target they would determine (nothing is then added), else −1.
        int TryShow(int c)
        {
            foreach (RowSpace space in spaces)
            {
                space.BeginBatch();
            }

            marked.Clear();
            int refused = -1;
            for (int s = 0; s < Nps.ScaleLength && refused < 0; s++)
            {
                int sp = SpaceOf(s);
                if (_cells[c].Tally.CountOf(s) > 0)
                {
                    int[] row = Row(c, s);
                    int t = row.Length == 0 ? -1 : spaces[sp].TryAdd(row, null, targetIfRefused: false);
                    refused = t >= 0 ? targetCell[sp][t] : -1;
                    continue;
                }

                if (zerosKnown[c])
                {
                    continue;
                }

                foreach (int a in cols[c])
                {
                    if (zero[s][a])
                    {
                        continue;
                    }

                    int t = spaces[sp].TryAdd([Column(s, a)], null, targetIfRefused: false);
                    if (t >= 0)
                    {
                        refused = targetCell[sp][t];
                        break;
                    }

                    zero[s][a] = true;
                    marked.Add((s, a));
                }
            }

            foreach (RowSpace space in spaces)
            {
                if (refused >= 0)
                {
                    space.CancelBatch();
                }
                else
                {
                    space.EndBatch();
                }
            }

            if (refused >= 0)
            {
                foreach ((int s, int a) in marked)
                {
                    zero[s][a] = false;
                }
            }
            else
            {
                zerosKnown[c] = true;
            }

            return refused;
        }

        if (joint)
        {
            for (int c = 0; c < _cells.Count; c++)
            {
                if (_cells[c].Hidden && cols[c].Length > 0)
                {
                    spaces[0].Add(CountRow(c));
                }
            }
        }

        for (int c = 0; c < _cells.Count; c++)
        {
            if (_cells[c].Hidden && cols[c].Length > 0)
            {
                AddTargets(c);
            }
        }

        bool changed = false;
        var order = Enumerable.Range(0, _cells.Count).Where(c => !_cells[c].Hidden && cols[c].Length > 0)
            .OrderByDescending(c => _cells[c].Count).ThenBy(c => _cells[c].Key, StringComparer.Ordinal);
        foreach (int c in order)
        {
            int related = TryShow(c);
            if (related < 0)
            {
                continue;
            }

            Hide(c, SuppressionReason.ProtectsCell, related);
            _cells[c].AgainstZeros = true;
            if (joint)
            {
                spaces[0].Add(CountRow(c));
            }

            AddTargets(c);
            changed = true;
        }

        // The prune: a cell hidden against zeros whose rows and zeros no longer determine anything is shown again.
        var prune = Enumerable.Range(0, _cells.Count)
            .Where(c => _cells[c].AgainstZeros && _cells[c].Reason == SuppressionReason.ProtectsCell && cols[c].Length > 0)
            .OrderByDescending(c => _cells[c].Count).ThenBy(c => _cells[c].Key, StringComparer.Ordinal)
            .ToList();
        foreach (int c in prune)
        {
            if (!RulesHoldIfShown(c))
            {
                continue;
            }

            foreach ((int sp, int t) in targetsOf.GetValueOrDefault(c) ?? [])
            {
                spaces[sp].RemoveTarget(t);
            }

            if (TryShow(c) >= 0)
            {
                AddTargets(c);
                continue;
            }

            _cells[c].Reason = SuppressionReason.None;
            _cells[c].Related = -1;
            _cells[c].Stale = null;
            _cells[c].AgainstZeros = false;
            changed = true;
        }

        return changed;
    }

    /// <summary>One step of <see cref="SuppressAgainstZeros"/>: returns whether it hid a cell.</summary>
    /// <remarks>
    /// <para>The linear audit solves for each atom's answers as a whole, so it cannot see what a zero tells: a shown
    /// group with no answer of 7 says that none of its members answered 7, and that knowledge turns an undetermined
    /// difference into an exact one (two teams of two, one person of each at each of two sites, minimum 2: a shown team
    /// {5, 9} and a shown site {7, 9} give every answer but one). Here the unknowns are the counts of each score in each
    /// atom; every shown cell publishes one equation per score, a shown zero makes each of its atoms' count of that score
    /// a known zero, and suppressed cells whose counts are shown add their count (the sum over scores). A hidden cell
    /// discloses when one of its non-zero score counts lies in the span — a count that is zero may be known (its
    /// members gave no such answer anywhere it is shown, which every published zero tells), a positive one never.</para>
    /// <para>This is the group (attribute) disclosure through zero cells of frequency tables (Hundepool et al. 2012,
    /// <i>Statistical Disclosure Control</i>, Wiley, ch. 5), checked with the exact span test of the linear audit. Bounds
    /// other than zeros (a shown group whose answers are all one score) are outside it (docs/enps.md).</para>
    /// </remarks>
    private bool AuditZeros()
    {
        int[][] cols = [.. _cells.Select(AuditColumns)];
        if (FindZeroLeak(cols) is not (int target, int score))
        {
            return false;
        }

        int[] targetAtoms = AuditAtoms(_cells[target]);
        var candidates = _relations.Where(r => r.Children.Contains(target) || r.Other == target || r.Parent == target)
            .SelectMany(r => r.Children.Append(r.Other).Append(r.Parent))
            .Concat(Enumerable.Range(0, _cells.Count).Where(c => SortedSets.Intersects(_cells[c].Atoms, targetAtoms)))
            .Where(c => c >= 0 && c != target && !_cells[c].Hidden && cols[c].Length > 0)
            .Distinct()
            .OrderBy(c => _cells[c].Count).ThenBy(c => _cells[c].Key, StringComparer.Ordinal)
            .ToList();
        if (candidates.Count == 0)
        {
            candidates = [.. Enumerable.Range(0, _cells.Count).Where(c => !_cells[c].Hidden && cols[c].Length > 0)
                .OrderBy(c => _cells[c].Count).ThenBy(c => _cells[c].Key, StringComparer.Ordinal)];
        }

        int chosen = candidates[0];
        foreach (int candidate in candidates.Take(MaxAuditTrials))
        {
            if (!new ZeroSystem(this, cols, candidate).Determines(target, score))
            {
                chosen = candidate;
                break;
            }
        }

        Hide(chosen, SuppressionReason.ProtectsCell, target);
        _cells[chosen].AgainstZeros = true;
        return true;
    }

    /// <summary>The first hidden cell (in cell order) with a positive count of a score that the published numbers
    /// determine once zeros are read, with that score; null when there is none (the exact check, from scratch).</summary>
    private (int Cell, int Score)? FindZeroLeak(int[][] cols)
    {
        var system = new ZeroSystem(this, cols, -1);
        for (int c = 0; c < _cells.Count; c++)
        {
            if (!_cells[c].Hidden || cols[c].Length == 0)
            {
                continue;
            }

            for (int s = 0; s < Nps.ScaleLength; s++)
            {
                if (_cells[c].Tally.CountOf(s) > 0 && system.Determines(c, s))
                {
                    return (c, s);
                }
            }
        }

        return null;
    }

    /// <summary>The equations of <see cref="AuditZeros"/>: per score, the shown cells' rows over the atoms whose count
    /// of that score is not a published zero; with counts shown for suppressed cells, their count rows across scores.
    /// Without count rows the scores are independent and each is eliminated on its own, when first asked.</summary>
    private sealed class ZeroSystem
    {
        private readonly EnpsEngine _engine;
        private readonly int[][] _cols;
        private readonly int _alsoHidden;
        private readonly int _width;
        private readonly bool[][] _zero;
        private readonly RowSpace?[] _byScore = new RowSpace?[Nps.ScaleLength];
        private RowSpace? _joint;

        public ZeroSystem(EnpsEngine engine, int[][] cols, int alsoHidden)
        {
            _engine = engine;
            _cols = cols;
            _alsoHidden = alsoHidden;
            _width = engine._atoms.Count;
            _zero = [.. Enumerable.Range(0, Nps.ScaleLength).Select(_ => new bool[_width])];
            for (int c = 0; c < cols.Length; c++)
            {
                if (!Shown(c))
                {
                    continue;
                }

                for (int s = 0; s < Nps.ScaleLength; s++)
                {
                    if (engine._cells[c].Tally.CountOf(s) == 0)
                    {
                        foreach (int a in cols[c])
                        {
                            _zero[s][a] = true;
                        }
                    }
                }
            }
        }

        private bool Counts => _engine._policy.ShowCountsForSuppressed;

        /// <summary>Whether the published numbers determine cell <paramref name="c"/>'s count of score <paramref name="score"/>.</summary>
        public bool Determines(int c, int score)
        {
            int[] row = Row(c, score, joint: Counts);
            if (row.Length == 0)
            {
                return true;
            }

            return Counts ? Joint().Contains(row) : Score(score).Contains(row);
        }

        private bool Shown(int c) => c != _alsoHidden && !_engine._cells[c].Hidden && _cols[c].Length > 0;

        /// <summary>A cell's row for one score: its atoms whose count of that score is not a known zero (columns of the
        /// joint system are score × atom).</summary>
        private int[] Row(int c, int score, bool joint)
        {
            int offset = joint ? score * _width : 0;
            bool[] zero = _zero[score];
            var row = new List<int>(_cols[c].Length);
            foreach (int a in _cols[c])
            {
                if (!zero[a])
                {
                    row.Add(offset + a);
                }
            }

            return [.. row];
        }

        private RowSpace Score(int score)
        {
            if (_byScore[score] is RowSpace done)
            {
                return done;
            }

            var space = new RowSpace(_width);
            foreach (int c in ShownLargestFirst())
            {
                if (_engine._cells[c].Tally.CountOf(score) > 0)
                {
                    space.Add(Row(c, score, joint: false));
                }
            }

            return _byScore[score] = space;
        }

        private RowSpace Joint()
        {
            if (_joint is not null)
            {
                return _joint;
            }

            var space = new RowSpace(_width * Nps.ScaleLength);
            foreach (int c in ShownLargestFirst())
            {
                for (int s = 0; s < Nps.ScaleLength; s++)
                {
                    if (_engine._cells[c].Tally.CountOf(s) > 0)
                    {
                        space.Add(Row(c, s, joint: true));
                    }
                }
            }

            for (int c = 0; c < _cols.Length; c++)
            {
                if (!Shown(c) && _cols[c].Length > 0)
                {
                    space.Add([.. Enumerable.Range(0, Nps.ScaleLength).SelectMany(s => Row(c, s, joint: true))]);
                }
            }

            return _joint = space;
        }

        private IEnumerable<int> ShownLargestFirst() =>
            Enumerable.Range(0, _cols.Length).Where(Shown).OrderByDescending(c => _engine._cells[c].Count);
    }
}
