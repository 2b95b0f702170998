using BenchmarkDotNet.Attributes;
using Npgsql;
using NpgsqlTypes;
using NpsKit.Aggregation;
using NpsKit.Data;
using NpsKit.TestUtilities;

namespace NpsKit.WarehouseBenchmarks;

/// <summary>
/// Answers in a throw-away PostgreSQL cluster (issue #20: 10M), loaded with binary COPY: NpsKit's pushed-down cube,
/// PostgreSQL alone computing NPS per local month × region with <c>AT TIME ZONE</c>, and reading every row into NpsKit.
/// </summary>
[Config(typeof(WarehouseConfig))]
public class PostgresWarehouseBenchmarks
{
    private const string AloneSql =
        "SELECT date_trunc('month', submitted_at AT TIME ZONE 'Europe/Copenhagen') AS month, region, COUNT(*) AS n, " +
        "100.0 * (COUNT(*) FILTER (WHERE score >= 9) - COUNT(*) FILTER (WHERE score <= 6)) / COUNT(*) AS nps FROM responses GROUP BY 1, 2";

    private PostgresServer _server = null!;
    private NpgsqlConnection _connection = null!;

    /// <summary>Starts the cluster and COPYs the answers in.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _server = new PostgresServer();
        _connection = new NpgsqlConnection(_server.ConnectionString);
        _connection.Open();
        Warehouse.Exec(_connection, "CREATE TABLE responses (submitted_at timestamptz, score integer, region text)");
        long rows = Warehouse.Rows(10_000_000);
        var rng = new SplitMix64(20);
        string[] regions = [.. Enumerable.Range(0, 5).Select(r => "Region " + r)];
        long from = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        using (NpgsqlBinaryImporter copy = _connection.BeginBinaryImport("COPY responses FROM STDIN (FORMAT BINARY)"))
        {
            for (long i = 0; i < rows; i++)
            {
                copy.StartRow();
                copy.Write(new DateTime(from + ((long)(rng.NextDouble() * 94_608_000_000_000L) * 10), DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                copy.Write(rng.NextInt(11), NpgsqlDbType.Integer);
                copy.Write(regions[rng.NextInt(5)], NpgsqlDbType.Text);
            }

            copy.Complete();
        }

        Warehouse.Exec(_connection, "VACUUM ANALYZE responses");
    }

    /// <summary>Stops and deletes the cluster.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Dispose();
        _server.Dispose();
    }

    /// <summary>NpsDb.ReadCube: one MIN/MAX query, one counting query, the cube.</summary>
    [Benchmark(Baseline = true)]
    public NpsCube PushedDown() => NpsDb.ReadCube(_connection, SqlDialect.PostgreSql, Warehouse.Options(DbSource.Table("responses"))).Cube;

    /// <summary>PostgreSQL alone: NPS per local month × region in SQL.</summary>
    [Benchmark]
    public int PostgresAlone() => Warehouse.Drain(_connection, AloneSql);

    /// <summary>Every row read into NpsKit, then aggregated in process.</summary>
    [Benchmark]
    public NpsCube ReadingRows() => Warehouse.ReadRows(_connection, "SELECT submitted_at, score, region FROM responses");
}
