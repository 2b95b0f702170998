using System.Globalization;
using System.Text.RegularExpressions;
using NpsKit.Aggregation;

namespace NpsKit.Tests.Aggregation;

/// <summary><see cref="NpsSeries.ToMarkdown(double)"/> and <see cref="NpsSeries.ToHtml"/>: what notebooks and reports show.</summary>
public partial class NpsSeriesTests
{
    /// <summary>January: 3 promoters, 1 detractor (+50); February: none; March: 1 promoter, 1 passive (+50, below the minimum of 3);
    /// April: 2 promoters, 2 detractors (0) — team "a|b_*&lt;script&gt;" to exercise escaping.</summary>
    private static NpsCube Months(string team = "a")
    {
        var b = new ResponseTableBuilder("team");
        void Add(int month, params byte[] scores)
        {
            foreach (byte s in scores)
            {
                b.Add(new DateTimeOffset(2026, month, 10, 12, 0, 0, TimeSpan.Zero), s, [team]);
            }
        }

        Add(1, 10, 10, 9, 0);
        Add(3, 10, 7);
        Add(4, 9, 9, 3, 6);
        return NpsCube.FromTable(b.ToTable(), Segmentation.By("team"), new AggregationOptions { MinimumCount = 3 });
    }

    [Fact]
    public void ToMarkdown_OnePeriodPerRow_WithCountScoreIntervalChangeAndFlags()
    {
        NpsSeries series = Months().Series();
        NpsTally jan = series.Points[0].Tally, mar = series.Points[2].Tally, apr = series.Points[3].Tally;
        string Ci(NpsTally t) => string.Create(CultureInfo.InvariantCulture, $"{t.ConfidenceInterval().Lower:+0.0;-0.0;0.0} to {t.ConfidenceInterval().Upper:+0.0;-0.0;0.0}");
        NpsComparison marToApr = NpsTest.Compare(mar, apr);

        string expected =
            "**NPS by month, Total, single period**\n\n" +
            "| Period | n | NPS | 95% interval | Change | p | p adj. | Note |\n" +
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n" +
            $"| 2026-01 | 4 | +50.0 | {Ci(jan)} | — | — | — |  |\n" +
            "| 2026-02 | 0 | — | — | — | — | — | n < 3 |\n" +
            $"| 2026-03 | 2 | +50.0 | {Ci(mar)} | — | — | — | n < 3 |\n" +
            $"| 2026-04 | 4 | 0.0 | {Ci(apr)} | -50.0 | {marToApr.PValue.ToString("0.000", CultureInfo.InvariantCulture)} | {marToApr.PValue.ToString("0.000", CultureInfo.InvariantCulture)} |  |\n" +
            "\nTotal: NPS +30.0 (n = 10: 6 promoters, 1 passive, 3 detractors). Intervals: adjusted Wald. Change: from the previous period; p: two-sided test of equal scores; p adj.: Holm-adjusted across the table's changes; significant: p adj. < 0.05.\n";
        Assert.Equal(expected, series.ToMarkdown());
    }

    [Fact]
    public void ToMarkdown_RollingWindow_HasNoChangeOrPColumns()
    {
        string markdown = Months().Series().WithWindow(RollingWindow.Periods(2)).ToMarkdown();

        Assert.Contains("| Period | n | NPS | 95% interval | Note |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Change", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2026-04 | 6 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMarkdown_OtherLevel_NamesItAndWidensTheInterval()
    {
        NpsSeries series = Months().Series();
        string markdown = series.ToMarkdown(0.99);
        NpsInterval ci = series.Points[0].Tally.ConfidenceInterval(0.99);

        Assert.Contains("| 99% interval |", markdown, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{ci.Lower:+0.0;-0.0;0.0} to {ci.Upper:+0.0;-0.0;0.0}"), markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void ToMarkdownAndToHtml_LevelOutsideZeroToOne_Throw(double level)
    {
        NpsSeries series = Months().Series();
        Assert.Throws<ArgumentOutOfRangeException>(() => series.ToMarkdown(level));
        Assert.Throws<ArgumentOutOfRangeException>(() => series.ToHtml(level));
    }

    [Fact]
    public void ToMarkdownAndToHtml_UnderAnotherCulture_AreTheInvariantText()
    {
        NpsSeries series = Months().Series();
        string markdown = series.ToMarkdown(), html = series.ToHtml();
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(markdown, series.ToMarkdown());
            Assert.Equal(html, series.ToHtml());
            Assert.Equal(markdown, Months().Series().ToMarkdown());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.DoesNotContain("\r", markdown + html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMarkdown_SegmentWithMarkup_IsEscaped()
    {
        NpsCube cube = Months("a|b_*<script>");
        string markdown = cube.Series(cube.Segments[0]).ToMarkdown();

        Assert.Contains(@"team=a\|b\_\*&lt;script>", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
        // Every table row still has exactly the header's number of unescaped pipes.
        var rows = markdown.Split('\n').Where(l => l.StartsWith('|')).Select(l => Regex.Matches(l, @"(?<!\\)\|").Count).Distinct();
        Assert.Single(rows);
    }

    [Fact]
    public void ToHtml_OneRowPerPeriod_EveryTextEncoded()
    {
        NpsCube cube = Months("a|b_*<script>");
        string html = cube.Series(cube.Segments[0]).ToHtml();

        Assert.StartsWith("<table class=\"npskit\">\n<caption>NPS by month, team=a|b_*&lt;script&gt;, single period</caption>", html, StringComparison.Ordinal);
        Assert.Equal(1 + 4, Regex.Matches(html, "<tr>").Count);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2026-02</td><td style=\"text-align:right\">0</td><td style=\"text-align:right\">—</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>n &lt; 3</td>", html, StringComparison.Ordinal);
        Assert.EndsWith("</p>\n", html, StringComparison.Ordinal);
    }
}
