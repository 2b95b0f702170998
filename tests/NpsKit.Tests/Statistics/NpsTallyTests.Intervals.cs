using NpsKit.Statistics;

namespace NpsKit.Tests;

public partial class NpsTallyTests
{
    private const string Reference = "statistics_reference.csv";

    /// <summary>1e−6 on the −1..1 scale is 1e−4 NPS points.</summary>
    private const double Tolerance = 1e-4;

    public static TheoryData<string> DeterministicMethods => new() { "Wald", "AdjustedWald", "Score", "Bayesian" };

    [Theory]
    [MemberData(nameof(DeterministicMethods))]
    public void ConfidenceInterval_MatchesSciPyReference(string method)
    {
        var failures = new List<string>();
        int checkedRows = 0;
        foreach (string[] row in Statistics.KnownAnswers.Rows(Reference, method))
        {
            NpsTally tally = Statistics.KnownAnswers.Tally(row[1], row[2], row[3]);
            double level = Statistics.KnownAnswers.D(row[4]);
            var options = new NpsIntervalOptions
            {
                Level = level,
                Method = Enum.Parse<NpsIntervalMethod>(method),
                PriorConcentration = method == "Bayesian" ? Statistics.KnownAnswers.D(row[5]) : 0.5,
            };
            NpsInterval ci = tally.ConfidenceInterval(options);
            double lower = 100 * Statistics.KnownAnswers.D(row[6]);
            double upper = 100 * Statistics.KnownAnswers.D(row[7]);
            if (Math.Abs(ci.Lower - lower) > Tolerance || Math.Abs(ci.Upper - upper) > Tolerance)
            {
                failures.Add($"{string.Join(',', row)}: got [{ci.Lower:R}, {ci.Upper:R}]");
            }

            checkedRows++;
        }

        Assert.True(checkedRows >= 40, $"only {checkedRows} reference rows for {method}");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}

public partial class NpsTallyTests
{
    [Fact]
    public void UnitVariance_MatchesReferenceIncludingCovarianceTerm()
    {
        foreach (string[] row in Statistics.KnownAnswers.Rows(Reference, "UnitVariance"))
        {
            NpsTally tally = Statistics.KnownAnswers.Tally(row[1], row[2], row[3]);
            Assert.Equal(10_000 * Statistics.KnownAnswers.D(row[6]), tally.UnitVariance, 1e-8);
        }

        // 40% promoters, 20% detractors: V = 0.6 − 0.04 = 0.56, not 0.4·0.6 + 0.2·0.8 = 0.40 (the covariance-free bug).
        Assert.Equal(5_600, NpsTally.FromCounts(40, 40, 20).UnitVariance, 1e-9);
    }

    [Fact]
    public void ConfidenceInterval_WorkedExample_IsAsDocumented()
    {
        NpsTally tally = NpsTally.FromCounts(promoters: 60, passives: 25, detractors: 15);
        Assert.Equal("[+29.343, +58.036] (95% AdjustedWald)", tally.ConfidenceInterval().ToString());
    }

    [Fact]
    public void ConfidenceInterval_DefaultArguments_AreAdjustedWaldAt95()
    {
        NpsTally tally = NpsTally.FromCounts(7, 2, 1);
        Assert.Equal(tally.ConfidenceInterval(0.95, NpsIntervalMethod.AdjustedWald), tally.ConfidenceInterval());
        Assert.Equal(tally.ConfidenceInterval(NpsIntervalOptions.Default), tally.ConfidenceInterval());
    }

