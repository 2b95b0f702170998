using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NpsKit.Scoring;

/// <summary>
/// Counts answers per score 0..10. The byte path is vectorized with <see cref="Vector{T}"/>; a scalar path gives
/// identical results and is used for short spans, on hardware without SIMD, and by the tests as the reference.
/// </summary>
internal static class ScoreCounter
{
    /// <summary>Vectors processed before the byte lane counters (max 255 each) are flushed to 64-bit totals.</summary>
    private const int MaxVectorsPerBlock = byte.MaxValue;

    /// <summary>
    /// Adds the number of occurrences of each score in <paramref name="scores"/> to <paramref name="counts"/>
    /// (length 11). Returns −1 when every byte is a valid score, otherwise the index of the first invalid byte;
    /// <paramref name="counts"/> is then only partly updated and must be discarded.
    /// </summary>
    public static long Count(ReadOnlySpan<byte> scores, Span<long> counts, bool allowVector = true)
    {
        if (allowVector && Vector.IsHardwareAccelerated && scores.Length >= 2 * Vector<byte>.Count)
        {
            return CountVector(scores, counts);
        }

        return CountScalar(scores, counts, 0);
    }

    /// <summary>Scalar counting of <paramref name="scores"/>; <paramref name="indexOffset"/> is added to any reported index.</summary>
    public static long CountScalar(ReadOnlySpan<byte> scores, Span<long> counts, long indexOffset)
    {
        Span<long> local = stackalloc long[Nps.ScaleLength];
        for (int i = 0; i < scores.Length; i++)
        {
            uint s = scores[i];
            if (s > Nps.MaxScore)
            {
                return indexOffset + i;
            }

            local[(int)s]++;
        }

        for (int s = 0; s < local.Length; s++)
        {
            counts[s] += local[s];
        }

        return -1;
    }

    /// <summary>Counts <see cref="int"/> scores; returns −1 or the index of the first score outside 0..10.</summary>
    public static long Count(ReadOnlySpan<int> scores, Span<long> counts)
    {
        Span<long> local = stackalloc long[Nps.ScaleLength];
        for (int i = 0; i < scores.Length; i++)
        {
            uint s = (uint)scores[i];
            if (s > Nps.MaxScore)
            {
                return i;
            }

            local[(int)s]++;
        }

        for (int s = 0; s < local.Length; s++)
        {
            counts[s] += local[s];
        }

        return -1;
    }

    /// <summary>
    /// Vector path: for each block of up to 255 vectors, per-lane byte counters for the scores 0..9 are bumped by
    /// subtracting the all-ones compare masks; the count of 10 is what remains. Lanes are widened and summed per block.
    /// </summary>
    private static long CountVector(ReadOnlySpan<byte> scores, Span<long> counts)
    {
        int width = Vector<byte>.Count;
        ref byte start = ref MemoryMarshal.GetReference(scores);
        var maxScore = new Vector<byte>((byte)Nps.MaxScore);
        var v1 = new Vector<byte>(1);
        var v2 = new Vector<byte>(2);
        var v3 = new Vector<byte>(3);
        var v4 = new Vector<byte>(4);
        var v5 = new Vector<byte>(5);
        var v6 = new Vector<byte>(6);
        var v7 = new Vector<byte>(7);
        var v8 = new Vector<byte>(8);
        var v9 = new Vector<byte>(9);

        int vectorEnd = scores.Length - (scores.Length % width);
        int i = 0;
        while (i < vectorEnd)
        {
            int blockStart = i;
            int blockEnd = Math.Min(vectorEnd, i + (MaxVectorsPerBlock * width));
            Vector<byte> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default;
            Vector<byte> c5 = default, c6 = default, c7 = default, c8 = default, c9 = default;
            Vector<byte> bad = default;
            for (; i < blockEnd; i += width)
            {
                Vector<byte> v = Vector.LoadUnsafe(ref start, (nuint)i);
                bad |= Vector.GreaterThan(v, maxScore);
                c0 -= Vector.Equals(v, Vector<byte>.Zero);
                c1 -= Vector.Equals(v, v1);
                c2 -= Vector.Equals(v, v2);
                c3 -= Vector.Equals(v, v3);
                c4 -= Vector.Equals(v, v4);
                c5 -= Vector.Equals(v, v5);
                c6 -= Vector.Equals(v, v6);
                c7 -= Vector.Equals(v, v7);
                c8 -= Vector.Equals(v, v8);
                c9 -= Vector.Equals(v, v9);
            }

            if (bad != Vector<byte>.Zero)
            {
                // Earlier blocks were valid; find the first bad byte of this one for the error message.
                Span<long> scratch = stackalloc long[Nps.ScaleLength];
                return CountScalar(scores[blockStart..blockEnd], scratch, blockStart);
            }

            long inBlock = blockEnd - blockStart;
            long s0 = SumLanes(c0), s1 = SumLanes(c1), s2 = SumLanes(c2), s3 = SumLanes(c3), s4 = SumLanes(c4);
            long s5 = SumLanes(c5), s6 = SumLanes(c6), s7 = SumLanes(c7), s8 = SumLanes(c8), s9 = SumLanes(c9);
            counts[0] += s0;
            counts[1] += s1;
            counts[2] += s2;
            counts[3] += s3;
            counts[4] += s4;
            counts[5] += s5;
            counts[6] += s6;
            counts[7] += s7;
            counts[8] += s8;
            counts[9] += s9;
            counts[10] += inBlock - (s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9);
        }

        return CountScalar(scores[vectorEnd..], counts, vectorEnd);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long SumLanes(Vector<byte> laneCounts)
    {
        Vector.Widen(laneCounts, out Vector<ushort> low, out Vector<ushort> high);
        return Vector.Sum(low + high);
    }
}
