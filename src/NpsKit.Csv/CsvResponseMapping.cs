namespace NpsKit.Csv;

/// <summary>
/// Which header names hold which part of a response. A role left <see langword="null"/> is detected from common names
/// (see <see cref="ScoreNames"/> and the other lists); matching ignores case, spaces, underscores and hyphens.
/// </summary>
/// <remarks>An immutable value; thread-safe. Make changed copies with <c>with</c>.</remarks>
public sealed record CsvResponseMapping
{
    /// <summary>Names recognised as the score column when <see cref="Score"/> is not set.</summary>
    public static IReadOnlyList<string> ScoreNames { get; } =
        ["score", "nps", "npsscore", "rating", "likelihood", "likelihoodtorecommend", "recommend", "answer", "ltr"];

    /// <summary>Names recognised as the time column when <see cref="Time"/> is not set (English, then Danish/Norwegian,
    /// German/Dutch/Swedish, Spanish and French).</summary>
    public static IReadOnlyList<string> TimeNames { get; } =
        ["submittedat", "submitted", "timestamp", "time", "date", "datetime", "respondedat", "responsedate", "createdat", "created", "completedat", "answeredat",
         "dato", "tidspunkt", "datum", "zeitstempel", "fecha", "horodatage"];

    /// <summary>Names recognised as the respondent column when <see cref="Respondent"/> is not set.</summary>
    public static IReadOnlyList<string> RespondentNames { get; } =
        ["respondentid", "respondent", "customerid", "customer", "userid", "user", "email", "id", "employeeid", "accountid"];

    /// <summary>Names recognised as the weight column when <see cref="Weight"/> is not set.</summary>
    public static IReadOnlyList<string> WeightNames { get; } = ["weight", "surveyweight", "w"];

    /// <summary>Names recognised as the comment column when <see cref="Comment"/> is not set.</summary>
    public static IReadOnlyList<string> CommentNames { get; } =
        ["comment", "comments", "reason", "feedback", "verbatim", "text", "why", "openanswer", "kommentar", "kommentare", "commentaire", "comentario"];

    /// <summary>Names recognised as the NPS group column (Promoter / Passive / Detractor) when <see cref="Group"/> is not
    /// set; a header that ends in one of them matches too (Qualtrics' <c>Q1_NPS_GROUP</c>).</summary>
    public static IReadOnlyList<string> GroupNames { get; } = ["npsgroup", "npscategory", "npsclassification", "npssegment", "npstype"];

    /// <summary>Gets the header of the score column.</summary>
    /// <value>Default <see langword="null"/>: detected from <see cref="ScoreNames"/>, a survey tool's layout, or the
    /// recommend question's text. A file with neither a score nor an NPS group column (<see cref="Group"/>) cannot be read.</value>
    public string? Score { get; init; }

    /// <summary>Gets the header of the time column.</summary>
    /// <value>Default <see langword="null"/>: detected from <see cref="TimeNames"/>; a file may have none.</value>
    public string? Time { get; init; }

    /// <summary>Gets the header of the respondent id column.</summary>
    /// <value>Default <see langword="null"/>: detected from <see cref="RespondentNames"/>; a file may have none.</value>
    public string? Respondent { get; init; }

    /// <summary>Gets the header of the weight column.</summary>
    /// <value>Default <see langword="null"/>: detected from <see cref="WeightNames"/>; a file may have none.</value>
    public string? Weight { get; init; }

    /// <summary>Gets the header of the comment column.</summary>
    /// <value>Default <see langword="null"/>: detected from <see cref="CommentNames"/>; a file may have none.</value>
    public string? Comment { get; init; }

    /// <summary>Gets the header of the NPS group column: each answer's group as a word (Promoter, Passive, Detractor, in
    /// English, Danish, Norwegian, Swedish, German, Dutch, French, Spanish, Portuguese, Italian, Finnish or Polish).</summary>
    /// <value>Default <see langword="null"/>: detected from <see cref="GroupNames"/>. With a score column, every row's
    /// group is checked against its score (a disagreement is a <see cref="BadRowReason.GroupMismatch"/> bad row); without
    /// one, the file is read by group only: the tally is made with <see cref="NpsTally.FromCounts"/> (NPS, shares,
    /// intervals and tests are exact; the 0–10 distribution and the mean are unknown), and a cube or table, which keep
    /// the 0–10 distribution, cannot be made.</value>
    public string? Group { get; init; }

    /// <summary>Gets the segment dimensions (headers), in order.</summary>
    /// <value>Default <see langword="null"/>: every column that is not score, time, respondent, weight or comment is a segment
    /// dimension. When set, the other columns are ignored and listed in <see cref="IngestReport.IgnoredColumns"/>.</value>
    public IReadOnlyList<string>? Segments { get; init; }
}
