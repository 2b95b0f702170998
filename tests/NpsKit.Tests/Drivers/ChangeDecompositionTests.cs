using FsCheck;
using FsCheck.Fluent;
using NpsKit.Aggregation;
using NpsKit.Drivers;
using NpsKit.TestUtilities;
using Rational = NpsKit.Drivers.ChangeDecomposition.Rational;

namespace NpsKit.Tests.Drivers;

public class ChangeDecompositionTests
{
    /// <summary>1 to 20 segments, each with a baseline and a current tally of 0..60 answers per category (either may be empty).</summary>
    private static readonly Gen<(SegmentPath, NpsTally, NpsTally)[]> Segmentations =
        from count in Gen.Choose(1, 20)
        from cells in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 60), 6), count)
        let rows = cells.Select((c, i) => (SegmentPath.Of("segment", $"S{i:00}"), NpsTally.FromCounts(c[0], c[1], c[2]), NpsTally.FromCounts(c[3], c[4], c[5]))).ToArray()
        where rows.Sum(r => r.Item2.Count) > 0 && rows.Sum(r => r.Item3.Count) > 0
        select rows;

    private static Rational Sum(NpsChangeDecomposition d) =>
        d.ExactParts.Mix.Concat(d.ExactParts.Performance).Aggregate(Rational.Zero, (a, b) => a.Add(b));

    [Fact]
    public void Parts_SumExactlyToTheChange() => PropertyRunner.Check(Prop.ForAll(Segmentations.ToArbitrary(), rows =>
    {
        NpsChangeDecomposition d = ChangeDecomposition.FromTallies(rows);
        NpsTally b = NpsTally.Sum(rows.Select(r => r.Item2)), c = NpsTally.Sum(rows.Select(r => r.Item3));
        var exactChange = new Rational((c.Promoters - c.Detractors) * 100 * b.Count - (b.Promoters - b.Detractors) * 100 * c.Count, b.Count * c.Count);
        double doubles = d.Parts.Sum(p => p.Mix.Estimate + p.Performance.Estimate);
        return Sum(d) == exactChange && d.ExactParts.Change == exactChange && Math.Abs(doubles - (c.Score - b.Score)) < 1e-9;
    }));

    [Fact]
    public void OneSegment_HasNoMixPart() => PropertyRunner.Check(Prop.ForAll(Segmentations.ToArbitrary(), rows =>
    {
        var one = rows.Where(r => r.Item2.HasScore && r.Item3.HasScore).Take(1).ToArray();
        if (one.Length == 0)
        {
            return true;
        }

        ChangePart p = ChangeDecomposition.FromTallies(one).Parts.Single();
        return p.Mix.Estimate == 0 && p.Mix.IsStructural && Math.Abs(p.Performance.Estimate - (one[0].Item3.Score - one[0].Item2.Score)) < 1e-9;
    }));

    [Fact]
    public void SwappingThePeriods_NegatesEveryPart() => PropertyRunner.Check(Prop.ForAll(Segmentations.ToArbitrary(), rows =>
    {
        NpsChangeDecomposition forward = ChangeDecomposition.FromTallies(rows);
        NpsChangeDecomposition back = ChangeDecomposition.FromTallies(rows.Select(r => (r.Item1, r.Item3, r.Item2)));
        return forward.Change == -back.Change && forward.Parts.Zip(back.Parts).All(x =>
            x.First.Mix.Estimate == -x.Second.Mix.Estimate && x.First.Performance.Estimate == -x.Second.Performance.Estimate
            && Math.Abs(x.First.Mix.StandardError - x.Second.Mix.StandardError) < 1e-12
            && Math.Abs(x.First.Performance.StandardError - x.Second.Performance.StandardError) < 1e-12);
    }));

    [Fact]
    public void HandExample_MatchesTheKitagawaSplit()
    {
        // A: 60 answers (30 P, 10 Pa, 20 D; NPS 16.67) → 30 (15, 5, 10; same NPS). B: 40 (10, 10, 20; −25) → 70 (14, 14, 42; −40).
        // NPS 0 → −23; c = −11.5. Mix_A = (0.3 − 0.6)(16.667 + 11.5) = −8.45; Perf_A = 0; Mix_B = 0.3(−32.5 + 11.5) = −6.3;
        // Perf_B = 0.55(−15) = −8.25; −8.45 − 6.3 − 8.25 = −23.
        NpsChangeDecomposition d = ChangeDecomposition.FromTallies(
        [
            (SegmentPath.Of("team", "A"), NpsTally.FromCounts(30, 10, 20), NpsTally.FromCounts(15, 5, 10)),
            (SegmentPath.Of("team", "B"), NpsTally.FromCounts(10, 10, 20), NpsTally.FromCounts(14, 14, 42)),
        ]);
        Assert.Equal(-23, d.Change, 12);
        Assert.Equal(-8.45, d.Parts[0].Mix.Estimate, 12);
        Assert.Equal(0, d.Parts[0].Performance.Estimate, 12);
        Assert.Equal(-6.3, d.Parts[1].Mix.Estimate, 12);
        Assert.Equal(-8.25, d.Parts[1].Performance.Estimate, 12);
        Assert.StartsWith("\u221223.0 points: fewer answers came from A (\u22128.5 of it, mix", d.Describe(), StringComparison.Ordinal);
        Assert.Contains("B's own NPS fell (\u22128.3 of it", d.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void OneSegment_PerformanceStandardError_IsTheAdjustedWaldTwoSampleError()
    {
        NpsTally b = NpsTally.FromCounts(120, 80, 50), c = NpsTally.FromCounts(90, 100, 70);
        ChangePart p = ChangeDecomposition.FromTallies([(SegmentPath.Of("all", "x"), b, c)]).Parts.Single();
        Assert.Equal(NpsTest.Compare(b, c).StandardError, p.Performance.StandardError, 10);
    }

    [Fact]
    public void DeltaStandardErrors_MatchTheSpreadOfSimulatedParts()
    {
        // Three segments with fixed true shares; 400 multinomial samples of 3 000 answers per period.
        double[][] truth0 = [[0.20, 0.10, 0.10], [0.10, 0.10, 0.10], [0.10, 0.05, 0.15]];
        double[][] truth1 = [[0.15, 0.10, 0.05], [0.10, 0.10, 0.15], [0.15, 0.05, 0.10]];
        var rng = new SplitMix64(18);
        var mix = new List<double>[3];
        var perf = new List<double>[3];
        for (int s = 0; s < 3; s++)
        {
            mix[s] = [];
            perf[s] = [];
        }

        NpsChangeDecomposition Draw()
        {
            NpsTally[] Sample(double[][] truth)
            {
                var counts = new long[9];
                double[] flat = [.. truth.SelectMany(x => x)];
                for (int i = 0; i < 3000; i++)
                {
                    counts[rng.NextWeighted(flat)]++;
                }

                return [.. Enumerable.Range(0, 3).Select(s => NpsTally.FromCounts(counts[3 * s], counts[(3 * s) + 1], counts[(3 * s) + 2]))];
            }

            NpsTally[] a = Sample(truth0), b = Sample(truth1);
            return ChangeDecomposition.FromTallies(Enumerable.Range(0, 3).Select(s => (SegmentPath.Of("s", s.ToString(System.Globalization.CultureInfo.InvariantCulture)), a[s], b[s])));
        }

        NpsChangeDecomposition first = Draw();
        for (int r = 0; r < 400; r++)
        {
            NpsChangeDecomposition d = Draw();
            for (int s = 0; s < 3; s++)
            {
                mix[s].Add(d.Parts[s].Mix.Estimate);
                perf[s].Add(d.Parts[s].Performance.Estimate);
            }
        }

        static double Sd(List<double> x) => Math.Sqrt(x.Sum(v => (v - x.Average()) * (v - x.Average())) / (x.Count - 1));
        for (int s = 0; s < 3; s++)
        {
            Assert.InRange(first.Parts[s].Mix.StandardError / Sd(mix[s]), 0.8, 1.25);
            Assert.InRange(first.Parts[s].Performance.StandardError / Sd(perf[s]), 0.8, 1.25);
        }
    }

    [Fact]
    public void SegmentInOnePeriodOnly_IsPureMix()
    {
        NpsChangeDecomposition d = ChangeDecomposition.FromTallies(
        [
            (SegmentPath.Of("team", "Old"), NpsTally.FromCounts(50, 30, 20), NpsTally.FromCounts(40, 30, 30)),
            (SegmentPath.Of("team", "New"), NpsTally.Empty, NpsTally.FromCounts(5, 5, 30)),
        ]);
        ChangePart added = d.Parts[1];
        Assert.True(added.Performance.IsStructural);
        Assert.Equal(0, added.Performance.Estimate);
        Assert.False(added.Mix.IsStructural);
        Assert.Equal(d.Change, d.Parts.Sum(p => p.Contribution), 10);
    }

    [Fact]
    public void Within_ChildrenSumExactlyToTheParentsContribution()
    {
        var rng = new SplitMix64(7);
        var responses = new List<SurveyResponse>();
        string[] depts = ["Billing", "Support"];
        string[] teams = ["A", "B", "C"];
        for (int i = 0; i < 3000; i++)
        {
            int month = i % 2;
            string dept = depts[rng.NextInt(2)];
            string team = teams[rng.NextInt(3)];
            int score = dept == "Billing" && month == 1 && team == "B" ? rng.NextInt(7) : rng.NextInt(11);
            responses.Add(new SurveyResponse(null, new DateTimeOffset(2026, 9 + month, 1 + rng.NextInt(28), 12, 0, 0, TimeSpan.Zero), score,
                new Dictionary<string, string> { ["department"] = dept, ["team"] = team }));
        }

        NpsCube cube = NpsCube.FromTable(ResponseTable.FromResponses(responses, ["department", "team"]), Segmentation.Hierarchy("department", "team"));
        ReportingPeriod sep = cube.Periods[0], oct = cube.Periods[1];
        NpsChangeDecomposition top = ChangeDecomposition.Between(cube, sep, oct, level: 1);
        Assert.Equal(2, top.Parts.Count);
        Assert.Equal(Sum(top), top.ExactParts.Change);
        for (int i = 0; i < top.Parts.Count; i++)
        {
            NpsChangeDecomposition inner = ChangeDecomposition.Within(cube, sep, oct, top.Parts[i].Segment);
            Assert.Equal(3, inner.Parts.Count);
            Assert.Equal(top.ExactParts.Mix[i].Add(top.ExactParts.Performance[i]), Sum(inner));
            Assert.Equal(inner.ExactParts.Change, Sum(inner));
        }

        NpsChangeDecomposition billing = ChangeDecomposition.Within(cube, sep, oct, SegmentPath.Of("department", "Billing"));
        ChangePart worst = billing.Parts.MinBy(p => p.Performance.Estimate)!;
        Assert.Equal("B", worst.Segment.ValueAt(1));
        Assert.True(worst.Performance.IsSignificant());
        Assert.Contains("from Billing", billing.Describe(), StringComparison.Ordinal);

        NpsChangeDecomposition finest = ChangeDecomposition.Between(cube, sep, oct);
        Assert.Equal(6, finest.Parts.Count);
        Assert.Equal(Sum(finest), finest.ExactParts.Change);
    }

    [Fact]
    public void Within_TheFinestLevel_Throws()
    {
        var responses = new[] { new SurveyResponse(null, new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), 9, new Dictionary<string, string> { ["team"] = "A" }) };
        NpsCube cube = NpsCube.FromTable(ResponseTable.FromResponses(responses, ["team"]), Segmentation.By("team"));
        var e = Assert.Throws<ArgumentException>(() => ChangeDecomposition.Within(cube, cube.Periods[0], cube.Periods[0], SegmentPath.Of("team", "A")));
        Assert.Contains("finest level", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyPeriod_ThrowsNamingIt()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ChangeDecomposition.FromTallies([(SegmentPath.Of("t", "A"), NpsTally.Empty, NpsTally.FromCounts(1, 0, 0))]));
        Assert.Contains("baseline", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Issue 18 regression: a segment of five answers per period that went from all promoters to all detractors was
    /// called "significant" ("Billing's own NPS fell (−3.3 of it, significant)", Holm-adjusted p 0.018 from a normal
    /// approximation at n = 5) — the test divided the raw change (−200 points within the segment) by a standard error taken
    /// at the pseudo-answer shares, and no sentence said how few answers it rested on.</summary>
    [Fact]
    public void TinySegment_IsNotCalledSignificant_AndIsDescribedAsTooFewAnswers()
    {
        NpsChangeDecomposition d = ChangeDecomposition.FromTallies(
        [
            (SegmentPath.Of("department", "Sales"), NpsTally.FromCounts(150, 75, 75), NpsTally.FromCounts(150, 75, 75)),
            (SegmentPath.Of("department", "Billing"), NpsTally.FromCounts(5, 0, 0), NpsTally.FromCounts(0, 0, 5)),
        ]);
        ChangePart billing = d.Parts.Single(p => p.Segment.ValueAt(0) == "Billing");

        Assert.True(billing.IsSmallSample);
        Assert.True(Math.Abs(billing.Performance.TestedEstimate) < Math.Abs(billing.Performance.Estimate)); // tested at the shrunk shares
        string sentence = d.Describe();
        Assert.Contains("Billing's own NPS fell", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("significant", sentence, StringComparison.Ordinal);
        Assert.Contains("too few answers to tell", sentence, StringComparison.Ordinal);
    }

    /// <summary>Above the minimum the sentence still says "significant" when the Holm-adjusted test says so.</summary>
    [Fact]
    public void LargeSegment_WithARealFall_IsCalledSignificant()
    {
        NpsChangeDecomposition d = ChangeDecomposition.FromTallies(
        [
            (SegmentPath.Of("department", "Sales"), NpsTally.FromCounts(150, 75, 75), NpsTally.FromCounts(150, 75, 75)),
            (SegmentPath.Of("department", "Billing"), NpsTally.FromCounts(60, 20, 20), NpsTally.FromCounts(20, 20, 60)),
        ]);

        Assert.False(d.Parts[1].IsSmallSample);
        Assert.Contains("Billing's own NPS fell (", d.Describe(), StringComparison.Ordinal);
        Assert.Contains(", significant)", d.Describe(), StringComparison.Ordinal);
    }

    /// <summary>The minimum is an option: 0 turns the small-sample wording off, and it is validated.</summary>
    [Fact]
    public void MinimumCount_IsAnOption()
    {
        (SegmentPath, NpsTally, NpsTally)[] rows =
        [
            (SegmentPath.Of("t", "A"), NpsTally.FromCounts(150, 75, 75), NpsTally.FromCounts(150, 75, 75)),
            (SegmentPath.Of("t", "B"), NpsTally.FromCounts(8, 1, 1), NpsTally.FromCounts(1, 1, 8)),
        ];
        Assert.True(ChangeDecomposition.FromTallies(rows).Parts[1].IsSmallSample);
        Assert.False(ChangeDecomposition.FromTallies(rows, new DecompositionOptions { MinimumCount = 0 }).Parts[1].IsSmallSample);
        Assert.DoesNotContain("too few", ChangeDecomposition.FromTallies(rows, new DecompositionOptions { MinimumCount = 0 }).Describe(), StringComparison.Ordinal);
        var e = Assert.Throws<InvalidOptionsException>(() => ChangeDecomposition.FromTallies(rows, new DecompositionOptions { MinimumCount = -1 }));
        Assert.Contains("MinimumCount", e.Message, StringComparison.Ordinal);
        Assert.Equal(("MinimumCount", "-1"), (Assert.Single(e.Problems).Member, e.Problems[0].Value));
    }

    /// <summary>The test of a part uses the adjusted-Wald logic of <see cref="NpsTest"/>: the estimate and its standard error
    /// both at the pseudo-answer shares. With one segment the performance part is the whole change, so its p-value and
    /// interval are exactly the adjusted-Wald two-sample test's — at any n, including tiny ones.</summary>
    [Fact]
    public void OneSegment_PerformanceTest_IsTheAdjustedWaldTwoSampleTest() => PropertyRunner.Check(Prop.ForAll(Segmentations.ToArbitrary(), rows =>
    {
        var one = rows.Where(r => r.Item2.HasScore && r.Item3.HasScore).Take(1).ToArray();
        if (one.Length == 0)
        {
            return true;
        }

        ChangePart p = ChangeDecomposition.FromTallies(one).Parts.Single();
        NpsComparison expected = NpsTest.Compare(one[0].Item2, one[0].Item3);
        return Math.Abs(p.Performance.PValue - expected.PValue) < 1e-9
            && Math.Abs(p.Performance.Lower - expected.Interval.Lower) < 1e-9
            && Math.Abs(p.Performance.Upper - expected.Interval.Upper) < 1e-9
            && Math.Abs(p.Performance.TestedEstimate - expected.Estimate) < 1e-9;
    }));

    /// <summary>Drill: the top level, then each department over its teams; each drill-down sums exactly to its parent's
    /// contribution, and the p-values are adjusted across every term of every decomposition together (one Holm family).</summary>
    [Fact]
    public void Drill_IsTheTopLevelThenEachParent_AdjustedAsOneFamily()
    {
        var rng = new SplitMix64(11);
        var responses = new List<SurveyResponse>();
        for (int i = 0; i < 4000; i++)
        {
            int month = i % 2;
            string dept = rng.NextInt(2) == 0 ? "Billing" : "Support";
            string team = "ABC"[rng.NextInt(3)].ToString();
            int score = dept == "Billing" && month == 1 && team == "B" ? rng.NextInt(7) : rng.NextInt(11);
            responses.Add(new SurveyResponse(null, new DateTimeOffset(2026, 9 + month, 1 + rng.NextInt(28), 12, 0, 0, TimeSpan.Zero), score,
                new Dictionary<string, string> { ["department"] = dept, ["team"] = team }));
        }

        NpsCube cube = NpsCube.FromTable(ResponseTable.FromResponses(responses, ["department", "team"]), Segmentation.Hierarchy("department", "team"));
        ReportingPeriod sep = cube.Periods[0], oct = cube.Periods[1];
        IReadOnlyList<NpsChangeDecomposition> drill = ChangeDecomposition.Drill(cube, sep, oct);

        Assert.Equal(3, drill.Count);
        Assert.True(drill[0].Parent.IsTotal);
        Assert.Equal(new[] { "Billing", "Support" }, drill.Skip(1).Select(d => d.Parent.ValueAt(0)));
        NpsChangeDecomposition top = ChangeDecomposition.Between(cube, sep, oct, level: 1);
        Assert.Equal(top.Change, drill[0].Change);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(top.ExactParts.Mix[i].Add(top.ExactParts.Performance[i]), Sum(drill[i + 1]));
        }

        double[] raw = [.. drill.SelectMany(d => d.Parts).SelectMany(p => new[] { p.Mix, p.Performance }).Where(t => !t.IsStructural).Select(t => t.PValue)];
        double[] expected = NpsKit.Statistics.MultipleComparisons.Adjust(raw, NpsKit.Statistics.PValueAdjustment.Holm);
        double[] actual = [.. drill.SelectMany(d => d.Parts).SelectMany(p => new[] { p.Mix, p.Performance }).Where(t => !t.IsStructural).Select(t => t.AdjustedPValue)];
        Assert.Equal(expected, actual);
        Assert.Equal(2 * (2 + 3 + 3), raw.Length);
        ChangePart worst = drill[1].Parts.MinBy(p => p.Performance.Estimate)!;
        Assert.Equal("B", worst.Segment.ValueAt(1));
        Assert.True(worst.Performance.IsSignificant());

        // One dimension: one decomposition, the same as Between.
        NpsCube flat = NpsCube.FromTable(ResponseTable.FromResponses(responses, ["department", "team"]), Segmentation.By("team"));
        NpsChangeDecomposition only = Assert.Single(ChangeDecomposition.Drill(flat, sep, oct));
        Assert.Equal(ChangeDecomposition.Between(flat, sep, oct).Describe(), only.Describe());
    }
}
