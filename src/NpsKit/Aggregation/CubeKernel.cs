using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>
/// The hot path: counts a table into a flat array of 64-bit counters indexed
/// <c>(period × leafCount + leaf) × 11 + score</c>, where a leaf is a mixed-radix combination of segment codes.
/// </summary>
/// <remarks>
/// Rows are processed in blocks of <see cref="BlockSize"/>: the counter slot of every row in a block is computed first
/// (period lookup, then one multiply-add per dimension column, then the score), and the block's counters are
/// incremented while the next block's slots are computed, a vector's worth of each per step. Keeping the slot
/// arithmetic in its own vectorized loop keeps it out of the increments' dependency chain; interleaving the two
/// streams lets the CPU run them side by side. The period lookup is the fastest of four the CPU and the period range
/// allow (<see cref="LookupPath"/>). Nothing is allocated per row. Large tables are split into one contiguous part per
/// thread, each with its own counters, and the parts are summed exactly.
/// </remarks>
internal static class CubeKernel
{
    /// <summary>Rows per block: small enough for the slot buffer to stay in L1 cache.</summary>
    internal const int BlockSize = 2048;

    /// <summary>
    /// Ints between the two slot buffers of the pipelined kernel, so that a slot stored in one and a slot loaded from the
    /// other in the same step are not 4 KiB apart (which the CPU would mistake for the same address).
    /// </summary>
    private const int BufferSkew = 48;

    /// <summary>Below this many rows per thread, a second thread costs more than it saves.</summary>
    internal static int MinRowsPerThread { get; set; } = 250_000;

    /// <summary>Most counter slots one aggregation may use (8 bytes each, per thread).</summary>
    internal const long MaxSlots = 1L << 25;

    /// <summary>Counts <paramref name="table"/>; <paramref name="dims"/> are table dimension indexes, <paramref name="radices"/> their dictionary sizes.</summary>
    public static long[] Count(ResponseTable table, int[] dims, int[] radices, PeriodLookup lookup, int parallelism) =>
        Count(table, dims, radices, lookup, parallelism, out _, out _, out _);

