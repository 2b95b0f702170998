using System.Globalization;
using Microsoft.Data.Sqlite;
using NpsKit.Aggregation;

namespace NpsKit.Data.Tests.Engines;

/// <summary>The seeded answers in SQLite as ISO-8601 text with offsets: a third in UTC ('Z'), a third with Copenhagen's
/// offset, a third with Kathmandu's +05:45 — as in every engine, NpsKit writes the reporting zone's offsets into the query.</summary>
public sealed class SqliteFixture : IDisposable
{
    public const int Count = 100_000;

    public SqliteFixture()
    {
        Connection = new SqliteConnection("Data Source=:memory:");
        Connection.Open();
        Load(Connection, Answers.Get(Count));
    }

    public SqliteConnection Connection { get; }

    public static string Text(long ticks, int i)
    {
        var instant = new DateTimeOffset(ticks, TimeSpan.Zero);
        return (i % 3) switch
        {
            0 => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            1 => TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen")).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            _ => instant.ToOffset(new TimeSpan(5, 45, 0)).ToString("yyyy-MM-dd HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        };
    }

    public static void Load(SqliteConnection connection, Answers answers, string table = "responses")
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE {table} (submitted_at TEXT, score INTEGER, region TEXT, dept TEXT, team TEXT, weight REAL)";
            create.ExecuteNonQuery();
        }

        using SqliteTransaction transaction = connection.BeginTransaction();
        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table} VALUES (@t, @s, @r, @d, @m, @w)";
        SqliteParameter t = insert.Parameters.Add("@t", SqliteType.Text), s = insert.Parameters.Add("@s", SqliteType.Integer),
            r = insert.Parameters.Add("@r", SqliteType.Text), d = insert.Parameters.Add("@d", SqliteType.Text),
            m = insert.Parameters.Add("@m", SqliteType.Text), w = insert.Parameters.Add("@w", SqliteType.Real);
        insert.Prepare();
        for (int i = 0; i < answers.Count; i++)
        {
            t.Value = Text(answers.Ticks[i], i);
            s.Value = (int)answers.Scores[i];
            r.Value = answers.Region[i];
            d.Value = answers.Dept[i];
            m.Value = answers.Team[i];
            w.Value = answers.Weight[i];
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void Dispose() => Connection.Dispose();
}

public sealed class SqliteEngineTests(SqliteFixture sqlite) : IClassFixture<SqliteFixture>
{
    [Theory]
    [MemberData(nameof(EngineCase.All), MemberType = typeof(EngineCase))]
    public void ReadCube_EqualsTheInProcessCube(EngineCase c)
    {
        DbCubeResult result = NpsDb.ReadCube(sqlite.Connection, SqlDialect.Sqlite, c.DbOptions(DbSource.Table("responses")));
        Answers.AssertSame(Answers.Get(SqliteFixture.Count).InProcess(c.Segmentation, c.Options, c.Weighted), result.Cube);
    }

    [Fact]
    public void ReadCube_RangeInWholeSeconds_IsPushedDown()
    {
        var from = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1));
        var to = new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-4));
        var c = new EngineCase("America/New_York", PeriodUnit.Day, "hierarchy", Weighted: true);
        DbCubeResult result = NpsDb.ReadCube(sqlite.Connection, SqlDialect.Sqlite, c.DbOptions(DbSource.Table("responses")) with { From = from, To = to });
        Answers a = Answers.Get(SqliteFixture.Count);

        // SQLite compares whole seconds: an answer at 01:29:59.5 counts as 01:29:59 — still before To, as in process.
        Answers.AssertSame(a.InProcess(c.Segmentation, c.Options, true, i => a.Ticks[i] >= from.UtcTicks && a.Ticks[i] < to.UtcTicks), result.Cube);
    }

    [Fact]
    public void ReadCube_AZoneWhoseMidnightsAreOffTheQuarterHour_IsExact()
    {
        // Liberia kept UTC−0:44:30 until 7 January 1972 (.NET reads it in whole minutes, −0:44): its local midnights
        // fell on :44 UTC marks, off the quarter hour.
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE r (submitted_at TEXT, score INTEGER)";
            create.ExecuteNonQuery();
        }

        var b = new ResponseTableBuilder();
        var rng = new Random(7);
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO r VALUES (@t, @s)";
            var t = insert.Parameters.Add("@t", SqliteType.Text);
            var s = insert.Parameters.Add("@s", SqliteType.Integer);
            long start = new DateTimeOffset(1971, 12, 20, 0, 0, 0, TimeSpan.Zero).UtcTicks;
            for (int i = 0; i < 20_000; i++)
            {
                long ticks = start + (rng.NextInt64(30L * 86_400) * TimeSpan.TicksPerSecond);
                int score = rng.Next(11);
                t.Value = new DateTimeOffset(ticks, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                s.Value = score;
                insert.ExecuteNonQuery();
                b.AddUtcTicks(ticks, score, []);
            }
        }

        var aggregation = new AggregationOptions { TimeZoneId = "Africa/Monrovia", Period = PeriodUnit.Day, MinimumCount = 0 };
        DbCubeResult result = NpsDb.ReadCube(connection, SqlDialect.Sqlite, new DbCubeOptions { Source = DbSource.Table("r"), Aggregation = aggregation });
        Answers.AssertSame(NpsCube.FromTable(b.ToTable(), options: aggregation), result.Cube);
    }
}
