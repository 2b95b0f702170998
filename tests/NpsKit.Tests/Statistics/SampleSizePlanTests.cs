using NpsKit.Statistics;

namespace NpsKit.Tests.Statistics;

public class SampleSizePlanTests
{
    private const string Reference = "statistics_reference.csv";

    [Fact]
    public void ForMarginOfError_MatchesReference()
    {
        int rows = 0;
        foreach (string[] r in KnownAnswers.Rows(Reference, "PlanMargin"))
        {
            long population = KnownAnswers.L(r[3]);
            long n = SampleSizePlan.ForMarginOfError(
                100 * KnownAnswers.D(r[5]), KnownAnswers.D(r[4]), PlanningShares.From(KnownAnswers.D(r[1]), KnownAnswers.D(r[2])), population == 0 ? null : population);
            Assert.Equal(KnownAnswers.L(r[6]), n);
            rows++;
        }

        Assert.Equal(5, rows);
    }

    [Fact]
    public void PerGroupForDifference_MatchesReference()
    {
        foreach (string[] r in KnownAnswers.Rows(Reference, "PlanDifference"))
        {
            var shares = PlanningShares.From(KnownAnswers.D(r[1]), KnownAnswers.D(r[2]));
            long n = SampleSizePlan.PerGroupForDifference(100 * KnownAnswers.D(r[5]), KnownAnswers.D(r[4]), KnownAnswers.D(r[3]), shares, shares);
            Assert.Equal(KnownAnswers.L(r[6]), n);
        }
    }

    [Fact]
    public void MarginOfError_MatchesReference()
    {
        foreach (string[] r in KnownAnswers.Rows(Reference, "PlanMoe"))
        {
            long population = KnownAnswers.L(r[3]);
            double moe = SampleSizePlan.MarginOfError(
                KnownAnswers.L(r[5]), KnownAnswers.D(r[4]), PlanningShares.From(KnownAnswers.D(r[1]), KnownAnswers.D(r[2])), population == 0 ? null : population);
            Assert.Equal(100 * KnownAnswers.D(r[6]), moe, 1e-9);
        }
    }

    [Fact]
    public void ForMarginOfError_DefaultsAreWorstCaseAt95()
    {
        Assert.Equal(1537, SampleSizePlan.ForMarginOfError(5));
        Assert.Equal(SampleSizePlan.ForMarginOfError(5, 0.95, PlanningShares.WorstCase), SampleSizePlan.ForMarginOfError(5));
        Assert.Equal(9.8, SampleSizePlan.MarginOfError(400), 0.01);
    }

    [Fact]
    public void ForMarginOfError_ThenMarginOfError_MeetsTheTarget()
    {
        foreach (double e in new[] { 1.0, 2.5, 5, 10, 20 })
        {
            long n = SampleSizePlan.ForMarginOfError(e);
            Assert.True(SampleSizePlan.MarginOfError(n) <= e);
            Assert.True(SampleSizePlan.MarginOfError(n - 1) > e || n == 1);
        }
    }

    [Fact]
    public void FinitePopulation_NeverAsksForMoreThanThePopulation()
    {
        Assert.Equal(50, SampleSizePlan.ForMarginOfError(1, populationSize: 50));
        Assert.Equal(0, SampleSizePlan.MarginOfError(50, populationSize: 50), 1e-12);
    }

    [Fact]
    public void BadArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("marginOfError", Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizePlan.ForMarginOfError(0)).ParamName);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizePlan.ForMarginOfError(5, 1)).ParamName);
        Assert.Equal("power", Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizePlan.PerGroupForDifference(5, power: 1)).ParamName);
        Assert.Equal("difference", Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizePlan.PerGroupForDifference(0)).ParamName);
        Assert.Equal("populationSize", Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizePlan.ForMarginOfError(5, populationSize: 0)).ParamName);
        Assert.Equal("sampleSize", Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizePlan.MarginOfError(0)).ParamName);
        Assert.Equal("sampleSize", Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizePlan.MarginOfError(60, populationSize: 50)).ParamName);
    }
}

public class PlanningSharesTests
{
    [Fact]
    public void WorstCase_HasTheLargestUnitVariance()
    {
        Assert.Equal(1, PlanningShares.WorstCase.UnitVariance);
        for (int p = 0; p <= 20; p++)
        {
            for (int d = 0; d <= 20 - p; d++)
            {
                Assert.True(PlanningShares.From(p / 20.0, d / 20.0).UnitVariance <= 1 + 1e-15);
            }
        }
    }

    [Fact]
    public void FromTally_TakesObservedShares()
    {
        var s = PlanningShares.FromTally(NpsTally.FromCounts(45, 30, 25));
        Assert.Equal(0.45, s.PromoterShare, 1e-15);
        Assert.Equal(0.25, s.DetractorShare, 1e-15);
        Assert.Equal(0.30, s.PassiveShare, 1e-15);
    }

    [Fact]
    public void From_SharesAddingAboveOne_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PlanningShares.From(0.7, 0.4));
        Assert.Contains("more than 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => PlanningShares.From(-0.1, 0.4));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlanningShares.From(0.1, double.NaN));
    }
}
