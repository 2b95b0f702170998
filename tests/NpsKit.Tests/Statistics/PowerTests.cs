using FsCheck.Fluent;
using NpsKit.Statistics;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Statistics;

public class PowerTests
{
    [Fact]
    public void Power_WorstCaseKnownAnswer()
    {
        // σ = √(2/400), shift = 0.1/σ = √2; Φ(√2 − 1.959964) + Φ(−√2 − 1.959964) (R: pnorm(sqrt(2) - qnorm(0.975)) + pnorm(-sqrt(2) - qnorm(0.975))).
        Assert.Equal(0.292988936448, SampleSizePlan.Power(400, 10), 1e-10);
    }

    [Fact]
    public void Power_AtThePlannedSampleSize_ReachesThePowerAskedFor_AndOneFewerDoesNotQuite() => PropertyRunner.Check(
        Prop.ForAll(
            Gen.Choose(2, 60).Select(x => x / 1.0).ToArbitrary(),
            Gen.Elements(0.7, 0.8, 0.9, 0.95).ToArbitrary(),
            Gen.Choose(5, 45).Select(x => x / 100.0).ToArbitrary(),
            (difference, power, detractors) =>
            {
                var shares = PlanningShares.From(0.4, detractors);
                long n = SampleSizePlan.PerGroupForDifference(difference, 0.95, power, shares);
                double at = SampleSizePlan.Power(n, difference, 0.95, shares);
                double below = n > 2 ? SampleSizePlan.Power(n - 1, difference, 0.95, shares) : 0;
                // The two-tailed power exceeds the one-tailed planning formula by at most Φ(−2z) ≈ 4e−5 at n − 1.
                return at >= power - 1e-12 && below < power + 1e-4;
            }));

    [Fact]
    public void Power_AgreesWithSimulatedWaldTests()
    {
        // Seeded simulation: 4 000 pairs of samples of 300 from shares (0.45, 0.35, 0.20) and (0.55, 0.30, 0.15),
        // a true change of +15 points; the Wald test at 95%.
        var baseline = PlanningShares.From(0.45, 0.20);
        var current = PlanningShares.From(0.55, 0.15);
        const int n = 300, runs = 4_000;
        var random = new Random(20261201);
        int rejected = 0;
        for (int r = 0; r < runs; r++)
        {
            NpsTally b = Draw(random, n, 0.45, 0.20);
            NpsTally c = Draw(random, n, 0.55, 0.15);
            if (NpsTest.Compare(b, c, 0.95, NpsTestMethod.Wald).PValue < 0.05)
            {
                rejected++;
            }
        }

        double simulated = (double)rejected / runs;
        double predicted = SampleSizePlan.Power(n, 15, 0.95, baseline, current);
        double mcError = Math.Sqrt(predicted * (1 - predicted) / runs);
        Assert.True(Math.Abs(simulated - predicted) < 4 * mcError + 0.01, $"simulated {simulated}, predicted {predicted}");
    }

    [Fact]
    public void Power_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizePlan.Power(1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizePlan.Power(100, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizePlan.Power(100, 10, 1));
    }

    private static NpsTally Draw(Random random, int n, double promoters, double detractors)
    {
        long p = 0, d = 0;
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble();
            if (u < promoters)
            {
                p++;
            }
            else if (u < promoters + detractors)
            {
                d++;
            }
        }

        return NpsTally.FromCounts(p, n - p - d, d);
    }
}
