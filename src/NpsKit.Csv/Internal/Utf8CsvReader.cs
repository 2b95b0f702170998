using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace NpsKit.Csv.Internal;

/// <summary>A record the tokenizer skipped: where it started and why.</summary>
/// <param name="LineNumber">The 1-based line where the record starts.</param>
/// <param name="CountMismatch">Whether the field count differed from the header's (otherwise the quoting was malformed).</param>
internal readonly record struct SkippedRecord(long LineNumber, bool CountMismatch);

/// <summary>
/// NpsKit's own UTF-8 CSV tokenizer: splits input into records and fields as spans of the input bytes, with exact
/// line numbers, and the quoting rules of issue #13 item 6 (what Excel and Python's csv module do):
/// <list type="bullet">
/// <item>A field is quoted only when its first byte is <c>"</c>; inside, <c>""</c> is a quote and line breaks are kept.
/// A quote anywhere else in an unquoted field is an ordinary character (<c>Sa"les</c>, <c>=HYPERLINK("http://x","y")</c>).</item>
/// <item>A record with broken quoting — a quoted field never closed, one longer than the maximum field length, or text
/// after a closing quote — costs only that record: it is reported with the line it starts on, and reading resumes at
/// the next line. The same holds for a record spanning several lines whose field count is wrong. The buffer never
/// holds more than about the longest record plus the maximum field length.</item>
/// <item>Line endings: <c>\n</c>, <c>\r\n</c> and a lone <c>\r</c>; empty lines are skipped; a last line without a
/// line break is read.</item>
/// </list>
/// Input that is not UTF-8 (a UTF-16 or UTF-32 byte order mark, or a given encoding) is transcoded while reading.
/// </summary>
internal sealed class Utf8CsvReader : IDisposable
{
    /// <summary>The longest quoted field by default (1 MiB): past it the field's record is reported as malformed.</summary>
    public const int DefaultMaxFieldLength = 1 << 20;

    private static readonly char[] Candidates = [',', ';', '\t', '|'];
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly int _maxField;
    private readonly Action<SkippedRecord> _skipped;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private long _bufferOffset;
    private long _nextLine = 1;
    private byte _sep;
    private int[] _fieldStart = new int[16];
    private int[] _fieldEnd = new int[16];
    private bool[] _escaped = new bool[16];
    private int _fields;
    private int _recordStart;
    private readonly char? _separatorOption;
    private string[]? _headers;
    private long _limit = long.MaxValue;

