using System.Globalization;
using System.Text;

namespace NpsKit.Documents;

/// <summary>
/// A report of prose, tables and charts, made by <see cref="NpsDocumentBuilder"/>, that renders as one
/// self-contained HTML page (<see cref="ToHtml"/>) or as Markdown (<see cref="ToMarkdown()"/>): what a script or a
/// notebook leaves behind for a data team to share.
/// </summary>
/// <remarks>
/// <para>The HTML page has inline CSS and inline SVG, no scripts and no external requests, so it opens from a file, an
/// e-mail attachment or a chat message as it was written. It is readable from a 375 px phone to print: charts scale to
/// the page width (their <c>viewBox</c> keeps the proportions), wide tables scroll inside their own box, and print CSS
/// drops the page background and keeps figures and table rows from splitting across pages.</para>
/// <para>The output is deterministic (no time stamp, invariant culture, LF line ends), so a report can be committed
/// and diffed. This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class NpsDocument
{
    private readonly DocumentBlock[] _blocks;
    private readonly string[] _charts;

    internal NpsDocument(string title, DocumentBlock[] blocks, string[] charts)
    {
        Title = title;
        _blocks = blocks;
        _charts = charts;
    }

    /// <summary>Gets the title.</summary>
    public string Title { get; }

    /// <summary>Gets the charts' SVG documents, in order: what <see cref="ToMarkdown(Func{int, string})"/> links to.</summary>
    public IReadOnlyList<string> Charts => _charts;

    /// <summary>The page's style sheet: system fonts, a readable measure, responsive figures and tables, print rules.</summary>
    internal const string Css = """
        :root { color-scheme: light; }
        *, *::before, *::after { box-sizing: border-box; }
        body { margin: 0; background: #f6f7f9; color: #1f2328; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
        main { max-width: 980px; margin: 0 auto; padding: 20px 16px 40px; background: #fff; }
        h1 { font-size: 1.55em; line-height: 1.25; margin: 0 0 12px; overflow-wrap: anywhere; }
        h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 1px solid #d8dee4; padding-bottom: 4px; overflow-wrap: anywhere; }
        p { margin: 8px 0; overflow-wrap: anywhere; }
        code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; background: #f0f2f5; padding: 0 3px; border-radius: 3px; }
        figure { margin: 16px 0; }
        figure svg { display: block; width: 100%; max-width: 100%; height: auto; }
        figcaption { color: #59636e; font-size: 0.875em; margin-top: 4px; }
        .table-wrap { overflow-x: auto; max-width: 100%; margin: 12px 0; }
        table { border-collapse: collapse; font-size: 0.875em; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        th, td { padding: 4px 8px; border-bottom: 1px solid #d8dee4; white-space: nowrap; text-align: left; }
        th { background: #f0f2f5; }
        td[align="right"], th[align="right"], .num { text-align: right; }
        footer { color: #59636e; font-size: 0.8em; margin-top: 32px; }
        @media (max-width: 480px) { body { font-size: 15px; } main { padding: 12px 10px 28px; } }
        @media print {
          body { background: #fff; font-size: 11pt; }
          main { max-width: none; padding: 0; }
          figure, tr { break-inside: avoid; }
          h2 { break-after: avoid; }
          .table-wrap { overflow: visible; }
        }

        """;

    /// <summary>Renders the document as one self-contained HTML page.</summary>
    /// <returns>The page (UTF-8 when saved; LF line ends).</returns>
    public string ToHtml()
    {
        var html = new StringBuilder();
        _ = html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"NpsKit\">\n")
            .Append("<title>").Append(NpsDocumentBuilder.Html(Title)).Append("</title>\n")
            .Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(NpsDocumentBuilder.Html(Title)).Append("</h1>\n");
        foreach (DocumentBlock block in _blocks)
        {
            _ = html.Append(block.Html);
        }

        _ = html.Append("<footer>Made with NpsKit.</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Renders the document as Markdown with each chart embedded as an image (a <c>data:image/svg+xml</c>
    /// URI), so the one file is self-contained. Viewers that refuse data URIs (some code hosts) show the alternative
    /// text instead; use <see cref="ToMarkdown(Func{int, string})"/> and save <see cref="Charts"/> beside it for those.</summary>
    /// <returns>The Markdown (LF line ends).</returns>
    public string ToMarkdown() => Markdown(i => "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(_charts[i])));

    /// <summary>Renders the document as Markdown with each chart linked as an image file.</summary>
    /// <param name="chartPath">The link for chart <c>i</c> (0-based, an index into <see cref="Charts"/>), e.g.
    /// <c>i =&gt; $"monthly-trend-{i + 1}.svg"</c>; the caller saves <c>Charts[i]</c> there.</param>
    /// <returns>The Markdown (LF line ends).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chartPath"/> is null.</exception>
    public string ToMarkdown(Func<int, string> chartPath)
    {
        ArgumentNullException.ThrowIfNull(chartPath);
        return Markdown(chartPath);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Title} ({_blocks.Length} blocks, {_charts.Length} charts)");

    private string Markdown(Func<int, string> chartLink)
    {
        var md = new StringBuilder("# ").Append(Internal.TextTable.Markdown(Title)).Append("\n\n");
        foreach (DocumentBlock block in _blocks)
        {
            if (block.Chart >= 0)
            {
                string alt = block.Markdown.Length > 0 ? block.Markdown : "Chart " + (block.Chart + 1).ToString(CultureInfo.InvariantCulture);
                _ = md.Append("![").Append(alt.Replace("]", "\\]", StringComparison.Ordinal)).Append("](").Append(chartLink(block.Chart)).Append(")\n");
                if (block.Markdown.Length > 0)
                {
                    _ = md.Append('\n').Append('*').Append(block.Markdown).Append("*\n");
                }
            }
            else
            {
                _ = md.Append(block.Markdown);
            }

            _ = md.Append('\n');
        }

        return md.ToString().TrimEnd('\n') + "\n";
    }
}
