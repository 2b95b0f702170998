namespace NpsKit.Tests.Statistics;

public class WeightedNpsTallyStatisticsTests
{
    public static TheoryData<int> Cases => new() { 1, 2, 3, 4 };

    [Theory]
    [MemberData(nameof(Cases))]
    public void StandardError_MatchesRSurveySvymean(int caseNumber)
    {
        var rows = KnownAnswers.Rows("weighted_svymean.csv").Where(r => KnownAnswers.L(r[0]) == caseNumber).ToList();
        var scores = rows.Where(r => r[1] != "-1").OrderBy(r => KnownAnswers.L(r[1])).ToList();
        string[] summary = rows.Single(r => r[1] == "-1");
        WeightedNpsTally tally = WeightedNpsTally.FromSums(
            scores.Select(r => KnownAnswers.L(r[2])).ToArray(),
            scores.Select(r => KnownAnswers.D(r[3])).ToArray(),
            scores.Select(r => KnownAnswers.D(r[4])).ToArray());

        Assert.Equal(100 * KnownAnswers.D(summary[2]), tally.Score, 1e-10);
        Assert.Equal(100 * KnownAnswers.D(summary[3]), tally.StandardError, 1e-10);
        Assert.Equal(KnownAnswers.D(summary[4]), tally.EffectiveSampleSize, 1e-8);
    }

    [Fact]
    public void StandardError_EqualWeights_IsRootOfVOverNMinusOne()
    {
        WeightedNpsTally w = WeightedNpsTally.FromResponses([10, 9, 8, 7, 5, 3, 10, 0], [2.0, 2, 2, 2, 2, 2, 2, 2]);
        NpsTally u = w.Unweighted;
        Assert.Equal(100 * Math.Sqrt(u.UnitVariance / 10_000 / (u.Count - 1)), w.StandardError, 1e-10);
        Assert.Equal(u.UnitVariance, w.UnitVariance, 1e-9);
    }

    [Fact]
    public void ConfidenceInterval_Wald_IsEstimatePlusMinusZTimesLinearizationSe()
    {
        WeightedNpsTally w = WeightedNpsTally.FromResponses([10, 9, 8, 7, 5, 3, 10, 0, 9], [1.0, 2, 0.5, 1, 3, 2, 1, 1, 0.7]);
        NpsInterval ci = w.ConfidenceInterval(0.95, NpsIntervalMethod.Wald);
        Assert.Equal(w.Score - (1.959963984540054 * w.StandardError), ci.Lower, 1e-9);
        Assert.Equal(w.Score + (1.959963984540054 * w.StandardError), ci.Upper, 1e-9);
    }

    [Fact]
    public void ConfidenceInterval_EqualWeights_UseNMinusOneDesignEffectiveAnswers()
    {
        // Equal weights: the linearization variance is V/(n − 1) (svymean's with-replacement n/(n − 1) factor), so the
        // design-effective sample size is n − 1 and the count-based methods run on n − 1 answers in the same shares.
        int[] scores = [10, 9, 8, 7, 5, 3, 10, 0, 9, 9, 6];
        WeightedNpsTally w = WeightedNpsTally.FromResponses(scores, Enumerable.Repeat(1.0, scores.Length).ToArray());
        NpsTally u = NpsTally.FromScores(scores);
        Assert.Equal(scores.Length - 1, w.DesignEffectiveSampleSize, 1e-9);
        Assert.Equal(scores.Length, w.EffectiveSampleSize, 1e-9);
        foreach (NpsIntervalMethod m in new[] { NpsIntervalMethod.AdjustedWald, NpsIntervalMethod.Score, NpsIntervalMethod.Bayesian })
        {
            NpsInterval a = w.ConfidenceInterval(0.9, m);
            NpsInterval b = u.ConfidenceInterval(0.9, m);
            Assert.True(a.Width > b.Width, m.ToString());
            Assert.Equal(b.Width * Math.Sqrt(11.0 / 10), a.Width, 2.0);
        }
    }

    [Fact]
    public void ConfidenceInterval_Bootstrap_ThrowsExplainingWhy()
    {
        WeightedNpsTally w = WeightedNpsTally.FromResponses([10, 3], [1.0, 2.0]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => w.ConfidenceInterval(0.95, NpsIntervalMethod.Bootstrap));
        Assert.Contains("Bootstrap", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StandardError_SingleAnswer_ThrowsSayingTwoNeeded()
    {
        WeightedNpsTally w = WeightedNpsTally.FromResponses([10], [1.0]);
        var ex = Assert.Throws<InvalidOperationException>(() => w.StandardError);
        Assert.Contains("at least 2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => WeightedNpsTally.Empty.ConfidenceInterval());
    }
}
