namespace NpsKit.Employee;

/// <summary>What group of employees a report cell stands for.</summary>
public enum EnpsCellKind
{
    /// <summary>An org unit with everything below it (the roll-up).</summary>
    Unit,

    /// <summary>The people placed directly in an org unit that also has child units (e.g. a division's leadership),
    /// published as a group of its own so that it is protected like any other.</summary>
    DirectMembers,

    /// <summary>The people of a <see cref="Unit"/> or <see cref="DirectMembers"/> group with one value of a demographic
    /// dimension (a cross-tab cell).</summary>
    DimensionValue,

    /// <summary>An "(other)" group folded from siblings under <see cref="ComplementaryProtection.FoldIntoOther"/>.</summary>
    Other,
}
