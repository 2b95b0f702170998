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
/// A reader of our own over <see cref="ZipArchive"/> rather than a spreadsheet library. The small parts (workbook,
/// relationships, styles) are read with <see cref="XmlReader"/>; the sheet and the shared strings, which grow with the
/// data, with <see cref="SheetXml"/>, because all three libraries compared sit on <see cref="XmlReader"/>, whose bare
/// read loop over a 1M-row sheet costs about 11 times the whole CSV read (MiniExcel 1.46.0, ExcelDataReader 3.6.0 and
/// OpenXmlReader 3.3.0 took 24–62 s and allocated 2.7–10.9 GB there: docs/formats.md). Each row's CSV bytes are written
/// straight from the XML.
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

    /// <summary>Gets the shared strings as CSV fields (quoted where CSV needs it), UTF-8, one after the other: string
    /// <c>i</c> is <c>SharedStrings[SharedStart[i]..SharedStart[i + 1]]</c>.</summary>
    public byte[] SharedStrings { get; private set; } = [];

    /// <summary>Gets where each shared string starts in <see cref="SharedStrings"/>, and (last) where the last one ends.</summary>
    public int[] SharedStart { get; private set; } = [0];

    /// <summary>Gets the number of shared strings.</summary>
    public int SharedCount => SharedStart.Length - 1;

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
                        book.ReadSharedStrings(target);
                    }
                    else if (type.EndsWith("/styles", StringComparison.Ordinal))
                    {
                        book.DateStyles = book.ReadDateStyles(target);
                    }
                }
            }

            return book;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException or FormatException or DecoderFallbackException)
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

    /// <summary>Opens a part as UTF-8 bytes: as stored when it is UTF-8 (ECMA-376 Part 2 allows UTF-8 and UTF-16, and
    /// Excel writes UTF-8), transcoded when its byte-order mark or XML declaration names another encoding.</summary>
    public Stream OpenText(string entry)
    {
        Encoding? encoding;
        using (Stream probe = OpenEntry(entry))
        {
            Span<byte> head = stackalloc byte[256];
            int n = probe.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            encoding = EncodingOf(head[..n]);
        }

        Stream part = OpenEntry(entry);
        return encoding is null ? part : Encoding.CreateTranscodingStream(part, encoding, new UTF8Encoding(false), leaveOpen: false);
    }

    /// <summary>The encoding of a part that is not UTF-8, from its start (XML 1.0, Appendix F); <see langword="null"/> for UTF-8.</summary>
    internal static Encoding? EncodingOf(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[(byte)'<', 0, (byte)'?', 0]))
        {
            return Encoding.Unicode;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0, (byte)'<', 0, (byte)'?']))
        {
            return Encoding.BigEndianUnicode;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        if (!head.StartsWith("<?xml"u8))
        {
            return null;
        }

        int end = head.IndexOf("?>"u8);
        ReadOnlySpan<byte> declaration = end < 0 ? head : head[..end];
        int at = declaration.IndexOf("encoding"u8);
        if (at < 0)
        {
            return null;
        }

        ReadOnlySpan<byte> rest = declaration[(at + 8)..].TrimStart(" \t\r\n"u8);
        if (rest.Length < 2 || rest[0] != (byte)'=')
        {
            return null;
        }

        rest = rest[1..].TrimStart(" \t\r\n"u8);
        int close = rest.Length > 1 ? rest[1..].IndexOf(rest[0]) : -1;
        if (close < 0)
        {
            return null;
        }

        string name = Encoding.ASCII.GetString(rest.Slice(1, close));
        if (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"the part's encoding '{name}' is not supported (save the workbook again from Excel, which writes UTF-8)", ex);
        }
    }

    /// <summary>Appends <paramref name="text"/> as a CSV field: quoted (inner quotes doubled) when it holds a comma, a quote or a line break.</summary>
    internal static void AppendCsvField(ReadOnlySpan<byte> text, ref byte[] to, ref int used)
    {
        if (text.IndexOfAny(",\"\r\n"u8) < 0)
        {
            Grow(ref to, used + text.Length);
            text.CopyTo(to.AsSpan(used));
            used += text.Length;
            return;
        }

        Grow(ref to, used + (2 * text.Length) + 2);
        to[used++] = (byte)'"';
        foreach (byte b in text)
        {
            if (b == (byte)'"')
            {
                to[used++] = b;
            }

            to[used++] = b;
        }

        to[used++] = (byte)'"';
    }

    internal static void Grow(ref byte[] buffer, int size)
    {
        if (size > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(size, buffer.Length * 2));
        }
    }

    /// <summary>Reads the text of a string item (<c>si</c>, or a cell's <c>is</c>) into <paramref name="to"/>: its
    /// <c>t</c> elements, in order, leaving out phonetic runs (<c>rPh</c>). The reader is on the item's start tag and ends
    /// on its end tag.</summary>
    internal static void ItemText(SheetXml xml, ref byte[] to, ref int used)
    {
        if (xml.IsEmpty)
        {
            return;
        }

        int depth = xml.Depth;
        int inText = -1;
        while (true)
        {
            switch (xml.Next())
            {
                case XmlToken.End:
                    throw new FormatException("the part ends inside a string item");
                case XmlToken.EndTag:
                    if (xml.Depth == depth)
                    {
                        return;
                    }

                    if (xml.Depth == inText)
                    {
                        inText = -1;
                    }

                    break;
                case XmlToken.Start:
                    if (xml.LocalName.SequenceEqual("rPh"u8))
                    {
                        xml.SkipElement(xml.Depth); // a phonetic run: not part of the text
                    }
                    else if (inText < 0 && !xml.IsEmpty && xml.LocalName.SequenceEqual("t"u8))
                    {
                        inText = xml.Depth;
                    }

                    break;
                case XmlToken.Text:
                    if (xml.Depth == inText)
                    {
                        xml.AppendText(ref to, ref used);
                    }

                    break;
            }
        }
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

    /// <summary>Reads the shared strings table as CSV fields, all in one array (<see cref="SharedStrings"/>, <see cref="SharedStart"/>).</summary>
    private void ReadSharedStrings(string entry)
    {
        byte[] bytes = new byte[1024];
        int used = 0;
        int[] starts = new int[64];
        int count = 0;
        byte[] text = new byte[256];
        using var xml = new SheetXml(OpenText(entry));
        XmlToken token;
        while ((token = xml.Next()) != XmlToken.End)
        {
            if (token == XmlToken.Start && xml.Depth == 2 && xml.LocalName.SequenceEqual("si"u8))
            {
                int length = 0;
                ItemText(xml, ref text, ref length);
                if (count + 2 > starts.Length)
                {
                    Array.Resize(ref starts, starts.Length * 2);
                }

                starts[count++] = used;
                AppendCsvField(text.AsSpan(0, length), ref bytes, ref used);
            }
        }

        starts[count] = used;
        Array.Resize(ref starts, count + 1);
        Array.Resize(ref bytes, used);
        SharedStrings = bytes;
        SharedStart = starts;
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
