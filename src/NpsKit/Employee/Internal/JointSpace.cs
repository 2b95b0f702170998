namespace NpsKit.Employee.Internal;

/// <summary>
/// The columns of the joint audit over every release of a population: classes of people (respondents by id, and one
/// stand-in per structural atom for the people who might have answered there) who are counted in exactly the same atoms
/// of every release. Every released cell of every release is a set of classes; what one release publishes about a cell
/// is a linear equation over them, and together the releases are one system of equations.
/// </summary>
/// <remarks>
/// A respondent's answer is taken to be the same in every release that counts them (the publisher's worst case: it is
/// what makes a joiner, a leaver, a mover or one late answer the difference of two published figures).
/// </remarks>
internal sealed class JointSpace
{
    private JointSpace(int width, int[] real, int[][] currentAtomClasses)
    {
        Width = width;
        Real = real;
        CurrentAtomClasses = currentAtomClasses;
    }

    public int Width { get; }

    /// <summary>The number of respondents in each class (0 for stand-ins only).</summary>
    public int[] Real { get; }

    public int[][] CurrentAtomClasses { get; }

    /// <summary>The rows published by earlier releases (cells shown with their own figures), without repeats.</summary>
    public List<int[]> Rows { get; } = [];

    /// <summary>What must stay undetermined: earlier releases' hidden and stale cells, and classes of 1 to k − 1 people.</summary>
    public List<(int[] Row, string Label)> Targets { get; } = [];

    /// <summary>Every earlier release in which a cell key was shown with its own figures, with its row.</summary>
    public Dictionary<string, List<(int[] Row, EnpsRelease Release)>> Versions { get; } = new(StringComparer.Ordinal);

    /// <summary>For a live round: the last figures each cell showed in this round, and when they were taken.</summary>
    public Dictionary<string, (NpsTally Figures, DateTimeOffset At)> LiveFigures { get; } = new(StringComparer.Ordinal);

    public static JointSpace Build(IReadOnlyList<EnpsRelease> earlier, ReleaseStructure current, int k, SurveyRound round)
    {
        ReleaseStructure[] all = [.. earlier.Select(r => r.Structure), current];
        int m = all.Length;
        var signatures = new Dictionary<int[], int>(SignatureComparer.Instance);
        var real = new List<int>();
        int ClassOf(int[] sig)
        {
            if (!signatures.TryGetValue(sig, out int c))
            {
                c = signatures.Count;
                signatures[sig] = c;
                real.Add(0);
            }

            return c;
        }

        var persons = new Dictionary<string, int[]>(StringComparer.Ordinal);
        for (int i = 0; i < m; i++)
        {
            foreach ((string id, int atom) in all[i].Respondents)
            {
                if (!persons.TryGetValue(id, out int[]? sig))
                {
                    sig = new int[m];
                    Array.Fill(sig, -1);
                    persons[id] = sig;
                }

                sig[i] = atom;
            }
        }

        foreach (int[] sig in persons.Values)
        {
            real[ClassOf(sig)]++;
        }

        // Stand-ins: for each atom of each release, someone who sits there in every release whose tree has that place.
        for (int i = 0; i < m; i++)
        {
            ReleaseStructure s = all[i];
            for (int a = 0; a < s.Atoms.Length; a++)
            {
                var sig = new int[m];
                for (int j = 0; j < m; j++)
                {
                    sig[j] = j == i ? a : all[j].FindAtomOf(s, a);
                }

                ClassOf(sig);
            }
        }

        // Columns numbered along the current release's org tree (then the earlier releases', newest first), so that the
        // rows of nested cells are near-contiguous and their elimination stays sparse.
        var ordered = signatures.OrderBy(e => SortKey(e.Key, all)).ToList();
        var renumber = new int[ordered.Count];
        for (int n = 0; n < ordered.Count; n++)
        {
            renumber[ordered[n].Value] = n;
        }

        int[] realByColumn = new int[ordered.Count];
        for (int c = 0; c < renumber.Length; c++)
        {
            realByColumn[renumber[c]] = real[c];
        }

        real = [.. realByColumn];

        // Classes by atom, per release.
        var byAtom = all.Select(s => s.Atoms.Select(_ => new List<int>()).ToArray()).ToArray();
        foreach ((int[] sig, int old) in signatures)
        {
            int c = renumber[old];
            for (int i = 0; i < m; i++)
            {
                if (sig[i] >= 0)
                {
                    byAtom[i][sig[i]].Add(c);
                }
            }
        }

        var space = new JointSpace(signatures.Count, [.. real], byAtom[m - 1].Select(l => l.Order().ToArray()).ToArray());
        var rowSeen = new HashSet<int[]>(SignatureComparer.Instance);
        var history = new RowSpace(space.Width);
        for (int i = 0; i < m - 1; i++)
        {
            EnpsRelease release = earlier[i];
            var byKey = release.Cells.ToDictionary(c => c.Key, StringComparer.Ordinal);
            bool live = release.Round.Name == round.Name && release.Round == round;
            foreach (EnpsReleasedCell cell in release.Cells)
            {
                int[] row = Union(release.Structure.AtomsOf(cell, byKey).Select(a => byAtom[i][a]));
                bool fresh = cell.Figures is not null && cell.FiguresTakenAt == release.PublishedAt;
                if (fresh)
                {
                    if (!space.Versions.TryGetValue(cell.Key, out var versions))
                    {
                        space.Versions[cell.Key] = versions = [];
                    }

                    if (rowSeen.Add(row))
                    {
                        space.Rows.Add(row);
                        space.RowPeople.Add(row.Sum(c => real[c]));
                        (int[] plus, int[] minus) = versions.Count > 0 ? Delta(row, versions[^1].Row) : (row, []);
                        history.Add(plus, minus);
                    }

                    versions.Add((row, release));
                }
                else if (row.Length > 0)
                {
                    space.Targets.Add((row, $"{release.Round.Name} at {release.PublishedAt:O}: {cell.Key}"));
                }

                if (live && cell.Figures is NpsTally figures)
                {
                    space.LiveFigures[cell.Key] = (figures, cell.FiguresTakenAt ?? release.PublishedAt);
                }
                else if (live)
                {
                    space.LiveFigures.Remove(cell.Key);
                }
            }
        }

        for (int c = 0; c < space.Width; c++)
        {
            if (space.Real[c] > 0 && space.Real[c] < k)
            {
                space.Targets.Add(([c], "a group of fewer respondents than the minimum"));
            }
        }

        // The history's rows are reduced once (a cell published again as its difference from its last version); every
        // audit of this release starts from a copy. What the earlier releases determine on their own, this release can
        // neither cause nor undo: such targets are not kept.
        var keep = new List<(int[] Row, string Label)>();
        var targetSeen = new HashSet<int[]>(SignatureComparer.Instance);
        foreach ((int[] Row, string Label) t in space.Targets)
        {
            if (targetSeen.Add(t.Row) && history.AddTarget(t.Row) >= 0)
            {
                keep.Add(t);
            }
        }

        space.Targets.Clear();
        space.Targets.AddRange(keep);
        space.History = history;
        return space;
    }

