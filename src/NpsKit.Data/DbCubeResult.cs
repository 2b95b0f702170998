using NpsKit.Aggregation;

namespace NpsKit.Data;

/// <summary>The cube counted in a database, with the number of answers counted and those left out.</summary>
/// <param name="Cube">The cube: exactly the cube of the counted answers aggregated in process.</param>
/// <param name="AnswersCounted">How many answers the cube holds.</param>
/// <param name="Rejected">The answers left out, by reason (only with <see cref="DbCubeOptions.SkipInvalid"/>; empty otherwise).</param>
/// <param name="Query">The query that was run, with its parameters.</param>
public sealed record DbCubeResult(NpsCube Cube, long AnswersCounted, IReadOnlyList<DbRejection> Rejected, CountingQuery Query);

/// <summary>Answers left out of a cube for one reason.</summary>
/// <param name="Reason">What was wrong and what is allowed, e.g. <c>score 11 in column 'score' is not on the 0-10 scale</c>.</param>
/// <param name="Answers">How many answers.</param>
public sealed record DbRejection(string Reason, long Answers)
{
    /// <summary>The most row locations kept per reason in <see cref="Rows"/>.</summary>
    public const int MaxRows = 100;

    /// <summary>Gets where the answers are, for sources whose rows have an order (Parquet files: the file and the row
    /// number counted from 1): the first <see cref="MaxRows"/> in file order. Empty for tables, whose rows have none.</summary>
    public IReadOnlyList<DbRowLocation> Rows { get; init; } = [];
}

/// <summary>A row of a file: where a bad answer is.</summary>
/// <param name="File">The file's path as the engine read it.</param>
/// <param name="Row">The row number in the file, counted from 1 (the first data row is row 1).</param>
public sealed record DbRowLocation(string File, long Row)
{
    /// <summary>Returns <c>file row N</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{File} row {Row:N0}");
}

/// <summary>A column of a source, as <see cref="NpsDb.DescribeSource"/> reports it.</summary>
/// <param name="Name">The column name.</param>
/// <param name="TypeName">The engine's name of its type, e.g. <c>TIMESTAMP WITH TIME ZONE</c> (DuckDB) or <c>timestamp with time zone</c> (PostgreSQL).</param>
public sealed record DbSourceColumn(string Name, string TypeName)
{
    /// <summary>Gets whether the type holds instants (a timestamp with a time zone) rather than wall-clock times.</summary>
    public bool IsInstant => TypeName.Contains("with time zone", StringComparison.OrdinalIgnoreCase)
        || TypeName.Equals("timestamptz", StringComparison.OrdinalIgnoreCase)
        || TypeName.Equals("datetimeoffset", StringComparison.OrdinalIgnoreCase)
        || TypeName.StartsWith("TIMESTAMP_TZ", StringComparison.OrdinalIgnoreCase)
        || TypeName.StartsWith("TIMESTAMP_LTZ", StringComparison.OrdinalIgnoreCase);
}
