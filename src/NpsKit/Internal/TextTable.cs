using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace NpsKit.Internal;

/// <summary>
/// A small table of already-formatted text cells rendered as a GitHub-flavoured Markdown table or an HTML table, for
/// the <c>ToMarkdown</c>/<c>ToHtml</c> methods of result types (notebooks, reports, README snippets). Output is
/// deterministic: invariant culture, <c>\n</c> line ends, no time stamps.
/// </summary>
internal sealed class TextTable
{
    private readonly string _caption;
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];
    private readonly List<string> _notes = [];

    internal TextTable(string caption, params (string Header, bool RightAligned)[] columns)
    {
        _caption = caption;
        _headers = [.. columns.Select(c => c.Header)];
        _rightAligned = [.. columns.Select(c => c.RightAligned)];
    }

    internal void Add(params string[] cells)
    {
        Debug.Assert(cells.Length == _headers.Length, "one cell per column");
        _rows.Add(cells);
    }

    internal void Note(string note) => _notes.Add(note);

    internal string ToMarkdown()
    {
        var sb = new StringBuilder();
        _ = sb.Append("**").Append(Markdown(_caption)).Append("**\n\n");
        _ = sb.Append('|');
        foreach (string h in _headers)
        {
            _ = sb.Append(' ').Append(Markdown(h)).Append(" |");
        }

        _ = sb.Append("\n|");
        foreach (bool right in _rightAligned)
        {
            _ = sb.Append(right ? " ---: |" : " --- |");
        }

        _ = sb.Append('\n');
        foreach (string[] row in _rows)
        {
            _ = sb.Append('|');
            foreach (string cell in row)
            {
                _ = sb.Append(' ').Append(Markdown(cell)).Append(" |");
            }

            _ = sb.Append('\n');
        }

        foreach (string note in _notes)
        {
            _ = sb.Append('\n').Append(Markdown(note)).Append('\n');
        }

        return sb.ToString();
    }

    internal string ToHtml()
    {
        var sb = new StringBuilder();
        _ = sb.Append("<table class=\"npskit\">\n<caption>").Append(Html(_caption)).Append("</caption>\n<thead><tr>");
        for (int i = 0; i < _headers.Length; i++)
        {
            _ = sb.Append(Cell("th", _headers[i], _rightAligned[i]));
        }

        _ = sb.Append("</tr></thead>\n<tbody>\n");
        foreach (string[] row in _rows)
        {
            _ = sb.Append("<tr>");
            for (int i = 0; i < row.Length; i++)
            {
                _ = sb.Append(Cell("td", row[i], _rightAligned[i]));
            }

            _ = sb.Append("</tr>\n");
        }

        _ = sb.Append("</tbody>\n</table>\n");
        foreach (string note in _notes)
        {
            _ = sb.Append("<p>").Append(Html(note)).Append("</p>\n");
        }

        return sb.ToString();
    }

    /// <summary>Formats a score as <c>+12.3</c>, <c>-4.0</c> or <c>0.0</c>, or a dash when the tally is empty.</summary>
    internal static string Score(NpsTally tally) =>
        tally.TryGetScore(out double score) ? Signed(score) : "—";

    /// <summary>Formats an interval's bounds as <c>+3.1 to +17.4</c>, or a dash when the tally is empty.</summary>
    internal static string Interval(NpsTally tally, double level) =>
        tally.HasScore ? Range(tally.ConfidenceInterval(level)) : "—";

    internal static string Range(NpsInterval interval) => $"{Signed(interval.Lower)} to {Signed(interval.Upper)}";

    internal static string Signed(double value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    internal static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Percent(double level) => (level * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    internal static string PValue(double p) =>
        p < 0.001 ? "< 0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>
    /// Escapes text for a Markdown table cell: backslash, pipe and the inline markup characters <c>* _ ` [ ]</c> are
    /// backslash-escaped, a <c>&lt;</c> that could open an HTML tag becomes <c>&amp;lt;</c>, and line breaks become spaces.
    /// </summary>
    internal static string Markdown(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\r':
                case '\n':
                    _ = sb.Append(' ');
                    break;
                case '\\' or '|' or '*' or '_' or '`' or '[' or ']':
                    _ = sb.Append('\\').Append(c);
                    break;
                case '<' when i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] is '/' or '!' or '?'):
                    _ = sb.Append("&lt;");
                    break;
                default:
                    _ = sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    internal static string Html(string text) => WebUtility.HtmlEncode(text);

    private static string Cell(string tag, string text, bool rightAligned) =>
        rightAligned ? $"<{tag} style=\"text-align:right\">{Html(text)}</{tag}>" : $"<{tag}>{Html(text)}</{tag}>";
}
