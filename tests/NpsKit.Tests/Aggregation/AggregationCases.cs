using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using NpsKit.Aggregation;

namespace NpsKit.Tests.Aggregation;

/// <summary>One random answer: time, score and two segment values.</summary>
internal readonly record struct Row(long Ticks, byte Score, string Region, string Team);

/// <summary>A random aggregation problem: zone, unit, fiscal start and rows.</summary>
internal sealed record Case(string Zone, PeriodUnit Unit, int FiscalStart, Row[] Rows)
{
    public override string ToString() => $"{Zone} {Unit} fy{FiscalStart} n={Rows.Length}";

    public AggregationOptions Options(int parallelism = 1) => new()
    {
        TimeZoneId = Zone,
        Period = Unit,
        FiscalYearStartMonth = FiscalStart,
        MinimumCount = 0,
        MaxDegreeOfParallelism = parallelism,
    };

    public ResponseTable Table() => Table(Rows);

    public static ResponseTable Table(IEnumerable<Row> rows)
    {
        var b = new ResponseTableBuilder("region", "team");
        foreach (Row r in rows)
        {
            b.AddUtcTicks(r.Ticks, r.Score, [r.Region, r.Team]);
        }

        return b.ToTable();
    }
}

/// <summary>Generators and the naive reference implementation for the aggregation properties.</summary>
internal static class AggregationCases
{
    /// <summary>Zones with DST at 01:00 UTC (Europe), at 02:00 local (US), none (UTC, India), at local midnight
    /// (Brazil 2018/2019), a skipped day (Samoa, 30 December 2011) and a half-hour shift (Lord Howe).</summary>
    public static readonly string[] Zones =
        ["Europe/Copenhagen", "America/New_York", "Etc/UTC", "Asia/Kolkata", "America/Sao_Paulo", "Pacific/Apia", "Australia/Lord_Howe"];

    /// <summary>Instants near DST changes and year ends that the random times cluster around (± 3 days).</summary>
    public static readonly DateTimeOffset[] Anchors =
    [
        new(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), new(2026, 10, 25, 1, 0, 0, TimeSpan.Zero),
        new(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), new(2026, 11, 1, 6, 0, 0, TimeSpan.Zero),
        new(2025, 12, 31, 23, 0, 0, TimeSpan.Zero), new(2026, 12, 31, 12, 0, 0, TimeSpan.Zero),
        new(2020, 12, 31, 12, 0, 0, TimeSpan.Zero), new(2024, 2, 29, 12, 0, 0, TimeSpan.Zero),
        new(2018, 11, 4, 3, 0, 0, TimeSpan.Zero), new(2019, 2, 17, 2, 0, 0, TimeSpan.Zero),
        new(2011, 12, 30, 10, 0, 0, TimeSpan.Zero), new(2026, 4, 4, 15, 0, 0, TimeSpan.Zero),
    ];

    public static readonly Gen<Row> Rows =
        from anchor in Gen.Choose(0, Anchors.Length - 1)
        from seconds in Gen.Choose(-3 * 86_400, 3 * 86_400)
        from score in Gen.Choose(0, 10)
        from region in Gen.Elements("North", "South", "East")
        from team in Gen.Elements("a", "b")
        select new Row(Anchors[anchor].UtcTicks + (seconds * TimeSpan.TicksPerSecond), (byte)score, region, team);

    public static readonly Arbitrary<Case> Cases = (
        from zone in Gen.Elements(Zones)
        from unit in Gen.Elements(Enum.GetValues<PeriodUnit>())
        from fiscal in Gen.Choose(1, 12)
        from rows in Gen.ArrayOf(Rows)
        select new Case(zone, unit, fiscal, rows)).ToArbitrary();

