using System.Text;
using System.Text.Json;

namespace NpsKit.Cli.Tests;

/// <summary>Issue 18: <c>nps compare --by</c> with small segments, hierarchies (<c>--then</c>), standard input and .xlsx.</summary>
public sealed class CompareHierarchyTests
{
    private static readonly string Feedback = CliRunner.Sample("feedback.csv");

    /// <summary>A department of five answers a month that went from all promoters to all detractors was called
    /// "significant" in the why line; it now says there are too few answers to tell.</summary>
    [Fact]
    public void Compare_By_TinySegment_IsTooFewAnswersToTell_NotSignificant()
    {
        var csv = new StringBuilder("submitted_at,score,department\n");
        for (int i = 0; i < 300; i++)
        {
            int score = i % 4 == 0 ? 2 : i % 4 == 1 ? 8 : 10;
            csv.Append($"2026-09-{1 + (i % 28):00}T10:00:00Z,{score},Sales\n2026-10-{1 + (i % 28):00}T10:00:00Z,{score},Sales\n");
        }

        for (int i = 0; i < 5; i++)
        {
            csv.Append($"2026-09-0{1 + i}T10:00:00Z,10,Billing\n2026-10-0{1 + i}T10:00:00Z,0,Billing\n");
        }

        string file = CliRunner.TempCsv([.. csv.ToString().TrimEnd('\n').Split('\n')]);
        CliResult result = CliRunner.Run("compare", file, "--period", "2026-09", "--vs", "2026-10", "--by", "department");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        string why = result.OutLines.Single(l => l.StartsWith("why", StringComparison.Ordinal));
        Assert.Contains("Billing's own NPS fell", why, StringComparison.Ordinal);
        Assert.Contains("too few answers to tell (5 → 5 answers)", why, StringComparison.Ordinal);
        Assert.DoesNotContain("significant", why, StringComparison.Ordinal);

        // The data says the same as the words: a small-sample part is never "significant" in JSON or CSV either.
        CliResult json = CliRunner.Run("compare", file, "--period", "2026-09", "--vs", "2026-10", "--by", "department", "--format", "json");
        using var document = System.Text.Json.JsonDocument.Parse(json.Out);
        System.Text.Json.JsonElement billing = FindPart(document.RootElement, "Billing");
        Assert.True(billing.GetProperty("smallSample").GetBoolean());
        Assert.False(billing.GetProperty("performance").GetProperty("significant").GetBoolean());
        Assert.False(billing.GetProperty("mix").GetProperty("significant").GetBoolean());
        CliResult csvOut = CliRunner.Run("compare", file, "--period", "2026-09", "--vs", "2026-10", "--by", "department", "--format", "csv");
        string[] header = csvOut.OutLines.First(l => l.Contains("mix_significant", StringComparison.Ordinal)).Split(',');
        string[] row = csvOut.OutLines.Single(l => l.Contains("Billing", StringComparison.Ordinal)).Split(',');
        Assert.Equal("true", row[Array.IndexOf(header, "small_sample")]);
        Assert.Equal("false", row[Array.IndexOf(header, "mix_significant")]);
        Assert.Equal("false", row[Array.IndexOf(header, "performance_significant")]);
    }

    private static System.Text.Json.JsonElement FindPart(System.Text.Json.JsonElement element, string segment)
    {
        if (element.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            if (element.TryGetProperty("segment", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.String && s.GetString() == segment && element.TryGetProperty("smallSample", out _))
            {
                return element;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (FindPart(property.Value, segment) is { ValueKind: not System.Text.Json.JsonValueKind.Undefined } found)
                {
                    return found;
                }
            }
        }
        else if (element.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (FindPart(item, segment) is { ValueKind: not System.Text.Json.JsonValueKind.Undefined } found)
                {
                    return found;
                }
            }
        }

        return default;
    }

    [Fact]
    public void Compare_ByThen_DrillsIntoEachSegment_TextAndJsonAgree_AndEachDrillSumsToItsParent()
    {
        string[] args = ["compare", Feedback, "--period", "2026-09", "--vs", "2026-10", "--by", "department", "--then", "language"];
        CliResult text = CliRunner.Run(args);
        CliResult json = CliRunner.Run([.. args, "--format", "json"]);
        Assert.True(text.ExitCode == ExitCodes.Ok, text.Error);
        Assert.Equal(ExitCodes.Ok, json.ExitCode);

        using JsonDocument doc = JsonDocument.Parse(json.Out);
        JsonElement d = doc.RootElement.GetProperty("decomposition");
        Assert.Equal("department", d.GetProperty("by").GetString());
        Assert.Equal(["language"], d.GetProperty("then").EnumerateArray().Select(e => e.GetString()));
        var drill = d.GetProperty("drill").EnumerateArray().ToList();
        var top = d.GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("segment").GetString()!, p => p.GetProperty("contribution").GetDouble());
        Assert.Equal(top.Keys.Order(StringComparer.Ordinal), drill.Select(x => x.GetProperty("parent").GetString()!).Order(StringComparer.Ordinal));
        int why = Array.FindIndex(text.OutLines, l => l.StartsWith("why", StringComparison.Ordinal));
        Assert.Equal("why       " + d.GetProperty("summary").GetString(), text.OutLines[why]);
        for (int i = 0; i < drill.Count; i++)
        {
            JsonElement x = drill[i];
            Assert.Equal(2, x.GetProperty("depth").GetInt32());
            Assert.Equal(top[x.GetProperty("parent").GetString()!], x.GetProperty("change").GetDouble(), 9);
            Assert.Equal(x.GetProperty("change").GetDouble(), x.GetProperty("parts").EnumerateArray().Sum(p => p.GetProperty("contribution").GetDouble()), 9);
            Assert.Equal("          " + x.GetProperty("summary").GetString(), text.OutLines[why + 1 + i]);
        }

