using DuckDB.NET.Data;

namespace NpsKit.Data;

/// <summary>
/// Cubes from Parquet files, counted by the embedded DuckDB engine (<c>read_parquet</c>): the rows never become .NET
/// objects — a 100-million-row file is one scan and a few thousand counts — with the same columns, periods, checks and
/// bad-answer report as any database source (<see cref="NpsDb"/>).
/// </summary>
/// <remarks>
/// <para>Parquet timestamps written as instants (<c>isAdjustedToUTC = true</c>, which DuckDB reads as
/// <c>TIMESTAMP WITH TIME ZONE</c>) are read as they are; wall-clock timestamps need
/// <see cref="DbCubeOptions.TimeColumnZoneId"/> (<c>Etc/UTC</c> when they are UTC) and are refused without it.</para>
/// <para>This type is thread-safe: each call opens its own in-memory engine.</para>
/// </remarks>
public static class NpsParquet
{
    /// <summary>Counts the answers of Parquet files and returns their cube.</summary>
    /// <param name="options">The options, with <see cref="DbCubeOptions.Source"/> from <see cref="DbSource.Parquet"/>.</param>
    /// <returns>The cube, the answers counted, those left out and the query run.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or the source is not Parquet files.</exception>
    /// <exception cref="InvalidDataException">Some answers have bad values (each kind named with its count) and
    /// <see cref="DbCubeOptions.SkipInvalid"/> is off.</exception>
    /// <exception cref="System.Data.Common.DbException">DuckDB cannot read the files or lacks a column.</exception>
    public static DbCubeResult ReadCube(DbCubeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Source is null || options.Source.ParquetFiles.Count == 0)
        {
            throw new ArgumentException("NpsParquet.ReadCube reads Parquet files: set Source = DbSource.Parquet(\"answers.parquet\").", nameof(options));
        }

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return NpsDb.ReadCube(connection, SqlDialect.DuckDb, options);
    }
}
