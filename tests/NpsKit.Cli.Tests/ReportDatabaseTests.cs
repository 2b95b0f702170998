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

    /// <summary>A DuckDB file whose tables hold the fixture's answers with each answer's NPS group: <c>groups</c> (score,
    /// group), <c>group_only</c> (group, no score), <c>weighted_groups</c> (group and a weight) and <c>bad_groups</c> (one
    /// region's promoters written <c>Maybe</c>); and the group-only answers as CSV.</summary>
    private (string Db, string Csv) GroupFiles()
    {
        string csv = Path.Combine(_folder, "groups.csv");
        var text = new StringBuilder("submitted_at,region,nps_group\n");
        foreach (string line in File.ReadLines(_csv).Skip(1))
        {
            string[] fields = line.Split(',');
            int score = int.Parse(fields[1], CultureInfo.InvariantCulture);
            text.Append(fields[0]).Append(',').Append(fields[2]).Append(',').Append(score >= 9 ? "Promoter" : score >= 7 ? "Passive" : "Detractor").Append('\n');
        }

        File.WriteAllText(csv, text.ToString());
        string path = Path.Combine(_folder, "groups.duckdb");
        using var duck = new DuckDBConnection($"DataSource={path}");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"""
            CREATE TABLE groups AS SELECT CAST(submitted_at AS TIMESTAMPTZ) AS submitted_at, CAST(score AS INTEGER) AS score, region,
                CASE WHEN CAST(score AS INTEGER) >= 9 THEN 'Promoter' WHEN CAST(score AS INTEGER) >= 7 THEN 'Passive' ELSE 'Detractor' END AS nps_group
                FROM read_csv('{_csv}', all_varchar = true);
            CREATE TABLE group_only AS SELECT submitted_at, region, nps_group FROM groups;
            CREATE TABLE weighted_groups AS SELECT submitted_at, region, nps_group, 1.0 AS weight FROM groups;
            CREATE TABLE bad_groups AS SELECT submitted_at, region, CASE WHEN region = 'East' AND nps_group = 'Promoter' THEN 'Maybe' ELSE nps_group END AS nps_group FROM groups;
            """;
        command.ExecuteNonQuery();
        return ("duckdb:" + path, csv);
    }

    [Fact]
    public void Report_FromADuckDbTable_ByItsNpsGroupColumn_EqualsTheGroupOnlyCsvReport()
    {
        (string db, string csv) = GroupFiles();
        CliResult file = CliRunner.Run(["report", csv, "--group-column", "nps_group", .. Common]);
        JsonElement expected = Rows(file);
        Assert.Contains("\"scoreDetail\": false", file.Out, StringComparison.Ordinal);

        // --group-column onto DbCubeOptions.GroupColumn: the table's score column is then not read.
        CliResult named = CliRunner.Run(["report", "--db", db, "--table", "groups", "--group-column", "nps_group", .. Common]);
        Assert.Equal(expected.GetRawText(), Rows(named).GetRawText());
        Assert.Contains("\"scoreDetail\": false", named.Out, StringComparison.Ordinal);
        Assert.Contains("counted by the NPS group column 'nps_group' (--group-column)", named.Error, StringComparison.Ordinal);

        // Found by name, as in a file, when the table has no 0-10 score; --segment is --by's second spelling here too.
        CliResult found = CliRunner.Run("report", "--db", db, "--table", "group_only", "--segment", "region", "--tz", "Europe/Copenhagen", "--per", "week", "--format", "json");
        Assert.Equal(expected.GetRawText(), Rows(found).GetRawText());
        Assert.Contains("counted by the NPS group column 'nps_group' (no 0-10 score column found)", found.Error, StringComparison.Ordinal);

        // The same table with its scores counts them (the group column is then left alone): the NPS of each row agrees.
        JsonElement scores = Rows(CliRunner.Run(["report", "--db", db, "--table", "groups", .. Common]));
        Assert.Equal(expected.GetArrayLength(), scores.GetArrayLength());
        for (int i = 0; i < scores.GetArrayLength(); i++)
        {
            Assert.Equal(expected[i].GetProperty("n").GetInt64(), scores[i].GetProperty("n").GetInt64());
            Assert.Equal(expected[i].GetProperty("nps").GetRawText(), scores[i].GetProperty("nps").GetRawText());
        }
    }

    [Fact]
    public void Report_FromADuckDbTable_GroupColumnErrors_NameTheFlags()
    {
        (string db, _) = GroupFiles();
        CliResult both = CliRunner.Run("report", "--db", db, "--table", "groups", "--score-column", "score", "--group-column", "nps_group");
        Assert.Equal(ExitCodes.Usage, both.ExitCode);
        Assert.Contains("--score-column score and --group-column nps_group", both.Error, StringComparison.Ordinal);

        CliResult missing = CliRunner.Run("report", "--db", db, "--table", "groups", "--group-column", "category");
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.Contains("--group-column category:", missing.Error, StringComparison.Ordinal);
        Assert.Contains("Columns: submitted_at, score, region, nps_group", missing.Error, StringComparison.Ordinal);

        foreach (string[] args in new[] { new[] { "--group-column", "nps_group" }, Array.Empty<string>() })
        {
            CliResult weighted = CliRunner.Run(["report", "--db", db, "--table", "weighted_groups", .. args]);
            Assert.Equal(ExitCodes.Usage, weighted.ExitCode);
            Assert.Contains("has the weight column 'weight'", weighted.Error, StringComparison.Ordinal);
            Assert.Contains("--score-column", weighted.Error, StringComparison.Ordinal);
        }

        CliResult none = CliRunner.Run("report", "--db", db, "--table", "group_only", "--group-column", "region");
        Assert.Equal(ExitCodes.BadInput, none.ExitCode);
        Assert.Contains("is not one: allowed are Promoter, Passive and Detractor", none.Error, StringComparison.Ordinal);

        foreach (string text in new[] { both.Error, missing.Error, none.Error })
        {
            Assert.DoesNotContain("GroupColumn", text, StringComparison.Ordinal);
            Assert.DoesNotContain("DbCubeOptions", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Report_FromADuckDbTable_BadNpsGroups_FailStrict_AndAreSkippedLenient()
    {
        (string db, string csv) = GroupFiles();
        CliResult strict = CliRunner.Run("report", "--db", db, "--table", "bad_groups", "--group-column", "nps_group");
        Assert.Equal(ExitCodes.BadInput, strict.ExitCode);
        Assert.Contains("the NPS group 'Maybe' in column 'nps_group' is not one", strict.Error, StringComparison.Ordinal);

        CliResult lenient = CliRunner.Run("report", "--db", db, "--table", "bad_groups", "--group-column", "nps_group", "--lenient", "--by", "region", "--format", "json");
        Assert.Equal(ExitCodes.Ok, lenient.ExitCode);
        Assert.Matches(@"nps: skipped [\d,]+ answers in .*groups\.duckdb table bad_groups", lenient.Error);
        long promotersEast = File.ReadLines(csv).Count(l => l.EndsWith(",East,Promoter", StringComparison.Ordinal));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"  {promotersEast:N0}: the NPS group 'Maybe'"), lenient.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_FromADuckDbTable_WithoutScoreOrTimeColumn_NamesTheFlags()
    {
        string path = Path.Combine(_folder, "plain.duckdb");
        using (var duck = new DuckDBConnection($"DataSource={path}"))
        {
            duck.Open();
            using var command = duck.CreateCommand();
            command.CommandText = "CREATE TABLE t AS SELECT TIMESTAMPTZ '2026-01-01 00:00:00+00' AS moment, 9 AS points";
            command.ExecuteNonQuery();
        }

        CliResult noScore = CliRunner.Run("report", "--db", "duckdb:" + path, "--table", "t");
        Assert.Equal(ExitCodes.BadInput, noScore.ExitCode);
        Assert.Contains("no score column: name it with --score-column (or a Promoter / Passive / Detractor column with --group-column)", noScore.Error, StringComparison.Ordinal);
        Assert.Contains("Columns found: moment, points", noScore.Error, StringComparison.Ordinal);

        CliResult noTime = CliRunner.Run("report", "--db", "duckdb:" + path, "--table", "t", "--score-column", "points");
        Assert.Equal(ExitCodes.BadInput, noTime.ExitCode);
        Assert.Contains("no time column: name it with --time-column", noTime.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("report", "--db", "duckdb:" + path, "--table", "t", "--score-column", "points", "--time-column", "moment").ExitCode);
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
