using NpsKit.Economics;

namespace NpsKit.Tests.Economics;

/// <summary>The worked example of docs/economics.md, shared by the tests; known answers in TestData/economics_known_answers.txt.</summary>
internal static class EconomicsExamples
{
    public static readonly long[] Histogram = [10, 10, 15, 25, 35, 80, 95, 150, 168, 200, 212];

    public const long CustomerBase = 120_000;

    public static NpsTally Sample => NpsTally.FromHistogram(Histogram);

    public static Money Usd(decimal amount) => Money.From(amount, "USD");

    public static CustomerValueOptions Options => new()
    {
        Period = RatePeriod.Year,
        DiscountRate = 0.10,
        GrossMarginRate = 0.40,
        AcquisitionCost = Usd(300m),
        Promoters = new CategoryProfile { Retention = 0.90, SpendPerPeriod = Usd(1200m), CostToServePerPeriod = Usd(60m), WordOfMouthValue = Usd(42m) },
        Passives = new CategoryProfile { Retention = 0.80, SpendPerPeriod = Usd(1000m), CostToServePerPeriod = Usd(80m) },
        Detractors = new CategoryProfile { Retention = 0.60, SpendPerPeriod = Usd(900m), CostToServePerPeriod = Usd(150m), WordOfMouthValue = Usd(-30m) },
    };

    public static CustomerValueModel Model => CustomerValueModel.From(Options);

    public static CustomerMix Mix => CustomerMix.FromSample(Sample, CustomerBase);

    /// <summary>Asserts an amount to <paramref name="decimals"/> places and its currency.</summary>
    public static void AssertMoney(decimal expected, Money actual, int decimals = 6, string currency = "USD")
    {
        Assert.Equal(currency, actual.Currency);
        Assert.Equal(decimal.Round(expected, decimals), decimal.Round(actual.Amount, decimals));
    }
}
