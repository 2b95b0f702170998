using System.Globalization;
using System.Text;

namespace NpsKit.Charts.Internal;

/// <summary>Draws stacked detractor / passive / promoter bars; see <see cref="NpsCharts.SegmentSvg(IEnumerable{ValueTuple{string, NpsTally}}, SegmentChartOptions?)"/>.</summary>
internal static class SegmentChart
{
    // Okabe & Ito's colour-blind-safe vermillion and blue, darkened so white labels keep a contrast of 5:1 (WCAG AA),
    // and a light grey with dark labels for the passives.
    public const string DetractorColour = "#c2410c";
    public const string PassiveColour = "#d4d4d4";
    public const string PromoterColour = "#0072b2";
    private const string MutedText = "#555555";
    private const double Margin = 12;

    public static void Write(TextWriter output, IReadOnlyList<(string Label, NpsTally Tally)> rows, SegmentChartOptions options, int minimum)
    {
        (string Label, NpsTally Tally)[] ordered = options.Order == SegmentOrder.ByScore
            ? [.. rows.Select((row, index) => (row, index))
                .OrderBy(x => x.row.Tally.HasScore ? 0 : 1)
                .ThenByDescending(x => x.row.Tally.HasScore ? x.row.Tally.Score : 0)
                .ThenBy(x => x.index)
                .Select(x => x.row)]
            : [.. rows];

        double width = options.Width, rowHeight = options.RowHeight, right = width - Margin;
        double labelWidth = Math.Clamp(ordered.Select(r => ChartText.Width(r.Label, 12)).DefaultIfEmpty(0).Max() + 10, 60, width * 0.3);
        int labelChars = Math.Max(2, (int)((labelWidth - 10) / (12 * 0.6)));
        double valueWidth = Math.Min(60 + ordered.Select(r => ChartText.Width(CountText(r.Tally, minimum, full: true), 11)).DefaultIfEmpty(0).Max() + 6, width * 0.42);
        double barLeft = Margin + labelWidth, barRight = right - valueWidth, barWidth = barRight - barLeft;
        bool anyTooSmall = ordered.Any(r => IsTooSmall(r.Tally, minimum));

        double top = 10;
        double titleHeight = (options.Title is null ? 0 : 24) + (options.Subtitle is null ? 0 : 20);
        double legendRows = LegendRows(width, anyTooSmall ? minimum : null);
        double rowsTop = top + titleHeight + (legendRows * 18) + 14;
        double height = rowsTop + (Math.Max(1, ordered.Length) * rowHeight) + 26;
        string title = options.Title ?? "NPS by segment";

        using var svg = new SvgWriter(output);
        svg.StartRoot(width, height, options.IdPrefix, title, Describe(ordered, minimum));
        if (options.Title is not null)
        {
            svg.Text(Margin, top + 16, ChartText.Fit(options.Title, width - (2 * Margin), 16, bold: true), size: "16", weight: "bold", cssClass: "title");
            top += 24;
        }

        if (options.Subtitle is not null)
        {
            svg.Text(Margin, top + 14, ChartText.Fit(options.Subtitle, width - (2 * Margin), 12), size: "12", fill: MutedText, cssClass: "subtitle");
            top += 20;
        }

        Legend(svg, top, width, anyTooSmall ? minimum : null);

        // Percentage grid behind the bars.
        double axisY = rowsTop + (Math.Max(1, ordered.Length) * rowHeight);
        svg.Start("g", "class", "x-axis");
        int labelEvery = barWidth / 4 >= 34 ? 1 : 2;   // 0% 50% 100% when the quarters are too close to label
        for (int q = 0; q <= 4; q++)
        {
            double x = barLeft + (barWidth * q / 4);
            svg.Element("line", null, "x1", SvgWriter.Num(x), "x2", SvgWriter.Num(x), "y1", SvgWriter.Num(rowsTop - 4), "y2", SvgWriter.Num(axisY + 4), "stroke", q is 0 or 4 ? "#8c8c8c" : "#e3e3e3");
            if (q % labelEvery == 0)
            {
                svg.Text(x, axisY + 17, (q * 25).ToString(CultureInfo.InvariantCulture) + "%", anchor: "middle", size: "10", fill: MutedText);
            }
        }

        svg.End();

        if (ordered.Length == 0)
        {
            svg.Text(barLeft + (barWidth / 2), rowsTop + (rowHeight / 2) + 4, "no segments", anchor: "middle", fill: MutedText);
        }

        double barHeight = Math.Round(rowHeight * 0.64);
        for (int r = 0; r < ordered.Length; r++)
        {
            (string label, NpsTally tally) = ordered[r];
            bool tooSmall = IsTooSmall(tally, minimum);
            double rowTop = rowsTop + (r * rowHeight);
            double barTop = rowTop + ((rowHeight - barHeight) / 2);
            double textY = rowTop + (rowHeight / 2) + 4;
            svg.Start(
                "g",
                "class", tooSmall ? "segment too-small" : tally.HasScore ? "segment" : "segment empty",
                "data-label", label,
                "data-n", tally.Count.ToString(CultureInfo.InvariantCulture));
            svg.Element("title", RowText(label, tally, tooSmall, minimum));
            svg.Text(barLeft - 8, textY, ChartText.Truncate(label, labelChars), anchor: "end", cssClass: "segment-label");

            if (tally.HasScore)
            {
                // Boundaries rounded once, so the three widths add up to the whole bar exactly.
                double x1 = Round(barLeft + (barWidth * tally.DetractorShare));
                double x2 = Round(barLeft + (barWidth * (tally.DetractorShare + tally.PassiveShare)));
                double x0 = Round(barLeft), x3 = Round(barRight);
                Bar(svg, "detractors", x0, x1, barTop, barHeight, DetractorColour, "#ffffff", tally.DetractorShare, tooSmall);
                Bar(svg, "passives", x1, x2, barTop, barHeight, PassiveColour, "#222222", tally.PassiveShare, tooSmall);
                Bar(svg, "promoters", x2, x3, barTop, barHeight, PromoterColour, "#ffffff", tally.PromoterShare, tooSmall);
                svg.Text(barRight + 8, textY, ChartText.Signed(tally.Score), size: "13", weight: "bold", cssClass: "score");
                string count = CountText(tally, minimum, full: 60 + ChartText.Width(CountText(tally, minimum, full: true), 11) <= valueWidth);
                svg.Text(barRight + 60, textY, count, size: "11", fill: MutedText, cssClass: "n-label");
            }
            else
            {
                svg.Element("rect", null, "class", "no-answers", "x", SvgWriter.Num(barLeft), "y", SvgWriter.Num(barTop), "width", SvgWriter.Num(barWidth), "height", SvgWriter.Num(barHeight), "fill", "none", "stroke", "#8c8c8c", "stroke-dasharray", "4 3");
                svg.Text(barLeft + (barWidth / 2), textY, ChartText.Width("no answers", 11) + 8 <= barWidth ? "no answers" : "none", anchor: "middle", size: "11", fill: MutedText);
                svg.Text(barRight + 8, textY, "\u2013", size: "13", weight: "bold", cssClass: "score");
                svg.Text(barRight + 60, textY, "n = 0", size: "11", fill: MutedText, cssClass: "n-label");
            }

            svg.End();
        }

        svg.End();
    }

