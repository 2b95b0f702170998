using DuckDB.NET.Data;
using NpsKit.Aggregation;

namespace NpsKit.Data.Tests.Engines;

/// <summary>The same 1,000,000 seeded answers in an embedded DuckDB table (TIMESTAMPTZ) and in process.</summary>
public sealed class DuckDbFixture : IDisposable
{
    public const int Count = 1_000_000;

    public DuckDbFixture()
    {
        Connection = new DuckDBConnection("DataSource=:memory:");
        Connection.Open();
        Load(Connection, Answers.Get(Count));
    }

    public DuckDBConnection Connection { get; }

    public static void Load(DuckDBConnection connection, Answers answers, string table = "responses")
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"CREATE TABLE {table} (submitted_at TIMESTAMPTZ, score INTEGER, region VARCHAR, dept VARCHAR, team VARCHAR, weight DOUBLE)";
            command.ExecuteNonQuery();
        }

        using DuckDBAppender appender = connection.CreateAppender(table);
        for (int i = 0; i < answers.Count; i++)
        {
            appender.CreateRow()
                .AppendValue(new DateTimeOffset(answers.Ticks[i], TimeSpan.Zero))
                .AppendValue((int)answers.Scores[i])
                .AppendValue(answers.Region[i])
                .AppendValue(answers.Dept[i])
                .AppendValue(answers.Team[i])
                .AppendValue(answers.Weight[i])
                .EndRow();
        }
    }

    public void Dispose() => Connection.Dispose();
}

public sealed class DuckDbEngineTests(DuckDbFixture duck) : IClassFixture<DuckDbFixture>
{
    [Theory]
    [MemberData(nameof(EngineCase.All), MemberType = typeof(EngineCase))]
    public void ReadCube_EqualsTheInProcessCube(EngineCase c)
    {
        DbCubeResult result = NpsDb.ReadCube(duck.Connection, SqlDialect.DuckDb, c.DbOptions(DbSource.Table("responses")));
        Answers.AssertSame(Answers.Get(DuckDbFixture.Count).InProcess(c.Segmentation, c.Options, c.Weighted), result.Cube);
        Assert.Equal(DuckDbFixture.Count, result.AnswersCounted);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void ReadCube_PushesDownTheRangeAndFilters_AsTheInProcessCubeOfTheSameAnswers()
    {
        var from = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(1));
        var to = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4));
        var c = new EngineCase("Europe/Copenhagen", PeriodUnit.IsoWeek, "hierarchy", Weighted: true);
        DbCubeOptions options = c.DbOptions(DbSource.Table("responses")) with
        {
            From = from,
            To = to,
            Filters = [DbFilter.In("region", "North", "Ünïcode \"quoted\""), DbFilter.In("score", 0, 9, 10, 6)],
        };
        DbCubeResult result = NpsDb.ReadCube(duck.Connection, SqlDialect.DuckDb, options);
        Answers a = Answers.Get(DuckDbFixture.Count);
        NpsCube expected = a.InProcess(c.Segmentation, c.Options, weighted: true, i =>
            a.Ticks[i] >= from.UtcTicks && a.Ticks[i] < to.UtcTicks && (a.Region[i] is "North" or "Ünïcode \"quoted\"") && a.Scores[i] is 0 or 9 or 10 or 6);
        Answers.AssertSame(expected, result.Cube);
        Assert.Contains("$f0_1", result.Query.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("North", result.Query.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCube_FromAQuerySource_AndMappedColumns()
    {
        var options = new DbCubeOptions
        {
            Source = DbSource.Query("SELECT submitted_at AS \"When\", score AS \"Likelihood\", dept AS \"Department\" FROM responses"),
            TimeColumn = "When",
            ScoreColumn = "Likelihood",
            Segmentation = Segmentation.By("dept"),
            SegmentColumns = new Dictionary<string, string> { ["dept"] = "Department" },
            Aggregation = new AggregationOptions { TimeZoneId = "America/New_York" },
        };
        NpsCube cube = NpsDb.ReadCube(duck.Connection, SqlDialect.DuckDb, options).Cube;
        Answers.AssertSame(Answers.Get(DuckDbFixture.Count).InProcess(Segmentation.By("dept"), options.Aggregation, weighted: false), cube);
    }

    [Fact]
    public void ReadCube_EverythingACubeOffersWorks()
    {
        var c = new EngineCase("Europe/Copenhagen", PeriodUnit.Month, "hierarchy", Weighted: true);
        NpsCube cube = NpsDb.ReadCube(duck.Connection, SqlDialect.DuckDb, c.DbOptions(DbSource.Table("responses"))).Cube;
        NpsCube expected = Answers.Get(DuckDbFixture.Count).InProcess(c.Segmentation, c.Options, weighted: true);
        Assert.Equal(expected.Series().WithWindow(RollingWindow.Periods(3)).ToMarkdown(), cube.Series().WithWindow(RollingWindow.Periods(3)).ToMarkdown());
        Assert.Equal(expected.Top(3, level: 1), cube.Top(3, level: 1));
        Assert.Equal(expected.WeightedSeries(SegmentPath.Of("dept", "Sales")), cube.WeightedSeries(SegmentPath.Of("dept", "Sales")));
        Assert.Equal(expected.ToHtml(), cube.ToHtml());
    }
}
