using System.Globalization;
using System.Text;
using System.Xml;
using NpsKit.Csv;

namespace NpsKit.Excel.Internal;

/// <summary>
/// A sheet's rows as comma-separated UTF-8 text, produced as it is read: one line per row (fields quoted as CSV needs),
/// date cells as ISO 8601 local times, numbers as the sheet writes them (invariant). The sheet XML is read forward-only
/// (<see cref="XmlReader"/>) and each row's bytes are written straight into one reused buffer: only the current row,
/// the shared strings and the styles are held, so memory does not grow with the number of rows, and a row allocates
/// little beyond the XML reader's attribute strings.
/// </summary>
internal sealed class SheetStream : Stream
{
    private readonly XlsxWorkbook _book;
    private readonly XmlReader _xml;
    private readonly StringBuilder _text = new();
    private byte[] _buffer = new byte[4096];
    private int _offset;
    private int _length;
    private int _width = -1;
    private int _rowNumber;
    private bool _done;

    // The current row's cells: their CSV bytes in _cells, by column (start, length; length −1 = no cell).
    private byte[] _cells = new byte[1024];
    private int _cellsUsed;
    private int[] _cellStart = new int[16];
    private int[] _cellLength = new int[16];
    private char[] _chars = new char[64];

    private SheetStream(XlsxWorkbook book, XmlReader xml, string name)
    {
        _book = book;
        _xml = xml;
        Name = name;
    }

