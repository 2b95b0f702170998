using NpsKit.Statistics;

namespace NpsKit.Tests.Docs.Snippets;

/// <summary>The C# blocks of docs/statistics.md, compiled and run; <see cref="ReadmeTests"/> checks the document shows them.</summary>
[UseInvariantCulture]
public class StatisticsDocSnippets
{
    [Fact]
    public void ConfidenceIntervals_GiveTheBoundsTheDocQuotes()
    {
        #region statistics-intervals
        NpsTally tally = NpsTally.FromCounts(promoters: 60, passives: 25, detractors: 15);   // NPS +45
        NpsInterval ci = tally.ConfidenceInterval();                              // [+29.343, +58.036] (95% AdjustedWald)
        NpsInterval score = tally.ConfidenceInterval(0.95, NpsIntervalMethod.Score);
        NpsInterval bayes = tally.ConfidenceInterval(new NpsIntervalOptions { Method = NpsIntervalMethod.Bayesian, PriorConcentration = 1 });
        #endregion

        Assert.Equal(45, tally.Score, 1e-12);
        Assert.Equal((29.343, 58.036, 0.95, NpsIntervalMethod.AdjustedWald), (Math.Round(ci.Lower, 3), Math.Round(ci.Upper, 3), ci.Level, ci.Method));
        Assert.Equal(NpsIntervalMethod.Score, score.Method);
        Assert.Equal(NpsIntervalMethod.Bayesian, bayes.Method);
        Assert.All([score, bayes], i => Assert.True(i.Contains(45) && i.Width is > 20 and < 40, i.ToString()));
    }

    [Fact]
    public void Compare_GivesTheWorkedExample()
    {
        NpsTally lastQuarter = NpsTally.FromCounts(promoters: 60, passives: 25, detractors: 15);
        NpsTally thisQuarter = NpsTally.FromCounts(promoters: 70, passives: 20, detractors: 10);

        #region statistics-compare
        NpsComparison change = NpsTest.Compare(lastQuarter, thisQuarter);          // adjusted Wald, 95%
        // change.Difference (current − baseline), .StandardError, .Z, .PValue, .Interval, .IsSignificant(0.05)
        NpsComparison plain = NpsTest.Compare(lastQuarter, thisQuarter, 0.95, NpsTestMethod.Wald);
        #endregion

        // The worked example under the block: Δ = +15.0; Wald SE 9.94, z 1.509, p 0.131; adjusted 14.56, 9.87, 1.475, 0.140.
        Assert.Equal(15.0, change.Difference, 1e-9);
        Assert.Equal((14.56, 9.87, 1.475, 0.140), (Math.Round(change.Estimate, 2), Math.Round(change.StandardError, 2), Math.Round(change.Z, 3), Math.Round(change.PValue, 3)));
        Assert.Equal((15.0, 9.94, 1.509, 0.131), (Math.Round(plain.Difference, 2), Math.Round(plain.StandardError, 2), Math.Round(plain.Z, 3), Math.Round(plain.PValue, 3)));
        Assert.False(change.IsSignificant(0.05));
    }

    [Fact]
    public void AgainstTarget_GivesConsistentOneAndTwoSidedPValues()
    {
        NpsTally tally = NpsTally.FromCounts(promoters: 60, passives: 25, detractors: 15);

        #region statistics-target
        NpsTargetTest t = NpsTest.AgainstTarget(tally, target: 30);                 // score test by default
        // t.Z, t.PValue (two-sided), t.PValueGreater (H1: NPS > 30), t.PValueLess
        // for 60/25/15 (+45, n = 100): z = 1.873, PValue = 0.061, PValueGreater = 0.031
        #endregion

        Assert.Equal(NpsTestMethod.Score, t.Method);
        // +45 on n = 100 against 30: z = 1.873, significant one-sided (p = 0.031) but not two-sided (p = 0.061) at 5%.
        Assert.Equal((1.873, 0.061, 0.031), (Math.Round(t.Z, 3), Math.Round(t.PValue, 3), Math.Round(t.PValueGreater, 3)));
        Assert.Equal(t.PValue, 2 * Math.Min(t.PValueGreater, t.PValueLess), 1e-12);
        Assert.Equal(1.0, t.PValueGreater + t.PValueLess, 1e-12);
    }
}
