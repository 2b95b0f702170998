using FsCheck.Fluent;
using NpsKit.TestUtilities;

namespace NpsKit.Tests;

public class WeightedNpsTallyTests
{
    [Fact]
    public void FromResponses_KnownAnswer_ScoreAndKish()
    {
        // Promoter weight 2 + 1 = 3, passive 1, detractor 0.5 + 0.5 = 1; Σw = 5, Σw² = 4 + 1 + 1 + 0.25 + 0.25 = 6.5.
        var t = WeightedNpsTally.FromResponses([10, 9, 7, 2, 6], [2, 1, 1, 0.5, 0.5]);
        Assert.Equal(5, t.Count);
        Assert.Equal(5.0, t.SumOfWeights);
        Assert.Equal(6.5, t.SumOfSquaredWeights);
        Assert.Equal(100.0 * (3 - 1) / 5, t.Score, 12);
        Assert.Equal(25.0 / 6.5, t.EffectiveSampleSize, 12);
        Assert.Equal(0.6, t.PromoterShare, 12);
        Assert.Equal(0.2, t.PassiveShare, 12);
        Assert.Equal(0.2, t.DetractorShare, 12);
        Assert.Equal(2.0, t.SumOfWeightsOf(10));
        Assert.Equal(0.25, t.SumOfSquaredWeightsOf(2));
        Assert.Equal(NpsTally.FromScores([10, 9, 7, 2, 6]), t.Unweighted);
    }

    [Fact]
    public void EqualWeights_MatchUnweightedAndKishEqualsN()
    {
        int[] scores = [10, 10, 9, 8, 3, 0, 6, 7];
        var t = WeightedNpsTally.FromResponses(scores, Enumerable.Repeat(1.7, scores.Length).ToArray());
        Assert.Equal(NpsTally.FromScores(scores).Score, t.Score, 10);
        Assert.Equal(scores.Length, t.EffectiveSampleSize, 10);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FromResponses_BadWeight_ThrowsWithIndex(double weight)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => WeightedNpsTally.FromResponses([9, 9, 9], [1, weight, 1]));
        Assert.Contains("index 1", ex.Message);
        Assert.Contains("greater than zero", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedNpsTally.Empty.AddResponse(9, weight));
    }

    [Fact]
    public void FromResponses_BadScoreOrLengths_Throws()
    {
        Assert.Contains("index 0", Assert.Throws<ArgumentOutOfRangeException>(() => WeightedNpsTally.FromResponses([12], [1])).Message);
        Assert.Contains("same length", Assert.Throws<ArgumentException>(() => WeightedNpsTally.FromResponses([1, 2], [1])).Message);
    }

    [Fact]
    public void Empty_HasNoScore()
    {
        var t = WeightedNpsTally.Empty;
        Assert.False(t.HasScore);
        Assert.False(t.TryGetScore(out _));
        Assert.Throws<InvalidOperationException>(() => t.Score);
        Assert.Throws<InvalidOperationException>(() => t.EffectiveSampleSize);
        Assert.Equal(default, t);
    }

    [Fact]
    public void FromSums_ValidatesConsistency()
    {
        long[] counts = new long[11];
        double[] w = new double[11];
        double[] w2 = new double[11];
        counts[9] = 2;
        w[9] = 3;
        w2[9] = 5;
        var t = WeightedNpsTally.FromSums(counts, w, w2);
        Assert.Equal(WeightedNpsTally.FromResponses([9, 9], [1, 2]), t);

        w[3] = 1; // weight with no count
        Assert.Contains("score 3", Assert.Throws<ArgumentException>(() => WeightedNpsTally.FromSums(counts, w, w2)).Message);
        w[3] = 0;
        w2[9] = double.NaN;
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedNpsTally.FromSums(counts, w, w2));
        Assert.Throws<ArgumentException>(() => WeightedNpsTally.FromSums(new long[10], w, w2));
    }

    [Fact]
    public void Merge_LawsHoldUpToRounding() => PropertyRunner.Check(
        Prop.ForAll(
            NpsGenerators.WeightedAnswers.ToArbitrary(),
            NpsGenerators.WeightedAnswers.ToArbitrary(),
            NpsGenerators.WeightedAnswers.ToArbitrary(),
            (a, b, c) =>
            {
                var ta = From(a);
                var tb = From(b);
                var tc = From(c);
                var left = (ta + tb) + tc;
                var right = ta + (tb + tc);
                return left.Count == right.Count
                    && left.Unweighted == right.Unweighted
                    && Close(left.SumOfWeights, right.SumOfWeights)
                    && Close(left.SumOfSquaredWeights, right.SumOfSquaredWeights)
                    && (ta + tb) == (tb + ta) // commutative exactly: per-score addition is commutative in IEEE
                    && ta + WeightedNpsTally.Empty == ta
                    && (!left.HasScore || (left.Score >= -100 && left.Score <= 100 && left.EffectiveSampleSize <= left.Count + 1e-9));
            }));

    private static WeightedNpsTally From((int Score, double Weight)[] answers) =>
        WeightedNpsTally.FromResponses(answers.Select(a => a.Score).ToArray(), answers.Select(a => a.Weight).ToArray());

    private static bool Close(double x, double y) => Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Abs(x));
}
