using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Aggregation;

public partial class NpsCubeTests
{
    private static DateTimeOffset Utc(int y, int m, int d, int h = 12) => new(y, m, d, h, 0, 0, TimeSpan.Zero);

    /// <summary>A small company: department → team, January to April 2026 with March empty.</summary>
    private static ResponseTable Company()
    {
        var b = new ResponseTableBuilder("department", "team");
        b.Add(Utc(2026, 1, 5), 10, ["Sales", "Inside"]).Add(Utc(2026, 1, 6), 9, ["Sales", "Field"]).Add(Utc(2026, 1, 7), 3, ["Support", "Chat"]);
        b.Add(Utc(2026, 2, 2), 7, ["Sales", "Inside"]).Add(Utc(2026, 2, 3), 0, ["Support", "Phone"]).Add(Utc(2026, 2, 4), 10, ["Support", "Chat"]);
        b.Add(Utc(2026, 4, 9), 9, ["Sales", "Field"]);
        return b.ToTable();
    }

    private static readonly AggregationOptions Monthly = new() { TimeZoneId = "Europe/Copenhagen", MinimumCount = 2 };

    [Fact]
    public void FromTable_KeepsEmptyPeriodsAndSortsSegments()
    {
        NpsCube cube = NpsCube.FromTable(Company(), Segmentation.Hierarchy("department", "team"), Monthly);
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04"], cube.Periods.Select(p => p.ToString()));
        Assert.Equal(
            ["department=Sales / team=Field", "department=Sales / team=Inside", "department=Support / team=Chat", "department=Support / team=Phone"],
            cube.Segments.Select(s => s.ToString()));
        Assert.Equal(7, cube.Total.Count);
        Assert.Equal(0, cube.Tally(cube.Periods[2], SegmentPath.Total).Count);
    }

    [Fact]
    public void Tally_RollsUpHierarchyLevels()
    {
        NpsCube cube = NpsCube.FromTable(Company(), Segmentation.Hierarchy("department", "team"), Monthly);
        Assert.Equal(["Total"], cube.SegmentsAtLevel(0).Select(s => s.ToString()));
        Assert.Equal(["department=Sales", "department=Support"], cube.SegmentsAtLevel(1).Select(s => s.ToString()));
        ReportingPeriod jan = cube.Periods[0];
        Assert.Equal(NpsTally.FromScores([10, 9]), cube.Tally(jan, SegmentPath.Of("department", "Sales")));
        Assert.Equal(NpsTally.FromScores([10, 9, 7, 9]), cube.Tally(SegmentPath.Of("department", "Sales")));
        Assert.Equal(NpsTally.FromScores([3, 10]), cube.Tally(SegmentPath.Of("team", "Chat"))); // a margin, across departments
        Assert.Equal(NpsTally.Empty, cube.Tally(ReportingPeriod.Containing(new DateOnly(2030, 1, 1), PeriodUnit.Month), SegmentPath.Total));
    }

    [Fact]
    public void Cell_BelowMinimumCount_IsFlaggedButCounted()
    {
        NpsCube cube = NpsCube.FromTable(Company(), Segmentation.By("department"), Monthly);
        NpsCell small = cube.Cell(cube.Periods[3], SegmentPath.Of("department", "Sales"));
        Assert.True(small.IsBelowMinimumCount);
        Assert.Equal(1, small.Tally.Count);
        Assert.False(cube.Cell(cube.Periods[0], SegmentPath.Of("department", "Sales")).IsBelowMinimumCount);
    }

    [Fact]
    public void TopAndBottom_RankReadableSegments()
    {
        NpsCube cube = NpsCube.FromTable(Company(), Segmentation.By("department"), Monthly);
        Assert.Equal(["department=Sales", "department=Support"], cube.Top(5).Select(c => c.Segment.ToString()));
        Assert.Equal("department=Support", cube.Bottom(1).Single().Segment.ToString());
        // In April only Sales answered, once: below the minimum of 2, so nothing is ranked.
        Assert.Empty(cube.Top(5, cube.Periods[3]));
    }

    [Fact]
    public void FromTable_TotalSegmentation_HasOneSegment()
    {
        NpsCube cube = NpsCube.FromTable(Company());
        Assert.Equal([SegmentPath.Total], cube.Segments);
        Assert.Equal(7, cube.Total.Count);
        Assert.Equal("Etc/UTC", cube.Calendar.TimeZoneId);
    }

