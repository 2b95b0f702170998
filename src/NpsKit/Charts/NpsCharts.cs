using NpsKit.Aggregation;
using NpsKit.Charts.Internal;

namespace NpsKit.Charts;

/// <summary>
/// Draws NPS charts as SVG: a trend of one series with its confidence band, and stacked detractor / passive /
/// promoter bars per segment. No dependency and no browser needed; put the SVG in a web page, a notebook, an e-mail or
/// a file.
/// </summary>
/// <remarks>
/// <para>The output is deterministic: the same data and options give the same bytes on every machine and in every
/// culture (invariant number formats, fixed rounding to 0.01 px, no random ids, no time stamps). It is well-formed XML
/// in the SVG namespace without an XML declaration, so it can be saved as an <c>.svg</c> file or pasted inline into
/// HTML; text (titles, segment names) is escaped, and characters XML cannot hold are replaced by U+FFFD.</para>
/// <para>For screen readers the root has <c>role="img"</c> and <c>aria-labelledby</c> naming a <c>&lt;title&gt;</c>
/// and a <c>&lt;desc&gt;</c> that summarises the data in words; every point and bar carries its own
/// <c>&lt;title&gt;</c> (shown as a tooltip by browsers). Colours are safe for the common colour-vision deficiencies
/// (Okabe &amp; Ito 2008, "Color Universal Design"), and too-small cells are shown by shape (hollow points) or by
/// text, not by colour alone.</para>
/// <para>All members are thread-safe.</para>
/// </remarks>
public static class NpsCharts
{
    /// <summary>Draws the NPS of each period of <paramref name="series"/> as a line with points and its confidence
    /// interval as a shaded band.</summary>
    /// <param name="series">The series, e.g. <c>cube.Series()</c> or <c>cube.Series(SegmentPath.Of("region", "North"))</c>.</param>
    /// <param name="options">Size, titles, band level and method, scale; default <see cref="TrendChartOptions.Default"/>.</param>
    /// <returns>The SVG document as a string (LF line ends, ending in a line break).</returns>
    /// <remarks>
    /// <para>Each period is one slot on the x axis, labelled with its period (labels are thinned when they would
    /// overlap; the latest period is always labelled) and its number of answers n. Points of periods with fewer
    /// answers than <see cref="NpsSeries.MinimumCount"/> are drawn hollow and the legend says so; a period with no
    /// answers is a gap in the line and band, never a zero. The band joins each period's interval
    /// (<see cref="NpsTally.ConfidenceInterval(double, NpsIntervalMethod)"/>) at the given level and method.</para>
    /// <para>Elements carry classes for styling and tests: <c>point</c> (with <c>too-small</c>), <c>line</c>,
    /// <c>band</c>, <c>period-label</c>, <c>n-label</c>, <c>zero-line</c>; points have <c>data-period</c> and
    /// <c>data-n</c>.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has invalid settings; the message lists them all.</exception>
    public static string TrendSvg(NpsSeries series, TrendChartOptions? options = null)
    {
        var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteTrendSvg(output, series, options);
        return output.ToString();
    }

    /// <summary>Writes the trend chart of <see cref="TrendSvg"/> to <paramref name="output"/>.</summary>
    /// <param name="output">Where the SVG goes; it is not closed.</param>
    /// <param name="series">The series.</param>
    /// <param name="options">The options; default <see cref="TrendChartOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> or <paramref name="series"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has invalid settings; the message lists them all.</exception>
    public static void WriteTrendSvg(TextWriter output, NpsSeries series, TrendChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(series);
        options ??= TrendChartOptions.Default;
        options.Validate();
        TrendChart.Write(output, series, options);
    }

