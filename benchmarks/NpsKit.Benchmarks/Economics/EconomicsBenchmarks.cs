using BenchmarkDotNet.Attributes;
using NpsKit.Economics;

namespace NpsKit.Benchmarks.Economics;

/// <summary>
/// The costly economics path: carrying the sampling uncertainty of the shares into money figures with seeded
/// Dirichlet-posterior draws. Point figures are measured as the baseline.
/// </summary>
[MemoryDiagnoser]
public class EconomicsBenchmarks
{
    private static readonly NpsTally Sample = NpsTally.FromHistogram([10, 10, 15, 25, 35, 80, 95, 150, 168, 200, 212]);
    private CustomerValueModel _model = null!;
    private CustomerMix _mix;

    /// <summary>Posterior draws per figure.</summary>
    [Params(4000)]
    public int Draws { get; set; }

    /// <summary>The worked example of docs/economics.md.</summary>
    [GlobalSetup]
    public void Setup()
    {
        static Money Usd(decimal a) => Money.From(a, "USD");
        _model = CustomerValueModel.From(new CustomerValueOptions
        {
            Period = RatePeriod.Year,
            DiscountRate = 0.10,
            GrossMarginRate = 0.40,
            AcquisitionCost = Usd(300m),
            Promoters = new CategoryProfile { Retention = 0.90, SpendPerPeriod = Usd(1200m), CostToServePerPeriod = Usd(60m), WordOfMouthValue = Usd(42m) },
            Passives = new CategoryProfile { Retention = 0.80, SpendPerPeriod = Usd(1000m), CostToServePerPeriod = Usd(80m) },
            Detractors = new CategoryProfile { Retention = 0.60, SpendPerPeriod = Usd(900m), CostToServePerPeriod = Usd(150m), WordOfMouthValue = Usd(-30m) },
        });
        _mix = CustomerMix.FromSample(Sample, 120_000);
    }

    /// <summary>Point figures only: portfolio value and churn cost at the observed shares.</summary>
    [Benchmark(Baseline = true)]
    public Money PointFigures() => _model.PortfolioValue(_mix) + _model.ChurnCost(_mix).Total;

    /// <summary>One figure with its interval.</summary>
    [Benchmark]
    public MoneyInterval PortfolioInterval() =>
        EconomicsUncertainty.Interval(Sample, 120_000, _model.PortfolioValue, new UncertaintyOptions { Draws = Draws });

    /// <summary>The full report: five figures over the same draws.</summary>
    [Benchmark]
    public CustomerValueReport Analyze() => _model.Analyze(Sample, 120_000, new UncertaintyOptions { Draws = Draws });
}
