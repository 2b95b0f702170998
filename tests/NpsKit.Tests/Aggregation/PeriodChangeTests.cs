using NpsKit.Aggregation;
using NpsKit.Statistics;

namespace NpsKit.Tests.Aggregation;

public partial class PeriodChangeTests
{
    private static NpsSeries MonthlySeries()
    {
        var builder = new ResponseTableBuilder("team");
        long jan = new DateTime(2026, 1, 10, 12, 0, 0, DateTimeKind.Utc).Ticks;
        long feb = new DateTime(2026, 2, 10, 12, 0, 0, DateTimeKind.Utc).Ticks;
        long apr = new DateTime(2026, 4, 10, 12, 0, 0, DateTimeKind.Utc).Ticks;
        foreach (int s in new[] { 10, 9, 9, 3, 2, 8, 7, 6, 10, 1 })
        {
            builder.AddUtcTicks(jan, s, ["A"]);
        }

        foreach (int s in new[] { 10, 10, 9, 9, 9, 8, 7, 6, 10, 9, 10, 9 })
        {
            builder.AddUtcTicks(feb, s, ["A"]);
        }

        builder.AddUtcTicks(apr, 9, ["A"]);
        return NpsCube.FromTable(builder.ToTable(), Segmentation.By("team"), new AggregationOptions { MinimumCount = 5 }).Series();
    }

    [Fact]
    public void Compare_ConsecutivePeriods_IsTheTwoSampleTestOfTheirTallies()
    {
        PeriodChange change = MonthlySeries().Changes()[0];
        Assert.Equal("2026-01", change.PreviousPeriod.ToString());
        NpsComparison expected = NpsTest.Compare(change.Baseline, change.Current);
        NpsComparison actual = change.Compare();
        Assert.Equal(expected.Difference, actual.Difference);
        Assert.Equal(expected.PValue, actual.PValue);
        Assert.Equal(change.Difference, actual.Difference, 12);
        Assert.Equal(NpsTest.Compare(change.Baseline, change.Current, 0.9, NpsTestMethod.Wald).PValue, change.Compare(0.9, NpsTestMethod.Wald).PValue);
    }

    [Fact]
    public void Compare_EmptyPeriod_ThrowsInsteadOfInventingAnAnswer()
    {
        PeriodChange toEmptyMarch = MonthlySeries().Changes()[1];
        Assert.False(toEmptyMarch.HasDifference);
        Assert.Throws<InvalidOperationException>(() => toEmptyMarch.Compare());
    }
}
