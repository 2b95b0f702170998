using FsCheck.Fluent;
using NpsKit.Statistics;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Statistics;

/// <summary>
/// <see cref="NpsSurveyDesign"/> against R's survey package (TestData/survey_design.R makes survey_design.csv:
/// svydesign with strata, nested clusters and weights; svymean's estimate, SE, deff = "replace" and confint).
/// </summary>
public class SurveyDesignTests
{
    private static readonly int[] Cases = [1, 2, 3, 4, 5];

    public static TheoryData<int> CaseNumbers => [.. Cases];

    [Theory]
    [MemberData(nameof(CaseNumbers))]
    public void MatchesRSurveyPackage(int caseNumber)
    {
        (NpsSurveyDesign design, double[] expected) = Load(caseNumber);
        double estimate = expected[0], se = expected[1], deff = expected[2], lower = expected[3], upper = expected[4];
        AssertClose(100 * estimate, design.Score, 1e-12);
        AssertClose(100 * se, design.StandardError, 1e-12);
        AssertClose(deff, design.DesignEffect, 1e-12);
        NpsInterval wald = design.ConfidenceInterval(0.95, NpsIntervalMethod.Wald);
        AssertClose(100 * lower, wald.Lower, 1e-12);
        AssertClose(100 * upper, wald.Upper, 1e-12);
        AssertClose(10_000 * se * se, design.Variance, 1e-12);
    }

