using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using NpsKit.Aggregation;

namespace NpsKit.Data.Tests;

/// <summary>Issue #13 item 2: a warehouse table with a Promoter / Passive / Detractor column and no 0–10 score is
/// counted into a category-only cube (<see cref="DbCubeOptions.GroupColumn"/>), the same cube as
/// <see cref="NpsCube.ToCategoryOnly"/> of the answers with their scores.</summary>
public sealed class GroupColumnTests : IDisposable
{
    private const string Rows = """
        ('2026-03-01 10:00:00+00', 9, 'Promoter', 'North'),
        ('2026-03-02 10:00:00+00', 10, 'promoters', 'North'),
        ('2026-03-03 10:00:00+00', 7, 'Passive', 'South'),
        ('2026-03-04 10:00:00+00', 3, ' DETRACTOR ', 'North'),
        ('2026-04-01 10:00:00+00', 8, 'Passives', 'South'),
        ('2026-04-02 10:00:00+00', 0, 'Detractor', 'South'),
        ('2026-04-03 10:00:00+00', 9, 'Promoter', 'North')
        """;

    private readonly DuckDBConnection _duck = new("DataSource=:memory:");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "npskit-groups-" + Guid.NewGuid().ToString("N"));

    public GroupColumnTests()
    {
        _duck.Open();
        Execute(_duck, $"CREATE TABLE r (submitted_at TIMESTAMPTZ, score INTEGER, nps_group VARCHAR, region VARCHAR); INSERT INTO r VALUES {Rows};");
        Directory.CreateDirectory(_folder);
    }

    private static DbCubeOptions Options(DbSource source) => new()
    {
        Source = source,
        GroupColumn = "nps_group",
        Segmentation = Segmentation.By("region"),
        Aggregation = new AggregationOptions { TimeZoneId = "Etc/UTC", MinimumCount = 0 },
    };

    [Fact]
    public void DuckDb_GroupColumn_IsTheCategoryOnlyCubeOfTheScores()
    {
        NpsCube groups = NpsDb.ReadCube(_duck, SqlDialect.DuckDb, Options(DbSource.Table("r"))).Cube;
        NpsCube scores = NpsDb.ReadCube(_duck, SqlDialect.DuckDb, Options(DbSource.Table("r")) with { GroupColumn = null }).Cube;

        Assert.False(groups.HasScoreDetail);
        Assert.True(scores.HasScoreDetail);
        AssertSameCells(scores.ToCategoryOnly(), groups);
        Assert.Equal(NpsTally.FromCounts(3, 2, 2), groups.Total);
        Assert.Throws<InvalidOperationException>(() => groups.Total.MeanScore);
        Assert.False(groups.Total.TryCopyHistogramTo(new long[11]));
    }

    [Fact]
    public void Sqlite_GroupColumn_IsTheCategoryOnlyCubeOfTheScores()
    {
        using var sqlite = new SqliteConnection("Data Source=:memory:");
        sqlite.Open();
        Execute(sqlite, $"CREATE TABLE r (submitted_at TEXT, score INTEGER, nps_group TEXT, region TEXT); INSERT INTO r VALUES {Rows.Replace(" 10:00:00+00", "T10:00:00Z", StringComparison.Ordinal)};");

        NpsCube groups = NpsDb.ReadCube(sqlite, SqlDialect.Sqlite, Options(DbSource.Table("r"))).Cube;
        NpsCube scores = NpsDb.ReadCube(sqlite, SqlDialect.Sqlite, Options(DbSource.Table("r")) with { GroupColumn = null }).Cube;

        Assert.False(groups.HasScoreDetail);
        AssertSameCells(scores.ToCategoryOnly(), groups);
    }

    [Fact]
    public void Parquet_GroupColumn_BadGroupsAreNamedWithTheirRows()
    {
        Execute(_duck, "INSERT INTO r VALUES ('2026-03-05 10:00:00+00', 5, 'Neutral', 'North'), ('2026-03-06 10:00:00+00', 5, NULL, 'North');");
        string path = Path.Combine(_folder, "groups.parquet");
        Execute(_duck, $"COPY (SELECT * FROM r ORDER BY submitted_at) TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT PARQUET)");

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => NpsParquet.ReadCube(Options(DbSource.Parquet(path))));
        Assert.Contains("the NPS group 'Neutral' in column 'nps_group' is not one: allowed are Promoter, Passive and Detractor", e.Message, StringComparison.Ordinal);
        Assert.Contains("the NPS group in column 'nps_group' is NULL", e.Message, StringComparison.Ordinal);
        Assert.Contains("row 5", e.Message, StringComparison.Ordinal);

        DbCubeResult lenient = NpsParquet.ReadCube(Options(DbSource.Parquet(path)) with { SkipInvalid = true });
        Assert.Equal(7, lenient.AnswersCounted);
        Assert.Equal(2, lenient.Rejected.Sum(r => r.Answers));
        Assert.False(lenient.Cube.HasScoreDetail);
        Assert.Equal(NpsTally.FromCounts(3, 2, 2), lenient.Cube.Total);
    }

    [Fact]
    public void Arrow_GroupColumn_IsTheCategoryOnlyCubeOfTheScores()
    {
        (string Time, int Score, string Group, string Region)[] rows =
        [
            ("2026-03-01T10:00:00Z", 9, "Promoter", "North"), ("2026-03-02T10:00:00Z", 10, "promoters", "North"),
            ("2026-03-03T10:00:00Z", 7, "Passive", "South"), ("2026-03-04T10:00:00Z", 3, " DETRACTOR ", "North"),
            ("2026-04-01T10:00:00Z", 8, "Passives", "South"), ("2026-04-02T10:00:00Z", 0, "Detractor", "South"),
            ("2026-04-03T10:00:00Z", 9, "Promoter", "North"),
        ];
        var timeType = new TimestampType(TimeUnit.Microsecond, "UTC");
        Schema schema = new Schema.Builder()
            .Field(f => f.Name("submitted_at").DataType(timeType))
            .Field(f => f.Name("score").DataType(Int32Type.Default))
            .Field(f => f.Name("nps_group").DataType(StringType.Default))
            .Field(f => f.Name("region").DataType(StringType.Default))
            .Build();
        string path = Path.Combine(_folder, "groups.arrow");
        using (FileStream file = File.Create(path))
        {
            using var writer = new ArrowFileWriter(file, schema);
            var times = new TimestampArray.Builder(timeType);
            var scores = new Int32Array.Builder();
            var groups = new StringArray.Builder();
            var regions = new StringArray.Builder();
            foreach ((string time, int score, string group, string region) in rows)
            {
                times.Append(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture));
                scores.Append(score);
                groups.Append(group);
                regions.Append(region);
            }

            using var batch = new RecordBatch(schema, [times.Build(), scores.Build(), groups.Build(), regions.Build()], rows.Length);
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        NpsCube byGroup = NpsArrow.ReadCube(Options(DbSource.Arrow(path))).Cube;
        NpsCube byScore = NpsArrow.ReadCube(Options(DbSource.Arrow(path)) with { GroupColumn = null }).Cube;

        Assert.False(byGroup.HasScoreDetail);
        AssertSameCells(byScore.ToCategoryOnly(), byGroup);
    }

    [Fact]
    public void GroupColumn_WithAWeightColumn_IsRefusedSayingWhy()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => NpsDb.BuildQuery(SqlDialect.DuckDb, Options(DbSource.Table("r")) with { WeightColumn = "w" }));
        Assert.Contains("cannot be weighted", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _duck.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static void AssertSameCells(NpsCube expected, NpsCube actual)
    {
        Assert.Equal(expected.Periods, actual.Periods);
        Assert.Equal(expected.Segments, actual.Segments);
        Assert.Equal(expected.Cells().Select(c => c.Tally), actual.Cells().Select(c => c.Tally));
    }

    private static void Execute(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
