using System.Numerics;
using NpsKit.Employee;

namespace NpsKit.Tests.Employee.Publishing;

/// <summary>What one publication gave the attacker: the report, the org tree it was made on, and who was counted in it
/// (the attacker is told respondents' ids, units and attributes, never their answers).</summary>
internal sealed record Observation(EnpsReport Report, IReadOnlyList<OrgUnit> Units, IReadOnlyList<(string Id, EnpsResponse Response)> Respondents);

/// <summary>
/// The attacker who holds every publication of one population and solves them jointly, exactly.
/// </summary>
/// <remarks>
/// <para>Unknowns: one column per respondent (by id — a person's answer is taken to be the same in every publication that
/// counts them, the worst case for the publisher: it makes a joiner, a leaver or one late answer the difference of two
/// published figures) and one column per structural atom "unit × one value of every dimension" standing for the people
/// who might have answered there (the attacker does not know who did not answer; a unit whose headcount is 0 has nobody
/// of its own, and no such column). Each published figure of a shown cell
/// (any of its 11 score counts, or its respondent count) is the sum of the columns of its members; the attacker treats
/// each score alike, so one 0/1 row per shown cell and publication.</para>
/// <para>Leaks: a hidden cell of any publication whose row is a rational combination of the published rows (its counts
/// follow); one respondent's column in that span (their answer follows); two published cells, one inside the other, whose
/// difference is 1 to k − 1 respondents (a group below the minimum). Exact: sparse fraction-free Gaussian elimination
/// over the integers (<see cref="BigInteger"/>), no floating point and no primes. Independent of the library's own audit.</para>
/// </remarks>
internal sealed class PublicationAttacker
{
    private readonly IReadOnlyDictionary<string, string[]> _values;
    private readonly string[] _dims;
    private readonly Dictionary<string, int> _column = new(StringComparer.Ordinal);
    private readonly List<(string[] Cols, Observation Obs, EnpsCell Cell, int[] Row, int People)> _published = [];
    private readonly List<(Observation Obs, EnpsCell Cell, int[] Row)> _hidden = [];
    private readonly HashSet<int> _persons = [];
    private readonly Echelon _span = new();

    /// <param name="values">Every dimension the attacker knows of, with all its values (the org's HR attributes).</param>
    public PublicationAttacker(IReadOnlyDictionary<string, string[]> values)
    {
        _values = values;
        _dims = [.. values.Keys.Order(StringComparer.Ordinal)];
    }

    public int Minimum { get; private set; } = int.MaxValue;

    public void Observe(Observation o)
    {
        Minimum = Math.Min(Minimum, o.Report.Policy.MinimumRespondents);
        var parent = o.Units.ToDictionary(u => u.Id, u => u.ParentId, StringComparer.Ordinal);
        var newRows = new List<int[]>();
        foreach (EnpsCell cell in o.Report.Cells.Where(c => !c.IsStale))
        {
            // A stale cell repeats figures an earlier publication already gave: nothing new.
            int[] row = Members(o, cell, parent).Order().ToArray();
            int people = row.Count(_persons.Contains);
            if (cell.IsSuppressed)
            {
                // A group the earlier publications already determined (e.g. shown at minimum 5, hidden at minimum 10)
                // is not this publication's leak; every other hidden group must stay undetermined.
                if (!(row.Length > 0 && _span.Contains(row)))
                {
                    _hidden.Add((o, cell, row));
                }

                if (cell.HasRespondentCount)
                {
                    newRows.Add(row);
                }
            }
            else
            {
                _published.Add(([], o, cell, row, people));
                newRows.Add(row);
            }
        }

        foreach (int[] row in newRows)
        {
            _span.Add(row);
        }
    }

    /// <summary>Every leak, described in one line each.</summary>
    public List<string> Leaks()
    {
        var leaks = new List<string>();
        foreach ((Observation o, EnpsCell cell, int[] row) in _hidden)
        {
            if (row.Length > 0 && _span.Contains(row))
            {
                leaks.Add($"{o.Report.Round.Name} k={o.Report.Policy.MinimumRespondents}: hidden cell {cell.Key} is determined");
            }
        }

        foreach ((string id, int col) in _column.Where(c => _persons.Contains(c.Value)))
        {
            if (_span.Contains([col]))
            {
                leaks.Add($"the answer of respondent {id[2..]} is determined");
            }
        }

        var sets = _published.Select(p => (p, Set: p.Row.ToHashSet())).ToList();
        foreach (var (a, setA) in sets)
        {
            foreach (var (b, setB) in sets)
            {
                if (a.Row.Length < b.Row.Length && a.People < b.People && b.People - a.People < Minimum && setA.IsSubsetOf(setB))
                {
                    int diff = b.Row.Count(c => !setA.Contains(c) && _persons.Contains(c));
                    if (diff > 0 && diff < Minimum)
                    {
                        leaks.Add($"{b.Obs.Report.Round.Name} {b.Cell.Key} minus {a.Obs.Report.Round.Name} {a.Cell.Key} is {diff} respondent(s)");
                    }
                }
            }
        }

        return leaks;
    }

