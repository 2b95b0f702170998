using NpsKit.Statistics.Internal;

namespace NpsKit.Tests.Statistics;

public class DirichletDifferenceTests
{
    [Theory]
    [InlineData(2.5, 1.5, 0.5)]
    [InlineData(60.5, 25.5, 15.5)]
    [InlineData(0.5, 10.5, 3.5)]
    public void Moments_MatchRawMomentFormulas(double aP, double aM, double aD)
    {
        // E Δ, E Δ², E Δ³ from rising factorials (no cancellation problem at these sizes).
        double a = aP + aM + aD;
        double m1 = (aP - aD) / a;
        double m2 = ((aP * (aP + 1)) - (2 * aP * aD) + (aD * (aD + 1))) / (a * (a + 1));
        double m3 = ((aP * (aP + 1) * (aP + 2)) - (3 * aP * (aP + 1) * aD) + (3 * aP * aD * (aD + 1)) - (aD * (aD + 1) * (aD + 2))) / (a * (a + 1) * (a + 2));
        double variance = m2 - (m1 * m1);
        double central3 = m3 - (3 * m1 * m2) + (2 * m1 * m1 * m1);
        var d = new DirichletDifference(aP, aM, aD);
        Assert.Equal(m1, d.Mean, 1e-14);
        Assert.Equal(Math.Sqrt(variance), d.StandardDeviation, 1e-14);
        Assert.Equal(central3 / Math.Pow(variance, 1.5), d.Skewness, 1e-10);
    }

    [Fact]
    public void Quantile_JustBelowAsymptoticSwitch_AgreesWithCornishFisherUsedAboveIt()
    {
        var d = new DirichletDifference(4_500_000.5, 3_000_000.5, 2_499_000.5);
        Assert.True(d.Concentration < DirichletDifference.AsymptoticConcentration);
        foreach (double p in new[] { 0.005, 0.025, 0.5, 0.975, 0.995 })
        {
            double z = Numerics.NormalQuantile(p);
            double cornishFisher = d.Mean + (d.StandardDeviation * (z + (((z * z) - 1) * d.Skewness / 6)));
            Assert.Equal(cornishFisher, d.Quantile(p), 1e-9);
        }
    }

    [Fact]
    public void ConfidenceInterval_HugeTally_IsFiniteAndMatchesWald()
    {
        NpsTally huge = NpsTally.FromCounts(450_000_000_000, 300_000_000_000, 250_000_000_000);
        NpsInterval bayes = huge.ConfidenceInterval(0.95, NpsIntervalMethod.Bayesian);
        NpsInterval wald = huge.ConfidenceInterval(0.95, NpsIntervalMethod.Wald);
        Assert.Equal(wald.Lower, bayes.Lower, 1e-6);
        Assert.Equal(wald.Upper, bayes.Upper, 1e-6);
        Assert.Equal(1, NpsTest.ProbabilityOfIncrease(NpsTally.FromCounts(400_000_000, 300_000_000, 300_000_000), huge), 1e-12);
    }
}
