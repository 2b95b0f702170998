using NpsKit.Csv;

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
        Assert.Contains("nps: --tz Mars/Base is not a known IANA time zone id: use an IANA time zone id such as Europe/Copenhagen", result.Error, StringComparison.Ordinal);
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
        CliResult shortForm = CliRunner.Run("report", CliRunner.SampleData, "-p", "quarter", "-b", "department", "-f", "csv");
        CliResult longForm = CliRunner.Run("report", CliRunner.SampleData, "--per", "quarter", "--by", "department", "--format", "csv");

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
    public void SeveralBadSettings_EachOnItsOwnLine_NamedByItsFlag()
    {
        // From the library's structured problems (InvalidOptionsException.Problems), not from its message.
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--tz", "Mars/Base", "--min-n", "-1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("nps: 2 problems:\n  --tz Mars/Base is not a known IANA time zone id: use an IANA time zone id such as Europe/Copenhagen, America/New_York or Etc/UTC.\n  --min-n -1 is negative: use 0 (flag nothing) or a positive number of answers.\n", result.Error, StringComparison.Ordinal);
        AssertNoApiText(result.Error);
    }

    [Fact]
    public void ReadingProblem_FixedByAnOption_NamesTheFlagsWithExampleValues()
    {
        // The library's exception carries the problem and the reading options that fix it (NpsDataException.Remedies);
        // the CLI names its flags. Was: "…name the order with CsvReadOptions.DateOrder (DayFirst or MonthFirst)…".
        CliResult dates = CliRunner.Run("report", CliRunner.TempCsv("score,when", "9,03/04/2026"), "--time-column", "when");
        Assert.Equal(ExitCodes.BadInput, dates.ExitCode);
        Assert.Contains("could be day-first or month-first. Fix: --date-order day-first or --date-format 'dd/MM/yyyy HH:mm' or --culture da-DK.", dates.Error, StringComparison.Ordinal);

        CliResult column = CliRunner.Run("report", CliRunner.TempCsv("a,b", "1,2"));
        Assert.Contains("the header has no score column (looked for: score,", column.Error, StringComparison.Ordinal);
        Assert.Contains("Columns found: 'a', 'b'. Fix: --score-column NAME.", column.Error, StringComparison.Ordinal);

        CliResult named = CliRunner.Run("report", CliRunner.SampleData, "--time-column", "nosuch");
        Assert.Contains("the header has no time column 'nosuch'. Columns found: 'respondent_id', 'submitted_at',", named.Error, StringComparison.Ordinal);
        Assert.Contains("Fix: --time-column NAME.", named.Error, StringComparison.Ordinal);
        foreach (string error in new[] { dates.Error, column.Error, named.Error })
        {
            Assert.DoesNotContain("CsvReadOptions", error, StringComparison.Ordinal);
            Assert.DoesNotContain("Mapping", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BadRow_WithALocalTime_SaysTheFlagThatReadsLocalTimes()
    {
        CliResult result = CliRunner.Run("report", CliRunner.TempCsv("score,submitted_at", "9,2026-03-14T09:12:33"), "--time-column", "submitted_at");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("— the time has no UTC offset; allowed: a time with a UTC offset", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("TimeWithoutZone", result.Error, StringComparison.Ordinal);
        Assert.Contains("give --input-tz (or --tz) to read local times", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("CsvReadOptions", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBadRowReason_HasCliWords_NotItsEnumName()
    {
        foreach (BadRowReason reason in Enum.GetValues<BadRowReason>())
        {
            string words = CliWords.Problem(reason);
            Assert.NotEqual(reason.ToString(), words);
            Assert.DoesNotContain(reason.ToString(), words, StringComparison.Ordinal);
            Assert.False(System.Text.RegularExpressions.Regex.IsMatch(words, "[a-z][A-Z]"), $"{reason}: '{words}' reads as an identifier");
        }
    }

    [Fact]
    public void CompareBy_WithoutATimeColumn_TwoFilesCompareOnePeriodEachAndOneFileSaysTheFlag()
    {
        // compare --by with two files once needed times (the library's "Name it in CsvReadOptions.Mapping.Time" reached
        // the terminal); two files without times are now one period each (#18). One file is cut into periods, so it
        // still needs a time column, and says so by its flag.
        string file = CliRunner.TempCsv("score,segment", "9,a", "3,b");
        CliResult two = CliRunner.Run("compare", file, file, "--by", "segment");
        Assert.True(two.ExitCode == ExitCodes.Ok, two.Error);
        AssertNoApiText(two.Error);

        CliResult one = CliRunner.Run("compare", file, "--by", "segment", "--period", "2026-09", "--vs", "2026-10");
        Assert.Equal(ExitCodes.BadInput, one.ExitCode);
        Assert.Contains("--time-column", one.Error, StringComparison.Ordinal);
        AssertNoApiText(one.Error);
    }

    private static void AssertNoApiText(string error)
    {
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value was", error, StringComparison.Ordinal);
        Assert.DoesNotContain("AggregationOptions", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    /// <summary>Issue #19: these printed the library's words ("The KeyDriverOptions are invalid: Resamples is -5",
    /// "Invalid AnonymityPolicy: MinimumRespondents is 0") or System.CommandLine's ("Cannot parse argument 'abc' for
    /// option '--seed' as expected type 'System.UInt64'"); each now names the flag, the value and what is allowed.</summary>
    [Theory]
    [InlineData("drivers|feedback.csv|--resamples|-5", "--resamples -5 is negative: use 0 for no intervals or at least 100")]
    [InlineData("drivers|feedback.csv|--seed|abc", "--seed abc is not a whole number, 0 or more.")]
    [InlineData("enps|enps.csv|--min-group|0", "--min-group 0 is below 2 (a group of one is never anonymous): use at least 2 respondents")]
    [InlineData("enps|enps.csv|--min-comments|1", "--min-comments 1 is below 2: use at least 2 respondents")]
    [InlineData("report|responses.csv|--min-n|many", "--min-n many is not a whole number.")]
    public void OptionValueErrors_AreInCliWords(string command, string expected)
    {
        string[] parts = command.Split('|');
        CliResult result = CliRunner.Run(parts[0], CliRunner.Sample(parts[1]), parts[2], parts[3]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Options", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Policy", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
    }
}
