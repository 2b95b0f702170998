using NpsKit.Employee.Internal;

namespace NpsKit.Employee;

/// <summary>One eNPS publication as the history keeps it: the round, when it was taken, under which minimum and
/// cross-tabs, and what every cell showed.</summary>
/// <remarks>
/// <para>Besides the published figures, a release keeps the structure needed to audit later publications against it:
/// the org tree, the dimension values, and who was counted where (respondent ids — or, without ids, "the n-th answer in
/// unit U" — with their unit and attributes, never their answers). That makes the history as confidential as the list of
/// who answered: keep it with the raw answers, not with the published report.</para>
/// <para>An immutable object; thread-safe.</para>
/// </remarks>
public sealed class EnpsRelease
{
    internal EnpsRelease(SurveyRound round, DateTimeOffset publishedAt, bool closesRound, int minimumRespondents, IReadOnlyList<EnpsReleasedCell> cells, ReleaseStructure structure)
    {
        Round = round;
        PublishedAt = publishedAt;
        ClosesRound = closesRound;
        MinimumRespondents = minimumRespondents;
        Cells = cells;
        Structure = structure;
    }

    /// <summary>Gets the survey round the release belongs to.</summary>
    public SurveyRound Round { get; }

    /// <summary>Gets when the figures were taken (the caller's clock, passed in <see cref="EnpsPublishOptions.PublishedAt"/>).</summary>
    public DateTimeOffset PublishedAt { get; }

    /// <summary>Gets a value indicating whether this release closed its round: its figures are frozen.</summary>
    public bool ClosesRound { get; }

    /// <summary>Gets the minimum number of respondents the release was made under.</summary>
    public int MinimumRespondents { get; }

    /// <summary>Gets the demographic dimensions cross-tabbed.</summary>
    public IReadOnlyList<string> Dimensions => Structure.Dims;

    /// <summary>Gets every cell of the release, in report order.</summary>
    public IReadOnlyList<EnpsReleasedCell> Cells { get; }

    internal ReleaseStructure Structure { get; }
}

/// <summary>One cell of a release: its key and what it showed.</summary>
/// <param name="Key">The cell key (<see cref="EnpsCell.Key"/>).</param>
/// <param name="Kind">The kind of group.</param>
/// <param name="UnitId">The org unit.</param>
/// <param name="Dimension">The dimension of a cross-tab cell, or <see langword="null"/>.</param>
/// <param name="DimensionValue">The dimension value of a cross-tab cell, or <see langword="null"/>.</param>
/// <param name="Reason">Why the cell was hidden, or <see cref="SuppressionReason.None"/>.</param>
/// <param name="Figures">The tally shown, or <see langword="null"/> when hidden.</param>
/// <param name="FiguresTakenAt">When the shown figures were taken: the release's own time, or an earlier release's in
/// the same live round when the cell had changed too little to be republished.</param>
/// <param name="FoldedCellKeys">For an "(other)" cell, the cells folded into it; otherwise empty.</param>
/// <remarks>An immutable value; thread-safe.</remarks>
public sealed record EnpsReleasedCell(
    string Key,
    EnpsCellKind Kind,
    string UnitId,
    string? Dimension,
    string? DimensionValue,
    SuppressionReason Reason,
    NpsTally? Figures,
    DateTimeOffset? FiguresTakenAt,
    IReadOnlyList<string> FoldedCellKeys)
{
    /// <summary>Gets a value indicating whether the cell showed figures.</summary>
    public bool IsShown => Figures is not null;
}