    /// <summary>Counts <paramref name="table"/> and, when it has weights, sums the weights and squared weights into
    /// arrays laid out like the counters (<see langword="null"/> for an unweighted table). The sums are of the weights
    /// × 2^−<paramref name="weightExponent"/> (and squared weights × 2^−2E), E the binary exponent of the largest weight,
    /// an exact rescaling that keeps Σw² from overflowing or underflowing whatever the scale of the weights.</summary>
    public static long[] Count(ResponseTable table, int[] dims, int[] radices, PeriodLookup lookup, int parallelism, out double[]? weightSums, out double[]? squaredWeightSums, out int weightExponent)
    {
        weightExponent = WeightExponent(table.WeightsArray, table.Count);
        double weightScale = Math.ScaleB(1.0, -weightExponent);
        long leafCount = 1;
        foreach (int r in radices)
        {
            leafCount *= Math.Max(1, r);
        }

        long slotCount = lookup.Periods.Length * leafCount * Nps.ScaleLength;
        if (slotCount > MaxSlots)
        {
            ThrowHelper.TooManyCells(lookup.Periods.Length, leafCount, MaxSlots / Nps.ScaleLength);
        }

        // Strides, in counter slots: score 1, last dimension 11, …, period leafCount × 11.
        int[] strides = new int[dims.Length];
        long stride = Nps.ScaleLength;
        for (int d = dims.Length - 1; d >= 0; d--)
        {
            strides[d] = (int)stride;
            stride *= Math.Max(1, radices[d]);
        }

        int periodStride = (int)stride;
        int n = table.Count;
        int workers = Math.Max(1, Math.Min(parallelism, n / MinRowsPerThread));
        double[]? rowWeights = table.WeightsArray;
        if (workers == 1)
        {
            long[] counts = new long[slotCount];
            weightSums = rowWeights is null ? null : new double[slotCount];
            squaredWeightSums = rowWeights is null ? null : new double[slotCount];
            CountRange(table, dims, strides, periodStride, lookup, 0, n, counts, weightSums, squaredWeightSums, weightScale);
            return counts;
        }

        long[][] parts = new long[workers][];
        double[][] weightParts = new double[workers][];
        double[][] squaredParts = new double[workers][];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            int start = (int)((long)n * w / workers);
            int end = (int)((long)n * (w + 1) / workers);
            parts[w] = new long[slotCount];
            if (rowWeights is not null)
            {
                weightParts[w] = new double[slotCount];
                squaredParts[w] = new double[slotCount];
            }

            CountRange(table, dims, strides, periodStride, lookup, start, end, parts[w], weightParts[w], squaredParts[w], weightScale);
        });

        long[] total = parts[0];
        for (int w = 1; w < workers; w++)
        {
            long[] part = parts[w];
            for (int i = 0; i < total.Length; i++)
            {
                total[i] += part[i]; // exact: 64-bit integer addition
            }

            if (rowWeights is not null)
            {
                for (int i = 0; i < total.Length; i++)
                {
                    weightParts[0][i] += weightParts[w][i];
                    squaredParts[0][i] += squaredParts[w][i];
                }
            }
        }

        weightSums = rowWeights is null ? null : weightParts[0];
        squaredWeightSums = rowWeights is null ? null : squaredParts[0];
        return total;
    }

    /// <summary>The period lookups, fastest first; <see cref="CountRange"/> takes the first the lookup and CPU allow.</summary>
    private enum LookupPath
    {
        /// <summary>AVX-512 VBMI, the bucket table in registers, sixteen rows a step.</summary>
        Registers,

        /// <summary>AVX2, one gather from the granule table, eight rows a step.</summary>
        Granules,

        /// <summary>AVX2, two gathers from the bucket table, four rows a step.</summary>
        Buckets,

        /// <summary>One row at a time.</summary>
        Scalar,
    }

    /// <summary>Whether the AVX-512 register-table kernel may be used when the lookup has one (tests switch it off to
    /// compare it with the other paths).</summary>
    internal static bool UseRegisterTable { get; set; } = true;

    /// <summary>Whether a lookup's register table will be used: the switch is on and the CPU has AVX-512 VBMI.</summary>
    internal static bool CanUseRegisterTable => UseRegisterTable && Avx512Vbmi.IsSupported && Avx512BW.IsSupported;

    private static LookupPath PathFor(PeriodLookup lookup) =>
        lookup.Registers is not null && CanUseRegisterTable ? LookupPath.Registers
        : !UseVectorLookup || lookup.Shift < 0 || !Avx2.IsSupported ? LookupPath.Scalar
        : UseGranules && lookup.GranuleShift >= 0 ? LookupPath.Granules
        : LookupPath.Buckets;

    /// <summary>
    /// Counts rows <paramref name="start"/>..<paramref name="end"/> into <paramref name="counts"/>, with the increments
    /// software-pipelined: the slots of block <c>b</c> are computed while the counters of block <c>b − 1</c> are
    /// incremented, a vector's worth of each per step, so the vector lookup and the scalar read-modify-writes run side
    /// by side instead of one after the other. Two slot buffers alternate.
    /// </summary>
    private static unsafe void CountRange(
        ResponseTable table, int[] dims, int[] strides, int periodStride, PeriodLookup lookup, int start, int end, long[] counts,
        double[]? weightSums, double[]? squaredWeightSums, double weightScale)
    {
        double[]? rowWeights = table.WeightsArray;
        LookupPath path = PathFor(lookup);

        // 32-bit counters: a part never holds more than int.MaxValue rows, so they cannot overflow, and they halve the
        // cache footprint of the increments. They are widened into the 64-bit result at the end.
        uint[] narrow = ArrayPool<uint>.Shared.Rent(counts.Length);

        // The slot buffers are 64-byte aligned (outside the GC heap, so they stay so) and the blocks start where the
        // ticks are, so no vector load or store splits a cache line.
        int* buffer = (int*)NativeMemory.AlignedAlloc((nuint)((2 * BlockSize) + BufferSkew) * sizeof(int), 64);
        try
        {
            Span<uint> counters = narrow.AsSpan(0, counts.Length);
            counters.Clear();
            ReadOnlySpan<long> allTicks = table.TicksArray;
            ReadOnlySpan<byte> allScores = table.ScoresArray;

            // The register kernel folds the first dimension into the lookup when its codes are bytes (the common
            // case); with none, the scores stand in for codes with a stride of 0.
            byte[]? fusedCodes = path == LookupPath.Registers && dims.Length > 0 ? table.SegmentColumn(dims[0]).U8 : null;
            int firstAdded = fusedCodes is null ? 0 : 1;
            ReadOnlySpan<byte> allCodes = fusedCodes ?? table.ScoresArray;
            int codeStride = fusedCodes is null ? 0 : strides[0];

            var current = new Span<int>(buffer, BlockSize);
            var pending = new Span<int>(buffer + BlockSize + BufferSkew, BlockSize);
            int pendingLength = 0;
            int head = RowsToAlignment(allTicks, start);
            for (int blockStart = start, len; blockStart < end; blockStart += len)
            {
                len = Math.Min(blockStart == start && head > 0 ? head : BlockSize, end - blockStart);
                Span<int> s = current[..len];
                ReadOnlySpan<long> ticks = allTicks.Slice(blockStart, len);
                ReadOnlySpan<byte> scores = allScores.Slice(blockStart, len);
                ReadOnlySpan<int> previous = pending[..pendingLength];
                int incremented = 0;
                int done = path switch
                {
                    LookupPath.Registers => PeriodSlotsRegistersAvx512(
                        lookup, ticks, scores, allCodes.Slice(blockStart, len), codeStride, periodStride, s, previous, counters, out incremented),
                    LookupPath.Granules => PeriodSlotsGranulesAvx2(lookup, ticks, scores, periodStride, s, previous, counters, out incremented),
                    LookupPath.Buckets => PeriodSlotsAvx2(lookup, ticks, scores, periodStride, s, previous, counters, out incremented),
                    _ => 0,
                };
                Increment(previous[incremented..], counters);
                if (done < len)
                {
                    PeriodSlots(lookup, ticks[done..], scores[done..], periodStride, s[done..]);
                    if (fusedCodes is not null)
                    {
                        AddCodes(table.SegmentColumn(dims[0]), blockStart + done, codeStride, s[done..]);
                    }
                }

                for (int d = firstAdded; d < dims.Length; d++)
                {
                    AddCodes(table.SegmentColumn(dims[d]), blockStart, strides[d], s);
                }

                if (rowWeights is not null)
                {
                    AddWeights(s, rowWeights.AsSpan(blockStart, len), weightSums!, squaredWeightSums!, weightScale);
                }

                Span<int> swap = pending;
                pending = current;
                current = swap;
                pendingLength = len;
            }

            Increment(pending[..pendingLength], counters);
            for (int i = 0; i < counters.Length; i++)
            {
                counts[i] += counters[i];
            }
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
            ArrayPool<uint>.Shared.Return(narrow);
        }
    }

    /// <summary>How many rows from <paramref name="start"/> until the ticks are 64-byte aligned (0 to 7).</summary>
    private static unsafe int RowsToAlignment(ReadOnlySpan<long> ticks, int start)
    {
        fixed (long* t = ticks)
        {
            int misaligned = (int)(((nuint)(t + start) & 63) / sizeof(long));
            return misaligned == 0 ? 0 : 8 - misaligned;
        }
    }

    /// <summary>
    /// The register-table lookup sixteen rows at a time, with no memory access for the lookup: each row's bucket
    /// (at most 128) and its 65,536th within the bucket come from one subtract and shift; VPERMI2B reads the period
    /// before the bucket's boundary from two 64-byte tables, VPERMT2W the boundary's 65,536th from two (four for more
    /// than 64 buckets) 32-word tables, and one compare says whether the row is past it: then its period is the next
    /// one, or, where a boundary skips a zero-length period, a second VPERMI2B reads it. Rows in the boundary's own
    /// 65,536th are looked up exactly. The slot adds the score and the first dimension's code; in the same step,
    /// sixteen counters of the previous block (<paramref name="pending"/>) are incremented. Returns how many rows it
    /// did (a multiple of sixteen); <paramref name="incremented"/> is how many pending slots it counted.
    /// </summary>
    private static unsafe int PeriodSlotsRegistersAvx512(
        PeriodLookup lookup, ReadOnlySpan<long> ticks, ReadOnlySpan<byte> scores, ReadOnlySpan<byte> codes, int codeStride, int periodStride,
        Span<int> slots, ReadOnlySpan<int> pending, Span<uint> counters, out int incremented)
    {
        PeriodLookup.RegisterTable table = lookup.Registers!;
        int n = ticks.Length & ~15;
        int both = Math.Min(n, pending.Length & ~15);
        var beforeLow = Vector512.Create(table.Before.AsSpan(0, 64));
        var beforeHigh = Vector512.Create(table.Before.AsSpan(64, 64));
        var afterLow = Vector512.Create(table.After.AsSpan(0, 64));
        var afterHigh = Vector512.Create(table.After.AsSpan(64, 64));
        ReadOnlySpan<short> boundaries = MemoryMarshal.Cast<ushort, short>(table.Boundary);
        var boundary0 = Vector512.Create(boundaries[..32]);
        var boundary1 = Vector512.Create(boundaries[32..64]);
        var boundary2 = Vector512.Create(boundaries[64..96]);
        var boundary3 = Vector512.Create(boundaries[96..128]);
        var origin = Vector512.Create(lookup.Origin);
        var stride = Vector512.Create(periodStride);
        var codeFactor = Vector512.Create(codeStride);
        var low16 = Vector512.Create(0xFFFF);
        var low8 = Vector512.Create(0xFF);
        var bit6 = Vector512.Create(64);
        int fractionShift = table.Shift - PeriodLookup.RegisterTable.FractionBits;
        bool wide = table.Wide, skips = table.Skips;
        var halves = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        fixed (long* pinnedTicks = ticks)
        fixed (byte* pinnedScores = scores)
        fixed (byte* pinnedCodes = codes)
        fixed (int* pinnedSlots = slots)
        fixed (int* pinnedPending = pending)
        fixed (uint* pinnedCounters = counters)
        {
            // Plain copies of the pinned pointers, so the JIT keeps them in registers.
            long* t = pinnedTicks;
            byte* sc = pinnedScores;
            byte* cd = pinnedCodes;
            int* s = pinnedSlots;
            int* p = pinnedPending;
            uint* c = pinnedCounters;
            for (int i = 0; i < n; i += 16)
            {
                // (bucket << 16) | 65,536th of the bucket, for sixteen rows; fits 23 bits, so the low halves of the
                // 64-bit lanes are the values.
                Vector512<long> lo = Vector512.ShiftRightLogical(Vector512.Load(t + i) - origin, fractionShift);
                Vector512<long> hi = Vector512.ShiftRightLogical(Vector512.Load(t + i + 8) - origin, fractionShift);
                Vector512<int> position = Avx512F.PermuteVar16x32x2(lo.AsInt32(), halves, hi.AsInt32());
                Vector512<int> bucket = Vector512.ShiftRightLogical(position, PeriodLookup.RegisterTable.FractionBits);
                Vector512<int> fraction = position & low16;

                Vector512<int> before = Avx512Vbmi.PermuteVar64x8x2(beforeLow, bucket.AsByte(), beforeHigh).AsInt32() & low8;
                Vector512<int> mark = Avx512BW.PermuteVar32x16x2(boundary0, bucket.AsInt16(), boundary1).AsInt32();
                if (wide)
                {
                    mark = Vector512.ConditionalSelect(
                        Vector512.Equals(bucket & bit6, Vector512<int>.Zero),
                        mark,
                        Avx512BW.PermuteVar32x16x2(boundary2, bucket.AsInt16(), boundary3).AsInt32());
                }

                mark &= low16;
                Vector512<int> later = Vector512.GreaterThan(fraction, mark);
                Vector512<int> period = skips
                    ? Vector512.ConditionalSelect(later, Avx512Vbmi.PermuteVar64x8x2(afterLow, bucket.AsByte(), afterHigh).AsInt32() & low8, before)
                    : before - later; // the next period: later is −1 in its lanes
                Vector512<int> slot = (period * stride)
                    + (Avx512F.ConvertToVector512Int32(Vector128.Load(cd + i)) * codeFactor)
                    + Avx512F.ConvertToVector512Int32(Vector128.Load(sc + i));
                slot.Store(s + i);

                ulong exact = Vector512.Equals(fraction, mark).ExtractMostSignificantBits();
                while (exact != 0)
                {
                    int lane = BitOperations.TrailingZeroCount(exact);
                    exact &= exact - 1;
                    s[i + lane] = (lookup.IndexOf(t[i + lane]) * periodStride) + (cd[i + lane] * codeStride) + sc[i + lane];
                }

                if (i < both)
                {
                    IncrementEight(c, (uint*)p + i);
                    IncrementEight(c, (uint*)p + i + 8);
                }
            }
        }

        incremented = both;
        return n;
    }

    /// <summary>Whether the AVX2 period lookup may be used (tests switch it off to compare with the scalar path).</summary>
    internal static bool UseVectorLookup { get; set; } = true;

    /// <summary>Whether the AVX2 lookup may use the granule table when there is one (tests switch it off to compare the
    /// two vector paths).</summary>
    internal static bool UseGranules { get; set; } = true;

    /// <summary>
    /// Increments one counter per slot. Every slot is in range by construction (period index &lt; periods, segment
    /// codes &lt; their dictionary size, score &lt;= 10), so the bounds checks are left out; unrolled by four so the
    /// independent read-modify-writes overlap.
    /// </summary>
    private static void Increment(ReadOnlySpan<int> slots, Span<uint> counters)
    {
        ref uint c = ref MemoryMarshal.GetReference(counters);
        ref int s = ref MemoryMarshal.GetReference(slots);
        int i = 0;
        for (; i <= slots.Length - 4; i += 4)
        {
            Unsafe.Add(ref c, Unsafe.Add(ref s, i))++;
            Unsafe.Add(ref c, Unsafe.Add(ref s, i + 1))++;
            Unsafe.Add(ref c, Unsafe.Add(ref s, i + 2))++;
            Unsafe.Add(ref c, Unsafe.Add(ref s, i + 3))++;
        }

        for (; i < slots.Length; i++)
        {
            Unsafe.Add(ref c, Unsafe.Add(ref s, i))++;
        }
    }

    /// <summary>The binary exponent of the largest weight (0 for an unweighted table), clamped so 2^−E is a normal double.</summary>
    private static int WeightExponent(double[]? weights, int count)
    {
        if (weights is null || count == 0)
        {
            return 0;
        }

        double largest = 0;
        foreach (double w in weights.AsSpan(0, count))
        {
            largest = Math.Max(largest, w);
        }

        return Math.Clamp(Math.ILogB(largest), -1022, 1022);
    }

    /// <summary>Adds each row's weight and squared weight to its slot (weighted tables only; plain sequential sums).</summary>
    private static void AddWeights(ReadOnlySpan<int> slots, ReadOnlySpan<double> weights, double[] sums, double[] squaredSums, double scale)
    {
        for (int i = 0; i < slots.Length; i++)
        {
            double w = weights[i] * scale; // a power of two: exact
            sums[slots[i]] += w;
            squaredSums[slots[i]] += w * w;
        }
    }

    private static void PeriodSlots(PeriodLookup lookup, ReadOnlySpan<long> ticks, ReadOnlySpan<byte> scores, int periodStride, Span<int> slots)
    {
        if (lookup.Shift < 0)
        {
            for (int i = 0; i < ticks.Length; i++)
            {
                slots[i] = (lookup.SearchIndex(ticks[i]) * periodStride) + scores[i];
            }

            return;
        }

        ReadOnlySpan<PeriodLookup.Bucket> buckets = lookup.Buckets;
        long origin = lookup.Origin;
        int shift = lookup.Shift;
        for (int i = 0; i < ticks.Length; i++)
        {
            long t = ticks[i];
            ref readonly PeriodLookup.Bucket b = ref buckets[(int)((ulong)(t - origin) >> shift)];
            slots[i] = ((t >= b.Next ? b.After : b.Before) * periodStride) + scores[i];
        }
    }

    /// <summary>
    /// The bucket lookup four rows at a time: two gathers per four rows (the bucket's boundary, and its two period
    /// indexes read as one 64-bit lane) replace four dependent scalar loads and compares. Returns how many rows it
    /// did (a multiple of four); the scalar loop does the rest. In the same step, four counters of the previous block
    /// (<paramref name="pending"/>) are incremented; <paramref name="incremented"/> is how many.
    /// </summary>
    private static unsafe int PeriodSlotsAvx2(
        PeriodLookup lookup, ReadOnlySpan<long> ticks, ReadOnlySpan<byte> scores, int periodStride, Span<int> slots,
        ReadOnlySpan<int> pending, Span<uint> counters, out int incremented)
    {
        int n = ticks.Length & ~3;
        int both = Math.Min(n, pending.Length & ~3);
        ReadOnlySpan<PeriodLookup.Bucket> buckets = lookup.Buckets;
        var origin = Vector256.Create(lookup.Origin);
        var stride = Vector128.Create(periodStride);
        var low32 = Vector256.Create(0xFFFF_FFFFL);
        int shift = lookup.Shift;
        fixed (long* t = ticks)
        fixed (byte* sc = scores)
        fixed (int* s = slots)
        fixed (PeriodLookup.Bucket* b = buckets)
        fixed (int* pinnedPending = pending)
        fixed (uint* pinnedCounters = counters)
        {
            uint* p = (uint*)pinnedPending;
            uint* c = pinnedCounters;
            // Bucket layout: { long Next; int Before; int After; } = two 64-bit words per bucket.
            long* next = (long*)b;
            long* pair = next + 1;
            for (int i = 0; i < n; i += 4)
            {
                Vector256<long> time = Avx.LoadVector256(t + i);
                Vector256<long> bucket = Vector256.ShiftRightLogical(time - origin, shift);
                Vector128<int> index = Vector256.Narrow(bucket + bucket, Vector256<long>.Zero).GetLower(); // in 64-bit words
                Vector256<long> boundary = Avx2.GatherVector256(next, index, 8);
                Vector256<long> periods = Avx2.GatherVector256(pair, index, 8);
                Vector256<long> after = Vector256.GreaterThanOrEqual(time, boundary);
                Vector256<long> period = Vector256.ConditionalSelect(after, Vector256.ShiftRightLogical(periods, 32), periods & low32);
                Vector128<int> slot = (Vector256.Narrow(period, Vector256<long>.Zero).GetLower() * stride) + Sse41.ConvertToVector128Int32(sc + i);
                slot.Store(s + i);
                if (i < both)
                {
                    c[p[i]]++;
                    c[p[i + 1]]++;
                    c[p[i + 2]]++;
                    c[p[i + 3]]++;
                }
            }
        }

        incremented = both;
        return n;
    }

    /// <summary>
    /// The granule lookup eight rows at a time: one 32-bit gather from the granule table gives each row's period; the
    /// rare rows whose granule holds a period boundary are looked up exactly. Returns how many rows it did (a multiple
    /// of eight); the scalar loop does the rest. In the same step, eight counters of the previous block
    /// (<paramref name="pending"/>) are incremented; <paramref name="incremented"/> is how many.
    /// </summary>
    private static unsafe int PeriodSlotsGranulesAvx2(
        PeriodLookup lookup, ReadOnlySpan<long> ticks, ReadOnlySpan<byte> scores, int periodStride, Span<int> slots,
        ReadOnlySpan<int> pending, Span<uint> counters, out int incremented)
    {
        int n = ticks.Length & ~7;
        int both = Math.Min(n, pending.Length & ~7);
        var origin = Vector256.Create(lookup.Origin);
        var stride = Vector256.Create(periodStride);
        var low16 = Vector256.Create((int)ushort.MaxValue);
        var straddles = Vector256.Create((int)PeriodLookup.Straddles);
        int shift = lookup.GranuleShift;
        fixed (long* t = ticks)
        fixed (byte* sc = scores)
        fixed (int* s = slots)
        fixed (ushort* table = lookup.Granules)
        fixed (int* pinnedPending = pending)
        fixed (uint* pinnedCounters = counters)
        {
            uint* p = (uint*)pinnedPending;
            uint* c = pinnedCounters;
            for (int i = 0; i < n; i += 8)
            {
                Vector256<long> lo = Vector256.ShiftRightLogical(Avx.LoadVector256(t + i) - origin, shift);
                Vector256<long> hi = Vector256.ShiftRightLogical(Avx.LoadVector256(t + i + 4) - origin, shift);
                Vector256<int> index = Vector256.Narrow(lo, hi);

                // Reads 4 bytes at each entry (the table has a padding entry) and keeps the low 2.
                Vector256<int> period = Avx2.GatherVector256((int*)table, index, 2) & low16;
                ((period * stride) + Avx2.ConvertToVector256Int32(sc + i)).Store(s + i);
                uint exact = Vector256.Equals(period, straddles).ExtractMostSignificantBits();
                while (exact != 0)
                {
                    int lane = BitOperations.TrailingZeroCount(exact);
                    exact &= exact - 1;
                    s[i + lane] = (lookup.IndexOf(t[i + lane]) * periodStride) + sc[i + lane];
                }

                if (i < both)
                {
                    IncrementEight(c, p + i);
                }
            }
        }

        incremented = both;
        return n;
    }

    /// <summary>Increments the counters of eight slots (the pipelined step of the vector lookups; slots in range by
    /// construction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void IncrementEight(uint* counters, uint* slots)
    {
        counters[slots[0]]++;
        counters[slots[1]]++;
        counters[slots[2]]++;
        counters[slots[3]]++;
        counters[slots[4]]++;
        counters[slots[5]]++;
        counters[slots[6]]++;
        counters[slots[7]]++;
    }

    private static void AddCodes(CodeColumn column, int start, int stride, Span<int> slots)
    {
        int i = 0;
        if (column.U8 is byte[] u8)
        {
            ReadOnlySpan<byte> codes = u8.AsSpan(start, slots.Length);
            if (Vector256.IsHardwareAccelerated)
            {
                var factor = Vector256.Create(stride);
                ref int s = ref MemoryMarshal.GetReference(slots);
                for (; i <= slots.Length - 32; i += 32)
                {
                    // 32 codes widened to four vectors of eight 32-bit lanes.
                    (Vector256<ushort> lo, Vector256<ushort> hi) = Vector256.Widen(Vector256.Create(codes.Slice(i, 32)));
                    (Vector256<uint> a, Vector256<uint> b) = Vector256.Widen(lo);
                    (Vector256<uint> c, Vector256<uint> d) = Vector256.Widen(hi);
                    AddScaled(ref Unsafe.Add(ref s, i), a.AsInt32(), factor);
                    AddScaled(ref Unsafe.Add(ref s, i + 8), b.AsInt32(), factor);
                    AddScaled(ref Unsafe.Add(ref s, i + 16), c.AsInt32(), factor);
                    AddScaled(ref Unsafe.Add(ref s, i + 24), d.AsInt32(), factor);
                }
            }

            for (; i < slots.Length; i++)
            {
                slots[i] += codes[i] * stride;
            }
        }
        else if (column.U16 is ushort[] u16)
        {
            ReadOnlySpan<ushort> codes = u16.AsSpan(start, slots.Length);
            for (; i < slots.Length; i++)
            {
                slots[i] += codes[i] * stride;
            }
        }
        else
        {
            ReadOnlySpan<int> codes = column.I32.AsSpan(start, slots.Length);
            for (; i < slots.Length; i++)
            {
                slots[i] += codes[i] * stride;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled(ref int slots, Vector256<int> codes, Vector256<int> factor)
    {
        Vector256<int> current = Vector256.LoadUnsafe(ref slots);
        (current + (codes * factor)).StoreUnsafe(ref slots);
    }
}
