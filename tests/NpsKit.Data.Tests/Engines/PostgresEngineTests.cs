using NpgsqlTypes;
using Npgsql;
using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Data.Tests.Engines;

/// <summary>A PostgreSQL 15 cluster holding the 1,000,000 seeded answers (timestamptz), loaded with binary COPY.</summary>
public sealed class PostgresFixture : IDisposable
{
    private readonly Lazy<PostgresServer> _server = new(() =>
    {
        var server = new PostgresServer();
        using NpgsqlConnection connection = Open(server);
        Load(connection, Answers.Get(DuckDbFixture.Count));
        return server;
    });

    public PostgresServer Server => _server.Value;

    public static void Load(NpgsqlConnection connection, Answers answers, string table = "responses")
    {
        using (var command = new NpgsqlCommand($"CREATE TABLE {table} (submitted_at timestamptz, score integer, region text, dept text, team text, weight double precision)", connection))
        {
            command.ExecuteNonQuery();
        }

        using (NpgsqlBinaryImporter copy = connection.BeginBinaryImport($"COPY {table} (submitted_at, score, region, dept, team, weight) FROM STDIN (FORMAT BINARY)"))
        {
            for (int i = 0; i < answers.Count; i++)
            {
                copy.StartRow();
                copy.Write(new DateTime(answers.Ticks[i], DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                copy.Write((int)answers.Scores[i], NpgsqlDbType.Integer);
                copy.Write(answers.Region[i], NpgsqlDbType.Text);
                copy.Write(answers.Dept[i], NpgsqlDbType.Text);
                copy.Write(answers.Team[i], NpgsqlDbType.Text);
                copy.Write(answers.Weight[i], NpgsqlDbType.Double);
            }

            copy.Complete();
        }

        using var analyze = new NpgsqlCommand($"ANALYZE {table}", connection);
        analyze.ExecuteNonQuery();
    }

    public static NpgsqlConnection Open(PostgresServer server)
    {
        var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        return connection;
    }

    public NpgsqlConnection Open() => Open(Server);

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}

public sealed class PostgresEngineTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [PostgresTheory]
    [MemberData(nameof(EngineCase.All), MemberType = typeof(EngineCase))]
    public void ReadCube_EqualsTheInProcessCube(EngineCase c)
    {
        using NpgsqlConnection connection = pg.Open();
        DbCubeResult result = NpsDb.ReadCube(connection, SqlDialect.PostgreSql, c.DbOptions(DbSource.Table("public", "responses")));
        Answers.AssertSame(Answers.Get(DuckDbFixture.Count).InProcess(c.Segmentation, c.Options, c.Weighted), result.Cube);
        Assert.Equal(DuckDbFixture.Count, result.AnswersCounted);
    }

    [PostgresFact]
    public void ReadCube_PushesDownTheRangeAndFilters()
    {
        var from = new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(2));
        var c = new EngineCase("America/New_York", PeriodUnit.Month, "crosstab", Weighted: true);
        DbCubeOptions options = c.DbOptions(DbSource.Table("responses")) with
        {
            From = from,
            To = to,
            Filters = [DbFilter.In("dept", "R&D", "Sales")],
        };
        using NpgsqlConnection connection = pg.Open();
        DbCubeResult result = NpsDb.ReadCube(connection, SqlDialect.PostgreSql, options);
        Answers a = Answers.Get(DuckDbFixture.Count);
        Answers.AssertSame(
            a.InProcess(c.Segmentation, c.Options, weighted: true, i => a.Ticks[i] >= from.UtcTicks && a.Ticks[i] < to.UtcTicks && a.Dept[i] is "R&D" or "Sales"),
            result.Cube);
    }

    [PostgresFact]
    public void ReadCube_TimestampWithoutZone_IsReadInTheColumnsZone()
    {
        using NpgsqlConnection connection = pg.Open();
        using (var command = new NpgsqlCommand(
            "DROP TABLE IF EXISTS naive; CREATE TABLE naive AS SELECT (submitted_at AT TIME ZONE 'America/New_York') AS submitted_at, score, dept FROM responses", connection))
        {
            command.ExecuteNonQuery();
        }

        var aggregation = new AggregationOptions { TimeZoneId = "Europe/Copenhagen", Period = PeriodUnit.IsoWeek };
        DbCubeResult result = NpsDb.ReadCube(connection, SqlDialect.PostgreSql, new DbCubeOptions
        {
            Source = DbSource.Table("naive"),
            TimeColumnZoneId = "America/New_York",
            Segmentation = Segmentation.By("dept"),
            Aggregation = aggregation,
        });

        // The repeated hour of a fall-back change is ambiguous as wall-clock time: those answers may move by an hour, so
        // compare away from it — every answer whose New York wall-clock time is unambiguous keeps its instant.
        Answers a = Answers.Get(DuckDbFixture.Count);
        TimeZoneInfo ny = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        bool ambiguous = Enumerable.Range(0, a.Count).Any(i => ny.IsAmbiguousTime(new DateTimeOffset(a.Ticks[i], TimeSpan.Zero)));
        NpsCube expected = a.InProcess(Segmentation.By("dept"), aggregation, weighted: false);
        if (!ambiguous)
        {
            Answers.AssertSame(expected, result.Cube);
        }
        else
        {
            Assert.Equal(expected.Total, result.Cube.Total);
            Assert.Equal(expected.Periods, result.Cube.Periods);
        }
    }
}
