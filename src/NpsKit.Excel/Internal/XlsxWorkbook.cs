using System.IO.Compression;
using System.Text;
using System.Xml;
using NpsKit.Csv;

namespace NpsKit.Excel.Internal;

/// <summary>
/// The parts of an .xlsx workbook (ECMA-376 Part 1, SpreadsheetML) a sheet's rows need: the sheets by name (the workbook
/// part and its relationships), the shared strings table (kept as each string's CSV field bytes, so memory is bounded by
/// the workbook's distinct strings, never by its rows), and which cell styles format numbers as dates.
/// </summary>
/// <remarks>
/// A reader of our own over <see cref="ZipArchive"/> and <see cref="XmlReader"/> rather than a spreadsheet library:
/// MiniExcel's <c>Query</c> allocated about 10.7 KB per row (a dictionary and boxed cells per row), ExcelDataReader 3.6.0
/// about 2.5 KB and the Open XML SDK's <c>OpenXmlReader</c> about 3.3 KB (measured in docs/performance.md); this one
/// writes each row's CSV bytes straight from the XML.
/// </remarks>
internal sealed class XlsxWorkbook : IDisposable
{
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly ZipArchive _zip;
    private readonly string _file;

    private XlsxWorkbook(ZipArchive zip, string file)
    {
        _zip = zip;
        _file = file;
    }

    /// <summary>Gets the sheets in workbook order: name and zip entry.</summary>
    public IReadOnlyList<(string Name, string Entry)> Sheets { get; private set; } = [];

    /// <summary>Gets the shared strings as CSV fields (quoted where CSV needs it), UTF-8.</summary>
    public byte[][] SharedStrings { get; private set; } = [];

    /// <summary>Gets, per cell style index (<c>s</c>), whether the style's number format is a date or time.</summary>
    public bool[] DateStyles { get; private set; } = [];

    /// <summary>Whether the workbook uses the 1904 date system (serial 0 = 1904-01-01, as Excel for Mac wrote by
    /// default until 2011): its serials are 1 462 days behind the 1900 system's.</summary>
    public bool Date1904 { get; private set; }

    /// <summary>Days from the 1900 system's serial of a date to the 1904 system's (1904-01-01 is 1900 serial 1 462).</summary>
    public const int Date1904Offset = 1462;

