using FsCheck.Fluent;
using NpsKit.Aggregation;
using NpsKit.Serialization;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Aggregation;

public partial class NpsCubeTests
{
    /// <summary>A cube's own finest counts as rows, in three period forms and shuffled, split in two where a seed says,
    /// with some zero-count rows mixed in (as a warehouse never returns, but a caller may).</summary>
    private static List<NpsCountRow> CountsOf(NpsCube cube, int seed)
    {
        var random = new Random(seed);
        var rows = new List<NpsCountRow>();
        long[] counts = cube.RawCounts;
        double[]? weights = cube.CopyTrueWeights(); // a copy at true scale: once, not per row
        double[]? squaredWeights = cube.CopyTrueSquaredWeights();
        int l = cube.Segments.Count;
        for (int p = 0; p < cube.Periods.Count; p++)
        {
            for (int leaf = 0; leaf < l; leaf++)
            {
                string[] values = [.. cube.Dimensions.Select(d => cube.Segments[leaf].TryGetValue(d, out string? v) ? v! : throw new InvalidOperationException())];
                for (int s = 0; s <= 10; s++)
                {
                    int slot = (((p * l) + leaf) * 11) + s;
                    long n = counts[slot];
                    if (n == 0 && random.Next(8) != 0)
                    {
                        continue;
                    }

                    ReportingPeriod period = cube.Periods[p];
                    NpsCountRow row = random.Next(3) switch
                    {
                        0 => new NpsCountRow(period, s, n, values),
                        1 => new NpsCountRow(period.FirstDay, s, n, values),
                        _ => new NpsCountRow(period.ToString(), s, n, values),
                    };
                    if (cube.IsWeighted)
                    {
                        row = row with { SumOfWeights = weights![slot], SumOfSquaredWeights = squaredWeights![slot] };
                    }

                    rows.Add(row);
                }
            }
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
        return rows;
    }

    [Fact]
    public void FromCounts_OfACubesOwnCounts_EqualsTheCube() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, Arb.From(Gen.Choose(0, int.MaxValue)), (c, seed) =>
        {
            Segmentation seg = Segmentation.Hierarchy("region", "team");
            NpsCube cube = NpsCube.FromTable(c.Table(), seg, c.Options());
            NpsCube back = NpsCube.FromCounts(CountsOf(cube, seed), seg, c.Options());
            return AggregationCases.SameCube(cube, back) && !back.IsWeighted && NpsJson.Serialize(back) == NpsJson.Serialize(cube);
        }), 300);

    [Fact]
    public void FromCounts_OfAWeightedCubesOwnCounts_EqualsTheCubeBitForBit() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, Arb.From(Gen.Choose(0, int.MaxValue)), (c, seed) =>
        {
            if (c.Rows.Length == 0)
            {
                return true;
            }

            Segmentation seg = Segmentation.CrossTab("region", "team");
            NpsCube cube = NpsCube.FromTable(WeightedTable(c.Rows), seg, c.Options());
            NpsCube back = NpsCube.FromCounts(CountsOf(cube, seed), seg, c.Options());
            return back.IsWeighted && AggregationCases.SameCube(cube, back)
                && cube.CopyTrueWeights().AsSpan().SequenceEqual(back.CopyTrueWeights()) && cube.CopyTrueSquaredWeights().AsSpan().SequenceEqual(back.CopyTrueSquaredWeights())
                && NpsJson.Serialize(back) == NpsJson.Serialize(cube);
        }), 200);

    [Fact]
    public void FromCounts_MergedWithACubeOfAnswers_EqualsAggregatingAll() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, Arb.From(Gen.Choose(0, 1000)), (c, cut) =>
        {
            int at = c.Rows.Length == 0 ? 0 : cut % (c.Rows.Length + 1);
            Segmentation seg = Segmentation.CrossTab("region", "team");
            NpsCube whole = NpsCube.FromTable(c.Table(), seg, c.Options());
            NpsCube left = NpsCube.FromCounts(CountsOf(NpsCube.FromTable(Case.Table(c.Rows[..at]), seg, c.Options()), cut), seg, c.Options());
            NpsCube right = NpsCube.FromTable(Case.Table(c.Rows[at..]), seg, c.Options());
            return AggregationCases.SameCube(whole, left.Merge(right)) && AggregationCases.SameCube(whole, right.Merge(left));
        }));

    [Fact]
    public void FromCounts_RowsOfOneCellAddUp_AndEmptyPeriodsAreFilled()
    {
        var options = new AggregationOptions { TimeZoneId = "Europe/Copenhagen", MinimumCount = 5 };
        NpsCube cube = NpsCube.FromCounts(
            [
                new NpsCountRow("2026-01", 10, 3, "north"),
                new NpsCountRow(new DateOnly(2026, 1, 1), 10, 4, "north"),
                new NpsCountRow("2026-04-01", 0, 2, "south"),
                new NpsCountRow("2026-02", 5, 0, "west"),
            ],
            Segmentation.By("region"),
            options);
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04"], cube.Periods.Select(p => p.ToString()));
        Assert.Equal(["region=north", "region=south"], cube.Segments.Select(s => s.ToString()));
        ReportingPeriod january = cube.Periods[0];
        Assert.Equal(7, cube.Tally(january, SegmentPath.Of("region", "north")).Promoters);
        Assert.Equal(9, cube.Total.Count);
        Assert.Equal(0, cube.Series().Points[1].Tally.Count);
        Assert.True(cube.Cell(cube.Periods[3], SegmentPath.Of("region", "south")).IsBelowMinimumCount);
    }

    [Fact]
    public void FromCounts_NoRows_GivesTheRangeOrAnEmptyCube()
    {
        Assert.Empty(NpsCube.FromCounts([]).Periods);
        NpsCube range = NpsCube.FromCounts([], options: new AggregationOptions { FirstDay = new DateOnly(2026, 1, 5), LastDay = new DateOnly(2026, 3, 1) });
        Assert.Equal(3, range.Periods.Count);
    }

    [Theory]
    [InlineData("2026-13", "'2026-13' is not a Month label")]
    [InlineData("2026-W09", "'2026-W09' is not a Month label")]
    [InlineData("2026-03-02", "2026-03-02 is not the first day of a Month period (the period containing it is 2026-03")]
    [InlineData("", "the period is empty")]
    public void FromCounts_BadPeriod_NamesTheRowAndWhatIsAllowed(string period, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => NpsCube.FromCounts(
            [new NpsCountRow("2026-03", 9, 1), new NpsCountRow(period, 9, 1)]));
        Assert.Contains("Count row 1", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCounts_PeriodOfAnotherUnit_IsRefused()
    {
        ReportingPeriod week = ReportingPeriod.Containing(new DateOnly(2026, 3, 2), PeriodUnit.IsoWeek);
        var e = Assert.Throws<ArgumentException>(() => NpsCube.FromCounts([new NpsCountRow(week, 9, 1)]));
        Assert.Contains("Count row 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("IsoWeek period, but the cube's periods are Month", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PeriodUnit.IsoWeek, "2026-W53", false)] // 2026 has 53 ISO weeks
    [InlineData(PeriodUnit.IsoWeek, "2025-W53", true)] // 2025 has 52
    [InlineData(PeriodUnit.Quarter, "2026-Q4", false)]
    [InlineData(PeriodUnit.Quarter, "2026-Q5", true)]
    [InlineData(PeriodUnit.Year, "2026", false)]
    [InlineData(PeriodUnit.FiscalQuarter, "FY2027-Q1", false)]
    [InlineData(PeriodUnit.FiscalYear, "FY2027", false)]
    [InlineData(PeriodUnit.Day, "2026-02-29", true)]
    public void FromCounts_LabelsOfEveryUnit_RoundTrip(PeriodUnit unit, string label, bool bad)
    {
        var options = new AggregationOptions { Period = unit, FiscalYearStartMonth = 7 };
        if (bad)
        {
            Assert.Throws<ArgumentException>(() => NpsCube.FromCounts([new NpsCountRow(label, 9, 1)], options: options));
            return;
        }

        Assert.Equal(label, NpsCube.FromCounts([new NpsCountRow(label, 9, 1)], options: options).Periods.Single().ToString());
    }

    public static TheoryData<NpsCountRow, string> BadRows => new()
    {
        { new NpsCountRow("2026-03", 11, 1, "north"), "score 11 is not on the Net Promoter scale: allowed are the integers 0 to 10" },
        { new NpsCountRow("2026-03", -1, 1, "north"), "score -1" },
        { new NpsCountRow("2026-03", 9, -2, "north"), "count -2 is negative: counts must be 0 or more" },
        { new NpsCountRow("2026-03", 9, 1), "0 segment values were given, but Single(region) has 1 dimensions (region)" },
        { new NpsCountRow("2026-03", 9, 1, "north", "x"), "2 segment values were given" },
        { new NpsCountRow("2026-03", 9, 1, [null!]), "the value of 'region' is null" },
        { new NpsCountRow("2026-03", 9, 1, "north") { SumOfWeights = 1 }, "it gives Σw but not Σw²" },
        { new NpsCountRow("2026-03", 9, 1, "north") { SumOfWeights = 1, SumOfSquaredWeights = 1 }, "it gives Σw and Σw², but the rows before it did not" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void FromCounts_BadRow_NamesTheRowAndWhatIsAllowed(NpsCountRow bad, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => NpsCube.FromCounts([new NpsCountRow("2026-02", 9, 1, "south"), bad], Segmentation.By("region")));
        Assert.Contains("Count row 1", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal("rows", e.ParamName);
    }

    [Theory]
    [InlineData(2, 3.0, 9.0, null)] // the upper edge (Σw² = (Σw)²) is let through
    [InlineData(2, 3.0, 4.5, null)]
    [InlineData(2, 4.5, 3.0, "impossible for 2 answers")] // swapped columns
    [InlineData(2, 3.0, 1.0, "impossible for 2 answers")]
    [InlineData(0, 1.0, 1.0, "the count is 0 but")]
    [InlineData(1, double.NaN, 1.0, "must be finite")]
    [InlineData(1, 0.0, 0.0, "impossible for 1 answers")]
    public void FromCounts_WeightedSums_AreChecked(long count, double w, double w2, string? expected)
    {
        NpsCountRow row = new NpsCountRow("2026-03", 9, count) { SumOfWeights = w, SumOfSquaredWeights = w2 };
        if (expected is null)
        {
            Assert.True(NpsCube.FromCounts([row]).IsWeighted);
            return;
        }

        var e = Assert.Throws<ArgumentException>(() => NpsCube.FromCounts([row]));
        Assert.Contains("Count row 0", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
