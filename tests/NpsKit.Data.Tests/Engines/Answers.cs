using NpsKit.Aggregation;
using NpsKit.Serialization;
using NpsKit.TestUtilities;

namespace NpsKit.Data.Tests.Engines;

/// <summary>
/// Seeded answers shared by every engine test: times over Oct 2025 – Jan 2027 (the EU and US DST changes of both
/// years and two year ends), a third of them within three hours of a local midnight at those dates so that period
/// boundaries are crowded; a hierarchy dept → team, a region, and weights that are multiples of 1/4 (so Σw and Σw²
/// are exact in any order of addition, and cubes from engines equal the in-process cube bit for bit).
/// </summary>
public sealed class Answers
{
    public const ulong Seed = 20_261_201;

    private static readonly string[] Regions = ["North", "South", "East", "West", "Ünïcode \"quoted\""];
    private static readonly string[] Depts = ["Sales", "Support", "R&D"];

    private static readonly DateTimeOffset[] Crowded =
    [
        new(2025, 10, 26, 0, 0, 0, TimeSpan.Zero), new(2025, 11, 2, 0, 0, 0, TimeSpan.Zero), new(2025, 12, 31, 23, 0, 0, TimeSpan.Zero),
        new(2026, 1, 1, 5, 0, 0, TimeSpan.Zero), new(2026, 3, 8, 5, 0, 0, TimeSpan.Zero), new(2026, 3, 28, 23, 0, 0, TimeSpan.Zero),
        new(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), new(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), new(2026, 11, 1, 4, 0, 0, TimeSpan.Zero),
        new(2026, 12, 31, 23, 0, 0, TimeSpan.Zero), new(2027, 1, 1, 5, 0, 0, TimeSpan.Zero), new(2026, 6, 30, 22, 0, 0, TimeSpan.Zero),
    ];

    private static readonly Dictionary<int, Answers> Cache = [];

    private Answers(int count)
    {
        var rng = new SplitMix64(Seed);
        Ticks = new long[count];
        Scores = new byte[count];
        Region = new string[count];
        Dept = new string[count];
        Team = new string[count];
        Weight = new double[count];
        long from = new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        long span = new DateTimeOffset(2027, 1, 15, 0, 0, 0, TimeSpan.Zero).UtcTicks - from;
        for (int i = 0; i < count; i++)
        {
            long ms = rng.NextInt(3) == 0
                ? (Crowded[rng.NextInt(Crowded.Length)].UtcTicks / TimeSpan.TicksPerMillisecond) + rng.NextInt(12 * 3_600_000) - (6 * 3_600_000)
                : (from + (long)(rng.NextDouble() * span)) / TimeSpan.TicksPerMillisecond;
            Ticks[i] = ms * TimeSpan.TicksPerMillisecond;
            Region[i] = Regions[rng.NextInt(Regions.Length)];
            int d = rng.NextInt(Depts.Length);
            Dept[i] = Depts[d];
            Team[i] = Depts[d][..2] + "-" + rng.NextInt(3 + d);
            Scores[i] = SyntheticResponses.DrawScore(rng, 20 + (10 * d));
            Weight[i] = 0.25 * (1 + rng.NextInt(16));
        }
    }

    public long[] Ticks { get; }

    public byte[] Scores { get; }

    public string[] Region { get; }

    public string[] Dept { get; }

    public string[] Team { get; }

    public double[] Weight { get; }

    public int Count => Ticks.Length;

    public static Answers Get(int count)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(count, out Answers? answers))
            {
                Cache[count] = answers = new Answers(count);
            }

            return answers;
        }
    }

    /// <summary>The reference: the same answers aggregated in process.</summary>
    public NpsCube InProcess(Segmentation segmentation, AggregationOptions options, bool weighted, Func<int, bool>? keep = null)
    {
        var b = new ResponseTableBuilder("region", "dept", "team");
        for (int i = 0; i < Count; i++)
        {
            if (keep is null || keep(i))
            {
                b.AddUtcTicks(Ticks[i], Scores[i], [Region[i], Dept[i], Team[i]], weight: weighted ? Weight[i] : null);
            }
        }

        return NpsCube.FromTable(b.ToTable(), segmentation, options);
    }

    public static void AssertSame(NpsCube expected, NpsCube actual)
    {
        Assert.Equal(expected.Periods, actual.Periods);
        Assert.Equal(expected.Segments, actual.Segments);
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.IsWeighted, actual.IsWeighted);
        Assert.Equal(NpsJson.Serialize(expected), NpsJson.Serialize(actual)); // every cell, count and weight sum
    }
}

/// <summary>One comparison: zone, unit, segmentation, weighted.</summary>
public sealed record EngineCase(string Zone, PeriodUnit Unit, string Segments, bool Weighted)
{
    public static TheoryData<EngineCase> All
    {
        get
        {
            var data = new TheoryData<EngineCase>();
            foreach (string zone in new[] { "Europe/Copenhagen", "America/New_York" })
            {
                foreach (PeriodUnit unit in new[] { PeriodUnit.Month, PeriodUnit.IsoWeek })
                {
                    foreach (string segments in new[] { "total", "crosstab", "hierarchy" })
                    {
                        data.Add(new EngineCase(zone, unit, segments, Weighted: segments != "total"));
                        if (segments == "crosstab")
                        {
                            data.Add(new EngineCase(zone, unit, segments, Weighted: false));
                        }
                    }
                }
            }

            data.Add(new EngineCase("America/New_York", PeriodUnit.Day, "crosstab", false));
            data.Add(new EngineCase("Europe/Copenhagen", PeriodUnit.FiscalQuarter, "hierarchy", true));
            data.Add(new EngineCase("Europe/Copenhagen", PeriodUnit.Year, "total", false));
            return data;
        }
    }

    public Segmentation Segmentation => Segments switch
    {
        "total" => Segmentation.Total,
        "crosstab" => Segmentation.CrossTab("region", "team"),
        _ => Segmentation.Hierarchy("dept", "team"),
    };

    public AggregationOptions Options => new() { TimeZoneId = Zone, Period = Unit, FiscalYearStartMonth = 7, MinimumCount = 30 };

    public DbCubeOptions DbOptions(DbSource source) => new()
    {
        Source = source,
        WeightColumn = Weighted ? "weight" : null,
        Segmentation = Segmentation,
        Aggregation = Options,
    };

    public override string ToString() => $"{Zone} {Unit} {Segments}{(Weighted ? " weighted" : string.Empty)}";
}
