namespace NpsKit.Employee;

/// <summary>Why a report cell is suppressed: the audit reason carried by every suppressed <see cref="EnpsCell"/>.</summary>
public enum SuppressionReason
{
    /// <summary>The cell is shown.</summary>
    None,

    /// <summary>Fewer respondents than <see cref="AnonymityPolicy.MinimumRespondents"/> (primary suppression).</summary>
    BelowMinimum,

    /// <summary>The response rate is below <see cref="AnonymityPolicy.MinimumResponseRate"/> (primary suppression).</summary>
    BelowResponseRate,

    /// <summary>Hidden so that another hidden cell (named by <see cref="EnpsCell.RelatedCellKey"/>) cannot be recovered by
    /// subtraction (complementary suppression).</summary>
    ProtectsCell,

    /// <summary>Hidden because the cell nearly equals a larger published cell that contains it (named by
    /// <see cref="EnpsCell.RelatedCellKey"/>): their difference would be a group below the minimum.</summary>
    OverlapsCell,

    /// <summary>Folded into an "(other)" group (named by <see cref="EnpsCell.RelatedCellKey"/>) under
    /// <see cref="ComplementaryProtection.FoldIntoOther"/>.</summary>
    FoldedIntoOther,
}
