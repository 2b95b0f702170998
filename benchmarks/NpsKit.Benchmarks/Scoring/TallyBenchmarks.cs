using BenchmarkDotNet.Attributes;
using NpsKit.Scoring;
using NpsKit.TestUtilities;

namespace NpsKit.Benchmarks.Scoring;

/// <summary>Tallying byte scores: the vectorized path against the scalar reference and a LINQ baseline.</summary>
[MemoryDiagnoser]
public class TallyBenchmarks
{
    private byte[] _scores = [];

    /// <summary>Number of scores.</summary>
    [Params(1_000_000)]
    public int N { get; set; }

    /// <summary>Seeded, realistic scores.</summary>
    [GlobalSetup]
    public void Setup() => _scores = SyntheticResponses.Scores(N, 42);

    /// <summary>What a straightforward program does.</summary>
    [Benchmark(Baseline = true)]
    public long LinqGroupBy() => _scores.GroupBy(s => s).Sum(g => g.Key >= 9 ? g.LongCount() : g.Key <= 6 ? -g.LongCount() : 0);

    /// <summary>The scalar reference path.</summary>
    [Benchmark]
    public long Scalar()
    {
        Span<long> counts = stackalloc long[11];
        return ScoreCounter.Count(_scores, counts, allowVector: false) + counts[10];
    }

    /// <summary>The public, vectorized path.</summary>
    [Benchmark]
    public NpsTally Vectorized() => NpsTally.FromScores(_scores);

    /// <summary>The memory floor: reading every byte once (summing them with SIMD).</summary>
    [Benchmark]
    public ulong ReadOnce()
    {
        var acc = System.Numerics.Vector<ulong>.Zero;
        ReadOnlySpan<byte> s = _scores;
        int w = System.Numerics.Vector<byte>.Count;
        int i = 0;
        for (; i <= s.Length - w; i += w)
        {
            var v = new System.Numerics.Vector<byte>(s.Slice(i, w));
            acc += System.Numerics.Vector.AsVectorUInt64(v);
        }

        return System.Numerics.Vector.Sum(acc) + (ulong)i;
    }
}
