namespace NpsKit.Tests;

public partial class NpsTallyTests
{
    [Fact]
    public void FromScores_KnownAnswers_CountsAndScore()
    {
        // 5 promoters, 2 passives, 3 detractors: NPS = 100 * (5 - 3) / 10 = 20.
        byte[] answers = [10, 9, 9, 8, 7, 6, 3, 10, 9, 5];
        NpsTally t = NpsTally.FromScores(answers);
        Assert.Equal(10, t.Count);
        Assert.Equal(5, t.Promoters);
        Assert.Equal(2, t.Passives);
        Assert.Equal(3, t.Detractors);
        Assert.Equal(20.0, t.Score);
        Assert.Equal(0.5, t.PromoterShare);
        Assert.Equal(0.2, t.PassiveShare);
        Assert.Equal(0.3, t.DetractorShare);
        Assert.Equal(7.6, t.MeanScore, 12);
        Assert.Equal(3, t.CountOf(9));
        Assert.Equal(0, t.CountOf(0));
        Assert.Equal(5, t.CountOf(NpsCategory.Promoter));
    }

    [Fact]
    public void FromScores_IntAndByteAndEnumerable_Agree()
    {
        int[] ints = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10];
        byte[] bytes = ints.Select(i => (byte)i).ToArray();
        Assert.Equal(NpsTally.FromScores(bytes), NpsTally.FromScores(ints));
        Assert.Equal(NpsTally.FromScores(bytes), NpsTally.FromScores(ints.AsEnumerable()));
    }

    [Fact]
    public void Empty_HasNoScore_AndSaysSo()
    {
        NpsTally t = NpsTally.Empty;
        Assert.Equal(default, t);
        Assert.Equal(0, t.Count);
        Assert.False(t.HasScore);
        Assert.False(t.TryGetScore(out double score));
        Assert.Equal(0, score);
        Assert.False(t.TryGetMeanScore(out _));
        var ex = Assert.Throws<InvalidOperationException>(() => t.Score);
        Assert.Contains("empty", ex.Message);
        Assert.Throws<InvalidOperationException>(() => t.PromoterShare);
        Assert.Throws<InvalidOperationException>(() => t.MeanScore);
        Assert.Equal("NPS n/a (n = 0)", t.ToString());
        Assert.Equal(NpsTally.Empty, NpsTally.FromScores(ReadOnlySpan<byte>.Empty));
    }

    [Theory]
    [InlineData(10, 100.0)]
    [InlineData(9, 100.0)]
    [InlineData(8, 0.0)]
    [InlineData(7, 0.0)]
    [InlineData(6, -100.0)]
    [InlineData(0, -100.0)]
    public void FromScores_SingleAnswer_ScoreIsExtreme(int score, double expected)
    {
        NpsTally t = NpsTally.FromScores([score]);
        Assert.Equal(1, t.Count);
        Assert.Equal(expected, t.Score);
        Assert.Equal(score, t.MeanScore);
    }

    [Fact]
    public void FromScores_AllOneCategory_SharesAreOneAndZero()
    {
        NpsTally t = NpsTally.FromScores(Enumerable.Repeat((byte)7, 1000).ToArray());
        Assert.Equal(1.0, t.PassiveShare);
        Assert.Equal(0.0, t.PromoterShare);
        Assert.Equal(0.0, t.DetractorShare);
        Assert.Equal(0.0, t.Score);
    }

    [Fact]
    public void FromScores_ByteOfEleven_ThrowsWithIndexAndRange()
    {
        byte[] answers = new byte[1000];
        answers[777] = 11;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.FromScores(answers));
        Assert.Equal("scores", ex.ParamName);
        Assert.Contains("index 777", ex.Message);
        Assert.Contains("is 11", ex.Message);
        Assert.Contains("0 to 10", ex.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    [InlineData(255)]
    public void FromScores_IntOffScale_ThrowsWithIndex(int bad)
    {
        int[] answers = [5, 9, bad, 3];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.FromScores(answers));
        Assert.Contains("index 2", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.FromScores(answers.AsEnumerable()));
    }

    [Fact]
    public void FromHistogram_RoundTripsThroughTryCopyHistogramTo()
    {
        long[] counts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        NpsTally t = NpsTally.FromHistogram(counts);
        Assert.Equal(66, t.Count);
        // counts[s] = s + 1: promoters are scores 9 and 10, passives 7 and 8, detractors 0..6.
        Assert.Equal(10 + 11, t.Promoters);
        Assert.Equal(8 + 9, t.Passives);
        Assert.Equal(1 + 2 + 3 + 4 + 5 + 6 + 7, t.Detractors);
        Span<long> back = stackalloc long[11];
        Assert.True(t.TryCopyHistogramTo(back));
        Assert.Equal(counts, back.ToArray());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(0)]
    public void FromHistogram_WrongLength_ThrowsSayingEleven(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => NpsTally.FromHistogram(new long[length]));
        Assert.Contains("exactly 11", ex.Message);
        Assert.Contains($"{length} were given", ex.Message);
    }

    [Fact]
    public void FromHistogram_NegativeCount_ThrowsNamingScore()
    {
        long[] counts = new long[11];
        counts[4] = -3;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.FromHistogram(counts));
        Assert.Contains("score 4", ex.Message);
        Assert.Contains("-3", ex.Message);
    }

    [Fact]
    public void FromCounts_CategoryOnly_HasScoreButNoDetail()
    {
        NpsTally t = NpsTally.FromCounts(promoters: 50, passives: 30, detractors: 20);
        Assert.Equal(100, t.Count);
        Assert.Equal(30.0, t.Score);
        Assert.False(t.HasScoreDetail);
        Assert.False(t.TryGetMeanScore(out _));
        Assert.Throws<InvalidOperationException>(() => t.MeanScore);
        Assert.Throws<InvalidOperationException>(() => t.CountOf(10));
        Assert.False(t.TryCopyHistogramTo(new long[11]));
        Assert.True(NpsTally.FromCounts(0, 0, 0).HasScoreDetail);
    }

    [Fact]
    public void CountOf_CategoryOnlyInOtherCategory_StillKnown()
    {
        NpsTally t = NpsTally.FromScores(new byte[] { 3, 3, 8 }) + NpsTally.FromCounts(promoters: 4, passives: 0, detractors: 0);
        Assert.Equal(2, t.CountOf(3));
        Assert.Equal(1, t.CountOf(8));
        Assert.Throws<InvalidOperationException>(() => t.CountOf(9));
    }

    [Theory]
    [InlineData(-1, 0, 0, "promoters")]
    [InlineData(0, -1, 0, "passives")]
    [InlineData(0, 0, -1, "detractors")]
    public void FromCounts_Negative_ThrowsNamingParameter(long p, long pa, long d, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.FromCounts(p, pa, d));
        Assert.Equal(param, ex.ParamName);
    }

    [Fact]
    public void ExtremeCounts_NearLongMax_AreExactAndOverflowIsChecked()
    {
        long big = long.MaxValue - 10;
        NpsTally t = NpsTally.FromHistogram([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, big]);
        Assert.Equal(big, t.Count);
        Assert.Equal(100.0, t.Score);
        Assert.Equal(10.0, t.MeanScore);

        NpsTally plusTen = t.AddScore(0, 10);
        Assert.Equal(long.MaxValue, plusTen.Count);
        var ex = Assert.Throws<OverflowException>(() => plusTen.AddScore(0));
        Assert.Contains("Int64.MaxValue", ex.Message);
        Assert.Throws<OverflowException>(() => t + t);
        Assert.Throws<OverflowException>(() => NpsTally.FromHistogram([long.MaxValue, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Throws<OverflowException>(() => NpsTally.FromCounts(long.MaxValue, 1, 0));
    }

    [Fact]
    public void ExtremeCounts_BalancedHalves_ScoreIsZero()
    {
        long half = long.MaxValue / 2;
        NpsTally t = NpsTally.FromHistogram([half, 0, 0, 0, 0, 0, 0, 0, 0, 0, half]);
        Assert.Equal(0.0, t.Score);
        Assert.Equal(5.0, t.MeanScore, 12);
    }

    [Fact]
    public void AddScore_InvalidInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.Empty.AddScore(11));
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.Empty.AddScore(5, -1));
        Assert.Equal(NpsTally.FromScores([5, 5, 5]), NpsTally.Empty.AddScore(5, 3));
    }

    [Fact]
    public void ToString_IsInvariantAndReadable()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("da-DK");
            Assert.Equal(
                "NPS +20.0 (n = 10: 5 promoters, 2 passives, 3 detractors)",
                NpsTally.FromScores(new byte[] { 10, 9, 9, 8, 7, 6, 3, 10, 9, 5 }).ToString());
            Assert.Equal("NPS -100.0 (n = 1: 0 promoters, 0 passives, 1 detractor)", NpsTally.FromScores([0]).ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
