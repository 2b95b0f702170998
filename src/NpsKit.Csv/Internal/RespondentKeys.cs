using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NpsKit.Csv.Internal;

/// <summary>
/// The 16-byte key of a respondent (and, when duplicates are per period, of the period's first day): an id of up to
/// 12 UTF-8 bytes is stored in the key itself with the period and the length, so equal keys mean equal ids exactly; a
/// longer id is represented by a 120-bit hash of its bytes and the period.
/// </summary>
/// <remarks>For hashed keys two different ids collide with probability about n² / 2¹²¹ for n distinct ids (about
/// 10⁻²² at ten million ids): far below the rate of memory errors, but not a proof. The hash is not keyed, so a
/// file crafted to collide could make two respondents count as one.</remarks>
internal readonly record struct RespondentKey(ulong Low, ulong High)
{
    /// <summary>Longest id kept exactly in the key.</summary>
    public const int InlineBytes = 12;

    /// <summary>Makes the key of <paramref name="id"/> (trimmed, non-empty UTF-8) in period <paramref name="period"/>
    /// (a day number below 2²⁴, 0 when duplicates are over the whole input).</summary>
    public static RespondentKey Of(ReadOnlySpan<byte> id, long period)
    {
        if (id.Length <= InlineBytes)
        {
            Span<byte> key = stackalloc byte[16];
            key.Clear();
            id.CopyTo(key);
            key[12] = (byte)period;
            key[13] = (byte)(period >> 8);
            key[14] = (byte)(period >> 16);
            key[15] = (byte)id.Length; // 1..12: never 0 (no empty key) and never 0xFF (a hashed key)
            return new RespondentKey(BinaryPrimitives.ReadUInt64LittleEndian(key), BinaryPrimitives.ReadUInt64LittleEndian(key[8..]));
        }

        (ulong a, ulong b) = Hash128(id, (ulong)period);
        return new RespondentKey(a, (b & 0x00FF_FFFF_FFFF_FFFFUL) | 0xFF00_0000_0000_0000UL);
    }

    /// <summary>A well-mixed 64-bit hash of the key, for table slots and the distinct-count sketch.</summary>
    public ulong Mix() => Fmix((Low * 0x9E37_79B9_7F4A_7C15UL) ^ BitOperations.RotateLeft(High, 29) ^ (High * 0xC2B2_AE3D_27D4_EB4FUL));

    /// <summary>Two 64-bit lanes over the id's 8-byte words (multiply–rotate, MurmurHash3's finaliser; Appleby, 2011).</summary>
    private static (ulong, ulong) Hash128(ReadOnlySpan<byte> data, ulong seed)
    {
        ulong h1 = 0x243F_6A88_85A3_08D3UL ^ seed;
        ulong h2 = 0x1319_8A2E_0370_7344UL ^ ((ulong)data.Length * 0x9E37_79B9_7F4A_7C15UL);
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            ulong k = BinaryPrimitives.ReadUInt64LittleEndian(data[i..]);
            h1 = BitOperations.RotateLeft(h1 ^ (k * 0x87C3_7B91_1142_53D5UL), 27) * 5 + 0x52DC_E729;
            h2 = BitOperations.RotateLeft(h2 ^ (k * 0x4CF5_AD43_2745_937FUL), 31) * 5 + 0x3849_5AB5;
        }

        ulong tail = 0;
        for (int j = data.Length - 1; j >= i; j--)
        {
            tail = (tail << 8) | data[j];
        }

        h1 ^= tail * 0x87C3_7B91_1142_53D5UL;
        h2 ^= BitOperations.RotateLeft(tail, 33) * 0x4CF5_AD43_2745_937FUL;
        h1 += h2;
        h2 += h1;
        h1 = Fmix(h1);
        h2 = Fmix(h2);
        h1 += h2;
        h2 += h1;
        return (h1, h2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fmix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xFF51_AFD7_ED55_8CCDUL;
        k ^= k >> 33;
        k *= 0xC4CE_B9FE_1A85_EC53UL;
        k ^= k >> 33;
        return k;
    }
}

/// <summary>
/// An open-addressing set of <see cref="RespondentKey"/>s (16 bytes a slot, linear probing, at most 7/8 full), with an
/// optional pair of 64-bit values per key (the time and line of <see cref="DuplicatePolicy.KeepLatest"/>'s winner).
/// </summary>
internal sealed class RespondentSet(bool withValues)
{
    private ulong[] _keys = new ulong[2 * 1024];
    private long[]? _values = withValues ? new long[2 * 1024] : null;
    private int _mask = 1023;

