using System.Data.Common;
using DuckDB.NET.Data;
using NpsKit.Aggregation;
using NpsKit.Data.Tests.Engines;

namespace NpsKit.Data.Tests;

/// <summary>The C# blocks of docs/scaling-out.md (registered in NpsKit.Tests' DocsTests), run here against DuckDB.</summary>
public sealed class DocsSnippets(DuckDbFixture duck) : IClassFixture<DuckDbFixture>
{
    #region db-cube
    public static NpsCube MonthlyByDepartment(DbConnection connection)
    {
        DbCubeResult result = NpsDb.ReadCube(connection, SqlDialect.DuckDb, new DbCubeOptions
        {
            Source = DbSource.Table("responses"),
            ScoreColumn = "score",
            TimeColumn = "submitted_at",
            WeightColumn = "weight",
            Segmentation = Segmentation.Hierarchy("dept", "team"),
            Aggregation = new AggregationOptions { TimeZoneId = "Europe/Copenhagen", Period = PeriodUnit.Month },
            From = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)),
            Filters = [DbFilter.In("region", "North", "South")],
        });
        Console.WriteLine($"{result.AnswersCounted:N0} answers counted in the database");
        return result.Cube; // series, rolling windows, rankings, charts and JSON work as on any cube
    }
    #endregion

    #region from-counts
    public static NpsCube FromWarehouseCounts() => NpsCube.FromCounts(
        [
            new NpsCountRow("2026-03", 10, 120, "Sales"),
            new NpsCountRow("2026-03", 6, 45, "Sales"),
            new NpsCountRow(new DateOnly(2026, 5, 1), 9, 80, "Support"),
        ],
        Segmentation.By("dept"),
        new AggregationOptions { TimeZoneId = "Europe/Copenhagen", MinimumCount = 30 });
    #endregion

    #region parquet
    public static NpsCube FromParquet(string path) => NpsParquet.ReadCube(new DbCubeOptions
    {
        Source = DbSource.Parquet(path),
        Segmentation = Segmentation.By("region"),
        Aggregation = new AggregationOptions { TimeZoneId = "America/New_York", Period = PeriodUnit.IsoWeek },
        SkipInvalid = true, // bad answers are left out and listed in DbCubeResult.Rejected
    }).Cube;
    #endregion

    [Fact]
    public void DbCube_EqualsTheInProcessCubeOfTheSameAnswers()
    {
        NpsCube cube = MonthlyByDepartment(duck.Connection);
        Answers a = Answers.Get(DuckDbFixture.Count);
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));
        NpsCube expected = a.InProcess(Segmentation.Hierarchy("dept", "team"), new AggregationOptions { TimeZoneId = "Europe/Copenhagen" }, true,
            i => a.Ticks[i] >= from.UtcTicks && a.Region[i] is "North" or "South");
        Answers.AssertSame(expected, cube);
    }

    [Fact]
    public void FromCounts_FillsTheEmptyMonth()
    {
        NpsCube cube = FromWarehouseCounts();
        Assert.Equal(["2026-03", "2026-04", "2026-05"], cube.Periods.Select(p => p.ToString()));
        Assert.Equal(245, cube.Total.Count);
    }

    [Fact]
    public void Parquet_EqualsTheInProcessCube()
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-docs-{Guid.NewGuid():N}.parquet");
        try
        {
            using (DuckDBCommand command = duck.Connection.CreateCommand())
            {
                command.CommandText = $"COPY responses TO '{path}' (FORMAT PARQUET)";
                command.ExecuteNonQuery();
            }

            var options = new AggregationOptions { TimeZoneId = "America/New_York", Period = PeriodUnit.IsoWeek };
            Answers.AssertSame(Answers.Get(DuckDbFixture.Count).InProcess(Segmentation.By("region"), options, false), FromParquet(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