    [Fact]
    public void ConfidenceInterval_WaldWithOneCategory_HasZeroWidthButScoreDoesNot()
    {
        NpsTally allPromoters = NpsTally.FromCounts(10, 0, 0);
        Assert.Equal(0, allPromoters.ConfidenceInterval(0.95, NpsIntervalMethod.Wald).Width);
        NpsInterval score = allPromoters.ConfidenceInterval(0.95, NpsIntervalMethod.Score);
        Assert.Equal(100, score.Upper);
        Assert.True(score.Lower < 80);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(95.0)]
    [InlineData(double.NaN)]
    public void ConfidenceInterval_LevelOutsideZeroOne_ThrowsNamingLevel(double level)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.FromCounts(1, 1, 1).ConfidenceInterval(level));
        Assert.Equal("level", ex.ParamName);
        Assert.Contains("strictly between 0 and 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfidenceInterval_EmptyTally_ThrowsSayingEmpty()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => NpsTally.Empty.ConfidenceInterval());
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => NpsTally.Empty.StandardError);
        Assert.False(NpsTally.Empty.TryGetStandardError(out _));
    }

    [Fact]
    public void ConfidenceInterval_UndefinedMethod_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsTally.FromCounts(1, 1, 1).ConfidenceInterval(0.95, (NpsIntervalMethod)42));

    [Fact]
    public void ConfidenceInterval_BootstrapAndMonteCarlo_AreSeededAndDeterministic()
    {
        NpsTally tally = NpsTally.FromCounts(45, 30, 25);
        var boot = new NpsIntervalOptions { Method = NpsIntervalMethod.Bootstrap, Seed = 7 };
        var mc = new NpsIntervalOptions { Method = NpsIntervalMethod.Bayesian, UseMonteCarlo = true, Seed = 7, MonteCarloDraws = 20_000 };
        Assert.Equal(tally.ConfidenceInterval(boot), tally.ConfidenceInterval(boot));
        Assert.Equal(tally.ConfidenceInterval(mc), tally.ConfidenceInterval(mc));
        Assert.NotEqual(tally.ConfidenceInterval(boot), tally.ConfidenceInterval(boot with { Seed = 8 }));
    }

    [Fact]
    public void ConfidenceInterval_MonteCarlo_AgreesWithExactQuadrature()
    {
        NpsTally tally = NpsTally.FromCounts(45, 30, 25);
        NpsInterval exact = tally.ConfidenceInterval(0.95, NpsIntervalMethod.Bayesian);
        NpsInterval mc = tally.ConfidenceInterval(new NpsIntervalOptions { Method = NpsIntervalMethod.Bayesian, UseMonteCarlo = true, MonteCarloDraws = 200_000 });

        // Monte Carlo error of a 2.5% quantile with 200 000 draws is about 0.1 NPS points.
        Assert.Equal(exact.Lower, mc.Lower, 0.5);
        Assert.Equal(exact.Upper, mc.Upper, 0.5);
    }

    [Fact]
    public void ConfidenceInterval_BootstrapOnLargeTally_IsCloseToWald()
    {
        NpsTally tally = NpsTally.FromCounts(45_000, 30_000, 25_000);
        NpsInterval wald = tally.ConfidenceInterval(0.95, NpsIntervalMethod.Wald);
        NpsInterval boot = tally.ConfidenceInterval(new NpsIntervalOptions { Method = NpsIntervalMethod.Bootstrap, BootstrapReplicates = 4_000 });
        Assert.Equal(wald.Lower, boot.Lower, 0.1);
        Assert.Equal(wald.Upper, boot.Upper, 0.1);
    }

    [Fact]
    public void ConfidenceInterval_BootstrapOfOneCategory_IsThatPoint()
    {
        NpsInterval ci = NpsTally.FromCounts(0, 0, 12).ConfidenceInterval(0.95, NpsIntervalMethod.Bootstrap);
        Assert.Equal(-100, ci.Lower);
        Assert.Equal(-100, ci.Upper);
    }

    [Fact]
    public void MarginOfError_IsZTimesStandardError()
    {
        NpsTally tally = NpsTally.FromCounts(450, 300, 250);
        Assert.Equal(1.959963984540054 * tally.StandardError, tally.MarginOfError(), 1e-9);
    }
}