    /// <summary>Gets the number of keys.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the bytes held by the table.</summary>
    public long Bytes => (_keys.Length * 8L) + ((_values?.Length ?? 0) * 8L);

    /// <summary>Adds the key; returns <see langword="false"/> when it was already there.</summary>
    public bool Add(RespondentKey key) => Slot(key, insert: true, out _);

    /// <summary>Finds the key's slot (inserting it when <paramref name="insert"/>); returns whether it was new.</summary>
    public bool Slot(RespondentKey key, bool insert, out int slot)
    {
        int i = (int)(key.Mix() >> 32) & _mask;
        while (true)
        {
            ulong low = _keys[2 * i];
            ulong high = _keys[(2 * i) + 1];
            if (low == key.Low && high == key.High)
            {
                slot = i;
                return false;
            }

            if (low == 0 && high == 0)
            {
                if (!insert)
                {
                    slot = -1;
                    return true;
                }

                _keys[2 * i] = key.Low;
                _keys[(2 * i) + 1] = key.High;
                slot = i;
                if (++Count > (_mask + 1) / 8 * 7)
                {
                    Grow();
                    _ = Slot(key, insert: false, out slot);
                }

                return true;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>The values of a slot found by <see cref="Slot"/>.</summary>
    public ref long Value(int slot, int which) => ref _values![(2 * slot) + which];

    /// <summary>Merges the (ticks, offset) winners of a later part of the input: its entry replaces this one's when its
    /// time is the same or later (a later row wins a tie), as reading the rows in order would.</summary>
    public void MergeLatest(RespondentSet later)
    {
        for (int s = 0; s <= later._mask; s++)
        {
            ulong low = later._keys[2 * s];
            ulong high = later._keys[(2 * s) + 1];
            if (low == 0 && high == 0)
            {
                continue;
            }

            bool added = Slot(new RespondentKey(low, high), insert: true, out int slot);
            if (added || later._values![2 * s] >= Value(slot, 0))
            {
                Value(slot, 0) = later._values![2 * s];
                Value(slot, 1) = later._values[(2 * s) + 1];
            }
        }
    }

    /// <summary>Every key, for handing over to a <see cref="DistinctSketch"/>.</summary>
    public IEnumerable<RespondentKey> Keys()
    {
        for (int i = 0; i <= _mask; i++)
        {
            if (_keys[2 * i] != 0 || _keys[(2 * i) + 1] != 0)
            {
                yield return new RespondentKey(_keys[2 * i], _keys[(2 * i) + 1]);
            }
        }
    }

    private void Grow()
    {
        ulong[] keys = _keys;
        long[]? values = _values;
        int capacity = (_mask + 1) * 2;
        _keys = new ulong[2 * capacity];
        _values = values is null ? null : new long[2 * capacity];
        _mask = capacity - 1;
        for (int s = 0; s < keys.Length / 2; s++)
        {
            ulong low = keys[2 * s];
            ulong high = keys[(2 * s) + 1];
            if (low == 0 && high == 0)
            {
                continue;
            }

            int i = (int)(new RespondentKey(low, high).Mix() >> 32) & _mask;
            while (_keys[2 * i] != 0 || _keys[(2 * i) + 1] != 0)
            {
                i = (i + 1) & _mask;
            }

            _keys[2 * i] = low;
            _keys[(2 * i) + 1] = high;
            if (values is not null)
            {
                _values![2 * i] = values[2 * s];
                _values[(2 * i) + 1] = values[(2 * s) + 1];
            }
        }
    }
}

/// <summary>
/// A HyperLogLog sketch of the number of distinct keys (Flajolet, Fusy, Gandouet &amp; Meunier, 2007): 2¹⁴ one-byte
/// registers (16 KiB) whatever the input, standard error 1.04/√2¹⁴ ≈ 0.81 % of the distinct count, with linear
/// counting for small counts as in Heule, Nunkesser &amp; Hall (2013).
/// </summary>
internal sealed class DistinctSketch
{
    private const int Bits = 14;
    private const int M = 1 << Bits;
    private readonly byte[] _registers = new byte[M];

    /// <summary>The relative standard error of <see cref="Estimate"/>.</summary>
    public const double RelativeStandardError = 1.04 / 128.0;

    public void Add(RespondentKey key)
    {
        ulong h = key.Mix();
        int index = (int)(h >> (64 - Bits));
        byte rank = (byte)(BitOperations.LeadingZeroCount((h << Bits) | (1UL << (Bits - 1))) + 1);
        if (rank > _registers[index])
        {
            _registers[index] = rank;
        }
    }

    /// <summary>Adds the other sketch's keys (register-wise maximum: the sketch of the union).</summary>
    public void Merge(DistinctSketch other)
    {
        for (int i = 0; i < M; i++)
        {
            _registers[i] = Math.Max(_registers[i], other._registers[i]);
        }
    }

    /// <summary>The estimated number of distinct keys added.</summary>
    public double Estimate()
    {
        double sum = 0;
        int zeros = 0;
        foreach (byte r in _registers)
        {
            sum += Math.ScaleB(1.0, -r);
            zeros += r == 0 ? 1 : 0;
        }

        double alpha = 0.7213 / (1 + (1.079 / M));
        double raw = alpha * M * (double)M / sum;
        return raw <= 2.5 * M && zeros > 0 ? M * Math.Log((double)M / zeros) : raw;
    }
}

/// <summary>
/// Counts (and, under the deduplicating policies, finds) repeated respondents in bounded memory: exactly with a
/// <see cref="RespondentSet"/> (16 bytes a slot) under <see cref="DuplicatePolicy.KeepFirst"/> and
/// <see cref="DuplicatePolicy.Error"/> and when <see cref="CsvReadOptions.ExactDuplicateCount"/> is set; under
/// <see cref="DuplicatePolicy.KeepAll"/> otherwise exactly for the first <see cref="ExactLimit"/> distinct ids, then
/// estimated by a <see cref="DistinctSketch"/> of fixed size.
/// </summary>
internal sealed class DuplicateTracker
{
    /// <summary>Distinct ids counted exactly under KeepAll before the count turns into an estimate (2 MiB of table).</summary>
    internal const int ExactLimit = 1 << 16;

    private readonly bool _bounded;
    private RespondentSet? _exact = new(withValues: false);
    private DistinctSketch? _sketch;
    private long _rowsWithId;

    public DuplicateTracker(bool bounded) => _bounded = bounded;

    /// <summary>Gets a value indicating whether the count is an estimate.</summary>
    public bool Estimated => _sketch is not null;

    /// <summary>Records one answer's key; returns whether the key was seen before (always <see langword="false"/>
    /// once the count is estimated, so only KeepAll may use a bounded tracker).</summary>
    public bool Seen(RespondentKey key)
    {
        _rowsWithId++;
        if (_sketch is not null)
        {
            _sketch.Add(key);
            return false;
        }

        if (_exact!.Add(key))
        {
            if (_bounded && _exact.Count > ExactLimit)
            {
                ToSketch();
            }

            return false;
        }

        return true;
    }

    /// <summary>Adds another tracker's answers (of a later part of the same input; only for KeepAll's counting, where
    /// the count does not depend on the order).</summary>
    public void Merge(DuplicateTracker other)
    {
        _rowsWithId += other._rowsWithId;
        if (other._sketch is not null)
        {
            ToSketch();
            _sketch!.Merge(other._sketch);
            return;
        }

        foreach (RespondentKey key in other._exact!.Keys())
        {
            if (_sketch is not null)
            {
                _sketch.Add(key);
            }
            else if (_exact!.Add(key) && _bounded && _exact.Count > ExactLimit)
            {
                ToSketch();
            }
        }
    }

    /// <summary>The number of answers that repeated a respondent: rows with an id less distinct ids (estimated when
    /// <see cref="Estimated"/>).</summary>
    public long Duplicates => _sketch is null ? _rowsWithId - _exact!.Count : Math.Max(0, _rowsWithId - (long)Math.Round(_sketch.Estimate()));

    /// <summary>Counts by the sketch from the start: for a part of a parallel read whose earlier parts already turned
    /// the count into an estimate, where exact counting would end in the same sketch (adding keys to a sketch and
    /// merging sketches give the same registers).</summary>
    public void StartEstimated()
    {
        if (_bounded && _rowsWithId == 0)
        {
            ToSketch();
        }
    }

    private void ToSketch()
    {
        if (_sketch is not null)
        {
            return;
        }

        _sketch = new DistinctSketch();
        foreach (RespondentKey k in _exact!.Keys())
        {
            _sketch.Add(k);
        }

        _exact = null;
    }
}
