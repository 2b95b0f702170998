using FsCheck;
using FsCheck.Fluent;
using NpsKit.Economics;
using NpsKit.TestUtilities;
using static NpsKit.Tests.Economics.EconomicsExamples;

namespace NpsKit.Tests.Economics;

// Known answers: TestData/economics_known_answers.txt (Python 3 fractions, exact), the worked example of docs/economics.md.
public class CustomerValueModelTests
{
    [Fact]
    public void LifetimeValue_PerCategory_KnownAnswers()
    {
        CustomerValueModel model = Model;
        ClvEstimate p = model.LifetimeValue(NpsCategory.Promoter);
        AssertMoney(420m, p.MarginPerPeriod);
        AssertMoney(1890m, p.GrossValue);
        AssertMoney(1932m, p.ExistingCustomerValue);
        AssertMoney(1632m, p.Value);
        ClvEstimate pa = model.LifetimeValue(NpsCategory.Passive);
        AssertMoney(320m, pa.MarginPerPeriod);
        AssertMoney(2560m / 3m, pa.ExistingCustomerValue);
        AssertMoney(1660m / 3m, pa.Value);
        ClvEstimate d = model.LifetimeValue(NpsCategory.Detractor);
        AssertMoney(210m, d.MarginPerPeriod);
        AssertMoney(252m, d.GrossValue);
        AssertMoney(222m, d.ExistingCustomerValue);
        AssertMoney(-78m, d.Value);
    }

    [Fact]
    public void PortfolioValue_KnownAnswer()
    {
        CustomerValueModel model = Model;
        AssertMoney(135_274_080m, model.PortfolioValue(Mix));
        AssertMoney(95_518_080m, model.CategoryValue(Mix, NpsCategory.Promoter));
        AssertMoney(32_563_200m, model.CategoryValue(Mix, NpsCategory.Passive));
        AssertMoney(7_192_800m, model.CategoryValue(Mix, NpsCategory.Detractor));
    }

    [Fact]
    public void ChurnCost_KnownAnswer()
    {
        ChurnCostBreakdown churn = Model.ChurnCost(Mix);
        Assert.Equal(25_536, churn.ExpectedChurners, 6);
        AssertMoney(18_941_568m, churn.LostValue);
        AssertMoney(7_660_800m, churn.ReplacementCost);
        AssertMoney(18_941_568m, churn.Total); // the value lost (default method): a churner is not also counted as replaced
        Assert.Equal(ChurnCostMethod.LostValue, churn.Method);
        AssertMoney(26_602_368m, CustomerValueModel.From(Options with { ChurnCostMethod = ChurnCostMethod.LostValuePlusReplacement }).ChurnCost(Mix).Total);
        // Lesser of the two per category: promoters min(1932, 300), passives min(853.33, 300), detractors min(222, 300).
        ChurnCostBreakdown lesser = CustomerValueModel.From(Options with { ChurnCostMethod = ChurnCostMethod.LesserOfLostValueAndReplacement }).ChurnCost(Mix);
        AssertMoney((49_440m * 0.1m * 300m) + (38_160m * 0.2m * 300m) + (32_400m * 0.4m * 222m), lesser.Total);
        Assert.Equal(RatePeriod.Year, churn.Period);
        Assert.Equal(["Promoters", "Passives", "Detractors"], churn.Lines.Select(l => l.Name));
    }

    [Fact]
    public void ChurnCost_ReplacementCostDefaultsToAcquisitionCost()
    {
        CustomerValueModel model = CustomerValueModel.From(Options with { ReplacementCost = Usd(162.3m) });
        Assert.Equal(Usd(300m), model.AcquisitionCost);
        Assert.Equal(Usd(162.3m), model.ReplacementCost);
        Assert.Equal(Usd(300m), Model.ReplacementCost);
    }

    [Fact]
    public void FollowUpDetractors_KnownAnswerWithComponents()
    {
        ScenarioOutcome o = Model.FollowUpDetractors(Mix, 0.30, Usd(5m));
        Assert.Equal(9720, o.CustomersAffected, 6);
        Assert.Equal(3, o.Components.Count);
        AssertMoney(5_844_960m, o.Components[0].Amount);
        AssertMoney(291_600m, o.Components[1].Amount);
        AssertMoney(-162_000m, o.Components[2].Amount);
        AssertMoney(5_974_560m, o.ValueChange);
        AssertMoney(o.PortfolioValueAfter.Amount - o.PortfolioValueBefore.Amount - 162_000m, o.ValueChange);
        Assert.Equal(Mix.Score, o.NpsBefore, 9);
        Assert.Equal(100.0 * (412 - (270 * 0.7)) / 1000, o.NpsAfter, 9);
    }

    [Fact]
    public void RaiseNps_FivePoints_KnownAnswers()
    {
        ScenarioOutcome up = Model.RaiseNps(Mix, 5, NpsLever.PassivesToPromoters);
        AssertMoney(6_472_000m, up.ValueChange);
        Assert.Equal(Mix.Score + 5, up.NpsAfter, 9);
        ScenarioOutcome fix = Model.RaiseNps(Mix, 5, NpsLever.DetractorsToPassives);
        AssertMoney(3_788_000m, fix.ValueChange);
        Assert.Equal(Mix.Score + 5, fix.NpsAfter, 9);
    }

    [Fact]
    public void ScenarioOutcome_ToString_OnEmptyMix_DoesNotThrow() =>
        Assert.Equal(
            "Follow up every detractor within 24 hours; 50% become passives: 0 customers, value change USD 0.00",
            Model.FollowUpDetractors(CustomerMix.FromCounts(0, 0, 0), 0.5).ToString());