    private static bool IsTooSmall(NpsTally tally, int minimum) => tally.HasScore && tally.Count < minimum;

    /// <summary>"n = 12, too small", or without the remark when it does not fit (the faded bar and the legend say it).</summary>
    private static string CountText(NpsTally tally, int minimum, bool full) =>
        "n = " + ChartText.Count(tally.Count) + (full && IsTooSmall(tally, minimum) ? ", too small" : string.Empty);

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static void Bar(SvgWriter svg, string cssClass, double from, double to, double y, double height, string fill, string textFill, double share, bool faded)
    {
        svg.Start(
            "rect",
            "class", cssClass,
            "x", SvgWriter.Num(from),
            "y", SvgWriter.Num(y),
            "width", SvgWriter.Num(to - from),
            "height", SvgWriter.Num(height),
            "fill", fill,
            "data-share", share.ToString("0.######", CultureInfo.InvariantCulture));
        if (faded)
        {
            svg.Attr("fill-opacity", "0.45");
        }

        svg.End();
        string text = ChartText.Percent(share);
        if (to - from >= ChartText.Width(text, 11) + 6)
        {
            svg.Text((from + to) / 2, y + (height / 2) + 4, text, anchor: "middle", size: "11", fill: faded ? "#222222" : textFill, cssClass: "share-label");
        }
    }