    private IEnumerable<int> Members(Observation o, EnpsCell cell, Dictionary<string, string?> parent)
    {
        if (cell.Kind == EnpsCellKind.Other)
        {
            return cell.FoldedCellKeys.SelectMany(k => Members(o, o.Report[k], parent)).Distinct();
        }

        bool direct = cell.Kind == EnpsCellKind.DirectMembers || (cell.Kind == EnpsCellKind.DimensionValue && cell.Key.Split(" [")[0].EndsWith("/(direct)", StringComparison.Ordinal));
        bool InUnit(string unit) => direct ? unit == cell.UnitId : IsAtOrBelow(unit, cell.UnitId, parent);
        bool InValue(Func<string, string> valueOf) => cell.Dimension is null || valueOf(cell.Dimension) == cell.DimensionValue;
        var result = new List<int>();
        foreach ((string id, EnpsResponse r) in o.Respondents)
        {
            if (InUnit(r.UnitId) && InValue(d => r.Attributes is not null && r.Attributes.TryGetValue(d, out string? v) ? v : EnpsReport.NotStated))
            {
                result.Add(Column("p:" + id, person: true));
            }
        }

        // The atoms of possible respondents: every unit of this publication's tree × every value vector.
        foreach (OrgUnit u in o.Units.Where(u => InUnit(u.Id) && u.Headcount != 0))
        {
            foreach (string[] vector in Vectors(0))
            {
                if (InValue(d => vector[Array.IndexOf(_dims, d)]))
                {
                    result.Add(Column("a:" + u.Id + "|" + string.Join("|", vector), person: false));
                }
            }
        }

        return result;
    }

    private IEnumerable<string[]> Vectors(int d)
    {
        if (d == _dims.Length)
        {
            yield return new string[_dims.Length];
            yield break;
        }

        foreach (string[] rest in Vectors(d + 1))
        {
            foreach (string v in _values[_dims[d]].Append(EnpsReport.NotStated))
            {
                string[] copy = (string[])rest.Clone();
                copy[d] = v;
                yield return copy;
            }
        }
    }

    private int Column(string name, bool person)
    {
        if (!_column.TryGetValue(name, out int c))
        {
            c = _column.Count;
            _column[name] = c;
            if (person)
            {
                _persons.Add(c);
            }
        }

        return c;
    }

    private static bool IsAtOrBelow(string unit, string ancestor, Dictionary<string, string?> parent)
    {
        for (string? u = unit; u is not null; u = parent.GetValueOrDefault(u))
        {
            if (u == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sparse row echelon form over the integers, fraction-free: a row is reduced by r ← a·r − b·p at each pivot.</summary>
    private sealed class Echelon
    {
        private readonly Dictionary<int, (int[] Cols, BigInteger[] Vals)> _byPivot = [];

        public void Add(int[] cols)
        {
            (int[] c, BigInteger[] v) = Reduce(cols);
            if (c.Length > 0)
            {
                _byPivot[c[0]] = (c, v);
            }
        }

        public bool Contains(int[] cols) => Reduce(cols).Cols.Length == 0;

        private (int[] Cols, BigInteger[] Vals) Reduce(int[] cols)
        {
            int[] c = cols;
            BigInteger[] v = cols.Select(_ => BigInteger.One).ToArray();
            int i = 0;
            while (i < c.Length)
            {
                if (!_byPivot.TryGetValue(c[i], out var p))
                {
                    i++;
                    continue;
                }

                // r ← a·r − b·p with a = p's pivot, b = r's entry: the entry at c[i] cancels; columns before it are untouched.
                BigInteger a = p.Vals[0], b = v[i];
                var nc = new List<int>(c.Length + p.Cols.Length);
                var nv = new List<BigInteger>(c.Length + p.Cols.Length);
                int x = 0, y = 0;
                while (x < c.Length || y < p.Cols.Length)
                {
                    int col;
                    BigInteger val;
                    if (y == p.Cols.Length || (x < c.Length && c[x] < p.Cols[y]))
                    {
                        (col, val) = (c[x], a * v[x]);
                        x++;
                    }
                    else if (x == c.Length || p.Cols[y] < c[x])
                    {
                        (col, val) = (p.Cols[y], -b * p.Vals[y]);
                        y++;
                    }
                    else
                    {
                        (col, val) = (c[x], (a * v[x]) - (b * p.Vals[y]));
                        x++;
                        y++;
                    }

                    if (!val.IsZero)
                    {
                        nc.Add(col);
                        nv.Add(val);
                    }
                }

                BigInteger g = nv.Aggregate(BigInteger.Zero, BigInteger.GreatestCommonDivisor);
                c = [.. nc];
                v = g > 1 ? nv.Select(t => t / g).ToArray() : [.. nv];
                i = Array.FindIndex(c, col => col >= p.Cols[0]);
                i = i < 0 ? c.Length : i;
            }

            return (c, v);
        }
    }
}
