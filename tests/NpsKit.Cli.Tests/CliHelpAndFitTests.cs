using NpsKit.TestUtilities;

namespace NpsKit.Cli.Tests;

/// <summary>Issue 19's CLI for people: examples, exit codes and a docs link in every --help; a warning (an error under
/// --strict) when a named survey or period matches nothing; tables that fit the terminal unless --wide.</summary>
public class CliHelpAndFitTests
{
    private static readonly string[] Commands = ["report", "compare", "sample-size", "enps", "eligible", "plan", "drivers"];

    private static string[] EligibleArgs(string survey) =>
    [
        "eligible", CliRunner.Sample("contacts.csv"), "--history", CliRunner.Sample("contact-history.csv"),
        "--policy", CliRunner.Sample("eligibility-policy.json"), "--survey", survey, "--at", "2026-11-24T09:00:00Z",
    ];

    [Fact]
    public void Help_OfEveryCommand_EndsWithExamplesExitCodesAndItsDocsSection()
    {
        string docs = File.ReadAllText(Path.Combine(ApiConventions.RepoRoot(), "docs", "cli.md"));
        foreach (string command in Commands)
        {
            CliResult result = CliRunner.Run(command, "--help");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            string help = result.Out;
            Assert.Contains("\nExamples:\n  nps " + command, help, StringComparison.Ordinal);
            Assert.Contains("\nExit codes:\n  0  done", help, StringComparison.Ordinal);
            Assert.Contains("\n  1  bad input", help, StringComparison.Ordinal);
            Assert.Contains("\n  2  usage", help, StringComparison.Ordinal);
            Assert.Contains($"Docs: {CliHelp.DocsUrl}#nps-{command}\n", help, StringComparison.Ordinal);
            Assert.Contains($"\n## nps {command}\n", docs, StringComparison.Ordinal); // the anchor the link names exists
            Assert.Contains("--strict", help, StringComparison.Ordinal);
            Assert.Contains("--wide", help, StringComparison.Ordinal);
        }

        CliResult root = CliRunner.Run("--help");
        Assert.Contains("\nExamples:\n", root.Out, StringComparison.Ordinal);
        Assert.Contains($"Docs: {CliHelp.DocsUrl}\n", root.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_EveryExampleShown_RunsOnTheSampleData()
    {
        string data = Path.Combine(ApiConventions.RepoRoot(), "samples", "data") + "/";
        string output = Path.Combine(Path.GetTempPath(), $"nps-help-{Guid.NewGuid():N}.html");
        int ran = 0;
        foreach ((string line, _) in CliHelp.Examples.Values.SelectMany(e => e))
        {
            if (line.Contains('…', StringComparison.Ordinal) || line.Contains('<', StringComparison.Ordinal) || line.Contains("before.csv", StringComparison.Ordinal))
            {
                continue; // placeholders, not runnable as written
            }

            string[] args = [.. line.Split(' ').Skip(1).Select(a => a.Replace("samples/data/", data, StringComparison.Ordinal)).Select(a => a == "report.html" ? output : a)];
            CliResult result = CliRunner.Run(args);
            Assert.True(result.ExitCode == ExitCodes.Ok, $"{line}: exit {result.ExitCode}: {result.Error}");
            ran++;
        }

        Assert.True(ran >= 15, $"only {ran} examples ran");
        File.Delete(output);
    }

    [Fact]
    public void Eligible_SurveyThatMatchesNothing_WarnsAndFailsUnderStrict()
    {
        // Issue 19: `eligible --survey nosuch` exited 0 with 837 eligible and no warning.
        CliResult lax = CliRunner.Run(EligibleArgs("relatoinship"));
        Assert.Equal(ExitCodes.Ok, lax.ExitCode);
        Assert.Contains("nps: warning: --survey relatoinship matches nothing: the policy names no such survey and the history has no event of it", lax.Error, StringComparison.Ordinal);
        Assert.Contains("Surveys known: onboarding, relationship, support.", lax.Error, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'relationship'?", lax.Error, StringComparison.Ordinal);

        CliResult strict = CliRunner.Run([.. EligibleArgs("relatoinship"), "--strict"]);
        Assert.Equal(ExitCodes.BadInput, strict.ExitCode);
        Assert.Equal(string.Empty, strict.Out);
        Assert.Contains("(an error because of --strict)", strict.Error, StringComparison.Ordinal);

        CliResult known = CliRunner.Run([.. EligibleArgs("relationship"), "--strict"]);
        Assert.Equal(ExitCodes.Ok, known.ExitCode);
        Assert.DoesNotContain("warning", known.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Drivers_PeriodWithoutAnswers_IsSaidAsSuchNotCannotReadInput()
    {
        CliResult result = CliRunner.Run("drivers", CliRunner.Sample("feedback.csv"), "--by", "department", "--period", "2030-01", "--vs", "2026-10");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("nps: --period 2030-01 matches no answers in the file; it covers 2026-07 to 2026-10. Pick a period in that range.\n", result.Error);
    }

    [Fact]
    public void Tables_InANarrowTerminal_FitByShorteningTextThenLeavingOutColumns_AndWideShowsAll()
    {
        // Issue 19: the eligible table was ~900 characters wide.
        CliResult fitted = CliRunner.RunWithWidth(100, EligibleArgs("relationship"));
        Assert.Equal(ExitCodes.Ok, fitted.ExitCode);
        string[] tableLines = [.. fitted.Out.Split('\n').TakeWhile(l => l.Length > 0)];
        Assert.True(tableLines.Length > 100);
        Assert.All(tableLines, l => Assert.True(l.Length <= 100, l));
        Assert.Contains(tableLines, l => l.EndsWith('…'));
        Assert.Contains("nps: the table is cut to fit 100 columns (shortened with …: reasons); --wide shows it all", fitted.Error, StringComparison.Ordinal);

        CliResult wide = CliRunner.RunWithWidth(100, [.. EligibleArgs("relationship"), "--wide"]);
        Assert.Contains(wide.Out.Split('\n'), l => l.Length > 100);
        Assert.DoesNotContain("cut to fit", wide.Error, StringComparison.Ordinal);
        Assert.Equal(wide.Out, CliRunner.Run(EligibleArgs("relationship")).Out); // not a terminal: never cut
    }

    [Fact]
    public void Tables_NumbersAreNeverCut_ColumnsAreLeftOutWhole()
    {
        string[] args = ["report", CliRunner.SampleData, "--by", "region"];
        string[] narrow = CliRunner.RunWithWidth(80, args).Out.Split('\n');
        string[] full = CliRunner.Run(args).Out.Split('\n');

        Assert.Equal(full.Length, narrow.Length);
        Assert.All(narrow, l => Assert.True(l.Length <= 80, l));
        for (int i = 0; i < full.Length; i++)
        {
            Assert.StartsWith(narrow[i], full[i], StringComparison.Ordinal); // whole columns from the left, nothing shortened
        }

        Assert.Contains("left out: change, p, p adj., note", CliRunner.RunWithWidth(80, args).Error, StringComparison.Ordinal);
    }
}
