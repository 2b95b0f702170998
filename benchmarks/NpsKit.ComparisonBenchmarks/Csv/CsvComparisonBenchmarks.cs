using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CsvHelper;
using DuckDB.NET.Data;
using NpsKit.Aggregation;
using NpsKit.Benchmarks.Aggregation;
using NpsKit.Csv;
using NpsKit.TestUtilities;

namespace NpsKit.ComparisonBenchmarks.Csv;

/// <summary>One CSV row for CsvHelper's record mapping.</summary>
[CsvRecord]
public sealed partial class CsvRow
{
    /// <summary>The time.</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The score.</summary>
    public int Score { get; set; }

    /// <summary>The segment.</summary>
    public string Segment { get; set; } = string.Empty;
}

/// <summary>
/// End to end: read a CSV file (about 36 bytes a row: <c>SubmittedAt,Score,Segment</c>) and tally it by month in
/// Europe/Copenhagen × segment. DuckDB (read_csv + GROUP BY, 2 threads), NpsKit (<see cref="NpsCsv.ReadCube(string, Segmentation?, AggregationOptions?, CsvReadOptions?)"/>,
/// every field validated, streaming) and CsvHelper record mapping + LINQ, in one run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CsvComparisonBenchmarks
{
    private string _path = string.Empty;
    private DuckDBConnection _connection = null!;
    private readonly AggregationOptions _monthly = AggregationData.Options(-1);
    private readonly CsvReadOptions _csv = new() { Delimiter = ',' };

    /// <summary>Rows in the file.</summary>
    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    /// <summary>Writes the file once (kept in the temp folder between runs) and opens DuckDB.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = CsvFile(N);
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        using DuckDBCommand set = _connection.CreateCommand();
        set.CommandText = "SET TimeZone = 'UTC'; SET threads = 2;";
        _ = set.ExecuteNonQuery();
    }

    /// <summary>Closes DuckDB.</summary>
    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();

    /// <summary>Writes (once) the seeded CSV file of <paramref name="rows"/> rows and returns its path.</summary>
    /// <param name="rows">Rows.</param>
    /// <returns>The path.</returns>
    public static string CsvFile(int rows)
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-comparison-{rows}.csv");
        if (File.Exists(path))
        {
            return path;
        }

        SyntheticColumns data = AggregationData.Generate(rows);
        string temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" })
        {
            writer.WriteLine("SubmittedAt,Score,Segment");
            Span<char> buffer = stackalloc char[32];
            for (int i = 0; i < data.Count; i++)
            {
                new DateTime(data.UtcTicks[i], DateTimeKind.Utc).TryFormat(buffer, out int n, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                writer.Write(buffer[..n]);
                writer.Write(',');
                writer.Write(data.Scores[i]);
                writer.Write(',');
                writer.WriteLine(data.SegmentNames[data.SegmentCodes[i]]);
            }
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>DuckDB: read_csv + GROUP BY month in the zone, segment, score.</summary>
    /// <returns>Rows counted.</returns>
    [Benchmark(Baseline = true)]
    public long DuckDbReadCsvGroupBy()
    {
        return DuckDbCounts.Total(_connection, $$"""
            SELECT date_trunc('month', timezone('Europe/Copenhagen', SubmittedAt)) AS month, Segment, Score, count(*) AS n
            FROM read_csv('{{_path}}', header = true, columns = {'SubmittedAt': 'TIMESTAMPTZ', 'Score': 'UTINYINT', 'Segment': 'VARCHAR'})
            GROUP BY ALL
            """);
    }

    /// <summary>NpsKit: stream the file into a month × segment cube.</summary>
    /// <returns>Rows counted.</returns>
    [Benchmark]
    public long NpsKitReadCube() => NpsCsv.ReadCube(_path, Segmentation.By("Segment"), _monthly, _csv).Cube.Total.Count;

    /// <summary>CsvHelper record mapping, then LINQ GroupBy month × segment.</summary>
    /// <returns>Rows counted.</returns>
    [Benchmark]
    public long CsvHelperRecordsLinq()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(AggregationData.Zone);
        using CsvReader reader = CsvReader.FromFile(_path, CsvReaderOptions.Default);
        return reader.GetRecords<CsvRow>()
            .GroupBy(r => (Month: TimeZoneInfo.ConvertTime(r.SubmittedAt, zone).ToString("yyyy-MM", CultureInfo.InvariantCulture), r.Segment))
            .Sum(g => NpsTally.FromScores(g.Select(r => r.Score).ToArray()).Count);
    }
}
