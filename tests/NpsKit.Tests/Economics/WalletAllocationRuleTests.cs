using FsCheck.Fluent;
using NpsKit.Economics;
using NpsKit.TestUtilities;
using static NpsKit.Tests.Economics.EconomicsExamples;

namespace NpsKit.Tests.Economics;

// Known answers: TestData/economics_known_answers.txt (Python 3 fractions, exact).
public class WalletAllocationRuleTests
{
    [Theory]
    [InlineData(1, 1, 1.0)]
    [InlineData(1, 2, 2.0 / 3)]
    [InlineData(2, 2, 1.0 / 3)]
    [InlineData(1, 3, 0.5)]
    [InlineData(2, 3, 1.0 / 3)]
    [InlineData(3, 3, 1.0 / 6)]
    [InlineData(1, 4, 0.4)]
    [InlineData(4, 4, 0.1)]
    public void ShareOfWallet_KnownAnswers(double rank, int brands, double expected) =>
        Assert.Equal(expected, WalletAllocationRule.ShareOfWallet(rank, brands), 12);

    [Fact]
    public void ShareOfWallet_SharesOverAllRanksAddToOne() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(1, 50).ToArbitrary(), n =>
            Math.Abs(Enumerable.Range(1, n).Sum(r => WalletAllocationRule.ShareOfWallet(r, n)) - 1) < 1e-12));

    [Fact]
    public void ShareOfWallet_BetterRankNeverGetsLess() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(2, 50).ToArbitrary(), Gen.Choose(1, 49).ToArbitrary(), (n, r) =>
            r >= n || WalletAllocationRule.ShareOfWallet(r, n) > WalletAllocationRule.ShareOfWallet(r + 1, n)));

    [Theory]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    [InlineData(1, 0)]
    public void ShareOfWallet_RankOutOfRange_Throws(double rank, int brands) =>
        Assert.Throws<InvalidAssumptionsException>(() => WalletAllocationRule.ShareOfWallet(rank, brands));

    [Fact]
    public void UpliftFromMovingUpOneRank_KnownAnswer()
    {
        WalletUplift u = WalletAllocationRule.UpliftFromMovingUpOneRank(
        [
            new WalletPosition(2, 3, 1000, Usd(600m)),
            new WalletPosition(3, 4, 500, Usd(800m)),
            new WalletPosition(1, 2, 200, Usd(1000m)),
        ]);
        AssertMoney(1_240_000m / 3m, u.Revenue);
        AssertMoney(140_000m, u.Gain);
        AssertMoney(0m, u.Lines[2].Gain); // already first
        Assert.Equal(0.5, u.Lines[0].ShareOneRankUp, 12);
    }

    [Fact]
    public void UpliftFromMovingUpOneRank_MixedCurrencies_Throws()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(() => WalletAllocationRule.UpliftFromMovingUpOneRank(
            [new WalletPosition(2, 3, 10, Usd(1m)), new WalletPosition(2, 3, -10, Money.From(1m, "EUR"))]));
        Assert.Equal(2, ex.Problems.Count);
    }
}
