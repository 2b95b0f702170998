using System.Text.Json;

namespace NpsKit.Cli.Tests;

public class DriversCommandTests
{
    private static readonly string Feedback = CliRunner.Sample("feedback.csv");

    [Fact]
    public void SampleData_PlantedStructure_IsRecovered()
    {
        CliResult result = CliRunner.Run("drivers", Feedback, "--by", "department", "--resamples", "200", "--format", "json");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        JsonElement change = doc.RootElement.GetProperty("change");
        Assert.Equal("2026-09", change.GetProperty("baseline").GetString());
        Assert.Equal("2026-10", change.GetProperty("current").GetString());
        var parts = change.GetProperty("parts").EnumerateArray().ToList();
        JsonElement billing = parts.Single(p => p.GetProperty("segment").GetString() == "Billing");
        Assert.True(billing.GetProperty("performance").GetProperty("estimate").GetDouble() < -5);
        Assert.True(billing.GetProperty("performance").GetProperty("pAdjusted").GetDouble() < 0.05);
        JsonElement support = parts.Single(p => p.GetProperty("segment").GetString() == "Support");
        Assert.True(support.GetProperty("currentShare").GetDouble() > support.GetProperty("baselineShare").GetDouble());
        Assert.True(support.GetProperty("mix").GetProperty("estimate").GetDouble() < 0);
        Assert.StartsWith("\u221220.2 points: Billing's own NPS fell", change.GetProperty("summary").GetString(), StringComparison.Ordinal);
        double sum = parts.Sum(p => p.GetProperty("mix").GetProperty("estimate").GetDouble() + p.GetProperty("performance").GetProperty("estimate").GetDouble());
        Assert.Equal(change.GetProperty("change").GetDouble(), sum, 9);

        JsonElement themes = doc.RootElement.GetProperty("themes");
        var overall = themes.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("group").GetString() == "All").ToList();
        JsonElement top = overall.MaxBy(c => c.GetProperty("impact").GetDouble());
        Assert.Equal("delivery", top.GetProperty("theme").GetString());
        Assert.True(top.GetProperty("pAdjusted").GetDouble() < 0.001);
        Assert.Contains(themes.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("phrase").GetString() == "box was dented");
        Assert.True(themes.GetProperty("untagged").GetInt32() > 0);