    private static string RowText(string label, NpsTally tally, bool tooSmall, int minimum) => !tally.HasScore
        ? label + ": no answers"
        : label + ": NPS " + ChartText.Signed(tally.Score) + ", n = " + ChartText.Count(tally.Count) + "; detractors "
            + ChartText.Percent(tally.DetractorShare) + ", passives " + ChartText.Percent(tally.PassiveShare) + ", promoters "
            + ChartText.Percent(tally.PromoterShare) + (tooSmall ? " (fewer than " + ChartText.Count(minimum) + " answers: too few to read)" : string.Empty);

    private static string Describe((string Label, NpsTally Tally)[] rows, int minimum)
    {
        var text = new StringBuilder("Stacked bars of detractor, passive and promoter shares for ");
        text.Append(rows.Length).Append(rows.Length == 1 ? " segment" : " segments").Append(", with the NPS and n of each.");
        var scored = rows.Where(r => r.Tally.HasScore && r.Tally.Count >= minimum).ToList();
        if (scored.Count > 0)
        {
            var best = scored.MaxBy(r => r.Tally.Score);
            var worst = scored.MinBy(r => r.Tally.Score);
            text.Append(" Highest: ").Append(best.Label).Append(", NPS ").Append(ChartText.Signed(best.Tally.Score))
                .Append(". Lowest: ").Append(worst.Label).Append(", NPS ").Append(ChartText.Signed(worst.Tally.Score)).Append('.');
        }

        int small = rows.Count(r => IsTooSmall(r.Tally, minimum));
        if (small > 0)
        {
            text.Append(' ').Append(small).Append(small == 1 ? " segment has" : " segments have").Append(" fewer than ")
                .Append(ChartText.Count(minimum)).Append(" answers (faded).");
        }

        return text.ToString();
    }

    private static IEnumerable<(string Text, string Colour, double Opacity)> LegendItems(int? minimum)
    {
        yield return ("Detractors (0\u20136)", DetractorColour, 1);
        yield return ("Passives (7\u20138)", PassiveColour, 1);
        yield return ("Promoters (9\u201310)", PromoterColour, 1);
        if (minimum is int m)
        {
            yield return ("faded: n < " + ChartText.Count(m) + ", too few to read", PromoterColour, 0.45);
        }
    }

    private static int LegendRows(double width, int? minimum)
    {
        int rows = 1;
        double x = Margin;
        foreach (var item in LegendItems(minimum))
        {
            double w = 20 + ChartText.Width(item.Text, 11) + 14;
            if (x > Margin && x + w > width - Margin)
            {
                rows++;
                x = Margin;
            }

            x += w;
        }

        return rows;
    }

    private static void Legend(SvgWriter svg, double top, double width, int? minimum)
    {
        double x = Margin, y = top + 14;
        svg.Start("g", "class", "legend");
        foreach (var item in LegendItems(minimum))
        {
            double w = 20 + ChartText.Width(item.Text, 11) + 14;
            if (x > Margin && x + w > width - Margin)
            {
                x = Margin;
                y += 18;
            }

            svg.Start("rect", "x", SvgWriter.Num(x), "y", SvgWriter.Num(y - 10), "width", "14", "height", "12", "fill", item.Colour);
            if (item.Opacity < 1)
            {
                svg.Attr("fill-opacity", "0.45");
            }

            svg.End();
            svg.Text(x + 20, y, item.Text, size: "11", fill: "#333333");
            x += w;
        }

        svg.End();
    }
}
