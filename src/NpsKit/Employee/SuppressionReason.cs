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

    /// <summary>Hidden so that another hidden cell cannot be recovered by subtraction (complementary suppression). Which cell
    /// it protects is not published: that would point at a hidden cell.</summary>
    ProtectsCell,

    /// <summary>Hidden because the cell nearly equals a larger published cell that contains it: their difference would be a
    /// group below the minimum.</summary>
    OverlapsCell,

    /// <summary>Folded into an "(other)" group (named by <see cref="EnpsCell.RelatedCellKey"/>) under
    /// <see cref="ComplementaryProtection.FoldIntoOther"/>.</summary>
    FoldedIntoOther,

    /// <summary>Hidden because, together with earlier releases of the same population (<see cref="EnpsPublicationHistory"/>),
    /// showing it would determine a hidden group, a group below the minimum or one person's answer.</summary>
    CrossPublication,

    /// <summary>Hidden because it differs from an earlier release of the same cell by fewer answers than the minimum (the
    /// difference of the two would be those answers). In a live round such a cell keeps showing its last figures instead
    /// (<see cref="EnpsCell.FiguresTakenAt"/>).</summary>
    TooLittleChange,
}
