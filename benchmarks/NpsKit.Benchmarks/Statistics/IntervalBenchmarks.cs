using BenchmarkDotNet.Attributes;
using NpsKit.Statistics;

namespace NpsKit.Benchmarks.Statistics;

/// <summary>
/// Each interval method on one tally (45% promoters, 30% passives, 25% detractors) of N answers. The exact Bayesian
/// quadrature must stay under a millisecond at survey sizes; the exact test inversion (n ≤ 100) is the costly one.
/// </summary>
[MemoryDiagnoser]
public class IntervalBenchmarks
{
    private static readonly NpsIntervalOptions MonteCarlo = new() { Method = NpsIntervalMethod.Bayesian, UseMonteCarlo = true };

    private NpsTally _tally;
    private NpsTally _baseline;

    /// <summary>Number of answers in the tally.</summary>
    [Params(30, 100, 1_000, 100_000)]
    public int N { get; set; }

    /// <summary>Builds the tallies.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _tally = NpsTally.FromCounts(N * 45L / 100, N * 30L / 100, N - (N * 45L / 100) - (N * 30L / 100));
        _baseline = NpsTally.FromCounts(N * 40L / 100, N * 33L / 100, N - (N * 40L / 100) - (N * 33L / 100));
    }

    /// <summary>The default method, a closed form.</summary>
    [Benchmark(Baseline = true)]
    public NpsInterval AdjustedWald() => _tally.ConfidenceInterval(0.95, NpsIntervalMethod.AdjustedWald);

    /// <summary>The plain Wald interval.</summary>
    [Benchmark]
    public NpsInterval Wald() => _tally.ConfidenceInterval(0.95, NpsIntervalMethod.Wald);

    /// <summary>Tango's score interval (two bisections to 1e−13).</summary>
    [Benchmark]
    public NpsInterval Score() => _tally.ConfidenceInterval(0.95, NpsIntervalMethod.Score);

    /// <summary>The exact Dirichlet-posterior interval by quadrature (target: under 1 ms).</summary>
    [Benchmark]
    public NpsInterval BayesianExact() => _tally.ConfidenceInterval(0.95, NpsIntervalMethod.Bayesian);

    /// <summary>The Monte Carlo alternative with 100 000 draws.</summary>
    [Benchmark]
    public NpsInterval BayesianMonteCarlo() => _tally.ConfidenceInterval(MonteCarlo);

    /// <summary>The guaranteed-coverage interval: exact test inversion up to 100 answers, Bonferroni–Clopper–Pearson
    /// above (report use: well under a second per interval at n ≤ 1,000).</summary>
    [Benchmark]
    public NpsInterval Exact() => _tally.ConfidenceInterval(0.95, NpsIntervalMethod.Exact);

    /// <summary>The percentile bootstrap with 2 000 resamples.</summary>
    [Benchmark]
    public NpsInterval Bootstrap() => _tally.ConfidenceInterval(0.95, NpsIntervalMethod.Bootstrap);

    /// <summary>The two-sample comparison the aggregation layer calls per period.</summary>
    [Benchmark]
    public NpsComparison Compare() => NpsTest.Compare(_baseline, _tally);

    /// <summary>The Bayesian P(current &gt; baseline) by nested quadrature.</summary>
    [Benchmark]
    public double ProbabilityOfIncrease() => NpsTest.ProbabilityOfIncrease(_baseline, _tally);
}
