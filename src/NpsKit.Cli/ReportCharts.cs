using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NpsKit.Aggregation;
using NpsKit.Charts;

namespace NpsKit.Cli;

/// <summary>What a chart or HTML report says about how it was made: the input and the settings.</summary>
/// <param name="Source">The input file as the user named it.</param>
/// <param name="TimeZone">The IANA zone periods were cut in.</param>
/// <param name="Segments">The segment columns, in order; empty for the total only.</param>
internal sealed record ReportSettings(string Source, string TimeZone, IReadOnlyList<string> Segments)
{
    /// <summary>Gets the "What moved it" section (<see cref="WhyItMoved.Html"/>), or <see langword="null"/> when the file has no comments or ratings.</summary>
    public string? WhatMovedIt { get; init; }

    /// <summary>Gets a value indicating whether the file has no time column: the cube's one period is a placeholder, so
    /// no trend, heat map or period is drawn, only the segments' totals.</summary>
    public bool IsUndated { get; init; }
}

/// <summary>
/// <c>nps report --format svg|html</c>: the charts of <see cref="NpsCharts"/> for a report's cube, and one self-contained
/// HTML page (inline CSS and SVG, no scripts, no external requests) with the settings, the charts and the table.
/// </summary>
/// <remarks>
/// Without <c>--by</c> the SVG is the trend of the total. With <c>--by</c> it is one SVG holding two charts:
/// the segment bars over all periods of the file (totals are steadier than the latest, often partial, period), then the
/// trend of the total. The HTML page adds a trend per segment when there are at most <see cref="MaxSegmentTrends"/>.
/// </remarks>
internal static class ReportCharts
{
    /// <summary>The most segments the HTML report draws a trend chart for (a cross-tab can have hundreds).</summary>
    public const int MaxSegmentTrends = 12;

    private const int Width = 760;

    /// <summary>The width of the charts shown on narrow screens (a phone is 320–430 px wide), so their text stays at
    /// its own size instead of being scaled down to a few pixels.</summary>
    private const int NarrowWidth = 340;

    /// <summary>Writes the SVG for <c>--format svg</c>.</summary>
    public static void WriteSvg(TextWriter output, NpsCube cube, Report report, ReportSettings settings)
    {
        if (settings.IsUndated)
        {
            // No time column: no trend to draw, only the segments' totals.
            output.Write(NpsCharts.SegmentSvg(cube, null, SegmentOptions(cube, report, settings, Width, "segments")));
            return;
        }

        string trend = NpsCharts.TrendSvg(cube.Series(), TrendOptions(cube, report, settings, SegmentPath.Total, "nps-trend"));
        if (!report.IsSegmented)
        {
            output.Write(trend);
            return;
        }

        string bars = NpsCharts.SegmentSvg(cube, null, SegmentOptions(cube, report, settings, Width, "segments"));
        XNamespace svg = "http://www.w3.org/2000/svg";
        XElement top = XElement.Parse(bars), bottom = XElement.Parse(trend);
        double topHeight = Height(top);
        bottom.SetAttributeValue("y", topHeight.ToString("0.##", CultureInfo.InvariantCulture));
        double total = topHeight + Height(bottom);
        string size = total.ToString("0.##", CultureInfo.InvariantCulture);
        var root = new XElement(
            svg + "svg",
            new XAttribute("width", Width.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("height", size),
            new XAttribute("viewBox", $"0 0 {Width.ToString(CultureInfo.InvariantCulture)} {size}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-label", $"NPS by {string.Join(" / ", settings.Segments)} and NPS by {Unit(report.Unit)}: {Path.GetFileName(settings.Source)}"),
            new XElement(svg + "title", $"NPS by {string.Join(" / ", settings.Segments)} and by {Unit(report.Unit)}"),
            top,
            bottom);
        using var xml = XmlWriter.Create(output, new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            OmitXmlDeclaration = true,
            CloseOutput = false,
        });
        root.Save(xml);
        xml.Flush();
        output.Write('\n');
    }

