using NpsKit.Aggregation;

namespace NpsKit.Tests.Aggregation;

/// <summary>Issue #13 item 2: <see cref="NpsCube.FromCounts"/> with rows that give a category instead of a score (a
/// warehouse table with an NPS group column) makes a category-only cube, equal to <see cref="NpsCube.ToCategoryOnly"/>
/// of the same answers with scores.</summary>
public partial class NpsCubeTests
{
    [Fact]
    public void FromCounts_CategoryRows_MakeTheCategoryOnlyCubeOfTheSameAnswers()
    {
        NpsCube groups = NpsCube.FromCounts(
            [
                new NpsCountRow("2026-03", NpsCategory.Promoter, 2, "North"), new NpsCountRow("2026-03", NpsCategory.Promoter, 1, "South"),
                new NpsCountRow("2026-03", NpsCategory.Passive, 3, "North"), new NpsCountRow("2026-03", NpsCategory.Detractor, 1, "South"),
                new NpsCountRow(new DateOnly(2026, 3, 1), NpsCategory.Detractor, 2, "North"),
                new NpsCountRow(ReportingPeriod.Parse("2026-04"), NpsCategory.Passive, 4, "South"),
                new NpsCountRow("2026-04", NpsCategory.Detractor, 1, "North"),
            ],
            Segmentation.By("region"),
            MonthlyUtc);
        NpsCube expected = ScoreCube().ToCategoryOnly();

        Assert.False(groups.HasScoreDetail);
        Assert.Equal(expected.Periods, groups.Periods);
        Assert.Equal(expected.Segments, groups.Segments);
        Assert.Equal(expected.Cells().Select(c => c.Tally), groups.Cells().Select(c => c.Tally));
        Assert.Equal(NpsTally.FromCounts(2, 3, 2), groups.Tally(ReportingPeriod.Parse("2026-03"), SegmentPath.Of("region", "North")));

        // It merges with a category-only cube, and with a cube of scores by category.
        Assert.False(groups.Merge(ScoreCube()).HasScoreDetail);
        Assert.Equal(NpsTally.FromCounts(6, 14, 8), groups.Merge(ScoreCube()).Total);
    }

    [Fact]
    public void FromCounts_CategoryRows_HistogramAndMeanAreRefusedWithTheReason()
    {
        NpsCube groups = NpsCube.FromCounts([new NpsCountRow("2026-03", NpsCategory.Promoter, 5), new NpsCountRow("2026-03", NpsCategory.Detractor, 1)], options: MonthlyUtc);
        NpsTally total = groups.Total;

        Assert.False(total.HasScoreDetail);
        Assert.Equal(5, total.Promoters);
        Assert.Equal(1, total.Detractors);
        Assert.Equal(100.0 * 4 / 6, total.Score, 12);
        Assert.False(total.TryCopyHistogramTo(new long[11]));
        InvalidOperationException mean = Assert.Throws<InvalidOperationException>(() => total.MeanScore);
        Assert.Contains("categor", mean.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<InvalidOperationException>(() => total.CountOf(9));
    }

    [Fact]
    public void FromCounts_CategoryRowsMixedWithScores_OrWeighted_AreRefusedNamingTheRow()
    {
        ArgumentException mixed = Assert.Throws<ArgumentException>(() => NpsCube.FromCounts([new NpsCountRow("2026-03", 9, 1), new NpsCountRow("2026-03", NpsCategory.Passive, 1)], options: MonthlyUtc));
        Assert.Contains("Count row 1", mixed.Message, StringComparison.Ordinal);
        Assert.Contains("every row a category", mixed.Message, StringComparison.Ordinal);

        ArgumentException other = Assert.Throws<ArgumentException>(() => NpsCube.FromCounts([new NpsCountRow("2026-03", NpsCategory.Passive, 1), new NpsCountRow("2026-03", 9, 1)], options: MonthlyUtc));
        Assert.Contains("Count row 1", other.Message, StringComparison.Ordinal);

        ArgumentException weighted = Assert.Throws<ArgumentException>(() => NpsCube.FromCounts([new NpsCountRow("2026-03", NpsCategory.Passive, 1) { SumOfWeights = 1, SumOfSquaredWeights = 1 }], options: MonthlyUtc));
        Assert.Contains("cannot be weighted", weighted.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => new NpsCountRow("2026-03", (NpsCategory)7, 1));
    }

    [Fact]
    public void NpsCountRow_Category_IsTheGivenOneOrTheScoresOne()
    {
        var row = new NpsCountRow("2026-03", NpsCategory.Passive, 4, "North");
        Assert.True(row.IsCategoryOnly);
        Assert.Equal(NpsCategory.Passive, row.Category);
        Assert.Equal(-1, row.Score);
        Assert.Equal("2026-03 [North] Passive: 4", row.ToString());

        var score = new NpsCountRow("2026-03", 0, 4);
        Assert.False(score.IsCategoryOnly);
        Assert.Equal(NpsCategory.Detractor, score.Category);
        Assert.Throws<InvalidOperationException>(() => new NpsCountRow("2026-03", 11, 1).Category);
    }

    [Fact]
    public void FromCounts_OnlyEmptyCategoryRows_IsAnEmptyCategoryOnlyCube()
    {
        NpsCube empty = NpsCube.FromCounts([new NpsCountRow("2026-03", NpsCategory.Promoter, 0)], options: MonthlyUtc);
        Assert.False(empty.HasScoreDetail);
        Assert.Empty(empty.Periods);
    }
}
