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
    /// <param name="output">Where the table goes.</param>
    /// <param name="format">The format.</param>
    /// <param name="layout">How wide an aligned table may be (ignored by CSV and Markdown).</param>
    public void Write(TextWriter output, string format, TableLayout layout)
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
                WriteAligned(output, layout);
                break;
        }
    }

    /// <summary>The aligned text table, fitted to the layout's <see cref="TableLayout.Width"/>: text columns are shortened with "…"
    /// first (never a number: a cut number is a wrong number), then columns are left out from the right; what was cut
    /// is said once on <see cref="TableLayout.Notes"/>, with the way to see it all.</summary>
    private void WriteAligned(TextWriter output, TableLayout layout)
    {
        int[] widths = [.. Headers.Select((h, i) => Math.Max(h.Length, Rows.Count == 0 ? 0 : Rows.Max(r => r[i].Length)))];
        int[] shown = [.. Enumerable.Range(0, Headers.Count)];
        if (layout.Width is { } max && Total(widths, shown) > max)
        {
            var shortened = new List<string>();
            // Shorten the widest text column, one character at a time, down to its header or 8 characters.
            while (Total(widths, shown) > max)
            {
                int widest = -1;
                for (int i = 0; i < widths.Length; i++)
                {
                    if (!RightAligned.Contains(i) && widths[i] > Math.Max(Headers[i].Length, 8) && (widest < 0 || widths[i] > widths[widest]))
                    {
                        widest = i;
                    }
                }

                if (widest < 0)
                {
                    break;
                }

                widths[widest]--;
                if (!shortened.Contains(Headers[widest]))
                {
                    shortened.Add(Headers[widest]);
                }
            }

            var left = new List<string>();
            while (Total(widths, shown) > max && shown.Length > 1)
            {
                left.Insert(0, Headers[shown[^1]]);
                shown = shown[..^1];
            }

            string what = string.Join("; ", new[]
            {
                shortened.Count > 0 ? "shortened with …: " + string.Join(", ", shortened) : null,
                left.Count > 0 ? "left out: " + string.Join(", ", left) : null,
            }.Where(x => x is not null));
            layout.Notes?.WriteLine($"nps: the table is cut to fit {max} columns ({what}); --wide shows it all, or use --format csv or json.");
        }

        output.WriteLine(Line(Headers, widths, shown));
        output.WriteLine(string.Join("  ", shown.Select(i => new string('-', widths[i]))));
        foreach (string[] row in Rows)
        {
            output.WriteLine(Line(row, widths, shown));
        }
    }

    private static int Total(int[] widths, int[] shown) => shown.Sum(i => widths[i]) + (2 * (shown.Length - 1));

    private string Line(IReadOnlyList<string> cells, int[] widths, int[] shown)
    {
        var line = new StringBuilder();
        foreach (int i in shown)
        {
            if (line.Length > 0)
            {
                line.Append("  ");
            }

            string cell = cells[i].Length > widths[i] ? cells[i][..(widths[i] - 1)] + "…" : cells[i];
            line.Append(RightAligned.Contains(i) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
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

/// <summary>
/// How wide the aligned text tables of a run may be, and where the note about a cut table goes: the terminal's width
/// (or <c>COLUMNS</c>), none when the output is not a terminal or <c>--wide</c> is given. A value each command gets
/// from <see cref="CliContext.TableLayout"/> and hands to <see cref="Table.Write"/>, so a table's width never depends
/// on state the writer cannot see.
/// </summary>
/// <param name="Width">The most characters a table line may have, or <see langword="null"/> for no limit.</param>
/// <param name="Notes">Where the note about a cut table goes (standard error), or <see langword="null"/> for nowhere.</param>
internal sealed record TableLayout(int? Width, TextWriter? Notes)
{
    /// <summary>Gets the layout with no width limit: tables at full width.</summary>
    public static TableLayout Unlimited { get; } = new(null, null);

    /// <summary>The layout for a terminal <paramref name="width"/> characters wide (at least 40 are used), or no limit.</summary>
    public static TableLayout For(int? width, TextWriter notes) => new(width is > 0 ? Math.Max(width.Value, 40) : null, notes);
}
