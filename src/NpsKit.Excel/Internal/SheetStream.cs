using System.Globalization;
using System.Xml;
using NpsKit.Csv;

namespace NpsKit.Excel.Internal;

/// <summary>
/// A sheet's rows as comma-separated UTF-8 text, produced as it is read: one line per row (fields quoted as CSV needs),
/// date cells as ISO 8601 local times, numbers as the sheet writes them (invariant). The sheet XML is read forward-only
/// from its inflated UTF-8 bytes (<see cref="SheetXml"/>) and each row's bytes are written straight into one reused
/// buffer: only the current row, the shared strings and the styles are held, so memory does not grow with the number of
/// rows, and a row allocates nothing.
/// </summary>
internal sealed class SheetStream : Stream
{
    private readonly XlsxWorkbook _book;
    private readonly SheetXml _xml;
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
    private byte[] _value = new byte[64];

    /// <summary>Excel's last column, XFD (ECMA-376 Part 1, §18.3.1.4 and Excel's specifications).</summary>
    private const int MaxColumns = 16_384;

    private SheetStream(XlsxWorkbook book, SheetXml xml, string name)
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

            // Inflated and tokenized on this thread: inflating ahead on a second one was measured and gave no gain
            // (docs/performance.md, ".xlsx: inflating ahead on a second thread").
            return new SheetStream(book, new SheetXml(book.OpenText(found.Value.Entry)), name);
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

    /// <summary>Fills <paramref name="destination"/> with as many rows as fit (a reader asking for 64 KiB gets about
    /// 64 KiB, not one row: the CSV reader's per-block work is then per block, not per row).</summary>
    public override int Read(Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            if (_offset == _length)
            {
                if (_done || !NextLine())
                {
                    _done = true;
                    break;
                }

                continue;
            }

            int n = Math.Min(destination.Length - total, _length - _offset);
            _buffer.AsSpan(_offset, n).CopyTo(destination[total..]);
            _offset += n;
            total += n;
        }

