using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace NpsKit.Csv.Internal;

/// <summary>What the encoding stage decided about an input, and what it saw while the input was read.</summary>
internal sealed class EncodingDecision
{
    public EncodingDecision(string name, Encoding? forReader, string? evidence)
    {
        Name = name;
        ForReader = forReader;
        Evidence = evidence;
    }

    /// <summary>The encoding's name as a user would write it to <c>--encoding</c>: <c>utf-8</c>, <c>utf-16LE</c>, <c>windows-1252</c>.</summary>
    public string Name { get; }

    /// <summary>The encoding handed to the tokenizer (<see langword="null"/>: UTF-8 or a byte order mark).</summary>
    public Encoding? ForReader { get; }

    /// <summary>Why this encoding was chosen when it was detected rather than given or marked; <see langword="null"/> otherwise.</summary>
    public string? Evidence { get; }

    /// <summary>Whether a U+FFFD replacement character was seen in the decoded text (the file was mis-decoded before it was saved).</summary>
    public bool SawReplacementCharacter { get; set; }
}

/// <summary>
/// The stage before the tokenizer: decides the text encoding of a byte stream from evidence, so the tokenizer keeps
/// receiving a byte stream and an encoding as before. A byte order mark or a given encoding wins; otherwise a bounded
/// prefix (<see cref="PrefixBytes"/>) is examined: a zip archive (.xlsx), PDF or OLE2 (.xls) file is refused by name;
/// UTF-16 without a byte order mark is recognised by its zero bytes; text that is not valid UTF-8 is read as
/// Windows-1252 when every byte is one that code page defines and non-ASCII bytes stand alone or in short runs (as
/// accented letters in Western European words do), and is refused naming the encoding option otherwise. Text taken as
/// UTF-8 is validated as it streams: an invalid byte after the prefix stops reading with the fix, rather than turning
/// into U+FFFD in a segment name.
/// </summary>
internal static class EncodingStage
{
    /// <summary>How many bytes are examined before the tokenizer sees the first one.</summary>
    internal const int PrefixBytes = 64 * 1024;

    /// <summary>Code page 1252 bytes with no character assigned.</summary>
    private static readonly byte[] Undefined1252 = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

    /// <summary>Windows-1252, from the code pages provider that ships with .NET.</summary>
    internal static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("The code pages provider does not supply Windows-1252.");

