using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NpsKit.Cli;

/// <summary>Writes a <see cref="Report"/> as an aligned table, CSV, JSON or Markdown.</summary>
internal static class ReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/> in <paramref name="format"/>.</summary>
    public static void Write(TextWriter output, Report report, string format, string source, TableLayout layout)
    {
        switch (format)
        {
            case "csv":
                WriteCsv(output, report);
                break;
            case "json":
                WriteJson(output, report, source);
                break;
            case "markdown":
                WriteMarkdown(output, report);
                break;
            default:
                WriteTable(output, report, layout);
                break;
        }
    }

    /// <summary>The column headers of the table formats (also the HTML report's table).</summary>
    internal static List<string> Headers(Report report)
    {
        var headers = new List<string> { "period" };
        if (report.IsSegmented)
        {
            headers.Add(string.Join(" / ", report.Dimensions));
        }

        headers.AddRange(["n", "NPS", $"{Words.LevelLabel(report.Level)} CI", "promoters", "passives", "detractors", "change", "p", "p adj.", "note"]);
        return headers;
    }

    /// <summary>The rows of the table formats as text cells, in the order of <see cref="Headers"/>.</summary>
    internal static List<string[]> TextCells(Report report) => [.. report.Rows.Select(row =>
    {
        var cells = new List<string> { row.Period };
        if (report.IsSegmented)
        {
            cells.Add(row.Segment);
        }

        cells.Add(row.Count.ToString("N0", Invariant));
        cells.Add(row.Nps is { } nps ? Words.Points(nps) : "-");
        cells.Add(row.Interval is { } interval ? Words.Interval(interval) : "-");
        cells.Add(row.PromoterShare is { } p ? Words.Percent(p) : "-");
        cells.Add(row.PassiveShare is { } q ? Words.Percent(q) : "-");
        cells.Add(row.DetractorShare is { } d ? Words.Percent(d) : "-");
        cells.Add(row.Change is { } change ? Words.Signed(change.Difference) : "-");
        cells.Add(ReportMultipleComparisons.RawCell(row));
        cells.Add(ReportMultipleComparisons.AdjustedCell(row));
        string?[] notes = [row.IsTooSmall ? string.Create(Invariant, $"too small (n < {report.MinimumCount})") : null, ReportMultipleComparisons.Note(row, report)];
        cells.Add(string.Join("; ", notes.Where(note => note is not null)));
        return cells.ToArray();
    })];

    private static void WriteTable(TextWriter output, Report report, TableLayout layout)
    {
        List<string> headers = Headers(report);
        int textColumns = report.IsSegmented ? 2 : 1;
        var numbers = new HashSet<int>(Enumerable.Range(textColumns, headers.Count - textColumns - 1)); // all but the text columns and the note
        new Table(headers, TextCells(report), numbers).Write(output, "table", layout);
    }

    private static void WriteMarkdown(TextWriter output, Report report)
    {
        List<string> headers = Headers(report);
        int textColumns = report.IsSegmented ? 2 : 1;
        output.WriteLine("| " + string.Join(" | ", headers.Select(MarkdownCell)) + " |");
        output.WriteLine("|" + string.Join("|", headers.Select((_, i) => i < textColumns || i == headers.Count - 1 ? "---" : "---:")) + "|");
        foreach (string[] row in TextCells(report))
        {
            output.WriteLine("| " + string.Join(" | ", row.Select(MarkdownCell)) + " |");
        }
    }

    /// <summary>A value as a Markdown table cell: backslashes and pipes escaped, line breaks as spaces (a raw line break
    /// would end the table row).</summary>
    internal static string MarkdownCell(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r\n", " ", StringComparison.Ordinal)
        .Replace('\r', ' ')
        .Replace('\n', ' ');

    private static void WriteCsv(TextWriter output, Report report)
    {
        output.WriteLine("period,segment,n,nps,ci_lower,ci_upper,promoter_share,passive_share,detractor_share,change,change_lower,change_upper,p_value,p_adjusted,significant,too_small");
        foreach (ReportRow row in report.Rows)
        {
            string[] fields =
            [
                Csv(row.Period),
                Csv(row.Segment),
                row.Count.ToString(Invariant),
                Number(row.Nps),
                Number(row.Interval?.Lower),
                Number(row.Interval?.Upper),
                Number(row.PromoterShare),
                Number(row.PassiveShare),
                Number(row.DetractorShare),
                Number(row.Change?.Difference),
                Number(row.Change?.Interval.Lower),
                Number(row.Change?.Interval.Upper),
                Number(row.Change is { IsComputable: true } tested ? tested.PValue : null),
                Number(row.AdjustedPValue),
                ReportMultipleComparisons.IsSignificant(row, report.Level) ? "true" : "false",
                row.IsTooSmall ? "true" : "false",
            ];
            output.WriteLine(string.Join(',', fields));
        }
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.######", Invariant) : string.Empty;

    /// <summary>Quotes a text field when needed and defuses spreadsheet formulas (a leading = + - @ gets a ').</summary>
    private static string Csv(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static void WriteJson(TextWriter output, Report report, string source)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("source", source);
            json.WriteString("period", report.Unit.ToString());
            json.WriteStartArray("segments");
            foreach (string dimension in report.Dimensions)
            {
                json.WriteStringValue(dimension);
            }

            json.WriteEndArray();
            json.WriteNumber("level", report.Level);
            json.WriteString("intervalMethod", report.IntervalMethod.ToString());
            json.WriteNumber("minimumCount", report.MinimumCount);
            json.WriteBoolean("weighted", report.IsWeighted);

            // false for a file with only NPS groups: counted by category, so no 0-10 distribution or mean score exists.
            json.WriteBoolean("scoreDetail", report.HasScoreDetail);
            json.WriteString("adjustment", ReportMultipleComparisons.Label(report.Adjustment));
            json.WriteStartArray("rows");
            foreach (ReportRow row in report.Rows)
            {
                json.WriteStartObject();
                json.WriteString("period", row.Period);
                json.WriteString("segment", row.Segment);
                json.WriteNumber("n", row.Count);
                WriteNumber(json, "nps", row.Nps);
                WriteNumber(json, "promoterShare", row.PromoterShare);
                WriteNumber(json, "passiveShare", row.PassiveShare);
                WriteNumber(json, "detractorShare", row.DetractorShare);
                if (row.Interval is { } interval)
                {
                    json.WriteStartObject("interval");
                    json.WriteNumber("lower", interval.Lower);
                    json.WriteNumber("upper", interval.Upper);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("interval");
                }

                if (row.Change is { } change)
                {
                    json.WriteStartObject("change");
                    json.WriteNumber("difference", change.Difference);
                    json.WriteNumber("lower", change.Interval.Lower);
                    json.WriteNumber("upper", change.Interval.Upper);
                    json.WriteBoolean("computable", change.IsComputable);
                    WriteNumber(json, "pValue", change.IsComputable ? change.PValue : null);
                    WriteNumber(json, "pAdjusted", row.AdjustedPValue);
                    json.WriteBoolean("significant", ReportMultipleComparisons.IsSignificant(row, report.Level));
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("change");
                }

                json.WriteBoolean("tooSmall", row.IsTooSmall);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
