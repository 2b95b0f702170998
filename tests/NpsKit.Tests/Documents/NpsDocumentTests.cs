using System.Text;
using System.Text.RegularExpressions;
using NpsKit.Aggregation;
using NpsKit.Charts;
using NpsKit.Documents;
using NpsKit.Tests.Charts;

namespace NpsKit.Tests.Documents;

public class NpsDocumentTests
{
    private static NpsDocument Sample()
    {
        NpsCube cube = ChartData.SixMonths();
        return new NpsDocumentBuilder("Monthly <NPS> & more")
            .Paragraph("Counts from `responses.csv`: **NPS +12.0** overall.\n\nA second paragraph\nover two lines.")
            .Chart(NpsCharts.TrendSvg(cube.Series()), "NPS per month")
            .Heading("Table")
            .Table(cube.Series())
            .Table("Hand-made", ["Team", "n>"], [["North | West", "1,200"], ["<b>South</b>", "80"]])
            .Build();
    }

    [Fact]
    public void ToHtml_IsOneSelfContainedPage_WithNoScriptsOrExternalRequests()
    {
        string html = Sample().ToHtml();

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(src|href)\s*=", html);
        Assert.All(Regex.Matches(html, @"https?://[^""\s]+"), m => Assert.Equal("http://www.w3.org/2000/svg", m.Value));
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("figure svg { display: block; width: 100%; max-width: 100%; height: auto; }", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_EscapesText_AndKeepsCodeAndBoldMarks()
    {
        string html = Sample().ToHtml();

        Assert.Contains("<title>Monthly &lt;NPS&gt; &amp; more</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Monthly &lt;NPS&gt; &amp; more</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Counts from <code>responses.csv</code>: <strong>NPS +12.0</strong> overall.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p>A second paragraph over two lines.</p>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;South&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>South", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_HoldsTheSeriesTable_AndTheChart_InOrder()
    {
        NpsCube cube = ChartData.SixMonths();
        string html = Sample().ToHtml();

        int chart = html.IndexOf("<figure>\n<svg", StringComparison.Ordinal);
        int heading = html.IndexOf("<h2>Table</h2>", StringComparison.Ordinal);
        int table = html.IndexOf(cube.Series().ToHtml(), StringComparison.Ordinal);
        Assert.True(chart > 0 && heading > chart && table > heading, html);
        Assert.Contains("<figcaption>NPS per month</figcaption>", html, StringComparison.Ordinal);
        Assert.Contains("<th style=\"text-align:right\">n</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMarkdown_EmbedsChartsAsDataUris_ThatDecodeToTheSvg()
    {
        NpsDocument doc = Sample();
        string md = doc.ToMarkdown();

        Assert.StartsWith("# Monthly <NPS> & more\n\n", md.Replace("\\<", "<", StringComparison.Ordinal).Replace("&lt;", "<", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Counts from `responses.csv`: **NPS +12.0** overall.\n", md, StringComparison.Ordinal);
        Assert.Contains("## Table\n", md, StringComparison.Ordinal);
        Assert.Contains(ChartData.SixMonths().Series().ToMarkdown(), md, StringComparison.Ordinal);
        Assert.Contains("| North \\| West | 1,200 |", md, StringComparison.Ordinal);
        Match image = Regex.Match(md, @"!\[NPS per month\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)");
        Assert.True(image.Success, md);
        Assert.Equal(doc.Charts[0], Encoding.UTF8.GetString(Convert.FromBase64String(image.Groups[1].Value)));
        Assert.EndsWith("\n", md, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMarkdown_WithChartPaths_LinksEachChartFile()
    {
        NpsDocument doc = Sample();
        string md = doc.ToMarkdown(i => $"trend-{i + 1}.svg");

        Assert.Contains("![NPS per month](trend-1.svg)", md, StringComparison.Ordinal);
        Assert.Single(doc.Charts);
        Assert.StartsWith("<svg", doc.Charts[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IsDeterministic_AndTheBuilderCanGoOn()
    {
        Assert.Equal(Sample().ToHtml(), Sample().ToHtml());
        Assert.Equal(Sample().ToMarkdown(), Sample().ToMarkdown());

        var builder = new NpsDocumentBuilder("T").Paragraph("one");
        NpsDocument first = builder.Build();
        NpsDocument second = builder.Paragraph("two").Build();
        Assert.DoesNotContain("two", first.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("<p>two</p>", second.ToHtml(), StringComparison.Ordinal);
        Assert.Equal("T (2 blocks, 0 charts)", second.ToString());
    }

    [Theory]
    [InlineData("<div/>", "root element is <div>")]
    [InlineData("<svg>", "not well-formed SVG")]
    [InlineData("<svg/>", "in namespace ''")]
    public void Chart_NotSvg_ThrowsSayingWhatItIs(string svg, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => new NpsDocumentBuilder("T").Chart(svg));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal("svg", ex.ParamName);
    }

    [Fact]
    public void Chart_TwoChartsWithTheSameIds_ThrowsNamingTheIdAndTheFix()
    {
        NpsSeries series = ChartData.SixMonths().Series();
        NpsDocumentBuilder builder = new NpsDocumentBuilder("T").Chart(NpsCharts.TrendSvg(series));

        var ex = Assert.Throws<ArgumentException>(() => builder.Chart(NpsCharts.TrendSvg(series)));
        Assert.Contains("reuses the id 'nps-trend", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IdPrefix", ex.Message, StringComparison.Ordinal);
        builder.Chart(NpsCharts.TrendSvg(series, new TrendChartOptions { IdPrefix = "second" }));
        Assert.Equal(2, builder.Build().Charts.Count);
    }

    [Fact]
    public void Table_RowWithTheWrongNumberOfCells_ThrowsNamingTheRow()
    {
        var ex = Assert.Throws<ArgumentException>(() => new NpsDocumentBuilder("T").Table("c", ["a", "b"], [["1", "2"], ["3"]]));
        Assert.Contains("Row 1 has 1 cells but the table has 2 columns (a, b)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new NpsDocumentBuilder("T").Table("c", [], []));
    }

    [Fact]
    public void Builder_BlankTitleOrHeading_Throws()
    {
        Assert.Throws<ArgumentException>(() => new NpsDocumentBuilder(" "));
        Assert.Throws<ArgumentException>(() => new NpsDocumentBuilder("T").Heading(""));
        Assert.Throws<ArgumentNullException>(() => new NpsDocumentBuilder("T").Paragraph(null!));
    }
}
