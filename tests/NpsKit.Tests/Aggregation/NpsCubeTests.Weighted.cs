using System.Text.Json;
using FsCheck.Fluent;
using NpsKit.Aggregation;
using NpsKit.Serialization;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Aggregation;

public partial class NpsCubeTests
{
    /// <summary>A deterministic survey weight per row, from 0.25 to 4 (so every cell mixes weights).</summary>
    private static double WeightOf(Row r) => 0.25 + ((r.Ticks / TimeSpan.TicksPerSecond % 16) * 0.25);

    private static ResponseTable WeightedTable(IEnumerable<Row> rows)
    {
        var b = new ResponseTableBuilder("region", "team");
        foreach (Row r in rows)
        {
            b.AddUtcTicks(r.Ticks, r.Score, [r.Region, r.Team], weight: WeightOf(r));
        }

        return b.ToTable();
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static bool SameWeighted(WeightedNpsTally a, WeightedNpsTally b)
    {
        for (int s = 0; s <= 10; s++)
        {
            if (a.CountOf(s) != b.CountOf(s) || !Close(a.SumOfWeightsOf(s), b.SumOfWeightsOf(s))
                || !Close(a.SumOfSquaredWeightsOf(s), b.SumOfSquaredWeightsOf(s)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameWeightedCube(NpsCube a, NpsCube b) =>
        AggregationCases.SameCube(a, b) && a.IsWeighted && b.IsWeighted
        && a.Periods.All(p => a.Segments.All(s => SameWeighted(a.WeightedTally(p, s), b.WeightedTally(p, s))));

    [Fact]
    public void WeightedTally_EqualsWeightedTallyOfTheMatchingRows() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, c =>
        {
            if (c.Rows.Length == 0)
            {
                return true; // a table without rows has no weight column
            }

            NpsCube cube = NpsCube.FromTable(WeightedTable(c.Rows), Segmentation.By("region"), c.Options());
            TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(c.Zone);
            foreach (ReportingPeriod period in cube.Periods)
            {
                foreach (SegmentPath segment in cube.Segments.Append(SegmentPath.Total))
                {
                    Row[] rows = [.. c.Rows.Where(r =>
                        AggregationCases.Label(TimeZoneInfo.ConvertTime(new DateTimeOffset(r.Ticks, TimeSpan.Zero), zone).DateTime, c.Unit, c.FiscalStart) == period.ToString()
                        && (segment.IsTotal || segment.ValueAt(0) == r.Region))];
                    WeightedNpsTally expected = WeightedNpsTally.FromResponses([.. rows.Select(r => (int)r.Score)], [.. rows.Select(WeightOf)]);
                    if (!SameWeighted(expected, cube.WeightedTally(period, segment)))
                    {
                        return false;
                    }
                }
            }

            return cube.IsWeighted && SameWeighted(WeightedNpsTally.FromResponses([.. c.Rows.Select(r => (int)r.Score)], [.. c.Rows.Select(WeightOf)]), cube.WeightedTotal);
        }), 100);

    [Fact]
    public void WeightedCube_PartitionsMergeAndParallelAgree() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, c =>
        {
            Segmentation seg = Segmentation.CrossTab("region", "team");
            NpsCube whole = NpsCube.FromTable(WeightedTable(c.Rows), seg, c.Options());
            int half = c.Rows.Length / 2;
            NpsCube merged = NpsCube.FromTable(WeightedTable(c.Rows[..half]), seg, c.Options())
                .Merge(NpsCube.FromTable(WeightedTable(c.Rows[half..]), seg, c.Options()));
            int saved = CubeKernel.MinRowsPerThread;
            CubeKernel.MinRowsPerThread = 1;
            try
            {
                NpsCube parallel = NpsCube.FromTable(WeightedTable(c.Rows), seg, c.Options(3));
                return c.Rows.Length == 0 || (SameWeightedCube(whole, merged) && SameWeightedCube(whole, parallel));
            }
            finally
            {
                CubeKernel.MinRowsPerThread = saved;
            }
        }), 100);

    [Fact]
    public void WeightedCube_RegroupedFromDays_EqualsAggregatingDirectly() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, c =>
        {
            ResponseTable table = WeightedTable(c.Rows);
            NpsCube days = NpsCube.FromTable(table, Segmentation.By("region"), c.Options() with { Period = PeriodUnit.Day });
            NpsCube direct = NpsCube.FromTable(table, Segmentation.By("region"), c.Options());
            return c.Rows.Length == 0 || SameWeightedCube(days.Regroup(c.Unit, c.FiscalStart), direct);
        }));

    [Fact]
    public void WeightedCube_ScalingEveryWeightChangesNoStatistic() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, Gen.Elements(1e-200, 1e-150, 3.7e-9, 1.0, 2.5e7, 1e150, 1e200).ToArbitrary(), (c, factor) =>
        {
            // Issue #17: the kernel summed raw w and w², so 1e200 overflowed Σw² to ∞ and 1e-200 underflowed it to 0
            // (the cube's tallies then threw or gave NaN). Every statistic must be invariant to a common factor —
            // through aggregation, merging and regrouping alike.
            if (c.Rows.Length == 0)
            {
                return true;
            }

            Segmentation seg = Segmentation.By("region");
            NpsCube plain = NpsCube.FromTable(WeightedTable(c.Rows), seg, c.Options());
            var b = new ResponseTableBuilder("region", "team");
            foreach (Row r in c.Rows)
            {
                b.AddUtcTicks(r.Ticks, r.Score, [r.Region, r.Team], weight: WeightOf(r) * factor);
            }

            NpsCube scaled = NpsCube.FromTable(b.ToTable(), seg, c.Options());
            int half = c.Rows.Length / 2;
            NpsCube merged = NpsCube.FromTable(WeightedTable(c.Rows[..half]), seg, c.Options()).Merge(scaled);
            NpsCube mergedPlain = NpsCube.FromTable(WeightedTable(c.Rows[..half]), seg, c.Options()).Merge(plain);
            return SameStatistics(plain.WeightedTotal, scaled.WeightedTotal)
                && plain.Periods.All(p => plain.Segments.All(s => SameStatistics(plain.WeightedTally(p, s), scaled.WeightedTally(p, s))))
                && merged.WeightedTotal.Count == mergedPlain.WeightedTotal.Count
                && double.IsFinite(merged.WeightedTotal.Score) && double.IsFinite(merged.WeightedTotal.EffectiveSampleSize);
        }));

    private static bool SameStatistics(WeightedNpsTally a, WeightedNpsTally b) =>
        a.Count == b.Count
        && (!a.HasScore || (Close(a.Score, b.Score) && Close(a.EffectiveSampleSize, b.EffectiveSampleSize)
            && (a.Count < 2 || Close(a.StandardError, b.StandardError))));

    [Fact]
    public void WeightedCube_JsonRoundTripIsExact() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.Cases, c =>
        {
            if (c.Rows.Length == 0)
            {
                return true;
            }

            NpsCube cube = NpsCube.FromTable(WeightedTable(c.Rows), Segmentation.CrossTab("region", "team"), c.Options());
            NpsCube back = NpsJson.DeserializeCube(NpsJson.Serialize(cube));
            return back.IsWeighted && AggregationCases.SameCube(cube, back)
                && cube.CopyTrueWeights()!.AsSpan().SequenceEqual(back.CopyTrueWeights())
                && cube.CopyTrueSquaredWeights()!.AsSpan().SequenceEqual(back.CopyTrueSquaredWeights());
        }));

    [Fact]
    public void WeightedTally_KnownAnswer_WeightedScoreAndKishN()
    {
        var b = new ResponseTableBuilder("team");
        var at = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        b.Add(at, 10, ["a"], weight: 2.0);
        b.Add(at, 9, ["a"], weight: 1.0);
        b.Add(at, 3, ["a"], weight: 1.0);
        b.Add(at, 8, ["b"]); // no weight given: weight 1
        NpsCube cube = NpsCube.FromTable(b.ToTable(), Segmentation.By("team"));

        WeightedNpsTally a = cube.WeightedTally(SegmentPath.Of("team", "a"));
        Assert.Equal(50.0, a.Score, 12);                       // 100 × (3 − 1) / 4
        Assert.Equal(16.0 / 6.0, a.EffectiveSampleSize, 12);   // Kish: (Σw)² / Σw² = 16 / 6
        Assert.Equal(40.0, cube.WeightedTotal.Score, 12);      // 100 × (3 − 1) / 5
        Assert.Equal(4, cube.Total.Count);
        Assert.Equal(25.0, cube.Total.Score, 12);              // unweighted counts are still there: 100 × (2 − 1) / 4
    }

    [Fact]
    public void WeightedTally_UnweightedCube_ThrowsAndSaysWhy()
    {
        NpsCube cube = NpsCube.FromTable(Case.Table([new Row(new DateTime(2026, 1, 5).Ticks, 9, "North", "a")]));
        Assert.False(cube.IsWeighted);
        var e = Assert.Throws<InvalidOperationException>(() => cube.WeightedTotal);
        Assert.Contains("without weights", e.Message, StringComparison.Ordinal);
        Assert.Contains("without weights", Assert.Throws<InvalidOperationException>(() => cube.WeightedSeries()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightedSeries_PointsAreTheWindowsSummedInOrder_AndMatchTheUnweightedSeries() => PropertyRunner.Check(
        Prop.ForAll(AggregationCases.NarrowCases, c =>
        {
            if (c.Rows.Length == 0)
            {
                return true; // no answers, no weights: the cube is unweighted (tested above)
            }

            NpsCube cube = NpsCube.FromTable(WeightedTable(c.Rows), Segmentation.By("region"), c.Options() with { MinimumCount = 3 });
            RollingWindow[] windows = c.Unit == PeriodUnit.Day
                ? [RollingWindow.Single, RollingWindow.Periods(3), RollingWindow.Cumulative, RollingWindow.Days(7)]
                : [RollingWindow.Single, RollingWindow.Periods(3), RollingWindow.Cumulative];
            bool ok = true;
            foreach (SegmentPath segment in cube.Segments.Append(SegmentPath.Total))
            {
                foreach (RollingWindow window in windows)
                {
                    IReadOnlyList<WeightedNpsCell> weighted = cube.WeightedSeries(segment, window);
                    IReadOnlyList<NpsCell> counts = cube.Series(segment).WithWindow(window).Points;
                    ok &= weighted.Count == cube.Periods.Count;
                    int span = window.Kind == RollingWindowKind.Cumulative ? int.MaxValue : window.Length;
                    WeightedNpsTally[] perPeriod = [.. cube.Periods.Select(p => cube.WeightedTally(p, segment))];
                    WeightedNpsTally running = WeightedNpsTally.Empty;
                    for (int i = 0; i < weighted.Count; i++)
                    {
                        running += perPeriod[i];
                        WeightedNpsTally expected = running; // the whole prefix, summed in order
                        if (span != int.MaxValue && i >= span)
                        {
                            expected = WeightedNpsTally.Empty;
                            for (int k = i - span + 1; k <= i; k++)
                            {
                                expected += perPeriod[k];
                            }
                        }

                        ok &= weighted[i].Tally == expected // bit for bit: summed afresh, in period order
                            && weighted[i].Period == cube.Periods[i] && weighted[i].Segment == segment
                            && weighted[i].Tally.Unweighted == counts[i].Tally
                            && weighted[i].IsBelowMinimumCount == counts[i].IsBelowMinimumCount;
                    }
                }
            }

            return ok;
        }), 100);

    [Fact]
    public void WeightedSeries_OfDaysOnAMonthCube_SaysWhy()
    {
        NpsCube cube = NpsCube.FromTable(WeightedTable([new Row(new DateTime(2026, 1, 5).Ticks, 9, "North", "a")]));
        Assert.Contains("needs a series by day", Assert.Throws<InvalidOperationException>(() => cube.WeightedSeries(window: RollingWindow.Days(28))).Message, StringComparison.Ordinal);
        WeightedNpsCell point = Assert.Single(cube.WeightedSeries());
        Assert.StartsWith("2026-01, Total: weighted NPS +100.0", point.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_WeightedWithUnweightedAnswers_Throws_ButAnEmptyCubeJoins()
    {
        Row[] rows = [new Row(new DateTime(2026, 1, 5).Ticks, 9, "North", "a")];
        NpsCube weighted = NpsCube.FromTable(WeightedTable(rows), Segmentation.By("region"));
        NpsCube unweighted = NpsCube.FromTable(Case.Table(rows), Segmentation.By("region"));
        var e = Assert.Throws<ArgumentException>(() => weighted.Merge(unweighted));
        Assert.Contains("this cube is the weighted one", e.Message, StringComparison.Ordinal);

        NpsCube empty = NpsCube.FromTable(Case.Table([]), Segmentation.By("region"), new AggregationOptions { FirstDay = new DateOnly(2025, 12, 1) });
        NpsCube joined = empty.Merge(weighted);
        Assert.True(joined.IsWeighted);
        Assert.Equal(2, joined.Periods.Count);
        Assert.Equal(weighted.WeightedTotal, joined.WeightedTotal);
    }

    [Fact]
    public void DeserializeCube_WeightedCellWithoutWeights_SaysWhatIsMissing()
    {
        NpsCube cube = NpsCube.FromTable(WeightedTable([new Row(new DateTime(2026, 1, 5).Ticks, 9, "North", "a")]), Segmentation.By("region"));
        string json = NpsJson.Serialize(cube);
        string broken = json[..json.IndexOf(",\"weights\"", StringComparison.Ordinal)] + "}]}";
        var e = Assert.Throws<JsonException>(() => NpsJson.DeserializeCube(broken));
        Assert.Contains("needs \"weights\"", e.Message, StringComparison.Ordinal);
    }
}
