using System.Globalization;
using System.Text.RegularExpressions;
using NpsKit.TestUtilities;
using Xunit.Abstractions;

namespace NpsKit.Tests.Samples;

/// <summary>
/// Runs every <c>samples/scripts/*.cs</c> file-based app with <c>dotnet run</c> from a folder outside the repository,
/// as CI and users do, and checks its key output lines. A script added later runs here automatically; add its key
/// lines to <see cref="CheckKeyLines"/>.
/// </summary>
/// <remarks>The tests of this class run one after another (one xunit collection), so two scripts never build the
/// shared NpsKit projects at the same time.</remarks>
[Collection(NpsKit.Tests.Docs.DotnetRunCollection.Name)]
public sealed partial class ScriptTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("npskit-script-test-").FullName;

    public static TheoryData<string> Scripts => [.. ScriptRunner.Scripts()];

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_RunFromAnotherFolder_ExitsZeroAndPrintsItsKeyLines(string script)
    {
        ScriptResult result = ScriptRunner.Run(script, _scratch);
        output.WriteLine($"dotnet run samples/scripts/{script}: {result.Elapsed.TotalSeconds:0.0} s (build included)");
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.False(string.IsNullOrWhiteSpace(result.Stdout), result.Describe());
        CheckKeyLines(script, result);
        if (script == "monthly-trend.cs")
        {
            CheckMonthlyTrendReport(result);
        }
    }

    /// <summary>monthly-trend.cs leaves a shareable report in the folder it ran from: HTML with the charts and tables, and Markdown.</summary>
    private void CheckMonthlyTrendReport(ScriptResult result)
    {
        string html = File.ReadAllText(Path.Combine(_scratch, "monthly-trend.html"));
        string markdown = File.ReadAllText(Path.Combine(_scratch, "monthly-trend.md"));
        Assert.Contains($"Report: {Path.Combine(_scratch, "monthly-trend.html")} and monthly-trend.md", result.Lines);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(html, "<figure>\n<svg").Count);
        Assert.Contains("<caption>NPS by month, Total, single period</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>NPS by month, Total, trailing 3 periods</caption>", html, StringComparison.Ordinal);
        Assert.Contains("2026-10", html, StringComparison.Ordinal);
        Assert.StartsWith("# Monthly NPS trend\n", markdown, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(markdown, @"!\[[^\]]*\]\(data:image/svg\+xml;base64,").Count);
        Assert.Contains("**NPS by month, Total, single period**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void MonthlyTrend_WithAPathArgument_ReadsThatFileRelativeToTheWorkingDirectory()
    {
        File.WriteAllLines(Path.Combine(_scratch, "three-months.csv"),
        [
            "respondent_id,submitted_at,score,region,department,touchpoint,channel",
            "A1,2025-01-15T10:00:00Z,10,North,Sales,Purchase,Web",
            "A2,2025-01-16T10:00:00Z,3,North,Sales,Purchase,Web",
            "A3,2025-02-15T10:00:00Z,9,North,Sales,Purchase,Web",
            "A4,2025-03-15T10:00:00Z,8,North,Sales,Purchase,Web",
        ]);

        ScriptResult result = ScriptRunner.Run("monthly-trend.cs", _scratch, "three-months.csv");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(["2025-01", "2025-02", "2025-03"], MonthlyRows(result).Select(r => r.Month));
        Assert.Contains("Overall: NPS +25.0 (n = 4: 2 promoters, 1 passive, 1 detractor)", result.Lines);
    }

    [Fact]
    public void MonthlyTrend_MissingFile_FailsWithTheFileName()
    {
        ScriptResult result = ScriptRunner.Run("monthly-trend.cs", _scratch, "no-such-file.csv");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-such-file.csv", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    private static void CheckKeyLines(string script, ScriptResult result)
    {
        switch (script)
        {
            case "monthly-trend.cs":
                CheckMonthlyTrend(result);
                break;
            case "league-table.cs":
                CheckLeagueTable(result);
                break;
            case "period-comparison.cs":
                CheckPeriodComparison(result);
                break;
            case "churn-cost.cs":
                CheckChurnCost(result);
                break;
            case "enps.cs":
                CheckEnps(result);
                break;
            case "eligibility.cs":
                CheckEligibility(result);
                break;
            case "why-it-moved.cs":
                CheckWhyItMoved(result);
                break;
            default:
                // A new script: it ran and printed something; add its key lines here.
                break;
        }
    }

    private static void CheckWhyItMoved(ScriptResult result)
    {
        // The sample data's planted structure (samples/NpsKit.SampleData/FeedbackSample.cs) comes out on top.
        Assert.Contains("4,000 answers", result.Lines[0], StringComparison.Ordinal);
        Assert.Contains(result.Lines, l => l.StartsWith("\u221220.2 points: Billing's own NPS fell", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith("Parts sum to -20.2 = the change -20.2", StringComparison.Ordinal));
        Assert.StartsWith("delivery in All:", result.Lines.First(l => l.Contains(" in All: ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(result.Lines, l => l.Contains("\"box was dented\"", StringComparison.Ordinal));
        Assert.StartsWith("#1 rating_delivery", result.Lines.First(l => l.StartsWith("#1 ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static void CheckMonthlyTrend(ScriptResult result)
    {
        var rows = MonthlyRows(result);
        Assert.Equal(24, rows.Count);
        Assert.Equal("2024-11", rows[0].Month);
        Assert.Equal("2026-10", rows[^1].Month);

        // Each month's n equals a count made straight from the file's text (no NpsKit code).
        var expected = File.ReadLines(Path.Combine(ApiConventions.RepoRoot(), "samples", "data", "responses.csv")).Skip(1)
            .GroupBy(line => line.Split(',')[1][..7], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        foreach ((string month, long n) in rows)
        {
            Assert.Equal(expected[month], n);
        }

        Assert.Contains(result.Lines, l => l.StartsWith("Overall: NPS +", StringComparison.Ordinal) && l.Contains("(n = 20000:", StringComparison.Ordinal));
        Assert.Equal(6, result.Lines.Count(l => ChangeLine().IsMatch(l)));

        // docs/getting-started.md shows this script's output: every line it shows is a line the script prints.
        string doc = File.ReadAllText(Path.Combine(ApiConventions.RepoRoot(), "docs", "getting-started.md")).Replace("\r\n", "\n");
        foreach (Match block in TextBlock().Matches(doc))
        {
            foreach (string shown in block.Groups[1].Value.Split('\n').Where(l => l != "…"))
            {
                Assert.Contains(shown, result.Lines);
            }
        }
    }

    private static void CheckLeagueTable(ScriptResult result)
    {
        var departments = result.Lines.Select(l => RankedLine().Match(l)).Where(m => m.Success && m.Groups["segment"].Value.StartsWith("department=", StringComparison.Ordinal)
            && !m.Groups["segment"].Value.Contains('/', StringComparison.Ordinal)).ToList();
        Assert.Equal(5, departments.Count);
        double[] scores = [.. departments.Select(m => double.Parse(m.Groups["nps"].Value, CultureInfo.InvariantCulture))];
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal(20_000, departments.Sum(m => long.Parse(m.Groups["n"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)));

        Assert.Contains("Latest month: 2026-10", result.Lines);
        int top = Array.IndexOf(result.Lines, "Top 3:"), bottom = Array.IndexOf(result.Lines, "Bottom 3:");
        Assert.True(top >= 0 && bottom > top, result.Describe());
        Assert.Equal(3, result.Lines[(top + 1)..bottom].Count(l => RankedLine().IsMatch(l)));
        Assert.Contains(result.Lines, l => TooSmallLine().IsMatch(l));
    }

    private static void CheckPeriodComparison(ScriptResult result)
    {
        Assert.Contains(result.Lines, l => l.StartsWith("2026-Q2: NPS ", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith("2026-Q3: NPS ", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith("Overall: ", StringComparison.Ordinal) && InWords().IsMatch(l));
        Assert.Contains(result.Lines, l => l.StartsWith("Year over year (2025-Q3 → 2026-Q3): ", StringComparison.Ordinal) && InWords().IsMatch(l));
        Assert.Equal(5, result.Lines.Count(l => !l.StartsWith("Overall", StringComparison.Ordinal) && !l.StartsWith("Year", StringComparison.Ordinal) && InWords().IsMatch(l)));
    }

    private static void CheckEnps(ScriptResult result)
    {
        // The company's n equals the November round's rows counted straight from the file's text (round is column 2).
        long november = File.ReadLines(Path.Combine(ApiConventions.RepoRoot(), "samples", "data", "enps.csv")).Skip(1)
            .Count(line => line.Split(',')[1] == "2026-11");
        Assert.Contains(result.Lines, l => l.StartsWith("Company ", StringComparison.Ordinal) && l.EndsWith($"n = {november}", StringComparison.Ordinal));

        // Small teams are hidden, hidden cells show no number, and the count of hidden lines is what the script says.
        string[] hidden = [.. result.Lines.Where(l => l.Contains(" hidden: ", StringComparison.Ordinal))];
        Assert.All(hidden, l => Assert.DoesNotContain("eNPS", l, StringComparison.Ordinal));
        foreach (string team in new[] { "Company/Engineering/Product/Design ", "Company/Engineering/Security/Red Team ", "Company/Sales/Americas/LatAm " })
        {
            Assert.Contains(hidden, l => l.StartsWith(team, StringComparison.Ordinal));
        }

        Assert.Contains(hidden, l => l.Contains("from subtraction", StringComparison.Ordinal));
        int shown = result.Lines.Count(l => l.Contains(" eNPS ", StringComparison.Ordinal));
        Assert.Contains($"{hidden.Length} of {hidden.Length + shown} groups hidden", result.Lines);
        Assert.Contains(result.Lines, l => l.StartsWith("Company/Operations ", StringComparison.Ordinal) && l.Contains("likely real", StringComparison.Ordinal));
    }

    private static void CheckEligibility(ScriptResult result)
    {
        int contacts = File.ReadLines(Path.Combine(ApiConventions.RepoRoot(), "samples", "data", "contacts.csv")).Skip(1).Count();
        Match summary = result.Lines.Select(l => Regex.Match(l, @"^(?<total>[\d,]+) contacts: (?<e>[\d,]+) eligible, (?<d>[\d,]+) deferred, (?<b>[\d,]+) blocked$"))
            .Single(m => m.Success);
        long Number(string group) => long.Parse(summary.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal(contacts, Number("total"));
        Assert.Equal(Number("total"), Number("e") + Number("d") + Number("b"));
        Assert.True(Number("e") > 0 && Number("d") > 0 && Number("b") > 0, result.Describe());
        Assert.Contains(result.Lines, l => l.StartsWith("  blocked by consent: ", StringComparison.Ordinal));

        // Five explained decisions, each with at least one rule that held it back.
        string[] decisions = [.. result.Lines.Where(l => Regex.IsMatch(l, @"^C\d+: (Deferred|Blocked), "))];
        Assert.Equal(5, decisions.Length);
        Assert.Contains(result.Lines, l => l.StartsWith("    quiet-hours: ", StringComparison.Ordinal));
    }

    private static void CheckChurnCost(ScriptResult result)
    {
        Match value = result.Lines.Select(l => ValueChangeLine().Match(l)).Single(m => m.Success);
        decimal Parse(string name) => decimal.Parse(value.Groups[name].Value, NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        Assert.True(Parse("lower") <= Parse("point") && Parse("point") <= Parse("upper"), value.Value);
        Assert.True(Parse("point") > 0, "following up detractors should add value with the sample assumptions");

        Match nps = result.Lines.Select(l => NpsChangeLine().Match(l)).Single(m => m.Success);
        Assert.True(double.Parse(nps.Groups["after"].Value, CultureInfo.InvariantCulture) > double.Parse(nps.Groups["before"].Value, CultureInfo.InvariantCulture));
        Assert.Contains(result.Lines, l => l.StartsWith("Survey 2026-Q3: NPS ", StringComparison.Ordinal));
    }

    /// <summary>The rows of the first (single-period) Markdown table: month and n.</summary>
    private static List<(string Month, long N)> MonthlyRows(ScriptResult result) =>
    [
        .. result.Lines
            .SkipWhile(l => !l.StartsWith("**NPS by month, Total, single period**", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(l => !l.StartsWith("Total:", StringComparison.Ordinal))
            .Select(l => MonthRow().Match(l))
            .Where(m => m.Success)
            .Select(m => (m.Groups["month"].Value, long.Parse(m.Groups["n"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture))),
    ];

    [GeneratedRegex(@"^```text\n(.*?)\n```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex TextBlock();

    [GeneratedRegex(@"^\| (?<month>\d{4}-\d{2}) \| (?<n>[\d,]+) \|")]
    private static partial Regex MonthRow();

    [GeneratedRegex(@"^\d{4}-\d{2} → \d{4}-\d{2}: [+-]?\d+\.\d points, p = [01]\.\d{3} \((likely real|within noise)\), 95% CI [+-]?\d+\.\d to [+-]?\d+\.\d$")]
    private static partial Regex ChangeLine();

    [GeneratedRegex(@"^ ?\d+\. (?<segment>\S+( / \S+)?)\s+n = +(?<n>[\d,]+)\s+NPS +(?<nps>[+-]?\d+\.\d)\s+95% CI [+-]?\d+\.\d to [+-]?\d+\.\d$")]
    private static partial Regex RankedLine();

    [GeneratedRegex(@"^Too small to rank \(n < 30\): \d+ of 25 cells$")]
    private static partial Regex TooSmallLine();

    [GeneratedRegex(@"(up|down|unchanged) \d+\.\d points \([+-]?\d+\.\d → [+-]?\d+\.\d\), (likely real|could be noise): p = [01]\.\d{3}, 95% CI of the change [+-]?\d+\.\d to [+-]?\d+\.\d$")]
    private static partial Regex InWords();

    [GeneratedRegex(@"^Value change: USD (?<point>-?[\d,]+) \(95% interval USD (?<lower>-?[\d,]+) to USD (?<upper>-?[\d,]+)\)$")]
    private static partial Regex ValueChangeLine();

    [GeneratedRegex(@"^NPS: (?<before>[+-]\d+\.\d) → (?<after>[+-]\d+\.\d)$")]
    private static partial Regex NpsChangeLine();
}
