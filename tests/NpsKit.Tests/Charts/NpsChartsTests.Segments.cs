using System.Globalization;
using System.Xml.Linq;
using NpsKit.Aggregation;
using NpsKit.Charts;
using static NpsKit.Tests.Charts.ChartData;

namespace NpsKit.Tests.Charts;

public partial class NpsChartsTests
{
    private static readonly (string Label, NpsTally Tally)[] Segments =
    [
        ("R&D <EU>", NpsTally.FromCounts(promoters: 50, passives: 30, detractors: 20)),   // +30
        ("Sales", NpsTally.FromCounts(promoters: 20, passives: 20, detractors: 60)),      // −40
        ("Tiny", NpsTally.FromCounts(promoters: 5, passives: 0, detractors: 1)),           // +66.7, too small
        ("Nobody", NpsTally.Empty),
        ("Ops", NpsTally.FromCounts(promoters: 1, passives: 1, detractors: 1)),            // 0, too small
    ];

    [Fact]
    public void SegmentSvg_EachBar_WidthsProportionalToSharesAndSumToTheFullBar()
    {
        XElement root = Parse(NpsCharts.SegmentSvg(Segments));
        var bars = root.WithClass("g", "segment").Where(g => g.WithClass("rect", "detractors").Any()).ToList();
        Assert.Equal(4, bars.Count);

        double? full = null;
        foreach (XElement bar in bars)
        {
            NpsTally tally = Segments.Single(s => s.Label == (string?)bar.Attribute("data-label")).Tally;
            XElement d = bar.WithClass("rect", "detractors").Single(), q = bar.WithClass("rect", "passives").Single(), p = bar.WithClass("rect", "promoters").Single();
            double total = d.Number("width") + q.Number("width") + p.Number("width");
            full ??= total;
            Assert.Equal(full.Value, total, 0.011);
            Assert.Equal(d.Number("x") + d.Number("width"), q.Number("x"), 0.011);
            Assert.Equal(q.Number("x") + q.Number("width"), p.Number("x"), 0.011);
            Assert.Equal(tally.DetractorShare * total, d.Number("width"), 0.02);
            Assert.Equal(tally.PassiveShare * total, q.Number("width"), 0.02);
            Assert.Equal(tally.PromoterShare * total, p.Number("width"), 0.02);
        }
    }

