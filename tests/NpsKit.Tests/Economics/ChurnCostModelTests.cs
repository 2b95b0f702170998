using FsCheck.Fluent;
using NpsKit.Economics;
using NpsKit.TestUtilities;
using static NpsKit.Tests.Economics.EconomicsExamples;

namespace NpsKit.Tests.Economics;

public class ChurnCostModelTests
{
    [Theory]
    [InlineData(0.14, 22_722_000)]
    [InlineData(0.348, 56_480_400)]
    public void Estimate_UkMobileExample_ReplacementCostKnownAnswer(double churn, int expected)
    {
        // UK mobile operators lose 14% (best) to 34.8% of customers a year; replacing one costs about 162.3 USD (issue #6).
        ChurnCostBreakdown cost = ChurnCostModel.Estimate([new ChurnSegment("UK operator", 1_000_000, churn, RatePeriod.Year, Usd(0m), Usd(162.3m))], ChurnCostMethod.ReplacementCost);
        AssertMoney(expected, cost.ReplacementCost);
        AssertMoney(expected, cost.Total);
        Assert.Equal(churn * 1_000_000, cost.ExpectedChurners, 6);
    }

    [Theory]
    [InlineData(ChurnCostMethod.LostValue, 8000, 10_000)]                        // 10 × 1000 + 100 × -20
    [InlineData(ChurnCostMethod.ReplacementCost, 5500, 500)]                    // 110 × 50
    [InlineData(ChurnCostMethod.LesserOfLostValueAndReplacement, -1500, 500)]   // A: min(1000, 50) × 10; B: min(-20, 50) × 100
    [InlineData(ChurnCostMethod.LostValuePlusReplacement, 13_500, 10_500)]      // both, chosen by name
    public void Estimate_EachMethodCountsAChurnerAsItSays(ChurnCostMethod method, int total, int lineA)
    {
        ChurnCostBreakdown cost = ChurnCostModel.Estimate(
        [
            new ChurnSegment("A", 100, 0.1, RatePeriod.Month, Usd(1000m), Usd(50m)),
            new ChurnSegment("B", 200, 0.5, RatePeriod.Month, Usd(-20m), Usd(50m)),
        ], method);
        AssertMoney((10 * 1000m) + (100 * -20m), cost.LostValue);
        AssertMoney(110 * 50m, cost.ReplacementCost);
        AssertMoney(total, cost.Total);
        AssertMoney(lineA, cost.Lines[0].Total);
        Assert.Equal(method, cost.Method);
    }

    [Fact]
    public void Estimate_UndefinedMethod_IsReported() =>
        Assert.Contains("method is 9", Assert.Single(Assert.Throws<InvalidAssumptionsException>(() =>
            ChurnCostModel.Estimate([new ChurnSegment("A", 1, 0.1, RatePeriod.Year, Usd(1m), Usd(1m))], (ChurnCostMethod)9)).Problems), StringComparison.Ordinal);

    [Fact]
    public void Estimate_MixedCurrenciesPeriodsAndNegativeCounts_ReportsAll()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(() => ChurnCostModel.Estimate(
        [
            new ChurnSegment("A", -5, 0.1, RatePeriod.Year, Usd(1m), Usd(1m)),
            new ChurnSegment("B", 5, 1.1, RatePeriod.Month, Money.From(1m, "GBP"), Usd(-1m)),
        ], ChurnCostMethod.LostValue));
        Assert.Equal(5, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.Contains("'A'", StringComparison.Ordinal) && p.Contains("Customers is -5", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("ChurnProbability is 1.1", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("GBP", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("per Month but segment 0 is per Year", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("ReplacementCostPerCustomer is -1", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_AstronomicalCustomerCount_ThrowsInsteadOfOverflowing() =>
        Assert.Contains("at most 1e15", Assert.Single(Assert.Throws<InvalidAssumptionsException>(() =>
            ChurnCostModel.Estimate([new ChurnSegment("A", 1e30, 0.1, RatePeriod.Year, Usd(1m), Usd(1m))], ChurnCostMethod.LostValue)).Problems), StringComparison.Ordinal);

    [Fact]
    public void Estimate_NoSegments_Throws() =>
        Assert.Throws<InvalidAssumptionsException>(() => ChurnCostModel.Estimate([], ChurnCostMethod.LostValue));

    [Fact]
    public void Estimate_ZeroChurn_CostsNothing() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(0, 10_000_000).ToArbitrary(), Gen.Choose(-100_000, 100_000).ToArbitrary(), Gen.Choose(0, 100_000).ToArbitrary(), (n, value, replace) =>
        {
            return Enum.GetValues<ChurnCostMethod>().All(m =>
            {
                ChurnCostBreakdown c = ChurnCostModel.Estimate([new ChurnSegment("S", n, 0, RatePeriod.Year, Usd(value / 100m), Usd(replace / 100m))], m);
                return c.Total == Usd(0m) && c.ExpectedChurners == 0;
            });
        }));

    [Fact]
    public void Estimate_CostRisesWithChurnForPositiveValues() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(1, 1_000_000).ToArbitrary(), Gen.Choose(0, 999).ToArbitrary(), (n, q) =>
        {
            Money at(double churn) => ChurnCostModel.Estimate([new ChurnSegment("S", n, churn, RatePeriod.Year, Usd(100m), Usd(162.3m))], ChurnCostMethod.LesserOfLostValueAndReplacement).Total;
            return at((q + 1) / 1000.0) > at(q / 1000.0);
        }));

    [Fact]
    public void Estimate_NoMethodCountsMoreThanBothAndOnlyTheNamedOneCountsBoth() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), Gen.Choose(-100_000, 100_000).Zip(Gen.Choose(0, 100_000)).ToArbitrary(), (n, q, amounts) =>
        {
            (int value, int replace) = amounts;
            var segment = new ChurnSegment("S", n, q / 1000.0, RatePeriod.Year, Usd(value / 100m), Usd(replace / 100m));
            ChurnCostBreakdown both = ChurnCostModel.Estimate([segment], ChurnCostMethod.LostValuePlusReplacement);
            ChurnCostBreakdown lost = ChurnCostModel.Estimate([segment], ChurnCostMethod.LostValue);
            ChurnCostBreakdown replaced = ChurnCostModel.Estimate([segment], ChurnCostMethod.ReplacementCost);
            ChurnCostBreakdown lesser = ChurnCostModel.Estimate([segment], ChurnCostMethod.LesserOfLostValueAndReplacement);
            return both.Total == lost.LostValue + lost.ReplacementCost && lost.Total == lost.LostValue && replaced.Total == replaced.ReplacementCost
                && lesser.Total <= lost.Total && lesser.Total <= replaced.Total;
        }));
}
