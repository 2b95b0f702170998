using System.Globalization;
using System.Xml.Linq;
using NpsKit.Aggregation;
using NpsKit.Charts;
using static NpsKit.Tests.Charts.ChartData;

namespace NpsKit.Tests.Charts;

public partial class NpsChartsTests
{
    [Fact]
    public void TrendSvg_Always_IsSvgWithTitleDescAndAriaLabels()
    {
        XElement root = Parse(NpsCharts.TrendSvg(SixMonths().Series(), new TrendChartOptions { Title = "Monthly NPS", IdPrefix = "c1" }));

        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Equal("c1-title c1-desc", (string?)root.Attribute("aria-labelledby"));
        XElement title = root.Element(Svg + "title")!;
        XElement desc = root.Element(Svg + "desc")!;
        Assert.Equal("c1-title", (string?)title.Attribute("id"));
        Assert.Equal("Monthly NPS", title.Value);
        Assert.Equal("c1-desc", (string?)desc.Attribute("id"));
        Assert.Contains("6 periods from 2026-01 to 2026-06", desc.Value, StringComparison.Ordinal);
        Assert.Contains("2 periods have fewer than 30 answers", desc.Value, StringComparison.Ordinal);
        Assert.Contains("1 period has no answers", desc.Value, StringComparison.Ordinal);
        Assert.Equal(720, root.Number("width"));
        Assert.Equal("0 0 720 360", (string?)root.Attribute("viewBox"));
    }

    [Fact]
    public void TrendSvg_EmptyPeriods_OnePointPerPeriodWithAnswers()
    {
        NpsSeries series = SixMonths().Series();
        XElement root = Parse(NpsCharts.TrendSvg(series));

        var points = root.WithClass("circle", "point").ToList();
        string[] expected = [.. series.Points.Where(p => p.Tally.HasScore).Select(p => p.Period.ToString())];
        Assert.Equal(expected, points.Select(p => (string?)p.Attribute("data-period")));
        Assert.Equal(["60", "12", "50", "40", "3"], points.Select(p => (string?)p.Attribute("data-n")));
    }

    [Fact]
    public void TrendSvg_TooSmallPeriods_AreExactlyTheHollowPoints()
    {
        NpsSeries series = SixMonths().Series();
        XElement root = Parse(NpsCharts.TrendSvg(series));

        var hollow = root.WithClass("circle", "too-small").ToList();
        Assert.Equal(["2026-02", "2026-06"], hollow.Select(p => (string?)p.Attribute("data-period")));
        Assert.All(hollow, p => Assert.Equal("#ffffff", (string?)p.Attribute("fill")));
        Assert.All(root.WithClass("circle", "point").Except(hollow), p => Assert.NotEqual("#ffffff", (string?)p.Attribute("fill")));
        Assert.Contains(root.WithClass("g", "legend").Descendants(Svg + "text"), t => t.Value.StartsWith("n < 30", StringComparison.Ordinal));
    }

    [Fact]
    public void TrendSvg_NoTooSmallPeriod_LegendHasNoHollowEntry()
    {
        XElement root = Parse(NpsCharts.TrendSvg(ThreeYears().Series()));

        Assert.Empty(root.WithClass("circle", "too-small"));
        Assert.DoesNotContain(root.WithClass("g", "legend").Descendants(Svg + "text"), t => t.Value.StartsWith("n <", StringComparison.Ordinal));
    }

    [Fact]
    public void TrendSvg_EmptyPeriod_BreaksLineAndBandInsteadOfDrawingZero()
    {
        XElement root = Parse(NpsCharts.TrendSvg(SixMonths().Series()));
        var points = root.WithClass("circle", "point").ToList();
        double slot = points[1].Number("cx") - points[0].Number("cx");
        double marchX = points[1].Number("cx") + slot;

        var lines = root.WithClass("polyline", "line").Select(l => l.PointList()).ToList();
        Assert.Equal(2, lines.Count);                      // Jan–Feb, then Apr–Jun
        Assert.Equal(2, lines[0].Count);
        Assert.Equal(3, lines[1].Count);
        Assert.True(lines[0][^1].X < marchX && lines[1][0].X > marchX);
        Assert.Equal(2, root.WithClass("polygon", "band").Count());
        Assert.All(root.WithClass("polygon", "band").SelectMany(b => b.PointList()), v => Assert.True(Math.Abs(v.X - marchX) > slot / 2));
        Assert.Contains(root.WithClass("text", "n-label"), t => t.Value == "0");
    }

