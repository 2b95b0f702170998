using System.Buffers;
using System.Text;

namespace NpsKit.Excel.Internal;

/// <summary>What <see cref="SheetXml.Next"/> stopped on.</summary>
internal enum XmlToken
{
    /// <summary>The end of the part.</summary>
    End,

    /// <summary>A start tag (<see cref="SheetXml.IsEmpty"/> for <c>&lt;x/&gt;</c>, which has no end tag).</summary>
    Start,

    /// <summary>An end tag.</summary>
    EndTag,

    /// <summary>Character data between tags, or a CDATA section (<see cref="SheetXml.IsRaw"/>).</summary>
    Text,
}

/// <summary>
/// A forward-only XML tokenizer over the UTF-8 bytes of a workbook part, for the parts that grow with the rows (the
/// sheet data and the shared strings). It does what the cells need and no more, without a string per node:
/// start and end tags compared by local name (any prefix, as <c>x:c</c>), attributes, character data with the five
/// predefined entities and character references (XML 1.0, §4.1 and §4.6) and line endings normalised to LF (§2.11),
/// CDATA sections, comments and processing instructions skipped. A DTD is refused (as <c>DtdProcessing.Prohibit</c>).
/// Tags must nest (each end tag names the open element); anything else malformed throws <see cref="FormatException"/>.
/// </summary>
/// <remarks>
/// Why not <see cref="System.Xml.XmlReader"/>: on the 1M-row benchmark workbook the XmlReader's <c>Read</c> loop alone,
/// reading no value, took 4.6 s against 0.43 s for reading the same rows as CSV (docs/performance.md); this reads the
/// inflated bytes with vectorised searches. Parts that are not UTF-8 are transcoded first (<see cref="XlsxWorkbook.OpenText"/>).
/// </remarks>
internal sealed class SheetXml : IDisposable
{
    private const int MaxDepth = 256;

    /// <summary>The longest single token (a tag with its attributes, a text node, a CDATA section) read: 16 MiB. An Excel
    /// cell holds at most 32,767 characters, so only a broken or hostile part comes near it; without a bound one such
    /// token would grow the buffer until memory ran out.</summary>
    internal const int MaxTokenBytes = 16 << 20;

    private readonly Stream _input;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _pos;
    private int _end;
    private bool _eof;

    // The current token: name (qualified) and attributes (from _tagStart), or text; offsets into _buffer.
    private int _nameStart;
    private int _nameLength;
    private int _localStart;
    private int _tagStart;
    private (int NameAt, int NameLength, int ValueAt, int ValueLength)[] _attrs = new (int, int, int, int)[8];
    private int _attrCount;
    private int _textStart;
    private int _textLength;

    // The open elements' qualified names, to check that each end tag closes the element it should.
    private readonly ulong[] _open = new ulong[MaxDepth];
    private bool _pendingPop;

    public SheetXml(Stream input) => _input = input;

    /// <summary>Gets the depth of the current token: 1 for the root element's tags, 2 for its children's.</summary>
    public int Depth { get; private set; }

    /// <summary>Gets whether the current start tag closes itself (<c>&lt;x/&gt;</c>).</summary>
    public bool IsEmpty { get; private set; }

    /// <summary>Gets whether the current text is a CDATA section (taken as it is, no entities).</summary>
    public bool IsRaw { get; private set; }

    /// <summary>Gets the local name of the current tag (after any prefix).</summary>
    public ReadOnlySpan<byte> LocalName => _buffer.AsSpan(_localStart, _nameStart + _nameLength - _localStart);

    /// <summary>Gets the current text, as written (see <see cref="AppendText"/> to decode it).</summary>
    public ReadOnlySpan<byte> RawText => _buffer.AsSpan(_textStart, _textLength);

