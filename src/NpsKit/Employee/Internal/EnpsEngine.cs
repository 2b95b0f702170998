using System.Globalization;
using NpsKit.Internal;

namespace NpsKit.Employee.Internal;

/// <summary>
/// Builds an eNPS report: org tree and dimension values → atoms (finest groups: unit × one value per dimension) →
/// cells (sets of atoms) and the additive relations between them (parent = sum of children) → suppression to a fixed
/// point → published cells and comments.
/// </summary>
internal sealed partial class EnpsEngine
{
    private readonly AnonymityPolicy _policy;
    private readonly EnpsReportOptions _options;
    private readonly List<string> _unitIds = [];
    private readonly List<int> _parent = [];
    private readonly List<List<int>> _children = [];
    private readonly List<string> _paths = [];
    private readonly List<long?> _headcount = [];
    private readonly List<int> _preorder = [];
    private readonly List<List<string>> _values = [];
    private readonly List<(int Unit, int[]? Values)> _atoms = [];
    private readonly List<NpsTally> _atomTallies = [];
    private readonly List<Cell> _cells = [];
    private readonly List<Relation> _relations = [];
    private readonly Dictionary<(int Node, int Dim, int Value), int> _cellAt = [];
    private readonly long[] _ownRespondents;
    private readonly List<List<string>> _ownComments;
    private readonly List<(string Id, int Atom)> _persons = [];
    private readonly PublishContext? _context;
    private JointSpace? _joint;
    private int[]? _auditColumn;
    private ComplementaryChoice _choice = ComplementaryChoice.Fewest;

    /// <summary>How many cells next to a determined one the neighbour-first audit tries before falling back to a neighbour.</summary>
    private const int MaxAuditTrials = 24;

    private EnpsEngine(AnonymityPolicy policy, EnpsReportOptions options, IEnumerable<OrgUnit> units, PublishContext? context)
    {
        _policy = policy;
        _options = options;
        _context = context;
        BuildTree(units);
        _ownRespondents = new long[_unitIds.Count];
        _ownComments = _unitIds.Select(_ => new List<string>()).ToList();
    }

    private int K => _policy.MinimumRespondents;

    public static (List<EnpsCell> Cells, List<EnpsComment> Comments) Run(
        SurveyRound round, IEnumerable<OrgUnit> units, IEnumerable<EnpsResponse> responses, AnonymityPolicy policy, EnpsReportOptions options)
    {
        EngineResult r = Run(round, units, responses, policy, options, null);
        return (r.Cells, r.Comments);
    }

    /// <summary>Runs the engine; with a context, audits jointly with the context's earlier releases.</summary>
    public static EngineResult Run(
        SurveyRound round, IEnumerable<OrgUnit> units, IEnumerable<EnpsResponse> responses, AnonymityPolicy policy, EnpsReportOptions options, PublishContext? context)
        => Run(round, units, responses, policy, options, context, ComplementaryChoice.Fewest);

    /// <summary>Runs the engine with a given choice of complementary suppression for a report without history (tests
    /// compare the choices; the public entry points use <see cref="ComplementaryChoice.Fewest"/>).</summary>
    public static EngineResult Run(
        SurveyRound round, IEnumerable<OrgUnit> units, IEnumerable<EnpsResponse> responses, AnonymityPolicy policy, EnpsReportOptions options, PublishContext? context, ComplementaryChoice choice)
    {
        var engine = new EnpsEngine(policy, options, units, context) { _choice = choice };
        engine.ReadResponses(responses);
        engine.BuildCells();
        ReleaseStructure structure = engine.Structure();
        if (context is not null && context.Earlier.Count > 0)
        {
            engine._joint = JointSpace.Build(context.Earlier, structure, policy.MinimumRespondents, round);
        }

        engine.Suppress();
        List<EnpsCell> cells = engine.Publish();
        return new EngineResult(cells, engine.Comments(round), structure, engine.Released(context?.PublishedAt ?? default));
    }

    /// <summary>The synthetic respondent ids used when answers carry none: unit and position of the answer in its unit.</summary>
    public static string SyntheticId(string unit, int ordinal) => "#" + unit + "#" + ordinal.ToString(CultureInfo.InvariantCulture);

    private ReleaseStructure Structure() => new(
        [.. _unitIds],
        [.. _parent],
        [.. _options.Dimensions],
        [.. _values.Select(v => v.ToArray())],
        [.. _atoms.Select(a => (a.Unit, a.Values))],
        [.. _persons]);

    private List<EnpsReleasedCell> Released(DateTimeOffset at) =>
        _cells.Select(c => new EnpsReleasedCell(
            c.Key,
            c.Kind,
            _unitIds[c.Unit],
            c.Dimension,
            c.Value,
            c.Stale is not null ? SuppressionReason.None : c.Reason,
            c.Stale?.Figures ?? (c.Hidden ? null : c.Tally),
            c.Stale?.At ?? (c.Hidden ? null : at),
            c.Folded.Select(f => _cells[f].Key).ToArray())).ToList();

    private void BuildTree(IEnumerable<OrgUnit> units)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<OrgUnit>();
        foreach (OrgUnit? u in units)
        {
            if (u is null || string.IsNullOrEmpty(u.Id))
            {
                ThrowHelper.BadOrgTree(string.Create(CultureInfo.InvariantCulture, $"unit {list.Count} is null or has an empty Id: give every unit a unique, non-empty Id."));
            }

            if (!index.TryAdd(u.Id, list.Count))
            {
                ThrowHelper.BadOrgTree($"unit Id '{u.Id}' appears twice: unit Ids must be unique.");
            }

            if (u.Headcount is < 0)
            {
                ThrowHelper.BadOrgTree($"unit '{u.Id}' has a negative Headcount: use zero or more, or null when unknown.");
            }

            list.Add(u);
        }