    /// <summary>The span of every earlier release's published rows, with <see cref="Targets"/> as its targets (same order).
    /// Clone it to audit this release.</summary>
    public RowSpace History { get; private set; } = null!;

    /// <summary>The respondents in each of <see cref="Rows"/>, in the same order.</summary>
    public List<int> RowPeople { get; } = [];

    /// <summary>Whether a current row nests with an earlier published row (one inside the other) with 1 to k − 1
    /// respondents between them: their difference would be a group below the minimum.</summary>
    public bool NestsCloselyWithEarlier(int[] row, int k)
    {
        if (_rowsByPeople is null)
        {
            _rowsByPeople = [];
            for (int i = 0; i < Rows.Count; i++)
            {
                if (!_rowsByPeople.TryGetValue(RowPeople[i], out List<int>? list))
                {
                    _rowsByPeople[RowPeople[i]] = list = [];
                }

                list.Add(i);
            }
        }

        int people = row.Sum(c => Real[c]);
        for (int gap = 1 - k; gap < k; gap++)
        {
            if (gap == 0 || !_rowsByPeople.TryGetValue(people + gap, out List<int>? near))
            {
                continue;
            }

            foreach (int i in near)
            {
                if (gap < 0 ? SortedSets.IsSubset(Rows[i], row) : SortedSets.IsSubset(row, Rows[i]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private Dictionary<int, List<int>>? _rowsByPeople;

    /// <summary>A current cell's row for the audit: its difference from the cell's last published version (already in
    /// <see cref="History"/>'s span, so the span grows the same), or the whole row.</summary>
    public (int[] Plus, int[] Minus) DeltaOf(string key, int[] row) =>
        Versions.TryGetValue(key, out var versions) ? Delta(row, versions[^1].Row) : (row, []);

    /// <summary>The classes in <paramref name="a"/> but not <paramref name="b"/>, and those in <paramref name="b"/> but not
    /// <paramref name="a"/>.</summary>
    private static (int[] Plus, int[] Minus) Delta(int[] a, int[] b)
    {
        var plus = new List<int>();
        var minus = new List<int>();
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j == b.Length || (i < a.Length && a[i] < b[j]))
            {
                plus.Add(a[i++]);
            }
            else if (i == a.Length || b[j] < a[i])
            {
                minus.Add(b[j++]);
            }
            else
            {
                i++;
                j++;
            }
        }

        return ([.. plus], [.. minus]);
    }

    /// <summary>The row of a current cell: the classes of its atoms.</summary>
    public int[] RowOf(int[] atoms) => Union(atoms.Select(a => CurrentAtomClasses[a]));

    /// <summary>How many respondents are counted in exactly one of two rows.</summary>
    public int Difference(int[] a, int[] b)
    {
        int i = 0, j = 0, d = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j == b.Length || (i < a.Length && a[i] < b[j]))
            {
                d += Real[a[i++]];
            }
            else if (i == a.Length || b[j] < a[i])
            {
                d += Real[b[j++]];
            }
            else
            {
                i++;
                j++;
            }
        }

        return d;
    }

    private static int[] Union(IEnumerable<int[]> parts)
    {
        var all = new List<int>();
        foreach (int[] p in parts)
        {
            all.AddRange(p);
        }

        all.Sort();
        return [.. all.Distinct()];
    }

    /// <summary>Where a class's column goes: by its atom in the newest release that has it (unit in preorder, then atom).</summary>
    private static (int Age, int Unit, int Atom) SortKey(int[] sig, ReleaseStructure[] all)
    {
        for (int i = sig.Length - 1; i >= 0; i--)
        {
            if (sig[i] >= 0)
            {
                return (sig.Length - 1 - i, all[i].Atoms[sig[i]].Unit, sig[i]);
            }
        }

        return (sig.Length, 0, 0);
    }

    private static int[] Union(IEnumerable<List<int>> parts) => Union(parts.Select(p => p.ToArray()));

    private sealed class SignatureComparer : IEqualityComparer<int[]>
    {
        public static readonly SignatureComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var h = new HashCode();
            foreach (int v in obj)
            {
                h.Add(v);
            }

            return h.ToHashCode();
        }
    }
}
