using System.Globalization;
using System.Net;
using System.Text;
using NpsKit.Statistics;

namespace NpsKit.Cli;

/// <summary>
/// The parts of the HTML report a manager reads first: the headline, the 0–10 distribution, the significant changes and
/// the segment × period heat map. Every figure is written as text (numbers in the cells, words beside the arrows), so
/// nothing depends on colour alone; every element with a figure the tests check carries a <c>data-figure</c> name.
/// </summary>
internal static class ReportManagerSections
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The most significant changes listed by name; the rest are counted and left to the table.</summary>
    public const int MaxListedChanges = 12;

    /// <summary>The headline: the latest NPS with its interval and n, and its changes with their adjusted significance.</summary>
    public static void Headline(StringBuilder html, ReportHeadline headline, Report report)
    {
        string level = Words.LevelLabel(report.Level);
        html.Append("<section class=\"headline\" aria-label=\"Headline\">\n")
            .Append("<div class=\"card main\">\n<p class=\"label\">NPS, <span data-figure=\"period\">").Append(E(headline.Period.ToString())).Append("</span></p>\n")
            .Append("<p class=\"big\" data-figure=\"nps\">").Append(Words.Signed(headline.Score)).Append("</p>\n")
            .Append("<p>").Append(level).Append(" CI <span data-figure=\"interval\">")
            .Append(headline.Interval is { } ci ? E(Words.Interval(ci, signed: true)) : "not computable").Append("</span> · n = <span data-figure=\"n\">")
            .Append(headline.Count.ToString("N0", Invariant)).Append("</span>")
            .Append(headline.IsTooSmall ? string.Create(Invariant, $" · <strong>too small</strong> (n &lt; {report.MinimumCount}): read with care") : string.Empty)
            .Append(report.IsWeighted ? " · weighted" : string.Empty)
            .Append("</p>\n</div>\n");

        foreach ((HeadlineChange change, int i) in headline.Changes.Select((c, i) => (c, i)))
        {
            string key = i == 0 ? "previous" : "year";
            html.Append("<div class=\"card\">\n<p class=\"label\">").Append(E(change.Label)).Append(" (").Append(E(change.Baseline.ToString())).Append(")</p>\n");
            if (change.Comparison is not { } c)
            {
                html.Append("<p class=\"big\">–</p>\n<p>").Append(E(change.Baseline.ToString())).Append(" has no answers to compare with.</p>\n</div>\n");
                continue;
            }

            bool significant = change.IsSignificant(report.Level);
            html.Append("<p class=\"big\"><span data-figure=\"").Append(key).Append("-change\">").Append(Words.Signed(c.Difference)).Append("</span>")
                .Append(significant ? Arrow(c.Difference) : string.Empty).Append("</p>\n<p>");
            if (!c.IsComputable)
            {
                html.Append("the test cannot be computed (standard error 0)");
            }
            else
            {
                html.Append(level).Append(" CI ").Append(E(Words.Interval(c.Interval, signed: true)))
                    .Append(" · p = ").Append(E(Words.PValue(c.PValue)))
                    .Append(report.Adjustment == PValueAdjustment.None ? string.Empty : " · p adj. = " + E(Words.PValue(change.AdjustedPValue ?? double.NaN)))
                    .Append("<br><strong data-figure=\"").Append(key).Append("-verdict\" class=\"")
                    .Append(significant ? "sig\">significant" : "ns\">not significant").Append("</strong>");
            }

            html.Append("</p>\n</div>\n");
        }

        html.Append("</section>\n");
        int tests = headline.TestCount;
        html.Append("<p class=\"note\">")
            .Append(tests switch
            {
                0 => "No earlier period to compare the latest with.",
                _ when report.Adjustment == PValueAdjustment.None => string.Create(Invariant, $"The headline's {tests} change test(s) are not adjusted (--adjust none)."),
                _ => string.Create(Invariant, $"Significance: {ReportMultipleComparisons.Label(report.Adjustment)}-adjusted across the headline's {tests} change test(s) at {Words.LevelLabel(report.Level)}; the heat map and table adjust across all the report's change tests, so they flag less."),
            })
            .Append("</p>\n");
    }

    /// <summary>The 0–10 distribution of the latest period as a scalable SVG bar chart with the counts and shares written
    /// on it, grouped into detractors, passives and promoters.</summary>
    public static void Distribution(StringBuilder html, ReportHeadline headline, bool weighted)
    {
        NpsTally tally = headline.Tally;
        html.Append("<h2>Scores 0–10, ").Append(E(headline.Period.ToString())).Append("</h2>\n");
        if (!tally.HasScoreDetail)
        {
            html.Append("<p class=\"note\">The input holds category counts only, so the single scores are unknown.</p>\n");
            return;
        }

        const int W = 340, H = 200, Left = 5, Slot = 30, Bar = 24, Top = 22, Plot = 120;
        long[] counts = [.. Enumerable.Range(0, 11).Select(s => tally.CountOf(s))];
        long max = Math.Max(1, counts.Max());
        var svg = new StringBuilder();
        svg.Append(string.Create(Invariant, $"<svg class=\"distribution\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"dist-title\">"))
            .Append("<title id=\"dist-title\">Answers per score, ").Append(E(headline.Period.ToString()))
            .Append(": ").Append(string.Join(", ", counts.Select((c, s) => string.Create(Invariant, $"{s}: {c}")))).Append("</title>");
        for (int s = 0; s <= 10; s++)
        {
            double share = tally.Count == 0 ? 0 : (double)counts[s] / tally.Count;
            double height = Plot * counts[s] / (double)max;
            double x = Left + (s * Slot) + ((Slot - Bar) / 2.0);
            string category = s <= 6 ? "detractor" : s <= 8 ? "passive" : "promoter";
            svg.Append(string.Create(Invariant, $"<rect class=\"{category}\" x=\"{x:0.#}\" y=\"{Top + Plot - height:0.#}\" width=\"{Bar}\" height=\"{height:0.#}\" data-score=\"{s}\" data-n=\"{counts[s]}\"/>"))
                .Append(string.Create(Invariant, $"<text x=\"{x + (Bar / 2.0):0.#}\" y=\"{Top + Plot - height - 4:0.#}\" text-anchor=\"middle\" font-size=\"10\">{Math.Round(100 * share):0}%</text>"))
                .Append(string.Create(Invariant, $"<text x=\"{x + (Bar / 2.0):0.#}\" y=\"{Top + Plot + 15}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\">{s}</text>"));
        }

        (string Name, int From, int To, double Share)[] groups =
        [
            ("Detractors", 0, 6, tally.DetractorShare),
            ("Passives", 7, 8, tally.PassiveShare),
            ("Promoters", 9, 10, tally.PromoterShare),
        ];
        foreach ((string name, int from, int to, double share) in groups)
        {
            double x0 = Left + (from * Slot) + 2, x1 = Left + ((to + 1) * Slot) - 2;
            svg.Append(string.Create(Invariant, $"<line x1=\"{x0:0.#}\" x2=\"{x1:0.#}\" y1=\"{Top + Plot + 22}\" y2=\"{Top + Plot + 22}\" stroke=\"#888\"/>"))
                .Append(string.Create(Invariant, $"<text x=\"{(x0 + x1) / 2:0.#}\" y=\"{Top + Plot + 35}\" text-anchor=\"middle\" font-size=\"10\">{name}</text>"))
                .Append(string.Create(Invariant, $"<text x=\"{(x0 + x1) / 2:0.#}\" y=\"{Top + Plot + 48}\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"600\" data-figure=\"{name.ToLowerInvariant()}\">{Words.Percent(share)}</text>"));
        }

        svg.Append(string.Create(Invariant, $"<text x=\"{Left}\" y=\"12\" font-size=\"10\" fill=\"#555\">n = {tally.Count:N0}; bar height: answers, label: share{(weighted ? " (unweighted)" : string.Empty)}</text>"));
        svg.Append("</svg>");
        html.Append("<figure class=\"distribution\">").Append(svg).Append("</figure>\n");
    }

    /// <summary>The changes significant after the report's adjustment, largest first, with the count of tests.</summary>
    public static void SignificantChanges(StringBuilder html, Report report)
    {
        var significant = report.Rows.Where(r => r.Change is not null && ReportMultipleComparisons.IsSignificant(r, report.Level))
            .OrderByDescending(r => Math.Abs(r.Change!.Difference)).ToList();
        int tests = report.Rows.Count(r => r.Change is { IsComputable: true });
        string adjustment = report.Adjustment == PValueAdjustment.None ? "unadjusted" : ReportMultipleComparisons.Label(report.Adjustment) + "-adjusted";
        html.Append("<h2>Significant changes</h2>\n");
        if (significant.Count == 0)
        {
            html.Append("<p data-figure=\"significant-count\">No change vs the previous period is significant (")
                .Append(adjustment).Append(string.Create(Invariant, $", across {tests} tests)."))
                .Append("</p>\n");
            return;
        }

        html.Append("<p data-figure=\"significant-count\">").Append(significant.Count.ToString(Invariant)).Append(" of ").Append(tests.ToString(Invariant))
            .Append(" changes vs the previous period are significant (").Append(adjustment).Append("), largest first:</p>\n<ul class=\"changes\">\n");
        foreach (ReportRow row in significant.Take(MaxListedChanges))
        {
            NpsComparison c = row.Change!;
            html.Append("<li>").Append(Arrow(c.Difference)).Append(' ').Append(E(row.Period)).Append(report.IsSegmented ? " · " + E(row.Segment) : string.Empty)
                .Append(": <strong>").Append(Words.Signed(c.Difference)).Append("</strong> points to ").Append(row.Nps is { } nps ? Words.Signed(nps) : "-")
                .Append(" (p adj. ").Append(E(Words.PValue(row.AdjustedPValue ?? double.NaN))).Append(", n = ").Append(row.Count.ToString("N0", Invariant)).Append(")</li>\n");
        }

        html.Append("</ul>\n");
        if (significant.Count > MaxListedChanges)
        {
            html.Append(string.Create(Invariant, $"<p class=\"note\">and {significant.Count - MaxListedChanges} more, marked in the heat map and the table.</p>\n"));
        }
    }

    /// <summary>The most periods one printed heat-map table holds: 12 (a year of months) plus the segment column fit
    /// A4's printable width at the print font size; a longer series prints as several tables, one under the other.</summary>
    internal const int PrintedPeriodsPerTable = 12;

    /// <summary>The segment × period heat map: one row per segment (the total first), one column per period, the NPS
    /// written in every cell, the background a diverging tint of it, ▲/▼ with words for a significant change, and
    /// too-small cells in italics with a ° mark. On screen it is one table that scrolls sideways; paper cannot scroll,
    /// so the printed copy splits the periods into tables of at most <see cref="PrintedPeriodsPerTable"/>.</summary>
    public static void HeatMap(StringBuilder html, Report report, IReadOnlyList<string> periods)
    {
        var bySegment = report.Rows.GroupBy(r => r.Segment).ToList();
        html.Append("<h2>NPS by segment and ").Append(E(ReportCharts.Unit(report.Unit))).Append("</h2>\n")
            .Append("<p class=\"note\">The NPS of every cell; ▲/▼ marks a significant change vs the previous ")
            .Append(E(ReportCharts.Unit(report.Unit))).Append(" (after the adjustment); ° marks fewer than ")
            .Append(report.MinimumCount.ToString("N0", Invariant)).Append(" answers. Blue is above 0, orange below (colour-blind safe; the number is always written).")
            .Append(periods.Count > PrintedPeriodsPerTable ? "<span class=\"screen-only\"> Scroll sideways for more periods.</span>" : string.Empty).Append("</p>\n")
            .Append("<div class=\"table-wrap").Append(periods.Count > PrintedPeriodsPerTable ? " screen-only" : string.Empty)
            .Append("\" tabindex=\"0\" role=\"region\" aria-label=\"Heat map, scrolls sideways\">\n");
        HeatTable(html, report, bySegment, periods);
        html.Append("</div>\n");
        if (periods.Count > PrintedPeriodsPerTable)
        {
            html.Append("<div class=\"print-only\">\n");
            for (int from = 0; from < periods.Count; from += PrintedPeriodsPerTable)
            {
                HeatTable(html, report, bySegment, [.. periods.Skip(from).Take(PrintedPeriodsPerTable)]);
            }

            html.Append("</div>\n");
        }
    }

    private static void HeatTable(StringBuilder html, Report report, List<IGrouping<string, ReportRow>> bySegment, IReadOnlyList<string> periods)
    {
        html.Append("<table class=\"heat\">\n<thead>\n<tr><th scope=\"col\">")
            .Append(E(string.Join(" / ", report.Dimensions))).Append("</th>");
        foreach (string period in periods)
        {
            html.Append("<th scope=\"col\" class=\"num\">").Append(E(period)).Append("</th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var segment in bySegment)
        {
            var cells = segment.ToDictionary(r => r.Period, StringComparer.Ordinal);
            html.Append(segment.Key == "(all)" ? "<tr class=\"total\">" : "<tr>").Append("<th scope=\"row\">").Append(E(segment.Key)).Append("</th>");
            foreach (string period in periods)
            {
                if (!cells.TryGetValue(period, out ReportRow? row) || row.Nps is not { } nps)
                {
                    html.Append("<td class=\"num empty\">–</td>");
                    continue;
                }

                bool significant = ReportMultipleComparisons.IsSignificant(row, report.Level);
                string title = string.Create(Invariant, $"{segment.Key}, {period}: NPS {Words.Signed(nps)}, n = {row.Count:N0}")
                    + (row.Change is { } c ? $", change {Words.Signed(c.Difference)}" + (significant ? " (significant)" : string.Empty) : string.Empty)
                    + (row.IsTooSmall ? " (too small)" : string.Empty);
                html.Append("<td class=\"num").Append(row.IsTooSmall ? " too-small" : string.Empty).Append(significant ? " sig" : string.Empty)
                    .Append("\" style=\"background:").Append(Tint(nps)).Append("\" title=\"").Append(E(title)).Append("\">")
                    .Append(Math.Round(nps, MidpointRounding.AwayFromZero).ToString("+0;-0;0", Invariant))
                    .Append(significant ? Arrow(row.Change!.Difference) : string.Empty)
                    .Append(row.IsTooSmall ? "°" : string.Empty).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>▲ or ▼ with the direction as hidden text for screen readers.</summary>
    private static string Arrow(double difference) => difference >= 0
        ? "<span class=\"up\" aria-hidden=\"true\">▲</span><span class=\"sr\">significant rise</span>"
        : "<span class=\"down\" aria-hidden=\"true\">▼</span><span class=\"sr\">significant fall</span>";

    /// <summary>A light diverging tint of an NPS (orange below 0, blue above, the colour-blind safe pair of the charts;
    /// saturated at ±60) that keeps dark text readable.</summary>
    internal static string Tint(double nps)
    {
        double t = Math.Min(1, Math.Abs(nps) / 60);
        int hue = nps >= 0 ? 205 : 22;
        double lightness = 97 - (32 * t);
        return string.Create(Invariant, $"hsl({hue} 55% {lightness:0.#}%)");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
