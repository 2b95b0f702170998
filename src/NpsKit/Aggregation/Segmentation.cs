using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>How a cube splits answers into segments: not at all, by one dimension, by several (a cross-tab), or
/// along a hierarchy such as company → department → team.</summary>
public enum SegmentationKind
{
    /// <summary>No segments: only the overall total per period.</summary>
    Total,

    /// <summary>One dimension.</summary>
    Single,

    /// <summary>Every combination of several dimensions, with margins over any subset.</summary>
    CrossTab,

    /// <summary>Nested dimensions, outermost first, with roll-ups to every level and the total.</summary>
    Hierarchy,
}

/// <summary>
/// Chooses the segment dimensions of a cube. The cube always counts the finest cells (one per combination of
/// values present in the data); every coarser level — a hierarchy's parents, a cross-tab's margins, the total —
/// is the exact sum of those cells.
/// </summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class Segmentation
{
    private readonly string[] _dimensions;

    private Segmentation(SegmentationKind kind, string[] dimensions)
    {
        Kind = kind;
        _dimensions = dimensions;
    }

    /// <summary>Gets the segmentation with no segments: the total per period only.</summary>
    public static Segmentation Total { get; } = new(SegmentationKind.Total, []);

    /// <summary>Gets the kind.</summary>
    public SegmentationKind Kind { get; }

    /// <summary>Gets the dimensions, outermost first for a hierarchy.</summary>
    public IReadOnlyList<string> Dimensions => _dimensions;

    internal string[] DimensionArray => _dimensions;

    /// <summary>Segments by one dimension.</summary>
    /// <param name="dimension">The dimension name, e.g. <c>department</c>.</param>
    /// <returns>The segmentation.</returns>
    /// <exception cref="ArgumentException">The name is null or empty.</exception>
    public static Segmentation By(string dimension) => new(SegmentationKind.Single, Validate([dimension], nameof(dimension)));

    /// <summary>Segments by every combination of several dimensions (a cross-tab).</summary>
    /// <param name="dimensions">Two or more distinct dimension names (one is accepted and behaves as <see cref="By"/>).</param>
    /// <returns>The segmentation.</returns>
    /// <exception cref="ArgumentException">No names, or a name is empty or repeated.</exception>
    public static Segmentation CrossTab(params IEnumerable<string> dimensions) =>
        new(SegmentationKind.CrossTab, Validate(dimensions, nameof(dimensions)));

    /// <summary>Segments along a hierarchy, outermost level first (e.g. <c>company</c>, <c>department</c>, <c>team</c>).</summary>
    /// <param name="levels">One or more distinct dimension names, outermost first.</param>
    /// <returns>The segmentation; the cube's <see cref="NpsCube.SegmentsAtLevel(int)"/> gives each level.</returns>
    /// <exception cref="ArgumentException">No names, or a name is empty or repeated.</exception>
    public static Segmentation Hierarchy(params IEnumerable<string> levels) =>
        new(SegmentationKind.Hierarchy, Validate(levels, nameof(levels)));

    /// <summary>Describes the segmentation, e.g. <c>Hierarchy(company → department → team)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        SegmentationKind.Total => "Total",
        SegmentationKind.Hierarchy => $"Hierarchy({string.Join(" → ", _dimensions)})",
        _ => $"{Kind}({string.Join(" × ", _dimensions)})",
    };

    internal static void ValidateDimensionNames(string[] names, string paramName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (string.IsNullOrEmpty(names[i]))
            {
                ThrowHelper.Argument($"Dimension name {i} is null or empty: give every segment dimension a name such as 'region'.", paramName);
            }

            if (!seen.Add(names[i]))
            {
                ThrowHelper.Argument($"Dimension '{names[i]}' is given twice: dimension names must be distinct (they are compared ordinally, case-sensitively).", paramName);
            }
        }
    }

    private static string[] Validate(IEnumerable<string> dimensions, string paramName)
    {
        ArgumentNullException.ThrowIfNull(dimensions, paramName);
        string[] names = [.. dimensions];
        if (names.Length == 0)
        {
            ThrowHelper.Argument("At least one dimension is needed; use Segmentation.Total for no segments.", paramName);
        }

        ValidateDimensionNames(names, paramName);
        return names;
    }
}
