using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>
/// Precomputed period boundaries (UTC ticks) for a range of instants, with a bucket table that finds the period of
/// an instant in O(1) without calendar arithmetic: buckets are no wider than the shortest period, so each holds at
/// most one boundary, and a row needs one shift, two loads and one compare.
/// </summary>
internal sealed class PeriodLookup
{
    /// <summary>Above this many buckets the lookup falls back to a binary search over the boundaries.</summary>
    private const long MaxBuckets = 1 << 22;

    /// <summary>Guard against period lists that would not fit comfortably in memory.</summary>
    private const int MaxPeriods = 4_000_000;

    /// <summary>Most entries of the granule table (2 bytes each: 128 KiB, comfortably in L2).</summary>
    private const long MaxGranules = 1 << 16;

    /// <summary>Rows per granule-table entry at least, so that a small table does not pay for a large one; 0 lifts the
    /// limit (tests use that to run the granule path on small random tables).</summary>
    internal static int RowsPerGranule { get; set; } = 4;

    /// <summary>Below this many granules the table is not worth building (the bucket lookup serves).</summary>
    private const long MinGranules = 256;

    /// <summary>Marks a granule that holds a period boundary: its rows are looked up exactly.</summary>
    internal const ushort Straddles = ushort.MaxValue;

    private readonly Bucket[] _buckets;
    private readonly ushort[] _granules;

    private PeriodLookup(ReportingPeriod[] periods, long[] starts, int shift, Bucket[] buckets, long rowCount)
    {
        Periods = periods;
        Starts = starts;
        Shift = shift;
        _buckets = buckets;
        Registers = RegisterTable.TryBuild(periods.Length, starts[0], shift, buckets);

        // The register kernel needs no granule table; the others (or a machine without AVX-512 VBMI) do.
        (GranuleShift, _granules) = Registers is not null && CubeKernel.CanUseRegisterTable
            ? (-1, [])
            : BuildGranules(periods.Length, starts, shift, rowCount);
    }

    /// <summary>The contiguous periods covering the range, in order.</summary>
    public ReportingPeriod[] Periods { get; }

    /// <summary>Starts[k] is the first UTC tick of period k; Starts[^1] is the end of the last period (or long.MaxValue).</summary>
    public long[] Starts { get; }

    /// <summary>log2 of the bucket width in ticks; −1 when the binary-search fallback is used.</summary>
    public int Shift { get; }

    public long Origin => Starts[0];

    public ReadOnlySpan<Bucket> Buckets => _buckets;

    /// <summary>log2 of the granule width in ticks; −1 when there is no granule table.</summary>
    public int GranuleShift { get; }

    /// <summary>
    /// The period index of every granule (2^<see cref="GranuleShift"/> ticks from <see cref="Origin"/>), or
    /// <see cref="Straddles"/> when a boundary falls inside it; one padding entry at the end so a 4-byte read of the
    /// last entry stays inside the array.
    /// </summary>
    public ReadOnlySpan<ushort> Granules => _granules;

    /// <summary>
    /// The bucket table small enough to live in vector registers (at most <see cref="RegisterTable.MaxBuckets"/>
    /// buckets, at most 256 periods), for the AVX-512 kernel; <see langword="null"/> when the range is too long for it.
    /// </summary>
    public RegisterTable? Registers { get; }

    /// <summary>Builds the boundaries for all periods touching [<paramref name="minTicks"/>, <paramref name="maxTicks"/>].</summary>
    public static PeriodLookup Build(ReportingCalendar calendar, long minTicks, long maxTicks, long minRow, long maxRow)
    {
        ReportingPeriod first = calendar.PeriodOf(new DateTimeOffset(ToDateTimeTicks(calendar, minTicks, minRow), TimeSpan.Zero));
        ReportingPeriod last = calendar.PeriodOf(new DateTimeOffset(ToDateTimeTicks(calendar, maxTicks, maxRow), TimeSpan.Zero));
        return Build(calendar, first, last, minTicks, maxTicks, long.MaxValue);
    }

