using System.Buffers;
using System.Text;
using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>
/// Appends answers to a growing columnar store, one at a time or in batches, and produces a <see cref="ResponseTable"/>.
/// </summary>
/// <remarks>
/// <para>Adding allocates nothing per answer beyond amortized column growth (segment values are looked up in a
/// dictionary, and <see cref="GetSegmentCode(int, ReadOnlySpan{char})"/> lets a parser intern a value without
/// making a string). Every add validates its input and names the row (0-based, counted from the first add) in
/// any error; a rejected row leaves the builder unchanged.</para>
/// <para>This type is mutable and not thread-safe; the tables it makes are immutable.</para>
/// </remarks>
public sealed class ResponseTableBuilder
{
    private readonly string[] _dimensions;
    private readonly SegmentDictionary[] _dictionaries;
    private readonly CodeColumn[] _segments;
    private readonly Utf8IdDictionary _respondentIds = new();
    private long[] _ticks = [];
    private byte[] _scores = [];
    private int[]? _respondents;
    private double[]? _weights;
    private Dictionary<int, string>? _comments;
    private int _count;
    private long _rowBase;
    private long _minTicks = long.MaxValue;
    private long _maxTicks = long.MinValue;
    private int _minRow = -1;
    private int _maxRow = -1;

    /// <summary>Starts an empty builder with the given segment dimensions.</summary>
    /// <param name="dimensions">Dimension names (e.g. <c>region</c>, <c>department</c>), distinct and non-empty; none for an unsegmented table.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dimensions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is empty or repeated.</exception>
    public ResponseTableBuilder(params IEnumerable<string> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        _dimensions = [.. dimensions];
        Segmentation.ValidateDimensionNames(_dimensions, nameof(dimensions));
        _dictionaries = [.. _dimensions.Select(_ => new SegmentDictionary())];
        _segments = [.. _dimensions.Select(_ => new CodeColumn())];
    }

    /// <summary>Gets the dimension names.</summary>
    public IReadOnlyList<string> Dimensions => _dimensions;

    /// <summary>Gets the number of answers added since creation or the last <see cref="Clear"/>.</summary>
    public int Count => _count;

    /// <summary>Adds one answer.</summary>
    /// <param name="submittedAt">When it was given.</param>
    /// <param name="score">The answer, 0 to 10.</param>
    /// <param name="segmentValues">One value per dimension, in <see cref="Dimensions"/> order; none may be <see langword="null"/>.</param>
    /// <param name="respondentId">Who answered, or <see langword="null"/>.</param>
    /// <param name="weight">A survey weight (finite, greater than zero), or <see langword="null"/> for weight 1.</param>
    /// <param name="comment">A comment, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0..10 or the weight is not finite and positive.</exception>
    /// <exception cref="ArgumentException">The number of segment values differs from the number of dimensions, or a value is <see langword="null"/>.</exception>
    public ResponseTableBuilder Add(
        DateTimeOffset submittedAt, int score, ReadOnlySpan<string> segmentValues, string? respondentId = null, double? weight = null, string? comment = null) =>
        AddUtcTicks(submittedAt.UtcTicks, score, segmentValues, respondentId, weight, comment);

    /// <summary>Adds one answer given its time as UTC ticks (as <see cref="DateTimeOffset.UtcTicks"/> returns them).</summary>
    /// <param name="utcTicks">The time: 0 (0001-01-01T00:00Z) to <see cref="DateTime.MaxValue"/>'s ticks.</param>
    /// <param name="score">The answer, 0 to 10.</param>
    /// <param name="segmentValues">One value per dimension, in <see cref="Dimensions"/> order.</param>
    /// <param name="respondentId">Who answered, or <see langword="null"/>.</param>
    /// <param name="weight">A survey weight (finite, greater than zero), or <see langword="null"/> for weight 1.</param>
    /// <param name="comment">A comment, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The time is before year 1 or after year 9999, the score is outside 0..10,
    /// or the weight is not finite and positive.</exception>
    /// <exception cref="ArgumentException">The number of segment values differs from the number of dimensions, or a value is <see langword="null"/>.</exception>
    public ResponseTableBuilder AddUtcTicks(
        long utcTicks, int score, ReadOnlySpan<string> segmentValues, string? respondentId = null, double? weight = null, string? comment = null)
    {
        long row = _rowBase + _count;
        ValidateRow(utcTicks, score, weight, row);
        if (segmentValues.Length != _dimensions.Length)
        {
            ThrowHelper.SegmentCount(segmentValues.Length, _dimensions, row, nameof(segmentValues));
        }

        for (int d = 0; d < segmentValues.Length; d++)
        {
            if (segmentValues[d] is null)
            {
                ThrowHelper.NullSegmentValue(_dimensions[d], row, nameof(segmentValues));
            }
        }

        int i = Append(utcTicks, (byte)score);
        for (int d = 0; d < segmentValues.Length; d++)
        {
            _segments[d].Set(i, _dictionaries[d].GetOrAdd(segmentValues[d]));
        }

        SetExtras(i, respondentId, weight, comment);
        return this;
    }

