using NpsKit.Aggregation;

namespace NpsKit.Csv;

/// <summary>The cube of a CSV file's accepted rows, aggregated while reading, with the report of what was read and rejected.</summary>
/// <param name="Cube">Period × segment tallies of the accepted rows.</param>
/// <param name="Report">What reading did, including every bad row.</param>
/// <remarks>An immutable result; thread-safe.</remarks>
public sealed record CsvCubeResult(NpsCube Cube, IngestReport Report);

/// <summary>The accepted rows of a CSV file as a columnar table, with the report of what was read and rejected.</summary>
/// <param name="Table">The accepted rows; every segment column of the file is a dimension.</param>
/// <param name="Report">What reading did, including every bad row.</param>
/// <remarks>An immutable result; thread-safe.</remarks>
public sealed record CsvTableResult(ResponseTable Table, IngestReport Report);