    [Fact]
    public void TrendSvg_Band_SpansEachPeriodsIntervalAroundItsPoint()
    {
        NpsSeries series = ThreeYears().Series();
        XElement root = Parse(NpsCharts.TrendSvg(series, new TrendChartOptions { Level = 0.9, IntervalMethod = NpsIntervalMethod.Wald }));
        var points = root.WithClass("circle", "point").ToList();
        NpsCell[] cells = [.. series.Points];

        // The y scale from two points: y = a + b * nps.
        int i0 = Array.FindIndex(cells, c => c.Tally.Score == cells.Min(x => x.Tally.Score));
        int i1 = Array.FindIndex(cells, c => c.Tally.Score == cells.Max(x => x.Tally.Score));
        double b = (points[i1].Number("cy") - points[i0].Number("cy")) / (cells[i1].Tally.Score - cells[i0].Tally.Score);
        double a = points[i0].Number("cy") - (b * cells[i0].Tally.Score);
        Assert.True(b < 0, "higher NPS is drawn higher (smaller y)");

        List<(double X, double Y)> band = Assert.Single(root.WithClass("polygon", "band")).PointList();
        for (int i = 0; i < cells.Length; i++)
        {
            NpsInterval ci = cells[i].Tally.ConfidenceInterval(0.9, NpsIntervalMethod.Wald);
            double x = points[i].Number("cx"), y = points[i].Number("cy");
            var atX = band.Where(v => Math.Abs(v.X - x) < 0.01).Select(v => v.Y).ToList();
            Assert.Equal(2, atX.Count);
            double top = atX.Min(), bottom = atX.Max();
            Assert.InRange(y, top, bottom);                                   // Wald contains its estimate
            Assert.Equal(a + (b * ci.Upper), top, 0.05);
            Assert.Equal(a + (b * ci.Lower), bottom, 0.05);
        }
    }

    [Fact]
    public void TrendSvg_ZoomedScale_GridCoversEveryBand()
    {
        XElement root = Parse(NpsCharts.TrendSvg(SixMonths().Series()));
        double[] grid = [.. root.Descendants(Svg + "line").Where(l => (string?)l.Attribute("class") is "grid" or "zero-line").Select(l => l.Number("y1"))];

        Assert.All(root.WithClass("polygon", "band").SelectMany(p => p.PointList()), v => Assert.InRange(v.Y, grid.Min(), grid.Max()));
        Assert.All(root.WithClass("circle", "point"), p => Assert.InRange(p.Number("cy"), grid.Min(), grid.Max()));
    }

    [Fact]
    public void TrendSvg_FullScale_TicksFromMinus100To100WithZeroLine()
    {
        XElement root = Parse(NpsCharts.TrendSvg(ThreeYears().Series(), new TrendChartOptions { Scale = TrendScale.Full }));
        string[] ticks = [.. root.WithClass("g", "y-axis").Elements(Svg + "text").Select(t => t.Value)];

        Assert.Equal("\u2212100", ticks[0]);
        Assert.Equal("+100", ticks[^1]);
        Assert.Contains("0", ticks);
        Assert.Single(root.WithClass("line", "zero-line"));
    }

    [Fact]
    public void TrendSvg_ManyPeriods_ThinsLabelsWithoutOverlapAndKeepsTheLatest()
    {
        NpsSeries series = ThreeYears().Series();
        XElement root = Parse(NpsCharts.TrendSvg(series));
        var labels = root.WithClass("text", "period-label").ToList();

        Assert.InRange(labels.Count, 2, 35);
        Assert.Equal("2026-12", labels[^1].Value);
        for (int i = 1; i < labels.Count; i++)
        {
            Assert.True(labels[i].Number("x") - labels[i - 1].Number("x") >= 7 * 11 * 0.6, "period labels overlap");
        }

        Assert.All(root.WithClass("text", "n-label"), t => Assert.Equal("100", t.Value));
    }

    [Fact]
    public void TrendSvg_SameInput_SameBytesInEveryCulture()
    {
        NpsSeries series = SixMonths().Series();
        var options = new TrendChartOptions { Title = "T", Subtitle = "S", Level = 0.9 };
        string invariant = ChartData.InCulture("en-US", () => NpsCharts.TrendSvg(series, options));

        Assert.Equal(invariant, NpsCharts.TrendSvg(SixMonths().Series(), options));
        Assert.Equal(invariant, ChartData.InCulture("da-DK", () => NpsCharts.TrendSvg(series, options)));
        Assert.Equal(invariant, ChartData.InCulture("ar-SA", () => NpsCharts.TrendSvg(series, options)));
        Assert.DoesNotContain("\r", invariant, StringComparison.Ordinal);
        Assert.EndsWith("</svg>\n", invariant, StringComparison.Ordinal);
    }

