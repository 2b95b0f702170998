using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using NpsKit.Aggregation;

namespace NpsKit.Data.Tests;

/// <summary>Bad answers in the database are counted apart and reported — never counted silently.</summary>
public sealed class BadValueTests : IDisposable
{
    private readonly DuckDBConnection _duck = new("DataSource=:memory:");

    public BadValueTests()
    {
        _duck.Open();
        Execute(_duck, """
            CREATE TABLE r (submitted_at TIMESTAMPTZ, score DOUBLE, region VARCHAR, weight DOUBLE);
            INSERT INTO r VALUES
              ('2026-03-01 10:00:00+00', 9, 'North', 1.5),
              ('2026-03-01 11:00:00+00', 10, 'North', 1),
              ('2026-04-01 11:00:00+00', 3, 'South', 2),
              (NULL, 9, 'North', 1),
              ('2026-03-02 10:00:00+00', NULL, 'North', 1),
              ('2026-03-02 10:00:00+00', 11, 'North', 1),
              ('2026-03-02 10:00:00+00', 11, 'South', 1),
              ('2026-03-02 10:00:00+00', 7.5, 'North', 1),
              ('2026-03-02 10:00:00+00', -1, 'North', 1),
              ('2026-03-02 10:00:00+00', 8, NULL, 1),
              ('2026-03-02 10:00:00+00', 8, 'North', 0),
              ('2026-03-02 10:00:00+00', 8, 'North', -2),
              ('2026-03-02 10:00:00+00', 8, 'North', NULL);
            """);
    }

    private static DbCubeOptions Options => new()
    {
        Source = DbSource.Table("r"),
        Segmentation = Segmentation.By("region"),
        WeightColumn = "weight",
        Aggregation = new AggregationOptions { TimeZoneId = "Europe/Copenhagen" },
    };

    [Fact]
    public void ReadCube_Strict_ListsEveryKindOfBadAnswerWithItsCount()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpsDb.ReadCube(_duck, SqlDialect.DuckDb, Options));
        Assert.Contains("r: 10 answers cannot be counted", e.Message, StringComparison.Ordinal);
        Assert.Contains("the weight in column 'weight' is NULL, zero or negative: weights must be greater than zero (3 answers)", e.Message, StringComparison.Ordinal);
        Assert.Contains("the score 11 in column 'score' is not on the Net Promoter scale: allowed are the whole numbers 0 to 10 (2 answers)", e.Message, StringComparison.Ordinal);
        Assert.Contains("the score 7.5 in column 'score'", e.Message, StringComparison.Ordinal);
        Assert.Contains("the score -1 in column 'score'", e.Message, StringComparison.Ordinal);
        Assert.Contains("the score in column 'score' is NULL (1 answers)", e.Message, StringComparison.Ordinal);
        Assert.Contains("the time in column 'submitted_at' is NULL (1 answers)", e.Message, StringComparison.Ordinal);
        Assert.Contains("the segment 'region' (column 'region') is NULL", e.Message, StringComparison.Ordinal);
        Assert.Contains("SkipInvalid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCube_SkipInvalid_CountsTheRestAndReportsEveryBadAnswer()
    {
        DbCubeResult result = NpsDb.ReadCube(_duck, SqlDialect.DuckDb, Options with { SkipInvalid = true });
        Assert.Equal(3, result.AnswersCounted);
        Assert.Equal(10, result.Rejected.Sum(r => r.Answers));
        Assert.Equal(7, result.Rejected.Count);
        Assert.Equal(3, result.Cube.Total.Count);
        Assert.Equal(2.5, result.Cube.WeightedTally(SegmentPath.Of("region", "North")).SumOfWeights, 12);
        Assert.Equal(["2026-03", "2026-04"], result.Cube.Periods.Select(p => p.ToString()));
    }

    [Fact]
    public void ReadCube_Sqlite_TimesWithoutAnOffset_AreRefusedNotReadAsUtc()
    {
        using var sqlite = new SqliteConnection("Data Source=:memory:");
        sqlite.Open();
        Execute(sqlite, """
            CREATE TABLE r (submitted_at TEXT, score INTEGER);
            INSERT INTO r VALUES ('2026-03-31T23:30:00Z', 9), ('2026-03-31T23:30:00+02:00', 9), ('2026-03-31 23:30:00', 9), ('yesterday', 9);
            """);
        var options = new DbCubeOptions { Source = DbSource.Table("r"), Aggregation = new AggregationOptions { TimeZoneId = "Europe/Copenhagen" } };
        var e = Assert.Throws<InvalidDataException>(() => NpsDb.ReadCube(sqlite, SqlDialect.Sqlite, options));
        Assert.Contains("has no UTC offset", e.Message, StringComparison.Ordinal);
        DbCubeResult lenient = NpsDb.ReadCube(sqlite, SqlDialect.Sqlite, options with { SkipInvalid = true });
        Assert.Equal(2, lenient.AnswersCounted);
        // 23:30 UTC on 31 March is 01:30 on 1 April in Copenhagen; 23:30+02:00 is still 31 March there.
        Assert.Equal(1, lenient.Cube.Tally(lenient.Cube.Periods[0], SegmentPath.Total).Count);
        Assert.Equal(["2026-03", "2026-04"], lenient.Cube.Periods.Select(p => p.ToString()));
        NpsCube utc = NpsDb.ReadCube(sqlite, SqlDialect.Sqlite, options with { SkipInvalid = true, TimeColumnZoneId = "Etc/UTC" }).Cube;
        Assert.Equal(3, utc.Total.Count);
    }

    public void Dispose() => _duck.Dispose();

    private static void Execute(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
