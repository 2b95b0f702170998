namespace NpsKit.Employee.Internal;

/// <summary>
/// What the audit needs of a release besides its figures: the org tree, the dimension values, the structural atoms
/// (unit × one value per dimension, or a unit's "no value" atom) and who was counted in which atom.
/// </summary>
internal sealed class ReleaseStructure
{
    private readonly Dictionary<string, int> _atomIndex = new(StringComparer.Ordinal);
    private readonly List<int>[] _subtreeAtoms;
    private readonly List<int>[] _ownAtoms;

    public ReleaseStructure(string[] unitIds, int[] parent, string[] dims, string[][] values, (int Unit, int[]? Values)[] atoms, (string Id, int Atom)[] respondents)
    {
        UnitIds = unitIds;
        Parent = parent;
        Dims = dims;
        Values = values;
        Atoms = atoms;
        Respondents = respondents;
        UnitIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < unitIds.Length; i++)
        {
            UnitIndex[unitIds[i]] = i;
        }

        AtomKeys = new string[atoms.Length];
        _subtreeAtoms = unitIds.Select(_ => new List<int>()).ToArray();
        _ownAtoms = unitIds.Select(_ => new List<int>()).ToArray();
        for (int a = 0; a < atoms.Length; a++)
        {
            AtomKeys[a] = Key(unitIds[atoms[a].Unit], atoms[a].Values is int[] v ? v.Select((x, d) => values[d][x]).ToArray() : null);
            _atomIndex[AtomKeys[a]] = a;
            _ownAtoms[atoms[a].Unit].Add(a);
            for (int u = atoms[a].Unit; u >= 0; u = parent[u])
            {
                _subtreeAtoms[u].Add(a);
            }
        }
    }

    public string[] UnitIds { get; }

    public int[] Parent { get; }

    public string[] Dims { get; }

    public string[][] Values { get; }

    public (int Unit, int[]? Values)[] Atoms { get; }

    public (string Id, int Atom)[] Respondents { get; }

    public Dictionary<string, int> UnitIndex { get; }

    /// <summary>The atom key: unit, then each dimension's value, or a marker for the unit's "no value" atom.</summary>
    public static string Key(string unit, string[]? values) =>
        values is null ? unit + "\u001f\u0000" : unit + "\u001f" + string.Join("\u001f", values);

    /// <summary>The atom of this release that holds people of <paramref name="unit"/> with the given values by dimension
    /// name (a dimension not given counts as not stated), or −1.</summary>
    public int Find(string unit, Func<string, string?>? valueOf)
    {
        string[]? values = valueOf is null ? null : Dims.Select(d => valueOf(d) ?? EnpsReport.NotStated).ToArray();
        return _atomIndex.TryGetValue(Key(unit, values), out int a) ? a : (valueOf is null || Dims.Length == 0 ? -1 : FindNoValue(unit));
    }

    /// <summary>The atom of this release that holds the people of atom <paramref name="atom"/> of <paramref name="other"/>
    /// (as <see cref="Find"/>; by the atom's key when both releases have the same dimensions), or −1.</summary>
    public int FindAtomOf(ReleaseStructure other, int atom)
    {
        (int unit, int[]? values) = other.Atoms[atom];
        if (!Dims.AsSpan().SequenceEqual(other.Dims))
        {
            return Find(other.UnitIds[unit], values is null ? null : dim => other.ValueOf(atom, dim));
        }

        return _atomIndex.TryGetValue(other.AtomKeys[atom], out int a) ? a
            : values is null || Dims.Length == 0 ? -1 : FindNoValue(other.UnitIds[unit]);
    }

    /// <summary>Each atom's key (<see cref="Key"/>).</summary>
    public string[] AtomKeys { get; }

    private int FindNoValue(string unit) => _atomIndex.TryGetValue(Key(unit, null), out int a) ? a : -1;

    /// <summary>The value of dimension <paramref name="dim"/> in atom <paramref name="atom"/>, or null.</summary>
    public string? ValueOf(int atom, string dim)
    {
        int d = Array.IndexOf(Dims, dim);
        return d < 0 || Atoms[atom].Values is not int[] v ? null : Values[d][v[d]];
    }

    /// <summary>The atoms of a released cell, from its definition alone.</summary>
    public int[] AtomsOf(EnpsReleasedCell cell, IReadOnlyDictionary<string, EnpsReleasedCell> byKey)
    {
        if (cell.Kind == EnpsCellKind.Other)
        {
            return cell.FoldedCellKeys.SelectMany(k => byKey.TryGetValue(k, out EnpsReleasedCell? f) ? AtomsOf(f, byKey) : []).Distinct().Order().ToArray();
        }

        if (!UnitIndex.TryGetValue(cell.UnitId, out int unit))
        {
            return [];
        }

        string baseKey = cell.Dimension is null ? cell.Key : cell.Key[..cell.Key.LastIndexOf(" [", StringComparison.Ordinal)];
        bool direct = cell.Kind == EnpsCellKind.DirectMembers || baseKey.EndsWith("/(direct)", StringComparison.Ordinal);
        List<int> atoms = direct ? _ownAtoms[unit] : _subtreeAtoms[unit];
        if (cell.Dimension is null)
        {
            return atoms.Order().ToArray();
        }

        int d = Array.IndexOf(Dims, cell.Dimension);
        int v = d < 0 ? -1 : Array.IndexOf(Values[d], cell.DimensionValue);
        return atoms.Where(a => v >= 0 && Atoms[a].Values is int[] x && x[d] == v).Order().ToArray();
    }
}
