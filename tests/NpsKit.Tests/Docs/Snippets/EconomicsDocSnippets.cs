using NpsKit.Economics;

namespace NpsKit.Tests.Docs.Snippets;

/// <summary>The C# blocks of docs/economics.md, compiled and run; <see cref="ReadmeTests"/> checks the document shows them.</summary>
[UseInvariantCulture]
public class EconomicsDocSnippets
{
    [Fact]
    public void LifetimeValues_AreTheValuesInTheComments()
    {
        #region economics-clv
        ClvEstimate a = CustomerLifetimeValue.FromRetention(Money.From(100m, "USD"), retention: 0.8, discountRate: 0.1, RatePeriod.Year);
        // a.Value = USD 266.67  (100 × 0.8 / 0.3)
        ClvEstimate b = CustomerLifetimeValue.FromSubscription(Money.From(50m, "USD"), marginRate: 0.8, churn: 0.02, discountRate: 0.01, RatePeriod.Month);
        // b.Value = USD 1333.33 (40 / 0.03)
        #endregion

        Assert.Equal("USD 266.67", a.Value.ToString());
        Assert.Equal("USD 1333.33", b.Value.ToString());
    }

    [Fact]
    public void ChurnCost_OfTheBestUkOperator_IsTheTotalInTheComment()
    {
        #region economics-churn-cost
        ChurnCostBreakdown best = ChurnCostModel.Estimate([
            new ChurnSegment("Best UK operator", 1_000_000, 0.14, RatePeriod.Year, Money.Zero("USD"), Money.From(162.3m, "USD"))],
            ChurnCostMethod.ReplacementCost);   // every churner replaced at 162.3 USD
        // best.Total = USD 22,722,000 a year; at 34.8% churn: USD 56,480,400 a year
        #endregion

        ChurnCostBreakdown worst = ChurnCostModel.Estimate([
            new ChurnSegment("Worst UK operator", 1_000_000, 0.348, RatePeriod.Year, Money.Zero("USD"), Money.From(162.3m, "USD"))], ChurnCostMethod.ReplacementCost);
        Assert.Equal(Money.From(22_722_000m, "USD"), best.Total.Round());
        Assert.Equal(Money.From(56_480_400m, "USD"), worst.Total.Round());
        Assert.Equal(RatePeriod.Year, best.Period);
    }

    [Fact]
    public void WorkedExample_GivesTheFiguresOfTheTables()
    {
        #region economics-worked-example
        NpsTally sample = NpsTally.FromHistogram([10, 10, 15, 25, 35, 80, 95, 150, 168, 200, 212]);
        // NPS +14.2 (n = 1000: 412 promoters, 318 passives, 270 detractors; 95 of the detractors answered 0–4)

        static Money Usd(decimal amount) => Money.From(amount, "USD");
        var options = new CustomerValueOptions
        {
            Period = RatePeriod.Year,
            DiscountRate = 0.10,           // cost of capital per year
            GrossMarginRate = 0.40,        // margin on spend
            AcquisitionCost = Usd(300m),   // also the replacement cost, unless ReplacementCost is set
            Promoters  = new CategoryProfile { Retention = 0.90, SpendPerPeriod = Usd(1200m), CostToServePerPeriod = Usd(60m),  WordOfMouthValue = Usd(42m) },
            Passives   = new CategoryProfile { Retention = 0.80, SpendPerPeriod = Usd(1000m), CostToServePerPeriod = Usd(80m) },
            Detractors = new CategoryProfile { Retention = 0.60, SpendPerPeriod = Usd(900m),  CostToServePerPeriod = Usd(150m), WordOfMouthValue = Usd(-30m) },
        };
        CustomerValueModel model = CustomerValueModel.From(options);   // validates everything at once
        CustomerValueReport report = model.Analyze(sample, customerBase: 120_000);
        #endregion

        Assert.Equal("NPS +14.2 (n = 1000: 412 promoters, 318 passives, 270 detractors)", sample.ToString());
        Assert.Equal(95, Enumerable.Range(0, 5).Sum(s => sample.CountOf(s)));
        // Tables 1-3 of the page.
        Assert.Equal((1632.00m, 553.33m, -78.00m), (report.Promoter.Value.Round().Amount, report.Passive.Value.Round().Amount, report.Detractor.Value.Round().Amount));
        Assert.Equal((49_440, 38_160, 32_400), (Math.Round(report.Mix.Promoters, 6), Math.Round(report.Mix.Passives, 6), Math.Round(report.Mix.Detractors, 6)));
        AssertInterval(report.PortfolioValue, 135_274_080m, 129_720_512m, 140_551_070m);
        AssertInterval(report.ChurnCost, 18_941_568m, 18_607_398m, 19_252_005m);

        #region economics-follow-up
        ScenarioOutcome followUp = model.FollowUpDetractors(report.Mix, conversionRate: 0.30, costPerFollowUp: Usd(5m));
        MoneyInterval followUpInterval = EconomicsUncertainty.Interval(sample, 120_000,
            mix => model.FollowUpDetractors(mix, 0.30, Usd(5m)).ValueChange);
        #endregion

        Assert.Equal(5_974_560m, Math.Round(followUp.ValueChange.Amount));
        Assert.Equal((14.2, 22.3), (Math.Round(followUp.NpsBefore, 1), Math.Round(followUp.NpsAfter, 1)));
        AssertInterval(followUpInterval, 5_974_560m, 5_379_516m, 6_606_747m);

        #region economics-uncertainty
        MoneyInterval value = EconomicsUncertainty.Interval(sample, 120_000, model.PortfolioValue,
            new UncertaintyOptions { Draws = 4000, Seed = 20261123, Level = 0.95, PriorConcentration = 0.5 });
        #endregion

        // The options shown are the defaults, so this is the whole-base interval of table 2.
        AssertInterval(value, 135_274_080m, 129_720_512m, 140_551_070m);
        Assert.Equal((0.95, 4000), (value.Level, value.Draws));
    }

    private static void AssertInterval(MoneyInterval interval, decimal point, decimal lower, decimal upper) =>
        Assert.Equal((point, lower, upper), (Math.Round(interval.Point.Amount), Math.Round(interval.Lower.Amount), Math.Round(interval.Upper.Amount)));
}
