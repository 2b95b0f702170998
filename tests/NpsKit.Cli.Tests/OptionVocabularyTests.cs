namespace NpsKit.Cli.Tests;

/// <summary>One word, one meaning: <c>--per</c>/<c>-p</c> is the period unit, <c>--by</c>/<c>-b</c> (also
/// <c>--segment</c>/<c>-s</c>) a segment column in every command, <c>--period</c>/<c>--vs</c> a particular period.</summary>
public class OptionVocabularyTests
{
    [Fact]
    public void Report_DeprecatedByUnit_IsReadAsThePeriodWithAWarning()
    {
        CliResult old = CliRunner.Run("report", CliRunner.SampleData, "--by", "quarter", "--by", "region", "--format", "csv");
        CliResult now = CliRunner.Run("report", CliRunner.SampleData, "--per", "quarter", "--by", "region", "--format", "csv");

        Assert.Equal(ExitCodes.Ok, old.ExitCode);
        Assert.Equal(now.Out, old.Out);
        Assert.Contains("nps: warning: --by quarter for the period is deprecated: write --per quarter", old.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("deprecated", now.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ByUnitNameWithPerGiven_IsAColumn()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--per", "month", "--by", "quarter");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("'quarter'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("deprecated", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_TwoUnitsInBy_IsAUsageErrorNamingPer()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--by", "quarter", "--by", "year");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("give it as --per", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SegmentAndS_AreSpellingsOfBy()
    {
        CliResult by = CliRunner.Run("report", CliRunner.SampleData, "-b", "region", "--format", "csv");
        CliResult segment = CliRunner.Run("report", CliRunner.SampleData, "--segment", "region", "--format", "csv");
        CliResult s = CliRunner.Run("report", CliRunner.SampleData, "-s", "region", "--format", "csv");

        Assert.Equal(ExitCodes.Ok, by.ExitCode);
        Assert.Equal(by.Out, segment.Out);
        Assert.Equal(by.Out, s.Out);
        Assert.Equal(string.Empty, s.Error.Replace("\r", string.Empty, StringComparison.Ordinal).Trim());
    }

    [Fact]
    public void Compare_ShortB_IsTheSegmentColumnAsInReport()
    {
        string[] common = ["compare", CliRunner.SampleData, "--period", "2026-09", "--vs", "2026-10", "--format", "json"];
        CliResult shortForm = CliRunner.Run([.. common, "-b", "region"]);
        CliResult longForm = CliRunner.Run([.. common, "--by", "region"]);
        CliResult segment = CliRunner.Run([.. common, "--segment", "region"]);

        Assert.Equal(ExitCodes.Ok, shortForm.ExitCode);
        Assert.Contains("\"decomposition\"", shortForm.Out, StringComparison.Ordinal);
        Assert.Equal(longForm.Out, shortForm.Out);
        Assert.Equal(longForm.Out, segment.Out);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("compare")]
    [InlineData("drivers")]
    [InlineData("enps")]
    public void Help_NamesTheSegmentColumnOptionTheSameEverywhere(string command)
    {
        CliResult help = CliRunner.Run(command, "--help");

        Assert.Matches(@"-b, -s, --by, --segment <column>", help.Out);
    }

    [Fact]
    public void Help_ReportNamesThePeriodUnitPer()
    {
        CliResult help = CliRunner.Run("report", "--help");

        Assert.Contains("-p, --per <unit>", help.Out, StringComparison.Ordinal);
        Assert.Contains("-p quarter -b region", help.Out, StringComparison.Ordinal);
    }
}