        // One Holm family across the top level and every drill-down: 2 terms per part, 4 departments × (1 + 2 languages).
        var pAdjusted = d.GetProperty("parts").EnumerateArray().Concat(drill.SelectMany(x => x.GetProperty("parts").EnumerateArray()))
            .SelectMany(p => new[] { p.GetProperty("mix"), p.GetProperty("performance") }).Where(t => !t.GetProperty("structural").GetBoolean())
            .Select(t => t.GetProperty("pAdjusted").GetDouble()).ToList();
        Assert.Equal(24, pAdjusted.Count);
    }

    [Fact]
    public void Compare_ByThen_CsvAndMarkdown()
    {
        string[] args = ["compare", Feedback, "--period", "2026-09", "--vs", "2026-10", "--by", "department", "--then", "language"];
        CliResult csv = CliRunner.Run([.. args, "--format", "csv"]);
        Assert.True(csv.ExitCode == ExitCodes.Ok, csv.Error);
        Assert.Equal(string.Join(',', CompareDecomposition.CsvHeader), csv.OutLines[0]);
        Assert.StartsWith("0,,(all),1000,1000,", csv.OutLines[1], StringComparison.Ordinal);
        Assert.Equal(4, csv.OutLines.Count(l => l.StartsWith("1,,", StringComparison.Ordinal)));
        Assert.Equal(8, csv.OutLines.Count(l => l.StartsWith("2,Billing,", StringComparison.Ordinal) || l.StartsWith("2,Sales,", StringComparison.Ordinal) || l.StartsWith("2,Support,", StringComparison.Ordinal) || l.StartsWith("2,Delivery,", StringComparison.Ordinal)));

        CliResult md = CliRunner.Run([.. args, "--format", "markdown"]);
        Assert.True(md.ExitCode == ExitCodes.Ok, md.Error);
        Assert.Equal(5, md.OutLines.Count(l => l.StartsWith("| Segment", StringComparison.Ordinal)));
        Assert.Contains("Billing's own NPS fell", md.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Then_WithoutBy_OrTwice_IsAUsageError()
    {
        CliResult noBy = CliRunner.Run("compare", Feedback, "--period", "2026-09", "--vs", "2026-10", "--then", "language");
        Assert.Equal(ExitCodes.Usage, noBy.ExitCode);
        Assert.Contains("--by department --then language", noBy.Error, StringComparison.Ordinal);
        CliResult twice = CliRunner.Run("compare", Feedback, "--period", "2026-09", "--vs", "2026-10", "--by", "department", "--then", "department");
        Assert.Equal(ExitCodes.Usage, twice.ExitCode);
    }

    /// <summary>Period mode read the file twice (once for the totals, once for the decomposition), so standard input failed.</summary>
    [Fact]
    public void Compare_By_FromStandardInput_IsTheSameAsFromTheFile()
    {
        string[] rest = ["--period", "2026-09", "--vs", "2026-10", "--by", "department", "--format", "json"];
        CliResult fromFile = CliRunner.Run(["compare", Feedback, .. rest]);
        CliResult fromStdin = CliRunner.RunWithInput(File.ReadAllBytes(Feedback), ["compare", "-", .. rest]);
        Assert.True(fromStdin.ExitCode == ExitCodes.Ok, fromStdin.Error);
        Assert.Equal(fromFile.Out.Replace(Feedback, "-", StringComparison.Ordinal), fromStdin.Out);
    }

    /// <summary>Period mode with --by on an .xlsx workbook (read through NpsExcel, once).</summary>
    [Fact]
    public void Compare_By_OnAnXlsxWorkbook()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nps-cli-{Guid.NewGuid():N}.xlsx");
        var rows = new List<Dictionary<string, object>>();
        for (int i = 0; i < 80; i++)
        {
            bool october = i >= 40;
            string team = i % 2 == 0 ? "A" : "B";
            int score = october && team == "B" ? 3 : 9 + (i % 2);
            rows.Add(new Dictionary<string, object> { ["submitted_at"] = new DateTime(2026, october ? 10 : 9, 1 + (i % 20), 9, 0, 0), ["score"] = score, ["team"] = team });
        }

        MiniExcelLibs.MiniExcel.SaveAs(path, rows);
        try
        {
            CliResult result = CliRunner.Run("compare", path, "--period", "2026-09", "--vs", "2026-10", "--by", "team", "--tz", "Etc/UTC", "--format", "json");
            Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
            using JsonDocument doc = JsonDocument.Parse(result.Out);
            var parts = doc.RootElement.GetProperty("decomposition").GetProperty("parts").EnumerateArray().ToList();
            Assert.Equal(2, parts.Count);
            Assert.Equal(doc.RootElement.GetProperty("difference").GetDouble(), parts.Sum(p => p.GetProperty("contribution").GetDouble()), 9);
            Assert.True(parts.Single(p => p.GetProperty("segment").GetString() == "B").GetProperty("smallSample").GetBoolean()); // 20 answers a month
        }
        finally
        {
            File.Delete(path);
        }
    }
}
