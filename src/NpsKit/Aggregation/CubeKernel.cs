using System.Buffers;
using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>
/// The hot path: counts a table into a flat array of 64-bit counters indexed
/// <c>(period × leafCount + leaf) × 11 + score</c>, where a leaf is a mixed-radix combination of segment codes.
/// </summary>
/// <remarks>
/// Rows are processed in blocks: first the counter slot of every row in the block is computed (period lookup in
/// the precomputed bucket table, then one multiply-add per dimension column, then the score), and only then are
/// the counters incremented. Separating the two loops keeps the slot arithmetic vectorizable and out of the
/// increment's dependency chain. Nothing is allocated per row. Large tables are split into one contiguous part per
/// thread, each with its own counters, and the parts are summed exactly.
/// </remarks>
internal static class CubeKernel
{
    /// <summary>Rows per block: small enough for the slot buffer to stay in L1 cache.</summary>
    internal const int BlockSize = 2048;

    /// <summary>Below this many rows per thread, a second thread costs more than it saves.</summary>
    internal static int MinRowsPerThread { get; set; } = 250_000;

    /// <summary>Most counter slots one aggregation may use (8 bytes each, per thread).</summary>
    internal const long MaxSlots = 1L << 25;

    /// <summary>Counts <paramref name="table"/>; <paramref name="dims"/> are table dimension indexes, <paramref name="radices"/> their dictionary sizes.</summary>
    public static long[] Count(ResponseTable table, int[] dims, int[] radices, PeriodLookup lookup, int parallelism)
    {
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
        if (workers == 1)
        {
            long[] counts = new long[slotCount];
            CountRange(table, dims, strides, periodStride, lookup, 0, n, counts);
            return counts;
        }

        long[][] parts = new long[workers][];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            int start = (int)((long)n * w / workers);
            int end = (int)((long)n * (w + 1) / workers);
            parts[w] = new long[slotCount];
            CountRange(table, dims, strides, periodStride, lookup, start, end, parts[w]);
        });

        long[] total = parts[0];
        for (int w = 1; w < workers; w++)
        {
            long[] part = parts[w];
            for (int i = 0; i < total.Length; i++)
            {
                total[i] += part[i]; // exact: 64-bit integer addition
            }
        }

        return total;
    }

    private static void CountRange(ResponseTable table, int[] dims, int[] strides, int periodStride, PeriodLookup lookup, int start, int end, long[] counts)
    {
        int[] buffer = ArrayPool<int>.Shared.Rent(BlockSize);
        try
        {
            Span<int> slots = buffer.AsSpan(0, BlockSize);
            ReadOnlySpan<long> allTicks = table.TicksArray;
            ReadOnlySpan<byte> allScores = table.ScoresArray;
            Span<long> counters = counts;
            for (int blockStart = start; blockStart < end; blockStart += BlockSize)
            {
                int len = Math.Min(BlockSize, end - blockStart);
                Span<int> s = slots[..len];
                PeriodSlots(lookup, allTicks.Slice(blockStart, len), periodStride, s);
                for (int d = 0; d < dims.Length; d++)
                {
                    AddCodes(table.SegmentColumn(dims[d]), blockStart, strides[d], s);
                }

                ReadOnlySpan<byte> scores = allScores.Slice(blockStart, len);
                for (int i = 0; i < s.Length; i++)
                {
                    s[i] += scores[i];
                }

                for (int i = 0; i < s.Length; i++)
                {
                    counters[s[i]]++;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    private static void PeriodSlots(PeriodLookup lookup, ReadOnlySpan<long> ticks, int periodStride, Span<int> slots)
    {
        if (lookup.Shift < 0)
        {
            for (int i = 0; i < ticks.Length; i++)
            {
                slots[i] = lookup.SearchIndex(ticks[i]) * periodStride;
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
            slots[i] = (t >= b.Next ? b.After : b.Before) * periodStride;
        }
    }

    private static void AddCodes(CodeColumn column, int start, int stride, Span<int> slots)
    {
        if (column.U8 is byte[] u8)
        {
            ReadOnlySpan<byte> codes = u8.AsSpan(start, slots.Length);
            for (int i = 0; i < slots.Length; i++)
            {
                slots[i] += codes[i] * stride;
            }
        }
        else if (column.U16 is ushort[] u16)
        {
            ReadOnlySpan<ushort> codes = u16.AsSpan(start, slots.Length);
            for (int i = 0; i < slots.Length; i++)
            {
                slots[i] += codes[i] * stride;
            }
        }
        else
        {
            ReadOnlySpan<int> codes = column.I32.AsSpan(start, slots.Length);
            for (int i = 0; i < slots.Length; i++)
            {
                slots[i] += codes[i] * stride;
            }
        }
    }
}
