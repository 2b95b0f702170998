using System.Text.Json;
using FsCheck.Fluent;
using NpsKit.Aggregation;
using NpsKit.Serialization;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Serialization;

public class AggregationJsonTests
{
    private static readonly string[] Zones = ["Europe/Copenhagen", "America/New_York", "Etc/UTC"];
    private static readonly PeriodUnit[] Units = Enum.GetValues<PeriodUnit>();

    private static ResponseTable RandomTable(int seed, int rows)
    {
        var rng = new SplitMix64((ulong)seed);
        var builder = new ResponseTableBuilder("region", "team");
        long start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        for (int i = 0; i < rows; i++)
        {
            long ticks = start + (long)(rng.NextDouble() * TimeSpan.TicksPerDay * 800);
            builder.AddUtcTicks(ticks, rng.NextInt(11), ["R" + rng.NextInt(3), "T" + rng.NextInt(4)]);
        }

        return builder.ToTable();
    }

    private static Segmentation RandomSegmentation(int k) => (k % 4) switch
    {
        0 => Segmentation.Total,
        1 => Segmentation.By("team"),
        2 => Segmentation.CrossTab("region", "team"),
        _ => Segmentation.Hierarchy("region", "team"),
    };

    [Fact]
    public void Cube_RoundTrip_EqualsCellForCell() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(0, 300)), (seed, rows) =>
        {
            var options = new AggregationOptions
            {
                TimeZoneId = Zones[seed % Zones.Length],
                Period = Units[seed % Units.Length],
                FiscalYearStartMonth = 1 + (seed % 12),
                MinimumCount = seed % 50,
            };
            NpsCube cube = NpsCube.FromTable(RandomTable(seed, rows), RandomSegmentation(seed / 7), options);
            NpsCube back = NpsJson.DeserializeCube(NpsJson.Serialize(cube));
            return back.Periods.SequenceEqual(cube.Periods)
                && back.Segments.SequenceEqual(cube.Segments)
                && back.Cells().SequenceEqual(cube.Cells())
                && back.Dimensions.SequenceEqual(cube.Dimensions)
                && back.Segmentation.Kind == cube.Segmentation.Kind
                && back.Calendar.TimeZoneId == cube.Calendar.TimeZoneId
                && back.Calendar.Unit == cube.Calendar.Unit
                && back.MinimumCount == cube.MinimumCount
                && NpsJson.Serialize(back) == NpsJson.Serialize(cube);
        }), maxTest: 60);

    [Fact]
    public void Series_RoundTrip_EqualsPointForPoint() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            NpsCube cube = NpsCube.FromTable(RandomTable(seed, 200), Segmentation.By("team"), new AggregationOptions { Period = PeriodUnit.Month });
            NpsSeries series = cube.Series(SegmentPath.Of("team", "T1"));
            series = (seed % 3) switch { 0 => series, 1 => series.Cumulative(), _ => series.WithWindow(RollingWindow.Periods(3)) };
            NpsSeries back = NpsJson.DeserializeSeries(NpsJson.Serialize(series));
            return back.Points.SequenceEqual(series.Points) && back.Window == series.Window && back.Segment == series.Segment;
        }), maxTest: 40);

    [Fact]
    public void Cube_Json_IsReadable()
    {
        var builder = new ResponseTableBuilder("team");
        builder.AddUtcTicks(new DateTime(2026, 3, 5, 12, 0, 0, DateTimeKind.Utc).Ticks, 10, ["A"]);
        NpsCube cube = NpsCube.FromTable(builder.ToTable(), Segmentation.By("team"), new AggregationOptions { TimeZoneId = "Europe/Copenhagen" });
        Assert.Equal(
            """{"format":"npskit.cube","version":1,"calendar":{"timeZone":"Europe/Copenhagen","unit":"Month","fiscalYearStartMonth":1},"segmentation":{"kind":"Single","dimensions":["team"]},"minimumCount":30,"periods":[{"key":"2026-03","firstDay":"2026-03-01"}],"segments":[["A"]],"cells":[{"period":0,"segment":0,"counts":[0,0,0,0,0,0,0,0,0,0,1]}]}""",
            NpsJson.Serialize(cube));
    }

    [Theory]
    [InlineData("\"firstDay\":\"2026-03-01\"", "\"firstDay\":\"2026-03-02\"", "not the first day")]
    [InlineData("\"period\":0,", "\"period\":5,", "there are 1 periods")]
    [InlineData("\"kind\":\"Single\"", "\"kind\":\"Pivot\"", "must be one of")]
    [InlineData("\"timeZone\":\"Europe/Copenhagen\"", "\"timeZone\":\"Mars/Base\"", "calendar")]
    [InlineData("\"version\":1", "\"version\":7", "version 1 only")]
    [InlineData("[0,0,0,0,0,0,0,0,0,0,1]", "[0,0,0,0,0,0,0,0,0,-1,1]", "counts[9]")]
    public void Cube_InvalidJson_ThrowsSayingWhat(string find, string replace, string expected)
    {
        string json = """{"format":"npskit.cube","version":1,"calendar":{"timeZone":"Europe/Copenhagen","unit":"Month","fiscalYearStartMonth":1},"segmentation":{"kind":"Single","dimensions":["team"]},"minimumCount":30,"periods":[{"key":"2026-03","firstDay":"2026-03-01"}],"segments":[["A"]],"cells":[{"period":0,"segment":0,"counts":[0,0,0,0,0,0,0,0,0,0,1]}]}""";
        Assert.Contains(find, json);
        var ex = Assert.Throws<JsonException>(() => NpsJson.DeserializeCube(json.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Contains(expected, ex.Message);
    }
}
