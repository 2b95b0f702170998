namespace NpsKit.Employee;

/// <summary>How a report stops a hidden group from being recovered by subtracting visible groups from their parent.</summary>
public enum ComplementaryProtection
{
    /// <summary>Hide more siblings, smallest first, until the hidden siblings are at least two and together reach the
    /// minimum (the default; the classic complementary cell suppression of statistical offices).</summary>
    HideSmallestSibling,

    /// <summary>Fold the hidden siblings, and as many of the smallest visible siblings as needed to reach the minimum,
    /// into one published "(other)" group; the folded siblings are hidden.</summary>
    FoldIntoOther,
}