    /// <summary>Reads the next tag or text.</summary>
    public XmlToken Next()
    {
        if (_pendingPop)
        {
            _pendingPop = false;
            Depth--;
        }

        while (true)
        {
            if (_pos == _end && !Fill())
            {
                if (Depth > 0)
                {
                    throw new FormatException("the part ends inside an element (it is cut short)");
                }

                return XmlToken.End;
            }

            if (_buffer[_pos] != (byte)'<')
            {
                int lt = Find((byte)'<', 0);
                _textStart = _pos;
                _textLength = (lt < 0 ? _end : lt) - _pos;
                _pos += _textLength;
                IsRaw = false;
                if (Depth == 0)
                {
                    if (_buffer.AsSpan(_textStart, _textLength).Trim(" \t\r\n\uFEFF"u8).Length > 0)
                    {
                        throw new FormatException("text outside the root element");
                    }

                    continue;
                }

                return XmlToken.Text;
            }

            if (!Have(2))
            {
                throw new FormatException("the part ends inside a tag");
            }

            byte second = _buffer[_pos + 1];
            if (second == (byte)'/')
            {
                int gt = Find((byte)'>', 2);
                if (gt < 0)
                {
                    throw new FormatException("the part ends inside an end tag");
                }

                ReadOnlySpan<byte> name = _buffer.AsSpan(_pos + 2, gt - _pos - 2).TrimEnd(" \t\r\n"u8);
                SetName(_pos + 2, name.Length);
                if (Depth == 0 || _open[Depth - 1] != Hash(name))
                {
                    throw new FormatException($"the end tag </{Encoding.UTF8.GetString(name)}> does not close the open element");
                }

                _pos = gt + 1;
                _pendingPop = true;
                return XmlToken.EndTag;
            }

            if (second == (byte)'?')
            {
                SkipPast("?>"u8, "a processing instruction");
                continue;
            }

            if (second == (byte)'!')
            {
                if (StartsWith("<!--"u8))
                {
                    SkipPast("-->"u8, "a comment");
                    continue;
                }

                if (StartsWith("<![CDATA["u8))
                {
                    int close = FindSequence("]]>"u8, 9);
                    if (close < 0)
                    {
                        throw new FormatException("the part ends inside a CDATA section");
                    }

                    _textStart = _pos + 9;
                    _textLength = close - _textStart;
                    _pos = close + 3;
                    IsRaw = true;
                    if (Depth == 0)
                    {
                        throw new FormatException("a CDATA section outside the root element");
                    }

                    return XmlToken.Text;
                }

                throw new FormatException(StartsWith("<!DOCTYPE"u8) ? "a DTD (<!DOCTYPE>) is not allowed in a workbook part" : "an unknown <! construct");
            }

            ParseStartTag();
            if (Depth == MaxDepth)
            {
                throw new FormatException($"elements nest deeper than {MaxDepth}");
            }

            _open[Depth] = Hash(_buffer.AsSpan(_nameStart, _nameLength));
            Depth++;
            if (IsEmpty)
            {
                _pendingPop = true;
            }

            return XmlToken.Start;
        }
    }

    /// <summary>Skips the rest of the current element (from its start tag, or anywhere inside it) to its end tag.</summary>
    public void SkipElement(int depth)
    {
        if (_pendingPop && Depth == depth)
        {
            return; // an empty element, or on its end tag already
        }

        while (true)
        {
            XmlToken token = Next();
            if (token == XmlToken.End)
            {
                return;
            }

            if (token == XmlToken.EndTag && Depth == depth)
            {
                return;
            }
        }
    }

