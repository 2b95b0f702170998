namespace NpsKit.Cli.Tests;

/// <summary>Issue 19, "the CLI talks API to people": each example of the issue, reproduced, answered in CLI words.</summary>
public class CliForPeopleTests
{
    [Fact]
    public void Report_UnknownTimeZone_NamesTheFlagAndTheFix_WithoutParameterText()
    {
        // Was: "AggregationOptions has 1 problem(s)… (Parameter 'TimeZoneId') (Parameter 'options')".
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--tz", "Mars/Base");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("nps: --tz: the time zone id 'Mars/Base' is not known", result.Error, StringComparison.Ordinal);
        Assert.Contains("Europe/Copenhagen", result.Error, StringComparison.Ordinal);
        AssertNoApiText(result.Error);
    }

    [Fact]
    public void SampleSize_NegativeMargin_NamesTheFlagAndTheRange_WithoutActualValueText()
    {
        // Was: "… (Parameter 'marginOfError')\nActual value was -5."
        CliResult result = CliRunner.Run("sample-size", "--margin", "-5");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("nps: --margin: the margin of error is -5: it must be a finite number of NPS points greater than 0 and at most 200", result.Error, StringComparison.Ordinal);
        AssertNoApiText(result.Error);
    }

    [Fact]
    public void MistypedCommand_SaysDidYouMean_AndNothingAboutAMissingCommand()
    {
        CliResult result = CliRunner.Run("reprot", CliRunner.SampleData);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Did you mean 'report'?", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MistypedOption_SaysDidYouMean()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--segmnet", "department");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Did you mean '--segment'?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingClose_NoSuggestion()
    {
        CliResult result = CliRunner.Run("frobnicate");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.DoesNotContain("Did you mean", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortFlags_DoWhatTheLongOnesDo()
    {
        CliResult shortForm = CliRunner.Run("report", CliRunner.SampleData, "-b", "quarter", "-s", "department", "-f", "csv");
        CliResult longForm = CliRunner.Run("report", CliRunner.SampleData, "--by", "quarter", "--segment", "department", "--format", "csv");

        Assert.Equal(ExitCodes.Ok, shortForm.ExitCode);
        Assert.Equal(longForm.Out, shortForm.Out);
        Assert.StartsWith("period,segment,", shortForm.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report", "repotr", 1)]
    [InlineData("report", "reprot", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Distance_IsOptimalStringAlignment(string a, string b, int expected) => Assert.Equal(expected, CliWords.Distance(a, b));

    [Fact]
    public void Clean_ListsSeveralProblems_OnePerLine()
    {
        string text = CliWords.Clean("AggregationOptions has 2 problem(s):\n- first. (Parameter 'A')\n- second. (Parameter 'B') (Parameter 'options')");
        Assert.Equal("2 problems:\n  first.\n  second.", text);
    }

    private static void AssertNoApiText(string error)
    {
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value was", error, StringComparison.Ordinal);
        Assert.DoesNotContain("AggregationOptions", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }
}
