namespace NpsKit.Cli.Tests;

public class CliTests
{
    [Fact]
    public void Run_NoArguments_ExitsTwoAndPointsToHelp()
    {
        CliResult result = CliRunner.Run();

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("nps --help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownCommand_ExitsTwo()
    {
        CliResult result = CliRunner.Run("forecast", "x.csv");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'forecast'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Help_ExitsZeroAndListsTheCommands()
    {
        CliResult result = CliRunner.Run("--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("report", result.Out, StringComparison.Ordinal);
        Assert.Contains("compare", result.Out, StringComparison.Ordinal);
        Assert.Contains("sample-size", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithProgress_WritesRowsAndRateToStderrOnly()
    {
        CliResult quiet = CliRunner.Run("report", CliRunner.SampleData, "--format", "csv");
        CliResult loud = CliRunner.RunWith(true, "report", CliRunner.SampleData, "--format", "csv");

        Assert.Equal(string.Empty, quiet.Error);
        Assert.Equal(quiet.Out, loud.Out);
        Assert.Contains("Read 20,000 rows from ", loud.Error, StringComparison.Ordinal);
        Assert.Contains(" rows/s)", loud.Error, StringComparison.Ordinal);
    }
}
