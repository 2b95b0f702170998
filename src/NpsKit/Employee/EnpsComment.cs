namespace NpsKit.Employee;

/// <summary>A comment published by an eNPS report: its text, the group it is shown for, and the round's date (never the
/// time it was written).</summary>
/// <param name="GroupKey">The key of the org cell (<see cref="EnpsCell.Key"/>) the comment is shown under. The comment's
/// author is in that group but in none of its sub-groups that have comments of their own.</param>
/// <param name="Text">The comment as written.</param>
/// <param name="RoundDate">The round's <see cref="SurveyRound.Date"/>.</param>
/// <remarks>An immutable value; thread-safe.</remarks>
public sealed record EnpsComment(string GroupKey, string Text, DateOnly RoundDate);
