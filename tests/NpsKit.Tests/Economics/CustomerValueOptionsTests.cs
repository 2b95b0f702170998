using NpsKit.Economics;
using static NpsKit.Tests.Economics.EconomicsExamples;

namespace NpsKit.Tests.Economics;

public class CustomerValueOptionsTests
{
    [Fact]
    public void Defaults_AreAsDocumented()
    {
        CustomerValueOptions o = new() { Period = RatePeriod.Year, Promoters = Options.Promoters, Passives = Options.Passives, Detractors = Options.Detractors };
        Assert.Equal(ChurnCostMethod.LostValue, o.ChurnCostMethod);
        Assert.Equal(0.10, o.DiscountRate);
        Assert.Equal(0.0, o.GrowthRate);
        Assert.Equal(1.0, o.GrossMarginRate);
        Assert.Null(o.AcquisitionCost);
        Assert.Null(o.ReplacementCost);
        Assert.Equal("USD", o.Currency);
        o.Validate();
    }

    [Fact]
    public void WithProfile_ReplacesOnlyThatCategory()
    {
        CategoryProfile better = Options.Detractors with { Retention = 0.7 };
        CustomerValueOptions o = Options.WithProfile(NpsCategory.Detractor, better);
        Assert.Same(better, o.ProfileOf(NpsCategory.Detractor));
        Assert.Equal(Options.Promoters, o.ProfileOf(NpsCategory.Promoter));
        Assert.Equal(0.6, Options.Detractors.Retention);
    }

    [Fact]
    public void Validate_NegativeCostToServeAndWordOfMouthInOtherCurrency_ReportsBoth()
    {
        CustomerValueOptions o = Options with
        {
            Passives = Options.Passives with { CostToServePerPeriod = Usd(-5m), WordOfMouthValue = Money.From(1m, "GBP") },
        };
        var ex = Assert.Throws<InvalidAssumptionsException>(o.Validate);
        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains("2 problems", ex.Message, StringComparison.Ordinal);
        Assert.Equal("options", ex.ParamName);
    }

    [Fact]
    public void Validate_UndefinedPeriodAndGrowthMinusOne_ReportsBoth()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>((Options with { Period = (RatePeriod)2, GrowthRate = -1 }).Validate);
        Assert.Equal(2, ex.Problems.Count);
    }
}