    [Fact]
    public void RaiseNps_MorePointsThanCustomersToMove_ThrowsWithNumbers()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Model.RaiseNps(Mix, 40, NpsLever.DetractorsToPassives));
        Assert.Contains("48000", ex.Message, StringComparison.Ordinal);
        Assert.Contains("32400", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoseDetractorsScoring0To4_KnownAnswer()
    {
        ScenarioOutcome o = Model.LoseDetractorsScoring0To4(Mix);
        Assert.Equal(11_400, o.CustomersAffected, 6);
        AssertMoney(-2_872_800m, o.Components[0].Amount);
        AssertMoney(342_000m, o.Components[1].Amount);
        AssertMoney(-2_530_800m, o.ValueChange);
        Assert.Equal(4740.0 / 181, o.NpsAfter, 9);
        AssertMoney(o.PortfolioValueAfter.Amount - o.PortfolioValueBefore.Amount, o.ValueChange);
    }

    [Fact]
    public void LoseDetractorsScoring0To4_CategoryOnlyTally_ThrowsSayingWhy()
    {
        CustomerMix mix = CustomerMix.FromSample(NpsTally.FromCounts(412, 318, 270), CustomerBase);
        var ex = Assert.Throws<InvalidOperationException>(() => Model.LoseDetractorsScoring0To4(mix));
        Assert.Contains("per-score counts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FollowUpDetractors_RateAboveOneAndOtherCurrency_ReportsBoth()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(() => Model.FollowUpDetractors(Mix, 1.5, Money.From(5m, "EUR")));
        Assert.Equal(2, ex.Problems.Count);
    }

    [Fact]
    public void From_InvalidOptions_ReportsEveryProblem()
    {
        CustomerValueOptions bad = Options with
        {
            DiscountRate = -0.05,
            GrossMarginRate = 1.5,
            AcquisitionCost = Money.From(300m, "EUR"),
            Detractors = Options.Detractors with { Retention = 1.2 },
            Passives = Options.Passives with { SpendPerPeriod = Money.From(-1m, "USD") },
        };
        var ex = Assert.Throws<InvalidAssumptionsException>(() => CustomerValueModel.From(bad));
        Assert.Equal(5, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.StartsWith("DiscountRate is -0.05", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("GrossMarginRate is 1.5", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Detractors.Retention is 1.2", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Passives.SpendPerPeriod is -1", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("AcquisitionCost is in EUR", StringComparison.Ordinal));
    }

    [Fact]
    public void From_GrowthMakingPromotersDiverge_NamesTheCategory()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(() => CustomerValueModel.From(Options with { GrowthRate = 0.25 }));
        string problem = Assert.Single(ex.Problems);
        Assert.StartsWith("Promoters: The lifetime value diverges", problem, StringComparison.Ordinal);
    }

    private static readonly Arbitrary<CustomerMix> Mixes =
        (from p in Gen.Choose(0, 100_000)
         from pa in Gen.Choose(0, 100_000)
         from d in Gen.Choose(0, 100_000)
         select CustomerMix.FromCounts(p, pa, d)).ToArbitrary();

    [Fact]
    public void Scenarios_WithZeroChange_ChangeNothing() => PropertyRunner.Check(
        Prop.ForAll(Mixes, mix =>
        {
            CustomerValueModel model = Model;
            Money zero = Usd(0m);
            bool followUp = model.FollowUpDetractors(mix, 0).ValueChange == zero
                && model.FollowUpDetractors(mix, 0).After == mix;
            bool raise = mix.Total == 0
                || (model.RaiseNps(mix, 0, NpsLever.DetractorsToPassives).ValueChange == zero
                    && model.RaiseNps(mix, 0, NpsLever.PassivesToPromoters).ValueChange == zero
                    && model.RaiseNps(mix, 0, NpsLever.PassivesToPromoters).After == mix);
            return followUp && raise;
        }));

    [Fact]
    public void ChurnCost_WithFullRetention_IsZero() => PropertyRunner.Check(
        Prop.ForAll(Mixes, mix =>
        {
            CategoryProfile stay(CategoryProfile p) => p with { Retention = 1.0 };
            CustomerValueOptions o = Options with { Promoters = stay(Options.Promoters), Passives = stay(Options.Passives), Detractors = stay(Options.Detractors) };
            ChurnCostBreakdown churn = CustomerValueModel.From(o).ChurnCost(mix);
            return churn.Total == Usd(0m) && churn.ExpectedChurners == 0;
        }));

    [Fact]
    public void PortfolioValue_RisesWithEveryCategorysRetention() => PropertyRunner.Check(
        Prop.ForAll(Mixes, Gen.Elements(NpsCategory.Promoter, NpsCategory.Passive, NpsCategory.Detractor).ToArbitrary(), (mix, c) =>
        {
            CategoryProfile p = Options.ProfileOf(c);
            CustomerValueModel better = CustomerValueModel.From(Options.WithProfile(c, p with { Retention = p.Retention + 0.01 }));
            return mix.CountOf(c) == 0 ? better.PortfolioValue(mix) == Model.PortfolioValue(mix) : better.PortfolioValue(mix) > Model.PortfolioValue(mix);
        }));

    [Fact]
    public void PortfolioValue_RisesWithMarginRate() => PropertyRunner.Check(
        Prop.ForAll(Mixes, mix =>
        {
            CustomerValueModel better = CustomerValueModel.From(Options with { GrossMarginRate = 0.45 });
            return mix.Total == 0 || better.PortfolioValue(mix) > Model.PortfolioValue(mix);
        }));
}
