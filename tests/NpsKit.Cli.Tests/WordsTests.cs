namespace NpsKit.Cli.Tests;

public class WordsTests
{
    [Theory]
    [InlineData(0.41, "p = 0.41")]
    [InlineData(0.0123, "p = 0.01")]
    [InlineData(0.0042, "p = 0.004")]
    [InlineData(0.0004, "p < 0.001")]
    public void P_Value_ReadsAsPeopleWriteIt(double p, string expected) => Assert.Equal(expected, Words.P(p));

    [Fact]
    public void Describe_SignificantIncrease_SaysUpAndLikelyReal()
    {
        NpsComparison comparison = NpsTest.Compare(NpsTally.FromCounts(400, 300, 300), NpsTally.FromCounts(500, 250, 250));

        Assert.StartsWith("up 15.0 points, likely real: p ", Words.Describe(comparison, 0.95), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_NoDifference_SaysNoChangeAndCouldBeChance()
    {
        NpsComparison comparison = NpsTest.Compare(NpsTally.FromCounts(40, 30, 30), NpsTally.FromCounts(40, 30, 30));

        Assert.Equal("no change, could be chance: p = 1.00", Words.Describe(comparison, 0.95));
    }

    [Fact]
    public void Describe_LowerLevel_MakesTheVerdictLessStrict()
    {
        // p ≈ 0.07: chance at 95 %, real at 90 %.
        NpsComparison comparison = NpsTest.Compare(NpsTally.FromCounts(200, 150, 150), NpsTally.FromCounts(230, 140, 130));
        Assert.InRange(comparison.PValue, 0.05, 0.10);

        Assert.Contains("could be chance", Words.Describe(comparison, 0.95), StringComparison.Ordinal);
        Assert.Contains("likely real", Words.Describe(comparison, 0.90), StringComparison.Ordinal);
    }
}