    /// <summary>Writes the self-contained HTML report for <c>--format html</c>.</summary>
    public static void WriteHtml(TextWriter output, NpsCube cube, Report report, ReportSettings settings)
    {
        string file = Path.GetFileName(settings.Source);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>NPS report: ").Append(E(file)).Append("</title>\n")
            .Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>NPS report: ").Append(E(file)).Append("</h1>\n");

        if (settings.IsUndated)
        {
            html.Append("<p class=\"note\">").Append(E(file))
                .Append(" has no time column: these are the totals of all its answers, per segment (name one with --time-column to report by period).</p>\n");
        }

        ReportHeadline? headline = settings.IsUndated ? null : ReportHeadline.From(cube, report);
        if (headline is not null)
        {
            ReportManagerSections.Headline(html, headline, report);
            ReportManagerSections.Distribution(html, headline, report.IsWeighted);
        }

        if (!settings.IsUndated)
        {
            ReportManagerSections.SignificantChanges(html, report);
            html.Append("<h2>Trend</h2>\n");
            Figure(html, cube, report, settings, SegmentPath.Total, "trend-total", null);
        }

        if (report.IsSegmented)
        {
            if (!settings.IsUndated)
            {
                ReportManagerSections.HeatMap(html, report, [.. cube.Periods.Select(p => p.ToString())]);
            }

            html.Append("<h2>Segments</h2>\n");
            html.Append("<figure>\n<div class=\"wide\">").Append(NpsCharts.SegmentSvg(cube, null, SegmentOptions(cube, report, settings, Width, "segments")))
                .Append("</div>\n<div class=\"narrow\">").Append(NpsCharts.SegmentSvg(cube, null, SegmentOptions(cube, report, settings, NarrowWidth, "segments-narrow")))
                .Append("</div>\n</figure>\n");

            // Without a time column there is one period: the bars above and the table below are the whole story.
            if (!settings.IsUndated && cube.Segments.Count <= MaxSegmentTrends)
            {
                html.Append("<h2>Trend by segment</h2>\n<p class=\"note\">One scale for all segments, so they compare by eye.</p>\n");
                (double low, double high) range = SharedRange(cube, report.Level, report.IntervalMethod);
                for (int i = 0; i < cube.Segments.Count; i++)
                {
                    Figure(html, cube, report, settings, cube.Segments[i], "trend-" + (i + 1).ToString(CultureInfo.InvariantCulture), range);
                }
            }
            else if (!settings.IsUndated)
            {
                html.Append("<p class=\"note\">").Append(cube.Segments.Count)
                    .Append(" segments: too many for a trend chart each; the heat map and the table have every segment and period.</p>\n");
            }
        }

        html.Append(settings.WhatMovedIt);
        NpsTally total = cube.Total;
        html.Append("<h2>How this report was made</h2>\n<dl class=\"settings\">\n");
        Setting(html, "File", settings.Source);
        Setting(html, "Answers", total.Count.ToString("N0", CultureInfo.InvariantCulture)
            + (cube.Periods.Count > 0 && !settings.IsUndated ? $", {cube.Periods[0]} to {cube.Periods[^1]}" : string.Empty));
        Setting(html, "Period", settings.IsUndated ? "none: the file has no time column (one total)" : Unit(report.Unit));
        Setting(html, "Time zone", settings.TimeZone);
        Setting(html, "Segments", settings.Segments.Count == 0 ? "none (total only)" : string.Join(" × ", settings.Segments));
        Setting(html, "Confidence level", Words.LevelLabel(report.Level) + $" ({Words.IntervalMethodLabel(report.IntervalMethod)} intervals)");
        Setting(html, "Multiple comparisons", ReportMultipleComparisons.Describe(report));
        Setting(html, "Minimum n", report.MinimumCount.ToString("N0", CultureInfo.InvariantCulture) + " (smaller cells are flagged too small: hollow points, faded bars)");
        if (total.HasScore)
        {
            NpsInterval ci = total.ConfidenceInterval(report.Level, report.IntervalMethod);
            Setting(html, "Overall NPS", $"{Words.Signed(total.Score)} {Words.Interval(ci, signed: true)}");
        }

        html.Append("</dl>\n");

        html.Append("<h2>Table</h2>\n");
        Table(html, report);
        html.Append("<p class=\"note\">Made by <code>nps report</code> (NpsKit). Intervals: ")
            .Append(WebUtility.HtmlEncode(Words.IntervalMethodLabel(report.IntervalMethod)))
            .Append(" (docs/statistics.md gives each method's measured coverage). Change: difference from the previous period of the same ")
            .Append("segment, with the two-sided p-value of the two-sample test.</p>\n")
            .Append("</main>\n</body>\n</html>\n");
        output.Write(html.ToString());
    }

