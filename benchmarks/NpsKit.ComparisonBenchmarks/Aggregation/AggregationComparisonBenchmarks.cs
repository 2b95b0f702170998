using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using NpsKit.Aggregation;
using NpsKit.Benchmarks.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.ComparisonBenchmarks.Aggregation;

/// <summary>
/// Month × segment NPS tallies of the same seeded in-memory data in DuckDB (an in-memory table loaded with the
/// appender; only the GROUP BY query and reading its result are timed) and in NpsKit, in one run so the ratio is
/// read directly. Both compute months in Europe/Copenhagen.
/// </summary>
[MemoryDiagnoser]
public class AggregationComparisonBenchmarks
{
    private const string Query = """
        SELECT date_trunc('month', timezone('Europe/Copenhagen', ts)) AS month, segment, score, count(*) AS n
        FROM responses
        GROUP BY ALL
        """;

    private DuckDBConnection _connection = null!;
    private ResponseTable _table = null!;
    private readonly Segmentation _bySegment = Segmentation.By("segment");
    private readonly AggregationOptions _single = AggregationData.Options(1);
    private readonly AggregationOptions _parallel = AggregationData.Options(-1);

    /// <summary>Rows.</summary>
    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    /// <summary>Generates the data, loads the NpsKit table and the DuckDB table (appender).</summary>
    [GlobalSetup]
    public void Setup()
    {
        SyntheticColumns data = AggregationData.Generate(N);
        _table = data.ToTable();
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        Execute("SET TimeZone = 'UTC'");
        Execute("CREATE TABLE responses (ts TIMESTAMPTZ NOT NULL, segment VARCHAR NOT NULL, score UTINYINT NOT NULL)");
        using (DuckDBAppender appender = _connection.CreateAppender("responses"))
        {
            for (int i = 0; i < data.Count; i++)
            {
                appender.CreateRow()
                    .AppendValue(new DateTimeOffset(data.UtcTicks[i], TimeSpan.Zero))
                    .AppendValue(data.SegmentNames[data.SegmentCodes[i]])
                    .AppendValue(data.Scores[i])
                    .EndRow();
            }
        }

        // Sanity check: both engines see the same data.
        long duckCount = DuckDbGroupBy();
        if (duckCount != NpsKitParallel().Total.Count)
        {
            throw new InvalidOperationException($"DuckDB counted {duckCount} rows, NpsKit {_table.Count}.");
        }
    }

    /// <summary>Closes DuckDB.</summary>
    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();

    /// <summary>DuckDB in-memory GROUP BY (month in the zone, segment, score), reading the ~5 000 result rows.</summary>
    /// <returns>The number of rows counted.</returns>
    [Benchmark(Baseline = true)]
    public long DuckDbGroupBy() => DuckDbCounts.Total(_connection, Query);

    /// <summary>NpsKit on one thread.</summary>
    /// <returns>The cube.</returns>
    [Benchmark]
    public NpsCube NpsKitSingleThread() => NpsCube.FromTable(_table, _bySegment, _single);

    /// <summary>NpsKit on all cores.</summary>
    /// <returns>The cube.</returns>
    [Benchmark]
    public NpsCube NpsKitParallel() => NpsCube.FromTable(_table, _bySegment, _parallel);

    private void Execute(string sql)
    {
        using DuckDBCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        _ = command.ExecuteNonQuery();
    }
}
