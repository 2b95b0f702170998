namespace NpsKit.Csv;

/// <summary>The tally of a CSV file's accepted rows, with the report of what was read and rejected.</summary>
/// <param name="Tally">The unweighted tally of the accepted rows.</param>
/// <param name="Weighted">The weighted tally when the file has a weight column; otherwise <see langword="null"/>.</param>
/// <param name="Report">What reading did, including every bad row.</param>
/// <remarks>An immutable result; thread-safe.</remarks>
public sealed record CsvTallyResult(NpsTally Tally, WeightedNpsTally? Weighted, IngestReport Report);
