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
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < m; i++)
        {
            ReleaseStructure s = all[i];
            for (int a = 0; a < s.Atoms.Length; a++)
            {
                string unit = s.UnitIds[s.Atoms[a].Unit];
                Func<string, string?>? valueOf = s.Atoms[a].Values is null ? null : dim => s.ValueOf(a, dim);
                var sig = new int[m];
                for (int j = 0; j < m; j++)
                {
                    sig[j] = j == i ? a : all[j].Find(unit, valueOf);
                }

                if (seen.Add(string.Join(",", sig)))
                {
                    ClassOf(sig);
                }
            }
        }

        // Classes by atom, per release.
        var byAtom = all.Select(s => s.Atoms.Select(_ => new List<int>()).ToArray()).ToArray();
        foreach ((int[] sig, int c) in signatures)
        {
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
                    if (rowSeen.Add(row))
                    {
                        space.Rows.Add(row);
                        space.RowPeople.Add(row.Sum(c => real[c]));
                    }

                    if (!space.Versions.TryGetValue(cell.Key, out var versions))
                    {
                        space.Versions[cell.Key] = versions = [];
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

        // What the earlier releases determine on their own, this release can neither cause nor undo.
        bool[] already = RowSpace.Determines(space.Width, space.Rows, space.Targets.Select(t => t.Row).ToList());
        var keep = space.Targets.Where((_, i) => !already[i]).ToList();
        space.Targets.Clear();
        space.Targets.AddRange(keep);
        return space;
    }

    /// <summary>The respondents in each of <see cref="Rows"/>, in the same order.</summary>
    public List<int> RowPeople { get; } = [];

    /// <summary>Whether a current row nests with an earlier published row (one inside the other) with 1 to k − 1
    /// respondents between them: their difference would be a group below the minimum.</summary>
    public bool NestsCloselyWithEarlier(int[] row, int k)
    {
        int people = row.Sum(c => Real[c]);
        for (int i = 0; i < Rows.Count; i++)
        {
            int gap = Math.Abs(RowPeople[i] - people);
            if (gap > 0 && gap < k && (IsSubset(row, Rows[i]) || IsSubset(Rows[i], row)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSubset(int[] small, int[] large)
    {
        if (small.Length > large.Length)
        {
            return false;
        }

        int j = 0;
        foreach (int x in small)
        {
            while (j < large.Length && large[j] < x)
            {
                j++;
            }

            if (j == large.Length || large[j] != x)
            {
                return false;
            }
        }

        return true;
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
