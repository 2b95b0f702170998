using System.Text;
using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>
/// Names a segment as dimension = value conditions, e.g. <c>department=Support / team=Chat</c>. The empty path is
/// the overall total; a path naming only some of a cube's dimensions is the roll-up over the others.
/// </summary>
/// <remarks>
/// <para>In a hierarchy (company → department → team) the paths of depth 0, 1, 2… are the total, the departments
/// and the teams. In a cross-tab, a path that names one dimension is that dimension's margin.</para>
/// <para><c>default(SegmentPath)</c> is <see cref="Total"/>. Equality compares the conditions in order, ordinally.
/// This type is an immutable value and is thread-safe.</para>
/// </remarks>
public readonly struct SegmentPath : IEquatable<SegmentPath>
{
    private readonly string[]? _dimensions;
    private readonly string[]? _values;

    private SegmentPath(string[] dimensions, string[] values)
    {
        _dimensions = dimensions;
        _values = values;
    }

    /// <summary>Gets the overall total: no conditions.</summary>
    public static SegmentPath Total => default;

    /// <summary>Gets the number of conditions (the depth in a hierarchy); 0 for <see cref="Total"/>.</summary>
    public int Depth => _dimensions?.Length ?? 0;

    /// <summary>Gets a value indicating whether this is the overall total.</summary>
    public bool IsTotal => Depth == 0;

    /// <summary>Makes a one-condition path.</summary>
    /// <param name="dimension">The dimension name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The path <c>dimension=value</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static SegmentPath Of(string dimension, string value) => Total.Then(dimension, value);

    /// <summary>Makes a path from several conditions, in order.</summary>
    /// <param name="conditions">(dimension, value) pairs; dimensions must be distinct.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentException">A dimension appears twice.</exception>
    /// <exception cref="ArgumentNullException">A name or value is <see langword="null"/>.</exception>
    public static SegmentPath Of(params ReadOnlySpan<(string Dimension, string Value)> conditions)
    {
        SegmentPath path = Total;
        foreach ((string dimension, string value) in conditions)
        {
            path = path.Then(dimension, value);
        }

        return path;
    }

    /// <summary>Returns this path with one more condition (one level deeper in a hierarchy).</summary>
    /// <param name="dimension">The dimension name, not already in the path.</param>
    /// <param name="value">The value.</param>
    /// <returns>The longer path; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The dimension is already in the path.</exception>
    public SegmentPath Then(string dimension, string value)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        ArgumentNullException.ThrowIfNull(value);
        if (TryGetValue(dimension, out _))
        {
            ThrowHelper.Argument($"The segment path {this} already has a condition on '{dimension}'; each dimension may appear once.", nameof(dimension));
        }

        return new SegmentPath([.. _dimensions ?? [], dimension], [.. _values ?? [], value]);
    }

    /// <summary>Gets the path's first <paramref name="depth"/> conditions (its ancestor in a hierarchy).</summary>
    /// <param name="depth">0 to <see cref="Depth"/>.</param>
    /// <returns>The shorter path.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is outside 0..<see cref="Depth"/>.</exception>
    public SegmentPath Prefix(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, Depth);
        return depth == 0 ? Total : new SegmentPath(_dimensions![..depth], _values![..depth]);
    }

    /// <summary>Gets the dimension of the condition at <paramref name="index"/>.</summary>
    /// <param name="index">0 to <see cref="Depth"/> − 1.</param>
    /// <returns>The dimension name.</returns>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is outside the path.</exception>
    public string DimensionAt(int index) => (_dimensions ?? [])[index];

    /// <summary>Gets the value of the condition at <paramref name="index"/>.</summary>
    /// <param name="index">0 to <see cref="Depth"/> − 1.</param>
    /// <returns>The value.</returns>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is outside the path.</exception>
    public string ValueAt(int index) => (_values ?? [])[index];

    /// <summary>Gets the value required for a dimension, if the path has a condition on it.</summary>
    /// <param name="dimension">The dimension name.</param>
    /// <param name="value">The value when found; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the path has a condition on <paramref name="dimension"/>.</returns>
    public bool TryGetValue(string dimension, out string? value)
    {
        int i = _dimensions is null ? -1 : Array.IndexOf(_dimensions, dimension);
        value = i < 0 ? null : _values![i];
        return i >= 0;
    }

    /// <summary>Prints the path as <c>dimension=value / dimension=value</c>, or <c>Total</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (IsTotal)
        {
            return "Total";
        }

        var sb = new StringBuilder();
        for (int i = 0; i < Depth; i++)
        {
            _ = sb.Append(i == 0 ? string.Empty : " / ").Append(_dimensions![i]).Append('=').Append(_values![i]);
        }

        return sb.ToString();
    }

    /// <summary>Tells whether the paths have the same conditions in the same order.</summary>
    /// <param name="other">The other path.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(SegmentPath other) =>
        (_dimensions ?? []).AsSpan().SequenceEqual(other._dimensions ?? []) && (_values ?? []).AsSpan().SequenceEqual(other._values ?? []);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SegmentPath other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        for (int i = 0; i < Depth; i++)
        {
            hash.Add(_dimensions![i], StringComparer.Ordinal);
            hash.Add(_values![i], StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Equality; see <see cref="Equals(SegmentPath)"/>.</summary>
    /// <param name="left">The first path.</param>
    /// <param name="right">The second path.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(SegmentPath left, SegmentPath right) => left.Equals(right);

    /// <summary>Inequality; see <see cref="Equals(SegmentPath)"/>.</summary>
    /// <param name="left">The first path.</param>
    /// <param name="right">The second path.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(SegmentPath left, SegmentPath right) => !left.Equals(right);

    internal static SegmentPath FromArrays(string[] dimensions, string[] values) =>
        dimensions.Length == 0 ? Total : new SegmentPath(dimensions, values);
}
