using System.Data.Common;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DuckDB.NET.Data;
using NpsKit.Aggregation;
using NpsKit.Data;

namespace NpsKit.WarehouseBenchmarks;

/// <summary>
/// The job of every warehouse benchmark: one run in process, one warm-up and <c>NPSKIT_BENCH_ITERATIONS</c> (default 3)
/// measured iterations of one call each (<see cref="RunStrategy.Monitoring"/>): a call takes seconds to minutes, so
/// BenchmarkDotNet's pilot and unrolling would only multiply the time on a shared machine.
/// </summary>
public sealed class WarehouseConfig : ManualConfig
{
    /// <summary>Makes the config.</summary>
    public WarehouseConfig()
    {
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("NPSKIT_BENCH_ITERATIONS"), CultureInfo.InvariantCulture, out int n) ? n : 3;
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(iterations)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }
}

/// <summary>What every warehouse benchmark counts: NPS per month × region in Europe/Copenhagen, over answers generated
/// in SQL (three years from 2024, eleven scores, five regions).</summary>
public static class Warehouse
{
    /// <summary>The reporting options.</summary>
    public static readonly AggregationOptions Aggregation = new() { TimeZoneId = "Europe/Copenhagen", Period = PeriodUnit.Month, MinimumCount = 0 };

    /// <summary>The generating SELECT over <c>range(n)</c>/<c>generate_series</c> column <c>i</c>, DuckDB spelling.</summary>
    public const string DuckDbSelect =
        "SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_microseconds(CAST(hash(i) % 94608000000000 AS BIGINT)) AS submitted_at, " +
        "CAST(hash(i * 7) % 11 AS INTEGER) AS score, 'Region ' || CAST(hash(i * 13) % 5 AS VARCHAR) AS region FROM range({0}) r(i)";

    /// <summary>Gets the row count: <c>NPSKIT_BENCH_ROWS</c>, else <paramref name="fallback"/>.</summary>
    public static long Rows(long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable("NPSKIT_BENCH_ROWS"), CultureInfo.InvariantCulture, out long n) ? n : fallback;

    /// <summary>The pushed-down options for a source.</summary>
    public static DbCubeOptions Options(DbSource source) => new() { Source = source, Segmentation = Segmentation.By("region"), Aggregation = Aggregation };

    /// <summary>Reads every row into NpsKit (what a caller without NpsKit.Data does) and builds the cube in process.</summary>
    public static NpsCube ReadRows(DbConnection connection, string sql)
    {
        var b = new ResponseTableBuilder("region");
        string[] segment = new string[1];
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        using DbDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            segment[0] = reader.GetString(2);
            b.AddUtcTicks(reader.GetFieldValue<DateTimeOffset>(0).UtcTicks, reader.GetInt32(1), segment);
        }

        return NpsCube.FromTable(b.ToTable(), Segmentation.By("region"), Aggregation);
    }

    /// <summary>Runs a statement.</summary>
    public static void Exec(DbConnection connection, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and reads every row (the SQL-only baselines).</summary>
    public static int Drain(DbConnection connection, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        using DbDataReader reader = command.ExecuteReader();
        int n = 0;
        while (reader.Read())
        {
            n++;
        }

        return n;
    }

    /// <summary>A fresh temporary folder.</summary>
    public static string TempFolder(string name)
    {
        string folder = Path.Combine(Path.GetTempPath(), "npskit-bench-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }
}

/// <summary>
/// Answers in a DuckDB file on disk (issue #20: 100M): NpsKit's pushed-down cube, DuckDB alone computing NPS per month ×
/// region in SQL the way a user would write it (<c>timezone()</c> for local months), the same in UTC months (no zone,
/// the floor no zone-correct query can beat), and reading every row into NpsKit. One iteration each: a run takes minutes.
/// </summary>
[Config(typeof(WarehouseConfig))]
public class DuckDbWarehouseBenchmarks
{
    /// <summary>DuckDB alone: NPS per local month × region, as a user would write it.</summary>
    public const string AloneSql =
        "SELECT date_trunc('month', timezone('Europe/Copenhagen', submitted_at)) AS month, region, COUNT(*) AS n, " +
        "100.0 * (COUNT(*) FILTER (WHERE score >= 9) - COUNT(*) FILTER (WHERE score <= 6)) / COUNT(*) AS nps FROM responses GROUP BY ALL";

    private string _folder = string.Empty;
    private DuckDBConnection _connection = null!;

    /// <summary>Writes the file (generated in SQL) and opens it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _folder = Warehouse.TempFolder("duckdb");
        _connection = new DuckDBConnection($"DataSource={Path.Combine(_folder, "answers.duckdb")}");
        _connection.Open();
        Warehouse.Exec(_connection, "CREATE TABLE responses AS " + string.Format(CultureInfo.InvariantCulture, Warehouse.DuckDbSelect, Warehouse.Rows(100_000_000)));
        Warehouse.Exec(_connection, "CHECKPOINT");
    }

    /// <summary>Deletes the file.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>NpsDb.ReadCube: one MIN/MAX query, one counting query, the cube.</summary>
    [Benchmark(Baseline = true)]
    public NpsCube PushedDown() => NpsDb.ReadCube(_connection, SqlDialect.DuckDb, Warehouse.Options(DbSource.Table("responses"))).Cube;

    /// <summary>DuckDB alone: NPS per local month × region in SQL.</summary>
    [Benchmark]
    public int DuckDbAlone() => Warehouse.Drain(_connection, AloneSql);

    /// <summary>DuckDB alone in UTC months: no zone conversion at all (not the same answer; the floor).</summary>
    [Benchmark]
    public int DuckDbAloneUtcMonths() => Warehouse.Drain(_connection, AloneSql.Replace("timezone('Europe/Copenhagen', submitted_at)", "submitted_at", StringComparison.Ordinal));

    /// <summary>Every row read into NpsKit, then aggregated in process.</summary>
    [Benchmark]
    public NpsCube ReadingRows() => Warehouse.ReadRows(_connection, "SELECT submitted_at, score, region FROM responses");
}
