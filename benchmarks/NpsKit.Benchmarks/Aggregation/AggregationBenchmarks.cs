using System.Numerics;
using BenchmarkDotNet.Attributes;
using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Benchmarks.Aggregation;

/// <summary>
/// Month × segment aggregation of in-memory responses (24 months, 20 segments, Europe/Copenhagen), against a plain
/// LINQ GroupBy (the baseline) and the memory floor — reading the touched columns once. Peers (DuckDB) are in
/// NpsKit.ComparisonBenchmarks.
/// </summary>
[MemoryDiagnoser]
public class AggregationBenchmarks
{
    private SyntheticColumns _data = null!;
    private ResponseTable _table = null!;
    private TimeZoneInfo _zone = null!;
    private readonly Segmentation _bySegment = Segmentation.By("segment");
    private readonly AggregationOptions _single = AggregationData.Options(1);
    private readonly AggregationOptions _parallel = AggregationData.Options(-1);
    private readonly AggregationOptions _daily = AggregationData.Options(-1, PeriodUnit.Day);

    /// <summary>Rows.</summary>
    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    /// <summary>Generates the seeded data and loads the table.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = AggregationData.Generate(N);
        _table = _data.ToTable();
        _zone = TimeZoneInfo.FindSystemTimeZoneById(AggregationData.Zone);
    }

    /// <summary>What a straightforward program does: convert each time to the zone, group by (month, segment), tally.</summary>
    /// <returns>The number of cells (to keep the work alive).</returns>
    [Benchmark(Baseline = true)]
    public int LinqGroupBy()
    {
        long[] ticks = _data.UtcTicks;
        byte[] scores = _data.Scores;
        int[] segments = _data.SegmentCodes;
        return Enumerable.Range(0, ticks.Length)
            .GroupBy(i =>
            {
                DateTimeOffset local = TimeZoneInfo.ConvertTime(new DateTimeOffset(ticks[i], TimeSpan.Zero), _zone);
                return (local.Year, local.Month, segments[i]);
            })
            .ToDictionary(g => g.Key, g => NpsTally.FromScores(g.Select(i => (int)scores[i])))
            .Count;
    }

    /// <summary>NpsKit on one thread.</summary>
    /// <returns>The cube.</returns>
    [Benchmark]
    public NpsCube NpsKitSingleThread() => NpsCube.FromTable(_table, _bySegment, _single);

    /// <summary>NpsKit on all cores.</summary>
    /// <returns>The cube.</returns>
    [Benchmark]
    public NpsCube NpsKitParallel() => NpsCube.FromTable(_table, _bySegment, _parallel);

    /// <summary>NpsKit on all cores as a CPU without AVX-512 VBMI runs it (the AVX2 granule lookup).</summary>
    /// <returns>The cube.</returns>
    [Benchmark]
    public NpsCube NpsKitParallelAvx2Only()
    {
        CubeKernel.UseRegisterTable = false;
        try
        {
            return NpsCube.FromTable(_table, _bySegment, _parallel);
        }
        finally
        {
            CubeKernel.UseRegisterTable = true;
        }
    }

    /// <summary>Rolling 28-day series by day from the one aggregation pass (cube by day, then windows over days).</summary>
    /// <returns>The last point's count.</returns>
    [Benchmark]
    public long RollingDailySeries28Days()
    {
        NpsSeries series = NpsCube.FromTable(_table, _bySegment, _daily).Series().WithWindow(RollingWindow.Days(28));
        return series.Points[^1].Tally.Count;
    }

    /// <summary>The memory floor: read the three touched columns (times, scores, segment codes) once, with SIMD.</summary>
    /// <returns>A checksum.</returns>
    [Benchmark]
    public ulong MemoryFloor()
    {
        ReadOnlySpan<long> ticks = _table.UtcTicks;
        ReadOnlySpan<byte> scores = _table.Scores;
        ReadOnlySpan<byte> codes = _table.SegmentCodeBytes(0);
        return SumVector(System.Runtime.InteropServices.MemoryMarshal.AsBytes(ticks)) + SumVector(scores) + SumVector(codes);
    }

    private static ulong SumVector(ReadOnlySpan<byte> bytes)
    {
        var acc = Vector<ulong>.Zero;
        int w = Vector<byte>.Count;
        int i = 0;
        for (; i <= bytes.Length - w; i += w)
        {
            acc += Vector.AsVectorUInt64(new Vector<byte>(bytes.Slice(i, w)));
        }

        ulong sum = Vector.Sum(acc);
        for (; i < bytes.Length; i++)
        {
            sum += bytes[i];
        }

        return sum;
    }
}