    private const string Css = """
        *, *::before, *::after { box-sizing: border-box; }
        body { margin: 0; background: #f6f7f9; color: #222; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
        main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 40px; background: #fff; }
        h1 { font-size: 1.6em; margin: 0 0 12px; overflow-wrap: anywhere; }
        h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 1px solid #e3e3e3; padding-bottom: 4px; }
        .headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; margin: 8px 0; }
        .card { border: 1px solid #dfe3e8; border-radius: 6px; padding: 10px 14px; }
        .card p { margin: 2px 0; }
        .card.main { background: #f3f7fb; }
        .card .label { color: #555; font-size: 13px; }
        .card .big { font-size: 2.2em; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
        .sig { color: #064b7a; }
        .ns { color: #555; font-weight: 400; }
        .up { color: #005a8e; }
        .down { color: #9a3412; }
        .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        dl.settings { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 16px; margin: 0; }
        dl.settings dt { color: #555; }
        dl.settings dd { margin: 0; overflow-wrap: anywhere; }
        figure { margin: 12px 0; }
        figure svg { max-width: 100%; height: auto; display: block; }
        figure.distribution svg { width: 100%; max-width: 520px; }
        svg.distribution .detractor { fill: #c2410c; }
        svg.distribution .passive { fill: #b5b5b5; }
        svg.distribution .promoter { fill: #0072b2; }
        .narrow { display: none; }
        .print-only { display: none; }
        ul.changes { padding-left: 1.2em; }
        .table-wrap { overflow-x: auto; max-width: 100%; position: relative; }
        table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
        th, td { padding: 3px 8px; border-bottom: 1px solid #e3e3e3; white-space: nowrap; }
        th { text-align: left; background: #f0f2f5; position: sticky; top: 0; }
        td.num, th.num { text-align: right; }
        table.heat td { min-width: 3.2em; border: 1px solid #fff; }
        table.heat tbody th { position: sticky; left: 0; z-index: 1; }
        table.heat td.too-small { font-style: italic; color: #555; }
        table.heat td.sig { font-weight: 700; outline: 2px solid #333; outline-offset: -2px; }
        tr.too-small td { color: #6b6b6b; font-style: italic; }
        tr.total td, tr.total th { font-weight: 600; }
        tr.significant td { background: #fff8d6; }
        .note { color: #555; font-size: 13px; }
        @media (max-width: 600px) {
          main { padding: 14px 10px 28px; }
          h1 { font-size: 1.3em; }
          .wide { display: none; }
          .narrow { display: block; }
          th, td { padding: 3px 5px; }
        }
        @media print {
          @page { margin: 12mm; }
          body { background: #fff; font-size: 11pt; }
          main { max-width: none; padding: 0; }
          .wide { display: block; }
          .narrow { display: none; }
          .screen-only { display: none; }
          .print-only { display: block; }
          .print-only table + table { margin-top: 10px; }
          table.heat td { min-width: 2.6em; }
          .table-wrap { overflow: visible; }
          th { position: static; }
          table.heat tbody th { position: static; }
          table { font-size: 8pt; }
          th, td { white-space: normal; padding: 2px 3px; }
          .headline, figure, tr { break-inside: avoid; }
          h2 { break-after: avoid; }
          td, .card, rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """;

    private static TrendChartOptions TrendOptions(NpsCube cube, Report report, ReportSettings settings, SegmentPath segment, string id, int width = Width) => new()
    {
        Width = width,
        Height = width < Width ? 300 : 380,
        Title = segment.IsTotal ? $"NPS by {Unit(report.Unit)}" : $"NPS by {Unit(report.Unit)}: {Report.Label(segment)}",
        Subtitle = width < Width
            ? $"{(segment.IsTotal ? "all answers" : segment.ToString())} · n = {cube.Tally(segment).Count.ToString("N0", CultureInfo.InvariantCulture)}"
            : $"{Path.GetFileName(settings.Source)} · {(segment.IsTotal ? "all answers" : segment.ToString())} · n = {cube.Tally(segment).Count.ToString("N0", CultureInfo.InvariantCulture)} · {settings.TimeZone}",
        Level = report.Level,
        IntervalMethod = report.IntervalMethod,
        IdPrefix = id,
    };

