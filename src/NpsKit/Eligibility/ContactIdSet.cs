using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NpsKit.Eligibility;

/// <summary>
/// The duplicate-id check of a batch: an open-addressing table of (hash, arrival index) in one array of longs, so an
/// insert costs one random memory access instead of a <see cref="HashSet{T}"/>'s bucket and entry; the ids themselves are
/// kept in arrival order and read only when hashes match.
/// </summary>
internal sealed class ContactIdSet
{
    private long[] _table;
    private string[] _ids;
    private int _count;

    public ContactIdSet(int capacity)
    {
        int size = 16;
        while (size < capacity * 2L && size < (1 << 30))
        {
            size <<= 1;
        }

        _table = new long[size];
        _ids = new string[Math.Max(16, capacity)];
    }

    /// <summary>Adds <paramref name="id"/>; returns <see langword="false"/> when it was there already.</summary>
    public bool Add(string id)
    {
        if ((_count + 1) * 2L > _table.Length)
        {
            Grow();
        }

        uint hash = (uint)string.GetHashCode(id.AsSpan());
        int mask = _table.Length - 1;
        for (int i = (int)(hash & (uint)mask); ; i = (i + 1) & mask)
        {
            long entry = _table[i];
            if (entry == 0)
            {
                if (_count == _ids.Length)
                {
                    Array.Resize(ref _ids, _ids.Length * 2);
                }

                _ids[_count] = id;
                _table[i] = ((long)hash << 32) | (uint)(++_count);
                return true;
            }

            if ((uint)(entry >> 32) == hash && string.Equals(_ids[(int)(uint)entry - 1], id, StringComparison.Ordinal))
            {
                return false;
            }
        }
    }

    private void Grow()
    {
        long[] old = _table;
        _table = new long[old.Length * 2];
        int mask = _table.Length - 1;
        foreach (long entry in old)
        {
            if (entry == 0)
            {
                continue;
            }

            int i = (int)((uint)(entry >> 32) & (uint)mask);
            while (_table[i] != 0)
            {
                i = (i + 1) & mask;
            }

            _table[i] = entry;
        }
    }
}

/// <summary>
/// The duplicate-id check of a summary: ids are only recorded (hash and arrival index, appended in order) while the
/// batch streams, then sorted once at the end, where duplicates sit side by side. Sequential memory traffic instead of
/// one random access per contact; used where the answer is needed only at the end (<see cref="EligibilityPolicy.Summarize"/>).
/// </summary>
internal sealed class DeferredDuplicateCheck
{
    private long[] _keys;
    private string[]? _ids;
    private IReadOnlyList<EligibilityRequest>? _source;
    private int _count;

    public DeferredDuplicateCheck(int capacity)
    {
        _keys = new long[Math.Max(16, capacity)];
    }

    /// <summary>Reads the ids back from <paramref name="requests"/> (the i-th id added is that of
    /// <paramref name="requests"/>[i]) instead of keeping a copy of each reference: array or list input decided in input
    /// order, where the ids are needed again only for the few hashes that repeat. Call before the first <see cref="Add"/>.</summary>
    public void ReadIdsFrom(IReadOnlyList<EligibilityRequest> requests)
    {
        if (_count == 0)
        {
            _source = requests;
        }
    }

    public void Add(string id)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _count * 2);
        }

        if (_source is null)
        {
            _ids ??= new string[_keys.Length];
            if (_count == _ids.Length)
            {
                Array.Resize(ref _ids, _keys.Length);
            }

            _ids[_count] = id;
        }

        _keys[_count] = ((long)(uint)string.GetHashCode(id.AsSpan()) << 32) | (uint)_count;
        _count++;
    }

    private string IdAt(int index) => _source is null ? _ids![index] : _source[index].Contact.Id;

    /// <summary>Returns a duplicated id, or <see langword="null"/> when all are distinct.</summary>
    /// <remarks>Ids whose hashes are all distinct (the usual batch) are shown distinct by one pass over a bitmap of the
    /// hashes (16 bits an id, so that few bits are hit twice by chance); only the ids whose hash bit is hit more than once
    /// are then sorted by hash and compared. That subset holds every id whose hash is shared, in the same order as the
    /// whole sorted, so the duplicate found is the one a sort of all ids would find. Compiled fully optimised at once: it
    /// runs once per batch, so tiered compilation would run its loops as unoptimised or on-stack-replaced code.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? FindDuplicate()
    {
        Span<long> all = _keys.AsSpan(0, _count);
        if (all.Length < 2)
        {
            return null;
        }

        int bits = 1024;
        while (bits < all.Length * 16L && bits < (1 << 30))
        {
            bits <<= 1;
        }

        uint mask = (uint)bits - 1;
        ulong[] once = new ulong[bits >> 6];
        ulong[] twice = new ulong[bits >> 6];
        int hits = 0;
        foreach (long k in all)
        {
            uint b = (uint)((ulong)k >> 32) & mask;
            ulong bit = 1UL << (int)(b & 63);
            ref ulong seen = ref once[b >> 6];
            if ((seen & bit) == 0)
            {
                seen |= bit;
            }
            else
            {
                twice[b >> 6] |= bit;
                hits++;
            }
        }

        if (hits == 0)
        {
            return null;
        }

        var shared = new List<long>(hits * 2);
        foreach (long k in all)
        {
            uint b = (uint)((ulong)k >> 32) & mask;
            if ((twice[b >> 6] & (1UL << (int)(b & 63))) != 0)
            {
                shared.Add(k);
            }
        }

        return FindDuplicate(CollectionsMarshal.AsSpan(shared));
    }

    private string? FindDuplicate(Span<long> unsorted)
    {
        Span<long> keys = RadixSortByHash(unsorted);
        for (int start = 0; start < keys.Length;)
        {
            int end = start + 1;
            while (end < keys.Length && (keys[end] >> 32) == (keys[start] >> 32))
            {
                end++;
            }

            for (int a = start; a < end; a++)
            {
                for (int b = a + 1; b < end; b++)
                {
                    string x = IdAt((int)(uint)keys[a]);
                    if (string.Equals(x, IdAt((int)(uint)keys[b]), StringComparison.Ordinal))
                    {
                        return x;
                    }
                }
            }

            start = end;
        }

        return null;
    }

    /// <summary>LSD radix sort on the upper 32 bits (the hash), three passes of 11 bits; stable, sequential reads.</summary>
    private static Span<long> RadixSortByHash(Span<long> keys)
    {
        const int Bits = 11;
        const int Buckets = 1 << Bits;
        Span<long> source = keys;
        Span<long> target = new long[keys.Length];
        Span<int> offsets = stackalloc int[Buckets];
        for (int shift = 32; shift < 64; shift += Bits)
        {
            offsets.Clear();
            foreach (long k in source)
            {
                offsets[(int)((ulong)k >> shift) & (Buckets - 1)]++;
            }

            int sum = 0;
            for (int b = 0; b < Buckets; b++)
            {
                int c = offsets[b];
                offsets[b] = sum;
                sum += c;
            }

            foreach (long k in source)
            {
                target[offsets[(int)((ulong)k >> shift) & (Buckets - 1)]++] = k;
            }

            Span<long> swap = source;
            source = target;
            target = swap;
        }

        return source;
    }
}
