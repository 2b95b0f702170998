using NpsKit.Economics;
using static NpsKit.Tests.Economics.EconomicsExamples;

namespace NpsKit.Tests.Economics;

public class CustomerMixTests
{
    [Fact]
    public void FromSample_ScalesSharesToTheBase()
    {
        CustomerMix mix = Mix;
        Assert.Equal(49_440, mix.Promoters, 6);
        Assert.Equal(38_160, mix.Passives, 6);
        Assert.Equal(32_400, mix.Detractors, 6);
        Assert.Equal(11_400, mix.DetractorsScoring0To4, 6);
        Assert.True(mix.HasScoreDetail);
        Assert.Equal(Sample.Score, mix.Score, 9);
    }

    [Fact]
    public void FromSample_CategoryOnlyTally_HasNoScoreDetail() =>
        Assert.False(CustomerMix.FromSample(NpsTally.FromCounts(1, 2, 3), 60).HasScoreDetail);

    [Fact]
    public void FromSample_EmptyTally_ThrowsSayingWhy()
    {
        var ex = Assert.Throws<ArgumentException>(() => CustomerMix.FromSample(NpsTally.Empty, 100));
        Assert.Equal("sample", ex.ParamName);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSample_NegativeBase_Throws() =>
        Assert.Equal("customerBase", Assert.Throws<ArgumentOutOfRangeException>(() => CustomerMix.FromSample(Sample, -1)).ParamName);

    [Fact]
    public void FromCounts_NegativeCounts_ReportsEach()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(() => CustomerMix.FromCounts(-1, 5, double.NaN));
        Assert.Equal(2, ex.Problems.Count);
    }

    [Fact]
    public void Score_EmptyMix_ThrowsNotNaN() =>
        Assert.Throws<InvalidOperationException>(() => CustomerMix.FromCounts(0, 0, 0).Score);

    [Fact]
    public void ToString_EmptyMix_DoesNotThrow() =>
        Assert.Equal("0 promoters, 0 passives, 0 detractors", CustomerMix.FromCounts(0, 0, 0).ToString());

    [Fact]
    public void ToString_WithDetail_ShowsLowDetractors() =>
        Assert.Equal("49440 promoters, 38160 passives, 32400 detractors (11400 of them 0–4)", Mix.ToString());
}
