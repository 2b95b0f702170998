using System.Numerics;
using NpsKit.Employee;

namespace NpsKit.Tests.Employee;

/// <summary>
/// The attacker: reads everything a report publishes as linear equations over the unknown counts, and asks, by exact
/// Gaussian elimination over the rationals, whether any suppressed cell's respondent count or category counts follow.
/// </summary>
/// <remarks>
/// Unknowns: for every non-empty "atom" (unit × one value per dimension — the attacker is even told which atoms are
/// non-empty) and every category (promoter, passive, detractor), the number of such answers. Equations: for each shown
/// cell and each category, the sum of its atoms equals the published count; for each suppressed cell whose respondent
/// count the policy shows, the sum over its atoms and all categories equals that count. A suppressed cell's count is
/// determined exactly when its indicator row is a linear combination of the equation rows: every "parent minus visible
/// children", every cross-dimension difference and every longer chain of them is such a combination.
/// Independent of the library's own check (which works modulo primes on atoms only).
/// </remarks>
internal sealed class DisclosureAttacker
{
    private static readonly NpsCategory[] Categories = [NpsCategory.Promoter, NpsCategory.Passive, NpsCategory.Detractor];
    private readonly List<(string Unit, string[]? Values)> _atoms = [];
    private readonly Dictionary<string, string?> _parentOf;
    private readonly IReadOnlyList<string> _dims;
    private readonly List<BigInteger[]> _echelon = [];
    private readonly List<int> _pivots = [];
    private readonly List<long[]> _truth = [];
    private readonly IReadOnlySet<string>? _alsoPublished;
    private RationalSpan? _zeroSpan;
    private bool[][]? _zeroKnown;

    private const int Scores = 11;

    /// <param name="s">The scenario (the attacker learns only the structure from it, never a count).</param>
    /// <param name="report">The published report.</param>
    /// <param name="alsoPublished">Keys of suppressed cells to treat as published anyway, to check the attacker's power.</param>
    public DisclosureAttacker(EnpsScenario s, EnpsReport report, IReadOnlySet<string>? alsoPublished = null)
    {
        _parentOf = s.Units.ToDictionary(u => u.Id, u => u.ParentId);
        _dims = s.Dimensions;
        foreach (EnpsResponse r in s.Responses)
        {
            string[] values = _dims.Select(d => r.Attributes is not null && r.Attributes.TryGetValue(d, out string? v) ? v : EnpsReport.NotStated).ToArray();
            if (!_atoms.Any(a => a.Unit == r.UnitId && a.Values.SequenceEqual(values)))
            {
                _atoms.Add((r.UnitId, values));
            }
        }

        // Units that can have people but where nobody answered keep an unknown of their own: the attacker is told who can
        // answer where (the org chart), not who did not.
        foreach (OrgUnit u in s.Units)
        {
            bool leaf = !s.Units.Any(x => x.ParentId == u.Id);
            if ((leaf ? u.Headcount != 0 : u.Headcount > 0) && !_atoms.Any(a => a.Unit == u.Id))
            {
                _atoms.Add((u.Id, _dims.Select(_ => EnpsReport.NotStated).ToArray()));
            }
        }

        _alsoPublished = alsoPublished;
        foreach ((string unit, string[]? values) in _atoms)
        {
            var h = new long[Scores];
            foreach (EnpsResponse r in s.Responses.Where(r => r.UnitId == unit && _dims.Select(d => r.Attributes is not null && r.Attributes.TryGetValue(d, out string? v) ? v : EnpsReport.NotStated).SequenceEqual(values!)))
            {
                h[r.Score]++;
            }

            _truth.Add(h);
        }

        foreach (EnpsCell cell in report.Cells)
        {
            bool[] members = Members(cell, report);
            if (!cell.IsSuppressed || (alsoPublished?.Contains(cell.Key) ?? false))
            {
                for (int c = 0; c < Categories.Length; c++)
                {
                    AddEquation(Row(members, c));
                }
            }
            else if (cell.HasRespondentCount)
            {
                AddEquation(Row(members, -1));
            }
        }
    }

    private int Width => _atoms.Count * Categories.Length;

    /// <summary>
    /// The zero-reading attacker: which scores of a suppressed cell that some of its members gave follow from the report
    /// once every published zero is read as a zero for each member (a shown group with no 7 says none of its people
    /// answered 7). Unknowns are the counts of each score 0..10 in each atom; equations are every shown cell's count of
    /// each score, and the respondent counts of suppressed cells when shown; a published zero removes its atoms' unknowns
    /// of that score. Exact (<see cref="RationalSpan"/>, sparse rationals). The truth (which scores the cell holds) only
    /// chooses what to ask: a known zero is no disclosure, a known positive count is.
    /// </summary>
    public List<int> RecoveredScores(EnpsCell cell, EnpsReport report)
    {
        _zeroSpan ??= BuildZeroSpan(report);
        bool[] members = Members(cell, report);
        var found = new List<int>();
        for (int s = 0; s < Scores; s++)
        {
            bool holds = Enumerable.Range(0, _atoms.Count).Any(a => members[a] && _truth[a][s] > 0);
            if (holds && _zeroSpan!.Contains(ScoreColumns(members, s)))
            {
                found.Add(s);
            }
        }

        return found;
    }