    /// <summary>Finds attribute <paramref name="name"/> (by local name) of the current start tag; its value as written.</summary>
    public bool TryAttribute(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        for (int i = 0; i < _attrCount; i++)
        {
            (int nameAt, int nameLength, int valueAt, int valueLength) = _attrs[i];
            ReadOnlySpan<byte> qualified = _buffer.AsSpan(_tagStart + nameAt, nameLength);
            if (qualified.Length >= name.Length && qualified.EndsWith(name)
                && (qualified.Length == name.Length || (qualified[^(name.Length + 1)] == (byte)':' && !qualified.StartsWith("xmlns:"u8))))
            {
                value = _buffer.AsSpan(_tagStart + valueAt, valueLength);
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Reads the start tag at <see cref="_pos"/> in one pass: its name, each attribute (name and quoted value,
    /// where a '&gt;' may stand), whether it closes itself. Offsets are kept from the tag's start, which stays put while
    /// the tag is read (<see cref="Fill"/> moves the buffer's content, never the bytes from <see cref="_pos"/> on).</summary>
    private void ParseStartTag()
    {
        int i = 1;
        byte b = At(i);
        while (!IsSpace(b) && b != (byte)'/' && b != (byte)'>')
        {
            b = At(++i);
        }

        int nameLength = i - 1;
        if (nameLength == 0)
        {
            throw new FormatException("a tag without a name");
        }

        _attrCount = 0;
        while (true)
        {
            b = At(i);
            if (IsSpace(b))
            {
                i++;
                continue;
            }

            if (b == (byte)'>')
            {
                IsEmpty = false;
                i++;
                break;
            }

            if (b == (byte)'/')
            {
                if (At(i + 1) != (byte)'>')
                {
                    throw new FormatException("a '/' inside a start tag");
                }

                IsEmpty = true;
                i += 2;
                break;
            }

            int nameAt = i;
            while (!IsSpace(b) && b != (byte)'=' && b != (byte)'>' && b != (byte)'/')
            {
                b = At(++i);
            }

            int attrLength = i - nameAt;
            while (IsSpace(b))
            {
                b = At(++i);
            }

            if (b != (byte)'=')
            {
                throw new FormatException("an attribute without a value");
            }

            b = At(++i);
            while (IsSpace(b))
            {
                b = At(++i);
            }

            if (b != (byte)'"' && b != (byte)'\'')
            {
                throw new FormatException("an attribute value without quotes");
            }

            int close = Find(b, i + 1);
            if (close < 0)
            {
                throw new FormatException("the part ends inside an attribute value");
            }

            close -= _pos;
            if (_attrCount == _attrs.Length)
            {
                Array.Resize(ref _attrs, _attrs.Length * 2);
            }

            _attrs[_attrCount++] = (nameAt, attrLength, i + 1, close - i - 1);
            i = close + 1;
        }

        _tagStart = _pos;
        SetName(_pos + 1, nameLength);
        _pos += i;
    }

    /// <summary>The byte <paramref name="offset"/> bytes after <see cref="_pos"/>, reading more as needed.</summary>
    private byte At(int offset)
    {
        if (_pos + offset < _end || Have(offset + 1))
        {
            return _buffer[_pos + offset];
        }

        throw new FormatException("the part ends inside a start tag");
    }

    /// <summary>Appends the current text, decoded (entities, character references, line endings), to <paramref name="to"/>.</summary>
    public void AppendText(ref byte[] to, ref int used) => Decode(RawText, IsRaw, ref to, ref used);

    /// <summary>Decodes character data or an attribute value as written into UTF-8 bytes appended at <paramref name="used"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> raw, bool cdata, ref byte[] to, ref int used)
    {
        Ensure(ref to, used, raw.Length);
        if (cdata ? raw.IndexOf((byte)'\r') < 0 : raw.IndexOfAny((byte)'&', (byte)'\r') < 0)
        {
            raw.CopyTo(to.AsSpan(used));
            used += raw.Length;
            return;
        }

        int i = 0;
        while (i < raw.Length)
        {
            int special = cdata ? raw[i..].IndexOf((byte)'\r') : raw[i..].IndexOfAny((byte)'&', (byte)'\r');
            int run = special < 0 ? raw.Length - i : special;
            raw.Slice(i, run).CopyTo(to.AsSpan(used));
            used += run;
            i += run;
            if (special < 0)
            {
                break;
            }

            if (raw[i] == (byte)'\r')
            {
                to[used++] = (byte)'\n'; // XML 1.0 §2.11: CR LF and a lone CR are read as LF
                i += i + 1 < raw.Length && raw[i + 1] == (byte)'\n' ? 2 : 1;
                continue;
            }

            int semicolon = raw[i..].IndexOf((byte)';');
            if (semicolon < 0)
            {
                throw new FormatException("an '&' that starts no entity (write &amp;)");
            }

            ReadOnlySpan<byte> entity = raw.Slice(i + 1, semicolon - 1);
            i += semicolon + 1;
            byte single = entity switch
            {
                _ when entity.SequenceEqual("lt"u8) => (byte)'<',
                _ when entity.SequenceEqual("gt"u8) => (byte)'>',
                _ when entity.SequenceEqual("amp"u8) => (byte)'&',
                _ when entity.SequenceEqual("quot"u8) => (byte)'"',
                _ when entity.SequenceEqual("apos"u8) => (byte)'\'',
                _ => 0,
            };
            if (single != 0)
            {
                to[used++] = single;
                continue;
            }

            if (entity.Length < 2 || entity[0] != (byte)'#')
            {
                throw new FormatException($"the entity &{Encoding.UTF8.GetString(entity)}; is not defined");
            }

            bool hex = entity[1] is (byte)'x';
            if (!uint.TryParse(entity[(hex ? 2 : 1)..], hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint code)
                || !Rune.TryCreate(code, out Rune rune) || (code < 0x20 && code is not (0x9 or 0xA or 0xD)))
            {
                throw new FormatException($"the character reference &{Encoding.UTF8.GetString(entity)}; is not a valid XML character");
            }

            Ensure(ref to, used, 4 + raw.Length - i);
            used += rune.EncodeToUtf8(to.AsSpan(used));
        }
    }

    public void Dispose()
    {
        _input.Dispose();
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Ensure(ref byte[] to, int used, int more)
    {
        if (used + more > to.Length)
        {
            Array.Resize(ref to, Math.Max(used + more, to.Length * 2));
        }
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>A hash of a qualified name good enough to tell an element's end tag from another's.</summary>
    private static ulong Hash(ReadOnlySpan<byte> name)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in name)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private void SetName(int start, int length)
    {
        _nameStart = start;
        _nameLength = length;
        int colon = _buffer.AsSpan(start, length).IndexOf((byte)':');
        _localStart = start + colon + 1;
    }

    private bool StartsWith(ReadOnlySpan<byte> prefix)
    {
        Have(prefix.Length);
        return _buffer.AsSpan(_pos, _end - _pos).StartsWith(prefix);
    }

    private void SkipPast(ReadOnlySpan<byte> close, string what)
    {
        int at = FindSequence(close, 2);
        if (at < 0)
        {
            throw new FormatException($"the part ends inside {what}");
        }

        _pos = at + close.Length;
    }

    /// <summary>Whether at least <paramref name="count"/> bytes from <see cref="_pos"/> are in the buffer (reading more if needed).</summary>
    private bool Have(int count)
    {
        while (_end - _pos < count)
        {
            if (!Fill())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The buffer index of the first <paramref name="value"/> at or after <see cref="_pos"/> + <paramref name="from"/>,
    /// reading more as needed; −1 at the end of the part. <see cref="_pos"/> may move (the buffer is compacted).</summary>
    private int Find(byte value, int from)
    {
        while (true)
        {
            int searched = _pos + from;
            int at = searched < _end ? _buffer.AsSpan(searched, _end - searched).IndexOf(value) : -1;
            if (at >= 0)
            {
                return searched + at;
            }

            int scanned = _end - _pos;
            if (!Fill())
            {
                return -1;
            }

            from = scanned;
        }
    }

    private int FindSequence(ReadOnlySpan<byte> value, int from)
    {
        while (true)
        {
            int searched = _pos + from;
            int at = searched < _end ? _buffer.AsSpan(searched, _end - searched).IndexOf(value) : -1;
            if (at >= 0)
            {
                return searched + at;
            }

            int scanned = Math.Max(from, _end - _pos - value.Length + 1);
            if (!Fill())
            {
                return -1;
            }

            from = scanned;
        }
    }

    /// <summary>Reads more of the part, keeping the bytes from <see cref="_pos"/> (moved to the buffer's start; the
    /// buffer grows when they fill it, so it holds the longest token). <see langword="false"/> at the end of the part.</summary>
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        if (_pos > 0)
        {
            _buffer.AsSpan(_pos, _end - _pos).CopyTo(_buffer);
            _end -= _pos;
            _pos = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxTokenBytes)
            {
                throw new FormatException($"one XML token (a tag, a text or a CDATA section) is longer than {MaxTokenBytes >> 20} MiB; an Excel cell holds at most 32,767 characters, so the part is broken");
            }

            byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read = _input.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }
}
