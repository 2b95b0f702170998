using NpsKit.Aggregation;
using NpsKit.Serialization;

namespace NpsKit.Tests.Aggregation;

/// <summary>Issue #13 item 2: a cube of answers known only by category (Promoter / Passive / Detractor).</summary>
public partial class NpsCubeTests
{
    private static readonly AggregationOptions MonthlyUtc = new() { Period = PeriodUnit.Month, TimeZoneId = "Etc/UTC", MinimumCount = 0 };

    /// <summary>Scores 10, 9, 8, 3, 0 in March (North, South), 7, 6 in April.</summary>
    private static NpsCube ScoreCube() => NpsCube.FromCounts(
        [
            new NpsCountRow("2026-03", 10, 2, "North"), new NpsCountRow("2026-03", 9, 1, "South"), new NpsCountRow("2026-03", 8, 3, "North"),
            new NpsCountRow("2026-03", 3, 1, "South"), new NpsCountRow("2026-03", 0, 2, "North"), new NpsCountRow("2026-04", 7, 4, "South"),
            new NpsCountRow("2026-04", 6, 1, "North"),
        ],
        Segmentation.By("region"),
        MonthlyUtc);

    [Fact]
    public void ToCategoryOnly_KeepsEveryCellsCategoryCounts_AndDropsTheScores()
    {
        NpsCube scores = ScoreCube();
        NpsCube groups = scores.ToCategoryOnly();

        Assert.True(scores.HasScoreDetail);
        Assert.False(groups.HasScoreDetail);
        Assert.Same(groups, groups.ToCategoryOnly());
        Assert.Equal(scores.Periods, groups.Periods);
        Assert.Equal(scores.Segments, groups.Segments);
        foreach ((NpsCell a, NpsCell b) in scores.Cells().Zip(groups.Cells()))
        {
            Assert.Equal(NpsTally.FromCounts(a.Tally.Promoters, a.Tally.Passives, a.Tally.Detractors), b.Tally);
        }

        NpsTally north = groups.Tally(ReportingPeriod.Parse("2026-03"), SegmentPath.Of("region", "North"));
        Assert.Equal(NpsTally.FromCounts(2, 3, 2), north);
        Assert.False(north.HasScoreDetail);
        Assert.Throws<InvalidOperationException>(() => north.MeanScore);
        Assert.False(north.TryCopyHistogramTo(new long[11]));
        Assert.Equal(scores.Total.Score, groups.Total.Score, 12);
        Assert.Equal(scores.Total.ConfidenceInterval(0.9), groups.Total.ConfidenceInterval(0.9));
    }

    [Fact]
    public void CategoryOnly_RollingWindow_DropsTheLeavingPeriodByCategory()
    {
        // Before, the window's running tally subtracted only the 0-10 slots, so a category-only series kept every period.
        NpsCube groups = ScoreCube().ToCategoryOnly();
        NpsSeries rolling = groups.Series().WithWindow(RollingWindow.Periods(1));
        NpsSeries single = groups.Series();

        Assert.Equal(single.Points.Select(p => p.Tally), rolling.Points.Select(p => p.Tally));
        Assert.Equal(NpsTally.FromCounts(0, 4, 1), rolling.Points[^1].Tally);
        Assert.Equal(NpsTally.FromCounts(3, 7, 4), groups.Series().WithWindow(RollingWindow.Cumulative).Points[^1].Tally);
    }

    [Fact]
    public void CategoryOnly_MergeAndRegroup_StayByCategory()
    {
        NpsCube scores = ScoreCube();
        NpsCube groups = scores.ToCategoryOnly();

        NpsCube mixed = scores.Merge(groups);
        Assert.False(mixed.HasScoreDetail);
        Assert.Equal(NpsTally.FromCounts(6, 14, 8), mixed.Total);
        Assert.False(groups.Merge(scores).HasScoreDetail);
        Assert.Equal(mixed.Cells(), groups.Merge(scores).Cells());
        Assert.True(scores.Merge(scores).HasScoreDetail);

        NpsCube quarterly = groups.Regroup(PeriodUnit.Quarter);
        Assert.False(quarterly.HasScoreDetail);
        Assert.Equal(NpsTally.FromCounts(3, 7, 4), quarterly.Tally(ReportingPeriod.Parse("2026-Q1"), SegmentPath.Total) + quarterly.Tally(ReportingPeriod.Parse("2026-Q2"), SegmentPath.Total));
    }

    [Fact]
    public void CategoryOnly_Json_RoundTripsWithoutScores()
    {
        NpsCube groups = ScoreCube().ToCategoryOnly();

        string json = NpsJson.Serialize(groups);
        NpsCube back = NpsJson.DeserializeCube(json);

        Assert.Contains("\"categoryOnly\": true", json.Replace("\":true", "\": true", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\"counts\"", json, StringComparison.Ordinal); // no 0-10 histogram is written for it
        Assert.False(back.HasScoreDetail);
        Assert.Equal(groups.Cells(), back.Cells());
        Assert.True(NpsJson.DeserializeCube(NpsJson.Serialize(ScoreCube())).HasScoreDetail);
    }

    [Fact]
    public void CategoryOnly_Json_MixedCellKinds_AreRefused()
    {
        string json = NpsJson.Serialize(ScoreCube().ToCategoryOnly());
        string withoutFlag = json.Replace("\"categoryOnly\":true,", string.Empty, StringComparison.Ordinal).Replace("\"categoryOnly\": true,", string.Empty, StringComparison.Ordinal);

        Assert.NotEqual(json, withoutFlag);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => NpsJson.DeserializeCube(withoutFlag));
    }

    [Fact]
    public void ToCategoryOnly_WeightedCube_IsRefused()
    {
        NpsCube weighted = NpsCube.FromCounts([new NpsCountRow("2026-03", 10, 2) { SumOfWeights = 3.0, SumOfSquaredWeights = 5.0 }], null, MonthlyUtc);

        var e = Assert.Throws<InvalidOperationException>(() => weighted.ToCategoryOnly());
        Assert.Contains("weighted", e.Message, StringComparison.Ordinal);
    }
}
