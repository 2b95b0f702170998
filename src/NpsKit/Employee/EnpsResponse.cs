namespace NpsKit.Employee;

/// <summary>One employee's answer in an eNPS round.</summary>
/// <param name="UnitId">The identifier of the <see cref="OrgUnit"/> the employee is placed in directly.</param>
/// <param name="Score">The answer to "How likely are you to recommend this company as a place to work?", 0 to 10.</param>
/// <param name="Comment">The answer to "What is the main reason for your score?", or <see langword="null"/>.</param>
/// <param name="Attributes">Demographic attributes by dimension name (e.g. <c>tenure</c> → <c>1-3y</c>), or
/// <see langword="null"/>. A dimension the employee has no value for is reported as <see cref="EnpsReport.NotStated"/>.</param>
/// <param name="AnsweredAt">When the answer was given, or <see langword="null"/>. NpsKit never publishes it: comments are
/// dated to the round (<see cref="SurveyRound.Date"/>).</param>
/// <remarks>An immutable value; thread-safe if <paramref name="Attributes"/> is not changed. Scores, comments and attribute
/// values are personal data: NpsKit keeps them out of exception messages unless
/// <see cref="EnpsReportOptions.IncludeRawValuesInExceptions"/> is set.</remarks>
public readonly record struct EnpsResponse(
    string UnitId,
    int Score,
    string? Comment = null,
    IReadOnlyDictionary<string, string>? Attributes = null,
    DateTimeOffset? AnsweredAt = null)
{
    /// <summary>Gets a stable identifier of the employee (an employee number or a pseudonym), or <see langword="null"/>.</summary>
    /// <value>Default <see langword="null"/>. Used only to follow people across publications
    /// (the publication history): who is new, who left, who moved. Without it, the history follows answers by
    /// unit and position (the n-th answer in a unit is taken to be the same person in every publication), which cannot see
    /// an answer replaced by another in the same unit.</value>
    public string? RespondentId { get; init; }

    /// <summary>Describes the response without its answer, comment, attributes or time (they are personal data and
    /// would otherwise reach logs).</summary>
    /// <returns>E.g. <c>EnpsResponse { UnitId = Platform, answer withheld }</c>.</returns>
    public override string ToString() => $"EnpsResponse {{ UnitId = {UnitId}, answer withheld }}";
}
