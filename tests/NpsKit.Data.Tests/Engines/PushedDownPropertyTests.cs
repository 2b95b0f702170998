using System.Globalization;
using DuckDB.NET.Data;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using NpsKit.Aggregation;
using NpsKit.Data.Internal;
using NpsKit.TestUtilities;

namespace NpsKit.Data.Tests.Engines;

/// <summary>
/// The law the pushed-down design rests on: for random answers crowded around the offset changes of zones with DST,
/// half- and quarter-hour offsets, DST at midnight, a skipped day and historic local mean time, in every period unit,
/// with and without a range, the cube each engine counts equals the cube NpsKit builds from the same answers in process.
/// </summary>
public sealed class PushedDownPropertyTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly (string Zone, int Year)[] Zones =
    [
        ("Europe/Copenhagen", 2026), ("America/New_York", 2026), ("Asia/Kathmandu", 2026), ("Australia/Lord_Howe", 2026),
        ("America/St_Johns", 2025), ("Pacific/Chatham", 2026), ("Asia/Kolkata", 2026), ("America/Havana", 2026),
        ("Pacific/Apia", 2011), ("Africa/Monrovia", 1972), ("Europe/Amsterdam", 1937), ("Etc/UTC", 2026), ("America/Santiago", 2026),
    ];

    private static readonly PeriodUnit[] Units =
        [PeriodUnit.Day, PeriodUnit.IsoWeek, PeriodUnit.Month, PeriodUnit.Quarter, PeriodUnit.Year, PeriodUnit.FiscalQuarter];

    [Fact]
    public void DuckDb_PushedDownCube_EqualsTheInProcessCube() => Check(c =>
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Exec(connection, "CREATE TABLE p (submitted_at TIMESTAMPTZ, score INTEGER, seg VARCHAR, weight DOUBLE)");
        using (DuckDBAppender appender = connection.CreateAppender("p"))
        {
            foreach (Row r in c.Rows)
            {
                appender.CreateRow().AppendValue(new DateTimeOffset(r.Ticks, TimeSpan.Zero)).AppendValue(r.Score).AppendValue(r.Segment).AppendValue(r.Weight).EndRow();
            }
        }

        return Same(c, NpsDb.ReadCube(connection, SqlDialect.DuckDb, c.Options));
    });

    [Fact]
    public void Sqlite_PushedDownCube_EqualsTheInProcessCube() => Check(c =>
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Exec(connection, "CREATE TABLE p (submitted_at TEXT, score INTEGER, seg TEXT, weight REAL)");
        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO p VALUES (@t, @s, @g, @w)";
        foreach (Row r in c.Rows)
        {
            // Each answer with another UTC offset (whole minutes from −12:00 to +14:00): only the instant counts.
            var offset = TimeSpan.FromMinutes((r.Ticks / TimeSpan.TicksPerSecond % 1561) - 720);
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("@t", new DateTimeOffset(r.Ticks, TimeSpan.Zero).ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("@s", r.Score);
            insert.Parameters.AddWithValue("@g", r.Segment);
            insert.Parameters.AddWithValue("@w", r.Weight);
            insert.ExecuteNonQuery();
        }

        return Same(c, NpsDb.ReadCube(connection, SqlDialect.Sqlite, c.Options));
    });

    [PostgresFact]
    public void PostgreSql_PushedDownCube_EqualsTheInProcessCube()
    {
        using NpgsqlConnection connection = postgres.Open();
        int table = 0;
        Check(c =>
        {
            string name = "prop" + (++table).ToString(CultureInfo.InvariantCulture);
            Exec(connection, $"CREATE TABLE {name} (submitted_at timestamptz, score integer, seg text, weight double precision)");
            using (NpgsqlBinaryImporter copy = connection.BeginBinaryImport($"COPY {name} FROM STDIN (FORMAT BINARY)"))
            {
                foreach (Row r in c.Rows)
                {
                    copy.StartRow();
                    copy.Write(new DateTime(r.Ticks, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                    copy.Write(r.Score, NpgsqlDbType.Integer);
                    copy.Write(r.Segment, NpgsqlDbType.Text);
                    copy.Write(r.Weight, NpgsqlDbType.Double);
                }

                copy.Complete();
            }

            return Same(c, NpsDb.ReadCube(connection, SqlDialect.PostgreSql, c.Options with { Source = DbSource.Table(name) }));
        }, maxTest: 40);
    }

    [Fact]
    public void ZoneOffsets_Pieces_AgreeWithTheZoneRulesEverywhere() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var rng = new SplitMix64((ulong)seed);
            TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[rng.NextInt(Zones.Length)].Zone);
            long from = -86_400L * 365 * 10 + rng.NextInt(86_400 * 365) * 60L; // 1960 onwards
            long to = from + (rng.NextInt(3 * 365) * 86_400L) + 1;
            IReadOnlyList<(long Start, long Offset)> pieces = ZoneOffsets.Pieces(zone, from, to);
            for (int i = 0; i < 200; i++)
            {
                long s = from + (long)(rng.NextDouble() * (to - from));
                long expected = (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime).TotalSeconds;
                long actual = pieces.Last(p => p.Start <= s).Offset;
                if (expected != actual)
                {
                    return false;
                }
            }

            return pieces[0].Start == from && pieces.Zip(pieces.Skip(1)).All(p => p.First.Start < p.Second.Start && p.First.Offset != p.Second.Offset);
        }),
        maxTest: 100);

    private static void Check(Func<Case, bool> engine, int maxTest = 60) => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed => engine(Case.Make((ulong)seed))), maxTest);

    private static bool Same(Case c, DbCubeResult result)
    {
        Answers.AssertSame(c.InProcess(), result.Cube);
        Assert.Empty(result.Rejected);
        return true;
    }

    private static void Exec(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record Row(long Ticks, int Score, string Segment, double Weight);

    private sealed record Case(DbCubeOptions Options, IReadOnlyList<Row> Rows)
    {
        public static Case Make(ulong seed)
        {
            var rng = new SplitMix64(seed);
            (string zoneId, int year) = Zones[rng.NextInt(Zones.Length)];
            TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            long start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() - (40 * 86_400);
            long end = start + (450 * 86_400L);

            // Crowd the answers around the zone's offset changes and local midnights of the window.
            long[] marks = [.. ZoneOffsets.Pieces(zone, start, end).Skip(1).Select(p => p.Start), start + (200 * 86_400L)];
            int n = 1 + rng.NextInt(400);
            var rows = new List<Row>(n);
            for (int i = 0; i < n; i++)
            {
                long seconds = rng.NextInt(2) == 0
                    ? marks[rng.NextInt(marks.Length)] + (rng.NextInt(2 * 86_400) - 86_400)
                    : start + (long)(rng.NextDouble() * (end - start));
                long ticks = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcTicks + (rng.NextInt(1000) * TimeSpan.TicksPerMillisecond);
                rows.Add(new Row(ticks, rng.NextInt(11), "S" + rng.NextInt(3), 0.25 * (1 + rng.NextInt(8))));
            }

            var aggregation = new AggregationOptions { TimeZoneId = zoneId, Period = Units[rng.NextInt(Units.Length)], FiscalYearStartMonth = 1 + rng.NextInt(12), MinimumCount = 0 };
            DateTimeOffset? from = null, to = null;
            if (rng.NextInt(3) == 0)
            {
                from = DateTimeOffset.FromUnixTimeSeconds(marks[rng.NextInt(marks.Length)] + rng.NextInt(7200) - 3600);
            }

            if (rng.NextInt(3) == 0)
            {
                to = DateTimeOffset.FromUnixTimeSeconds((from?.ToUnixTimeSeconds() ?? start) + 1 + rng.NextInt(300 * 86_400));
            }

            bool weighted = rng.NextInt(2) == 0;
            var options = new DbCubeOptions
            {
                Source = DbSource.Table("p"),
                Segmentation = rng.NextInt(2) == 0 ? Segmentation.Total : Segmentation.By("seg"),
                WeightColumn = weighted ? "weight" : null,
                Aggregation = aggregation,
                From = from,
                To = to,
            };
            return new Case(options, rows);
        }

        public NpsCube InProcess()
        {
            var b = new ResponseTableBuilder("seg");
            long from = Options.From?.UtcTicks ?? long.MinValue, to = Options.To?.UtcTicks ?? long.MaxValue;
            foreach (Row r in Rows.Where(r => r.Ticks >= from && r.Ticks < to))
            {
                b.AddUtcTicks(r.Ticks, r.Score, [r.Segment], weight: Options.WeightColumn is null ? null : r.Weight);
            }

            return NpsCube.FromTable(b.ToTable(), Options.Segmentation, Options.Aggregation);
        }
    }
}
