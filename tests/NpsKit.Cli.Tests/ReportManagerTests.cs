using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.TestUtilities;

namespace NpsKit.Cli.Tests;

/// <summary>The manager's view of <c>nps report --format html</c>: headline, 0–10 distribution, significant changes,
/// heat map, and how the page renders in a real browser at phone and desktop widths.</summary>
public class ReportManagerTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static string Html(params string[] extra) =>
        CliRunner.Run(["report", CliRunner.SampleData, "--format", "html", .. extra]).Out;

    /// <summary>The text of the element with <c>data-figure="name"</c>.</summary>
    private static string Figure(string html, string name)
    {
        Match m = Regex.Match(html, $"data-figure=\"{name}\"[^>]*>([^<]*)<");
        Assert.True(m.Success, $"no data-figure=\"{name}\" in the page");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    private static string Signed(double value) => value.ToString("+0.0;-0.0;0.0", Invariant);

    /// <summary>Holm (1979) for two p-values, written out: the smaller times 2, the larger at least that and times 1.</summary>
    private static (double Low, double High) Holm2(double a, double b)
    {
        double small = Math.Min(a, b), large = Math.Max(a, b);
        double first = Math.Min(1, 2 * small);
        return (first, Math.Max(first, large));
    }

    [Fact]
    public void Headline_ShowsTheLatestNpsItsIntervalAndBothChangesAsTheLibraryComputesThem()
    {
        string html = Html("--by", "region");

        NpsCube cube = NpsCsv.ReadCube(CliRunner.SampleData).Cube;
        ReportingPeriod latest = cube.Periods[^1], previous = latest.Previous(), lastYear = ReportingPeriod.Parse("2025-10");
        Assert.Equal("2026-10", latest.ToString());
        NpsTally now = cube.Tally(latest, SegmentPath.Total);
        NpsInterval ci = now.ConfidenceInterval(0.95, NpsIntervalMethod.AdjustedWald);
        NpsComparison vsPrevious = NpsTest.Compare(cube.Tally(previous, SegmentPath.Total), now, 0.95);
        NpsComparison vsYear = NpsTest.Compare(cube.Tally(lastYear, SegmentPath.Total), now, 0.95);

        Assert.Equal("2026-10", Figure(html, "period"));
        Assert.Equal(Signed(now.Score), Figure(html, "nps"));
        Assert.Equal($"[{Signed(ci.Lower)}, {Signed(ci.Upper)}]", Figure(html, "interval"));
        Assert.Equal(now.Count.ToString("N0", Invariant), Figure(html, "n"));
        Assert.Equal(Signed(vsPrevious.Difference), Figure(html, "previous-change"));
        Assert.Equal(Signed(vsYear.Difference), Figure(html, "year-change"));
        Assert.Contains("vs previous month (2026-09)", html, StringComparison.Ordinal);
        Assert.Contains("vs same month last year (2025-10)", html, StringComparison.Ordinal);

        // The verdicts follow the Holm-adjusted p-values of the headline's two tests.
        (double low, double high) = Holm2(vsPrevious.PValue, vsYear.PValue);
        double adjustedPrevious = vsPrevious.PValue <= vsYear.PValue ? low : high;
        double adjustedYear = vsPrevious.PValue <= vsYear.PValue ? high : low;
        Assert.Equal(adjustedPrevious < 0.05 ? "significant" : "not significant", Figure(html, "previous-verdict"));
        Assert.Equal(adjustedYear < 0.05 ? "significant" : "not significant", Figure(html, "year-verdict"));
        Assert.Contains("Holm-adjusted across the headline's 2 change test(s)", html, StringComparison.Ordinal);

        // The headline comes before the charts and the table.
        Assert.True(html.IndexOf("class=\"headline\"", StringComparison.Ordinal) < html.IndexOf("<h2>Trend</h2>", StringComparison.Ordinal));
    }

    [Fact]
    public void Headline_ByYear_HasNoSamePeriodLastYearCard()
    {
        string html = Html("--per", "year");

        Assert.Contains("vs previous year (2025)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("last year", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-figure=\"year-change\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Headline_SignificantAfterAdjustment_IsSaidInWordsAndMarked()
    {
        // Three months: 40 promoters, then 40 detractors, then 40 detractors again a year on → a significant fall.
        var lines = new List<string> { "respondent_id,submitted_at,score" };
        void Month(string month, int score, int count)
        {
            for (int i = 0; i < count; i++)
            {
                lines.Add($"{month}-{score}-{i},{month}-10T10:{i % 60:00}:00Z,{score}");
            }
        }

        Month("2025-01", 10, 40);
        Month("2025-12", 10, 40);
        Month("2026-01", 2, 40);
        string html = CliRunner.Run("report", CliRunner.TempCsv([.. lines]), "--format", "html").Out;

        Assert.Equal("-200.0", Figure(html, "previous-change"));
        Assert.Equal("significant", Figure(html, "previous-verdict"));
        Assert.Equal("significant", Figure(html, "year-verdict"));
        Assert.Contains("▼</span><span class=\"sr\">significant fall</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Headline_WeightedFile_ShowsTheWeightedNpsAndSaysTheDistributionIsUnweighted()
    {
        var lines = new List<string> { "respondent_id,submitted_at,score,weight" };
        for (int i = 0; i < 60; i++)
        {
            lines.Add($"a{i},2026-09-{1 + (i % 28):00}T10:00:00Z,{i % 11},{1 + (i % 3)}");
            lines.Add($"b{i},2026-10-{1 + (i % 28):00}T10:00:00Z,{(i * 7) % 11},{1 + (i % 2)}");
        }

        string path = CliRunner.TempCsv([.. lines]);
        string html = CliRunner.Run("report", path, "--format", "html").Out;

        NpsCube cube = NpsCsv.ReadCube(path).Cube;
        Assert.True(cube.IsWeighted);
        WeightedNpsTally october = cube.WeightedTally(ReportingPeriod.Parse("2026-10"), SegmentPath.Total);
        NpsComparison change = NpsTest.Compare(cube.WeightedTally(ReportingPeriod.Parse("2026-09"), SegmentPath.Total), october, 0.95);
        Assert.Equal(Signed(october.Score), Figure(html, "nps"));
        Assert.Equal(Signed(change.Difference), Figure(html, "previous-change"));
        Assert.Contains(" · weighted</p>", html, StringComparison.Ordinal);
        Assert.Contains("label: share (unweighted)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Distribution_CountsEveryScoreOfTheLatestPeriod()
    {
        string html = Html();

        // Counted straight from the file's text: the score column of the rows submitted in 2026-10 (UTC).
        long[] expected = new long[11];
        foreach (string line in File.ReadLines(CliRunner.SampleData).Skip(1))
        {
            string[] f = line.Split(',');
            if (f[1].StartsWith("2026-10", StringComparison.Ordinal))
            {
                expected[int.Parse(f[2], Invariant)]++;
            }
        }

        Match svg = Regex.Match(html, "<svg class=\"distribution\".*?</svg>", RegexOptions.Singleline);
        Assert.True(svg.Success);
        XElement root = XElement.Parse(svg.Value);
        long[] drawn = [.. root.Descendants().Where(e => e.Name.LocalName == "rect").OrderBy(e => (int)e.Attribute("data-score")!).Select(e => (long)e.Attribute("data-n")!)];
        Assert.Equal(expected, drawn);
        double total = expected.Sum();
        Assert.Equal((100 * expected[9..].Sum() / total).ToString("0.0", Invariant) + "%", Figure(html, "promoters"));
        Assert.Equal((100 * expected[..7].Sum() / total).ToString("0.0", Invariant) + "%", Figure(html, "detractors"));
        Assert.Contains("<h2>Scores 0–10, 2026-10</h2>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void SignificantChanges_HeatMapAndTable_MarkExactlyTheChangesTheCsvCallsSignificant()
    {
        // Unadjusted, so that the sample has some significant changes to mark.
        string[] args = ["--by", "region", "--adjust", "none"];
        string csv = CliRunner.Run(["report", CliRunner.SampleData, "--format", "csv", .. args]).Out;
        string[] header = csv.Split('\n')[0].Split(',');
        int sigColumn = Array.IndexOf(header, "significant");
        var significant = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).Where(f => f[sigColumn] == "true").ToList();
        Assert.NotEmpty(significant);
        int tests = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Count(l => l.Split(',')[12].Length > 0);

        string html = Html(args);

        Assert.Equal($"{significant.Count} of {tests} changes vs the previous period are significant (unadjusted), largest first:", Figure(html, "significant-count"));
        string heat = Regex.Match(html, "<table class=\"heat\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(significant.Count, Regex.Count(heat, "<td class=\"num[^\"]* sig\""));
        Assert.Equal(significant.Count, Regex.Count(html, "<tr class=\"[^\"]*significant\">"));
        foreach (string[] row in significant)
        {
            // The cell of that period and segment carries the mark and its NPS, rounded, as text.
            string nps = Math.Round(double.Parse(row[3], Invariant), MidpointRounding.AwayFromZero).ToString("+0;-0;0", Invariant);
            Assert.Matches($"title=\"{Regex.Escape(row[1])}, {row[0]}: [^\"]*\\(significant\\)\">{Regex.Escape(nps)}<span class=\"(up|down)\"", heat);
        }
    }

    [Fact]
    public void HeatMap_HasARowPerSegmentAndACellPerPeriodWithTheNumberWritten()
    {
        string html = Html("--by", "region", "--per", "quarter", "--min-n", "400");

        string heat = Regex.Match(html, "<table class=\"heat\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(["(all)", "Central", "East", "North", "South", "West"], Regex.Matches(heat, "<th scope=\"row\">([^<]*)</th>").Select(m => m.Groups[1].Value));
        Assert.Equal(9, Regex.Count(heat, "<th scope=\"col\" class=\"num\">"));
        Assert.Equal(6 * 9, Regex.Count(heat, "<td class=\"num"));
        Assert.All(Regex.Matches(heat, "<td class=\"num[^\"]*\"[^>]*>([^<]*)").Select(m => m.Groups[1].Value), v => Assert.Matches("^[+-]?\\d+°?$|^–$", v));
        Assert.Contains("too-small", heat, StringComparison.Ordinal);
        Assert.Contains("°</td>", heat, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_HasAPhoneVersionOfEveryChartAndPrintRules()
    {
        string html = Html("--by", "region", "--per", "quarter");

        Assert.Equal(Regex.Count(html, "<div class=\"wide\">"), Regex.Count(html, "<div class=\"narrow\">"));
        Assert.Equal(7, Regex.Count(html, "<div class=\"narrow\">"));
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("@media (max-width: 600px)", html, StringComparison.Ordinal);
        Assert.Matches("viewBox=\"0 0 340 ", html);
    }

    /// <summary>What the browser measures: page overflow, the smallest drawn SVG text, and the visible headline figures.</summary>
    private const string MeasureScript = """
        var root = doc.documentElement, win = doc.defaultView;
        var visible = function (e) { return e.getClientRects().length > 0; };
        var overflowing = [];
        doc.querySelectorAll("body *").forEach(function (e) {
          if (!visible(e)) return;
          for (var p = e.parentElement; p; p = p.parentElement) { if (win.getComputedStyle(p).overflowX !== "visible") return; }
          var r = e.getBoundingClientRect();
          if (r.right > root.clientWidth + 0.5) overflowing.push(e.tagName + "." + (e.getAttribute("class") || ""));
        });
        var smallest = 1000;
        doc.querySelectorAll("svg text").forEach(function (t) {
          if (!visible(t) || !t.textContent.trim()) return;
          var m = t.getScreenCTM(), size = parseFloat(win.getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
          smallest = Math.min(smallest, size);
        });
        var figures = {};
        doc.querySelectorAll("[data-figure]").forEach(function (e) { if (visible(e)) figures[e.getAttribute("data-figure")] = e.textContent; });
        return JSON.stringify({ scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, overflowing: overflowing.slice(0, 10), smallestText: smallest, figures: figures });
        """;

    /// <summary>The report shapes the browser tests render: the monthly report by region; the total alone; quarters by
    /// department; ISO weeks by touchpoint (the widest heat map: every week of two years); and the feedback file, whose
    /// comments and ratings add the "What moved it" section.</summary>
    public static TheoryData<string, string, string> Shapes => new()
    {
        { "responses.csv", "month", "region" },
        { "responses.csv", "month", "" },
        { "responses.csv", "quarter", "department" },
        { "responses.csv", "week", "touchpoint" },
        { "feedback.csv", "month", "department" },
    };

    /// <summary>Writes the HTML report of one shape into a new folder and returns the page's path and the library's total
    /// tallies of the last two periods, which the headline must show.</summary>
    private static (string Folder, string Page, NpsTally Latest, NpsComparison VsPrevious) Render(string file, string per, string by)
    {
        string folder = Path.Combine(Path.GetTempPath(), "npskit-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string page = Path.Combine(folder, "report.html");
        string data = Path.Combine(Path.GetDirectoryName(CliRunner.SampleData)!, file);
        string[] args = ["report", data, "--per", per, "--format", "html", "--output", page, .. by.Length == 0 ? Array.Empty<string>() : ["--by", by]];
        CliResult result = CliRunner.Run(args);
        Assert.True(result.ExitCode == ExitCodes.Ok, $"nps {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        PeriodUnit unit = per switch { "quarter" => PeriodUnit.Quarter, "week" => PeriodUnit.IsoWeek, _ => PeriodUnit.Month };
        NpsCube cube = NpsCsv.ReadCube(data, aggregation: new AggregationOptions { Period = unit }).Cube;
        NpsTally latest = cube.Tally(cube.Periods[^1], SegmentPath.Total);
        return (folder, page, latest, NpsTest.Compare(cube.Tally(cube.Periods[^2], SegmentPath.Total), latest, 0.95));
    }

    [ChromiumTheory]
    [MemberData(nameof(Shapes))]
    public void Browser_At375And1280Pixels_NothingOverflowsTextIsReadableAndTheHeadlineIsTheLibrarys(string file, string per, string by)
    {
        (string folder, string page, NpsTally latest, NpsComparison vsPrevious) = Render(file, per, by);
        try
        {
            foreach (int width in new[] { 375, 1280 })
            {
                using JsonDocument measured = JsonDocument.Parse(HeadlessChromium.Measure(page, width, MeasureScript));
                JsonElement m = measured.RootElement;
                string where = $"{file} per {per} by '{by}' at {width} px: {m}";
                Assert.True(m.GetProperty("scrollWidth").GetInt32() <= m.GetProperty("clientWidth").GetInt32(), "the page scrolls sideways " + where);
                Assert.True(m.GetProperty("overflowing").GetArrayLength() == 0, "elements stick out of the page " + where);
                Assert.True(m.GetProperty("smallestText").GetDouble() >= 8.5, "chart text smaller than 8.5 px " + where);
                JsonElement figures = m.GetProperty("figures");
                Assert.Equal(Signed(latest.Score), figures.GetProperty("nps").GetString());
                Assert.Equal(latest.Count.ToString("N0", Invariant), figures.GetProperty("n").GetString());
                Assert.Equal(Signed(vsPrevious.Difference), figures.GetProperty("previous-change").GetString());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [ChromiumTheory]
    [MemberData(nameof(Shapes))]
    public void Browser_PrintedOnA4_NothingOverflowsThePrintWidthAndTheHeadlineIsTheLibrarys(string file, string per, string by)
    {
        (string folder, string page, NpsTally latest, NpsComparison vsPrevious) = Render(file, per, by);
        try
        {
            (string text, byte[] pdf) = ChromiumPrint.MeasureAndPrint(page, ChromiumPrint.A4PrintWidth, PrintMeasureScript);
            using JsonDocument measured = JsonDocument.Parse(text);
            JsonElement m = measured.RootElement;
            string where = $"{file} per {per} by '{by}' printed on A4 ({ChromiumPrint.A4PrintWidth} px): {m}";
            Assert.True(m.GetProperty("print").GetBoolean(), "the print media rules did not apply " + where);
            Assert.Equal(ChromiumPrint.A4PrintWidth, m.GetProperty("clientWidth").GetInt32());
            Assert.True(m.GetProperty("scrollWidth").GetInt32() <= m.GetProperty("clientWidth").GetInt32(), "the page is wider than the paper " + where);
            Assert.True(m.GetProperty("overflowing").GetArrayLength() == 0, "elements stick out of the paper " + where);
            Assert.True(m.GetProperty("clipped").GetArrayLength() == 0, "content is cut off by a scroll box, which paper cannot scroll " + where);
            Assert.True(m.GetProperty("smallestText").GetDouble() >= 8, "chart text smaller than 8 px (6 pt) on paper " + where);
            Assert.Equal(0, m.GetProperty("narrowShown").GetInt32());
            Assert.True(m.GetProperty("wideShown").GetInt32() > 0, "no full-width chart is printed " + where);
            JsonElement figures = m.GetProperty("figures");
            Assert.Equal(Signed(latest.Score), figures.GetProperty("nps").GetString());
            Assert.Equal(latest.Count.ToString("N0", Invariant), figures.GetProperty("n").GetString());
            Assert.Equal(Signed(vsPrevious.Difference), figures.GetProperty("previous-change").GetString());

            string head = System.Text.Encoding.ASCII.GetString(pdf, 0, 5);
            Assert.Equal("%PDF-", head);
            int pages = Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b(?!s)");
            // A report of ISO weeks over two years prints every week in the heat map's print tables (28 A4 pages
            // measured); months and quarters fit in 12.
            Assert.InRange(pages, 1, per == "week" ? 36 : 12);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary><see cref="MeasureScript"/> for paper: also whether the print rules applied, which chart versions show,
    /// and any box whose content is wider than it (a scroll bar on screen is content cut off on paper).</summary>
    private const string PrintMeasureScript = """
        var root = doc.documentElement, win = doc.defaultView;
        var visible = function (e) { return e.getClientRects().length > 0; };
        var overflowing = [], clipped = [];
        // Visually hidden screen-reader text (class "sr") is clipped on purpose and not counted.
        doc.querySelectorAll("body *").forEach(function (e) {
          if (!visible(e)) return;
          var r = e.getBoundingClientRect();
          if (r.right > root.clientWidth + 0.5) overflowing.push(e.tagName + "." + (e.getAttribute("class") || ""));
          if (!e.classList.contains("sr") && win.getComputedStyle(e).overflowX !== "visible" && e.scrollWidth > e.clientWidth + 1) clipped.push(e.tagName + "." + (e.getAttribute("class") || "") + " " + e.scrollWidth + ">" + e.clientWidth);
        });
        var smallest = 1000;
        doc.querySelectorAll("svg text").forEach(function (t) {
          if (!visible(t) || !t.textContent.trim()) return;
          var m = t.getScreenCTM();
          smallest = Math.min(smallest, parseFloat(win.getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b));
        });
        var count = function (selector) { var n = 0; doc.querySelectorAll(selector).forEach(function (e) { if (visible(e)) n++; }); return n; };
        var figures = {};
        doc.querySelectorAll("[data-figure]").forEach(function (e) { if (visible(e)) figures[e.getAttribute("data-figure")] = e.textContent; });
        return JSON.stringify({ print: win.matchMedia("print").matches, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
          overflowing: overflowing.slice(0, 10), clipped: clipped.slice(0, 10), smallestText: smallest,
          wideShown: count("div.wide"), narrowShown: count("div.narrow"), figures: figures });
        """;
}

/// <summary>The headline's "same period last year" for every period unit.</summary>
public class SamePeriodLastYearTests
{
    [Theory]
    [InlineData("2026-10", "2025-10")]
    [InlineData("2024-02-29", "2023-02-28")]
    [InlineData("2026-Q3", "2025-Q3")]
    [InlineData("2026-W40", "2025-W40")]
    [InlineData("2027-W01", "2026-W01")] // 2026 has 53 ISO weeks: 52 weeks back would be 2026-W02
    [InlineData("2026-W53", "2025-W52")] // 2025 has 52
    public void IsTheSamePeriodOneYearEarlier(string period, string expected) =>
        Assert.Equal(expected, ReportHeadline.SamePeriodLastYear(NpsKit.Aggregation.ReportingPeriod.Parse(period)).ToString());
}