        var drivers = doc.RootElement.GetProperty("drivers").GetProperty("attributes").EnumerateArray().ToList();
        Assert.Equal("rating_delivery", drivers[0].GetProperty("name").GetString());
        Assert.True(drivers[0].GetProperty("lower").GetDouble() > drivers[1].GetProperty("upper").GetDouble());
    }

    [Fact]
    public void Table_Csv_Markdown_AllCarryTheThreeAnalyses()
    {
        CliResult table = CliRunner.Run("drivers", Feedback, "--by", "department", "--resamples", "0");
        Assert.Equal(ExitCodes.Ok, table.ExitCode);
        Assert.Contains("What moved it, 2026-09 → 2026-10", table.Out, StringComparison.Ordinal);
        Assert.Contains("Comment themes:", table.Out, StringComparison.Ordinal);
        Assert.Contains("Key drivers of the 0–10 answer", table.Out, StringComparison.Ordinal);

        CliResult csv = CliRunner.Run("drivers", Feedback, "--by", "department", "--resamples", "0", "--format", "csv");
        Assert.StartsWith("section,group,item,n,estimate,lower,upper,p_value,p_adjusted", csv.Out, StringComparison.Ordinal);
        Assert.Contains(csv.OutLines, l => l.StartsWith("change,2026-09..2026-10,Billing performance,", StringComparison.Ordinal));
        Assert.Contains(csv.OutLines, l => l.StartsWith("theme,All,delivery,", StringComparison.Ordinal));
        Assert.Contains(csv.OutLines, l => l.StartsWith("driver,All,rating_delivery,", StringComparison.Ordinal));

        CliResult md = CliRunner.Run("drivers", Feedback, "--by", "department", "--resamples", "0", "--format", "markdown", "--period", "2026-08", "--vs", "2026-09");
        Assert.Contains("## What moved it, 2026-08 → 2026-09", md.Out, StringComparison.Ordinal);
        Assert.Contains("## Key drivers", md.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void OwnCodebook_AndBadInput_GiveClearMessages()
    {
        string book = Path.Combine(Path.GetTempPath(), $"codebook-{Guid.NewGuid():N}.json");
        File.WriteAllText(book, """{ "format": "npskit.codebook", "version": 1, "language": "en", "themes": [ { "id": "box", "label": "Box", "phrases": ["box was dented"] } ] }""");
        CliResult own = CliRunner.Run("drivers", Feedback, "--themes", book, "--attribute", "rating_price", "--resamples", "0");
        Assert.Equal(ExitCodes.Ok, own.ExitCode);
        Assert.Contains("Box", own.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("rating_delivery", own.Out, StringComparison.Ordinal);

        File.WriteAllText(book, """{ "format": "npskit.codebook", "version": 1, "language": "en", "themes": [ { "id": "box" } ] }""");
        CliResult bad = CliRunner.Run("drivers", Feedback, "--themes", book);
        Assert.Equal(ExitCodes.BadInput, bad.ExitCode);
        Assert.Contains("$.themes[0] (\"box\") has no keywords, stems or phrases", bad.Error, StringComparison.Ordinal);

        CliResult noColumn = CliRunner.Run("drivers", Feedback, "--by", "region");
        Assert.Equal(ExitCodes.Usage, noColumn.ExitCode);
        Assert.Contains("--by region: the file has no such column", noColumn.Error, StringComparison.Ordinal);

        CliResult noPeriod = CliRunner.Run("drivers", Feedback, "--by", "department", "--period", "2025-01", "--vs", "2026-10");
        Assert.Equal(ExitCodes.BadInput, noPeriod.ExitCode);
        Assert.Contains("covers 2026-07 to 2026-10", noPeriod.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_By_SaysWhichSegmentsDroveTheChange()
    {
        CliResult result = CliRunner.Run("compare", Feedback, "--period", "2026-09", "--vs", "2026-10", "--by", "department");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("why       \u221220.2 points: Billing's own NPS fell (\u221211.1 of it, significant); more answers came from Support", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_By_Json_HasTheDecomposition_SummingToTheChange_AndAgreesWithTheText()
    {
        string[] args = ["compare", Feedback, "--period", "2026-09", "--vs", "2026-10", "--by", "department"];
        CliResult text = CliRunner.Run(args);
        CliResult result = CliRunner.Run([.. args, "--format", "json"]);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        JsonElement d = doc.RootElement.GetProperty("decomposition");
        Assert.Equal("department", d.GetProperty("by").GetString());
        Assert.Equal(doc.RootElement.GetProperty("difference").GetDouble(), d.GetProperty("change").GetDouble(), 9);
        Assert.Equal("why       " + d.GetProperty("summary").GetString(), text.OutLines[^1]);
        Assert.Equal("Holm", d.GetProperty("adjustment").GetString());
        Assert.Equal(0.95, d.GetProperty("level").GetDouble());
        var parts = d.GetProperty("parts").EnumerateArray().ToList();
        double mix = parts.Sum(p => p.GetProperty("mix").GetProperty("estimate").GetDouble());
        double performance = parts.Sum(p => p.GetProperty("performance").GetProperty("estimate").GetDouble());
        Assert.Equal(d.GetProperty("change").GetDouble(), mix + performance, 9);
        Assert.Equal(d.GetProperty("mix").GetDouble(), mix, 9);
        Assert.Equal(d.GetProperty("performance").GetDouble(), performance, 9);
        Assert.Equal(1.0, parts.Sum(p => p.GetProperty("currentShare").GetDouble()), 9);
        JsonElement billing = parts.Single(p => p.GetProperty("segment").GetString() == "Billing");
        Assert.True(billing.GetProperty("performance").GetProperty("significant").GetBoolean());
        Assert.True(billing.GetProperty("current").GetProperty("nps").GetDouble() < billing.GetProperty("baseline").GetProperty("nps").GetDouble());
        foreach (JsonElement p in parts)
        {
            Assert.Equal(p.GetProperty("contribution").GetDouble(), p.GetProperty("mix").GetProperty("estimate").GetDouble() + p.GetProperty("performance").GetProperty("estimate").GetDouble(), 9);
            JsonElement perf = p.GetProperty("performance");
            Assert.True(perf.GetProperty("lower").GetDouble() <= perf.GetProperty("estimate").GetDouble() && perf.GetProperty("estimate").GetDouble() <= perf.GetProperty("upper").GetDouble());
        }
    }

    [Fact]
    public void Compare_By_Json_TwoFiles_SegmentInOneFileOnly_IsPureMix_WithANullScore()
    {
        string folder = Directory.CreateTempSubdirectory("npskit-compare-by-").FullName;
        try
        {
            string a = Path.Combine(folder, "a.csv");
            string b = Path.Combine(folder, "b.csv");
            File.WriteAllText(a, "date,score,team\n2026-09-01T10:00:00Z,10,A\n2026-09-02T10:00:00Z,9,A\n2026-09-03T10:00:00Z,3,A\n2026-09-04T10:00:00Z,8,B\n2026-09-05T10:00:00Z,2,B\n");
            File.WriteAllText(b, "date,score,team\n2026-10-01T10:00:00Z,10,A\n2026-10-02T10:00:00Z,6,A\n2026-10-03T10:00:00Z,9,C\n2026-10-04T10:00:00Z,10,C\n");
            CliResult result = CliRunner.Run("compare", a, b, "--by", "team", "--format", "json");
            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            using JsonDocument doc = JsonDocument.Parse(result.Out);
            var parts = doc.RootElement.GetProperty("decomposition").GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("segment").GetString()!);
            Assert.Equal(new[] { "A", "B", "C" }, parts.Keys.Order(StringComparer.Ordinal).ToArray());
            Assert.Equal(JsonValueKind.Null, parts["C"].GetProperty("baseline").GetProperty("nps").ValueKind);
            Assert.Equal(0, parts["C"].GetProperty("baseline").GetProperty("n").GetInt32());
            Assert.True(parts["C"].GetProperty("performance").GetProperty("structural").GetBoolean());
            Assert.Equal(0.0, parts["C"].GetProperty("performance").GetProperty("estimate").GetDouble());
            Assert.False(parts["C"].GetProperty("performance").GetProperty("significant").GetBoolean());
            Assert.Equal(JsonValueKind.Null, parts["B"].GetProperty("current").GetProperty("nps").ValueKind);
            Assert.True(parts["C"].GetProperty("smallSample").GetBoolean()); // 2 answers: the interval is rough, and the JSON says so
            double sum = parts.Values.Sum(p => p.GetProperty("contribution").GetDouble());
            Assert.Equal(doc.RootElement.GetProperty("difference").GetDouble(), sum, 9);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The schema table in docs/drivers.md ("The decomposition as JSON") names exactly the fields the writer writes, with their JSON types.</summary>
    [Fact]
    public void Compare_By_Json_MatchesTheDocumentedSchema()
    {
        string doc = File.ReadAllText(Path.Combine(NpsKit.TestUtilities.ApiConventions.RepoRoot(), "docs", "drivers.md")).Replace("\r\n", "\n");
        int start = doc.IndexOf("### The decomposition as JSON", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/drivers.md has no 'The decomposition as JSON' section");
        string section = doc[start..doc.IndexOf("\n## ", start, StringComparison.Ordinal)];
        var documented = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            string[] cells = line.Split('|', StringSplitOptions.TrimEntries);
            foreach (string name in cells[1].Split(',', StringSplitOptions.TrimEntries))
            {
                documented[name.Trim('`')] = cells[2];
            }
        }

        CliResult result = CliRunner.Run("compare", Feedback, "--period", "2026-09", "--vs", "2026-10", "--by", "department", "--format", "json");
        using JsonDocument json = JsonDocument.Parse(result.Out);
        var written = new Dictionary<string, JsonValueKind>(StringComparer.Ordinal);
        void Collect(JsonElement e, string prefix)
        {
            foreach (JsonProperty p in e.EnumerateObject())
            {
                written.TryAdd(prefix + p.Name, p.Value.ValueKind);
            }
        }

        JsonElement d = json.RootElement.GetProperty("decomposition");
        Collect(d, string.Empty);
        foreach (JsonElement part in d.GetProperty("parts").EnumerateArray())
        {
            Collect(part, "parts[].");
            Collect(part.GetProperty("baseline"), "side.");
            Collect(part.GetProperty("mix"), "term.");
        }

        Assert.Equal(documented.Keys.Order(StringComparer.Ordinal), written.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, kind) in written)
        {
            string expected = kind switch
            {
                JsonValueKind.Number when documented[name] == "integer" => "integer",
                JsonValueKind.Number when documented[name] == "number or null" => "number or null",
                JsonValueKind.Number => "number",
                JsonValueKind.String => "string",
                JsonValueKind.True or JsonValueKind.False => "boolean",
                JsonValueKind.Array => "array",
                JsonValueKind.Object => "object",
                _ => kind.ToString(),
            };
            Assert.True(documented[name] == expected, $"{name}: documented as {documented[name]}, written as {kind}");
        }
    }

    [Fact]
    public void HtmlReport_HasTheWhatMovedItSection_OnlyWhenThereIsSomethingToExplain()
    {
        string page = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.html");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("report", Feedback, "--by", "department", "--format", "html", "-o", page).ExitCode);
        string html = File.ReadAllText(page);
        Assert.Contains("<h2>What moved it</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Billing&#39;s own NPS fell", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"themes\">", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html[html.IndexOf("What moved it", StringComparison.Ordinal)..], StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, CliRunner.Run("report", CliRunner.SampleData, "--format", "html", "-o", page).ExitCode);
        Assert.DoesNotContain("What moved it", File.ReadAllText(page), StringComparison.Ordinal);
    }
}
