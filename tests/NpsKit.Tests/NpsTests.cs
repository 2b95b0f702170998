namespace NpsKit.Tests;

public class NpsTests
{
    [Theory]
    [InlineData(0, NpsCategory.Detractor)]
    [InlineData(3, NpsCategory.Detractor)]
    [InlineData(6, NpsCategory.Detractor)]
    [InlineData(7, NpsCategory.Passive)]
    [InlineData(8, NpsCategory.Passive)]
    [InlineData(9, NpsCategory.Promoter)]
    [InlineData(10, NpsCategory.Promoter)]
    public void Classify_ScoreOnScale_ReturnsReichheldCategory(int score, NpsCategory expected) =>
        Assert.Equal(expected, Nps.Classify(score));

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Classify_ScoreOffScale_ThrowsNamingValueAndRange(int score)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Classify(score));
        Assert.Equal("score", ex.ParamName);
        Assert.Contains(score.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
        Assert.Contains("0 to 10", ex.Message);
    }

    [Fact]
    public void TryClassify_OffScale_ReturnsFalse()
    {
        Assert.False(Nps.TryClassify(11, out _));
        Assert.True(Nps.TryClassify(8, out NpsCategory c));
        Assert.Equal(NpsCategory.Passive, c);
    }

    [Fact]
    public void IsValidScore_AcceptsExactlyZeroToTen()
    {
        for (int s = -5; s <= 15; s++)
        {
            Assert.Equal(s is >= 0 and <= 10, Nps.IsValidScore(s));
        }
    }
}
