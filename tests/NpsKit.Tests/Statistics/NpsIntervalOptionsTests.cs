using NpsKit.Statistics;

namespace NpsKit.Tests.Statistics;

public class NpsIntervalOptionsTests
{
    [Fact]
    public void Defaults_AreAsDocumented()
    {
        var o = new NpsIntervalOptions();
        Assert.Equal(0.95, o.Level);
        Assert.Equal(NpsIntervalMethod.AdjustedWald, o.Method);
        Assert.Equal((0.75, 1.5, 0.75), (o.PromoterPseudoCount, o.PassivePseudoCount, o.DetractorPseudoCount));
        Assert.Equal(0.5, o.PriorConcentration);
        Assert.False(o.UseMonteCarlo);
        Assert.Equal(100_000, o.MonteCarloDraws);
        Assert.Equal(2_000, o.BootstrapReplicates);
    }

    [Fact]
    public void Validate_ReportsEveryProblemInOneException()
    {
        var bad = new NpsIntervalOptions
        {
            Level = 1.5,
            PromoterPseudoCount = -1,
            PassivePseudoCount = double.NaN,
            PriorConcentration = 0,
            MonteCarloDraws = 5,
            BootstrapReplicates = 1,
        };
        var ex = Assert.Throws<InvalidOptionsException>(() => NpsTally.FromCounts(1, 1, 1).ConfidenceInterval(bad));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("6 problem(s)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["Level", "PromoterPseudoCount", "PassivePseudoCount", "PriorConcentration", "MonteCarloDraws", "BootstrapReplicates"], ex.Problems.Select(p => p.Member));
        Assert.Equal(["1.5", "-1", "NaN", "0", "5", "1"], ex.Problems.Select(p => p.Value));
        foreach (string name in new[] { "Level", "PromoterPseudoCount", "PassivePseudoCount", "PriorConcentration", "MonteCarloDraws", "BootstrapReplicates" })
        {
            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PseudoCounts_ChangeTheAdjustedWaldInterval()
    {
        NpsTally t = NpsTally.FromCounts(7, 2, 1);
        NpsInterval zero = t.ConfidenceInterval(new NpsIntervalOptions { PromoterPseudoCount = 0, PassivePseudoCount = 0, DetractorPseudoCount = 0 });
        Assert.Equal(t.ConfidenceInterval(0.95, NpsIntervalMethod.Wald).Lower, zero.Lower, 1e-12);
        Assert.Equal(t.ConfidenceInterval(0.95, NpsIntervalMethod.Wald).Upper, zero.Upper, 1e-12);
    }

    [Fact]
    public void ConfidenceInterval_NullOptions_Throws() =>
        Assert.Throws<ArgumentNullException>(() => NpsTally.FromCounts(1, 1, 1).ConfidenceInterval(null!));
}

public class NpsIntervalTests
{
    [Fact]
    public void Members_DescribeTheInterval()
    {
        var i = new NpsInterval(-12.5, 30, 0.9, NpsIntervalMethod.Score);
        Assert.Equal(42.5, i.Width);
        Assert.Equal(8.75, i.Midpoint);
        Assert.True(i.Contains(-12.5) && i.Contains(30) && i.Contains(0));
        Assert.False(i.Contains(30.0001));
        Assert.Equal("[-12.5, +30.0] (90% Score)", i.ToString());
    }
}

public class NpsIntervalOptionsPriorTests
{
    [Fact]
    public void PriorBelowQuarter_IsRefusedForExactQuadratureButAllowedForMonteCarlo()
    {
        NpsTally t = NpsTally.FromCounts(0, 0, 5);
        var exact = new NpsIntervalOptions { Method = NpsIntervalMethod.Bayesian, PriorConcentration = 0.1 };
        var ex = Assert.Throws<InvalidOptionsException>(() => t.ConfidenceInterval(exact));
        Assert.Contains("UseMonteCarlo", ex.Message, StringComparison.Ordinal);
        Assert.Equal(("PriorConcentration", "0.1"), (Assert.Single(ex.Problems).Member, ex.Problems[0].Value));
        NpsInterval mc = t.ConfidenceInterval(exact with { UseMonteCarlo = true, MonteCarloDraws = 20_000 });
        Assert.True(mc.Upper < -50); // SciPy: upper bound −58.0 for Dirichlet(0.1, 0.1, 5.1)
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsTest.ProbabilityOfIncrease(t, t, 0.1));
    }
}