    /// <summary>Adds one answer whose segment values are already codes from <see cref="GetSegmentCode(int, ReadOnlySpan{char})"/>
    /// (the allocation-free path for parsers).</summary>
    /// <param name="utcTicks">The time as UTC ticks.</param>
    /// <param name="score">The answer, 0 to 10.</param>
    /// <param name="segmentCodes">One code per dimension, each returned by <see cref="GetSegmentCode(int, ReadOnlySpan{char})"/> for that dimension.</param>
    /// <param name="weight">A survey weight, or <see langword="null"/> for weight 1.</param>
    /// <param name="respondentId">Who answered, or <see langword="null"/>.</param>
    /// <param name="comment">A comment, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The time, score, weight or a code is out of range.</exception>
    /// <exception cref="ArgumentException">The number of codes differs from the number of dimensions.</exception>
    public ResponseTableBuilder AddCoded(long utcTicks, int score, ReadOnlySpan<int> segmentCodes, double? weight = null, string? respondentId = null, string? comment = null)
    {
        long row = _rowBase + _count;
        ValidateRow(utcTicks, score, weight, row);
        if (segmentCodes.Length != _dimensions.Length)
        {
            ThrowHelper.SegmentCount(segmentCodes.Length, _dimensions, row, nameof(segmentCodes));
        }

        for (int d = 0; d < segmentCodes.Length; d++)
        {
            if ((uint)segmentCodes[d] >= (uint)_dictionaries[d].Count)
            {
                ThrowHelper.UnknownSegmentCode(segmentCodes[d], _dimensions[d], _dictionaries[d].Count, row, nameof(segmentCodes));
            }
        }

        int i = Append(utcTicks, (byte)score);
        for (int d = 0; d < segmentCodes.Length; d++)
        {
            _segments[d].Set(i, segmentCodes[d]);
        }

        SetExtras(i, respondentId, weight, comment);
        return this;
    }

    /// <summary>Adds a batch of answers given by column.</summary>
    /// <param name="submittedAt">The times.</param>
    /// <param name="scores">The answers, each 0 to 10; as many as times.</param>
    /// <param name="segmentColumns">One array per dimension, in <see cref="Dimensions"/> order, each as long as the times.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">Lengths differ, the number of columns differs from the number of dimensions, or a value is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0..10 (nothing of the batch is added).</exception>
    public ResponseTableBuilder AddBatch(ReadOnlySpan<DateTimeOffset> submittedAt, ReadOnlySpan<byte> scores, params ReadOnlySpan<string[]> segmentColumns)
    {
        if (scores.Length != submittedAt.Length)
        {
            ThrowHelper.LengthMismatch(nameof(submittedAt), submittedAt.Length, nameof(scores), scores.Length, nameof(scores));
        }

        if (segmentColumns.Length != _dimensions.Length)
        {
            ThrowHelper.SegmentCount(segmentColumns.Length, _dimensions, -1, nameof(segmentColumns));
        }

        for (int d = 0; d < segmentColumns.Length; d++)
        {
            ArgumentNullException.ThrowIfNull(segmentColumns[d], nameof(segmentColumns));
            if (segmentColumns[d].Length != scores.Length)
            {
                ThrowHelper.LengthMismatch(nameof(scores), scores.Length, $"segment column '{_dimensions[d]}'", segmentColumns[d].Length, nameof(segmentColumns));
            }

            int nullAt = Array.IndexOf(segmentColumns[d], null);
            if (nullAt >= 0)
            {
                ThrowHelper.NullSegmentValue(_dimensions[d], _rowBase + _count + nullAt, nameof(segmentColumns));
            }
        }

        for (int i = 0; i < scores.Length; i++)
        {
            if (scores[i] > Nps.MaxScore)
            {
                ThrowHelper.ScoreOutOfRangeAt(scores[i], _rowBase + _count + i, nameof(scores));
            }
        }

        EnsureCapacity(_count + scores.Length);
        for (int i = 0; i < scores.Length; i++)
        {
            int row = Append(submittedAt[i].UtcTicks, scores[i]);
            for (int d = 0; d < segmentColumns.Length; d++)
            {
                _segments[d].Set(row, _dictionaries[d].GetOrAdd(segmentColumns[d][i]));
            }
        }

        if (_weights is not null)
        {
            _weights.AsSpan(_count - scores.Length, scores.Length).Fill(1.0);
        }

        if (_respondents is not null)
        {
            _respondents.AsSpan(_count - scores.Length, scores.Length).Fill(-1);
        }

        return this;
    }

