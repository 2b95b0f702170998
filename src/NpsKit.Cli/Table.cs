using System.Text;

namespace NpsKit.Cli;

/// <summary>A plain table of text cells that writes itself aligned for a terminal, as CSV or as Markdown.</summary>
/// <param name="Headers">The column headers.</param>
/// <param name="Rows">The rows, each with one cell per header.</param>
/// <param name="RightAligned">Which columns hold numbers (right-aligned).</param>
internal sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows, IReadOnlySet<int> RightAligned)
{
    /// <summary>Writes the table in <paramref name="format"/>: <c>table</c>, <c>csv</c> or <c>markdown</c>. A cell of
    /// <c>-</c> means "no value" and is written empty in CSV.</summary>
    public void Write(TextWriter output, string format)
    {
        switch (format)
        {
            case "csv":
                output.WriteLine(string.Join(',', Headers.Select(Csv)));
                foreach (string[] row in Rows)
                {
                    output.WriteLine(string.Join(',', row.Select(cell => cell == "-" ? string.Empty : Csv(cell)))); // "-" means no value
                }

                break;
            case "markdown":
                output.WriteLine("| " + string.Join(" | ", Headers) + " |");
                output.WriteLine("|" + string.Join("|", Headers.Select((_, i) => RightAligned.Contains(i) ? "---:" : "---")) + "|");
                foreach (string[] row in Rows)
                {
                    output.WriteLine("| " + string.Join(" | ", row.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
                }

                break;
            default:
                int[] widths = [.. Headers.Select((h, i) => Math.Max(h.Length, Rows.Count == 0 ? 0 : Rows.Max(r => r[i].Length)))];
                output.WriteLine(Line(Headers, widths));
                output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
                foreach (string[] row in Rows)
                {
                    output.WriteLine(Line(row, widths));
                }

                break;
        }
    }

    private string Line(IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(RightAligned.Contains(i) ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        return line.ToString().TrimEnd();
    }

    /// <summary>Quotes a CSV field when needed and defuses spreadsheet formulas (a leading = + - @ gets a ', except numbers).</summary>
    internal static string Csv(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' && !double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
