using System.Globalization;
using System.Text;
using MiniExcelLibs;
using NpsKit.Csv;

namespace NpsKit.Excel.Internal;

/// <summary>
/// A sheet's rows as comma-separated UTF-8 text, produced as it is read: one line per row (fields quoted as CSV needs),
/// dates as ISO 8601 local times, numbers in the invariant culture. Only the current row and a small buffer are held,
/// so memory does not grow with the number of rows.
/// </summary>
internal sealed class SheetStream : Stream
{
    private readonly FileStream _file;
    private readonly IEnumerator<IDictionary<string, object?>> _rows;
    private readonly StringBuilder _line = new();
    private byte[] _buffer = new byte[4096];
    private int _offset;
    private int _length;
    private int _width = -1;
    private bool _done;

    private SheetStream(FileStream file, IEnumerator<IDictionary<string, object?>> rows, string name)
    {
        _file = file;
        _rows = rows;
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
        FileStream file = OpenWorkbook(path);
        try
        {
            if (sheet is not null && !MiniExcel.GetSheetNames(file).Contains(sheet, StringComparer.Ordinal))
            {
                file.Position = 0;
                throw new NpsDataException($"{Path.GetFileName(path)}: the workbook has no sheet '{sheet}'. Sheets: {string.Join(", ", MiniExcel.GetSheetNames(file).Select(s => "'" + s + "'"))}.");
            }

            file.Position = 0;
            IEnumerable<IDictionary<string, object?>> rows = MiniExcel.Query(file, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>();
            string name = sheet is null ? Path.GetFileName(path) : $"{Path.GetFileName(path)}[{sheet}]";
            return new SheetStream(file, rows.GetEnumerator(), name);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The sheet names of the workbook at <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> SheetNames(string path)
    {
        using FileStream file = OpenWorkbook(path);
        return [.. MiniExcel.GetSheetNames(file)];
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
        bool more;
        try
        {
            more = _rows.MoveNext();
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or FormatException)
        {
            throw new NpsDataException($"{Name}: the workbook cannot be read: {ex.Message}", ex);
        }

        if (!more)
        {
            return false;
        }

        IDictionary<string, object?> row = _rows.Current;
        int last = -1;
        int index = 0;
        foreach (object? value in row.Values)
        {
            if (value is not null && !(value is string s && s.Length == 0))
            {
                last = index;
            }

            index++;
        }

        // The header row sets the width; a later row is as wide as the header, or wider where it has cells beyond it
        // (then the reader reports its field count).
        if (_width < 0)
        {
            _width = last + 1;
        }

        int width = Math.Max(_width, last + 1);
        _line.Clear();
        index = 0;
        foreach (object? value in row.Values)
        {
            if (index >= width)
            {
                break;
            }

            if (index > 0)
            {
                _line.Append(',');
            }

            AppendField(_line, value);
            index++;
        }

        for (; index < width; index++)
        {
            _line.Append(',');
        }

        _line.Append('\n');
        int bytes = Encoding.UTF8.GetMaxByteCount(_line.Length);
        if (bytes > _buffer.Length)
        {
            _buffer = new byte[Math.Max(bytes, _buffer.Length * 2)];
        }

        _length = Encoding.UTF8.GetBytes(_line.ToString(), _buffer);
        _offset = 0;
        return true;
    }

    private static void AppendField(StringBuilder line, object? value)
    {
        string text = value switch
        {
            null => string.Empty,
            string s => s,
            DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            DateTimeOffset o => o.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            double x => x.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(text);
            return;
        }

        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
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
            _rows.Dispose();
            _file.Dispose();
        }

        base.Dispose(disposing);
    }
}
