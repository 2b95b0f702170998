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
    public void Streaming_WeightsAfterAChunkWithout_CountEarlierAnswersWithWeightOne()
    {
        // The first chunk has no weights; later answers do. The cube must equal a table in which the unweighted
        // answers have weight 1 (which is what ResponseTable does with missing weights).
        int n = NpsCubeBuilder.ChunkSize + 5_000;
        SyntheticColumns data = SyntheticColumns.Generate(n, 4, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 3, 7);
        var builder = new NpsCubeBuilder(Segmentation.By("segment"));
        var table = new ResponseTableBuilder("segment");
        for (int i = 0; i < n; i++)
        {
            var at = new DateTimeOffset(data.UtcTicks[i], TimeSpan.Zero);
            string segment = data.SegmentNames[data.SegmentCodes[i]];
            double? weight = i < NpsCubeBuilder.ChunkSize ? null : 0.5 + (i % 5);
            _ = weight is double w ? builder.AddWeighted(at, data.Scores[i], w, segment) : builder.Add(at, data.Scores[i], segment);
            table.Add(at, data.Scores[i], [segment], weight: weight);
        }

        NpsCube streamed = builder.ToCube();
        NpsCube expected = NpsCube.FromTable(table.ToTable(), Segmentation.By("segment"));
        Assert.True(streamed.IsWeighted);
        Assert.True(AggregationCases.SameCube(expected, streamed));
        foreach (SegmentPath segment in expected.Segments)
        {
            WeightedNpsTally a = expected.WeightedTally(segment), b = streamed.WeightedTally(segment);
            Assert.Equal(a.Score, b.Score, 9);
            Assert.Equal(a.EffectiveSampleSize, b.EffectiveSampleSize, 6);
        }
    }

    [Fact]
    public void AddWeighted_BadWeight_Throws()
    {
        var builder = new NpsCubeBuilder();
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddWeighted(DateTimeOffset.UnixEpoch, 9, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddWeighted(DateTimeOffset.UnixEpoch, 9, double.NaN));
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