    private RationalSpan BuildZeroSpan(EnpsReport report)
    {
        bool[][] zero = [.. Enumerable.Range(0, Scores).Select(_ => new bool[_atoms.Count])];
        var shown = new List<(bool[] Members, NpsTally Tally)>();
        var counted = new List<bool[]>();
        foreach (EnpsCell cell in report.Cells)
        {
            bool[] members = Members(cell, report);
            if (!cell.IsSuppressed || (_alsoPublished?.Contains(cell.Key) ?? false))
            {
                NpsTally tally = cell.IsSuppressed ? Truth(members) : cell.Tally;
                shown.Add((members, tally));
                for (int s = 0; s < Scores; s++)
                {
                    for (int a = 0; a < members.Length; a++)
                    {
                        zero[s][a] |= members[a] && tally.CountOf(s) == 0;
                    }
                }
            }
            else if (cell.HasRespondentCount)
            {
                counted.Add(members);
            }
        }

        _zeroKnown = zero;
        var span = new RationalSpan();
        foreach ((bool[] members, NpsTally tally) in shown)
        {
            for (int s = 0; s < Scores; s++)
            {
                if (tally.CountOf(s) > 0)
                {
                    span.Add(ScoreColumns(members, s));
                }
            }
        }

        foreach (bool[] members in counted)
        {
            span.Add([.. Enumerable.Range(0, Scores).SelectMany(s => ScoreColumns(members, s))]);
        }

        return span;
    }

    private NpsTally Truth(bool[] members)
    {
        var h = new long[Scores];
        for (int a = 0; a < members.Length; a++)
        {
            for (int s = 0; s < Scores && members[a]; s++)
            {
                h[s] += _truth[a][s];
            }
        }

        return NpsTally.FromHistogram(h);
    }

    private int[] ScoreColumns(bool[] members, int score) =>
        [.. Enumerable.Range(0, _atoms.Count).Where(a => members[a] && !_zeroKnown![score][a]).Select(a => (score * _atoms.Count) + a)];

    /// <summary>Which published numbers of a suppressed cell the attacker can compute: "n", "Promoter", … (empty when none).</summary>
    public List<string> Recovered(EnpsCell cell, EnpsReport report)
    {
        bool[] members = Members(cell, report);
        var found = new List<string>();
        if (!members.Contains(true))
        {
            // A cell of a group nobody answered in: this attacker is told which groups are empty, so there is nothing
            // left to recover (whether a hidden person answered is the publication attacker's question).
            return found;
        }

        if (!cell.HasRespondentCount && InSpan(Row(members, -1)))
        {
            found.Add("n");
        }

        for (int c = 0; c < Categories.Length; c++)
        {
            if (InSpan(Row(members, c)))
            {
                found.Add(Categories[c].ToString());
            }
        }

        return found;
    }

    /// <summary>Which atoms a cell covers, from its published label alone.</summary>
    private bool[] Members(EnpsCell cell, EnpsReport report)
    {
        if (cell.Kind == EnpsCellKind.Other)
        {
            var union = new bool[_atoms.Count];
            foreach (string k in cell.FoldedCellKeys)
            {
                bool[] m = Members(report[k], report);
                for (int a = 0; a < union.Length; a++)
                {
                    union[a] |= m[a];
                }
            }

            return union;
        }

        string baseKey = cell.Dimension is null ? cell.Key : cell.Key[..cell.Key.IndexOf(" [", StringComparison.Ordinal)];
        bool direct = baseKey.EndsWith("/(direct)", StringComparison.Ordinal);
        int dim = cell.Dimension is null ? -1 : _dims.ToList().IndexOf(cell.Dimension);
        return _atoms.Select(a =>
            (direct ? a.Unit == cell.UnitId : IsAtOrBelow(a.Unit, cell.UnitId))
            && (dim < 0 || (a.Values is not null && a.Values[dim] == cell.DimensionValue))).ToArray();
    }

    private bool IsAtOrBelow(string unit, string ancestor)
    {
        for (string? u = unit; u is not null; u = _parentOf[u])
        {
            if (u == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The indicator row of a cell for one category (c ≥ 0) or for all categories (c = −1).</summary>
    private BigInteger[] Row(bool[] members, int category)
    {
        var row = new BigInteger[Width];
        for (int a = 0; a < members.Length; a++)
        {
            for (int c = 0; c < Categories.Length; c++)
            {
                if (members[a] && (category < 0 || category == c))
                {
                    row[(a * Categories.Length) + c] = 1;
                }
            }
        }

        return row;
    }

    private void AddEquation(BigInteger[] row)
    {
        BigInteger[] r = Reduce(row);
        int pivot = Array.FindIndex(r, x => !x.IsZero);
        if (pivot >= 0)
        {
            _echelon.Add(r);
            _pivots.Add(pivot);
        }
    }

    private bool InSpan(BigInteger[] row) => Reduce(row).All(x => x.IsZero);

    /// <summary>Fraction-free elimination: for each echelon row with pivot column j, r ← p_j·r − r_j·p (exact over ℚ up to scale).</summary>
    private BigInteger[] Reduce(BigInteger[] row)
    {
        var r = (BigInteger[])row.Clone();
        for (int i = 0; i < _echelon.Count; i++)
        {
            int j = _pivots[i];
            if (r[j].IsZero)
            {
                continue;
            }

            BigInteger[] p = _echelon[i];
            BigInteger a = p[j], b = r[j];
            BigInteger g = BigInteger.Zero;
            for (int k = 0; k < r.Length; k++)
            {
                r[k] = (a * r[k]) - (b * p[k]);
                g = BigInteger.GreatestCommonDivisor(g, r[k]);
            }

            if (g > 1)
            {
                for (int k = 0; k < r.Length; k++)
                {
                    r[k] /= g;
                }
            }
        }

        return r;
    }
}