    /// <summary>Adds a row-oriented response; its segments must include every dimension of this builder (others are ignored).</summary>
    /// <param name="response">The response.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The response lacks a value for a dimension; the message names the row.</exception>
    public ResponseTableBuilder Add(SurveyResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        string[] values = new string[_dimensions.Length];
        for (int d = 0; d < _dimensions.Length; d++)
        {
            if (!response.Segments.TryGetValue(_dimensions[d], out string? value))
            {
                ThrowHelper.MissingSegment(_dimensions[d], _rowBase + _count, nameof(response));
            }

            values[d] = value!;
        }

        return AddUtcTicks(response.SubmittedAt.UtcTicks, response.Score, values, response.RespondentId, response.Weight, response.Comment);
    }

    /// <summary>Adds many row-oriented responses.</summary>
    /// <param name="responses">The responses.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="responses"/> is <see langword="null"/>.</exception>
    public ResponseTableBuilder AddRange(IEnumerable<SurveyResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        foreach (SurveyResponse r in responses)
        {
            Add(r);
        }

        return this;
    }

    /// <summary>Gets the code of a segment value, adding it to the dimension's dictionary if new. Allocates a string only
    /// the first time a value is seen.</summary>
    /// <param name="dimension">The dimension's index in <see cref="Dimensions"/>.</param>
    /// <param name="value">The value's characters (for example a slice of a parser's buffer).</param>
    /// <returns>The code, for <see cref="AddCoded"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is not a dimension index.</exception>
    public int GetSegmentCode(int dimension, ReadOnlySpan<char> value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dimension, _dimensions.Length);
        return _dictionaries[dimension].GetOrAdd(value);
    }

    /// <summary>Makes an immutable table of the answers added so far; the builder stays usable.</summary>
    /// <returns>The table (its columns are copies trimmed to size).</returns>
    public ResponseTable ToTable() => new(
        _ticks[.._count],
        _scores[.._count],
        [.. _dimensions],
        [.. _segments.Select(s => s.Trimmed(_count))],
        [.. _dictionaries.Select(d => d.Values.ToArray())],
        _respondents?[.._count],
        _respondents is null ? null : _respondentIds.ToArena(),
        _weights?[.._count],
        _comments is null ? null : new Dictionary<int, string>(_comments),
        _minRow,
        _maxRow);

    /// <summary>
    /// Like <see cref="ToTable"/>, but when the columns are exactly full (a full <see cref="NpsCubeBuilder"/> chunk) the
    /// table shares them instead of copying. Such a table is valid only until the next add or <see cref="Clear"/>, so
    /// it is for counting at once and dropping, never for handing out. Respondents and comments are left out.
    /// </summary>
    internal ResponseTable ToTransientTable()
    {
        if (_count != _scores.Length || _count != _ticks.Length || _segments.Any(s => s.Capacity != _count))
        {
            return ToTable();
        }

        return new(
            _ticks, _scores, _dimensions, [.. _segments], [.. _dictionaries.Select(d => d.Values.ToArray())],
            null, null, _weights, null, _minRow, _maxRow);
    }

    /// <summary>Removes the answers but keeps the segment dictionaries (so codes stay stable) and the capacity.
    /// Rows added afterwards continue the row numbering used in error messages.</summary>
    public void Clear()
    {
        _rowBase += _count;
        _count = 0;
        _respondents = null;
        _weights = null;
        _comments = null;
        _minTicks = long.MaxValue;
        _maxTicks = long.MinValue;
        _minRow = -1;
        _maxRow = -1;
    }

    private static void ValidateRow(long utcTicks, int score, double? weight, long row)
    {
        if ((ulong)utcTicks > (ulong)DateTime.MaxValue.Ticks)
        {
            ThrowHelper.TimeOutOfRange(utcTicks, row, null);
        }

        if (!Nps.IsValidScore(score))
        {
            ThrowHelper.ScoreOutOfRangeAt(score, row, nameof(score));
        }

        if (weight is double w && !(double.IsFinite(w) && w > 0))
        {
            ThrowHelper.InvalidWeight(w, row, nameof(weight));
        }
    }

    private int Append(long utcTicks, byte score)
    {
        if (_count == _scores.Length)
        {
            EnsureCapacity(_count + 1);
        }

        int i = _count++;
        _ticks[i] = utcTicks;
        _scores[i] = score;
        if (utcTicks < _minTicks)
        {
            _minTicks = utcTicks;
            _minRow = i;
        }

        if (utcTicks > _maxTicks)
        {
            _maxTicks = utcTicks;
            _maxRow = i;
        }

        return i;
    }

    private void SetExtras(int i, string? respondentId, double? weight, string? comment)
    {
        if (respondentId is not null && _respondents is null)
        {
            _respondents = new int[_scores.Length];
            _respondents.AsSpan(0, i).Fill(-1);
        }

        if (_respondents is not null)
        {
            _respondents[i] = respondentId is null ? -1 : _respondentIds.GetOrAdd(respondentId);
        }

        if (weight is not null && _weights is null)
        {
            _weights = new double[_scores.Length];
            _weights.AsSpan(0, i).Fill(1.0);
        }

        if (_weights is not null)
        {
            _weights[i] = weight ?? 1.0;
        }

        if (comment is not null)
        {
            (_comments ??= [])[i] = comment;
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _scores.Length)
        {
            return;
        }

        int capacity = (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(1024L, _scores.Length * 2L)));
        Array.Resize(ref _ticks, capacity);
        Array.Resize(ref _scores, capacity);
        foreach (CodeColumn c in _segments)
        {
            c.Resize(capacity);
        }

        if (_respondents is not null)
        {
            Array.Resize(ref _respondents, capacity);
        }

        if (_weights is not null)
        {
            Array.Resize(ref _weights, capacity);
        }
    }
}

