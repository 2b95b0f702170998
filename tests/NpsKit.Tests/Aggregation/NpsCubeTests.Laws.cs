using System.Runtime.Intrinsics.X86;
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
    public void FromTable_GranuleAndBucketAndScalarLookupsAgree() =>
        PropertyRunner.Check(Prop.ForAll(AggregationCases.Cases, AvxLookupsAgreeWithScalar), 200);

    [Fact]
    public void FromTable_GranuleAndBucketAndScalarLookupsAgree_OverManyBlocks() =>
        PropertyRunner.Check(Prop.ForAll(AggregationCases.NarrowCases, AvxLookupsAgreeWithScalar), 150);

    /// <summary>The AVX2 granule and bucket lookups (each with the next block's increments pipelined into it) against
    /// the scalar one, on any machine.</summary>
    private static bool AvxLookupsAgreeWithScalar(Case c)
    {
        Segmentation seg = Segmentation.CrossTab("region", "team");
        ResponseTable table = c.Table();
        (bool vector, bool useGranules, int rowsPerGranule, bool registers) = (CubeKernel.UseVectorLookup, CubeKernel.UseGranules, PeriodLookup.RowsPerGranule, CubeKernel.UseRegisterTable);
        try
        {
            CubeKernel.UseRegisterTable = false; // the AVX2 paths, on any machine
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
            (CubeKernel.UseVectorLookup, CubeKernel.UseGranules, PeriodLookup.RowsPerGranule, CubeKernel.UseRegisterTable) = (vector, useGranules, rowsPerGranule, registers);
        }
    }

    [Fact]
    public void FromTable_RegisterTableKernelAgreesWithScalar()
    {
        int withRegisters = 0, cases = 0;
        PropertyRunner.Check(
            Prop.ForAll(AggregationCases.NarrowCases, c =>
            {
                Segmentation seg = Segmentation.CrossTab("region", "team");
                ResponseTable table = c.Table();
                cases++;
                withRegisters += LookupFor(c, table).Registers is null ? 0 : 1;
                NpsCube registers = NpsCube.FromTable(table, seg, c.Options(1));
                NpsCube byTeam = NpsCube.FromTable(table, Segmentation.By("team"), c.Options(1));
                NpsCube overall = NpsCube.FromTable(table, Segmentation.Total, c.Options(1));
                (bool useRegisters, bool vector, int perThread) = (CubeKernel.UseRegisterTable, CubeKernel.UseVectorLookup, CubeKernel.MinRowsPerThread);
                try
                {
                    CubeKernel.MinRowsPerThread = 1;
                    NpsCube parallel = NpsCube.FromTable(table, seg, c.Options(3));
                    (CubeKernel.UseRegisterTable, CubeKernel.UseVectorLookup) = (false, false);
                    return AggregationCases.SameCube(registers, NpsCube.FromTable(table, seg, c.Options(1)))
                        && AggregationCases.SameCube(registers, parallel)
                        && AggregationCases.SameCube(byTeam, NpsCube.FromTable(table, Segmentation.By("team"), c.Options(1)))
                        && AggregationCases.SameCube(overall, NpsCube.FromTable(table, Segmentation.Total, c.Options(1)));
                }
                finally
                {
                    (CubeKernel.UseRegisterTable, CubeKernel.UseVectorLookup, CubeKernel.MinRowsPerThread) = (useRegisters, vector, perThread);
                }
            }), 300);

        // The generator is there to reach the register kernel: most of its cases must.
        Assert.True(!Avx512Vbmi.IsSupported || withRegisters * 2 > cases, $"only {withRegisters} of {cases} cases had a register table");
    }

    [Fact]
    public void FromTable_RegisterTableKernel_IsExactAtEveryBoundary()
    {
        // Rows at, just before and just after every month start, and at the edges of the boundary's 65,536th of its
        // bucket (the rows that take the exact path), must land in the same months as with the scalar lookup.
        var options = new AggregationOptions { TimeZoneId = "America/New_York", Period = PeriodUnit.Month, MinimumCount = 0 };
        long min = new DateTime(2024, 1, 1, 5, 0, 0, DateTimeKind.Utc).Ticks, max = new DateTime(2026, 1, 1, 4, 59, 59, DateTimeKind.Utc).Ticks;
        PeriodLookup lookup = PeriodLookup.Build(options.Validate(), min, max, 0, 1);
        Assert.NotNull(lookup.Registers);
        long quantum = 1L << (lookup.Shift - PeriodLookup.RegisterTable.FractionBits);
        var builder = new ResponseTableBuilder("team");
        int score = 0;
        foreach (long start in lookup.Starts.Skip(1).SkipLast(1))
        {
            foreach (long offset in new[] { -quantum - 1, -quantum, -1, 0, 1, quantum - 1, quantum, quantum + 1 })
            {
                long at = Math.Clamp(start + offset, min, max);
                builder.AddUtcTicks(at, (byte)(score++ % 11), [score % 3 == 0 ? "a" : "b"]);
            }
        }

        ResponseTable table = builder.ToTable();
        NpsCube registers = NpsCube.FromTable(table, Segmentation.By("team"), options);
        Assert.True(AggregationCases.SameCube(registers, ScalarCube(table, Segmentation.By("team"), options)));

        Assert.Equal(table.Count, registers.Total.Count);
    }

    [Theory]
    [InlineData("Pacific/Apia", PeriodUnit.Day, 2011, 12, 1, 60)] // 30 December 2011 was skipped: a zero-length day
    [InlineData("Europe/Copenhagen", PeriodUnit.IsoWeek, 2025, 6, 1, 600)] // more than 64 buckets
    [InlineData("America/Sao_Paulo", PeriodUnit.Day, 2018, 10, 20, 30)] // DST at local midnight
    public void FromTable_RegisterTableKernel_SkippedDaysAndWideTables(string zone, PeriodUnit unit, int year, int month, int day, int days)
    {
        var options = new AggregationOptions { TimeZoneId = zone, Period = unit, MinimumCount = 0 };
        long from = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var builder = new ResponseTableBuilder("team");
        var random = new Random(20261124);
        for (int i = 0; i < 5_000; i++)
        {
            long at = from + (long)(random.NextDouble() * days * TimeSpan.TicksPerDay);
            builder.AddUtcTicks(at, (byte)random.Next(11), [random.Next(3) == 0 ? "a" : "b"]);
        }

        ResponseTable table = builder.ToTable();
        PeriodLookup lookup = PeriodLookup.Build(options.Validate(), table.UtcTicks[table.MinRow], table.UtcTicks[table.MaxRow], 0, 1);
        Assert.NotNull(lookup.Registers);
        Assert.True(lookup.Registers!.Skips || lookup.Registers.Wide || zone == "America/Sao_Paulo");
        NpsCube registers = NpsCube.FromTable(table, Segmentation.By("team"), options);
        Assert.True(AggregationCases.SameCube(registers, ScalarCube(table, Segmentation.By("team"), options)));
    }

    [Fact]
    public void PeriodLookup_RegisterTable_OnlyWhenTheBucketsFit()
    {
        // Two years of months: 38 buckets of 2^44 ticks (20 days). Two years of days: far more than 128 buckets.
        long min = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks, max = new DateTime(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var months = new AggregationOptions { TimeZoneId = "Europe/Copenhagen", Period = PeriodUnit.Month }.Validate();
        var days = new AggregationOptions { TimeZoneId = "Europe/Copenhagen", Period = PeriodUnit.Day }.Validate();
        PeriodLookup monthly = PeriodLookup.Build(months, min, max, 0, 1);
        Assert.NotNull(monthly.Registers);
        Assert.Null(PeriodLookup.Build(days, min, max, 0, 1).Registers);

        // Every bucket's entries say what the bucket table says.
        PeriodLookup.RegisterTable registers = monthly.Registers!;
        ReadOnlySpan<PeriodLookup.Bucket> buckets = monthly.Buckets;
        for (int b = 0; b < PeriodLookup.RegisterTable.MaxBuckets; b++)
        {
            if (b >= buckets.Length)
            {
                Assert.Equal(ushort.MaxValue, registers.Boundary[b]);
                continue;
            }

            Assert.Equal(buckets[b].Before, registers.Before[b]);
            Assert.Equal(buckets[b].After, registers.After[b]);
            long start = monthly.Origin + ((long)b << monthly.Shift);
            bool inside = buckets[b].Next - start < (1L << monthly.Shift);
            Assert.Equal(
                inside ? (ushort)((buckets[b].Next - start) >> (monthly.Shift - PeriodLookup.RegisterTable.FractionBits)) : ushort.MaxValue,
                registers.Boundary[b]);
        }
    }

    /// <summary>The cube the scalar lookup gives, with every vector path switched off.</summary>
    private static NpsCube ScalarCube(ResponseTable table, Segmentation segmentation, AggregationOptions options)
    {
        (bool useRegisters, bool vector) = (CubeKernel.UseRegisterTable, CubeKernel.UseVectorLookup);
        try
        {
            (CubeKernel.UseRegisterTable, CubeKernel.UseVectorLookup) = (false, false);
            return NpsCube.FromTable(table, segmentation, options);
        }
        finally
        {
            (CubeKernel.UseRegisterTable, CubeKernel.UseVectorLookup) = (useRegisters, vector);
        }
    }

    private static PeriodLookup LookupFor(Case c, ResponseTable table)
    {
        ReadOnlySpan<long> ticks = table.UtcTicks;
        long min = long.MaxValue, max = long.MinValue;
        foreach (long t in ticks)
        {
            (min, max) = (Math.Min(min, t), Math.Max(max, t));
        }

        return PeriodLookup.Build(c.Options().Validate(), min, max, 0, 1);
    }

    [Fact]
    public void PeriodLookup_Granules_MarkExactlyTheGranulesThatHoldABoundary()
    {
        // Months of 2015–2026 in Copenhagen (too many buckets for the register table): granules are far narrower than a
        // month, so the table exists; an entry is a period index exactly when the whole granule lies in that period.
        var calendar = new AggregationOptions { TimeZoneId = "Europe/Copenhagen", Period = PeriodUnit.Month }.Validate();
        long min = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks, max = new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc).Ticks;
        PeriodLookup lookup = PeriodLookup.Build(calendar, min, max, 0, 1);
        Assert.Null(lookup.Registers);
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
        ReportingPeriod jan = ReportingPeriod.Containing(new DateOnly(2015, 1, 1), PeriodUnit.Month);
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
