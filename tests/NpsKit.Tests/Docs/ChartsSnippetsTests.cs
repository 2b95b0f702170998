using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NpsKit.Tests.Docs;

/// <summary>The examples of docs/charts.md draw what the page says they draw.</summary>
public class ChartsSnippetsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Trend_WritesAMonthlyTrendToTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nps-trend-{Guid.NewGuid():N}.svg");
        try
        {
            string svg = ChartsSnippets.Trend(path);

            Assert.Equal(svg, File.ReadAllText(path));
            XElement root = XDocument.Parse(svg).Root!;
            Assert.Equal("NPS by month", root.Element(Svg + "title")!.Value);
            Assert.Equal(6, root.Descendants(Svg + "circle").Count(c => c.Attribute("data-period") is not null));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Segments_DrawsThreeBarsHighestFirstWithEastTooSmall()
    {
        XElement root = XDocument.Parse(ChartsSnippets.Segments()).Root!;
        var groups = root.Descendants(Svg + "g").Where(g => g.Attribute("data-label") is not null).ToList();

        Assert.Equal(["North", "East", "South"], groups.Select(g => (string?)g.Attribute("data-label")));   // +42.5, +31.3, +10.0
        Assert.Equal("segment too-small", (string?)groups[1].Attribute("class"));
    }

    [Fact]
    public void FromCube_DrawsTheLatestMonthByRegionAndTheNorthTrendOnTheFullScale()
    {
        (string byRegion, string north) = ChartsSnippets.FromCube();

        XElement bars = XDocument.Parse(byRegion).Root!;
        Assert.Equal("NPS by region, 2026-06", bars.Element(Svg + "title")!.Value);
        Assert.Equal(4, bars.Descendants(Svg + "g").Count(g => g.Attribute("data-label") is not null));
        Assert.Contains(bars.Descendants(Svg + "g"), g => (string?)g.Attribute("data-label") == "East" && (string?)g.Attribute("class") == "segment too-small");
        XElement trend = XDocument.Parse(north).Root!;
        Assert.Equal("north-title north-desc", (string?)trend.Attribute("aria-labelledby"));
        Assert.Contains(trend.Descendants(Svg + "text"), t => t.Value == "+100");
    }

    [Fact]
    public void Page_HoldsTwoChartsWithDistinctIds()
    {
        string page = ChartsSnippets.Page();

        Assert.Equal(2, Regex.Count(page, "<svg "));
        Assert.Contains("aria-labelledby=\"total-title total-desc\"", page, StringComparison.Ordinal);
        Assert.Contains("aria-labelledby=\"regions-title regions-desc\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_WritesAPageAndMarkdown_WithBothChartsAndTheTable()
    {
        string folder = Directory.CreateTempSubdirectory("nps-doc-").FullName;
        try
        {
            (NpsKit.Documents.NpsDocument report, string html, string markdown) = ChartsSnippets.Document(folder);

            Assert.Equal(report.ToHtml(), html);
            Assert.Equal(2, report.Charts.Count);
            Assert.Equal(2, Regex.Matches(html, "<figure>\n<svg").Count);
            Assert.Contains("<h2>By region</h2>", html, StringComparison.Ordinal);
            Assert.Contains(ChartsSnippets.SampleCube().ToHtml(), html, StringComparison.Ordinal);
            Assert.StartsWith("# NPS by month\n", markdown, StringComparison.Ordinal);
            Assert.Equal(2, Regex.Matches(markdown, "data:image/svg\\+xml;base64,").Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