    /// <summary>Builds the boundaries for the periods <paramref name="first"/>..<paramref name="last"/>.</summary>
    /// <param name="calendar">The reporting calendar.</param>
    /// <param name="first">The first period.</param>
    /// <param name="last">The last period.</param>
    /// <param name="minTicks">The earliest row's UTC ticks.</param>
    /// <param name="maxTicks">The latest row's UTC ticks.</param>
    /// <param name="rowCount">How many rows will be looked up: the granule table is kept to a quarter of that (see
    /// <see cref="RowsPerGranule"/>), so a small table (a streaming chunk) does not pay for a large one.</param>
    public static PeriodLookup Build(ReportingCalendar calendar, ReportingPeriod first, ReportingPeriod last, long minTicks, long maxTicks, long rowCount = long.MaxValue)
    {
        var periods = new List<ReportingPeriod>();
        for (ReportingPeriod p = first; ; p = p.Next())
        {
            periods.Add(p);
            if (periods.Count > MaxPeriods)
            {
                ThrowHelper.TooManyPeriods(first.ToString(), last.ToString(), MaxPeriods);
            }

            if (p >= last)
            {
                break;
            }
        }

        var starts = new long[periods.Count + 1];
        for (int k = 0; k < periods.Count; k++)
        {
            starts[k] = calendar.DayStartUtcTicks(periods[k].FirstDay);
        }

        DateOnly lastDay = periods[^1].LastDay;
        starts[^1] = lastDay == DateOnly.MaxValue ? long.MaxValue : calendar.DayStartUtcTicks(lastDay.AddDays(1));
        for (int k = 1; k < starts.Length; k++)
        {
            starts[k] = Math.Max(starts[k], starts[k - 1]); // defensive: boundaries never go back
        }

        // The rows must lie inside the covered range (true by construction; widened defensively at the ends).
        starts[0] = Math.Min(starts[0], minTicks);
        if (starts[^1] <= maxTicks)
        {
            starts[^1] = maxTicks + 1;
        }

        long minGap = long.MaxValue;
        for (int k = 1; k < starts.Length - 1; k++)
        {
            long gap = starts[k] - starts[k - 1];
            if (gap > 0)
            {
                minGap = Math.Min(minGap, gap);
            }
        }

        long span = maxTicks - starts[0];
        int shift = minGap == long.MaxValue ? 62 : BitOperations.Log2((ulong)minGap);
        shift = Math.Min(shift, 62);
        long bucketCount = (span >> shift) + 1;
        if (bucketCount > MaxBuckets)
        {
            return new PeriodLookup([.. periods], starts, -1, [], rowCount);
        }

        var buckets = new Bucket[bucketCount];
        int before = 0;
        for (long b = 0; b < bucketCount; b++)
        {
            long bucketStart = starts[0] + (b << shift);
            while (before + 1 < periods.Count && starts[before + 1] <= bucketStart)
            {
                before++;
            }

            int after = before;
            long next = long.MaxValue;
            if (before + 1 < periods.Count)
            {
                next = starts[before + 1];
                after = before + 1;
                while (after + 1 < periods.Count && starts[after + 1] <= next)
                {
                    after++; // zero-length periods (a skipped local day) share the boundary
                }
            }

            buckets[b] = new Bucket(next, before, after);
        }

        return new PeriodLookup([.. periods], starts, shift, buckets, rowCount);
    }

    /// <summary>The period index of an instant inside the covered range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(long utcTicks)
    {
        if (Shift < 0)
        {
            return SearchIndex(utcTicks);
        }

        ref readonly Bucket bucket = ref _buckets[(int)((ulong)(utcTicks - Starts[0]) >> Shift)];
        return utcTicks >= bucket.Next ? bucket.After : bucket.Before;
    }

    /// <summary>
    /// A direct table for the vector kernel: granules far narrower than the shortest period, so that one load per row
    /// gives the period and only the rare granule that holds a boundary (at most one in 16 of a period's width) needs
    /// the exact lookup. Built only when it fits in <see cref="MaxGranules"/> entries (and a quarter of the rows), and
    /// periods fit 16 bits.
    /// </summary>
    private static (int Shift, ushort[] Table) BuildGranules(int periodCount, long[] starts, int bucketShift, long rowCount)
    {
        long maxGranules = RowsPerGranule == 0 ? MaxGranules : Math.Min(MaxGranules, rowCount / RowsPerGranule);
        if (bucketShift < 0 || periodCount >= Straddles || maxGranules < MinGranules)
        {
            return (-1, []);
        }

        long origin = starts[0];
        long span = starts[^1] == long.MaxValue ? long.MaxValue : starts[^1] - 1 - origin;
        int g = 0;
        while (g < 62 && (span >> g) >= maxGranules)
        {
            g++;
        }

        if (g + 4 > bucketShift)
        {
            return (-1, []); // granules would be wider than 1/16 of the shortest period: too many straddle
        }

        int count = (int)(span >> g) + 1;
        var table = new ushort[count + 1];
        int p = 0;
        for (int j = 0; j < count; j++)
        {
            long first = origin + ((long)j << g);
            long last = first + (1L << g) - 1;
            while (p + 1 < periodCount && starts[p + 1] <= first)
            {
                p++;
            }

            int q = p;
            while (q + 1 < periodCount && starts[q + 1] <= last)
            {
                q++;
            }

            table[j] = p == q ? (ushort)p : Straddles;
        }

        table[count] = Straddles;
        return (g, table);
    }

