namespace NpsKit.Cli.Tests;

public class SampleSizeCommandTests
{
    // Known answers computed by hand (z from R 4.x: qnorm(0.975) = 1.959964, qnorm(0.8) = 0.8416212):
    // margin ±5 points, worst case (half promoters, half detractors: variance 1 on the −1..1 scale):
    //   n = 1.959964² × 1 / 0.05² = 1536.6 → 1,537.
    // detect 5 points, shares p = 0.5, d = 0.2 (variance p + d − (p − d)² = 0.61) in both groups, power 0.8:
    //   n = (1.959964 + 0.8416212)² × 2 × 0.61 / 0.05² = 3830.3 → 3,831 per group.
    [Fact]
    public void SampleSize_Margin5_NeedsTheKnownAnswer()
    {
        CliResult result = CliRunner.Run("sample-size", "--margin", "5");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("1,537 answers for a margin of error of ±5.0 points at 95% confidence (worst-case shares).", result.OutLines.Single());
    }

    [Fact]
    public void SampleSize_Detect5WithShares_NeedsTheKnownAnswerPerGroup()
    {
        CliResult result = CliRunner.Run("sample-size", "--detect", "5", "--power", "0.8", "--shares", "0.5,0.3,0.2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("3,831 answers per group (7,662 in all) to detect a change of 5.0 points with 80% power", result.OutLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void SampleSize_SharesAsPercentages_EqualSharesAsFractions()
    {
        CliResult fractions = CliRunner.Run("sample-size", "--margin", "3", "--shares", "0.5,0.3,0.2");
        CliResult percentages = CliRunner.Run("sample-size", "--margin", "3", "--shares", "50,30,20");

        Assert.Equal(fractions.Out, percentages.Out);
    }

    [Fact]
    public void SampleSize_SmallPopulation_NeedsFewerAnswers()
    {
        CliResult result = CliRunner.Run("sample-size", "--margin", "5", "--population", "2000");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        // Finite-population correction: 1536.6 / (1 + 1535.6 / 2000) = 869.2 → 870.
        Assert.StartsWith("870 answers", result.Out, StringComparison.Ordinal);
        Assert.Contains("population 2,000", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--margin", "5", "--detect", "5")]
    [InlineData("--level", "0.9")]
    [InlineData("--margin", "0")]
    [InlineData("--margin", "5", "--shares", "0.5,0.3")]
    [InlineData("--margin", "5", "--shares", "0.5,0.3,0.3")]
    [InlineData("--detect", "5", "--power", "1.5")]
    [InlineData("--margin", "five")]
    public void SampleSize_BadArguments_ExitTwo(params string[] args)
    {
        CliResult result = CliRunner.Run(["sample-size", .. args]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.StartsWith("nps: ", result.Error, StringComparison.Ordinal);
    }
}
