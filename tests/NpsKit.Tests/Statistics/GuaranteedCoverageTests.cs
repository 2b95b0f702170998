using NpsKit.Statistics;

namespace NpsKit.Tests.Statistics;

/// <summary>The Exact interval (exact test inversion up to 100 answers, Bonferroni–Clopper–Pearson above) and the Score (MOVER) comparison.</summary>
public class GuaranteedCoverageTests
{
    /// <summary>
    /// Exact enumeration, no simulation: every outcome (P, M, D) of n answers, every true (p, d) on the fine grid
    /// (step 0.01, every share ≥ 1 %). Coverage uses the closed interval with exact float comparison; the true NPS on
    /// the grid is an integer number of points, so it is computed exactly.
    /// </summary>
    [Theory]
    [InlineData(10, 0.95)]
    [InlineData(30, 0.95)]
    [InlineData(10, 0.90)]
    [InlineData(30, 0.99)]
    public void Exact_CoverageNeverBelowNominal_FineGridEnumeration(int n, double level)
    {
        var outcomes = new List<(int P, int D, NpsInterval Ci)>();
        for (int p = 0; p <= n; p++)
        {
            for (int d = 0; p + d <= n; d++)
            {
                outcomes.Add((p, d, NpsTally.FromCounts(p, n - p - d, d).ConfidenceInterval(level, NpsIntervalMethod.Exact)));
            }
        }

        double[] logFactorial = new double[n + 1];
        for (int i = 1; i <= n; i++)
        {
            logFactorial[i] = logFactorial[i - 1] + Math.Log(i);
        }

        double worst = 1;
        for (int i = 1; i <= 98; i++)
        {
            for (int j = 1; i + j <= 99; j++)
            {
                double sp = i / 100.0, sd = j / 100.0, sm = (100 - i - j) / 100.0;
                double truth = i - j;
                double lp = Math.Log(sp), ld = Math.Log(sd), lm = Math.Log(sm);
                double coverage = 0;
                foreach ((int p, int d, NpsInterval ci) in outcomes)
                {
                    if (ci.Lower <= truth && truth <= ci.Upper)
                    {
                        int m = n - p - d;
                        coverage += Math.Exp(logFactorial[n] - logFactorial[p] - logFactorial[m] - logFactorial[d] + (p * lp) + (m * lm) + (d * ld));
                    }
                }

                worst = Math.Min(worst, coverage);
            }
        }

        Assert.True(worst >= level - 1e-12, $"minimum coverage {worst} below {level} at n = {n}");
    }

    [Fact]
    public void Exact_TestInversionIsNarrowerThanBonferroniClopperPearson()
    {
        // Mean width over every outcome at n = 10 and 30 (95 %): the exact inversion must improve on the Bonferroni
        // construction it replaced (112 points at n = 10), and never be wider by more than rounding for any outcome.
        foreach (int n in new[] { 10, 30 })
        {
            double inversion = 0, bonferroni = 0;
            int count = 0;
            for (int p = 0; p <= n; p++)
            {
                for (int d = 0; p + d <= n; d++)
                {
                    NpsInterval exact = NpsTally.FromCounts(p, n - p - d, d).ConfidenceInterval(0.95, NpsIntervalMethod.Exact);
                    (double lo, double hi) = NpsKit.Statistics.Internal.IntervalMath.BonferroniClopperPearson(new(p, n - p - d, d), 0.95);
                    inversion += exact.Width;
                    bonferroni += 100 * (hi - lo);
                    count++;
                }
            }

            Assert.True(inversion / count < 0.9 * bonferroni / count, $"n = {n}: mean width {inversion / count} vs Bonferroni {bonferroni / count}");
        }
    }