        return total;
    }

    private bool NextLine()
    {
        try
        {
            return ReadRow();
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or XmlException or IOException or FormatException or OverflowException or System.Text.DecoderFallbackException)
        {
            throw new NpsDataException($"{Name}: the workbook cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the next <c>row</c> element into the buffer as one CSV line (after a blank line for each row number
    /// the sheet skips, so a record's line is its sheet row); <see langword="false"/> at the end of the sheet.</summary>
    private bool ReadRow()
    {
        SheetXml xml = _xml;
        XmlToken token;
        while ((token = xml.Next()) != XmlToken.End)
        {
            if (token != XmlToken.Start || !xml.LocalName.SequenceEqual("row"u8))
            {
                continue;
            }

            int number = xml.TryAttribute("r"u8, out ReadOnlySpan<byte> r) && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : _rowNumber + 1;
            int columns = xml.IsEmpty ? 0 : ReadCells(xml);
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
    private int ReadCells(SheetXml xml)
    {
        _cellsUsed = 0;
        int columns = 0;
        int next = 0;
        int depth = xml.Depth;
        while (true)
        {
            XmlToken token = xml.Next();
            if (token == XmlToken.EndTag && xml.Depth == depth)
            {
                break;
            }

            if (token != XmlToken.Start)
            {
                continue;
            }

            if (!xml.LocalName.SequenceEqual("c"u8))
            {
                xml.SkipElement(xml.Depth); // an extension (extLst): not a cell
                continue;
            }

            int column = xml.TryAttribute("r"u8, out ReadOnlySpan<byte> reference) ? ColumnOf(reference) : next;
            char type = 'n';
            if (xml.TryAttribute("t"u8, out ReadOnlySpan<byte> t))
            {
                type = t.SequenceEqual("s"u8) ? 's' : t.SequenceEqual("str"u8) ? 'f' : t.SequenceEqual("inlineStr"u8) ? 'i' : t.SequenceEqual("b"u8) ? 'b' : t.SequenceEqual("e"u8) ? 'e' : t.SequenceEqual("d"u8) ? 'd' : 'n';
            }

            int style = xml.TryAttribute("s"u8, out ReadOnlySpan<byte> s) ? int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture) : -1;
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
            _cellLength[column] = xml.IsEmpty ? 0 : ReadCell(xml, type, style);
        }

        return columns;
    }

    /// <summary>Reads one <c>c</c> element's value and writes its CSV field bytes; returns their length.</summary>
    private int ReadCell(SheetXml xml, char type, int style)
    {
        int start = _cellsUsed;
        int depth = xml.Depth;
        int chars = -1;
        bool inline = false;
        while (true)
        {
            XmlToken token = xml.Next();
            if (token == XmlToken.EndTag && xml.Depth == depth)
            {
                break;
            }

            if (token != XmlToken.Start)
            {
                continue;
            }

            if (xml.LocalName.SequenceEqual("v"u8))
            {
                chars = ElementText(xml);
            }
            else if (xml.LocalName.SequenceEqual("is"u8))
            {
                int length = 0;
                XlsxWorkbook.ItemText(xml, ref _value, ref length);
                chars = length;
                inline = true;
            }
            else
            {
                xml.SkipElement(xml.Depth); // a formula (f) or extension: its cached value is in v
            }
        }

        if (type == 'i' || inline)
        {
            XlsxWorkbook.AppendCsvField(_value.AsSpan(0, Math.Max(chars, 0)), ref _cells, ref _cellsUsed);
            return _cellsUsed - start;
        }

        if (chars < 0)
        {
            return 0;
        }

        ReadOnlySpan<byte> value = _value.AsSpan(0, chars);
        switch (type)
        {
            case 's':
                int index = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                if ((uint)index >= (uint)_book.SharedCount)
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"row {_rowNumber + 1}: shared string {index} does not exist (the workbook has {_book.SharedCount})"));
                }

                int from = _book.SharedStart[index];
                Append(_book.SharedStrings.AsSpan(from, _book.SharedStart[index + 1] - from));
                break;
            case 'b':
                Append(value.SequenceEqual("1"u8) ? "true"u8 : "false"u8);
                break;
            case 'n':
                if (style >= 0 && style < _book.DateStyles.Length && _book.DateStyles[style]
                    && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double serial)
                    && serial is > -657435.0 and < 2958466.0)
                {
                    AppendDate(DateTime.FromOADate(_book.Date1904 ? serial + XlsxWorkbook.Date1904Offset : serial));
                }
                else
                {
                    XlsxWorkbook.AppendCsvField(value, ref _cells, ref _cellsUsed);
                }

                break;
            default:
                XlsxWorkbook.AppendCsvField(value, ref _cells, ref _cellsUsed); // a formula's string (str), an error (#N/A), an ISO date (d)
                break;
        }

        return _cellsUsed - start;
    }

    /// <summary>Writes a date cell as ISO 8601 without a zone: <c>yyyy-MM-dd</c> at midnight, else
    /// <c>yyyy-MM-ddTHH:mm:ss</c> and the fraction of a second without trailing zeros.</summary>
    private void AppendDate(DateTime date)
    {
        EnsureCells(28);
        Span<byte> to = _cells.AsSpan(_cellsUsed);
        date.TryFormat(to, out int written, "s", CultureInfo.InvariantCulture); // yyyy-MM-ddTHH:mm:ss
        long fraction = date.Ticks % TimeSpan.TicksPerSecond;
        if (date.TimeOfDay == TimeSpan.Zero)
        {
            written = 10;
        }
        else if (fraction != 0)
        {
            int digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            to[written++] = (byte)'.';
            for (int i = digits - 1; i >= 0; i--)
            {
                to[written + i] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            written += digits;
        }

        _cellsUsed += written;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureCells(bytes.Length);
        bytes.CopyTo(_cells.AsSpan(_cellsUsed));
        _cellsUsed += bytes.Length;
    }

    /// <summary>The decoded text of the current element (read to its end tag) into <see cref="_value"/>; returns its length.</summary>
    private int ElementText(SheetXml xml)
    {
        if (xml.IsEmpty)
        {
            return 0;
        }

        int n = 0;
        int depth = xml.Depth;
        while (true)
        {
            XmlToken token = xml.Next();
            if (token == XmlToken.EndTag && xml.Depth == depth)
            {
                return n;
            }

            if (token == XmlToken.Text && xml.Depth == depth)
            {
                xml.AppendText(ref _value, ref n);
            }
        }
    }

    /// <summary>The zero-based column of a cell reference such as <c>AB12</c>.</summary>
    private static int ColumnOf(ReadOnlySpan<byte> reference)
    {
        int column = 0;
        foreach (byte c in reference)
        {
            int letter = (c | 0x20) - 'a';
            if ((uint)letter > 25)
            {
                break;
            }

            column = (column * 26) + letter + 1;
            if (column > MaxColumns)
            {
                throw new FormatException($"the cell reference '{System.Text.Encoding.UTF8.GetString(reference)}' is past the last column (XFD, {MaxColumns})");
            }
        }

        return column - 1;
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
