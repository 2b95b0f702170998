using NpsKit.Economics;

namespace NpsKit.Tests.Economics;

public class UncertaintyOptionsTests
{
    [Fact]
    public void Defaults_AreAsDocumented()
    {
        UncertaintyOptions o = UncertaintyOptions.Default;
        Assert.Equal(4000, o.Draws);
        Assert.Equal(20261123UL, o.Seed);
        Assert.Equal(0.95, o.Level);
        Assert.Equal(0.5, o.PriorConcentration);
        o.Validate();
    }

    [Fact]
    public void Validate_EveryOptionWrong_ReportsAllThree()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(new UncertaintyOptions { Draws = 2_000_000, Level = double.NaN, PriorConcentration = -1 }.Validate);
        Assert.Equal(3, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.StartsWith("Draws is 2000000", StringComparison.Ordinal));
    }
}