/// <summary>
/// Respondent ids, each distinct id stored once as UTF-8 — a 7-bit-encoded length, then the bytes — in one byte arena;
/// an id's code is its offset in the arena, so a table needs no offset array and a row's respondent costs 4 bytes.
/// Lookup while building is an open-addressing table of codes (4 bytes a slot, at most 3/4 full).
/// </summary>
internal sealed class Utf8IdDictionary
{
    private byte[] _arena = new byte[256];
    private int _used;
    private int[] _slots = new int[64]; // code + 1; 0 = empty
    private int _count;

    /// <summary>Gets the code of <paramref name="id"/>, adding it if new.</summary>
    public int GetOrAdd(string id)
    {
        int max = Encoding.UTF8.GetMaxByteCount(id.Length);
        byte[]? rented = max <= 256 ? null : ArrayPool<byte>.Shared.Rent(max);
        Span<byte> bytes = rented ?? stackalloc byte[256];
        try
        {
            return GetOrAdd(bytes[..Encoding.UTF8.GetBytes(id, bytes)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Gets the code of an id given as UTF-8, adding it if new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> id)
    {
        int mask = _slots.Length - 1;
        for (int i = Hash(id) & mask; ; i = (i + 1) & mask)
        {
            int slot = _slots[i];
            if (slot == 0)
            {
                int code = Append(id);
                _slots[i] = code + 1;
                if (++_count * 4 > _slots.Length * 3)
                {
                    Grow();
                }

                return code;
            }

            if (At(_arena, slot - 1).SequenceEqual(id))
            {
                return slot - 1;
            }
        }
    }

    /// <summary>The arena, trimmed: what a table keeps.</summary>
    public byte[] ToArena() => _arena[.._used];

    /// <summary>The id at <paramref name="code"/> in an arena made by <see cref="ToArena"/>.</summary>
    public static string Decode(byte[] arena, int code) => Encoding.UTF8.GetString(At(arena, code));

    private static ReadOnlySpan<byte> At(byte[] arena, int code)
    {
        int length = 0;
        int shift = 0;
        byte b;
        do
        {
            b = arena[code++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);
        return arena.AsSpan(code, length);
    }

    private static int Hash(ReadOnlySpan<byte> id)
    {
        var hash = default(HashCode);
        hash.AddBytes(id);
        return hash.ToHashCode() & int.MaxValue;
    }

    private int Append(ReadOnlySpan<byte> id)
    {
        long needed = (long)_used + 5 + id.Length;
        if (needed >= int.MaxValue)
        {
            throw new InvalidOperationException("The respondent ids of one ResponseTable take more than 2 GiB of UTF-8; split the table (e.g. by period) and merge the cubes.");
        }

        if (needed > _arena.Length)
        {
            Array.Resize(ref _arena, (int)Math.Min(int.MaxValue - 1, Math.Max(needed, 2L * _arena.Length)));
        }

        int code = _used;
        uint length = (uint)id.Length;
        while (length >= 0x80)
        {
            _arena[_used++] = (byte)(length | 0x80);
            length >>= 7;
        }

        _arena[_used++] = (byte)length;
        id.CopyTo(_arena.AsSpan(_used));
        _used += id.Length;
        return code;
    }

    private void Grow()
    {
        int[] slots = new int[_slots.Length * 2];
        int mask = slots.Length - 1;
        foreach (int slot in _slots)
        {
            if (slot != 0)
            {
                int i = Hash(At(_arena, slot - 1)) & mask;
                while (slots[i] != 0)
                {
                    i = (i + 1) & mask;
                }

                slots[i] = slot;
            }
        }

        _slots = slots;
    }
}
