using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DuckDB.NET.Data;
using NpsKit.Aggregation;
using NpsKit.Benchmarks.Aggregation;
using NpsKit.Csv;

namespace NpsKit.ComparisonBenchmarks.Csv;

/// <summary>
/// Issue #14's yardstick, read in one run: the file <c>respondent_id,responded_at,segment,score</c> (see
/// <see cref="YardstickFile"/>), end to end to a month (Europe/Copenhagen) × segment count. The hand-tuned reference
/// parser (<see cref="HandTunedParser"/>, every field validated, 2 threads) is the baseline; DuckDB reads the same
/// file with <c>responded_at</c> typed, on 2 threads; NpsKit's <see cref="NpsCsv.ReadCube(string, Segmentation?, AggregationOptions?, CsvReadOptions?)"/>
/// on one and two threads. Peak memory of each, one process per measurement:
/// <c>dotnet run -c Release --project benchmarks/NpsKit.ComparisonBenchmarks -- peak CsvYardstickBenchmarks &lt;Method&gt; &lt;rows&gt;</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CsvYardstickBenchmarks
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(AggregationData.Zone);
    private readonly Segmentation _bySegment = Segmentation.By("segment");
    private readonly CsvReadOptions _csv = new() { Delimiter = ',' };
    private string _path = string.Empty;
    private DuckDBConnection _connection = null!;

    /// <summary>Rows in the file.</summary>
    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    /// <summary>Writes the file once (kept in the temp folder between runs) and opens DuckDB on 2 threads.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = YardstickFile.Path(N);
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        using DuckDBCommand set = _connection.CreateCommand();
        set.CommandText = "SET TimeZone = 'UTC'; SET threads = 2;";
        _ = set.ExecuteNonQuery();
    }

    /// <summary>Closes DuckDB.</summary>
    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();

    /// <summary>The hand-tuned reference parser on 2 threads.</summary>
    /// <returns>Rows counted.</returns>
    [Benchmark(Baseline = true)]
    public long HandTuned2Threads() => HandTunedParser.Count(_path, 2, _zone);

    /// <summary>The hand-tuned reference parser on one thread: with <see cref="HandTuned2Threads"/> it shows how much a
    /// second thread can give on this machine to code that shares nothing.</summary>
    /// <returns>Rows counted.</returns>
    [Benchmark]
    public long HandTuned1Thread() => HandTunedParser.Count(_path, 1, _zone);

    /// <summary>DuckDB: read_csv with the time typed, GROUP BY month in the zone, segment, score; 2 threads.</summary>
    /// <returns>Rows counted.</returns>
    [Benchmark]
    public long DuckDb2Threads()
    {
        return DuckDbCounts.Total(_connection, $$"""
            SELECT date_trunc('month', timezone('Europe/Copenhagen', responded_at)) AS month, segment, score, count(*) AS n
            FROM read_csv('{{_path}}', header = true, columns = {'respondent_id': 'VARCHAR', 'responded_at': 'TIMESTAMPTZ', 'segment': 'VARCHAR', 'score': 'UTINYINT'})
            GROUP BY ALL
            """);
    }

    /// <summary>NpsKit, one thread.</summary>
    /// <returns>Rows counted.</returns>
    [Benchmark]
    public long NpsKit1Thread() => NpsCsv.ReadCube(_path, _bySegment, AggregationData.Options(1), _csv).Cube.Total.Count;

    /// <summary>NpsKit's tally of the same file (every field validated, no segment coding, no cube): with
    /// <see cref="NpsKit1Thread"/> it splits the per-row cost into reading and aggregating.</summary>
    /// <returns>Rows counted.</returns>
    [Benchmark]
    public long NpsKitTally1Thread() => NpsCsv.ReadTally(_path, _csv).Tally.Count;

    /// <summary>NpsKit, two threads.</summary>
    /// <returns>Rows counted.</returns>
    [Benchmark]
    public long NpsKit2Threads() => NpsCsv.ReadCube(_path, _bySegment, AggregationData.Options(2), _csv).Cube.Total.Count;
}
