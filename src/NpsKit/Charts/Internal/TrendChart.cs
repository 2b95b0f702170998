using System.Text;
using NpsKit.Aggregation;

namespace NpsKit.Charts.Internal;

/// <summary>Draws an <see cref="NpsSeries"/> as a line with an interval band; see <see cref="NpsCharts.TrendSvg"/>.</summary>
internal static class TrendChart
{
    private const string LineColour = "#1f4e79";
    private const string BandColour = "#c6dbef";
    private const string GridColour = "#e3e3e3";
    private const string AxisColour = "#555555";
    private const string MutedText = "#555555";
    private const double Left = 52;
    private const double RightMargin = 16;
    private const double PointRadius = 3.5;

    public static void Write(TextWriter output, NpsSeries series, TrendChartOptions options)
    {
        IReadOnlyList<NpsCell> points = series.Points;
        int count = points.Count;
        var intervals = new NpsInterval?[count];
        for (int i = 0; i < count; i++)
        {
            NpsTally tally = points[i].Tally;
            intervals[i] = tally.HasScore ? tally.ConfidenceInterval(options.Level, options.IntervalMethod) : null;
        }

        double width = options.Width, height = options.Height, right = width - RightMargin;
        bool anyTooSmall = points.Any(p => p.Tally.HasScore && p.IsBelowMinimumCount);
        bool anyEmpty = points.Any(p => !p.Tally.HasScore);
        string bandLabel = ChartText.Level(options.Level) + " interval (" + ChartText.Method(options.IntervalMethod) + ")";
        string title = options.Title ?? "NPS by " + ChartText.Unit(series.Unit);

        using var svg = new SvgWriter(output);
        svg.StartRoot(width, height, options.IdPrefix, title, Describe(series, intervals, bandLabel));

        double top = 10;
        if (options.Title is not null)
        {
            svg.Text(Left - 40, top + 16, ChartText.Fit(options.Title, width - (Left - 40) - RightMargin, 16, bold: true), size: "16", weight: "bold", cssClass: "title");
            top += 24;
        }

        if (options.Subtitle is not null)
        {
            svg.Text(Left - 40, top + 14, ChartText.Fit(options.Subtitle, width - (Left - 40) - RightMargin, 12), size: "12", fill: MutedText, cssClass: "subtitle");
            top += 20;
        }

        top = Legend(svg, top, right, bandLabel, anyTooSmall ? series.MinimumCount : null, anyEmpty);

        double plotTop = top + 8, plotBottom = height - 46;
        (double lo, double hi, double step) = Range(points, intervals, options, plotBottom - plotTop);
        double slot = count == 0 ? right - Left : (right - Left) / count;
        double X(int i) => Left + ((i + 0.5) * slot);
        double Y(double v) => plotBottom - ((v - lo) / (hi - lo) * (plotBottom - plotTop));

        // Grid and y axis labels.
        svg.Start("g", "class", "y-axis");
        for (double v = lo; v <= hi + 1e-9; v += step)
        {
            bool zero = Math.Abs(v) < 1e-9;
            svg.Element("line", null, "x1", SvgWriter.Num(Left), "x2", SvgWriter.Num(right), "y1", SvgWriter.Num(Y(v)), "y2", SvgWriter.Num(Y(v)), "stroke", zero ? "#8c8c8c" : GridColour, "stroke-width", zero ? "1.5" : "1", "class", zero ? "zero-line" : "grid");
            svg.Text(Left - 6, Y(v) + 4, ChartText.Tick(v), anchor: "end", size: "11", fill: MutedText);
        }

        svg.End();

        // Band, one polygon per run of periods with answers.
        svg.Start("g", "class", "bands");
        foreach ((int start, int end) in Runs(points))
        {
            var poly = new StringBuilder();
            if (start == end)
            {
                double half = Math.Min(slot * 0.3, 8);
                NpsInterval ci = intervals[start]!.Value;
                Append(poly, X(start) - half, Y(ci.Upper));
                Append(poly, X(start) + half, Y(ci.Upper));
                Append(poly, X(start) + half, Y(ci.Lower));
                Append(poly, X(start) - half, Y(ci.Lower));
            }
            else
            {
                for (int i = start; i <= end; i++)
                {
                    Append(poly, X(i), Y(intervals[i]!.Value.Upper));
                }

                for (int i = end; i >= start; i--)
                {
                    Append(poly, X(i), Y(intervals[i]!.Value.Lower));
                }
            }

            svg.Element("polygon", null, "class", "band", "points", poly.ToString(), "fill", BandColour);
        }

        svg.End();

        // Line, one polyline per run; an empty period breaks it.
        svg.Start("g", "class", "lines");
        foreach ((int start, int end) in Runs(points))
        {
            if (start == end)
            {
                continue;
            }

            var line = new StringBuilder();
            for (int i = start; i <= end; i++)
            {
                Append(line, X(i), Y(points[i].Tally.Score));
            }

            svg.Element("polyline", null, "class", "line", "points", line.ToString(), "fill", "none", "stroke", LineColour, "stroke-width", "2", "stroke-linejoin", "round");
        }

        svg.End();

        // X axis with a tick per period, thinned period labels and n labels.
        svg.Start("g", "class", "x-axis");
        svg.Element("line", null, "class", "axis", "x1", SvgWriter.Num(Left), "x2", SvgWriter.Num(right), "y1", SvgWriter.Num(plotBottom), "y2", SvgWriter.Num(plotBottom), "stroke", AxisColour);
        int labelStride = Stride(points.Select(p => p.Period.ToString()), 11, slot);
        int countStride = Stride(points.Select(p => ChartText.Count(p.Tally.Count)), 10, slot);
        svg.Text(Left - 6, plotBottom + 32, "n", anchor: "end", size: "10", fill: MutedText);
        for (int i = 0; i < count; i++)
        {
            svg.Element("line", null, "x1", SvgWriter.Num(X(i)), "x2", SvgWriter.Num(X(i)), "y1", SvgWriter.Num(plotBottom), "y2", SvgWriter.Num(plotBottom + 4), "stroke", AxisColour);
            if ((count - 1 - i) % labelStride == 0)
            {
                // Centred under the tick, but kept inside the chart at both ends.
                string label = points[i].Period.ToString();
                double half = ChartText.Width(label, 11) / 2;
                (double x, string anchor) = X(i) + half > width - 2 ? (width - 2, "end") : X(i) - half < 2 ? (2.0, "start") : (X(i), "middle");
                svg.Text(x, plotBottom + 17, label, anchor: anchor, size: "11", cssClass: "period-label");
            }

            if ((count - 1 - i) % countStride == 0)
            {
                svg.Text(X(i), plotBottom + 32, ChartText.Count(points[i].Tally.Count), anchor: "middle", size: "10", fill: MutedText, cssClass: "n-label");
            }
        }

        svg.End();

        // Points last, on top; hollow when too small to read.
        svg.Start("g", "class", "points");
        for (int i = 0; i < count; i++)
        {
            NpsCell cell = points[i];
            if (!cell.Tally.HasScore)
            {
                continue;
            }

            bool hollow = cell.IsBelowMinimumCount;
            svg.Start(
                "circle",
                "class", hollow ? "point too-small" : "point",
                "cx", SvgWriter.Num(X(i)),
                "cy", SvgWriter.Num(Y(cell.Tally.Score)),
                "r", SvgWriter.Num(PointRadius),
                "fill", hollow ? "#ffffff" : LineColour,
                "stroke", LineColour,
                "stroke-width", "1.5",
                "data-period", cell.Period.ToString(),
                "data-n", cell.Tally.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            svg.Element("title", PointText(cell, intervals[i]!.Value, series.MinimumCount));
            svg.End();
        }

        svg.End();
        svg.End();
    }

    private static string PointText(NpsCell cell, NpsInterval ci, int minimum) =>
        cell.Period + ": NPS " + ChartText.Signed(cell.Tally.Score) + ", " + ChartText.Level(ci.Level) + " interval "
        + ChartText.Signed(ci.Lower) + " to " + ChartText.Signed(ci.Upper) + ", n = " + ChartText.Count(cell.Tally.Count)
        + (cell.IsBelowMinimumCount ? " (fewer than " + ChartText.Count(minimum) + " answers: too few to read)" : string.Empty);

    private static string Describe(NpsSeries series, NpsInterval?[] intervals, string bandLabel)
    {
        IReadOnlyList<NpsCell> points = series.Points;
        var text = new StringBuilder();
        text.Append("NPS by ").Append(ChartText.Unit(series.Unit)).Append(" for ").Append(ChartText.Segment(series.Segment));
        if (points.Count == 0)
        {
            return text.Append(": no periods.").ToString();
        }

        text.Append(", ").Append(points.Count).Append(points.Count == 1 ? " period" : " periods").Append(" from ")
            .Append(points[0].Period).Append(" to ").Append(points[^1].Period).Append('.');
        int last = -1;
        for (int i = points.Count - 1; i >= 0 && last < 0; i--)
        {
            last = points[i].Tally.HasScore ? i : -1;
        }

        if (last >= 0)
        {
            NpsCell cell = points[last];
            NpsInterval ci = intervals[last]!.Value;
            text.Append(" Latest with answers, ").Append(cell.Period).Append(": NPS ").Append(ChartText.Signed(cell.Tally.Score))
                .Append(" (").Append(bandLabel).Append(' ').Append(ChartText.Signed(ci.Lower)).Append(" to ").Append(ChartText.Signed(ci.Upper))
                .Append(", n = ").Append(ChartText.Count(cell.Tally.Count)).Append(").");
            double min = points.Where(p => p.Tally.HasScore).Min(p => p.Tally.Score);
            double max = points.Where(p => p.Tally.HasScore).Max(p => p.Tally.Score);
            text.Append(" NPS ranges from ").Append(ChartText.Signed(min)).Append(" to ").Append(ChartText.Signed(max)).Append('.');
        }

        int small = points.Count(p => p.Tally.HasScore && p.IsBelowMinimumCount);
        if (small > 0)
        {
            text.Append(' ').Append(small).Append(small == 1 ? " period has" : " periods have").Append(" fewer than ")
                .Append(ChartText.Count(series.MinimumCount)).Append(" answers (hollow points).");
        }

        int empty = points.Count(p => !p.Tally.HasScore);
        if (empty > 0)
        {
            text.Append(' ').Append(empty).Append(empty == 1 ? " period has" : " periods have").Append(" no answers (gaps in the line).");
        }

        return text.ToString();
    }

    private static double Legend(SvgWriter svg, double top, double right, string bandLabel, int? minimum, bool anyEmpty)
    {
        const double Start = Left - 40;   // aligned with the title
        double x = Start, y = top + 14;
        svg.Start("g", "class", "legend");

        void Item(string text, Action<double, double> swatch)
        {
            double w = 22 + ChartText.Width(text, 11) + 16;
            if (x > Start && x + w > right)
            {
                x = Start;
                y += 18;
            }

            swatch(x, y - 4);
            svg.Text(x + 22, y, text, size: "11", fill: "#333333");
            x += w;
        }

        Item("NPS", (sx, sy) =>
        {
            svg.Element("line", null, "x1", SvgWriter.Num(sx), "x2", SvgWriter.Num(sx + 16), "y1", SvgWriter.Num(sy), "y2", SvgWriter.Num(sy), "stroke", LineColour, "stroke-width", "2");
            svg.Element("circle", null, "cx", SvgWriter.Num(sx + 8), "cy", SvgWriter.Num(sy), "r", SvgWriter.Num(PointRadius), "fill", LineColour);
        });
        Item(bandLabel, (sx, sy) => svg.Element("rect", null, "x", SvgWriter.Num(sx), "y", SvgWriter.Num(sy - 6), "width", "16", "height", "12", "fill", BandColour));
        if (minimum is int m)
        {
            Item("n < " + ChartText.Count(m) + ": too few to read", (sx, sy) =>
                svg.Element("circle", null, "cx", SvgWriter.Num(sx + 8), "cy", SvgWriter.Num(sy), "r", SvgWriter.Num(PointRadius), "fill", "#ffffff", "stroke", LineColour, "stroke-width", "1.5"));
        }

        if (anyEmpty)
        {
            Item("gap: no answers", (sx, sy) =>
                svg.Element("line", null, "x1", SvgWriter.Num(sx), "x2", SvgWriter.Num(sx + 16), "y1", SvgWriter.Num(sy), "y2", SvgWriter.Num(sy), "stroke", LineColour, "stroke-width", "2", "stroke-dasharray", "5 6"));
        }

        svg.End();
        return y + 6;
    }

    /// <summary>The runs of consecutive periods with answers, as (first, last) index pairs.</summary>
    private static List<(int Start, int End)> Runs(IReadOnlyList<NpsCell> points)
    {
        var runs = new List<(int, int)>();
        int start = -1;
        for (int i = 0; i <= points.Count; i++)
        {
            bool has = i < points.Count && points[i].Tally.HasScore;
            if (has && start < 0)
            {
                start = i;
            }
            else if (!has && start >= 0)
            {
                runs.Add((start, i - 1));
                start = -1;
            }
        }

        return runs;
    }

    /// <summary>The vertical range and grid step: the whole scale, or round ends around every point and band.</summary>
    private static (double Lo, double Hi, double Step) Range(IReadOnlyList<NpsCell> points, NpsInterval?[] intervals, TrendChartOptions options, double plotHeight)
    {
        double lo = options.ScaleMinimum ?? double.PositiveInfinity, hi = options.ScaleMaximum ?? double.NegativeInfinity;
        for (int i = 0; i < points.Count; i++)
        {
            if (intervals[i] is NpsInterval ci)
            {
                double score = points[i].Tally.Score;
                lo = Math.Min(lo, Math.Min(ci.Lower, score));
                hi = Math.Max(hi, Math.Max(ci.Upper, score));
            }
        }

        if (options.Scale == TrendScale.Full || double.IsInfinity(lo) || double.IsInfinity(hi))
        {
            return (-100, 100, 25);
        }

        if (hi - lo < 10)
        {
            double mid = (lo + hi) / 2;
            (lo, hi) = (mid - 5, mid + 5);
        }

        // The smallest step that gives at most about six grid lines and at least 22 px between them.
        double pad = (hi - lo) * 0.05;
        foreach (double step in (ReadOnlySpan<double>)[2, 5, 10, 20, 25, 50, 100])
        {
            double bottom = Math.Max(-100, Math.Floor((lo - pad) / step) * step);
            double top = Math.Min(100, Math.Ceiling((hi + pad) / step) * step);
            if (step == 100 || ((hi - lo + (2 * pad)) / step <= 6 && plotHeight * step / (top - bottom) >= 22))
            {
                return (bottom, top, step);
            }
        }

        return (-100, 100, 100);
    }

    /// <summary>Show every k-th label so that labels of the estimated width do not overlap.</summary>
    private static int Stride(IEnumerable<string> labels, double fontSize, double slot)
    {
        double widest = labels.Select(l => ChartText.Width(l, fontSize)).DefaultIfEmpty(0).Max() + 8;
        return Math.Max(1, (int)Math.Ceiling(widest / slot));
    }

    private static void Append(StringBuilder points, double x, double y)
    {
        if (points.Length > 0)
        {
            points.Append(' ');
        }

        points.Append(SvgWriter.Num(x)).Append(',').Append(SvgWriter.Num(y));
    }
}
