using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Npgsql;
using NpsKit.TestUtilities;

namespace NpsKit.Cli.Tests;

/// <summary><c>nps report</c> from Parquet, a DuckDB file and PostgreSQL: the same report as from the same answers in CSV.
/// One class, so the tests that set <c>NPS_DB</c> never run at the same time.</summary>
public sealed class ReportDatabaseTests : IDisposable
{
    private const int Count = 20_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("npskit-cli-db-").FullName;
    private readonly string _csv;

    public ReportDatabaseTests()
    {
        _csv = Path.Combine(_folder, "answers.csv");
        var text = new StringBuilder("submitted_at,score,region,weight\n");
        var rng = new SplitMix64(42);
        long start = new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        for (int i = 0; i < Count; i++)
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(start + rng.NextInt(480 * 86_400));
            text.Append(at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',')
                .Append(rng.NextInt(11)).Append(',').Append(new[] { "North", "South", "East" }[rng.NextInt(3)]).Append(',')
                .Append((0.5 * (1 + rng.NextInt(4))).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(_csv, text.ToString());
    }

    private string Parquet(string select = "*", string name = "answers.parquet")
    {
        string path = Path.Combine(_folder, name);
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"COPY (SELECT {select} FROM (SELECT CAST(submitted_at AS TIMESTAMPTZ) AS submitted_at, CAST(score AS INTEGER) AS score, region, CAST(weight AS DOUBLE) AS weight FROM read_csv('{_csv}', all_varchar = true))) TO '{path}' (FORMAT PARQUET)";
        command.ExecuteNonQuery();
        return path;
    }

    private string DuckFile()
    {
        string path = Path.Combine(_folder, "answers.duckdb");
        using var duck = new DuckDBConnection($"DataSource={path}");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"CREATE TABLE responses AS SELECT * FROM read_parquet('{Parquet()}')";
        command.ExecuteNonQuery();
        return path;
    }

    private static JsonElement Rows(CliResult result)
    {
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        return JsonDocument.Parse(result.Out).RootElement.GetProperty("rows").Clone();
    }

    private static readonly string[] Common = ["--by", "region", "--tz", "Europe/Copenhagen", "--per", "week", "--format", "json"];

    [Fact]
    public void Report_OfAParquetFile_EqualsTheReportOfTheSameCsv()
    {
        JsonElement csv = Rows(CliRunner.Run(["report", _csv, .. Common]));
        JsonElement parquet = Rows(CliRunner.Run(["report", Parquet(), .. Common]));
        Assert.Equal(csv.GetRawText(), parquet.GetRawText());
        Assert.True(csv.GetArrayLength() > 60);
    }

    [Fact]
    public void Report_FromADuckDbFile_WritesEveryFormat()
    {
        string db = "duckdb:" + DuckFile();
        Assert.Equal(Rows(CliRunner.Run(["report", _csv, .. Common])).GetRawText(), Rows(CliRunner.Run(["report", "--db", db, "--table", "responses", .. Common])).GetRawText());
        foreach (string format in new[] { "table", "csv", "json", "markdown", "svg", "html" })
        {
            CliResult result = CliRunner.Run("report", "--db", db, "--table", "responses", "--by", "region", "--format", format);
            Assert.True(result.ExitCode == ExitCodes.Ok, format + ": " + result.Error);
            Assert.NotEmpty(result.Out);
            if (format is "svg" or "html")
            {
                Assert.Contains("<svg", result.Out, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Report_BadScoresInParquet_AreReportedNotCounted()
    {
        string bad = Parquet("submitted_at, CASE WHEN region = 'East' AND score = 10 THEN 12 ELSE score END AS score, region", "bad.parquet");
        CliResult strict = CliRunner.Run("report", bad);
        Assert.Equal(ExitCodes.BadInput, strict.ExitCode);
        Assert.Contains("the score 12 in column 'score' is not on the Net Promoter scale", strict.Error, StringComparison.Ordinal);

        CliResult lenient = CliRunner.Run("report", bad, "--lenient", "--format", "json");
        Assert.Equal(ExitCodes.Ok, lenient.ExitCode);
        Assert.Matches(@"nps: skipped [\d,]+ answers in .*bad\.parquet", lenient.Error);
    }

    [Fact]
    public void Report_WallClockTimesInParquet_NeedTheirZone()
    {
        string naive = Parquet("CAST(timezone('UTC', submitted_at) AS TIMESTAMP) AS submitted_at, score, region", "naive.parquet");
        CliResult refused = CliRunner.Run("report", naive);
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Contains("a wall-clock time without a zone: give --input-tz (or --tz)", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("report", naive, "--tz", "Etc/UTC").ExitCode);
    }

    [Fact]
    public void Report_DbOptions_AreChecked()
    {
        Assert.Contains("--db needs --table", CliRunner.Run("report", "--db", "duckdb:x.duckdb").Error, StringComparison.Ordinal);
        Assert.Contains("--table needs --db", CliRunner.Run("report", _csv, "--table", "t").Error, StringComparison.Ordinal);
        Assert.Contains("use duckdb:PATH", CliRunner.Run("report", "--db", "mysql", "--table", "t").Error, StringComparison.Ordinal);
        Assert.Contains("Give the responses file, or --db", CliRunner.Run("report").Error, StringComparison.Ordinal);
        string? saved = Environment.GetEnvironmentVariable("NPS_DB");
        Environment.SetEnvironmentVariable("NPS_DB", null);
        try
        {
            CliResult result = CliRunner.Run("report", "--db", "postgres", "--table", "responses");
            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Contains("NPS_DB environment variable, which is not set", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NPS_DB", saved);
        }
    }

    [PostgresFact]
    public void Report_FromPostgres_WithTheConnectionStringFromNpsDb_EqualsTheCsvReport()
    {
        using var server = new PostgresServer();
        using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand("CREATE SCHEMA survey; CREATE TABLE survey.responses (submitted_at timestamptz, score integer, region text, weight double precision)", connection);
            create.ExecuteNonQuery();
            using var writer = connection.BeginTextImport("COPY survey.responses FROM STDIN (FORMAT csv, HEADER true)");
            writer.Write(File.ReadAllText(_csv));
        }

        string? saved = Environment.GetEnvironmentVariable("NPS_DB");
        Environment.SetEnvironmentVariable("NPS_DB", server.ConnectionString);
        try
        {
            JsonElement pg = Rows(CliRunner.Run(["report", "--db", "postgres", "--table", "survey.responses", .. Common]));
            Assert.Equal(Rows(CliRunner.Run(["report", _csv, .. Common])).GetRawText(), pg.GetRawText());
            CliResult html = CliRunner.Run("report", "--db", "postgres", "--table", "survey.responses", "--format", "html");
            Assert.Equal(ExitCodes.Ok, html.ExitCode);
            Assert.DoesNotContain(server.ConnectionString, html.Out + html.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NPS_DB", saved);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
