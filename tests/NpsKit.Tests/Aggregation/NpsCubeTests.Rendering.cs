using System.Globalization;
using System.Text.RegularExpressions;
using NpsKit.Aggregation;

namespace NpsKit.Tests.Aggregation;

/// <summary><see cref="NpsCube.ToMarkdown"/> and <see cref="NpsCube.ToHtml"/>: the segment table notebooks show.</summary>
public partial class NpsCubeTests
{
    private static NpsCube Teams(string second = "b")
    {
        var b = new ResponseTableBuilder("team");
        var t = new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);
        foreach (byte s in (byte[])[10, 9, 9, 8, 0])
        {
            b.Add(t, s, ["a"]);
        }

        b.Add(t.AddMonths(1), 2, [second]);
        return NpsCube.FromTable(b.ToTable(), Segmentation.By("team"), new AggregationOptions { MinimumCount = 2, TimeZoneId = "Europe/Copenhagen" });
    }

    [Fact]
    public void ToMarkdown_TotalThenEverySegment_OverAllPeriods()
    {
        NpsCube cube = Teams();
        string Ci(NpsTally t) => string.Create(CultureInfo.InvariantCulture, $"{t.ConfidenceInterval().Lower:+0.0;-0.0;0.0} to {t.ConfidenceInterval().Upper:+0.0;-0.0;0.0}");

        string expected =
            "**NPS by Single(team), 2 periods, 2026-05 to 2026-06, Europe/Copenhagen**\n\n" +
            "| Segment | n | NPS | 95% interval | Note |\n" +
            "| --- | ---: | ---: | ---: | --- |\n" +
            $"| Total | 6 | +16.7 | {Ci(cube.Total)} |  |\n" +
            $"| team=a | 5 | +40.0 | {Ci(cube.Tally(SegmentPath.Of("team", "a")))} |  |\n" +
            $"| team=b | 1 | -100.0 | {Ci(cube.Tally(SegmentPath.Of("team", "b")))} | n < 2 |\n" +
            "\nAll periods together. Intervals: adjusted Wald.\n";
        Assert.Equal(expected, cube.ToMarkdown());
    }

    [Fact]
    public void ToMarkdown_TotalOnlyCube_HasOneRow()
    {
        var b = new ResponseTableBuilder();
        b.Add(new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero), 9, []);
        string markdown = NpsCube.FromTable(b.ToTable()).ToMarkdown();

        Assert.Single(markdown.Split('\n'), l => l.StartsWith("| Total |", StringComparison.Ordinal));
        Assert.Equal(3, markdown.Split('\n').Count(l => l.StartsWith('|')));
    }

    [Fact]
    public void ToMarkdownAndToHtml_UnderAnotherCulture_AreTheInvariantText()
    {
        NpsCube cube = Teams();
        string markdown = cube.ToMarkdown(), html = cube.ToHtml();
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            Assert.Equal(markdown, cube.ToMarkdown());
            Assert.Equal(html, Teams().ToHtml());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void ToMarkdownAndToHtml_SegmentValuesFromData_AreEscaped()
    {
        NpsCube cube = Teams("<img src=x onerror=alert(1)>|`x`");

        string html = cube.ToHtml();
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<td>team=&lt;img src=x onerror=alert(1)&gt;|`x`</td>", html, StringComparison.Ordinal);

        string markdown = cube.ToMarkdown();
        Assert.DoesNotContain("<img", markdown, StringComparison.Ordinal);
        Assert.Contains(@"| team=&lt;img src=x onerror=alert(1)>\|\`x\` |", markdown, StringComparison.Ordinal);
        Assert.Single(markdown.Split('\n').Where(l => l.StartsWith('|')).Select(l => Regex.Matches(l, @"(?<!\\)\|").Count).Distinct());
    }

    [Fact]
    public void ToHtml_LevelOutsideZeroToOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Teams().ToHtml(1.5));
}