    /// <summary>
    /// Cases whose rows span at most a few hundred days around one anchor, so that (except for days and weeks over
    /// the wider spans) the period buckets fit the AVX-512 register table; at least 16 rows, so the vector loop runs.
    /// </summary>
    public static readonly Arbitrary<Case> NarrowCases = (
        from zone in Gen.Elements(Zones)
        from unit in Gen.Elements(Enum.GetValues<PeriodUnit>())
        from fiscal in Gen.Choose(1, 12)
        from anchor in Gen.Choose(0, Anchors.Length - 1)
        from spreadDays in Gen.Elements(3, 20, 150, 190)
        from count in Gen.Frequency((3, Gen.Choose(16, 200)), (1, Gen.Choose(2_000, 7_000)))
        from rows in Gen.ArrayOf(NarrowRow(Anchors[anchor], spreadDays), count)
        select new Case(zone, unit, fiscal, rows)).ToArbitrary();

    private static Gen<Row> NarrowRow(DateTimeOffset anchor, int spreadDays) =>
        from seconds in Gen.Choose(-spreadDays * 86_400, spreadDays * 86_400)
        from score in Gen.Choose(0, 10)
        from region in Gen.Elements("North", "South", "East")
        from team in Gen.Elements("a", "b")
        select new Row(anchor.UtcTicks + (seconds * TimeSpan.TicksPerSecond), (byte)score, region, team);

    /// <summary>The reference: convert every row to local time with the BCL and label its period from first principles.</summary>
    public static Dictionary<string, long[]> Naive(Case c)
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(c.Zone);
        var cells = new Dictionary<string, long[]>();
        foreach (Row r in c.Rows)
        {
            DateTime local = TimeZoneInfo.ConvertTime(new DateTimeOffset(r.Ticks, TimeSpan.Zero), zone).DateTime;
            string key = Label(local, c.Unit, c.FiscalStart) + "|" + r.Region + "|" + r.Team;
            if (!cells.TryGetValue(key, out long[]? counts))
            {
                cells[key] = counts = new long[11];
            }

            counts[r.Score]++;
        }

        return cells;
    }

    public static string Label(DateTime d, PeriodUnit unit, int fiscalStart)
    {
        int fy = fiscalStart == 1 ? d.Year : d.Month >= fiscalStart ? d.Year + 1 : d.Year;
        return unit switch
        {
            PeriodUnit.Day => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PeriodUnit.IsoWeek => $"{ISOWeek.GetYear(d):D4}-W{ISOWeek.GetWeekOfYear(d):D2}",
            PeriodUnit.Month => d.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            PeriodUnit.Quarter => $"{d.Year:D4}-Q{((d.Month - 1) / 3) + 1}",
            PeriodUnit.Year => $"{d.Year:D4}",
            PeriodUnit.FiscalQuarter => $"FY{fy:D4}-Q{(((d.Month - fiscalStart + 12) % 12) / 3) + 1}",
            _ => $"FY{fy:D4}",
        };
    }

    /// <summary>The cube's non-empty finest cells in the reference's key format.</summary>
    public static Dictionary<string, long[]> Cells(NpsCube cube)
    {
        var cells = new Dictionary<string, long[]>();
        long[] h = new long[11];
        foreach (NpsCell cell in cube.Cells())
        {
            if (cell.Tally.Count == 0)
            {
                continue;
            }

            Assert.True(cell.Tally.TryCopyHistogramTo(h));
            cell.Segment.TryGetValue("region", out string? region);
            cell.Segment.TryGetValue("team", out string? team);
            cells[cell.Period + "|" + region + "|" + team] = [.. h];
        }

        return cells;
    }

    public static bool SameCells(Dictionary<string, long[]> a, Dictionary<string, long[]> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out long[]? other) && kv.Value.AsSpan().SequenceEqual(other));

    /// <summary>Exact structural equality of two cubes: periods, segments and every count.</summary>
    public static bool SameCube(NpsCube a, NpsCube b) =>
        a.Periods.SequenceEqual(b.Periods) && a.Segments.SequenceEqual(b.Segments) && a.RawCounts.AsSpan().SequenceEqual(b.RawCounts);
}
