using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;
using NpsKit.Aggregation;
using NpsKit.Benchmarks.Aggregation;
using NpsKit.ComparisonBenchmarks.Csv;
using NpsKit.Csv;
using NpsKit.Data;
using NpsKit.TestUtilities;

namespace NpsKit.ComparisonBenchmarks.Data;

/// <summary>
/// Answers in a DuckDB file (TIMESTAMPTZ, segment, score): NpsKit's pushed-down cube (one counting query, months in
/// Europe/Copenhagen) against DuckDB alone computing NPS per month × segment in SQL (the baseline), and against reading
/// every row into NpsKit. Same seeded data as the aggregation benchmarks.
/// </summary>
[MemoryDiagnoser]
public class DuckDbWarehouseBenchmarks
{
    private const string NpsBySql = """
        SELECT date_trunc('month', timezone('Europe/Copenhagen', submitted_at)) AS month, segment,
               100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*) AS nps, count(*) AS n
        FROM responses GROUP BY 1, 2
        """;

    private string _file = string.Empty;
    private DuckDBConnection _connection = null!;
    private DbCubeOptions _options = null!;

    /// <summary>Gets or sets the number of answers.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    /// <summary>Writes the DuckDB file once per size (kept in the temp folder) and opens it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"npskit-warehouse-{Rows}.duckdb");
        if (!File.Exists(_file))
        {
            SyntheticColumns data = AggregationData.Generate(Rows);
            using var create = new DuckDBConnection($"DataSource={_file}");
            create.Open();
            using (DuckDBCommand command = create.CreateCommand())
            {
                command.CommandText = "CREATE TABLE responses (submitted_at TIMESTAMPTZ NOT NULL, segment VARCHAR NOT NULL, score INTEGER NOT NULL)";
                command.ExecuteNonQuery();
            }

            using DuckDBAppender appender = create.CreateAppender("responses");
            for (int i = 0; i < data.Count; i++)
            {
                appender.CreateRow().AppendValue(new DateTimeOffset(data.UtcTicks[i], TimeSpan.Zero)).AppendValue(data.SegmentNames[data.SegmentCodes[i]]).AppendValue((int)data.Scores[i]).EndRow();
            }
        }

        _connection = new DuckDBConnection($"DataSource={_file};ACCESS_MODE=READ_ONLY");
        _connection.Open();
        _options = new DbCubeOptions
        {
            Source = DbSource.Table("responses"),
            Segmentation = Segmentation.By("segment"),
            Aggregation = AggregationData.Options(-1),
        };
    }

    /// <summary>Closes the file.</summary>
    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();

    /// <summary>DuckDB alone: NPS per month × segment in SQL, reading the result.</summary>
    /// <returns>The answers counted.</returns>
    [Benchmark(Baseline = true)]
    public long DuckDbAloneNpsSql()
    {
        using DuckDBCommand command = _connection.CreateCommand();
        command.CommandText = NpsBySql;
        using DuckDBDataReader reader = command.ExecuteReader();
        long n = 0;
        while (reader.Read())
        {
            n += reader.GetInt64(3);
        }

        return n;
    }

    /// <summary>NpsKit.Data: the counting query pushed down, the cube built from its rows.</summary>
    /// <returns>The cube.</returns>
    [Benchmark]
    public NpsCube PushedDownCube() => NpsDb.ReadCube(_connection, SqlDialect.DuckDb, _options).Cube;

    /// <summary>Every row read into NpsKit (NpsCubeBuilder), as without NpsKit.Data.</summary>
    /// <returns>The cube.</returns>
    [Benchmark]
    public NpsCube ReadEveryRow()
    {
        var builder = new NpsCubeBuilder(Segmentation.By("segment"), AggregationData.Options(1));
        using DuckDBCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT submitted_at, segment, score FROM responses";
        using DuckDBDataReader reader = command.ExecuteReader();
        int[] code = new int[1];
        while (reader.Read())
        {
            code[0] = builder.GetSegmentCode(0, reader.GetString(1));
            builder.AddCoded(reader.GetFieldValue<DateTimeOffset>(0).UtcTicks, reader.GetInt32(2), code);
        }

        return builder.ToCube();
    }
}

/// <summary>Answers in a throw-away PostgreSQL 15 cluster: the pushed-down cube against reading every row.</summary>
[MemoryDiagnoser]
public class PostgresWarehouseBenchmarks
{
    private PostgresServer _server = null!;
    private NpgsqlConnection _connection = null!;
    private DbCubeOptions _options = null!;