    [Fact]
    public void TrendSvg_MarkupInTitles_IsEscaped()
    {
        var options = new TrendChartOptions { Title = "R&D <EU> \"best\"", Subtitle = "a < b & c\u0001" };
        string svg = NpsCharts.TrendSvg(SixMonths().Series(), options);
        XElement root = Parse(svg);

        Assert.Contains("R&amp;D &lt;EU&gt;", svg, StringComparison.Ordinal);
        Assert.Equal("R&D <EU> \"best\"", root.Element(Svg + "title")!.Value);
        Assert.Equal("a < b & c\uFFFD", root.WithClass("text", "subtitle").Single().Value);
    }

    [Fact]
    public void WriteTrendSvg_WritesWhatTrendSvgReturns()
    {
        NpsSeries series = SixMonths().Series(SegmentPath.Of("team", "R&D <EU>"));
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        NpsCharts.WriteTrendSvg(writer, series);

        Assert.Equal(NpsCharts.TrendSvg(series), writer.ToString());
        Assert.Contains("for R&amp;D &lt;EU&gt;", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TrendSvg_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("series", () => NpsCharts.TrendSvg(null!));
        Assert.Throws<ArgumentNullException>("output", () => NpsCharts.WriteTrendSvg(null!, SixMonths().Series()));
    }

    [Fact]
    public void TrendSvg_InvalidOptions_ThrowsBeforeWriting()
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var e = Assert.Throws<InvalidOptionsException>(() => NpsCharts.WriteTrendSvg(writer, SixMonths().Series(), new TrendChartOptions { Width = 10 }));

        Assert.Contains("Width is 10", e.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, writer.ToString());
    }

    [Fact]
    public void TrendSvg_ScaleMinimumAndMaximum_TwoSeriesShareOneAxis()
    {
        NpsCube cube = SixMonths();
        var options = new TrendChartOptions { ScaleMinimum = -60, ScaleMaximum = 70 };
        string[] Ticks(SegmentPath segment) =>
            [.. Parse(NpsCharts.TrendSvg(cube.Series(segment), options)).WithClass("g", "y-axis").Elements(Svg + "text").Select(t => t.Value)];

        string[] first = Ticks(SegmentPath.Of("team", "R&D <EU>"));
        Assert.Equal(first, Ticks(SegmentPath.Of("team", "Sales")));
        string[] narrow = [.. Parse(NpsCharts.TrendSvg(ThreeYears().Series(), options)).WithClass("g", "y-axis").Elements(Svg + "text").Select(t => t.Value)];
        Assert.Equal(["\u221275", "\u221250", "\u221225", "0", "+25", "+50", "+75", "+100"], narrow);   // −60..70 padded 5%, steps of 25
    }

    [Fact]
    public void TrendSvg_ScaleMinimumAboveTheData_AxisStillCoversEveryBand()
    {
        XElement root = Parse(NpsCharts.TrendSvg(SixMonths().Series(), new TrendChartOptions { ScaleMinimum = 90 }));
        double[] grid = [.. root.Descendants(Svg + "line").Where(l => (string?)l.Attribute("class") is "grid" or "zero-line").Select(l => l.Number("y1"))];

        Assert.All(root.WithClass("polygon", "band").SelectMany(p => p.PointList()), v => Assert.InRange(v.Y, grid.Min(), grid.Max()));
    }

    [Fact]
    public void TrendSvg_NarrowChart_ShortensTheTitleAndKeepsLabelsInside()
    {
        string title = "A title far too long for a chart only three hundred and twenty pixels wide";
        XElement root = Parse(NpsCharts.TrendSvg(ThreeYears().Series(), new TrendChartOptions { Width = 320, Height = 240, Title = title }));

        Assert.Equal(title, root.Element(Svg + "title")!.Value);
        string shown = root.WithClass("text", "title").Single().Value;
        Assert.EndsWith("\u2026", shown, StringComparison.Ordinal);
        Assert.True(shown.Length * 16 * 0.6 <= 320, shown);
        XElement last = root.WithClass("text", "period-label").Last();
        Assert.Equal("end", (string?)last.Attribute("text-anchor"));
        Assert.True(last.Number("x") <= 320);
        var ticks = root.WithClass("g", "y-axis").Elements(Svg + "line").Select(l => l.Number("y1")).Order().ToList();
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 22, "grid lines closer than 22 px"));
    }
}
