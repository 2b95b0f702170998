using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using NpsKit.Aggregation;
using NpsKit.Data.Tests.Engines;

namespace NpsKit.Data.Tests;

/// <summary>Arrow IPC files and streams, written here with Apache.Arrow, counted by <see cref="NpsArrow"/> with the
/// rules of Parquet: the same cube as in process, wall-clock times refused without their zone, bad values reported.</summary>
public sealed class ArrowTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("npskit-arrow-").FullName;

    /// <summary>Writes answers [0, count) in batches of 50,000: time (with or without a zone), score (optionally
    /// replaced), region as a dictionary-encoded string, dept and team as strings, weight as a double.</summary>
    private string Write(string name, int count, bool stream, string? timeZone = "UTC", Func<int, int?>? score = null)
    {
        Answers a = Answers.Get(DuckDbFixture.Count);
        var timeType = new TimestampType(TimeUnit.Microsecond, timeZone);
        var regionType = new DictionaryType(Int32Type.Default, StringType.Default, false);
        Schema schema = new Schema.Builder()
            .Field(f => f.Name("submitted_at").DataType(timeType))
            .Field(f => f.Name("score").DataType(Int32Type.Default))
            .Field(f => f.Name("region").DataType(regionType))
            .Field(f => f.Name("dept").DataType(StringType.Default))
            .Field(f => f.Name("team").DataType(StringType.Default))
            .Field(f => f.Name("weight").DataType(DoubleType.Default))
            .Build();
        string[] regions = [.. a.Region.Take(count).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        StringArray dictionary = new StringArray.Builder().AppendRange(regions).Build();
        string path = Path.Combine(_folder, name);
        using (FileStream file = File.Create(path))
        {
            using ArrowStreamWriter writer = stream ? new ArrowStreamWriter(file, schema) : new ArrowFileWriter(file, schema);
            for (int start = 0; start < count; start += 50_000)
            {
                int end = Math.Min(count, start + 50_000);
                var times = new TimestampArray.Builder(timeType);
                var scores = new Int32Array.Builder();
                var indices = new Int32Array.Builder();
                var depts = new StringArray.Builder();
                var teams = new StringArray.Builder();
                var weights = new DoubleArray.Builder();
                for (int i = start; i < end; i++)
                {
                    var utc = new DateTimeOffset(a.Ticks[i], TimeSpan.Zero);
                    times.Append(timeZone is null ? new DateTimeOffset(utc.UtcDateTime.Ticks, TimeSpan.Zero) : utc);
                    if ((score is null ? a.Scores[i] : score(i)) is int s)
                    {
                        scores.Append(s);
                    }
                    else
                    {
                        scores.AppendNull();
                    }

                    indices.Append(System.Array.BinarySearch(regions, a.Region[i], StringComparer.Ordinal));
                    depts.Append(a.Dept[i]);
                    teams.Append(a.Team[i]);
                    weights.Append(a.Weight[i]);
                }

                var region = new DictionaryArray(regionType, indices.Build(), dictionary);
                using var batch = new RecordBatch(schema, [times.Build(), scores.Build(), region, depts.Build(), teams.Build(), weights.Build()], end - start);
                writer.WriteRecordBatch(batch);
            }

            writer.WriteEnd();
        }

        return path;
    }

    [Theory]
    [InlineData("Europe/Copenhagen", PeriodUnit.IsoWeek, "crosstab", true)]
    [InlineData("America/New_York", PeriodUnit.Month, "hierarchy", false)]
    public void ReadCube_OfAnArrowFile_EqualsTheInProcessCube(string zone, PeriodUnit unit, string segments, bool weighted)
    {
        string path = Write("answers.arrow", DuckDbFixture.Count, stream: false);
        var c = new EngineCase(zone, unit, segments, weighted);
        DbCubeResult result = NpsArrow.ReadCube(c.DbOptions(DbSource.Arrow(path)));
        Answers.AssertSame(Answers.Get(DuckDbFixture.Count).InProcess(c.Segmentation, c.Options, weighted), result.Cube);
        Assert.Equal(DuckDbFixture.Count, result.AnswersCounted);
    }

    [Fact]
    public void ReadCube_OfArrowStreamsInSeveralFiles_EqualsTheWhole()
    {
        // Two stream-format files: the first 120,000 answers, then the first 60,000 again (a second copy of each).
        string first = Write("a.arrows", 120_000, stream: true);
        string second = Write("b.arrows", 60_000, stream: true);
        var c = new EngineCase("Europe/Copenhagen", PeriodUnit.Month, "crosstab", true);
        NpsCube cube = NpsArrow.ReadCube(c.DbOptions(DbSource.Arrow(first, second))).Cube;
        Answers a = Answers.Get(DuckDbFixture.Count);
        NpsCube expected = a.InProcess(c.Segmentation, c.Options, true, i => i < 120_000)
            .Merge(a.InProcess(c.Segmentation, c.Options, true, i => i < 60_000));
        Answers.AssertSame(expected, cube);
    }

    [Fact]
    public void ReadCube_WallClockTimestamps_AreRefusedUntilTheirZoneIsGiven()
    {
        string path = Write("naive.arrow", 100_000, stream: false, timeZone: null);
        var options = new DbCubeOptions
        {
            Source = DbSource.Arrow(path),
            Segmentation = Segmentation.By("dept"),
            Aggregation = new AggregationOptions { TimeZoneId = "Europe/Copenhagen" },
        };
        var e = Assert.Throws<InvalidDataException>(() => NpsArrow.ReadCube(options));
        Assert.Contains("has a type without a time zone", e.Message, StringComparison.Ordinal);
        Assert.Contains("set TimeColumnZoneId", e.Message, StringComparison.Ordinal);

        NpsCube cube = NpsArrow.ReadCube(options with { TimeColumnZoneId = "Etc/UTC" }).Cube;
        Answers.AssertSame(Answers.Get(DuckDbFixture.Count).InProcess(Segmentation.By("dept"), options.Aggregation, weighted: false, i => i < 100_000), cube);
    }

    [Fact]
    public void ReadCube_BadValues_AreReportedNotCounted()
    {
        string path = Write("bad.arrow", 1_000, stream: false, score: i => i == 4 ? 12 : i == 9 ? null : Answers.Get(DuckDbFixture.Count).Scores[i]);
        var options = new DbCubeOptions { Source = DbSource.Arrow(path), Aggregation = new AggregationOptions { TimeZoneId = "Europe/Copenhagen" } };
        var e = Assert.Throws<InvalidDataException>(() => NpsArrow.ReadCube(options));
        Assert.StartsWith(path + ": 2 answers cannot be counted:", e.Message, StringComparison.Ordinal);
        Assert.Contains("the score 12 in column 'score' is not on the Net Promoter scale: allowed are the whole numbers 0 to 10 (1 answers)", e.Message, StringComparison.Ordinal);
        Assert.Contains("the score in column 'score' is NULL (1 answers)", e.Message, StringComparison.Ordinal);

        DbCubeResult lenient = NpsArrow.ReadCube(options with { SkipInvalid = true });
        Assert.Equal(998, lenient.AnswersCounted);
        Assert.Equal(2, lenient.Rejected.Sum(r => r.Answers));
    }

    [Fact]
    public void ReadCube_UnreadableInput_IsRefusedWithTheFix()
    {
        string notArrow = Path.Combine(_folder, "answers.csv");
        File.WriteAllText(notArrow, "submitted_at,score\n");
        var e = Assert.Throws<InvalidDataException>(() => NpsArrow.ReadCube(new DbCubeOptions { Source = DbSource.Arrow(notArrow) }));
        Assert.Contains("not an Arrow IPC file", e.Message, StringComparison.Ordinal);

        string path = Path.Combine(_folder, "half.arrow");
        Schema schema = new Schema.Builder().Field(f => f.Name("submitted_at").DataType(new TimestampType(TimeUnit.Second, "UTC"))).Field(f => f.Name("score").DataType(HalfFloatType.Default)).Build();
        using (FileStream file = File.Create(path))
        {
            using var writer = new ArrowFileWriter(file, schema);
            var time = new TimestampArray.Builder(new TimestampType(TimeUnit.Second, "UTC")).Append(DateTimeOffset.UnixEpoch).Build();
            using var batch = new RecordBatch(schema, [time, new HalfFloatArray.Builder().Append((Half)9).Build()], 1);
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        var half = Assert.Throws<InvalidDataException>(() => NpsArrow.ReadCube(new DbCubeOptions { Source = DbSource.Arrow(path) }));
        Assert.Contains("column 'score' has the Arrow type halffloat, which NpsArrow does not read", half.Message, StringComparison.Ordinal);

        var query = Assert.Throws<ArgumentException>(() => NpsDb.BuildQuery(SqlDialect.DuckDb, new DbCubeOptions { Source = DbSource.Arrow(path) }));
        Assert.Contains("NpsArrow.ReadCube", query.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NpsArrow.ReadCube(new DbCubeOptions { Source = DbSource.Table("x") }));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