    /// <summary>Draws one horizontal bar per segment, split into its detractor, passive and promoter shares, with the
    /// NPS and n written beside it.</summary>
    /// <param name="segments">The segments' labels and tallies, in the order to draw them (unless
    /// <see cref="SegmentChartOptions.Order"/> says <see cref="SegmentOrder.ByScore"/>).</param>
    /// <param name="options">Size, titles, order and minimum n; default <see cref="SegmentChartOptions.Default"/>
    /// (minimum n 30).</param>
    /// <returns>The SVG document as a string (LF line ends, ending in a line break).</returns>
    /// <remarks>
    /// <para>Every bar is the full width: the three parts' widths are the shares (rounded to 0.01 px at the
    /// boundaries, so they add up exactly). Segments with fewer answers than the minimum are faded and marked
    /// "too small"; segments without answers get a dashed outline and "no answers". Long labels are shortened with
    /// "…" (the full label is in the bar's <c>&lt;title&gt;</c>). Groups have class <c>segment</c> (plus
    /// <c>too-small</c> or <c>empty</c>) and <c>data-label</c>, <c>data-n</c>; the parts are <c>rect</c>s of class
    /// <c>detractors</c>, <c>passives</c>, <c>promoters</c> with <c>data-share</c>.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> or a label is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has invalid settings; the message lists them all.</exception>
    public static string SegmentSvg(IEnumerable<(string Label, NpsTally Tally)> segments, SegmentChartOptions? options = null)
    {
        var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteSegmentSvg(output, segments, options);
        return output.ToString();
    }

    /// <summary>Draws the segment chart of the finest segments of <paramref name="cube"/> (<see cref="NpsCube.Segments"/>)
    /// in one period or over all periods.</summary>
    /// <param name="cube">The cube.</param>
    /// <param name="period">The period to draw; <see langword="null"/> (the default) for the total over all periods.
    /// A period outside the cube has no answers.</param>
    /// <param name="options">The options; the minimum n defaults to the cube's <see cref="NpsCube.MinimumCount"/>.</param>
    /// <returns>The SVG document as a string.</returns>
    /// <remarks>Labels are the segments' values joined with " / " (e.g. <c>North / Web</c>).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="cube"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has invalid settings, or the period's unit
    /// differs from the cube's.</exception>
    public static string SegmentSvg(NpsCube cube, ReportingPeriod? period = null, SegmentChartOptions? options = null)
    {
        var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteSegmentSvg(output, cube, period, options);
        return output.ToString();
    }

    /// <summary>Writes the segment chart of <see cref="SegmentSvg(IEnumerable{ValueTuple{string, NpsTally}}, SegmentChartOptions?)"/>
    /// to <paramref name="output"/>.</summary>
    /// <param name="output">Where the SVG goes; it is not closed.</param>
    /// <param name="segments">The segments' labels and tallies.</param>
    /// <param name="options">The options; default <see cref="SegmentChartOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/>, <paramref name="segments"/> or a label is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has invalid settings; the message lists them all.</exception>
    public static void WriteSegmentSvg(TextWriter output, IEnumerable<(string Label, NpsTally Tally)> segments, SegmentChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(segments);
        options ??= SegmentChartOptions.Default;
        options.Validate();
        List<(string Label, NpsTally Tally)> rows = [.. segments];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Label is null)
            {
                throw new ArgumentNullException(nameof(segments), $"The label of segment {i} is null: give every segment a name (an empty string is allowed).");
            }
        }

        SegmentChart.Write(output, rows, options, options.MinimumCount ?? 30);
    }

    /// <summary>Writes the segment chart of <see cref="SegmentSvg(NpsCube, ReportingPeriod?, SegmentChartOptions?)"/>
    /// to <paramref name="output"/>.</summary>
    /// <param name="output">Where the SVG goes; it is not closed.</param>
    /// <param name="cube">The cube.</param>
    /// <param name="period">The period; <see langword="null"/> for the total over all periods.</param>
    /// <param name="options">The options; the minimum n defaults to the cube's.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> or <paramref name="cube"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> has invalid settings, or the period's unit
    /// differs from the cube's.</exception>
    public static void WriteSegmentSvg(TextWriter output, NpsCube cube, ReportingPeriod? period = null, SegmentChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(cube);
        options ??= SegmentChartOptions.Default;
        options.Validate();
        var rows = new List<(string Label, NpsTally Tally)>(cube.Segments.Count);
        foreach (SegmentPath segment in cube.Segments)
        {
            rows.Add((ChartText.Segment(segment), period is ReportingPeriod p ? cube.Tally(p, segment) : cube.Tally(segment)));
        }

        SegmentChart.Write(output, rows, options, options.MinimumCount ?? cube.MinimumCount);
    }
}
