using NpsKit.Employee;

namespace NpsKit.Csv;

/// <summary>One round of an eNPS file: the round and its accepted answers.</summary>
/// <param name="Round">The round: its name from the file, dated to the day of its latest answer (UTC), or to the date
/// its name gives (<c>2026-11</c> → 2026-11-01) when the file has no time column, or else to
/// <see cref="EnpsCsvOptions.RoundDate"/>.</param>
/// <param name="Responses">The answers of the round, in file order.</param>
/// <remarks>An immutable result; thread-safe. <see cref="ToString"/> shows no answers.</remarks>
public sealed record EnpsCsvRound(SurveyRound Round, IReadOnlyList<EnpsResponse> Responses)
{
    /// <summary>Describes the round without its answers.</summary>
    /// <returns>E.g. <c>2026-11 (2026-11-13): 520 responses</c>.</returns>
    public override string ToString() => $"{Round.Name} ({Round.Date:yyyy-MM-dd}): {Responses.Count} responses";
}

/// <summary>An eNPS file read: the org tree its paths describe, its rounds with their answers, its demographic
/// dimensions, and the report of what was read and rejected.</summary>
/// <param name="Units">The org tree: the root (<see cref="EnpsCsvOptions.RootUnit"/>) and every unit a path names. A
/// unit's id is its name, or <c>name (parent id)</c> where two units share a name.</param>
/// <param name="Rounds">The rounds, oldest first (by date, then name); a file without a round column has one round named <c>all</c>.</param>
/// <param name="Dimensions">The demographic dimension columns, in file order.</param>
/// <param name="Report">What reading did, including every bad row (raw values withheld unless
/// <see cref="EnpsCsvOptions.IncludeRawValues"/> is set).</param>
/// <remarks>An immutable result; thread-safe. Hand <see cref="Units"/> and a round's responses to
/// <see cref="EnpsReport.FromResponses"/>.</remarks>
public sealed record EnpsCsvResult(IReadOnlyList<OrgUnit> Units, IReadOnlyList<EnpsCsvRound> Rounds, IReadOnlyList<string> Dimensions, IngestReport Report)
{
    /// <summary>Gets a round by name.</summary>
    /// <param name="name">The round's name as in the file (ordinal comparison).</param>
    /// <param name="round">The round, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetRound(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EnpsCsvRound? round)
    {
        round = Rounds.FirstOrDefault(r => string.Equals(r.Round.Name, name, StringComparison.Ordinal));
        return round is not null;
    }
}
