using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NpsKit.Cli.Tests;

/// <summary><c>nps report --format svg|html</c> and <c>--output</c>.</summary>
public class ReportChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Report_FormatSvg_DrawsTheTrendOfTheTotalWithAPointPerMonth()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--format", "svg");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        XElement root = XDocument.Parse(result.Out).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("NPS by month", root.Element(Svg + "title")!.Value);
        var points = root.Descendants(Svg + "circle").Where(c => (string?)c.Attribute("data-period") is not null).ToList();
        Assert.Equal(24, points.Count);
        Assert.Equal("2024-11", (string?)points[0].Attribute("data-period"));
        var (p, q, d) = CliRunner.CountMonth("2024-11");
        Assert.Equal((p + q + d).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)points[0].Attribute("data-n"));
    }

    [Fact]
    public void Report_FormatSvgWithSegment_HoldsTheSegmentBarsThenTheTrendOfTheTotal()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--by", "region", "--per", "quarter", "--format", "svg");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        XElement root = XDocument.Parse(result.Out).Root!;
        var charts = root.Elements(Svg + "svg").ToList();
        Assert.Equal(2, charts.Count);
        Assert.Equal("NPS by region", charts[0].Element(Svg + "title")!.Value);
        Assert.Equal(["Central", "East", "North", "South", "West"], charts[0].Descendants(Svg + "g")
            .Where(g => ((string?)g.Attribute("class"))?.StartsWith("segment", StringComparison.Ordinal) == true)
            .Select(g => (string)g.Attribute("data-label")!).Order(StringComparer.Ordinal));
        Assert.Equal("NPS by quarter", charts[1].Element(Svg + "title")!.Value);
        Assert.Equal(double.Parse((string)charts[0].Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture), double.Parse((string)charts[1].Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture));
        double total = double.Parse((string)root.Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(total, charts.Sum(c => double.Parse((string)c.Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture)), 0.01);
        Assert.Equal(2, root.Descendants(Svg + "svg").Select(c => (string?)c.Attribute("aria-labelledby")).Distinct().Count());
    }

    [Fact]
    public void Report_FormatSvg_SameInputGivesTheSameBytes()
    {
        string first = CliRunner.Run("report", CliRunner.SampleData, "--by", "channel", "--format", "svg").Out;
        string second = CliRunner.Run("report", CliRunner.SampleData, "--by", "channel", "--format", "svg").Out;

        Assert.Equal(first, second);
    }

    [Fact]
    public void Report_FormatHtml_IsOneSelfContainedPageWithSettingsChartsAndTable()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--by", "region", "--min-n", "400", "--per", "quarter", "--format", "html");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        string html = result.Out;
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>NPS report: responses.csv</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Period</dt><dd>quarter</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Minimum n</dt><dd>400 ", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Confidence level</dt><dd>95% ", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Segments</dt><dd>region</dd>", html, StringComparison.Ordinal);

        // Nothing to fetch and nothing to run: no scripts, links, sources or URLs other than the SVG namespace.
        Assert.DoesNotMatch("(?i)<script|<link|<img|<iframe|\\bsrc=|@import|url\\(", html);
        Assert.All(Regex.Matches(html, "https?://[^\"\\s<]+"), m => Assert.Equal("http://www.w3.org/2000/svg", m.Value));

        // Total trend, segment bars, a trend per region (5), each wide and narrow (for phones), and the 0–10 distribution.
        Assert.Equal((7 * 2) + 1, Regex.Count(html, "<svg "));
        Assert.Equal((7 * 2) + 1, Regex.Matches(html, "aria-labelledby=\"([^ \"]+)").Select(m => m.Groups[1].Value).Distinct().Count());

        // The table: one row per report row (9 quarters × (total + 5 regions)), too-small rows marked.
        Assert.Equal(9 * 6, Regex.Count(html, "<tr( class=\"[^\"]*\")?><td>20"));
        Assert.Contains("<tr class=\"too-small\"><td>2024-Q4</td><td>Central</td>", html, StringComparison.Ordinal);
        Assert.Contains("too small (n &lt; 400)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_FormatHtml_EscapesNamesFromTheData()
    {
        string path = CliRunner.TempCsv(
            "respondent_id,submitted_at,score,team",
            "A,2026-01-05T10:00:00Z,10,R&D <EU>",
            "B,2026-01-06T10:00:00Z,3,R&D <EU>",
            "C,2026-02-06T10:00:00Z,9,\"<script>alert(1)</script>\"");

        CliResult result = CliRunner.Run("report", path, "--by", "team", "--format", "html");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain("<script", result.Out, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<EU>", result.Out, StringComparison.Ordinal);
        Assert.Contains("R&amp;D &lt;EU&gt;", result.Out, StringComparison.Ordinal);
        foreach (Match svg in Regex.Matches(result.Out, "<svg .*?</svg>", RegexOptions.Singleline))
        {
            _ = XDocument.Parse(svg.Value);   // each inline chart is well-formed XML
        }
    }

    [Fact]
    public void Report_FormatHtmlWithManySegments_DrawsNoTrendPerSegment()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--by", "region", "--by", "department", "--per", "year", "--format", "html");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal((2 * 2) + 1, Regex.Count(result.Out, "<svg ")); // trend and bars, wide and narrow; the distribution
        Assert.Contains("25 segments: too many for a trend chart each", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Output_WritesTheFileAndNothingToStandardOutput()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nps-report-{Guid.NewGuid():N}.svg");
        try
        {
            CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--format", "svg", "--output", path);

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal(string.Empty, result.Out);
            byte[] bytes = File.ReadAllBytes(path);
            Assert.NotEqual(0xEF, bytes[0]);   // no byte-order mark
            Assert.Equal(CliRunner.Run("report", CliRunner.SampleData, "--format", "svg").Out, System.Text.Encoding.UTF8.GetString(bytes));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Report_OutputWithTableFormat_WritesTheTableToTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nps-report-{Guid.NewGuid():N}.csv");
        try
        {
            CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--per", "year", "--format", "csv", "-o", path);

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal(4, File.ReadAllLines(path).Length);
            Assert.StartsWith("period,segment,n,", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Report_OutputInAMissingFolder_IsAUsageErrorNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "report.html");

        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--format", "html", "--output", path);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"--output {path}: cannot write the file", result.Error, StringComparison.Ordinal);
    }
}