    private Utf8CsvReader(Stream stream, bool leaveOpen, char? separator, int maxFieldLength, Action<SkippedRecord> skipped)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _maxField = maxFieldLength;
        _skipped = skipped;
        _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        _separatorOption = separator;
    }

    /// <summary>Gets the separator in use (given or detected); reads the header first if needed.</summary>
    /// <exception cref="InvalidDataException">The header's quoting is malformed.</exception>
    public char Separator
    {
        get
        {
            _ = Headers;
            return (char)_sep;
        }
    }

    /// <summary>Gets the header's fields (empty for empty input); read on first use.</summary>
    /// <exception cref="InvalidDataException">The header's quoting is malformed.</exception>
    public string[] Headers => _headers ??= ReadHeader(_separatorOption);

    /// <summary>Gets the 1-based line where the current record starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Gets the byte offset of the end of the current record in the (UTF-8) input, for progress.</summary>
    public long ByteOffset => _bufferOffset + _start;

    /// <summary>Gets the byte offset in the (UTF-8) input where the current record starts: with the offset of a part's
    /// start, a record's identity across passes and threads.</summary>
    public long RecordOffset => _bufferOffset + _recordStart;

    /// <summary>Gets the number of fields of the current record.</summary>
    public int FieldCount => _fields;

    /// <summary>Gets a value indicating whether the input is transcoded to UTF-8 (so offsets are not file offsets).</summary>
    public bool Transcoded { get; private init; }

    /// <summary>Gets the 1-based line of the next unread byte.</summary>
    public long NextLine => _nextLine;

    /// <summary>Gets the offset of the next unread byte: after <see cref="Headers"/>, where the data records start; after
    /// a read that stopped at the limit (see <see cref="Continue"/>), where the next part starts.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>Continues tokenizing at a record boundary of input whose header was read by another reader: no byte
    /// order mark, no header; line numbers count from 1 at the start of <paramref name="stream"/>; records that start
    /// at or past <paramref name="limit"/> bytes into it are left unread (one started before it is read to its end).</summary>
    public static Utf8CsvReader Continue(Stream stream, char separator, int headerFields, long limit, int maxFieldLength, Action<SkippedRecord> skipped)
    {
        var reader = new Utf8CsvReader(stream, leaveOpen: false, separator, maxFieldLength, skipped)
        {
            _headers = new string[headerFields],
            _sep = (byte)separator,
            _limit = limit,
        };
        return reader;
    }

    /// <summary>Opens a byte stream: honours a byte order mark, transcodes <paramref name="encoding"/> (when not UTF-8) to UTF-8.</summary>
    public static Utf8CsvReader Open(Stream stream, bool leaveOpen, Encoding? encoding, char? separator, int maxFieldLength, Action<SkippedRecord> skipped)
    {
        var peek = new PeekStream(stream, leaveOpen);
        Stream input = peek;
        try
        {
            if (encoding is null)
            {
                Span<byte> bom = stackalloc byte[4];
                int n = peek.Peek(bom);
                encoding = bom[..n] switch
                {
                    [0xFF, 0xFE, 0, 0] => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
                    [0, 0, 0xFE, 0xFF] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
                    [0xFF, 0xFE, ..] => Encoding.Unicode,
                    [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
                    _ => null,
                };
            }

            if (encoding is not null && encoding.CodePage != Encoding.UTF8.CodePage)
            {
                input = Encoding.CreateTranscodingStream(peek, encoding, new UTF8Encoding(false), leaveOpen: false);
            }

            return new Utf8CsvReader(input, leaveOpen: false, separator, maxFieldLength, skipped) { Transcoded = input != peek };
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next valid record; records with broken quoting or a wrong field count are reported and skipped.</summary>
    public bool Read()
    {
        while (true)
        {
            switch (Next(Headers.Length))
            {
                case Outcome.Record:
                    return true;
                case Outcome.End:
                    return false;
            }
        }
    }

    /// <summary>Gets field <paramref name="index"/> of the current record as UTF-8 bytes, quotes removed; empty past the
    /// last field. Valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> GetSpan(int index)
    {
        if ((uint)index >= (uint)_fields)
        {
            return default;
        }

        if (_escaped[index])
        {
            // Unescape "" in place (the result is shorter), once.
            Span<byte> field = _buffer.AsSpan(_fieldStart[index], _fieldEnd[index] - _fieldStart[index]);
            int w = 0;
            for (int r = 0; r < field.Length; r++, w++)
            {
                field[w] = field[r];
                if (field[r] == '"')
                {
                    r++;
                }
            }

            _fieldEnd[index] = _fieldStart[index] + w;
            _escaped[index] = false;
        }

        return _buffer.AsSpan(_fieldStart[index], _fieldEnd[index] - _fieldStart[index]);
    }

    /// <summary>Gets field <paramref name="index"/> as a string (empty past the last field).</summary>
    public string GetString(int index) => Encoding.UTF8.GetString(GetSpan(index));

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }

        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private string[] ReadHeader(char? separator)
    {
        Fill();
        if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
        {
            _start += 3;
        }

        if (separator is char given)
        {
            _sep = (byte)given;
        }
        else
        {
            _sep = (byte)DetectSeparator();
        }

        while (true)
        {
            switch (Next(expectedFields: -1))
            {
                case Outcome.End:
                    return [];
                case Outcome.Record:
                    var header = new string[_fields];
                    for (int i = 0; i < _fields; i++)
                    {
                        header[i] = Encoding.UTF8.GetString(GetSpan(i));
                    }

                    return header;
                default:
                    throw new InvalidDataException($"the header (line {LineNumber}) has malformed quoting: quotes around whole fields only, with quotes inside doubled (\"\").");
            }
        }
    }

    /// <summary>An Excel <c>sep=;</c> first line (skipped), else the candidate most frequent outside quotes in the first line.</summary>
    private char DetectSeparator()
    {
        while (true)
        {
            ReadOnlySpan<byte> data = _buffer.AsSpan(_start, _end - _start);
            int lineEnd = data.IndexOfAny((byte)'\n', (byte)'\r');
            if (lineEnd < 0 && !_eof && _end - _start < 1 << 20)
            {
                Fill();
                continue;
            }

            ReadOnlySpan<byte> line = lineEnd < 0 ? data : data[..lineEnd];
            if (line.Length == 5 && line.StartsWith("sep="u8) && line[4] < 128)
            {
                _start += lineEnd < 0 ? line.Length : lineEnd + LineBreakLength(data, lineEnd);
                _nextLine++;
                return (char)line[4];
            }

            Span<int> counts = stackalloc int[Candidates.Length];
            bool quoted = false;
            bool fieldStart = true;
            foreach (byte b in line)
            {
                if (b == '"' && (quoted || fieldStart))
                {
                    quoted = !quoted;
                    fieldStart = false;
                    continue;
                }

                int c = quoted ? -1 : Array.IndexOf(Candidates, (char)b);
                fieldStart = c >= 0;
                if (c >= 0)
                {
                    counts[c]++;
                }
            }

            int best = 0;
            for (int c = 1; c < counts.Length; c++)
            {
                best = counts[c] > counts[best] ? c : best;
            }

            return Candidates[best];
        }
    }

    private static int LineBreakLength(ReadOnlySpan<byte> data, int at) =>
        data[at] == '\r' && at + 1 < data.Length && data[at + 1] == '\n' ? 2 : 1;

    private enum Outcome
    {
        Record,
        Skipped,
        End,
    }

    /// <summary>Tokenizes the next record (skipping empty lines), growing the buffer as it needs; checks the field count
    /// against <paramref name="expectedFields"/> (−1: any).</summary>
    private Outcome Next(int expectedFields)
    {
        while (true)
        {
            if (_bufferOffset + _start >= _limit)
            {
                return Outcome.End;
            }

            if (_end - _start < 2 && !_eof)
            {
                Fill();
                continue;
            }

            if (_start >= _end)
            {
                return Outcome.End;
            }

            if (_buffer[_start] is (byte)'\n' or (byte)'\r')
            {
                _start += LineBreakLength(_buffer.AsSpan(_start, _end - _start), 0); // an empty line
                _nextLine++;
                continue;
            }

            Scan scan = Tokenize(_buffer.AsSpan(_start, _end - _start), _eof, out int length, out int lines);
            if (scan == Scan.NeedMore)
            {
                Fill();
                continue;
            }

            LineNumber = _nextLine;
            _recordStart = _start;
            bool malformed = scan == Scan.Malformed;
            bool countMismatch = !malformed && expectedFields >= 0 && _fields != expectedFields;
            if (!malformed && !countMismatch)
            {
                for (int f = 0; f < _fields; f++)
                {
                    _fieldStart[f] += _recordStart;
                    _fieldEnd[f] += _recordStart;
                }

                _start += length;
                _nextLine += lines;
                return Outcome.Record;
            }

            if (malformed || lines > 1)
            {
                // A bad record costs only its first line: resume after the first line break.
                ReadOnlySpan<byte> rest = _buffer.AsSpan(_start, _end - _start);
                int firstBreak = rest.IndexOfAny((byte)'\n', (byte)'\r');
                _start = firstBreak < 0 ? _end : _start + firstBreak + LineBreakLength(rest, firstBreak);
                _nextLine++;
            }
            else
            {
                _start += length;
                _nextLine += lines;
            }

            if (expectedFields < 0)
            {
                return Outcome.Skipped;
            }

            _skipped(new SkippedRecord(LineNumber, countMismatch));
            return Outcome.Skipped;
        }
    }

    private enum Scan
    {
        Complete,
        Malformed,
        NeedMore,
    }

    /// <summary>
    /// Splits one record at the start of <paramref name="data"/> into fields (offsets relative to <paramref name="data"/>).
    /// <paramref name="length"/> is the record's length including its line break, <paramref name="lines"/> the line
    /// breaks it contains (including the one ending it). For a malformed record, <paramref name="length"/> runs to the
    /// end of the line where the quoting broke (or of the data).
    /// </summary>
    private Scan Tokenize(ReadOnlySpan<byte> data, bool final, out int length, out int lines)
    {
        byte sep = _sep;
        int i = 0;
        int fields = 0;
        int maskStart = int.MinValue; // the 64-byte block whose separator/line-break bits are in mask
        ulong mask = 0;
        lines = 0;
        length = 0;
        while (true)
        {
            if (fields == _fieldStart.Length)
            {
                Array.Resize(ref _fieldStart, fields * 2);
                Array.Resize(ref _fieldEnd, fields * 2);
                Array.Resize(ref _escaped, fields * 2);
            }

            if (i < data.Length && data[i] == '"')
            {
                // Quoted field: find the closing quote, counting line breaks, doubling "" as a quote.
                int contentStart = i + 1;
                int j = contentStart;
                bool escaped = false;
                while (true)
                {
                    int q = data[j..].IndexOf((byte)'"');
                    if (q < 0 || j + q - contentStart > _maxField)
                    {
                        if (!final && data.Length - contentStart <= _maxField)
                        {
                            return Scan.NeedMore;
                        }

                        // Never closed, or longer than the limit: malformed; the caller resumes at the next line.
                        length = data.Length;
                        _fields = 0;
                        return Scan.Malformed;
                    }

                    q += j;
                    if (q + 1 >= data.Length && !final)
                    {
                        return Scan.NeedMore;
                    }

                    if (q + 1 < data.Length && data[q + 1] == '"')
                    {
                        escaped = true;
                        j = q + 2;
                        continue;
                    }

                    lines += CountBreaks(data[contentStart..q]);
                    _fieldStart[fields] = contentStart;
                    _fieldEnd[fields] = q;
                    _escaped[fields] = escaped;
                    fields++;
                    i = q + 1;
                    if (i >= data.Length)
                    {
                        length = i;
                        _fields = fields;
                        return Scan.Complete; // end of input
                    }

                    byte after = data[i];
                    if (after == sep)
                    {
                        i++;
                        break;
                    }

                    if (after is (byte)'\n' or (byte)'\r')
                    {
                        return EndRecord(data, i, fields, final, out length, ref lines);
                    }

                    // Text after the closing quote: malformed; the record ends with this line.
                    int eol = data[i..].IndexOfAny((byte)'\n', (byte)'\r');
                    if ((eol < 0 || (data[i + eol] == '\r' && i + eol + 1 >= data.Length)) && !final)
                    {
                        return Scan.NeedMore;
                    }

                    length = eol < 0 ? data.Length : i + eol + LineBreakLength(data, i + eol);
                    _fields = 0;
                    return Scan.Malformed;
                }

                continue;
            }

            // Unquoted field: runs to the next separator or line break; a quote in it is an ordinary character.
            int k = NextSpecial(data, i, sep, ref maskStart, ref mask);
            if (k < 0)
            {
                if (!final)
                {
                    return Scan.NeedMore;
                }

                _fieldStart[fields] = i;
                _fieldEnd[fields] = data.Length;
                _escaped[fields] = false;
                _fields = fields + 1;
                length = data.Length;
                lines++;
                return Scan.Complete;
            }

            _fieldStart[fields] = i;
            _fieldEnd[fields] = k;
            _escaped[fields] = false;
            fields++;
            if (data[k] == sep)
            {
                i = k + 1;
                continue;
            }

            return EndRecord(data, k, fields, final, out length, ref lines);
        }
    }

    /// <summary>
    /// The index (in <paramref name="data"/>) of the first separator, <c>\n</c> or <c>\r</c> at or after
    /// <paramref name="from"/>, or −1. Blocks of 64 bytes are classified at once into a bit mask (two 256-bit compares
    /// per byte class), so a record of a few short fields costs one or two vector steps and a bit scan per field.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextSpecial(ReadOnlySpan<byte> data, int from, byte sep, ref int maskStart, ref ulong mask)
    {
        while (true)
        {
            int offset = from - maskStart;
            if ((uint)offset < 64)
            {
                ulong m = mask >> offset;
                if (m != 0)
                {
                    return from + BitOperations.TrailingZeroCount(m);
                }

                from = maskStart + 64;
            }

            if (!Vector256.IsHardwareAccelerated || data.Length - from < 64)
            {
                int k = data[from..].IndexOfAny(sep, (byte)'\n', (byte)'\r');
                return k < 0 ? -1 : from + k;
            }

            ref byte p = ref Unsafe.Add(ref MemoryMarshal.GetReference(data), from);
            Vector256<byte> a = Vector256.LoadUnsafe(ref p);
            Vector256<byte> b = Vector256.LoadUnsafe(ref p, 32);
            Vector256<byte> s = Vector256.Create(sep);
            Vector256<byte> n = Vector256.Create((byte)'\n');
            Vector256<byte> r = Vector256.Create((byte)'\r');
            ulong low = (Vector256.Equals(a, s) | Vector256.Equals(a, n) | Vector256.Equals(a, r)).ExtractMostSignificantBits();
            ulong high = (Vector256.Equals(b, s) | Vector256.Equals(b, n) | Vector256.Equals(b, r)).ExtractMostSignificantBits();
            maskStart = from;
            mask = low | (high << 32);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Scan EndRecord(ReadOnlySpan<byte> data, int at, int fields, bool final, out int length, ref int lines)
    {
        if (data[at] == '\r' && at + 1 >= data.Length && !final)
        {
            length = 0;
            return Scan.NeedMore; // \r\n split across reads
        }

        length = at + LineBreakLength(data, at);
        lines++;
        _fields = fields;
        return Scan.Complete;
    }

    /// <summary>Line breaks in a span: <c>\n</c>, and <c>\r</c> not followed by <c>\n</c>.</summary>
    private static int CountBreaks(ReadOnlySpan<byte> span)
    {
        int n = span.Count((byte)'\n');
        if (span.Contains((byte)'\r'))
        {
            for (int i = 0; i < span.Length; i++)
            {
                if (span[i] == '\r' && (i + 1 >= span.Length || span[i + 1] != '\n'))
                {
                    n++;
                }
            }
        }

        return n;
    }

    /// <summary>Reads more input: moves the unread bytes to the front, grows the buffer when it is full.</summary>
    private void Fill()
    {
        if (_eof)
        {
            return;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            byte[] bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
    }

    /// <summary>A stream whose first bytes can be looked at before reading (to find a byte order mark).</summary>
    private sealed class PeekStream(Stream inner, bool leaveOpen) : ReadOnlyStream
    {
        private readonly byte[] _peeked = new byte[4];
        private int _peekedCount;
        private int _peekedPos;

        public int Peek(Span<byte> into)
        {
            while (_peekedCount < 4)
            {
                int n = inner.Read(_peeked, _peekedCount, 4 - _peekedCount);
                if (n == 0)
                {
                    break;
                }

                _peekedCount += n;
            }

            _peeked.AsSpan(0, Math.Min(into.Length, _peekedCount)).CopyTo(into);
            return Math.Min(into.Length, _peekedCount);
        }

        public override int Read(Span<byte> buffer)
        {
            if (_peekedPos < _peekedCount)
            {
                int n = Math.Min(buffer.Length, _peekedCount - _peekedPos);
                _peeked.AsSpan(_peekedPos, n).CopyTo(buffer);
                _peekedPos += n;
                return n;
            }

            return inner.Read(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