    /// <summary>Binary search over the boundaries: the last period whose start is at or before the instant.</summary>
    public int SearchIndex(long utcTicks)
    {
        int lo = 0, hi = Periods.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (Starts[mid] <= utcTicks)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private static long ToDateTimeTicks(ReportingCalendar calendar, long ticks, long row)
    {
        _ = calendar.LocalTicks(ticks, row); // throws a clear error for instants outside the local date range
        return ticks;
    }

    /// <summary>
    /// The bucket table in a form that fits in six 512-bit registers: for each bucket (up to 128), the period before
    /// and after its boundary as bytes, and where in the bucket the boundary falls, in 65,536ths of the bucket rounded
    /// down (<see cref="ushort.MaxValue"/> when the bucket holds no boundary). A row whose 65,536th of its bucket is
    /// before the boundary's lies before it, one after it lies after it, and one in the same 65,536th (about one row
    /// in 65,536 per boundary) is looked up exactly. So a row costs two byte permutes and two word permutes, with no
    /// memory access.
    /// </summary>
    internal sealed class RegisterTable
    {
        /// <summary>Most buckets: two 64-byte vectors of period indexes (VPERMI2B reads 128 bytes).</summary>
        public const int MaxBuckets = 128;

        /// <summary>The boundary's position in its bucket is kept to 16 bits.</summary>
        public const int FractionBits = 16;

        private RegisterTable(int shift, byte[] before, byte[] after, ushort[] boundary, bool wide, bool skips)
        {
            Wide = wide;
            Skips = skips;
            Shift = shift;
            Before = before;
            After = after;
            Boundary = boundary;
        }

        /// <summary>Whether there are more than 64 buckets (the boundary table then takes two word permutes).</summary>
        public bool Wide { get; }

        /// <summary>Whether some boundary skips a zero-length period (a skipped local day), so that the period after a
        /// boundary is not always the one before plus one.</summary>
        public bool Skips { get; }

        /// <summary>log2 of the bucket width in ticks (the lookup's <see cref="PeriodLookup.Shift"/>).</summary>
        public int Shift { get; }

        /// <summary>Per bucket, the period index before its boundary (128 entries, unused ones 0).</summary>
        public byte[] Before { get; }

        /// <summary>Per bucket, the period index from its boundary on.</summary>
        public byte[] After { get; }

        /// <summary>Per bucket, the 65,536th of the bucket that holds its boundary, or <see cref="ushort.MaxValue"/>.</summary>
        public ushort[] Boundary { get; }

        /// <summary>The table for <paramref name="buckets"/>, or <see langword="null"/> when it would not fit.</summary>
        public static RegisterTable? TryBuild(int periodCount, long origin, int shift, Bucket[] buckets)
        {
            if (shift < FractionBits || shift > 62 || buckets.Length == 0 || buckets.Length > MaxBuckets || periodCount > 256)
            {
                return null;
            }

            var before = new byte[MaxBuckets];
            var after = new byte[MaxBuckets];
            var boundary = new ushort[MaxBuckets];
            boundary.AsSpan().Fill(ushort.MaxValue);
            long width = 1L << shift;
            for (int b = 0; b < buckets.Length; b++)
            {
                long start = origin + ((long)b << shift);
                before[b] = (byte)buckets[b].Before;
                after[b] = (byte)buckets[b].After;
                long offset = buckets[b].Next - start; // > 0: the bucket starts before its next boundary
                if (buckets[b].Next != long.MaxValue && offset < width)
                {
                    boundary[b] = (ushort)(offset >> (shift - FractionBits));
                }
            }

            bool skips = false;
            foreach (Bucket bucket in buckets)
            {
                skips |= bucket.After - bucket.Before > 1;
            }

            return new RegisterTable(shift, before, after, boundary, buckets.Length > 64, skips);
        }
    }

    /// <summary>One bucket: the period before the bucket's boundary, the period after it, and the boundary. The AVX2
    /// kernel reads it as two 64-bit words (Next; Before | After &lt;&lt; 32), so the layout is fixed.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal readonly record struct Bucket(long Next, int Before, int After);
}