    [Fact]
    public void FromTable_EmptyTable_EmptyCube()
    {
        NpsCube cube = NpsCube.FromTable(new ResponseTableBuilder("region").ToTable(), Segmentation.By("region"));
        Assert.Empty(cube.Periods);
        Assert.Equal(NpsTally.Empty, cube.Total);
    }

    [Fact]
    public void FromTable_FirstAndLastDay_AddEmptyPeriods()
    {
        NpsCube cube = NpsCube.FromTable(Company(), null, Monthly with { FirstDay = new DateOnly(2025, 11, 15), LastDay = new DateOnly(2026, 6, 1) });
        Assert.Equal("2025-11", cube.Periods[0].ToString());
        Assert.Equal("2026-06", cube.Periods[^1].ToString());
        Assert.Equal(8, cube.Series().Points.Count);
        Assert.Equal(7, cube.Total.Count);
    }

    [Fact]
    public void FromTable_UnknownDimension_ThrowsListingKnown()
    {
        var ex = Assert.Throws<ArgumentException>(() => NpsCube.FromTable(Company(), Segmentation.By("region")));
        Assert.Contains("department, team", ex.Message);
    }

    [Fact]
    public void FromTable_TimeBeforeYearOneInZone_ThrowsNamingRow()
    {
        var b = new ResponseTableBuilder();
        b.Add(Utc(2026, 1, 1), 9, []).AddUtcTicks(0, 9, []);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NpsCube.FromTable(b.ToTable(), null, new AggregationOptions { TimeZoneId = "America/New_York" }));
        Assert.Contains("row 1", ex.Message);
        Assert.Contains("America/New_York", ex.Message);
    }

    [Fact]
    public void Merge_DifferentZone_Throws()
    {
        NpsCube a = NpsCube.FromTable(Company());
        NpsCube b = NpsCube.FromTable(Company(), null, Monthly);
        Assert.Contains("Europe/Copenhagen", Assert.Throws<ArgumentException>(() => a.Merge(b)).Message);
    }

    [Fact]
    public void Regroup_WeeksIntoMonths_ThrowsSayingAggregateByDay()
    {
        NpsCube weeks = NpsCube.FromTable(Company(), null, Monthly with { Period = PeriodUnit.IsoWeek });
        Assert.Contains("by day", Assert.Throws<InvalidOperationException>(() => weeks.Regroup(PeriodUnit.Month)).Message);
    }

    [Fact]
    public void FromTable_AllocationDoesNotGrowWithRows()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));
        // Both above 262 144 rows, where the granule table reaches its cap (one entry per 4 rows, at most 65 536): below
        // that, the table grows with the rows but stays bounded (128 KiB), which is not allocation per row.
        ResponseTable small = SyntheticColumns.Generate(300_000, 1, start, 24, 20).ToTable();
        ResponseTable large = SyntheticColumns.Generate(900_000, 1, start, 24, 20).ToTable();
        var options = new AggregationOptions { TimeZoneId = "Europe/Copenhagen", MaxDegreeOfParallelism = 1 };
        Segmentation seg = Segmentation.By("segment");
        _ = NpsCube.FromTable(small, seg, options); // warm up (JIT, array pool, zone cache)

        static long Allocated(Action a)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            a();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long forSmall = Allocated(() => NpsCube.FromTable(small, seg, options));
        long forLarge = Allocated(() => NpsCube.FromTable(large, seg, options));
        Assert.InRange(forLarge - forSmall, -16_384, 16_384); // 600 000 more rows, no more allocation
    }

    [Fact]
    public void FromTable_SyntheticMillionScaleShape_MatchesNaiveCount()
    {
        SyntheticColumns data = SyntheticColumns.Generate(200_000, 42, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)), 24, 20); // local midnight in Copenhagen
        NpsCube cube = NpsCube.FromTable(data.ToTable(), Segmentation.By("segment"), new AggregationOptions { TimeZoneId = "Europe/Copenhagen" });
        Assert.Equal(24, cube.Periods.Count);
        Assert.Equal(20, cube.Segments.Count);
        Assert.Equal(NpsTally.FromScores(data.Scores), cube.Total);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        long inMarch2025S07 = Enumerable.Range(0, data.Count).LongCount(i =>
            data.SegmentNames[data.SegmentCodes[i]] == "S07"
            && TimeZoneInfo.ConvertTime(new DateTimeOffset(data.UtcTicks[i], TimeSpan.Zero), zone) is { Year: 2025, Month: 3 });
        Assert.Equal(inMarch2025S07, cube.Tally(ReportingPeriod.Containing(new DateOnly(2025, 3, 1), PeriodUnit.Month), SegmentPath.Of("segment", "S07")).Count);
    }
}