    /// <summary>Gets the name used in reports: the file, and the sheet when one was named.</summary>
    public string Name { get; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Opens <paramref name="sheet"/> (or the first sheet) of the workbook at <paramref name="path"/>.</summary>
    public static SheetStream Open(string path, string? sheet)
    {
        string file = Path.GetFileName(path);
        XlsxWorkbook book = XlsxWorkbook.Open(OpenWorkbook(path), file, loadCells: true);
        try
        {
            (string Name, string Entry)? found = sheet is null
                ? book.Sheets.Count > 0 ? book.Sheets[0] : null
                : book.Sheets.Where(s => string.Equals(s.Name, sheet, StringComparison.Ordinal)).Cast<(string, string)?>().FirstOrDefault();
            if (found is null)
            {
                throw new NpsDataException(sheet is null
                    ? $"{file}: the workbook has no sheets."
                    : $"{file}: the workbook has no sheet '{sheet}'. Sheets: {string.Join(", ", book.Sheets.Select(s => "'" + s.Name + "'"))}.");
            }

            string name = sheet is null ? file : $"{file}[{sheet}]";
            return new SheetStream(book, book.Xml(found.Value.Entry), name);
        }
        catch
        {
            book.Dispose();
            throw;
        }
    }

    /// <summary>The sheet names of the workbook at <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> SheetNames(string path)
    {
        using XlsxWorkbook book = XlsxWorkbook.Open(OpenWorkbook(path), Path.GetFileName(path), loadCells: false);
        return [.. book.Sheets.Select(s => s.Name)];
    }

    private static FileStream OpenWorkbook(string path)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"The workbook '{path}' does not exist.", path, ex);
        }

        Span<byte> magic = stackalloc byte[4];
        int read = file.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        file.Position = 0;
        if (read < 4 || !magic.SequenceEqual("PK\u0003\u0004"u8))
        {
            file.Dispose();
            throw new NpsDataException($"{Path.GetFileName(path)}: the file is not an .xlsx workbook (a zip archive): read CSV files with NpsKit.Csv, and save an old .xls as .xlsx.");
        }

        return file;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        while (_offset == _length)
        {
            if (_done || !NextLine())
            {
                _done = true;
                return 0;
            }
        }

        int n = Math.Min(destination.Length, _length - _offset);
        _buffer.AsSpan(_offset, n).CopyTo(destination);
        _offset += n;
        return n;
    }

    private bool NextLine()
    {
        try
        {
            return ReadRow();
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or XmlException or IOException or FormatException or OverflowException)
        {
            throw new NpsDataException($"{Name}: the workbook cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the next <c>row</c> element into the buffer as one CSV line (after a blank line for each row number
    /// the sheet skips, so a record's line is its sheet row); <see langword="false"/> at the end of the sheet.</summary>
    private bool ReadRow()
    {
        XmlReader xml = _xml;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row")
            {
                continue;
            }

            int number = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out int r) ? r : _rowNumber + 1;
            int columns = xml.IsEmptyElement ? 0 : ReadCells(xml);
            int last = -1;
            for (int i = 0; i < columns; i++)
            {
                if (_cellLength[i] > 0)
                {
                    last = i;
                }
            }

            _length = 0;
            _offset = 0;
            if (_width < 0)
            {
                if (last < 0)
                {
                    _rowNumber = number;
                    continue; // no header yet: empty rows above it are not lines
                }

                // The header row sets the width; a later row is as wide as the header, or wider where it has cells
                // beyond it (then the reader reports its field count).
                _width = last + 1;
            }
            else
            {
                for (int gap = _rowNumber + 1; gap < number; gap++)
                {
                    Ensure(_width);
                    _buffer.AsSpan(_length, _width - 1).Fill((byte)',');
                    _length += _width - 1;
                    _buffer[_length++] = (byte)'\n';
                }
            }

            _rowNumber = number;
            int width = Math.Max(_width, last + 1);
            for (int i = 0; i < width; i++)
            {
                int length = i < columns ? _cellLength[i] : 0;
                Ensure(Math.Max(length, 0) + 2);
                if (i > 0)
                {
                    _buffer[_length++] = (byte)',';
                }

                if (length > 0)
                {
                    _cells.AsSpan(_cellStart[i], length).CopyTo(_buffer.AsSpan(_length));
                    _length += length;
                }
            }

            Ensure(1);
            _buffer[_length++] = (byte)'\n';
            return true;
        }

        return false;
    }

    /// <summary>Reads the cells of the current <c>row</c> into <see cref="_cells"/>; returns the number of columns.</summary>
    private int ReadCells(XmlReader xml)
    {
        _cellsUsed = 0;
        int columns = 0;
        int next = 0;
        int depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c")
            {
                continue;
            }

            int column = next;
            char type = 'n';
            int style = -1;
            while (xml.MoveToNextAttribute())
            {
                string attribute = xml.LocalName;
                if (attribute == "r")
                {
                    column = ColumnOf(AttributeChars(xml));
                }
                else if (attribute == "t")
                {
                    ReadOnlySpan<char> t = AttributeChars(xml);
                    type = t is "s" ? 's' : t is "str" ? 'f' : t is "inlineStr" ? 'i' : t is "b" ? 'b' : t is "e" ? 'e' : t is "d" ? 'd' : 'n';
                }
                else if (attribute == "s")
                {
                    style = int.Parse(AttributeChars(xml), NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }

            xml.MoveToElement();
            if (column < next)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"row {_rowNumber + 1}: cell column {column + 1} comes after column {next}"));
            }

            next = column + 1;
            for (; columns < next; columns++)
            {
                GrowColumns(columns + 1);
                _cellLength[columns] = -1;
            }

            _cellStart[column] = _cellsUsed;
            _cellLength[column] = xml.IsEmptyElement ? 0 : ReadCell(xml, type, style);
        }

        return columns;
    }

    /// <summary>Reads one <c>c</c> element's value and writes its CSV field bytes; returns their length.</summary>
    private int ReadCell(XmlReader xml, char type, int style)
    {
        int start = _cellsUsed;
        int depth = xml.Depth;
        int chars = -1;
        string? inline = null;
        bool advance = true;
        while (!advance || xml.Read())
        {
            advance = true;
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                break;
            }

            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName == "v")
            {
                chars = ElementChars(xml);
            }
            else if (xml.LocalName == "is")
            {
                inline = XlsxWorkbook.ItemText(xml, _text);
            }
            else
            {
                xml.Skip(); // a formula (f) or extension: its cached value is in v; Skip stops on the node after it
                advance = false;
            }
        }

        if (type == 'i' || inline is not null)
        {
            Append(XlsxWorkbook.CsvField(inline ?? string.Empty));
            return _cellsUsed - start;
        }

        if (chars < 0)
        {
            return 0;
        }

        ReadOnlySpan<char> value = _chars.AsSpan(0, chars);
        switch (type)
        {
            case 's':
                int index = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                byte[][] strings = _book.SharedStrings;
                if ((uint)index >= (uint)strings.Length)
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"row {_rowNumber + 1}: shared string {index} does not exist (the workbook has {strings.Length})"));
                }

                Append(strings[index]);
                break;
            case 'b':
                Append(value is "1" ? "true"u8 : "false"u8);
                break;
            case 'n':
                if (style >= 0 && style < _book.DateStyles.Length && _book.DateStyles[style]
                    && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double serial)
                    && serial is > -657435.0 and < 2958466.0)
                {
                    DateTime date = DateTime.FromOADate(_book.Date1904 ? serial + XlsxWorkbook.Date1904Offset : serial);
                    EnsureCells(40);
                    date.TryFormat(_cells.AsSpan(_cellsUsed), out int written, date.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                    _cellsUsed += written;
                }
                else
                {
                    AppendText(value);
                }

                break;
            default:
                AppendText(value); // a formula's string (str), an error (#N/A), an ISO date (d)
                break;
        }

        return _cellsUsed - start;
    }

    /// <summary>Appends text as a CSV field: quoted when it holds a comma, a quote or a line break.</summary>
    private void AppendText(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(",\"\r\n") >= 0)
        {
            Append(XlsxWorkbook.CsvField(text.ToString()));
            return;
        }

        EnsureCells(Encoding.UTF8.GetMaxByteCount(text.Length));
        _cellsUsed += Encoding.UTF8.GetBytes(text, _cells.AsSpan(_cellsUsed));
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureCells(bytes.Length);
        bytes.CopyTo(_cells.AsSpan(_cellsUsed));
        _cellsUsed += bytes.Length;
    }

    /// <summary>The text of the current element (read to its end element) into <see cref="_chars"/>; returns its length.</summary>
    private int ElementChars(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            return 0;
        }

        int n = 0;
        int depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                n = Chunks(xml, n);
            }
        }

        return n;
    }

    /// <summary>The current attribute's value into <see cref="_chars"/>, without making a string of it.</summary>
    private ReadOnlySpan<char> AttributeChars(XmlReader xml)
    {
        int n = 0;
        while (xml.ReadAttributeValue())
        {
            n = Chunks(xml, n);
        }

        return _chars.AsSpan(0, n);
    }

    private int Chunks(XmlReader xml, int n)
    {
        if (!xml.CanReadValueChunk)
        {
            string value = xml.Value;
            GrowChars(n + value.Length);
            value.CopyTo(_chars.AsSpan(n));
            return n + value.Length;
        }

        while (true)
        {
            GrowChars(n + 64);
            int read = xml.ReadValueChunk(_chars, n, _chars.Length - n);
            if (read == 0)
            {
                return n;
            }

            n += read;
        }
    }

    /// <summary>The zero-based column of a cell reference such as <c>AB12</c>.</summary>
    private static int ColumnOf(ReadOnlySpan<char> reference)
    {
        int column = 0;
        foreach (char c in reference)
        {
            int letter = (c | 0x20) - 'a';
            if ((uint)letter > 25)
            {
                break;
            }

            column = (column * 26) + letter + 1;
        }

        return column - 1;
    }

    private void GrowChars(int size)
    {
        if (size > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(size, _chars.Length * 2));
        }
    }

    private void GrowColumns(int size)
    {
        if (size > _cellStart.Length)
        {
            Array.Resize(ref _cellStart, Math.Max(size, _cellStart.Length * 2));
            Array.Resize(ref _cellLength, Math.Max(size, _cellLength.Length * 2));
        }
    }

    private void EnsureCells(int more)
    {
        if (_cellsUsed + more > _cells.Length)
        {
            Array.Resize(ref _cells, Math.Max(_cellsUsed + more, _cells.Length * 2));
        }
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_length + more, _buffer.Length * 2));
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _xml.Dispose();
            _book.Dispose();
        }

        base.Dispose(disposing);
    }
}
