using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using NpsKit.Aggregation;
using NpsKit.Internal;

namespace NpsKit.Documents;

/// <summary>
/// Collects the prose, tables and charts of a report, in order, for <see cref="NpsDocument"/>: the notebook-like
/// output of a <c>dotnet run</c> script, saved as one self-contained HTML page or as Markdown.
/// </summary>
/// <remarks>
/// <para>Every method returns this builder, so calls chain:</para>
/// <code>
/// NpsDocument report = new NpsDocumentBuilder("Monthly NPS")
///     .Paragraph("Answers per month in the reporting time zone, with 95% intervals.")
///     .Chart(NpsCharts.TrendSvg(monthly), "NPS per month with its 95% interval")
///     .Table(monthly)
///     .Build();
/// File.WriteAllText("monthly.html", report.ToHtml());
/// </code>
/// <para>Prose is plain text with two inline marks: <c>`code`</c> and <c>**bold**</c>; everything else is escaped, so
/// text from data (segment names, comments) cannot inject markup. A builder is not thread-safe; the documents it
/// builds are immutable.</para>
/// </remarks>
public sealed partial class NpsDocumentBuilder
{
    private readonly string _title;
    private readonly List<DocumentBlock> _blocks = [];
    private readonly List<string> _charts = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <summary>Starts a document.</summary>
    /// <param name="title">The title: the HTML page's <c>&lt;title&gt;</c> and first heading, the Markdown's <c>#</c> line.</param>
    /// <exception cref="ArgumentException"><paramref name="title"/> is null, empty or white space.</exception>
    public NpsDocumentBuilder(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        _title = title.Trim();
    }

    /// <summary>Adds a section heading (an HTML <c>&lt;h2&gt;</c>, a Markdown <c>##</c>).</summary>
    /// <param name="text">The heading's text (plain text).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is null, empty or white space.</exception>
    public NpsDocumentBuilder Heading(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        string line = OneLine(text);
        _blocks.Add(new DocumentBlock("<h2>" + Html(line) + "</h2>\n", "## " + TextTable.Markdown(line) + "\n", -1));
        return this;
    }

    /// <summary>Adds a paragraph of prose.</summary>
    /// <param name="text">The text; <c>`code`</c> and <c>**bold**</c> are kept as marks, a blank line starts a new
    /// paragraph, anything else is shown as written.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public NpsDocumentBuilder Paragraph(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (string paragraph in ParagraphBreak().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()))
        {
            if (paragraph.Length == 0)
            {
                continue;
            }

            string joined = string.Join(' ', paragraph.Split('\n').Select(l => l.Trim()));
            _blocks.Add(new DocumentBlock("<p>" + InlineHtml(joined) + "</p>\n", InlineMarkdown(joined) + "\n", -1));
        }

