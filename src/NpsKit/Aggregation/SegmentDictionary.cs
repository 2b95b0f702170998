namespace NpsKit.Aggregation;

/// <summary>Dictionary encoding of one segment dimension's values: value ↔ small integer code, in first-seen order.</summary>
internal sealed class SegmentDictionary
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
    private readonly List<string> _values = [];

    public SegmentDictionary() => _spanLookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _values.Count;

    public List<string> Values => _values;

    public int GetOrAdd(string value)
    {
        if (!_codes.TryGetValue(value, out int code))
        {
            code = _values.Count;
            _codes.Add(value, code);
            _values.Add(value);
        }

        return code;
    }

    public int GetOrAdd(ReadOnlySpan<char> value)
    {
        if (!_spanLookup.TryGetValue(value, out int code))
        {
            string s = value.ToString();
            code = _values.Count;
            _codes.Add(s, code);
            _values.Add(s);
        }

        return code;
    }

    public bool TryGetCode(string value, out int code) => _codes.TryGetValue(value, out code);
}

/// <summary>
/// A column of dictionary codes stored in the narrowest width that holds them: one byte per row while the
/// dictionary has at most 256 values, two up to 65 536, four beyond. Widening happens once, on demand.
/// </summary>
internal sealed class CodeColumn
{
    private byte[]? _u8 = [];
    private ushort[]? _u16;
    private int[]? _i32;

    public int Width => _u8 is not null ? 1 : _u16 is not null ? 2 : 4;

    public byte[]? U8 => _u8;

    public ushort[]? U16 => _u16;

    public int[]? I32 => _i32;

    public int Capacity => _u8?.Length ?? _u16?.Length ?? _i32!.Length;

    public int Get(int row) => _u8 is not null ? _u8[row] : _u16 is not null ? _u16[row] : _i32![row];

    public void Set(int row, int code)
    {
        if (_u8 is not null)
        {
            if (code <= byte.MaxValue)
            {
                _u8[row] = (byte)code;
                return;
            }

            Widen(row, code);
        }

        if (_u16 is not null)
        {
            if (code <= ushort.MaxValue)
            {
                _u16[row] = (ushort)code;
                return;
            }

            Widen(row, code);
        }

        _i32![row] = code;
    }

    public void Resize(int capacity)
    {
        if (_u8 is not null)
        {
            Array.Resize(ref _u8, capacity);
        }
        else if (_u16 is not null)
        {
            Array.Resize(ref _u16, capacity);
        }
        else
        {
            Array.Resize(ref _i32, capacity);
        }
    }

    public CodeColumn Trimmed(int count)
    {
        var c = new CodeColumn { _u8 = _u8?[..count], _u16 = _u16?[..count], _i32 = _i32?[..count] };
        return c;
    }

    private void Widen(int row, int code)
    {
        int capacity = Capacity;
        if (_u8 is not null && code <= ushort.MaxValue)
        {
            _u16 = new ushort[capacity];
            for (int i = 0; i < row; i++)
            {
                _u16[i] = _u8[i];
            }

            _u8 = null;
            return;
        }

        _i32 = new int[capacity];
        for (int i = 0; i < row; i++)
        {
            _i32[i] = Get(i);
        }

        _u8 = null;
        _u16 = null;
    }
}
