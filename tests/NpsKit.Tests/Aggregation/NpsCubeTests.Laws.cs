using FsCheck.Fluent;
using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Aggregation;

public partial class NpsCubeTests
{
    [Fact]
    public void FromTable_EqualsNaiveReference_AcrossDstAndYearEnds() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, c =>
        {
            NpsCube cube = NpsCube.FromTable(c.Table(), Segmentation.CrossTab("region", "team"), c.Options());
            return AggregationCases.SameCells(AggregationCases.Naive(c), AggregationCases.Cells(cube));
        }), 300);

    [Fact]
    public void FromTable_EveryLevelSumsToTheTotal() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, c =>
        {
            ResponseTable table = c.Table();
            NpsCube cube = NpsCube.FromTable(table, Segmentation.Hierarchy("region", "team"), c.Options());
            bool ok = cube.Total == table.Tally() && NpsTally.Sum(cube.Periods.Select(p => cube.Tally(p, SegmentPath.Total))) == cube.Total;
            foreach (ReportingPeriod p in cube.Periods)
            {
                NpsTally periodTotal = cube.Tally(p, SegmentPath.Total);
                for (int level = 0; level <= 2; level++)
                {
                    ok &= NpsTally.Sum(cube.SegmentsAtLevel(level).Select(s => cube.Tally(p, s))) == periodTotal;
                }

                ok &= NpsTally.Sum(cube.SegmentsBy("team").Select(s => cube.Tally(p, s))) == periodTotal;
            }

            for (int level = 0; level <= 2; level++)
            {
                ok &= NpsTally.Sum(cube.SegmentsAtLevel(level).Select(s => cube.Tally(s))) == cube.Total;
                ok &= NpsTally.Sum(cube.SegmentsAtLevel(level).Select(s => cube.Series(s).Total)) == cube.Total;
            }

            return ok;
        }));

    [Fact]
    public void Merge_OfAnyPartition_EqualsAggregatingAll() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, Arb.From(Gen.Choose(0, 1000)), (c, cut) =>
        {
            int at = c.Rows.Length == 0 ? 0 : cut % (c.Rows.Length + 1);
            Segmentation seg = Segmentation.CrossTab("region", "team");
            NpsCube whole = NpsCube.FromTable(c.Table(), seg, c.Options());
            NpsCube left = NpsCube.FromTable(Case.Table(c.Rows[..at]), seg, c.Options());
            NpsCube right = NpsCube.FromTable(Case.Table(c.Rows[at..]), seg, c.Options());
            return AggregationCases.SameCube(whole, left.Merge(right)) && AggregationCases.SameCube(whole, right.Merge(left));
        }));

    [Fact]
    public void FromTable_RowOrderNeverMatters() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, Arb.From(Gen.Choose(0, int.MaxValue)), (c, seed) =>
        {
            Row[] shuffled = [.. c.Rows];
            new Random(seed).Shuffle(shuffled);
            Segmentation seg = Segmentation.Hierarchy("region", "team");
            return AggregationCases.SameCube(
                NpsCube.FromTable(c.Table(), seg, c.Options()),
                NpsCube.FromTable(Case.Table(shuffled), seg, c.Options()));
        }));

    [Fact]
    public void FromTable_ParallelEqualsSingleThreaded() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, c =>
        {
            Segmentation seg = Segmentation.CrossTab("region", "team");
            ResponseTable table = c.Table();
            NpsCube single = NpsCube.FromTable(table, seg, c.Options(1));
            int saved = CubeKernel.MinRowsPerThread;
            CubeKernel.MinRowsPerThread = 1;
            try
            {
                return AggregationCases.SameCube(single, NpsCube.FromTable(table, seg, c.Options(3)));
            }
            finally
            {
                CubeKernel.MinRowsPerThread = saved;
            }
        }), 100);

    [Fact]
    public void FromTable_GranuleAndBucketAndScalarLookupsAgree() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, c =>
        {
            Segmentation seg = Segmentation.CrossTab("region", "team");
            ResponseTable table = c.Table();
            (bool vector, bool useGranules, int rowsPerGranule) = (CubeKernel.UseVectorLookup, CubeKernel.UseGranules, PeriodLookup.RowsPerGranule);
            try
            {
                PeriodLookup.RowsPerGranule = 0; // build the granule table however few the rows
                NpsCube granules = NpsCube.FromTable(table, seg, c.Options(1));
                CubeKernel.UseGranules = false;
                NpsCube buckets = NpsCube.FromTable(table, seg, c.Options(1));
                CubeKernel.UseVectorLookup = false;
                NpsCube scalar = NpsCube.FromTable(table, seg, c.Options(1));
                return AggregationCases.SameCube(granules, scalar) && AggregationCases.SameCube(buckets, scalar);
            }
            finally
            {
                (CubeKernel.UseVectorLookup, CubeKernel.UseGranules, PeriodLookup.RowsPerGranule) = (vector, useGranules, rowsPerGranule);
            }
        }), 200);

    [Fact]
    public void PeriodLookup_Granules_MarkExactlyTheGranulesThatHoldABoundary()
    {
        // Months of 2024–2026 in Copenhagen: granules are far narrower than a month, so the table exists; an entry is a
        // period index exactly when the whole granule lies in that period.
        var calendar = new AggregationOptions { TimeZoneId = "Europe/Copenhagen", Period = PeriodUnit.Month }.Validate();
        long min = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks, max = new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc).Ticks;
        PeriodLookup lookup = PeriodLookup.Build(calendar, min, max, 0, 1);
        Assert.True(lookup.GranuleShift >= 0);
        ReadOnlySpan<ushort> table = lookup.Granules;
        long width = 1L << lookup.GranuleShift;
        int straddling = 0;
        for (int j = 0; j < table.Length - 1; j++)
        {
            long first = lookup.Origin + (j * width);
            int a = lookup.SearchIndex(first), b = lookup.SearchIndex(first + width - 1);
            Assert.Equal(a == b ? (ushort)a : PeriodLookup.Straddles, table[j]);
            straddling += table[j] == PeriodLookup.Straddles ? 1 : 0;
        }

        Assert.InRange(straddling, lookup.Periods.Length - 2, lookup.Periods.Length);

        // A small table gets a small granule table (a quarter of its rows), or none below 256 entries.
        ReportingPeriod jan = ReportingPeriod.Containing(new DateOnly(2024, 1, 1), PeriodUnit.Month);
        ReportingPeriod dec = ReportingPeriod.Containing(new DateOnly(2026, 12, 1), PeriodUnit.Month);
        Assert.InRange(PeriodLookup.Build(calendar, jan, dec, min, max, 65_536).Granules.Length, 2, (65_536 / 4) + 1);
        Assert.True(PeriodLookup.Build(calendar, jan, dec, min, max, 1_000).GranuleShift < 0);
    }

    [Fact]
    public void Regroup_FromDays_EqualsAggregatingDirectly() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, c =>
        {
            ResponseTable table = c.Table();
            Segmentation seg = Segmentation.By("region");
            NpsCube days = NpsCube.FromTable(table, seg, c.Options() with { Period = PeriodUnit.Day });
            NpsCube direct = NpsCube.FromTable(table, seg, c.Options());
            return AggregationCases.SameCube(days.Regroup(c.Unit, c.FiscalStart), direct);
        }));
}