        return this;
    }

    /// <summary>Adds a series as a table: one row per period with n, NPS, interval, change and p-value
    /// (<see cref="NpsSeries.ToHtml(double)"/>, <see cref="NpsSeries.ToMarkdown(double)"/>).</summary>
    /// <param name="series">The series.</param>
    /// <param name="level">The confidence level of the intervals, in (0, 1). Default 0.95.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside (0, 1).</exception>
    public NpsDocumentBuilder Table(NpsSeries series, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(series);
        _blocks.Add(new DocumentBlock(Wrap(series.ToHtml(level)), series.ToMarkdown(level), -1));
        return this;
    }

    /// <summary>Adds a cube as a table: one row per period and segment (<see cref="NpsCube.ToHtml(double)"/>,
    /// <see cref="NpsCube.ToMarkdown(double)"/>).</summary>
    /// <param name="cube">The cube.</param>
    /// <param name="level">The confidence level of the intervals, in (0, 1). Default 0.95.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cube"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside (0, 1).</exception>
    public NpsDocumentBuilder Table(NpsCube cube, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(cube);
        _blocks.Add(new DocumentBlock(Wrap(cube.ToHtml(level)), cube.ToMarkdown(level), -1));
        return this;
    }

    /// <summary>Adds a table of text cells the caller formatted (numbers right-aligned where a header says so).</summary>
    /// <param name="caption">The table's caption.</param>
    /// <param name="headers">The column headers; a header ending in <c>&gt;</c> (e.g. <c>"n&gt;"</c>) marks a
    /// right-aligned (numeric) column and the mark is not shown.</param>
    /// <param name="rows">The rows, each with one cell per header.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument or a row is null.</exception>
    /// <exception cref="ArgumentException">There is no header, or a row has a different number of cells than the
    /// headers (the message names the row).</exception>
    public NpsDocumentBuilder Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(caption);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (headers.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column header.", nameof(headers));
        }

        var table = new TextTable(caption, [.. headers.Select(h => h.EndsWith('>') ? (h[..^1], true) : (h, false))]);
        int index = 0;
        foreach (IReadOnlyList<string> row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            if (row.Count != headers.Count)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Row {index} has {row.Count} cells but the table has {headers.Count} columns ({string.Join(", ", headers)}): give one cell per column."), nameof(rows));
            }

            table.Add([.. row]);
            index++;
        }

        _blocks.Add(new DocumentBlock(Wrap(table.ToHtml()), table.ToMarkdown(), -1));
        return this;
    }

    /// <summary>Adds a chart: an SVG document such as <see cref="Charts.NpsCharts.TrendSvg"/> draws.</summary>
    /// <param name="svg">The SVG (an <c>&lt;svg&gt;</c> root in the SVG namespace; an XML declaration is dropped).</param>
    /// <param name="caption">A caption under the chart, or null for none. The chart's own title and description stay its
    /// accessible name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="svg"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="svg"/> is not well-formed XML, its root is not an SVG
    /// <c>&lt;svg&gt;</c> element, or it reuses an element id of an earlier chart (draw it with another <c>IdPrefix</c>).</exception>
    public NpsDocumentBuilder Chart(string svg, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(svg);
        XElement root;
        try
        {
            root = XElement.Parse(svg, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            throw new ArgumentException($"The chart is not well-formed SVG: {ex.Message}", nameof(svg), ex);
        }

        if (root.Name != XName.Get("svg", "http://www.w3.org/2000/svg"))
        {
            throw new ArgumentException($"The chart's root element is <{root.Name.LocalName}> in namespace '{root.Name.NamespaceName}'; a chart must be an <svg> element in the SVG namespace (http://www.w3.org/2000/svg).", nameof(svg));
        }

        foreach (XAttribute id in root.DescendantsAndSelf().Attributes("id"))
        {
            if (!_ids.Add(id.Value))
            {
                throw new ArgumentException($"The chart reuses the id '{id.Value}' of an earlier chart in this document, which would break the page's links between titles and charts: draw it with another IdPrefix (e.g. new TrendChartOptions {{ IdPrefix = \"trend-2\" }}).", nameof(svg));
            }
        }

        string text = root.ToString(SaveOptions.DisableFormatting);
        int index = _charts.Count;
        _charts.Add(text);
        var html = new StringBuilder("<figure>\n").Append(text).Append('\n');
        if (caption is not null)
        {
            _ = html.Append("<figcaption>").Append(InlineHtml(OneLine(caption))).Append("</figcaption>\n");
        }

        _ = html.Append("</figure>\n");
        _blocks.Add(new DocumentBlock(html.ToString(), caption is null ? string.Empty : InlineMarkdown(OneLine(caption)), index));
        return this;
    }

    /// <summary>Makes the document from what was added so far (the builder can go on and build again).</summary>
    /// <returns>An immutable document.</returns>
    public NpsDocument Build() => new(_title, [.. _blocks], [.. _charts]);

    private static string Wrap(string tableHtml) => "<div class=\"table-wrap\">\n" + tableHtml + "</div>\n";

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

    internal static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Escapes prose for HTML, keeping <c>`code`</c> and <c>**bold**</c>.</summary>
    private static string InlineHtml(string text)
    {
        var sb = new StringBuilder();
        foreach ((string part, bool code) in CodeSpans(text))
        {
            _ = code
                ? sb.Append("<code>").Append(Html(part)).Append("</code>")
                : sb.Append(Bold().Replace(Html(part), "<strong>$1</strong>"));
        }

        return sb.ToString();
    }

    /// <summary>Escapes prose for Markdown, keeping <c>`code`</c> and <c>**bold**</c>.</summary>
    private static string InlineMarkdown(string text)
    {
        var sb = new StringBuilder();
        foreach ((string part, bool code) in CodeSpans(text))
        {
            if (code)
            {
                string fence = part.Contains('`', StringComparison.Ordinal) ? "`` " : "`";
                _ = sb.Append(fence).Append(part).Append(fence.Trim() == "``" ? " ``" : "`");
                continue;
            }

            int last = 0;
            foreach (Match bold in Bold().Matches(part))
            {
                _ = sb.Append(TextTable.Markdown(part[last..bold.Index])).Append("**").Append(TextTable.Markdown(bold.Groups[1].Value)).Append("**");
                last = bold.Index + bold.Length;
            }

            _ = sb.Append(TextTable.Markdown(part[last..]));
        }

        return sb.ToString();
    }

    /// <summary>Splits text at backtick pairs into (text, false) and (code, true) parts; an unpaired backtick is text.</summary>
    private static IEnumerable<(string Part, bool Code)> CodeSpans(string text)
    {
        int start = 0;
        while (start < text.Length)
        {
            int open = text.IndexOf('`', start);
            int close = open < 0 ? -1 : text.IndexOf('`', open + 1);
            if (close < 0)
            {
                yield return (text[start..], false);
                yield break;
            }

            if (open > start)
            {
                yield return (text[start..open], false);
            }

            yield return (text[(open + 1)..close], true);
            start = close + 1;
        }
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"\*\*(\S(?:.*?\S)?)\*\*")]
    private static partial Regex Bold();
}

/// <summary>One block of a document, rendered both ways; <paramref name="Chart"/> is the chart's index, or -1.</summary>
internal sealed record DocumentBlock(string Html, string Markdown, int Chart);
