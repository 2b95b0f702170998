using FsCheck;
using FsCheck.Fluent;
using NpsKit.Statistics;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Statistics;

public class NpsTestTests
{
    private const string Reference = "statistics_reference.csv";

    private static readonly Arbitrary<NpsTally> Tallies =
        (from p in Gen.Choose(0, 300)
         from m in Gen.Choose(0, 300)
         from d in Gen.Choose(0, 300)
         where p + m + d > 0
         select NpsTally.FromCounts(p, m, d)).ToArbitrary();

    [Theory]
    [InlineData("CompareWald", NpsTestMethod.Wald)]
    [InlineData("CompareAdjustedWald", NpsTestMethod.AdjustedWald)]
    public void Compare_MatchesSciPyReference(string kind, NpsTestMethod method)
    {
        var rows = KnownAnswers.Rows(Reference, kind).Zip(KnownAnswers.Rows(Reference, kind + "P")).ToList();
        Assert.Equal(5, rows.Count);
        foreach ((string[] estimate, string[] test) in rows)
        {
            NpsComparison c = NpsTest.Compare(KnownAnswers.Tally(estimate[1]), KnownAnswers.Tally(estimate[2]), 0.95, method);
            Assert.Equal(100 * KnownAnswers.D(estimate[6]), c.Estimate, 1e-4);
            Assert.Equal(100 * KnownAnswers.D(estimate[7]), c.StandardError, 1e-4);
            Assert.Equal(KnownAnswers.D(test[6]), c.Z, 1e-6);
            Assert.Equal(KnownAnswers.D(test[7]), c.PValue, 1e-9);
        }
    }

    [Fact]
    public void Compare_TwoArguments_IsAdjustedWaldAt95()
    {
        NpsTally a = NpsTally.FromCounts(60, 25, 15);
        NpsTally b = NpsTally.FromCounts(70, 20, 10);
        Assert.Equal(NpsTest.Compare(a, b, 0.95, NpsTestMethod.AdjustedWald), NpsTest.Compare(a, b));
        NpsComparison c = NpsTest.Compare(a, b);
        Assert.Equal(45, c.Baseline, 1e-12);
        Assert.Equal(60, c.Current, 1e-12);
        Assert.Equal(15, c.Difference, 1e-12);
        Assert.Equal(NpsIntervalMethod.AdjustedWald, c.Interval.Method);
        Assert.Equal(0.95, c.Interval.Level);
    }

    [Fact]
    public void Compare_SwappedSamples_NegatesEverythingSigned() => PropertyRunner.Check(
        Prop.ForAll(Tallies, Tallies, (a, b) => new[] { NpsTestMethod.Wald, NpsTestMethod.AdjustedWald }.All(m =>
        {
            NpsComparison ab = NpsTest.Compare(a, b, 0.95, m);
            NpsComparison ba = NpsTest.Compare(b, a, 0.95, m);
            return ab.Difference == -ba.Difference && ab.Estimate == -ba.Estimate && ab.Z == -ba.Z
                && ab.PValue == ba.PValue && ab.StandardError == ba.StandardError
                && ab.Interval.Lower == -ba.Interval.Upper && ab.Interval.Upper == -ba.Interval.Lower
                && ab.Reversed() == ba;
        })));

    [Fact]
    public void Compare_IntervalContainsEstimateAndLiesInScale() => PropertyRunner.Check(
        Prop.ForAll(Tallies, Tallies, (a, b) =>
        {
            NpsComparison c = NpsTest.Compare(a, b);
            return c.Interval.Contains(c.Estimate) && c.Interval.Lower >= -200 && c.Interval.Upper <= 200
                && c.PValue is >= 0 and <= 1 && !double.IsNaN(c.Z);
        }));

    [Fact]
    public void Compare_DegenerateWaldGroups_AreNotComputableNeverCertain()
    {
        // Issue #17: a zero standard error used to give z = −∞ and p = 0.
        NpsComparison c = NpsTest.Compare(NpsTally.FromCounts(10, 0, 0), NpsTally.FromCounts(0, 0, 10), 0.95, NpsTestMethod.Wald);
        Assert.False(c.IsComputable);
        Assert.Equal(0, c.Z);
        Assert.Equal(1, c.PValue);
        Assert.Equal(-200, c.Interval.Lower);
        Assert.Equal(200, c.Interval.Upper);
        NpsComparison same = NpsTest.Compare(NpsTally.FromCounts(10, 0, 0), NpsTally.FromCounts(5, 0, 0), 0.95, NpsTestMethod.Wald);
        Assert.False(same.IsComputable);
        Assert.Equal(0, same.Z);
        Assert.Equal(1, same.PValue);
        Assert.True(NpsTest.Compare(NpsTally.FromCounts(10, 0, 0), NpsTally.FromCounts(0, 0, 10)).StandardError > 0);
    }

