using DuckDB.NET.Data;

namespace NpsKit.ComparisonBenchmarks;

/// <summary>Runs a DuckDB counting query whose fourth column is the count per cell and reads every result row, so
/// each DuckDB case pays for the same work: the query and the transfer of its cells.</summary>
internal static class DuckDbCounts
{
    /// <summary>Executes <paramref name="sql"/> and returns the sum of its fourth column (the rows counted).</summary>
    public static long Total(DuckDBConnection connection, string sql)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using DuckDBDataReader reader = command.ExecuteReader();
        long total = 0;
        while (reader.Read())
        {
            total += reader.GetInt64(3);
        }

        return total;
    }
}
