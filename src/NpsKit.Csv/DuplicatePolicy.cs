namespace NpsKit.Csv;

/// <summary>What to do when a respondent answers more than once in the same survey period.</summary>
/// <remarks>Duplicates are recognised by the respondent column; rows without a respondent id are never duplicates.
/// Whatever the policy, <see cref="IngestReport.DuplicateRows"/> counts them (under <see cref="KeepAll"/>, past 65 536
/// distinct respondents, as an estimate in fixed memory unless <see cref="CsvReadOptions.ExactDuplicateCount"/> is set).
/// The deduplicating policies remember each respondent in 16 bytes (32 for <see cref="KeepLatest"/>) a table slot:
/// ids of up to 12 UTF-8 bytes exactly, longer ids by a 120-bit hash.</remarks>
public enum DuplicatePolicy
{
    /// <summary>Keep every answer (the default). Duplicates are still counted in the report, in bounded memory.</summary>
    KeepAll = 0,

    /// <summary>Keep the respondent's first answer in input order; later ones are left out and listed in
    /// <see cref="IngestReport.BadRows"/> (reason <see cref="BadRowReason.DuplicateRespondent"/>), in strict mode too:
    /// leaving them out is what the policy asks, so they never stop a read (<see cref="Error"/> does).</summary>
    KeepFirst = 1,

    /// <summary>Keep the respondent's latest answer by time (input order breaks ties); the others are left out and listed
    /// in <see cref="IngestReport.BadRows"/> as for <see cref="KeepFirst"/>, in strict mode too. Needs a time column.</summary>
    KeepLatest = 2,

    /// <summary>Treat a second answer as a bad row (strict mode throws on it).</summary>
    Error = 3,
}