    [Fact]
    public void Compare_EmptyGroup_ThrowsNamingIt()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => NpsTest.Compare(NpsTally.FromCounts(1, 2, 3), NpsTally.Empty));
        Assert.Contains("'current'", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<InvalidOperationException>(() => NpsTest.Compare(NpsTally.Empty, NpsTally.FromCounts(1, 2, 3)));
        Assert.Contains("'baseline'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_UndefinedMethodOrBadLevel_Throws()
    {
        NpsTally t = NpsTally.FromCounts(1, 2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsTest.Compare(t, t, 0.95, (NpsTestMethod)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsTest.Compare(t, t, 1.5));
    }

    [Fact]
    public void IsSignificant_ComparesPValueWithAlpha()
    {
        NpsComparison c = NpsTest.Compare(NpsTally.FromCounts(450, 300, 250), NpsTally.FromCounts(550, 250, 200));
        Assert.True(c.PValue < 0.001);
        Assert.True(c.IsSignificant());
        Assert.Throws<ArgumentOutOfRangeException>(() => c.IsSignificant(0));
    }

    [Fact]
    public void ProbabilityOfIncrease_MatchesSciPyNestedQuadrature()
    {
        int rows = 0;
        foreach (string[] row in KnownAnswers.Rows(Reference, "ProbabilityOfIncrease"))
        {
            double p = NpsTest.ProbabilityOfIncrease(KnownAnswers.Tally(row[1]), KnownAnswers.Tally(row[2]), KnownAnswers.D(row[5]));
            Assert.Equal(KnownAnswers.D(row[6]), p, 1e-6);
            rows++;
        }

        Assert.Equal(5, rows);
    }

    [Fact]
    public void ProbabilityOfIncrease_SwappedSamples_Complement()
    {
        NpsTally a = NpsTally.FromCounts(30, 10, 12);
        NpsTally b = NpsTally.FromCounts(25, 15, 9);
        Assert.Equal(1, NpsTest.ProbabilityOfIncrease(a, b) + NpsTest.ProbabilityOfIncrease(b, a), 1e-7);
        Assert.Equal(0.5, NpsTest.ProbabilityOfIncrease(a, a), 1e-7);
    }

    [Fact]
    public void ProbabilityOfIncrease_BadPrior_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsTest.ProbabilityOfIncrease(NpsTally.FromCounts(1, 1, 1), NpsTally.FromCounts(1, 1, 1), 0));

    [Theory]
    [InlineData("TargetScore", NpsTestMethod.Score)]
    [InlineData("TargetWald", NpsTestMethod.Wald)]
    public void AgainstTarget_MatchesSciPyReference(string kind, NpsTestMethod method)
    {
        int rows = 0;
        foreach (string[] row in KnownAnswers.Rows(Reference, kind))
        {
            NpsTargetTest test = NpsTest.AgainstTarget(KnownAnswers.Tally(row[1], row[2], row[3]), 100 * KnownAnswers.D(row[5]), method);
            double z = KnownAnswers.D(row[6]);
            if (double.IsInfinity(z))
            {
                Assert.Equal(z, test.Z);
            }
            else
            {
                Assert.Equal(z, test.Z, 1e-7);
            }

            Assert.Equal(KnownAnswers.D(row[7]), test.PValue, 1e-12);
            Assert.Equal(method, test.Method);
            rows++;
        }

        Assert.True(rows >= 36, $"only {rows} rows");
    }

    [Fact]
    public void AgainstTarget_ScoreOnOneCategorySample_StaysFinite()
    {
        // All ten answers promoters, target +50: Wald has zero variance, the score test's null variance does not.
        NpsTargetTest test = NpsTest.AgainstTarget(NpsTally.FromCounts(10, 0, 0), 50);
        Assert.True(double.IsFinite(test.Z) && test.Z > 0);
        Assert.True(test.StandardError > 0);
        Assert.Equal(test.PValueGreater * 2, test.PValue, 1e-15);
        Assert.Equal(1, test.PValueGreater + test.PValueLess, 1e-15);
    }

    [Fact]
    public void AgainstTarget_ScoreTestAtIntervalBound_HasPValueOfAlpha()
    {
        // Inverting the test gives the interval: at the Score interval's bound the two-sided p-value is 1 − level.
        NpsTally tally = NpsTally.FromCounts(60, 25, 15);
        NpsInterval ci = tally.ConfidenceInterval(0.95, NpsIntervalMethod.Score);
        Assert.Equal(0.05, NpsTest.AgainstTarget(tally, ci.Lower).PValue, 1e-9);
        Assert.Equal(0.05, NpsTest.AgainstTarget(tally, ci.Upper).PValue, 1e-9);
    }

    [Theory]
    [InlineData(100.5)]
    [InlineData(-101)]
    [InlineData(double.NaN)]
    public void AgainstTarget_TargetOffScale_Throws(double target)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NpsTest.AgainstTarget(NpsTally.FromCounts(1, 1, 1), target));
        Assert.Equal("target", ex.ParamName);
    }

    [Fact]
    public void CompareWeighted_UsesLinearizationStandardErrors()
    {
        WeightedNpsTally a = WeightedNpsTally.FromResponses([10, 9, 7, 3, 0, 10], [1.0, 2.0, 0.5, 1.5, 1.0, 3.0]);
        WeightedNpsTally b = WeightedNpsTally.FromResponses([10, 8, 8, 3, 9], [2.0, 1.0, 1.0, 0.5, 1.0]);
        NpsComparison c = NpsTest.Compare(a, b);
        Assert.Equal(b.Score - a.Score, c.Difference, 1e-12);
        Assert.Equal(Math.Sqrt((a.StandardError * a.StandardError) + (b.StandardError * b.StandardError)), c.StandardError, 1e-12);
        Assert.Equal(NpsTestMethod.Wald, c.Method);
    }
}
