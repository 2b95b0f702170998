using NpsKit.Statistics;

namespace NpsKit.Tests.Statistics;

/// <summary>Each defect issue #17 names, as a test that failed before its fix.</summary>
public class Issue17DefectTests
{
    [Fact]
    public void AgainstTarget_WaldOnOnePromoter_IsNotComputableNotInfinitelyCertain()
    {
        NpsTargetTest test = NpsTest.AgainstTarget(NpsTally.FromCounts(1, 0, 0), 30, NpsTestMethod.Wald);
        Assert.False(test.IsComputable);
        Assert.True(double.IsFinite(test.Z));
        Assert.Equal(1, test.PValue);
        Assert.Contains("cannot be computed", test.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_WaldOnUnanimousGroups_IsNotComputable()
    {
        NpsComparison c = NpsTest.Compare(NpsTally.FromCounts(10, 0, 0), NpsTally.FromCounts(0, 0, 10), 0.95, NpsTestMethod.Wald);
        Assert.False(c.IsComputable);
        Assert.True(double.IsFinite(c.Z));
        Assert.Equal(1, c.PValue);
        Assert.False(c.IsSignificant());
        Assert.Contains("cannot be computed", c.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_WeightedWithZeroStandardError_IsNotComputable()
    {
        WeightedNpsTally all = WeightedNpsTally.FromResponses([10, 10], [1.0, 2.0]);
        WeightedNpsTally none = WeightedNpsTally.FromResponses([0, 0], [1.0, 3.0]);
        NpsComparison c = NpsTest.Compare(all, none);
        Assert.False(c.IsComputable);
        Assert.True(double.IsFinite(c.Z));
        Assert.Equal(1, c.PValue);
    }

    [Fact]
    public void Compare_AdjustedWald_ZIsEstimateOverSeAndIntervalHoldsTheEstimate()
    {
        NpsComparison c = NpsTest.Compare(NpsTally.FromCounts(1, 0, 0), NpsTally.FromCounts(0, 0, 1));
        Assert.Equal(-200, c.Difference);
        Assert.Equal(-50, c.Estimate, 1e-12);
        Assert.Equal(c.Estimate / c.StandardError, c.Z, 1e-12);
        Assert.True(c.Interval.Contains(c.Estimate));
        string text = c.ToString();
        Assert.Contains("observed Δ -200.0", text, StringComparison.Ordinal);
        Assert.Contains("estimate -50.0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ProbabilityOfIncrease_AllPassives_IsExactlyOneHalfBySymmetry()
    {
        NpsTally passives = NpsTally.FromCounts(0, 5, 0);
        Assert.Equal(0.5, NpsTest.ProbabilityOfIncrease(passives, passives));
        Assert.Equal(0.5, NpsTest.ProbabilityOfIncrease(NpsTally.FromCounts(0, 40, 0), NpsTally.FromCounts(0, 40, 0)));
    }

    [Fact]
    public void ProbabilityOfIncrease_AllPassiveBaseline_MatchesRNestedQuadratureTo1e8()
    {
        // TestData/probability_of_increase.R (R's adaptive integrate on the (S, V) representation, another nesting).
        Assert.Equal(0.500000000000127, NpsTest.ProbabilityOfIncrease(NpsTally.FromCounts(0, 5, 0), NpsTally.FromCounts(0, 6, 0)), 1e-8);
        Assert.Equal(0.744878036536267, NpsTest.ProbabilityOfIncrease(NpsTally.FromCounts(0, 5, 0), NpsTally.FromCounts(1, 5, 0)), 1e-8);
        Assert.Equal(1 - 0.744878036536267, NpsTest.ProbabilityOfIncrease(NpsTally.FromCounts(1, 5, 0), NpsTally.FromCounts(0, 5, 0)), 1e-8);
    }

    [Fact]
    public void ProbabilityOfIncrease_SymmetricPosteriors_IsOneHalf()
    {
        // Both posteriors symmetric about 0 (as many promoters as detractors): P = ½ whatever the sizes.
        Assert.Equal(0.5, NpsTest.ProbabilityOfIncrease(NpsTally.FromCounts(0, 5, 0), NpsTally.FromCounts(3, 20, 3)), 1e-8);
        Assert.Equal(0.5, NpsTest.ProbabilityOfIncrease(NpsTally.FromCounts(1, 0, 1), NpsTally.FromCounts(0, 9, 0)), 1e-8);
    }

    [Theory]
    [InlineData(0.9999999999999999, false)]
    [InlineData(0.999999999999, false)]
    [InlineData(0.99999999999, true)]
    [InlineData(0.9999999, true)]
    [InlineData(1e-16, true)]
    public async Task BayesianInterval_ExtremeLevel_IsFiniteOrAClearErrorQuickly(double level, bool computable)
    {
        // A guard against a hang (163 s and NaN before the fix), not a speed measurement.
        foreach (NpsTally tally in new[] { NpsTally.FromCounts(60, 25, 15), NpsTally.FromCounts(0, 5, 0), NpsTally.FromCounts(3, 0, 0) })
        {
            Task<NpsInterval> task = Task.Run(() => tally.ConfidenceInterval(level, NpsIntervalMethod.Bayesian));
            Task first = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(first == task, $"the Bayesian interval of {tally} did not finish in 60 s");
            if (!computable)
            {
                ArgumentException ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => task);
                Assert.Contains("Score or Wald", ex.Message, StringComparison.Ordinal);
                continue;
            }

            NpsInterval ci = await task;
            Assert.True(double.IsFinite(ci.Lower) && double.IsFinite(ci.Upper), ci.ToString());
            Assert.True(ci.Lower <= ci.Upper && ci.Lower >= -100 && ci.Upper <= 100, ci.ToString());
        }
    }

    [Fact]
    public async Task Bootstrap_TrillionAnswers_Finishes()
    {
        NpsTally huge = NpsTally.FromCounts(450_000_000_000, 300_000_000_000, 250_000_000_000);
        Task<NpsInterval> task = Task.Run(() => huge.ConfidenceInterval(0.95, NpsIntervalMethod.Bootstrap));
        Task first = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(first == task, "the bootstrap did not finish in 60 s");
        NpsInterval wald = huge.ConfidenceInterval(0.95, NpsIntervalMethod.Wald);
        NpsInterval boot = await task;
        Assert.Equal(wald.Lower, boot.Lower, 1e-3);
        Assert.Equal(wald.Upper, boot.Upper, 1e-3);
    }

    [Fact]
    public void Bootstrap_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var options = new NpsIntervalOptions { Method = NpsIntervalMethod.Bootstrap };
        Assert.Throws<OperationCanceledException>(() => NpsTally.FromCounts(60, 25, 15).ConfidenceInterval(options, cancelled.Token));
    }

    [Theory]
    [InlineData(1e200)]
    [InlineData(1e-200)]
    public void WeightedTally_ExtremeWeights_GiveTheSameFiniteStatisticsAsUnitWeights(double scale)
    {
        int[] scores = [10, 9, 8, 7, 5, 3, 10, 0, 9];
        double[] weights = [1.0, 2, 0.5, 1, 3, 2, 1, 1, 0.7];
        WeightedNpsTally unit = WeightedNpsTally.FromResponses(scores, weights);
        WeightedNpsTally scaled = WeightedNpsTally.FromResponses(scores, weights.Select(w => w * scale).ToArray());
        Assert.Equal(unit.Score, scaled.Score, 1e-12);
        Assert.Equal(unit.StandardError, scaled.StandardError, 1e-12);
        Assert.Equal(unit.EffectiveSampleSize, scaled.EffectiveSampleSize, 1e-10);
        Assert.Equal(unit.ConfidenceInterval().Lower, scaled.ConfidenceInterval().Lower, 1e-10);
        WeightedNpsTally one = WeightedNpsTally.Empty.AddResponse(10, scale).AddResponse(0, 2 * scale);
        Assert.True(double.IsFinite(one.StandardError));
    }

    [Fact]
    public void ForMarginOfError_AnswerBeyondLong_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizePlan.ForMarginOfError(1e-9));
        Assert.Contains("long", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void WeightedTally_DefaultIntervalAndStandardError_UseOneVariance()
    {
        // Before: the default interval used Kish counts (SE 5.55-like) while StandardError used linearization (5.13).
        int[] scores = [10, 9, 8, 7, 5, 3, 10, 0, 9, 10, 6, 9, 9, 2, 8, 10];
        double[] weights = [1.0, 2, 0.5, 1, 3, 2, 1, 1, 0.7, 1.2, 0.4, 2.5, 1, 1, 0.9, 1.1];
        WeightedNpsTally w = WeightedNpsTally.FromResponses(scores, weights);
        double z = 1.959963984540054;

        // A Wald interval on the counts the other methods use must be the linearization interval.
        double nStar = w.DesignEffectiveSampleSize;
        double impliedSe = 100 * Math.Sqrt(w.UnitVariance / 10_000 / nStar);
        Assert.Equal(w.StandardError, impliedSe, 1e-9);

        // The default (adjusted Wald) adds 0.75/1.5/0.75 to those counts.
        double p = (nStar * w.PromoterShare) + 0.75;
        double d = (nStar * w.DetractorShare) + 0.75;
        double n = nStar + 3;
        double est = (p - d) / n;
        double v = (p / n) + (d / n) - (est * est);
        NpsInterval ci = w.ConfidenceInterval();
        Assert.Equal(100 * (est - (z * Math.Sqrt(v / n))), ci.Lower, 1e-9);
        Assert.Equal(100 * (est + (z * Math.Sqrt(v / n))), ci.Upper, 1e-9);
    }
}

public class WeightedRescalingTests
{
    [Fact]
    public void WeightedTally_MergingAndAddingAcrossScales_MatchesOneTally()
    {
        // Sums are kept rescaled by powers of two: merging tallies of very different scales gives the same statistics
        // as tallying everything at once, and the reported sums are the true ones.
        WeightedNpsTally small = WeightedNpsTally.FromResponses([10, 3, 8], [1e-150, 2e-150, 1e-150]);
        WeightedNpsTally unit = WeightedNpsTally.FromResponses([9, 0, 7, 10], [1.0, 2.0, 0.5, 1.5]);
        WeightedNpsTally merged = small + unit;
        WeightedNpsTally once = WeightedNpsTally.FromResponses([10, 3, 8, 9, 0, 7, 10], [1e-150, 2e-150, 1e-150, 1.0, 2.0, 0.5, 1.5]);
        Assert.Equal(once.Score, merged.Score, 1e-12);
        Assert.Equal(once.StandardError, merged.StandardError, 1e-12);
        Assert.Equal(5.0, merged.SumOfWeights, 1e-12);
        Assert.Equal(1.0 + 4.0 + 0.25 + 2.25, merged.SumOfSquaredWeights, 1e-12);
        WeightedNpsTally added = WeightedNpsTally.Empty.AddResponse(10, 1e-150).AddResponse(9, 1.0).AddResponse(0, 1e150);
        Assert.Equal(-100 * (1e150 - 1.0) / 1e150, added.Score, 1e-9);
        Assert.Equal(1e150 + 1.0, added.SumOfWeights, 1e138);
        Assert.Equal(unit, WeightedNpsTally.FromResponses([9, 0, 7, 10], [1.0, 2.0, 0.5, 1.5]));
        Assert.Equal(unit.GetHashCode(), WeightedNpsTally.FromResponses([9, 0, 7, 10], [1.0, 2.0, 0.5, 1.5]).GetHashCode());
    }
}