    private static SegmentChartOptions SegmentOptions(NpsCube cube, Report report, ReportSettings settings, int width, string id) => new()
    {
        Width = width,
        Title = $"NPS by {string.Join(" / ", settings.Segments)}",
        Subtitle = width < Width
            ? "all periods · highest NPS first"
            : settings.IsUndated
            ? $"{Path.GetFileName(settings.Source)} · all answers (no time column) · highest NPS first"
            : $"{Path.GetFileName(settings.Source)} · all periods" + (cube.Periods.Count > 0 ? $", {cube.Periods[0]} to {cube.Periods[^1]}" : string.Empty) + " · highest NPS first",
        Order = SegmentOrder.ByScore,
        MinimumCount = report.MinimumCount,
        IdPrefix = id,
    };

    /// <summary>The lowest and highest score or interval bound over every segment's periods, so the segments' trend
    /// charts share one y axis.</summary>
    private static (double Low, double High) SharedRange(NpsCube cube, double level, NpsIntervalMethod method)
    {
        double low = 100, high = -100;
        foreach (SegmentPath segment in cube.Segments)
        {
            foreach (NpsCell cell in cube.Series(segment).Points)
            {
                if (cell.Tally.HasScore)
                {
                    NpsInterval ci = cell.Tally.ConfidenceInterval(level, method);
                    low = Math.Min(low, Math.Min(ci.Lower, cell.Tally.Score));
                    high = Math.Max(high, Math.Max(ci.Upper, cell.Tally.Score));
                }
            }
        }

        return low < high ? (low, high) : (-100, 100);
    }

    private static double Height(XElement svg) =>
        double.Parse((string?)svg.Attribute("height") ?? "0", CultureInfo.InvariantCulture);

    /// <summary>The unit's name in a sentence: "month", "ISO week"…</summary>
    internal static string Unit(PeriodUnit unit) => unit switch
    {
        PeriodUnit.Day => "day",
        PeriodUnit.IsoWeek => "ISO week",
        PeriodUnit.Month => "month",
        PeriodUnit.Quarter => "quarter",
        PeriodUnit.Year => "year",
        PeriodUnit.FiscalQuarter => "fiscal quarter",
        _ => "fiscal year",
    };

    private static void Setting(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    /// <summary>A trend chart twice: at full width for wide screens and print, and narrow for phones (CSS shows one).</summary>
    private static void Figure(StringBuilder html, NpsCube cube, Report report, ReportSettings settings, SegmentPath segment, string id, (double Low, double High)? range)
    {
        NpsSeries series = cube.Series(segment);
        TrendChartOptions Options(int width, string prefix) => TrendOptions(cube, report, settings, segment, prefix, width) with
        {
            ScaleMinimum = range?.Low,
            ScaleMaximum = range?.High,
        };

        html.Append("<figure>\n<div class=\"wide\">").Append(NpsCharts.TrendSvg(series, Options(Width, id)))
            .Append("</div>\n<div class=\"narrow\">").Append(NpsCharts.TrendSvg(series, Options(NarrowWidth, id + "-narrow")))
            .Append("</div>\n</figure>\n");
    }

    private static void Table(StringBuilder html, Report report)
    {
        List<string> headers = ReportWriter.Headers(report);
        List<string[]> rows = ReportWriter.TextCells(report);
        int textColumns = report.IsSegmented ? 2 : 1;
        html.Append("<div class=\"table-wrap\">\n<table>\n<thead>\n<tr>");
        for (int i = 0; i < headers.Count; i++)
        {
            html.Append(Numeric(i, textColumns, headers.Count) ? "<th class=\"num\" scope=\"col\">" : "<th scope=\"col\">").Append(E(headers[i])).Append("</th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        for (int r = 0; r < rows.Count; r++)
        {
            ReportRow row = report.Rows[r];
            string cssClass = (row.IsTooSmall ? "too-small " : string.Empty) + (report.IsSegmented && row.Segment == "(all)" ? "total " : string.Empty)
                + (ReportMultipleComparisons.IsSignificant(row, report.Level) ? "significant" : string.Empty);
            html.Append(cssClass.Length > 0 ? $"<tr class=\"{cssClass.Trim()}\">" : "<tr>");
            for (int i = 0; i < rows[r].Length; i++)
            {
                html.Append(Numeric(i, textColumns, headers.Count) ? "<td class=\"num\">" : "<td>").Append(E(rows[r][i])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</div>\n");
    }

    private static bool Numeric(int column, int textColumns, int count) => column >= textColumns && column < count - 1;

    /// <summary>Escapes text for HTML content and attribute values.</summary>
    private static string E(string text) => WebUtility.HtmlEncode(text);
}
