using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Aggregation;

public class NpsCubeBuilderTests
{
    [Fact]
    public void Streaming_ManyChunks_EqualsFromTable()
    {
        SyntheticColumns data = SyntheticColumns.Generate((NpsCubeBuilder.ChunkSize * 2) + 123, 3, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 6, 5);
        var options = new AggregationOptions { TimeZoneId = "America/New_York", Period = PeriodUnit.IsoWeek };
        var builder = new NpsCubeBuilder(Segmentation.By("segment"), options);
        for (int i = 0; i < data.Count; i++)
        {
            builder.Add(new DateTimeOffset(data.UtcTicks[i], TimeSpan.Zero), data.Scores[i], data.SegmentNames[data.SegmentCodes[i]]);
        }

        Assert.Equal(data.Count, builder.Count);
        NpsCube expected = NpsCube.FromTable(data.ToTable(), Segmentation.By("segment"), options);
        Assert.True(AggregationCases.SameCube(expected, builder.ToCube()));
    }

    [Fact]
    public void AddCoded_And_AddTable_Merge()
    {
        var builder = new NpsCubeBuilder(Segmentation.By("region"));
        int north = builder.GetSegmentCode(0, "North");
        builder.AddCoded(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks, 9, [north]);
        builder.AddTable(new ResponseTableBuilder("region").Add(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), 2, ["South"]).ToTable());
        NpsCube cube = builder.ToCube();
        Assert.Equal(2, cube.Total.Count);
        Assert.Equal(["region=North", "region=South"], cube.Segments.Select(s => s.ToString()));
        Assert.Equal(2, cube.Periods.Count);
    }

    [Fact]
    public void Add_BadScore_ThrowsNamingRow()
    {
        var builder = new NpsCubeBuilder();
        builder.Add(DateTimeOffset.UnixEpoch, 1);
        Assert.Contains("index 1", Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add(DateTimeOffset.UnixEpoch, 12)).Message);
    }
}