    [Fact]
    public void TheFullDesignHasItsStrataPsusAndDegreesOfFreedom()
    {
        (NpsSurveyDesign design, _) = Load(1);
        Assert.True(design.HasStrata);
        Assert.True(design.HasClusters);
        Assert.Equal(4, design.StratumCount);
        Assert.Equal(20, design.PrimarySamplingUnits);
        Assert.Equal(16, design.DegreesOfFreedom);
        Assert.StartsWith("weighted NPS +19.4 (SE 17.90, deff 10.49;", design.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryIntervalMethodUsesTheDesignVariance()
    {
        // n* = V_w / Var: a Wald interval on the design-effective counts is the design's Wald interval, and the
        // other methods are built on the same n* (so a clustered design's intervals are wider than the tally's).
        (NpsSurveyDesign design, _) = Load(1);
        double unit = design.Tally.UnitVariance;
        Assert.Equal(unit / design.Variance, design.DesignEffectiveSampleSize, 1e-9);
        foreach (NpsIntervalMethod method in new[] { NpsIntervalMethod.AdjustedWald, NpsIntervalMethod.Score, NpsIntervalMethod.Bayesian, NpsIntervalMethod.Exact })
        {
            NpsInterval withDesign = design.ConfidenceInterval(0.95, method);
            NpsInterval tallyOnly = design.Tally.ConfidenceInterval(0.95, method);
            Assert.True(withDesign.Width > tallyOnly.Width, $"{method}: {withDesign} vs {tallyOnly}");
        }

        Assert.ThrowsAny<ArgumentException>(() => design.ConfidenceInterval(new NpsIntervalOptions { Method = NpsIntervalMethod.Bootstrap }));
    }

    [Fact]
    public void WithoutStrataOrClustersItIsTheWeightedTally() => PropertyRunner.Check(
        Prop.ForAll(
            (from n in Gen.Choose(2, 60)
             from scores in Gen.ArrayOf(Gen.Choose(0, 10), n)
             from weights in Gen.ArrayOf(Gen.Choose(1, 1000).Select(w => w / 37.0), n)
             select (scores, weights)).ToArbitrary(),
            data =>
            {
                var design = NpsSurveyDesign.FromResponses(data.scores, data.weights);
                var tally = WeightedNpsTally.FromResponses(data.scores, data.weights);
                return Close(tally.StandardError, design.StandardError, 1e-12) && Close(tally.Score, design.Score, 1e-12);
            }));

    [Fact]
    public void ScalingEveryWeightChangesNothing() => PropertyRunner.Check(
        Prop.ForAll(
            (from n in Gen.Choose(6, 60)
             from scores in Gen.ArrayOf(Gen.Choose(0, 10), n)
             from weights in Gen.ArrayOf(Gen.Choose(1, 1000).Select(w => w / 37.0), n)
             from exponent in Gen.Elements(-280, -200, -30, 0, 30, 200, 280)
             from factor in Gen.Elements(1.0, 3.7, 0.013)
             select (scores, weights, exponent, factor)).ToArbitrary(),
            data =>
            {
                string[] strata = [.. data.scores.Select((_, i) => i % 2 == 0 ? "A" : "B")];
                string[] clusters = [.. data.scores.Select((_, i) => "C" + ((i / 2) % 3))];
                double c = data.factor * Math.Pow(2, data.exponent);
                var design = NpsSurveyDesign.FromResponses(data.scores, data.weights, strata, clusters);
                var scaled = NpsSurveyDesign.FromResponses(data.scores, [.. data.weights.Select(w => w * c)], strata, clusters);
                return Close(design.StandardError, scaled.StandardError, 1e-12)
                    && Close(design.Score, scaled.Score, 1e-12)
                    && (double.IsNaN(design.DesignEffect) ? double.IsNaN(scaled.DesignEffect) : Close(design.DesignEffect, scaled.DesignEffect, 1e-12));
            }));

    [Fact]
    public void FromClustersEqualsFromResponses()
    {
        (NpsSurveyDesign design, _, List<(int Score, double Weight, string Stratum, string Cluster)> rows) = LoadRows(1);
        var psus = rows.GroupBy(r => (r.Stratum, r.Cluster))
            .Select(g => ((string?)g.Key.Stratum, g.Key.Cluster, WeightedNpsTally.FromResponses([.. g.Select(r => r.Score)], [.. g.Select(r => r.Weight)])));
        var fromClusters = NpsSurveyDesign.FromClusters(psus);
        AssertClose(design.StandardError, fromClusters.StandardError, 1e-12);
        AssertClose(design.DesignEffect, fromClusters.DesignEffect, 1e-12);
        Assert.Equal(design.PrimarySamplingUnits, fromClusters.PrimarySamplingUnits);
    }

    [Fact]
    public void ClusterIdsAreNestedInStrata()
    {
        // "C1" in stratum A and "C1" in stratum B are two PSUs (nest = TRUE).
        int[] scores = [10, 0, 9, 7, 3, 10, 8, 0];
        double[] weights = [1, 2, 1, 1, 2, 1, 1, 3];
        string[] strata = ["A", "A", "A", "A", "B", "B", "B", "B"];
        string[] clusters = ["C1", "C1", "C2", "C2", "C1", "C1", "C2", "C2"];
        var design = NpsSurveyDesign.FromResponses(scores, weights, strata, clusters);
        Assert.Equal(4, design.PrimarySamplingUnits);
        Assert.Equal(2, design.DegreesOfFreedom);
    }

    [Fact]
    public void AStratumWithOnePsuIsRefusedByName()
    {
        int[] scores = [10, 0, 9, 7, 3];
        double[] weights = [1, 2, 1, 1, 2];
        string[] strata = ["A", "A", "A", "A", "Lonely"];
        string[] clusters = ["C1", "C1", "C2", "C2", "C9"];
        var design = NpsSurveyDesign.FromResponses(scores, weights, strata, clusters);
        var e = Assert.Throws<InvalidOperationException>(() => design.StandardError);
        Assert.Contains("Stratum \"Lonely\" has a single PSU", e.Message, StringComparison.Ordinal);
        Assert.Contains("merge it", e.Message, StringComparison.Ordinal);
        Assert.Contains("SE not computable", design.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BadRowsAreNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => NpsSurveyDesign.FromResponses([9, 10], [1.0, 1.0], ["A", null]));
        Assert.Contains("Row 1 has no stratum id", e.Message, StringComparison.Ordinal);
        var w = Assert.Throws<ArgumentOutOfRangeException>(() => NpsSurveyDesign.FromResponses([9, 10], [1.0, -1.0]));
        Assert.Contains("1", w.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NpsSurveyDesign.FromResponses([9, 10], [1.0]));
        Assert.Throws<ArgumentException>(() => NpsSurveyDesign.FromResponses([], []));
        var twice = Assert.Throws<ArgumentException>(() => NpsSurveyDesign.FromClusters(
        [
            ("A", "C1", WeightedNpsTally.FromResponses([9], [1.0])),
            ("A", "C1", WeightedNpsTally.FromResponses([0], [1.0])),
        ]));
        Assert.Contains("repeats cluster \"C1\" of stratum \"A\"", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareAddsTheTwoDesignVariances()
    {
        (NpsSurveyDesign a, _) = Load(1);
        (NpsSurveyDesign b, _) = Load(2);
        NpsComparison c = NpsTest.Compare(a, b);
        Assert.Equal(b.Score - a.Score, c.Estimate, 1e-9);
        Assert.Equal(Math.Sqrt(a.Variance + b.Variance), c.StandardError, 1e-9);
        Assert.Equal(c.Estimate / c.StandardError, c.Z, 1e-12);
        Assert.Equal(NpsTestMethod.Wald, c.Method);
    }

    [Fact]
    public void AllAnswersInOneCategoryHaveNoDesignEffectAndAreNotComputable()
    {
        var design = NpsSurveyDesign.FromResponses([10, 9, 10, 9], [1.0, 2.0, 1.0, 3.0], null, ["C1", "C1", "C2", "C2"]);
        Assert.Equal(0, design.StandardError);
        Assert.True(double.IsNaN(design.DesignEffect));
        NpsComparison c = NpsTest.Compare(design, design);
        Assert.False(c.IsComputable);
    }

    private static (NpsSurveyDesign Design, double[] Expected) Load(int caseNumber)
    {
        (NpsSurveyDesign design, double[] expected, _) = LoadRows(caseNumber);
        return (design, expected);
    }

    private static (NpsSurveyDesign Design, double[] Expected, List<(int Score, double Weight, string Stratum, string Cluster)> Rows) LoadRows(int caseNumber)
    {
        var rows = new List<(int, double, string, string)>();
        double[]? expected = null;
        foreach (string[] r in KnownAnswers.Rows("survey_design.csv"))
        {
            if (KnownAnswers.L(r[1]) != caseNumber)
            {
                continue;
            }

            if (r[0] == "resp")
            {
                rows.Add(((int)KnownAnswers.L(r[2]), KnownAnswers.D(r[3]), r[4], r[5]));
            }
            else if (r[0] == "expect")
            {
                expected = [.. r.Skip(2).Select(KnownAnswers.D)];
            }
        }

        bool hasStrata = rows[0].Item3.Length > 0;
        bool hasClusters = rows[0].Item4.Length > 0;
        var design = NpsSurveyDesign.FromResponses(
            [.. rows.Select(r => r.Item1)],
            [.. rows.Select(r => r.Item2)],
            hasStrata ? [.. rows.Select(r => r.Item3)] : null,
            hasClusters ? [.. rows.Select(r => r.Item4)] : null);
        return (design, expected!, rows);
    }

    private static bool Close(double expected, double actual, double relative) =>
        Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected));

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(Close(expected, actual, relative), $"expected {expected:R}, got {actual:R} (difference {actual - expected:R})");
}