    [Fact]
    public void SegmentSvg_EachSegment_WritesLabelScoreAndN()
    {
        XElement root = Parse(NpsCharts.SegmentSvg(Segments));
        var groups = root.WithClass("g", "segment").ToList();

        Assert.Equal(Segments.Select(s => s.Label), groups.Select(g => (string?)g.Attribute("data-label")));
        Assert.Equal(["+30.0", "\u221240.0", "+66.7", "\u2013", "0.0"], groups.Select(g => g.WithClass("text", "score").Single().Value));
        Assert.Equal(["n = 100", "n = 100", "n = 6, too small", "n = 0", "n = 3, too small"], groups.Select(g => g.WithClass("text", "n-label").Single().Value));
        Assert.Equal(Segments.Select(s => s.Label), groups.Select(g => g.WithClass("text", "segment-label").Single().Value));
        Assert.Contains("no answers", groups[3].Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void SegmentSvg_TooSmallSegments_AreMarkedAndFaded()
    {
        XElement root = Parse(NpsCharts.SegmentSvg(Segments, new SegmentChartOptions { MinimumCount = 10 }));

        var small = root.WithClass("g", "too-small").ToList();
        Assert.Equal(["Tiny", "Ops"], small.Select(g => (string?)g.Attribute("data-label")));
        Assert.All(small.SelectMany(g => g.Elements(Svg + "rect")), r => Assert.Equal("0.45", (string?)r.Attribute("fill-opacity")));
        Assert.Single(root.WithClass("g", "empty"));
        Assert.Contains(root.WithClass("g", "legend").Descendants(Svg + "text"), t => t.Value.StartsWith("faded: n < 10", StringComparison.Ordinal));

        XElement none = Parse(NpsCharts.SegmentSvg(Segments, new SegmentChartOptions { MinimumCount = 0 }));
        Assert.Empty(none.WithClass("g", "too-small"));
    }

    [Fact]
    public void SegmentSvg_ByScore_HighestFirstTiesInGivenOrderEmptyLast()
    {
        (string, NpsTally)[] input = [.. Segments, ("Tied with Ops", NpsTally.FromCounts(2, 0, 2))];
        XElement root = Parse(NpsCharts.SegmentSvg(input, new SegmentChartOptions { Order = SegmentOrder.ByScore }));

        Assert.Equal(
            ["Tiny", "R&D <EU>", "Ops", "Tied with Ops", "Sales", "Nobody"],
            root.WithClass("g", "segment").Select(g => (string?)g.Attribute("data-label")));
    }

    [Fact]
    public void SegmentSvg_MarkupAndControlCharactersInLabels_StayValidXml()
    {
        (string, NpsTally)[] input = [("A&B <C> \"d\" 'e'", NpsTally.FromCounts(1, 1, 1)), ("bell\u0007", NpsTally.FromCounts(1, 0, 0)), ("emoji \U0001F600", NpsTally.FromCounts(0, 0, 1))];
        string svg = NpsCharts.SegmentSvg(input);
        XElement root = Parse(svg);

        Assert.Contains("A&amp;B &lt;C&gt;", svg, StringComparison.Ordinal);
        Assert.Equal(["A&B <C> \"d\" 'e'", "bell\uFFFD", "emoji \U0001F600"], root.WithClass("g", "segment").Select(g => (string?)g.Attribute("data-label")));
    }

    [Fact]
    public void SegmentSvg_LongLabel_IsShortenedWithTheFullLabelInTheTitle()
    {
        string label = new('x', 200);
        XElement root = Parse(NpsCharts.SegmentSvg([(label, NpsTally.FromCounts(1, 1, 1))]));
        XElement group = root.WithClass("g", "segment").Single();

        string shown = group.WithClass("text", "segment-label").Single().Value;
        Assert.EndsWith("\u2026", shown, StringComparison.Ordinal);
        Assert.True(shown.Length < 40);
        Assert.StartsWith(label, group.Element(Svg + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentSvg_FromCube_DrawsEachSegmentInOnePeriodOrOverAll()
    {
        NpsCube cube = SixMonths();
        ReportingPeriod april = ReportingPeriod.Containing(new DateOnly(2026, 4, 1), PeriodUnit.Month);

        XElement all = Parse(NpsCharts.SegmentSvg(cube));
        XElement inApril = Parse(NpsCharts.SegmentSvg(cube, april));

        Assert.Equal(["R&D <EU>", "Sales"], all.WithClass("g", "segment").Select(g => (string?)g.Attribute("data-label")));
        Assert.Equal(
            cube.Segments.Select(s => cube.Tally(s).Count.ToString(CultureInfo.InvariantCulture)),
            all.WithClass("g", "segment").Select(g => (string?)g.Attribute("data-n")));
        Assert.Equal(
            cube.Segments.Select(s => cube.Tally(april, s).Count.ToString(CultureInfo.InvariantCulture)),
            inApril.WithClass("g", "segment").Select(g => (string?)g.Attribute("data-n")));
        Assert.Equal(["R&D <EU>"], inApril.WithClass("g", "too-small").Select(g => (string?)g.Attribute("data-label")));   // 17 and 33 answers; minimum 30
        Assert.Equal(
            NpsCharts.SegmentSvg(cube.Segments.Select(s => (s.ValueAt(0), cube.Tally(april, s))), new SegmentChartOptions { MinimumCount = 30 }),
            NpsCharts.SegmentSvg(cube, april));
    }

    [Fact]
    public void SegmentSvg_SameInput_SameBytesInEveryCulture()
    {
        var options = new SegmentChartOptions { Title = "By team", Subtitle = "all", Order = SegmentOrder.ByScore };
        string first = ChartData.InCulture("en-US", () => NpsCharts.SegmentSvg(Segments, options));

        Assert.Equal(first, NpsCharts.SegmentSvg(Segments, options));
        Assert.Equal(first, ChartData.InCulture("da-DK", () => NpsCharts.SegmentSvg(Segments, options)));
        Assert.Equal(first, ChartData.InCulture("fa-IR", () => NpsCharts.SegmentSvg(Segments, options)));
    }

    [Fact]
    public void SegmentSvg_Always_HasAccessibleNameAndDescription()
    {
        XElement root = Parse(NpsCharts.SegmentSvg(Segments, new SegmentChartOptions { IdPrefix = "seg-2" }));

        Assert.Equal("seg-2-title seg-2-desc", (string?)root.Attribute("aria-labelledby"));
        Assert.Equal("NPS by segment", root.Element(Svg + "title")!.Value);
        string desc = root.Element(Svg + "desc")!.Value;
        Assert.Contains("Highest: R&D <EU>, NPS +30.0", desc, StringComparison.Ordinal);
        Assert.Contains("Lowest: Sales, NPS \u221240.0", desc, StringComparison.Ordinal);
        Assert.Contains("2 segments have fewer than 30 answers", desc, StringComparison.Ordinal);
        Assert.All(root.WithClass("g", "segment"), g => Assert.NotNull(g.Element(Svg + "title")));
    }

    [Fact]
    public void SegmentSvg_NoSegments_DrawsAnEmptyChart()
    {
        XElement root = Parse(NpsCharts.SegmentSvg([]));

        Assert.Empty(root.WithClass("g", "segment"));
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "no segments");
    }

    [Fact]
    public void SegmentSvg_BadArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("segments", () => NpsCharts.SegmentSvg((IEnumerable<(string, NpsTally)>)null!));
        Assert.Throws<ArgumentNullException>("cube", () => NpsCharts.SegmentSvg((NpsCube)null!));
        Assert.Throws<ArgumentNullException>("segments", () => NpsCharts.SegmentSvg([(null!, NpsTally.Empty)]));
        Assert.Throws<InvalidOptionsException>(() => NpsCharts.SegmentSvg(Segments, new SegmentChartOptions { RowHeight = 2 }));
    }

    [Fact]
    public void SegmentSvg_NarrowChart_DropsTheRemarkButKeepsTheFadedBar()
    {
        XElement root = Parse(NpsCharts.SegmentSvg(Segments, new SegmentChartOptions { Width = 320 }));
        XElement tiny = root.WithClass("g", "too-small").First();

        Assert.Equal("n = 6", tiny.WithClass("text", "n-label").Single().Value);
        Assert.All(tiny.Elements(Svg + "rect"), r => Assert.Equal("0.45", (string?)r.Attribute("fill-opacity")));
        Assert.All(root.Descendants(Svg + "rect").Where(r => r.Attribute("class") is not null), r => Assert.True(r.Number("x") + r.Number("width") <= 320));
    }
}
