namespace NpsKit.Employee;

/// <summary>An eNPS survey round (a pulse) or reporting period.</summary>
/// <param name="Name">The round's name, e.g. <c>2026 Q4</c>; not empty.</param>
/// <param name="Date">The date the round is reported under (usually the day it closed). Comments carry this date,
/// never the time an answer was given.</param>
/// <remarks>An immutable value; thread-safe.</remarks>
public sealed record SurveyRound(string Name, DateOnly Date);