    [Fact]
    public void Exact_ContainsTheEstimateAndMirrors()
    {
        for (int p = 0; p <= 12; p++)
        {
            for (int d = 0; p + d <= 12; d++)
            {
                NpsTally t = NpsTally.FromCounts(p, 12 - p - d, d);
                NpsInterval ci = t.ConfidenceInterval(0.95, NpsIntervalMethod.Exact);
                NpsInterval mirror = NpsTally.FromCounts(d, 12 - p - d, p).ConfidenceInterval(0.95, NpsIntervalMethod.Exact);
                Assert.InRange(t.Score, ci.Lower, ci.Upper);
                Assert.Equal(-ci.Lower, mirror.Upper, 1e-6);
                Assert.Equal(-ci.Upper, mirror.Lower, 1e-6);
            }
        }
    }

    [Fact]
    public void Exact_AboveOneHundredAnswersIsBonferroniClopperPearson()
    {
        NpsTally t = NpsTally.FromCounts(61, 25, 15);
        (double lo, double hi) = NpsKit.Statistics.Internal.IntervalMath.BonferroniClopperPearson(new(61, 25, 15), 0.95);
        NpsInterval exact = t.ConfidenceInterval(0.95, NpsIntervalMethod.Exact);
        Assert.Equal(100 * lo, exact.Lower, 1e-12);
        Assert.Equal(100 * hi, exact.Upper, 1e-12);
    }

    [Fact]
    public void Exact_ContainsScoreIntervalAndFallsBackAboveTheLimit()
    {
        NpsTally t = NpsTally.FromCounts(60, 25, 15);
        NpsInterval exact = t.ConfidenceInterval(0.95, NpsIntervalMethod.Exact);
        NpsInterval score = t.ConfidenceInterval(0.95, NpsIntervalMethod.Score);
        Assert.True(exact.Lower < score.Lower && exact.Upper > score.Upper);
        NpsTally big = NpsTally.FromCounts(600_000, 250_000, 150_001);
        Assert.Equal(big.ConfidenceInterval(0.95, NpsIntervalMethod.Score), big.ConfidenceInterval(0.95, NpsIntervalMethod.Exact) with { Method = NpsIntervalMethod.Score });
    }

    [Fact]
    public void CompareScore_MoverIntervalFromTangoIntervals_AndPooledTest()
    {
        NpsTally b = NpsTally.FromCounts(60, 25, 15);
        NpsTally c = NpsTally.FromCounts(70, 20, 10);
        NpsComparison s = NpsTest.Compare(b, c, 0.95, NpsTestMethod.Score);
        NpsInterval ib = b.ConfidenceInterval(0.95, NpsIntervalMethod.Score);
        NpsInterval ic = c.ConfidenceInterval(0.95, NpsIntervalMethod.Score);
        double delta = c.Score - b.Score;
        Assert.Equal(delta, s.Estimate, 1e-12);
        Assert.Equal(delta - Math.Sqrt(Math.Pow(c.Score - ic.Lower, 2) + Math.Pow(ib.Upper - b.Score, 2)), s.Interval.Lower, 1e-9);
        Assert.Equal(delta + Math.Sqrt(Math.Pow(ic.Upper - c.Score, 2) + Math.Pow(b.Score - ib.Lower, 2)), s.Interval.Upper, 1e-9);

        // Pooled 130/45/25 of 200: V = 0.775 − 0.525² = 0.499375; SE = 100·√(V·(1/100 + 1/100)).
        Assert.Equal(100 * Math.Sqrt(0.499375 * 0.02), s.StandardError, 1e-9);
        Assert.Equal(s.Estimate / s.StandardError, s.Z, 1e-12);
        Assert.Equal(NpsIntervalMethod.Score, s.Interval.Method);
        Assert.True(s.Interval.Contains(s.Estimate));
    }

    [Fact]
    public void CompareScore_UnanimousGroups_StaysComputableWithAFiniteInterval()
    {
        NpsComparison s = NpsTest.Compare(NpsTally.FromCounts(10, 0, 0), NpsTally.FromCounts(0, 0, 10), 0.95, NpsTestMethod.Score);
        Assert.True(s.IsComputable);
        Assert.True(s.Interval.Lower >= -200 && s.Interval.Upper < -100, s.ToString());
        Assert.Equal(-200, s.Estimate);
    }
}
