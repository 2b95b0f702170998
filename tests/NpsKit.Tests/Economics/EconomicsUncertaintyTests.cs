using FsCheck;
using FsCheck.Fluent;
using NpsKit.Economics;
using NpsKit.TestUtilities;
using static NpsKit.Tests.Economics.EconomicsExamples;

namespace NpsKit.Tests.Economics;

public class EconomicsUncertaintyTests
{
    [Fact]
    public void Interval_SameSeed_SameInterval()
    {
        MoneyInterval a = EconomicsUncertainty.Interval(Sample, CustomerBase, Model.PortfolioValue);
        MoneyInterval b = EconomicsUncertainty.Interval(Sample, CustomerBase, Model.PortfolioValue);
        Assert.Equal(a, b);
        MoneyInterval c = EconomicsUncertainty.Interval(Sample, CustomerBase, Model.PortfolioValue, new UncertaintyOptions { Seed = 7 });
        Assert.NotEqual(a.Lower, c.Lower);
    }

    [Fact]
    public void Interval_PortfolioValue_ContainsPointAndHasPlausibleWidth()
    {
        MoneyInterval v = EconomicsUncertainty.Interval(Sample, CustomerBase, Model.PortfolioValue);
        AssertMoney(135_274_080m, v.Point);
        Assert.True(v.Contains(v.Point));
        Assert.Equal(0.95, v.Level);
        Assert.Equal(4000, v.Draws);

        // Delta method: value = N Σ s_c V_c with s ~ multinomial shares, so SD = N √(Var(V)/n) with V the per-customer value.
        double[] values = [1932, 2560.0 / 3, 222];
        double[] shares = [0.412, 0.318, 0.270];
        double mean = values.Zip(shares, (x, s) => x * s).Sum();
        double variance = values.Zip(shares, (x, s) => s * (x - mean) * (x - mean)).Sum();
        double sd = CustomerBase * Math.Sqrt(variance / 1000);
        double width = (double)(v.Upper.Amount - v.Lower.Amount);
        Assert.InRange(width, 2 * 1.96 * sd * 0.9, 2 * 1.96 * sd * 1.1);
    }

    [Fact]
    public void Interval_ScenarioValueChange_ContainsPoint()
    {
        MoneyInterval v = EconomicsUncertainty.Interval(Sample, CustomerBase, m => Model.FollowUpDetractors(m, 0.3, Usd(5m)).ValueChange);
        AssertMoney(5_974_560m, v.Point);
        Assert.True(v.Lower < v.Point && v.Point < v.Upper);
    }

    [Fact]
    public void Interval_LoseLowDetractors_UsesTheFourCellPosterior()
    {
        MoneyInterval v = EconomicsUncertainty.Interval(Sample, CustomerBase, m => Model.LoseDetractorsScoring0To4(m).ValueChange);
        AssertMoney(-2_530_800m, v.Point);
        Assert.True(v.Contains(v.Point));
        Assert.True(v.Lower < v.Upper);
    }

    [Fact]
    public void Interval_InvalidOptions_ReportsAll()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(() =>
            EconomicsUncertainty.Interval(Sample, CustomerBase, Model.PortfolioValue, new UncertaintyOptions { Draws = 10, Level = 1, PriorConcentration = 0 }));
        Assert.Equal(3, ex.Problems.Count);
    }

    [Fact]
    public void Interval_EmptySample_Throws() =>
        Assert.Throws<ArgumentException>(() => EconomicsUncertainty.Interval(NpsTally.Empty, 10, Model.PortfolioValue));

    private static readonly Arbitrary<NpsTally> TalliesWithFivePerCategory =
        (from p in Gen.Choose(5, 5_000)
         from pa in Gen.Choose(5, 5_000)
         from d in Gen.Choose(5, 5_000)
         select NpsTally.FromCounts(p, pa, d)).ToArbitrary();

    [Fact]
    public void Intervals_ContainThePointValue() => PropertyRunner.Check(
        Prop.ForAll(TalliesWithFivePerCategory, Gen.Choose(1, 1_000_000).ToArbitrary(), (tally, customers) =>
        {
            var options = new UncertaintyOptions { Draws = 400 };
            CustomerValueReport r = Model.Analyze(tally, customers, options);
            return r.PortfolioValue.Contains(r.PortfolioValue.Point)
                && r.ChurnCost.Contains(r.ChurnCost.Point)
                && r.PromoterValue.Contains(r.PromoterValue.Point)
                && r.PassiveValue.Contains(r.PassiveValue.Point)
                && r.DetractorValue.Contains(r.DetractorValue.Point);
        }),
        maxTest: 100);

    [Fact]
    public void Interval_NarrowsAsTheSampleGrows()
    {
        NpsTally small = NpsTally.FromCounts(41, 32, 27), large = NpsTally.FromCounts(4100, 3200, 2700);
        MoneyInterval a = EconomicsUncertainty.Interval(small, CustomerBase, Model.PortfolioValue);
        MoneyInterval b = EconomicsUncertainty.Interval(large, CustomerBase, Model.PortfolioValue);
        Assert.True(b.Upper.Amount - b.Lower.Amount < a.Upper.Amount - a.Lower.Amount);
    }

    [Fact]
    public void Analyze_Report_MatchesPointFigures()
    {
        CustomerValueReport r = Model.Analyze(Sample, CustomerBase);
        AssertMoney(135_274_080m, r.PortfolioValue.Point);
        AssertMoney(18_941_568m, r.ChurnCost.Point); // the value lost; not also the replacement cost (issue #16)
        AssertMoney(95_518_080m, r.PromoterValue.Point);
        AssertMoney(18_941_568m, r.ChurnCostBreakdown.Total);
        AssertMoney(1632m, r.Promoter.Value);
        Assert.Equal(Mix, r.Mix);
    }

    [Fact]
    public void MoneyInterval_ToString_IsInvariant() =>
        Assert.Equal(
            "USD 10.00 (95% interval USD 8.00 to USD 12.50)",
            new MoneyInterval(Usd(10m), Usd(8m), Usd(12.5m), 0.95, 4000).ToString());

    [Fact]
    public void Analyze_DocsWorkedExample_IntervalsAsPublishedInDocs()
    {
        // docs/economics.md quotes these (default seed); a change here means the docs table must be updated too.
        CustomerValueReport r = Model.Analyze(Sample, CustomerBase);
        AssertNear(129_720_512m, r.PortfolioValue.Lower);
        AssertNear(140_551_070m, r.PortfolioValue.Upper);
        AssertNear(18_607_398m, r.ChurnCost.Lower);
        AssertNear(19_252_005m, r.ChurnCost.Upper);
        MoneyInterval followUp = EconomicsUncertainty.Interval(Sample, CustomerBase, m => Model.FollowUpDetractors(m, 0.3, Usd(5m)).ValueChange);
        AssertNear(5_379_516m, followUp.Lower);
        AssertNear(6_606_747m, followUp.Upper);
    }

    private static void AssertNear(decimal expected, Money actual) => Assert.InRange(actual.Amount, expected - 1m, expected + 1m);
}