    /// <summary>Reads the workbook's sheet list, shared strings and styles from <paramref name="file"/> (left open for
    /// <see cref="OpenEntry"/>; disposing the workbook closes it).</summary>
    public static XlsxWorkbook Open(Stream file, string name, bool loadCells)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException ex)
        {
            file.Dispose();
            throw new NpsDataException($"{name}: the workbook cannot be read: {ex.Message}", ex);
        }

        var book = new XlsxWorkbook(zip, name);
        try
        {
            Dictionary<string, (string Type, string Target)> rels = book.Relationships("xl/_rels/workbook.xml.rels", "xl/");
            var sheets = new List<(string, string)>();
            using (XmlReader xml = book.Xml("xl/workbook.xml"))
            {
                while (xml.Read())
                {
                    if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "workbookPr")
                    {
                        // ECMA-376 Part 1, §18.2.28: date1904 (an xsd:boolean) moves serial 0 to 1904-01-01.
                        book.Date1904 = xml.GetAttribute("date1904") is "1" or "true";
                    }
                    else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet")
                    {
                        string sheetName = xml.GetAttribute("name") ?? string.Empty;
                        string? id = xml.GetAttribute("id", RelationshipsNs);
                        if (id is not null && rels.TryGetValue(id, out var target))
                        {
                            sheets.Add((sheetName, target.Target));
                        }
                    }
                }
            }

            book.Sheets = sheets;
            if (loadCells)
            {
                foreach ((string type, string target) in rels.Values)
                {
                    if (type.EndsWith("/sharedStrings", StringComparison.Ordinal))
                    {
                        book.SharedStrings = book.ReadSharedStrings(target);
                    }
                    else if (type.EndsWith("/styles", StringComparison.Ordinal))
                    {
                        book.DateStyles = book.ReadDateStyles(target);
                    }
                }
            }

            return book;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException or FormatException)
        {
            book.Dispose();
            throw new NpsDataException($"{name}: the workbook cannot be read: {ex.Message}", ex);
        }
        catch
        {
            book.Dispose();
            throw;
        }
    }

    /// <summary>Opens a part of the workbook for reading.</summary>
    public Stream OpenEntry(string entry) =>
        (_zip.GetEntry(entry) ?? _zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, entry, StringComparison.OrdinalIgnoreCase))
            ?? throw new NpsDataException($"{_file}: the workbook has no part '{entry}': it is not a complete .xlsx workbook; save it again from Excel.")).Open();

    /// <summary>An <see cref="XmlReader"/> over a part, without DTDs or whitespace nodes.</summary>
    public XmlReader Xml(string entry) => XmlReader.Create(OpenEntry(entry), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreWhitespace = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
        XmlResolver = null,
    });

    public void Dispose() => _zip.Dispose();

    /// <summary>A field as CSV writes it: quoted (inner quotes doubled) when it holds a comma, a quote or a line break.</summary>
    internal static byte[] CsvField(string text) =>
        Encoding.UTF8.GetBytes(text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");

    /// <summary>Reads the text of a string item (<c>si</c>, or a cell's <c>is</c>): its <c>t</c> elements, in order, leaving
    /// out phonetic runs (<c>rPh</c>). The reader is on the item's start element and ends on its end element.</summary>
    internal static string ItemText(XmlReader xml, StringBuilder text)
    {
        text.Clear();
        if (xml.IsEmptyElement)
        {
            return string.Empty;
        }

        int depth = xml.Depth;
        bool advance = true;
        while (!advance || xml.Read())
        {
            advance = true;
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                break;
            }

            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh")
            {
                xml.Skip(); // a phonetic run: not part of the text; Skip stops on the node after it
                advance = false;
                continue;
            }

            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t" && !xml.IsEmptyElement)
            {
                int t = xml.Depth;
                while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == t))
                {
                    if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                    {
                        text.Append(xml.Value);
                    }
                }
            }
        }

        return text.ToString();
    }

    private Dictionary<string, (string Type, string Target)> Relationships(string entry, string folder)
    {
        var rels = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        using XmlReader xml = Xml(entry);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("Id") is string id && xml.GetAttribute("Target") is string target)
            {
                // A target is relative to the part's folder (xl/), or absolute from the package root (/xl/…).
                string path = target.StartsWith('/') ? target[1..] : folder + target;
                rels[id] = (xml.GetAttribute("Type") ?? string.Empty, path);
            }
        }

        return rels;
    }

    private byte[][] ReadSharedStrings(string entry)
    {
        var strings = new List<byte[]>();
        var text = new StringBuilder();
        using XmlReader xml = Xml(entry);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                strings.Add(CsvField(ItemText(xml, text)));
            }
        }

        return [.. strings];
    }

    /// <summary>Which cell formats (<c>cellXfs/xf</c>, by index) show numbers as dates or times: the built-in date and
    /// time formats (ids 14–22, 27–36, 45–47, 50–58: ECMA-376 Part 1, §18.8.30 and its East Asian ids) and custom
    /// <c>numFmt</c> codes with a date or time part (y, m, d, h or s outside quotes, escapes and [colour] brackets;
    /// [h]/[mm]/[ss] elapsed times count).</summary>
    private bool[] ReadDateStyles(string entry)
    {
        var custom = new Dictionary<int, bool>();
        var styles = new List<bool>();
        using XmlReader xml = Xml(entry);
        bool inCellXfs = false;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
            {
                inCellXfs = false;
            }

            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName == "numFmt" && int.TryParse(xml.GetAttribute("numFmtId"), out int id))
            {
                custom[id] = IsDateFormat(xml.GetAttribute("formatCode") ?? string.Empty);
            }
            else if (xml.LocalName == "cellXfs")
            {
                inCellXfs = !xml.IsEmptyElement;
            }
            else if (inCellXfs && xml.LocalName == "xf")
            {
                int format = int.TryParse(xml.GetAttribute("numFmtId"), out int f) ? f : 0;
                styles.Add(custom.TryGetValue(format, out bool date) ? date : IsBuiltInDate(format));
            }
        }

        return [.. styles];
    }

    internal static bool IsBuiltInDate(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    internal static bool IsDateFormat(string code)
    {
        bool quoted = false;
        for (int i = 0; i < code.Length; i++)
        {
            char c = code[i];
            if (quoted)
            {
                quoted = c != '"';
                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case '\\' or '_' or '*':
                    i++; // an escaped or padding character
                    break;
                case '[':
                    int end = code.IndexOf(']', i);
                    if (end < 0)
                    {
                        return false;
                    }

                    string inner = code[(i + 1)..end].ToLowerInvariant();
                    if (inner is "h" or "hh" or "m" or "mm" or "s" or "ss")
                    {
                        return true; // elapsed time
                    }

                    i = end;
                    break;
                case ';':
                    return false; // only the first section (positive numbers) decides
                default:
                    if ("yYmMdDhHsS".Contains(c, StringComparison.Ordinal))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }
}
