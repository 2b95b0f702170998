using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Benchmarks.Aggregation;

/// <summary>The seeded data every aggregation benchmark uses: 24 months from local midnight 1 January 2024 in
/// Copenhagen, 20 segments, realistic scores, rows in random time order.</summary>
public static class AggregationData
{
    /// <summary>The reporting zone.</summary>
    public const string Zone = "Europe/Copenhagen";

    /// <summary>The seed.</summary>
    public const ulong Seed = 20260101;

    /// <summary>Generates <paramref name="rows"/> rows.</summary>
    /// <param name="rows">Row count.</param>
    /// <returns>The columns.</returns>
    public static SyntheticColumns Generate(int rows) =>
        SyntheticColumns.Generate(rows, Seed, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)), 24, 20);

    /// <summary>Options for months in <see cref="Zone"/> on the given number of threads.</summary>
    /// <param name="threads">Threads (−1: all).</param>
    /// <param name="unit">The period unit.</param>
    /// <returns>The options.</returns>
    public static AggregationOptions Options(int threads, PeriodUnit unit = PeriodUnit.Month) =>
        new() { TimeZoneId = Zone, Period = unit, MaxDegreeOfParallelism = threads };
}
