using NpsKit.Aggregation;

namespace NpsKit.Tests.Aggregation;

public partial class NpsSeriesTests
{
    private static NpsCube Daily()
    {
        var b = new ResponseTableBuilder("team");
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        // Days 0..9 with day 4 empty; day d gets d answers of score 10 and one of 0 (team a).
        for (int d = 0; d < 10; d++)
        {
            if (d == 4)
            {
                continue;
            }

            for (int i = 0; i < d; i++)
            {
                b.Add(t0.AddDays(d), 10, ["a"]);
            }

            b.Add(t0.AddDays(d), 0, ["a"]);
        }

        return NpsCube.FromTable(b.ToTable(), Segmentation.By("team"), new AggregationOptions { Period = PeriodUnit.Day, MinimumCount = 5 });
    }

    [Fact]
    public void Series_KeepsEmptyPeriodsWithZeroCount()
    {
        NpsSeries s = Daily().Series();
        Assert.Equal(10, s.Points.Count);
        Assert.Equal(0, s.Points[4].Tally.Count);
        Assert.True(s.Points[4].IsBelowMinimumCount);
        Assert.Equal("2026-03-05", s.Points[4].Period.ToString());
    }

    [Fact]
    public void WithWindow_TrailingPeriods_SumsTheLastN()
    {
        NpsSeries s = Daily().Series();
        NpsSeries r = s.WithWindow(RollingWindow.Periods(3));
        for (int i = 0; i < s.Points.Count; i++)
        {
            NpsTally expected = NpsTally.Sum(s.Points.Skip(Math.Max(0, i - 2)).Take(Math.Min(i + 1, 3)).Select(p => p.Tally));
            Assert.Equal(expected, r.Points[i].Tally);
        }

        Assert.Equal(s.Total, r.Total);
    }

    [Fact]
    public void WithWindow_Days_OnDailySeries_EqualsPeriods() =>
        Assert.Equal(
            Daily().Series().WithWindow(RollingWindow.Periods(7)).Points.Select(p => p.Tally),
            Daily().Series().WithWindow(RollingWindow.Days(7)).Points.Select(p => p.Tally));

    [Fact]
    public void WithWindow_DaysOnMonthlySeries_Throws()
    {
        NpsSeries monthly = Daily().Regroup(PeriodUnit.Month).Series();
        Assert.Contains("by day", Assert.Throws<InvalidOperationException>(() => monthly.WithWindow(RollingWindow.Days(28))).Message);
    }

    [Fact]
    public void Cumulative_LastPointIsTheTotal()
    {
        NpsSeries s = Daily().Series(SegmentPath.Of("team", "a"));
        NpsSeries c = s.Cumulative();
        Assert.Equal(s.Total, c.Points[^1].Tally);
        Assert.Equal(s.Points[0].Tally + s.Points[1].Tally, c.Points[1].Tally);
        Assert.Equal(RollingWindowKind.Cumulative, c.Window.Kind);
    }

    [Fact]
    public void Changes_HoldBothTalliesAndTheDifference()
    {
        IReadOnlyList<PeriodChange> changes = Daily().Series().Changes();
        Assert.Equal(9, changes.Count);
        PeriodChange first = changes[0]; // day 0: one 0 (NPS −100); day 1: one 10, one 0 (NPS 0)
        Assert.Equal(NpsTally.FromScores([0]), first.Baseline);
        Assert.Equal(NpsTally.FromScores([10, 0]), first.Current);
        Assert.Equal(100.0, first.Difference, 12);
        Assert.True(first.IsBelowMinimumCount);
        PeriodChange intoEmpty = changes[3]; // day 3 → empty day 4
        Assert.False(intoEmpty.HasDifference);
        Assert.False(intoEmpty.TryGetDifference(out _));
        Assert.Contains("no answers", Assert.Throws<InvalidOperationException>(() => intoEmpty.Difference).Message);
    }
}
