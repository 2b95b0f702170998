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

    /// <summary>
    /// Known answers: the Exact interval's bounds (points) as the term-by-term implementation (one exponential per
    /// outcome, before the row walk of 2026-12-02) computed them, printed round-trip. The row walk must reproduce them
    /// to 1e−9 points: a faster sum may not move an interval whose coverage the enumeration proved.
    /// </summary>
    [Theory]
    [InlineData(3, 4, 3, 0.9, -41.69981700744559, 41.69981700744559)]
    [InlineData(0, 0, 10, 0.9, -100, -48.2268896195657)]
    [InlineData(10, 0, 0, 0.9, 48.2268896195657, 100)]
    [InlineData(1, 8, 1, 0.9, -31.001494055651925, 31.001494055651925)]
    [InlineData(7, 2, 1, 0.9, 11.469009617305497, 87.08524530198504)]
    [InlineData(0, 30, 0, 0.9, -9.503385400437612, 9.503385400437612)]
    [InlineData(12, 10, 8, 0.9, -13.210947870211431, 38.307194718715174)]
    [InlineData(25, 2, 3, 0.9, 46.409196256932326, 88.5013105478518)]
    [InlineData(1, 1, 28, 0.9, -97.93539617276521, -69.052905017472)]
    [InlineData(45, 30, 25, 0.9, 4.709229816334146, 33.13215553826422)]
    [InlineData(80, 15, 5, 0.9, 64.50941720290652, 82.9426973505947)]
    [InlineData(2, 3, 95, 0.9, -97.2446776113543, -84.80806380196087)]
    [InlineData(33, 34, 33, 0.9, -13.520902867777442, 13.520902867777442)]
    [InlineData(100, 0, 0, 0.9, 94.09738992585412, 100)]
    [InlineData(0, 100, 0, 0.9, -2.951305087072946, 2.951305087072946)]
    [InlineData(60, 0, 40, 0.9, 2.3661846412586183, 36.494797071480065)]
    [InlineData(3, 4, 3, 0.95, -49.516552041633226, 49.516552041633226)]
    [InlineData(0, 0, 10, 0.95, -100, -38.30057819618453)]
    [InlineData(10, 0, 0, 0.95, 38.30057819618453, 100)]
    [InlineData(1, 8, 1, 0.95, -37.92221891449223, 37.92221891449223)]
    [InlineData(7, 2, 1, 0.95, 2.2773032380508456, 90.09461293683778)]
    [InlineData(0, 30, 0, 0.95, -12.288030336959457, 12.288030336959457)]
    [InlineData(12, 10, 8, 0.95, -18.4176405774189, 43.25622119903229)]
    [InlineData(25, 2, 3, 0.95, 42.90256473687297, 90.34817745354104)]
    [InlineData(1, 1, 28, 0.95, -98.58786509748627, -64.38648458504349)]
    [InlineData(45, 30, 25, 0.95, 3.136837978498836, 35.60289224054744)]
    [InlineData(80, 15, 5, 0.95, 62.13329933517845, 84.25891912297735)]
    [InlineData(2, 3, 95, 0.95, -97.79910130368005, -82.96478913410179)]
    [InlineData(33, 34, 33, 0.95, -16.442047035359632, 16.442047035359632)]
    [InlineData(100, 0, 0, 0.95, 92.75666117602259, 100)]
    [InlineData(0, 100, 0, 0.95, -3.764706080817479, 3.764706080817479)]
    [InlineData(60, 0, 40, 0.95, -0.5581700311733251, 39.34104641344477)]
    [InlineData(3, 4, 3, 0.99, -61.81673392719357, 61.81673392719357)]
    [InlineData(0, 0, 10, 0.99, -100, -17.740803608632795)]
    [InlineData(10, 0, 0, 0.99, 17.740803608632795, 100)]
    [InlineData(1, 8, 1, 0.99, -48.67660264240036, 48.67660264240036)]
    [InlineData(7, 2, 1, 0.99, -15.873432259423815, 94.48756789233613)]
    [InlineData(0, 30, 0, 0.99, -18.517849321825597, 18.517849321825597)]
    [InlineData(12, 10, 8, 0.99, -25.902041263709435, 49.45529215931558)]
    [InlineData(25, 2, 3, 0.99, 32.01063624620773, 93.51582305364803)]
    [InlineData(1, 1, 28, 0.99, -99.39409059848717, -54.358960091408804)]
    [InlineData(45, 30, 25, 0.99, -1.7282877372337357, 40.27057747112045)]
    [InlineData(80, 15, 5, 0.99, 57.781746759351805, 86.67436515978305)]
    [InlineData(2, 3, 95, 0.99, -98.49242548958786, -78.90374894374284)]
    [InlineData(33, 34, 33, 0.99, -20.9120946384105, 20.9120946384105)]
    [InlineData(100, 0, 0, 0.99, 89.67919389340948, 100)]
    [InlineData(0, 100, 0, 0.99, -6.666666866007745, 6.666666866007745)]
    [InlineData(60, 0, 40, 0.99, -6.70540104375611, 44.74846849904786)]
    public void Exact_Bounds_EqualTheTermByTermSum(int promoters, int passives, int detractors, double level, double lower, double upper)
    {
        NpsInterval ci = NpsTally.FromCounts(promoters, passives, detractors).ConfidenceInterval(level, NpsIntervalMethod.Exact);

        Assert.Equal(lower, ci.Lower, 1e-9);
        Assert.Equal(upper, ci.Upper, 1e-9);
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