    /// <summary>Resolves an encoding name given by a user (<c>--encoding</c>): .NET names and code pages (<c>1252</c>) both work.</summary>
    /// <returns>The encoding, or <see langword="null"/> when the name is unknown.</returns>
    public static Encoding? FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string trimmed = name.Trim();
        try
        {
            if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out int codePage))
            {
                return CodePagesEncodingProvider.Instance.GetEncoding(codePage) ?? Encoding.GetEncoding(codePage);
            }

            return CodePagesEncodingProvider.Instance.GetEncoding(trimmed) ?? Encoding.GetEncoding(trimmed);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Examines the start of <paramref name="stream"/> and returns a stream that yields the same bytes, with the decision.</summary>
    /// <exception cref="NpsDataException">The input is not text, or not valid UTF-8 and not evidently Windows-1252.</exception>
    public static (Stream Stream, EncodingDecision Decision) Prepare(Stream stream, Encoding? given, string source, bool leaveOpen)
    {
        byte[] prefix = new byte[PrefixBytes];
        int length = 0;
        int read;
        while (length < prefix.Length && (read = stream.Read(prefix, length, prefix.Length - length)) > 0)
        {
            length += read;
        }

        bool complete = length < prefix.Length;
        ReadOnlySpan<byte> head = prefix.AsSpan(0, length);
        EncodingDecision decision;
        bool validate = false;
        if (given is not null)
        {
            decision = new EncodingDecision(given.WebName, given, null);
        }
        else if (head.StartsWith("\uFEFF"u8))
        {
            decision = new EncodingDecision("utf-8", null, null);
            validate = true;
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
        {
            decision = new EncodingDecision("utf-32LE", null, null);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            decision = new EncodingDecision("utf-16LE", null, null);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            decision = new EncodingDecision("utf-16BE", null, null);
        }
        else
        {
            RefuseNonText(head, source);
            decision = Detect(head, complete, source, out validate);
        }

        var output = new PrefixedStream(prefix, length, stream, leaveOpen, validate ? decision : null, source);
        return (output, decision);
    }

    private static void RefuseNonText(ReadOnlySpan<byte> head, string source)
    {
        string? kind = head switch
        {
            _ when head.StartsWith("PK\u0003\u0004"u8) => "a zip archive (an Excel .xlsx workbook, or another zipped file), not CSV text: read .xlsx with NpsKit.Excel (the CLI reads .xlsx files by their extension), or save the sheet as CSV UTF-8",
            _ when head.StartsWith("%PDF"u8) => "a PDF document, not CSV text: export the responses from the survey tool as CSV or .xlsx",
            _ when head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) => "a legacy Excel .xls (OLE2) file, not CSV text: save it as .xlsx or CSV UTF-8",
            _ when head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) => "a gzip archive, not CSV text: decompress it first",
            _ => null,
        };
        if (kind is not null)
        {
            throw new NpsDataException($"{source}: the file is {kind}.");
        }
    }

    private static EncodingDecision Detect(ReadOnlySpan<byte> head, bool complete, string source, out bool validate)
    {
        validate = false;
        int pairs = head.Length / 2;
        if (pairs > 0 && head.Contains((byte)0))
        {
            int evenZeros = 0;
            int oddZeros = 0;
            for (int i = 0; i + 1 < head.Length; i += 2)
            {
                evenZeros += head[i] == 0 ? 1 : 0;
                oddZeros += head[i + 1] == 0 ? 1 : 0;
            }

            // ASCII-heavy UTF-16 has a zero in every other byte; binary data has zeros anywhere.
            if (oddZeros * 10 >= pairs * 3 && evenZeros * 20 < pairs)
            {
                return new EncodingDecision("utf-16LE", Encoding.Unicode, "zero bytes at every odd offset (UTF-16 little-endian without a byte order mark)");
            }

            if (evenZeros * 10 >= pairs * 3 && oddZeros * 20 < pairs)
            {
                return new EncodingDecision("utf-16BE", Encoding.BigEndianUnicode, "zero bytes at every even offset (UTF-16 big-endian without a byte order mark)");
            }

            throw new NpsDataException($"{source}: the file holds zero bytes at offset {head.IndexOf((byte)0)}: it is a binary file, not CSV text. Export the responses as CSV or .xlsx.");
        }

        // A prefix cut in the middle of a multi-byte sequence is not invalid: judge only whole sequences.
        ReadOnlySpan<byte> whole = complete ? head : head[..CompleteLength(head)];
        int invalidAt = FirstInvalidUtf8(whole);
        if (invalidAt < 0)
        {
            validate = true;
            return new EncodingDecision("utf-8", null, null);
        }

        if (LooksLikeWindows1252(head, out string? why))
        {
            return new EncodingDecision(
                "windows-1252",
                Windows1252,
                string.Create(CultureInfo.InvariantCulture, $"not valid UTF-8 (byte 0x{head[invalidAt]:X2} at offset {invalidAt}); every byte is a Windows-1252 character and non-ASCII letters stand alone, as in Western European text"));
        }

        string problem = string.Create(CultureInfo.InvariantCulture, $"the file is not valid UTF-8 (byte 0x{head[invalidAt]:X2} at offset {invalidAt}) and does not look like Windows-1252 either ({why})");
        throw new NpsDataException(
            $"{source}: {problem}: name its encoding with CsvReadOptions.Encoding, e.g. windows-1250, windows-1251 or iso-8859-15.",
            source,
            problem,
            [new ReadOptionRemedy("Encoding", "windows-1250")]);
    }

    private static bool LooksLikeWindows1252(ReadOnlySpan<byte> head, out string? why)
    {
        why = null;
        int undefined = head.IndexOfAny(Undefined1252);
        if (undefined >= 0)
        {
            why = string.Create(CultureInfo.InvariantCulture, $"byte 0x{head[undefined]:X2} at offset {undefined} is not a Windows-1252 character");
            return false;
        }

        int run = 0;
        for (int i = 0; i < head.Length; i++)
        {
            run = head[i] >= 0x80 ? run + 1 : 0;
            if (run >= 4)
            {
                why = string.Create(CultureInfo.InvariantCulture, $"a run of non-ASCII bytes at offset {i - 3}, as in a non-Latin script");
                return false;
            }
        }

        return true;
    }

    /// <summary>The offset of the first byte that starts an invalid UTF-8 sequence, or -1 when the bytes are valid.</summary>
    internal static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        int offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Buffers.OperationStatus.Done != System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out int consumed))
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }

    /// <summary>The length of <paramref name="bytes"/> without a trailing, incomplete multi-byte sequence.</summary>
    internal static int CompleteLength(ReadOnlySpan<byte> bytes)
    {
        for (int back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            byte b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // a continuation byte: look further back for the lead
            }

            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? bytes.Length - back : bytes.Length;
        }

        return bytes.Length;
    }

    /// <summary>Validates UTF-8 as <see cref="Prepare"/>'s output does, for a part of a file read in parallel that
    /// starts at byte <paramref name="start"/> (at a line break, so never inside a character).</summary>
    internal static Stream ValidatingPart(Stream part, long start, EncodingDecision decision, string source) =>
        new PrefixedStream([], 0, part, leaveOpen: false, decision, source, start);

    /// <summary>Yields the examined prefix, then the rest of the input; validates UTF-8 as it goes when asked.</summary>
    private sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream inner, bool leaveOpen, EncodingDecision? validating, string source, long start = 0) : Stream
    {
        private int _prefixOffset;
        private long _position = start;
        private readonly byte[] _carry = new byte[4];
        private int _carryLength;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            if (_prefixOffset < prefixLength)
            {
                n = Math.Min(buffer.Length, prefixLength - _prefixOffset);
                prefix.AsSpan(_prefixOffset, n).CopyTo(buffer);
                _prefixOffset += n;
            }
            else
            {
                n = inner.Read(buffer);
            }

            if (validating is not null)
            {
                Check(buffer[..n], final: n == 0);
            }

            _position += n;
            return n;
        }

        private void Check(ReadOnlySpan<byte> chunk, bool final)
        {
            if (chunk.IsEmpty)
            {
                if (final && _carryLength > 0)
                {
                    Fail(_position - _carryLength, _carry[0]);
                }

                return;
            }

            int skipped = 0;
            if (_carryLength > 0)
            {
                // Finish the sequence the previous chunk ended in.
                Span<byte> joined = stackalloc byte[8];
                _carry.AsSpan(0, _carryLength).CopyTo(joined);
                int take = Math.Min(4, chunk.Length);
                chunk[..take].CopyTo(joined[_carryLength..]);
                ReadOnlySpan<byte> span = joined[..(_carryLength + take)];
                System.Buffers.OperationStatus status = System.Text.Rune.DecodeFromUtf8(span, out _, out int consumed);
                if (status == System.Buffers.OperationStatus.NeedMoreData && take == chunk.Length)
                {
                    chunk.CopyTo(_carry.AsSpan(_carryLength));
                    _carryLength += chunk.Length;
                    return;
                }

                if (status != System.Buffers.OperationStatus.Done)
                {
                    Fail(_position - _carryLength, _carry[0]);
                }

                skipped = consumed - _carryLength;
                chunk = chunk[skipped..];
                _carryLength = 0;
            }

            int whole = CompleteLength(chunk);
            ReadOnlySpan<byte> body = chunk[..whole];
            int bad = FirstInvalidUtf8(body);
            if (bad >= 0)
            {
                Fail(_position + skipped + bad, body[bad]);
            }

            if (!validating!.SawReplacementCharacter && body.IndexOf("\uFFFD"u8) >= 0)
            {
                validating.SawReplacementCharacter = true;
            }

            chunk[whole..].CopyTo(_carry);
            _carryLength = chunk.Length - whole;
        }

        private void Fail(long offset, byte value)
        {
            string problem = string.Create(CultureInfo.InvariantCulture, $"the file is not valid UTF-8 at byte offset {offset} (byte 0x{value:X2}), though the first {PrefixBytes / 1024} KiB were");
            throw new NpsDataException($"{source}: {problem}: name its encoding with CsvReadOptions.Encoding, e.g. windows-1252.", source, problem, [new ReadOptionRemedy("Encoding", "windows-1252")]);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

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