        var roots = list.Where(u => u.ParentId is null).ToList();
        if (roots.Count != 1)
        {
            ThrowHelper.BadOrgTree(string.Create(CultureInfo.InvariantCulture, $"{roots.Count} units have no ParentId ({string.Join(", ", roots.Take(5).Select(r => "'" + r.Id + "'"))}): exactly one unit, the company, must be the root."));
        }

        var kids = list.Select(_ => new List<int>()).ToList();
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].ParentId is string p)
            {
                if (!index.TryGetValue(p, out int pi))
                {
                    ThrowHelper.BadOrgTree($"unit '{list[i].Id}' names parent '{p}', which is not in the tree: add the parent or correct ParentId.");
                }

                kids[pi].Add(i);
            }
        }

        // Preorder walk from the root; units not reached sit on a cycle.
        var newIndex = new int[list.Count];
        Array.Fill(newIndex, -1);
        var stack = new Stack<(int Old, int NewParent)>();
        stack.Push((index[roots[0].Id], -1));
        while (stack.Count > 0)
        {
            (int old, int newParent) = stack.Pop();
            int me = _unitIds.Count;
            newIndex[old] = me;
            _unitIds.Add(list[old].Id);
            _parent.Add(newParent);
            _children.Add([]);
            _headcount.Add(list[old].Headcount);
            _paths.Add(newParent < 0 ? list[old].Id : _paths[newParent] + "/" + list[old].Id);
            _preorder.Add(me);
            if (newParent >= 0)
            {
                _children[newParent].Add(me);
            }

            for (int c = kids[old].Count - 1; c >= 0; c--)
            {
                stack.Push((kids[old][c], me));
            }
        }

        int unreached = Array.IndexOf(newIndex, -1);
        if (unreached >= 0)
        {
            ThrowHelper.BadOrgTree($"unit '{list[unreached].Id}' is not below the root: its ParentId chain forms a cycle.");
        }
    }

    private void ReadResponses(IEnumerable<EnpsResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var unitIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _unitIds.Count; i++)
        {
            unitIndex[_unitIds[i]] = i;
        }

        IReadOnlyList<string> dims = _options.Dimensions;
        bool[] declared = dims.Select(d => _options.DimensionValues.ContainsKey(d)).ToArray();
        var valueIndex = dims.Select((d, i) => declared[i]
            ? _options.DimensionValues[d].Append(EnpsReport.NotStated).Select((v, j) => (v, j)).ToDictionary(x => x.v, x => x.j, StringComparer.Ordinal)
            : new Dictionary<string, int>(StringComparer.Ordinal)).ToList();
        var rows = new List<(int Unit, string[] Values, int Score, string Id)>();
        var ordinal = new int[_unitIds.Count];
        bool raw = _options.IncludeRawValuesInExceptions;
        long n = 0;
        foreach (EnpsResponse r in responses)
        {
            if (r.UnitId is null || !unitIndex.TryGetValue(r.UnitId, out int unit))
            {
                ThrowHelper.BadResponse(n, "names a unit that is not in the org tree: add the unit or correct UnitId", r.UnitId, raw);
                unit = -1;
            }

            if (!Nps.IsValidScore(r.Score))
            {
                ThrowHelper.BadResponse(n, "has a score outside 0..10: allowed are the integers 0 to 10", r.Score.ToString(CultureInfo.InvariantCulture), raw);
            }

            var values = new string[dims.Count];
            for (int d = 0; d < dims.Count; d++)
            {
                string? v = null;
                _ = r.Attributes?.TryGetValue(dims[d], out v);
                values[d] = string.IsNullOrWhiteSpace(v) ? EnpsReport.NotStated : v;
                if (declared[d] && !valueIndex[d].ContainsKey(values[d]))
                {
                    ThrowHelper.BadResponse(n, $"has a value of dimension '{dims[d]}' that EnpsReportOptions.DimensionValues does not declare: declare every value the dimension can take", values[d], raw);
                }

                valueIndex[d].TryAdd(values[d], 0);
            }

            rows.Add((unit, values, r.Score, r.RespondentId ?? SyntheticId(_unitIds[unit], ordinal[unit])));
            ordinal[unit]++;
            _ownRespondents[unit]++;
            if (!string.IsNullOrWhiteSpace(r.Comment))
            {
                _ownComments[unit].Add(r.Comment);
            }

            n++;
        }

        if (n == 0)
        {
            throw new ArgumentException("There are no responses: an eNPS report needs at least one answer.", nameof(responses));
        }

        for (int u = 0; u < _unitIds.Count; u++)
        {
            if (_headcount[u] is long h && _ownRespondents[u] > h)
            {
                ThrowHelper.BadOrgTree($"unit '{_unitIds[u]}' has more responses than its Headcount: correct the Headcount (people placed directly in the unit) or the responses' UnitId.");
            }
        }

        // A unit that can have people of its own but where nobody answered still has an atom: everyone there "not stated".
        bool emptyUnits = Enumerable.Range(0, _unitIds.Count).Any(u => _ownRespondents[u] == 0 && (_children[u].Count == 0 ? _headcount[u] != 0 : _headcount[u] > 0));
        for (int d = 0; d < dims.Count; d++)
        {
            if (emptyUnits)
            {
                valueIndex[d].TryAdd(EnpsReport.NotStated, 0);
            }

            List<string> ordered = declared[d]
                ? [.. _options.DimensionValues[dims[d]], EnpsReport.NotStated]
                : valueIndex[d].Keys.Where(v => v != EnpsReport.NotStated).Order(StringComparer.Ordinal).ToList();
            if (!declared[d] && valueIndex[d].ContainsKey(EnpsReport.NotStated))
            {
                ordered.Add(EnpsReport.NotStated);
            }

            _values.Add(ordered);
            for (int i = 0; i < ordered.Count; i++)
            {
                valueIndex[d][ordered[i]] = i;
            }
        }

        // The structure comes from the org tree and the policy, not from who answered: every unit that can have people
        // of its own (a leaf unless its Headcount is 0; an inner unit with a positive Headcount, or with answers when its
        // Headcount is unknown) has its atoms whether or not anyone answered — all value combinations when every
        // dimension's values are declared, otherwise the combinations found plus an all-"not stated" atom for a unit with none.
        var atomIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int AtomOf(int unit, int[]? vi)
        {
            string key = unit.ToString(CultureInfo.InvariantCulture) + ":" + (vi is null ? "-" : string.Join(",", vi));
            if (!atomIndex.TryGetValue(key, out int a))
            {
                a = _atoms.Count;
                atomIndex[key] = a;
                _atoms.Add((unit, vi));
            }

            return a;
        }

        bool allDeclared = Array.TrueForAll(declared, x => x);
        for (int u = 0; u < _unitIds.Count; u++)
        {
            bool hasOwn = _children[u].Count == 0 ? _headcount[u] != 0 : _headcount[u] > 0 || (_headcount[u] is null && _ownRespondents[u] > 0);
            if (!hasOwn)
            {
                continue;
            }

            if (allDeclared)
            {
                foreach (int[] combo in Combinations(dims.Count))
                {
                    AtomOf(u, combo);
                }
            }
        }

        var histograms = new Dictionary<int, long[]>();
        foreach ((int unit, string[] values, int score, string id) in rows)
        {
            int a = AtomOf(unit, values.Select((v, d) => valueIndex[d][v]).ToArray());
            if (!histograms.TryGetValue(a, out long[]? h))
            {
                histograms[a] = h = new long[Nps.ScaleLength];
            }

            h[score]++;
            _persons.Add((id, a));
        }

        if (!allDeclared)
        {
            for (int u = 0; u < _unitIds.Count; u++)
            {
                bool hasOwn = _children[u].Count == 0 ? _headcount[u] != 0 : _headcount[u] > 0;
                if (hasOwn && _ownRespondents[u] == 0)
                {
                    AtomOf(u, [.. Enumerable.Range(0, dims.Count).Select(d => _values[d].Count - 1)]);
                }
            }
        }

        for (int a = 0; a < _atoms.Count; a++)
        {
            _atomTallies.Add(histograms.TryGetValue(a, out long[]? h) ? NpsTally.FromHistogram(h) : NpsTally.Empty);
        }

        var duplicate = _persons.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two responses have the same RespondentId{(raw ? " '" + duplicate.Key + "'" : string.Empty)}: one answer per employee and round.", nameof(responses));
        }
    }

    private IEnumerable<int[]> Combinations(int d)
    {
        if (d == 0)
        {
            yield return [];
            yield break;
        }

        foreach (int[] rest in Combinations(d - 1))
        {
            for (int v = 0; v < _values[d - 1].Count; v++)
            {
                yield return [.. rest, v];
            }
        }
    }

    private void BuildCells()
    {
        int dims = _options.Dimensions.Count;
        var own = _unitIds.Select(_ => new List<int>()).ToList();
        for (int a = 0; a < _atoms.Count; a++)
        {
            own[_atoms[a].Unit].Add(a);
        }

        var subtree = new List<int>[_unitIds.Count];
        var subHead = new long?[_unitIds.Count];
        for (int i = _preorder.Count - 1; i >= 0; i--)
        {
            int u = _preorder[i];
            subtree[u] = [.. own[u], .. _children[u].SelectMany(c => subtree[c])];
            subtree[u].Sort();
            subHead[u] = _children[u].Aggregate(_headcount[u], (acc, c) => acc is long x && subHead[c] is long y ? x + y : null);
        }

        foreach (int u in _preorder)
        {
            AddNode(Node(u, false), subtree[u], _paths[u], EnpsCellKind.Unit, u, subHead[u], dims);
            if (_children[u].Count > 0 && own[u].Count > 0)
            {
                AddNode(Node(u, true), own[u], _paths[u] + "/(direct)", EnpsCellKind.DirectMembers, u, _headcount[u], dims);
            }
        }

        // Org relations: unit (filtered) = its child units (same filter) + its direct members (same filter).
        foreach (int u in _preorder.Where(u => _children[u].Count > 0))
        {
            for (int d = -1; d < dims; d++)
            {
                int valueCount = d < 0 ? 1 : _values[d].Count;
                for (int v = 0; v < valueCount; v++)
                {
                    int vv = d < 0 ? -1 : v;
                    if (!_cellAt.TryGetValue((Node(u, false), d, vv), out int parent))
                    {
                        continue;
                    }

                    var kids = new List<int>();
                    foreach (int c in _children[u])
                    {
                        if (_cellAt.TryGetValue((Node(c, false), d, vv), out int k))
                        {
                            kids.Add(k);
                        }
                    }

                    if (_cellAt.TryGetValue((Node(u, true), d, vv), out int dk))
                    {
                        kids.Add(dk);
                    }

                    string suffix = d < 0 ? string.Empty : $" [{_options.Dimensions[d]}={_values[d][v]}]";
                    _relations.Add(new Relation(parent, kids, _paths[u] + "/" + EnpsReport.OtherValue + suffix, u, d, d < 0 ? null : _values[d][v]));
                }
            }
        }

        // Dimension relations: group = sum over the values of one dimension.
        foreach (((int node, int d, int v), int parent) in _cellAt.Where(e => e.Key.Dim < 0).ToList())
        {
            for (int dim = 0; dim < dims; dim++)
            {
                var kids = new List<int>();
                for (int value = 0; value < _values[dim].Count; value++)
                {
                    if (_cellAt.TryGetValue((node, dim, value), out int k))
                    {
                        kids.Add(k);
                    }
                }

                _relations.Add(new Relation(parent, kids, _cells[parent].Key + $" [{_options.Dimensions[dim]}={EnpsReport.OtherValue}]", _cells[parent].Unit, -2 - dim, null));
            }
        }
    }

    private static int Node(int unit, bool direct) => (unit * 2) + (direct ? 1 : 0);

    private void AddNode(int node, List<int> atoms, string key, EnpsCellKind kind, int unit, long? headcount, int dims)
    {
        if (atoms.Count == 0)
        {
            return;
        }

        _cellAt[(node, -1, -1)] = AddCell(new Cell(key, kind, unit, null, null, [.. atoms], headcount));
        for (int d = 0; d < dims; d++)
        {
            for (int v = 0; v < _values[d].Count; v++)
            {
                int[] sel = atoms.Where(a => _atoms[a].Values is int[] x && x[d] == v).ToArray();
                if (sel.Length > 0)
                {
                    _cellAt[(node, d, v)] = AddCell(new Cell(key + $" [{_options.Dimensions[d]}={_values[d][v]}]", EnpsCellKind.DimensionValue, unit, _options.Dimensions[d], _values[d][v], sel, null));
                }
            }
        }
    }

    private int AddCell(Cell cell)
    {
        cell.Recount(_atomTallies);
        _cells.Add(cell);
        return _cells.Count - 1;
    }

    private void Suppress()
    {
        foreach (Cell c in _cells)
        {
            if (c.Count < K)
            {
                c.Reason = SuppressionReason.BelowMinimum;
            }
            else if (_policy.MinimumResponseRate is double min && c.Headcount is long h && h > 0 && (double)c.Count / h < min)
            {
                c.Reason = SuppressionReason.BelowResponseRate;
            }
        }

        if (_joint is not null || _choice == ComplementaryChoice.OnePass)
        {
            SuppressToFixedPoint();
            SuppressAgainstZeros();
            return;
        }

        if (_choice == ComplementaryChoice.NeighbourFirst)
        {
            SuppressNeighbourFirst();
            SuppressAgainstZeros();
            return;
        }

        // A report without history: both choices of complementary suppression run from the same primary suppression,
        // each ends verified by the exact audit (neither stops while a hidden cell is determined), and the one that
        // hides fewer cells is published (the one-pass audit on a tie). So a single report never hides more than the
        // neighbour-first audit, which is what the engine did before the publication history (issue #15).
        // The zero-aware audit is by far the costlier step; when both choices reach the same state before it (often,
        // once the rules and the linear audit have settled), its result from that state is the one-pass result again.
        SuppressionState primary = Save();
        SuppressToFixedPoint();
        SuppressionState? onePassLinear = _policy.ProtectAgainstZeroInference ? Save() : null;
        SuppressAgainstZeros();
        int onePassHidden = HiddenCount();
        SuppressionState onePass = Save();
        Restore(primary);
        SuppressNeighbourFirst();
        SuppressToFixedPoint();
        if (onePassLinear is not null && Save().SameAs(onePassLinear))
        {
            Restore(onePass);
            return;
        }

        SuppressAgainstZeros();
        if (HiddenCount() >= onePassHidden)
        {
            Restore(onePass);
        }
    }

    /// <summary>The complementary suppression of the engine before the publication history: the local rules, then the
    /// exact audit hides one cell next to the first determined cell, until no hidden cell is determined. (The caller's
    /// <see cref="SuppressToFixedPoint"/> afterwards only shows again what no longer protects: on a state the audit
    /// passes, the one-pass audit refuses nothing and its prune keeps the rules.)</summary>
    private void SuppressNeighbourFirst()
    {
        while (ProtectRelations() | ProtectOverlaps() || AuditNeighbourFirst())
        {
        }
    }

    private int HiddenCount() => _cells.Count(c => c.Hidden);

    private void SuppressToFixedPoint()
    {
        // The rules first (cheap, local), then the exact audit; the audit leaves a safe state, so it runs again only
        // after a rule has hidden something more.
        bool audited = false;
        while (true)
        {
            if (ProtectRelations() | ProtectOverlaps() || (_joint is not null && ChangeRule()))
            {
                audited = false;
            }
            else if (audited)
            {
                break;
            }
            else
            {
                Audit();
                audited = true;
            }
        }
    }

    /// <summary>A cell shown again must differ from every earlier release of it by no answers or by at least the minimum
    /// (otherwise the difference of the two is a group of fewer people), and must not sit inside an earlier published
    /// cell, or contain one, with 1 to minimum − 1 respondents between them. In a live round it keeps its last figures;
    /// in another round it is hidden.</summary>
    private bool ChangeRule()
    {
        bool changed = false;
        for (int c = 0; c < _cells.Count; c++)
        {
            if (!_cells[c].Hidden && ChangesTooLittle(c))
            {
                Hide(c, SuppressionReason.TooLittleChange, -1);
                changed = true;
            }
        }

        return changed;
    }

    private bool ChangesTooLittle(int c)
    {
        int[] row = _joint!.RowOf(_cells[c].Atoms);
        bool sameKeyTooClose = _joint.Versions.TryGetValue(_cells[c].Key, out var versions) && versions.Any(v => _joint.Difference(row, v.Row) is int d && d > 0 && d < K);
        return sameKeyTooClose || _joint.NestsCloselyWithEarlier(row, K);
    }

    /// <summary>Whether showing hidden cell <paramref name="c"/> keeps the local rules: every sum relation it is in
    /// with a shown parent has no hidden part, or at least two that together reach the minimum; no shown cell nests with
    /// it 1 to k − 1 respondents apart; against a history, it changed enough.</summary>
    private bool RulesHoldIfShown(int c)
    {
        Cell cell = _cells[c];
        SuppressionReason reason = cell.Reason;
        cell.Reason = SuppressionReason.None;
        try
        {
            foreach (Relation r in _relations)
            {
                if ((r.Parent != c && !r.Children.Contains(c)) || _cells[r.Parent].Hidden)
                {
                    continue;
                }

                var hidden = r.Children.Where(x => _cells[x].Hidden).ToList();
                if (hidden.Count > 0 && (hidden.Count < 2 || hidden.Sum(x => _cells[x].Count) < K))
                {
                    return false;
                }
            }

            for (int b = 0; b < _cells.Count; b++)
            {
                Cell other = _cells[b];
                long gap = Math.Abs(other.Count - cell.Count);
                if (b != c && !other.Hidden && gap > 0 && gap < K
                    && (other.Count > cell.Count ? SortedSets.IsSubset(cell.Atoms, other.Atoms) : SortedSets.IsSubset(other.Atoms, cell.Atoms)))
                {
                    return false;
                }
            }

            return _joint is null || !ChangesTooLittle(c);
        }
        finally
        {
            cell.Reason = reason;
        }
    }

    /// <summary>Where a shown parent has hidden children: hide or fold so that at least two are hidden and together reach the minimum.</summary>
    private bool ProtectRelations()
    {
        bool changed = false;
        foreach (Relation r in _relations)
        {
            if (_cells[r.Parent].Hidden)
            {
                continue;
            }

            var hidden = r.Children.Where(c => _cells[c].Hidden).ToList();
            if (hidden.Count == 0)
            {
                continue;
            }

            if (_policy.Complementary == ComplementaryProtection.FoldIntoOther && !r.OtherFailed)
            {
                changed |= Fold(r, hidden);
                if (!r.OtherFailed)
                {
                    continue;
                }

                hidden = r.Children.Where(c => _cells[c].Hidden).ToList();
            }

            long hiddenSum = hidden.Sum(c => _cells[c].Count);
            if (hidden.Count >= 2 && hiddenSum >= K)
            {
                continue;
            }

            int protectedCell = hidden.OrderBy(c => _cells[c].Count).ThenBy(c => _cells[c].Key, StringComparer.Ordinal).First();
            int next = Smallest(r.Children.Where(c => !_cells[c].Hidden));
            if (next >= 0)
            {
                Hide(next, SuppressionReason.ProtectsCell, protectedCell);
            }
            else
            {
                Hide(r.Parent, SuppressionReason.ProtectsCell, protectedCell);
            }

            changed = true;
        }

        return changed;
    }

    private bool Fold(Relation r, List<int> hidden)
    {
        if (r.Other >= 0 && _cells[r.Other].Hidden)
        {
            r.OtherFailed = true;
            return false;
        }

        var members = new List<int>(hidden);
        long sum = members.Sum(c => _cells[c].Count);
        var visible = r.Children.Where(c => !_cells[c].Hidden).OrderBy(c => _cells[c].Count).ThenBy(c => _cells[c].Key, StringComparer.Ordinal).ToList();
        int take = 0;
        while ((members.Count < 2 || sum < K) && take < visible.Count)
        {
            members.Add(visible[take]);
            sum += _cells[visible[take]].Count;
            take++;
        }

        if (members.Count < 2 || sum < K)
        {
            r.OtherFailed = true;
            return false;
        }

        bool changed = false;
        if (r.Other < 0)
        {
            Cell parent = _cells[r.Parent];
            var other = new Cell(r.OtherKey, EnpsCellKind.Other, r.Unit, parent.Dimension ?? (r.Dim <= -2 ? _options.Dimensions[-2 - r.Dim] : null), r.Dim <= -2 ? EnpsReport.OtherValue : parent.Value, [], null);
            r.Other = AddCell(other);
            changed = true;
        }

        for (int i = 0; i < take; i++)
        {
            Hide(visible[i], SuppressionReason.FoldedIntoOther, r.Other);
            changed = true;
        }

        Cell o = _cells[r.Other];
        if (changed || o.Folded.Count != members.Count)
        {
            o.Folded.Clear();
            o.Folded.AddRange(members.OrderBy(m => m));
            o.Atoms = members.SelectMany(m => _cells[m].Atoms).Order().ToArray();
            o.Recount(_atomTallies);
            changed = true;
        }

        return changed;
    }

    /// <summary>A shown cell inside a larger shown cell whose difference is a group of 1 to k−1: hide the smaller.</summary>
    private bool ProtectOverlaps()
    {
        bool changed = false;
        var visible = Enumerable.Range(0, _cells.Count).Where(c => !_cells[c].Hidden).OrderBy(c => _cells[c].Count).ToList();
        for (int i = 0; i < visible.Count; i++)
        {
            Cell a = _cells[visible[i]];
            for (int j = i + 1; j < visible.Count && _cells[visible[j]].Count < a.Count + K; j++)
            {
                Cell b = _cells[visible[j]];
                if (!b.Hidden && !a.Hidden && b.Count > a.Count && SortedSets.IsSubset(a.Atoms, b.Atoms))
                {
                    Hide(visible[i], SuppressionReason.OverlapsCell, visible[j]);
                    changed = true;
                }
            }
        }

        return changed;
    }

    /// <summary>
    /// The exact audit, in one pass: the shown cells are published into the span one by one, largest first, and a cell
    /// whose row would determine a target is hidden instead (and becomes a target itself). Targets are the hidden cells
    /// of this release and, against a history, every hidden or stale cell of an earlier release and every class of 1 to
    /// k − 1 respondents. Returns whether it hid anything (the caller then re-applies the sum and overlap rules and audits
    /// again, until nothing changes).
    /// </summary>
    /// <remarks>
    /// At the end no target lies in the span of the published rows (<see cref="RowSpace"/> keeps each target reduced, so
    /// a row determines a target exactly when its reduced form is a multiple of the target's): the guarantee is the
    /// exact one, and each pass costs one sparse elimination. Largest first is the greedy order of complementary
    /// suppression that keeps the largest cells shown (Cox 1980, "Suppression methodology and statistical disclosure
    /// control", JASA 75(370)): the cell refused is the smallest one that would complete a determination.
    /// </remarks>
    private bool Audit()
    {
        RowSpace space;
        var targetCell = new List<int>();
        RowSpace? own = null;
        int[][] rows;
        (int[] Plus, int[] Minus)[] deltas;
        if (_joint is JointSpace j)
        {
            space = j.History.Clone();
            targetCell.AddRange(Enumerable.Repeat(-1, space.TargetCount));
            own = new RowSpace(j.Width);
            rows = _cells.Select(c => j.RowOf(c.Atoms)).ToArray();
            deltas = _cells.Select((c, i) => j.DeltaOf(c.Key, rows[i])).ToArray();
        }
        else
        {
            space = new RowSpace(_atoms.Count);
            rows = _cells.Select(AuditColumns).ToArray();
            deltas = rows.Select(r => (r, Array.Empty<int>())).ToArray();
        }

        // A hidden cell the earlier releases determine on their own was published with these members before: hiding it
        // now protects nothing, and it is no target.
        for (int c = 0; c < _cells.Count; c++)
        {
            if (_cells[c].Hidden && rows[c].Length > 0 && space.AddTarget(deltas[c].Plus, deltas[c].Minus) >= 0)
            {
                targetCell.Add(c);
            }
        }

        bool changed = false;
        var order = Enumerable.Range(0, _cells.Count).Where(c => !_cells[c].Hidden && rows[c].Length > 0)
            .OrderByDescending(c => _cells[c].Count).ThenBy(c => _cells[c].Key, StringComparer.Ordinal);
        foreach (int c in order)
        {
            int t = space.TryAdd(deltas[c].Plus, deltas[c].Minus, targetIfRefused: true);
            if (t < 0)
            {
                own?.Add(rows[c]);
                continue;
            }

            int related = targetCell[t];
            SuppressionReason reason = own is null || (related >= 0 && own.WouldDetermine(rows[c], rows[related]))
                ? SuppressionReason.ProtectsCell
                : SuppressionReason.CrossPublication;
            Hide(c, reason, related);
            if (space.TargetCount > targetCell.Count)
            {
                targetCell.Add(c);
            }

            changed = true;
        }

        Prune(space, targetCell, rows, deltas, own);
        return changed;
    }

    /// <summary>
    /// Shows again, largest first, every cell hidden only to protect others whose row no longer determines anything
    /// (the greedy pass hides the cell that completes a determination, and a later refusal can make an earlier one
    /// unnecessary), provided the local rules still hold: fewer cells hidden, the same guarantee.
    /// </summary>
    private void Prune(RowSpace space, List<int> targetCell, int[][] rows, (int[] Plus, int[] Minus)[] deltas, RowSpace? own)
    {
        if (_policy.Complementary == ComplementaryProtection.FoldIntoOther)
        {
            return;
        }

        var targetOf = new Dictionary<int, int>();
        for (int t = 0; t < targetCell.Count; t++)
        {
            if (targetCell[t] >= 0)
            {
                targetOf[targetCell[t]] = t;
            }
        }

        var candidates = Enumerable.Range(0, _cells.Count)
            .Where(c => _cells[c].Reason is SuppressionReason.ProtectsCell or SuppressionReason.CrossPublication && !_cells[c].AgainstZeros && targetOf.ContainsKey(c))
            .OrderByDescending(c => _cells[c].Count).ThenBy(c => _cells[c].Key, StringComparer.Ordinal)
            .ToList();
        foreach (int c in candidates)
        {
            if (!RulesHoldIfShown(c))
            {
                continue;
            }

            space.RemoveTarget(targetOf[c]);
            if (space.TryAdd(deltas[c].Plus, deltas[c].Minus, targetIfRefused: true) >= 0)
            {
                targetOf[c] = space.TargetCount - 1;
                targetCell.Add(c);
                continue;
            }

            own?.Add(rows[c]);
            _cells[c].Reason = SuppressionReason.None;
            _cells[c].Related = -1;
            _cells[c].Stale = null;
        }
    }

    /// <summary>
    /// The neighbour-first audit of a single release (the engine's audit before the publication history): finds the
    /// first hidden cell the shown cells determine, and hides the smallest shown cell next to it (in a sum relation with
    /// it, or sharing atoms) whose hiding alone makes it undetermined, trying at most <see cref="MaxAuditTrials"/>;
    /// failing that, the smallest neighbour (a sibling, else a parent, else an overlapping cell). Returns whether it hid
    /// anything; false means no hidden cell is determined.
    /// </summary>
    private bool AuditNeighbourFirst()
    {
        int[][] rows = [.. _cells.Select(AuditColumns)];
        var shown = Enumerable.Range(0, _cells.Count).Where(c => !_cells[c].Hidden && rows[c].Length > 0).ToList();
        RowSpace span = SpanOf(shown, rows);
        int target = Enumerable.Range(0, _cells.Count).FirstOrDefault(c => _cells[c].Hidden && rows[c].Length > 0 && span.Contains(rows[c]), -1);
        if (target < 0)
        {
            return false;
        }

        var inRelation = _relations.Where(r => r.Children.Contains(target) || r.Other == target).ToList();
        int[] targetAtoms = AuditAtoms(_cells[target]);
        var candidates = inRelation.SelectMany(r => r.Children.Append(r.Other).Append(r.Parent))
            .Concat(Enumerable.Range(0, _cells.Count).Where(c => SortedSets.Intersects(_cells[c].Atoms, targetAtoms)))
            .Where(c => c >= 0 && c != target && !_cells[c].Hidden)
            .Distinct()
            .OrderBy(c => _cells[c].Count).ThenBy(c => _cells[c].Key, StringComparer.Ordinal)
            .Take(MaxAuditTrials)
            .ToList();
        // Each trial is the span of the shown cells without one candidate: the span of the shown cells that are no
        // candidate is built once, and each trial adds the other candidates to a copy of it (the same span as a
        // rebuild, as a span does not depend on the order its rows enter; measured, the rebuild per trial was most of
        // the time of a large report). When that common part alone determines the target, no single hiding can help.
        var trialCells = candidates.Where(c => rows[c].Length > 0).ToHashSet();
        RowSpace common = SpanOf(shown.Where(c => !trialCells.Contains(c)), rows);
        if (!common.Contains(rows[target]))
        {
            foreach (int candidate in candidates)
            {
                RowSpace trial = common.Clone();
                foreach (int other in candidates)
                {
                    if (other != candidate && trialCells.Contains(other))
                    {
                        trial.Add(rows[other]);
                    }
                }

                if (!trial.Contains(rows[target]))
                {
                    Hide(candidate, SuppressionReason.ProtectsCell, target);
                    return true;
                }
            }
        }

        int next = Smallest(inRelation.SelectMany(r => r.Children.Append(r.Other)).Where(c => c >= 0 && c != target && !_cells[c].Hidden));
        if (next < 0)
        {
            next = Smallest(inRelation.Select(r => r.Parent).Where(c => !_cells[c].Hidden));
        }

        if (next < 0)
        {
            next = Smallest(Enumerable.Range(0, _cells.Count).Where(c => !_cells[c].Hidden && SortedSets.Intersects(_cells[c].Atoms, targetAtoms)));
        }

        Hide(next, SuppressionReason.ProtectsCell, target);
        return true;
    }

    private RowSpace SpanOf(IEnumerable<int> cells, int[][] rows)
    {
        var span = new RowSpace(_atoms.Count);
        foreach (int c in cells)
        {
            span.Add(rows[c]);
        }

        return span;
    }

    /// <summary>Everything suppression changes, to run another choice of complementary suppression from the same start.</summary>
    /// <remarks>A fold adds "(other)" cells; the state keeps the cell objects, so restoring puts back the very cells of
    /// that state.</remarks>
    private SuppressionState Save() => new(
        [.. _cells.Select(c => new CellState(c, c.Reason, c.Related, c.Stale, [.. c.Folded], c.Atoms, c.AgainstZeros))],
        [.. _relations.Select(r => (r.Other, r.OtherFailed))]);

    private void Restore(SuppressionState state)
    {
        _cells.Clear();
        foreach (CellState s in state.Cells)
        {
            Cell c = s.Cell;
            _cells.Add(c);
            c.Reason = s.Reason;
            c.Related = s.Related;
            c.Stale = s.Stale;
            c.AgainstZeros = s.AgainstZeros;
            c.Folded.Clear();
            c.Folded.AddRange(s.Folded);
            if (!ReferenceEquals(c.Atoms, s.Atoms))
            {
                c.Atoms = s.Atoms;
                c.Recount(_atomTallies);
            }
        }

        for (int i = 0; i < _relations.Count; i++)
        {
            (_relations[i].Other, _relations[i].OtherFailed) = state.Relations[i];
        }
    }

    /// <summary>A cell's row for the audit of a single release: its audit atoms, numbered in the order of the org tree
    /// (a unit's atoms next to each other, units in preorder), which keeps the elimination sparse.</summary>
    private int[] AuditColumns(Cell c)
    {
        if (_auditColumn is null)
        {
            int[] byTree = [.. Enumerable.Range(0, _atoms.Count).OrderBy(a => _atoms[a].Unit).ThenBy(a => a)];
            _auditColumn = new int[_atoms.Count];
            for (int i = 0; i < byTree.Length; i++)
            {
                _auditColumn[byTree[i]] = i;
            }
        }

        int[] cols = [.. AuditAtoms(c).Select(a => _auditColumn[a])];
        Array.Sort(cols);
        return cols;
    }

    /// <summary>The atoms the audit solves for. When suppressed cells show their counts, a count of 0 tells that its atoms
    /// are empty, so empty atoms are known and left out; otherwise every structural atom is an unknown, answered or not.</summary>
    private int[] AuditAtoms(Cell c) =>
        _policy.ShowCountsForSuppressed ? Array.FindAll(c.Atoms, a => _atomTallies[a].Count > 0) : c.Atoms;

    private int Smallest(IEnumerable<int> cells) =>
        cells.Distinct().OrderBy(c => _cells[c].Count).ThenBy(c => _cells[c].Key, StringComparer.Ordinal).DefaultIfEmpty(-1).First();

    private void Hide(int cell, SuppressionReason reason, int related)
    {
        _cells[cell].Reason = reason;
        _cells[cell].Related = related;
        if (_joint is not null && reason is not (SuppressionReason.BelowMinimum or SuppressionReason.BelowResponseRate)
            && _joint.LiveFigures.TryGetValue(_cells[cell].Key, out var last))
        {
            _cells[cell].Stale = last;
        }
    }

    /// <summary>The published cells. A key or text never points at a hidden cell: only a folded cell names its "(other)"
    /// group, which is shown.</summary>
    private List<EnpsCell> Publish() =>
        _cells.Select(c => new EnpsCell(
            c.Key,
            c.Kind,
            _unitIds[c.Unit],
            c.Dimension,
            c.Value,
            c.Stale?.Figures ?? c.Tally,
            c.Headcount,
            c.Stale is not null ? SuppressionReason.None : c.Reason,
            c.Reason == SuppressionReason.FoldedIntoOther && c.Related >= 0 ? _cells[c.Related].Key : null,
            _policy.ShowCountsForSuppressed,
            c.Folded.Select(f => _cells[f].Key).ToArray(),
            c.Stale?.At)).ToList();

    /// <summary>
    /// Comment groups, bottom-up: a unit's comments are shown under it when the respondents in its subtree that are not
    /// already in a comment group below reach the comment minimum; otherwise they move up. Each comment is shown once,
    /// and every group it can be shown under has at least the minimum number of respondents, so no subtraction of
    /// comment lists narrows an author down to fewer people.
    /// </summary>
    private List<EnpsComment> Comments(SurveyRound round)
    {
        var residual = new long[_unitIds.Count];
        var pending = _unitIds.Select(_ => new List<string>()).ToList();
        var groups = new List<(int Unit, List<string> Texts)>();
        for (int i = _preorder.Count - 1; i >= 0; i--)
        {
            int u = _preorder[i];
            residual[u] = _ownRespondents[u] + _children[u].Sum(c => residual[c]);
            pending[u].AddRange(_ownComments[u]);
            foreach (int c in _children[u])
            {
                pending[u].AddRange(pending[c]);
            }

            if (residual[u] >= _policy.MinimumCommentRespondents)
            {
                groups.Add((u, pending[u]));
                residual[u] = 0;
                pending[u] = [];
            }
        }

        var result = new List<EnpsComment>();
        var rank = _preorder.Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i);
        foreach ((int unit, List<string> texts) in groups.OrderBy(g => rank[g.Unit]))
        {
            string[] ordered = texts.Order(StringComparer.Ordinal).ToArray();
            if (_options.ShuffleComments)
            {
                Shuffle(ordered, _options.CommentShuffleSeed ^ (ulong)(uint)StableHash(_paths[unit]));
            }

            result.AddRange(ordered.Select(t => new EnpsComment(_paths[unit], t, round.Date)));
        }

        return result;
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = (int)2166136261;
            foreach (char ch in s)
            {
                h = (h ^ ch) * 16777619;
            }

            return h;
        }
    }

    private static void Shuffle(string[] items, ulong seed)
    {
        ulong state = seed;
        for (int i = items.Length - 1; i > 0; i--)
        {
            // SplitMix64 (Steele, Lea & Flood 2014), then an unbiased-enough modulo for comment counts.
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            int j = (int)(z % (ulong)(i + 1));
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private sealed class Cell(string key, EnpsCellKind kind, int unit, string? dimension, string? value, int[] atoms, long? headcount)
    {
        public string Key { get; } = key;

        public EnpsCellKind Kind { get; } = kind;

        public int Unit { get; } = unit;

        public string? Dimension { get; } = dimension;

        public string? Value { get; } = value;

        public int[] Atoms { get; set; } = atoms;

        public long? Headcount { get; } = headcount;

        public NpsTally Tally { get; private set; }

        public long Count => Tally.Count;

        public SuppressionReason Reason { get; set; }

        public bool Hidden => Reason != SuppressionReason.None;

        public int Related { get; set; } = -1;

        /// <summary>In a live round, the last figures a cell hidden from this release showed, and when they were taken.</summary>
        public (NpsTally Figures, DateTimeOffset At)? Stale { get; set; }

        public List<int> Folded { get; } = [];

        /// <summary>Hidden by the zero-aware audit: the linear audit's last step never shows it again.</summary>
        public bool AgainstZeros { get; set; }

        public void Recount(List<NpsTally> atomTallies) => Tally = NpsTally.Sum(Atoms.Select(a => atomTallies[a]));
    }

    private sealed record CellState(Cell Cell, SuppressionReason Reason, int Related, (NpsTally Figures, DateTimeOffset At)? Stale, int[] Folded, int[] Atoms, bool AgainstZeros);

    private sealed record SuppressionState(CellState[] Cells, (int Other, bool OtherFailed)[] Relations)
    {
        /// <summary>Whether both states hold the same cells with the same suppression (the records' own equality
        /// compares the arrays by reference).</summary>
        public bool SameAs(SuppressionState other) =>
            Relations.AsSpan().SequenceEqual(other.Relations)
            && Cells.Length == other.Cells.Length
            && Cells.Zip(other.Cells).All(p => ReferenceEquals(p.First.Cell, p.Second.Cell)
                && p.First.Reason == p.Second.Reason && p.First.Related == p.Second.Related
                && Nullable.Equals(p.First.Stale, p.Second.Stale) && p.First.AgainstZeros == p.Second.AgainstZeros
                && p.First.Folded.AsSpan().SequenceEqual(p.Second.Folded) && p.First.Atoms.AsSpan().SequenceEqual(p.Second.Atoms));
    }

    private sealed class Relation(int parent, List<int> children, string otherKey, int unit, int dim, string? value)
    {
        public int Parent { get; } = parent;

        public List<int> Children { get; } = children;

        public string OtherKey { get; } = otherKey;

        public int Unit { get; } = unit;

        /// <summary>−1: org relation over all; ≥ 0: org relation within one dimension value; ≤ −2: dimension relation of dimension −2 − Dim.</summary>
        public int Dim { get; } = dim;

        public string? Value { get; } = value;

        public int Other { get; set; } = -1;

        public bool OtherFailed { get; set; }
    }
}

/// <summary>How a report without history chooses its complementary suppression.</summary>
internal enum ComplementaryChoice
{
    /// <summary>Both audits below, each shown again where it no longer protects; the one that hides fewer cells.</summary>
    Fewest,

    /// <summary>The one-pass audit: shown cells enter the span largest first, and one that would determine a hidden cell is hidden.</summary>
    OnePass,

    /// <summary>The audit before the publication history: next to the first determined cell, the smallest cell whose hiding protects it.</summary>
    NeighbourFirst,
}

/// <summary>What a publication is audited against: the earlier releases of the same population, and its own time.</summary>
internal sealed record PublishContext(IReadOnlyList<EnpsRelease> Earlier, DateTimeOffset PublishedAt);

/// <summary>The engine's output: the report's cells and comments, the release's structure and released cells.</summary>
internal sealed record EngineResult(List<EnpsCell> Cells, List<EnpsComment> Comments, ReleaseStructure Structure, List<EnpsReleasedCell> Released);
