using System.Text;
using NpsKit.Aggregation;

namespace NpsKit.Data.Tests;

/// <summary>
/// The counting query of every dialect as text, compared with the reviewed files in Golden/ (regenerate with
/// NPSKIT_APPROVE_SQL=1 and review the diff). PostgreSQL, DuckDB and SQLite queries are also run by the engine tests;
/// SQL Server, Spark SQL, BigQuery and Snowflake are checked only here: not run by NpsKit's tests.
/// </summary>
public class GoldenSqlTests
{
    public static TheoryData<SqlDialect> Dialects => [.. Enum.GetValues<SqlDialect>()];

    public static DbCubeOptions Example => new()
    {
        Source = DbSource.Table("analytics", "survey \"responses\""),
        WeightColumn = "weight",
        Segmentation = Segmentation.Hierarchy("dept", "team"),
        SegmentColumns = new Dictionary<string, string> { ["team"] = "team]`name" },
        Aggregation = new AggregationOptions { TimeZoneId = "Europe/Copenhagen", Period = PeriodUnit.IsoWeek },
        From = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)),
        To = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)),
        Filters = [DbFilter.In("region", "North", "O'Brien; DROP TABLE x")],
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public void BuildQuery_MatchesTheReviewedText(SqlDialect dialect)
    {
        var text = new StringBuilder();
        Append(text, "ISO weeks in Europe/Copenhagen, hierarchy, weighted, range and filter", NpsDb.BuildQuery(dialect, Example with
        {
            Source = dialect == SqlDialect.BigQuery ? DbSource.Table("project", "analytics", "responses") : Example.Source,
            SegmentColumns = dialect == SqlDialect.BigQuery ? null : Example.SegmentColumns,
        }));
        if (dialect != SqlDialect.Sqlite)
        {
            Append(text, "months in America/New_York from wall-clock times stored in Etc/UTC, no segments, 2026 to mid-2027", NpsDb.BuildQuery(dialect, new DbCubeOptions
            {
                Source = DbSource.Table("responses"),
                TimeColumnZoneId = "Etc/UTC",
                Aggregation = new AggregationOptions { TimeZoneId = "America/New_York" },
                From = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                To = new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.Zero),
            }));
        }

        string path = Path.Combine(Folder(), "Golden", dialect + ".sql");
        if (Environment.GetEnvironmentVariable("NPSKIT_APPROVE_SQL") == "1")
        {
            File.WriteAllText(path, text.ToString());
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), text.ToString());
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void BuildQuery_PutsNoValueInTheText(SqlDialect dialect)
    {
        CountingQuery query = NpsDb.BuildQuery(dialect, Example with { SegmentColumns = null });
        Assert.DoesNotContain("North", query.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("O'Brien", query.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("Copenhagen", query.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("2025-12-31 23:00:00.000000", query.Sql, StringComparison.Ordinal); // From and To
        Assert.DoesNotContain("2026-12-31 23:00:00.000000", query.Sql, StringComparison.Ordinal);
        Assert.Contains(query.Parameters, p => Equals(p.Value, "O'Brien; DROP TABLE x"));
    }

    [Fact]
    public void BuildQuery_SqlServer_SendsWindowsZoneIds()
    {
        CountingQuery query = NpsDb.BuildQuery(SqlDialect.SqlServer, Example with { TimeColumnZoneId = "Europe/Paris" });
        Assert.Contains(query.Parameters, p => Equals(p.Value, "Romance Standard Time"));
    }

    [Fact]
    public void BuildQuery_InvalidOptions_ListsEveryProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => NpsDb.BuildQuery(SqlDialect.Sqlite, Example with
        {
            ScoreColumn = "",
            TimeColumnZoneId = "Europe/Copenhagen",
            From = new DateTimeOffset(2026, 1, 1, 0, 0, 0, 500, TimeSpan.Zero),
            To = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Aggregation = new AggregationOptions { TimeZoneId = "Mars/Olympus" },
        }));
        Assert.Contains("ScoreColumn is empty", e.Message, StringComparison.Ordinal);
        Assert.Contains("SQLite has no time-zone database", e.Message, StringComparison.Ordinal);
        Assert.Contains("whole seconds", e.Message, StringComparison.Ordinal);
        Assert.Contains("is not before To", e.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void ScalingOutDoc_ShowsTheGoldenQuery(SqlDialect dialect)
    {
        string golden = File.ReadAllText(Path.Combine(Folder(), "Golden", dialect + ".sql")).ReplaceLineEndings("\n");
        string first = golden[..(golden.IndexOf(";\n\n", StringComparison.Ordinal) + 1)];
        string doc = File.ReadAllText(Path.Combine(Folder(), "..", "..", "docs", "scaling-out.md")).ReplaceLineEndings("\n");
        Assert.Contains("```sql\n" + first + "\n```", doc, StringComparison.Ordinal);
    }

    private static void Append(StringBuilder text, string title, CountingQuery query)
    {
        text.Append("-- ").Append(query.Dialect).Append(": ").Append(title).Append('\n');
        foreach ((string name, object value) in query.Parameters)
        {
            text.Append("-- parameter ").Append(name).Append(" = ").Append(value).Append('\n');
        }

        text.Append(query.Sql).Append(";\n\n");
    }

    // Not [CallerFilePath]: a CI build maps source paths to /_/ (deterministic paths), so find the folder from the repository root.
    private static string Folder() => Path.Combine(NpsKit.TestUtilities.ApiConventions.RepoRoot(), "tests", "NpsKit.Data.Tests");
}
