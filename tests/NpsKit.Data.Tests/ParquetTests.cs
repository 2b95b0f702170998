using NpsKit.Aggregation;
using NpsKit.Data.Tests.Engines;

namespace NpsKit.Data.Tests;

public sealed class ParquetTests(DuckDbFixture duck) : IClassFixture<DuckDbFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("npskit-parquet-").FullName;

    private static void Copy(DuckDbFixture duck, string select, string path)
    {
        using var command = duck.Connection.CreateCommand();
        command.CommandText = $"COPY ({select}) TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT PARQUET)";
        command.ExecuteNonQuery();
    }

    [Theory]
    [InlineData("Europe/Copenhagen", PeriodUnit.IsoWeek, true)]
    [InlineData("America/New_York", PeriodUnit.Month, false)]
    public void ReadCube_OfAParquetFile_EqualsTheInProcessCube(string zone, PeriodUnit unit, bool weighted)
    {
        string path = Path.Combine(_folder, "answers.parquet");
        Copy(duck, "SELECT * FROM responses", path);
        var c = new EngineCase(zone, unit, "crosstab", weighted);
        DbCubeResult result = NpsParquet.ReadCube(c.DbOptions(DbSource.Parquet(path)));
        Answers.AssertSame(Answers.Get(DuckDbFixture.Count).InProcess(c.Segmentation, c.Options, weighted), result.Cube);
        Assert.Contains("read_parquet($file0)", result.Query.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCube_OfSeveralFilesByGlob_EqualsTheWhole()
    {
        Copy(duck, "SELECT * FROM responses WHERE dept = 'Sales'", Path.Combine(_folder, "part-1.parquet"));
        Copy(duck, "SELECT * FROM responses WHERE dept <> 'Sales'", Path.Combine(_folder, "part-2.parquet"));
        var c = new EngineCase("Europe/Copenhagen", PeriodUnit.Month, "hierarchy", true);
        NpsCube cube = NpsParquet.ReadCube(c.DbOptions(DbSource.Parquet(Path.Combine(_folder, "part-*.parquet")))).Cube;
        Answers.AssertSame(Answers.Get(DuckDbFixture.Count).InProcess(c.Segmentation, c.Options, true), cube);
    }

    [Fact]
    public void ReadCube_WallClockTimestamps_AreRefusedUntilTheirZoneIsGiven()
    {
        string path = Path.Combine(_folder, "naive.parquet");
        Copy(duck, "SELECT CAST(timezone('UTC', submitted_at) AS TIMESTAMP) AS submitted_at, score, dept FROM responses", path);
        var options = new DbCubeOptions
        {
            Source = DbSource.Parquet(path),
            Segmentation = Segmentation.By("dept"),
            Aggregation = new AggregationOptions { TimeZoneId = "Europe/Copenhagen" },
        };
        var e = Assert.Throws<InvalidDataException>(() => NpsParquet.ReadCube(options));
        Assert.Contains("has a type without a time zone", e.Message, StringComparison.Ordinal);
        Assert.Contains("set TimeColumnZoneId", e.Message, StringComparison.Ordinal);

        NpsCube cube = NpsParquet.ReadCube(options with { TimeColumnZoneId = "Etc/UTC" }).Cube;
        Answers.AssertSame(Answers.Get(DuckDbFixture.Count).InProcess(Segmentation.By("dept"), options.Aggregation, weighted: false), cube);
    }

    [Fact]
    public void ReadCube_BadValuesInAFile_AreReportedNotCounted()
    {
        string path = Path.Combine(_folder, "bad.parquet");
        Copy(duck, "SELECT submitted_at, CASE WHEN score = 10 AND team = 'Sa-0' THEN 11 ELSE score END AS score FROM responses", path);
        var options = new DbCubeOptions { Source = DbSource.Parquet(path), Aggregation = new AggregationOptions { TimeZoneId = "Europe/Copenhagen" } };
        var e = Assert.Throws<InvalidDataException>(() => NpsParquet.ReadCube(options));
        Assert.Contains("the score 11 in column 'score' is not on the Net Promoter scale", e.Message, StringComparison.Ordinal);
        DbCubeResult lenient = NpsParquet.ReadCube(options with { SkipInvalid = true });
        Answers a = Answers.Get(DuckDbFixture.Count);
        int bad = Enumerable.Range(0, a.Count).Count(i => a.Scores[i] == 10 && a.Team[i] == "Sa-0");
        Assert.Equal(bad, lenient.Rejected.Single().Answers);
        Assert.Equal(a.Count - bad, lenient.AnswersCounted);
    }

    [Fact]
    public void ReadCube_BadValuesInAFile_NameTheirRowNumbers()
    {
        // Rows 1..n of the file are the fixture's answers in order (ORDER BY the insertion order); three kinds of bad value.
        string path = Path.Combine(_folder, "rows.parquet");
        Copy(duck, "SELECT submitted_at, CASE WHEN i = 4 THEN 12 WHEN i = 9 THEN NULL ELSE score END AS score, CASE WHEN i = 7 THEN NULL ELSE dept END AS dept FROM (SELECT *, row_number() OVER () AS i FROM (SELECT * FROM responses LIMIT 20)) ORDER BY i", path);
        var options = new DbCubeOptions { Source = DbSource.Parquet(path), Segmentation = Segmentation.By("dept") };
        var e = Assert.Throws<InvalidDataException>(() => NpsParquet.ReadCube(options));
        Assert.Contains("the score 12 in column 'score' is not on the Net Promoter scale: allowed are the whole numbers 0 to 10 (1 answers, at " + path + " row 4)", e.Message, StringComparison.Ordinal);
        Assert.Contains("the score in column 'score' is NULL (1 answers, at " + path + " row 9)", e.Message, StringComparison.Ordinal);
        Assert.Contains("the segment 'dept' (column 'dept') is NULL: map missing values to a label with COALESCE in a query source (1 answers, at " + path + " row 7)", e.Message, StringComparison.Ordinal);

        DbCubeResult lenient = NpsParquet.ReadCube(options with { SkipInvalid = true });
        Assert.Equal([4L, 7L, 9L], lenient.Rejected.SelectMany(r => r.Rows).Select(r => r.Row).Order());
        Assert.Equal(17, lenient.AnswersCounted);
    }

    [Fact]
    public void ReadCube_NotParquet_IsRefusedWithTheFix()
    {
        var e = Assert.Throws<ArgumentException>(() => NpsParquet.ReadCube(new DbCubeOptions { Source = DbSource.Table("x") }));
        Assert.Contains("DbSource.Parquet", e.Message, StringComparison.Ordinal);
        var wrongDialect = Assert.Throws<ArgumentException>(() => NpsDb.BuildQuery(SqlDialect.PostgreSql, new DbCubeOptions { Source = DbSource.Parquet("a.parquet") }));
        Assert.Contains("read by DuckDB", wrongDialect.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