    /// <summary>Gets or sets the number of answers.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    /// <summary>Starts the cluster and loads the answers by binary COPY.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _server = new PostgresServer();
        _connection = new NpgsqlConnection(_server.ConnectionString);
        _connection.Open();
        using (var create = new NpgsqlCommand("CREATE TABLE responses (submitted_at timestamptz NOT NULL, segment text NOT NULL, score integer NOT NULL)", _connection))
        {
            create.ExecuteNonQuery();
        }

        SyntheticColumns data = AggregationData.Generate(Rows);
        using (NpgsqlBinaryImporter copy = _connection.BeginBinaryImport("COPY responses FROM STDIN (FORMAT BINARY)"))
        {
            for (int i = 0; i < data.Count; i++)
            {
                copy.StartRow();
                copy.Write(new DateTime(data.UtcTicks[i], DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                copy.Write(data.SegmentNames[data.SegmentCodes[i]], NpgsqlDbType.Text);
                copy.Write((int)data.Scores[i], NpgsqlDbType.Integer);
            }

            copy.Complete();
        }

        using (var analyze = new NpgsqlCommand("VACUUM ANALYZE responses", _connection))
        {
            analyze.ExecuteNonQuery();
        }

        _options = new DbCubeOptions { Source = DbSource.Table("responses"), Segmentation = Segmentation.By("segment"), Aggregation = AggregationData.Options(-1) };
    }

    /// <summary>Stops the cluster.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Dispose();
        _server.Dispose();
    }

    /// <summary>NpsKit.Data: the counting query pushed down.</summary>
    /// <returns>The cube.</returns>
    [Benchmark(Baseline = true)]
    public NpsCube PushedDownCube() => NpsDb.ReadCube(_connection, SqlDialect.PostgreSql, _options).Cube;

    /// <summary>Every row read into NpsKit.</summary>
    /// <returns>The cube.</returns>
    [Benchmark]
    public NpsCube ReadEveryRow()
    {
        var builder = new NpsCubeBuilder(Segmentation.By("segment"), AggregationData.Options(1));
        using var command = new NpgsqlCommand("SELECT submitted_at, segment, score FROM responses", _connection);
        using NpgsqlDataReader reader = command.ExecuteReader();
        int[] code = new int[1];
        while (reader.Read())
        {
            code[0] = builder.GetSegmentCode(0, reader.GetString(1));
            builder.AddCoded(reader.GetDateTime(0).Ticks, reader.GetInt32(2), code);
        }

        return builder.ToCube();
    }
}

/// <summary>The same answers as a Parquet file and as a CSV file, read into the month × segment cube the way
/// <c>nps report</c> reads them (NpsParquet.ReadCube / NpsCsv.ReadCube).</summary>
[MemoryDiagnoser]
public class ParquetVsCsvBenchmarks
{
    private string _csv = string.Empty;
    private string _parquet = string.Empty;

    /// <summary>Gets or sets the number of answers.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    /// <summary>Writes the CSV (shared with the CSV benchmarks) and converts it to Parquet with DuckDB.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _csv = CsvComparisonBenchmarks.CsvFile(Rows);
        _parquet = Path.ChangeExtension(_csv, ".parquet");
        if (!File.Exists(_parquet))
        {
            using var duck = new DuckDBConnection("DataSource=:memory:");
            duck.Open();
            using DuckDBCommand command = duck.CreateCommand();
            command.CommandText = $"COPY (SELECT CAST(SubmittedAt AS TIMESTAMPTZ) AS SubmittedAt, CAST(Score AS INTEGER) AS Score, Segment FROM read_csv('{_csv}', all_varchar = true)) TO '{_parquet}' (FORMAT PARQUET)";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The CSV file through NpsKit.Csv (streaming, both cores).</summary>
    /// <returns>The cube.</returns>
    [Benchmark(Baseline = true)]
    public NpsCube Csv() => NpsCsv.ReadCube(_csv, Segmentation.By("Segment"), AggregationData.Options(-1), new CsvReadOptions { Delimiter = ',' }).Cube;

    /// <summary>The Parquet file counted by DuckDB's read_parquet.</summary>
    /// <returns>The cube.</returns>
    [Benchmark]
    public NpsCube Parquet() => NpsParquet.ReadCube(new DbCubeOptions
    {
        Source = DbSource.Parquet(_parquet),
        ScoreColumn = "Score",
        TimeColumn = "SubmittedAt",
        Segmentation = Segmentation.By("Segment"),
        Aggregation = AggregationData.Options(-1),
    }).Cube;
}
