using NpsKit.Aggregation;

namespace NpsKit.TestUtilities;

/// <summary>
/// Large seeded columnar data for aggregation benchmarks and tests: UTC times spread uniformly (in random row order)
/// over a number of months, one segment dimension with a fixed number of values, and realistic scores. The same
/// seed always gives the same columns, so peers (LINQ, DuckDB) can be fed exactly the same data.
/// </summary>
public sealed class SyntheticColumns
{
    private SyntheticColumns(long[] utcTicks, byte[] scores, int[] segmentCodes, string[] segmentNames)
    {
        UtcTicks = utcTicks;
        Scores = scores;
        SegmentCodes = segmentCodes;
        SegmentNames = segmentNames;
    }

    /// <summary>Gets the times as UTC ticks.</summary>
    public long[] UtcTicks { get; }

    /// <summary>Gets the scores 0..10.</summary>
    public byte[] Scores { get; }

    /// <summary>Gets the segment of each row as an index into <see cref="SegmentNames"/>.</summary>
    public int[] SegmentCodes { get; }

    /// <summary>Gets the segment names (<c>S00</c>, <c>S01</c>, …).</summary>
    public string[] SegmentNames { get; }

    /// <summary>Gets the number of rows.</summary>
    public int Count => Scores.Length;

    /// <summary>Generates the columns.</summary>
    /// <param name="count">Rows.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="start">First instant.</param>
    /// <param name="months">Months spanned.</param>
    /// <param name="segments">Number of segment values.</param>
    /// <returns>The columns.</returns>
    public static SyntheticColumns Generate(int count, ulong seed, DateTimeOffset start, int months, int segments)
    {
        var rng = new SplitMix64(seed);
        long from = start.UtcTicks;
        long span = (start.AddMonths(months) - start).Ticks;
        long[] ticks = new long[count];
        byte[] scores = new byte[count];
        int[] codes = new int[count];
        double[] baseNps = new double[segments];
        for (int s = 0; s < segments; s++)
        {
            baseNps[s] = -20 + (60.0 * s / Math.Max(1, segments - 1));
        }

        for (int i = 0; i < count; i++)
        {
            ticks[i] = from + ((long)(rng.NextDouble() * span) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond);
            codes[i] = rng.NextInt(segments);
            scores[i] = SyntheticResponses.DrawScore(rng, baseNps[codes[i]]);
        }

        string[] names = [.. Enumerable.Range(0, segments).Select(s => "S" + s.ToString("D2", System.Globalization.CultureInfo.InvariantCulture))];
        return new SyntheticColumns(ticks, scores, codes, names);
    }

    /// <summary>Loads the columns into a <see cref="ResponseTable"/> with one dimension.</summary>
    /// <param name="dimension">The dimension name.</param>
    /// <returns>The table.</returns>
    public ResponseTable ToTable(string dimension = "segment")
    {
        var builder = new ResponseTableBuilder(dimension);
        int[] map = [.. SegmentNames.Select(n => builder.GetSegmentCode(0, n))];
        Span<int> code = stackalloc int[1];
        for (int i = 0; i < Count; i++)
        {
            code[0] = map[SegmentCodes[i]];
            _ = builder.AddCoded(UtcTicks[i], Scores[i], code);
        }

        return builder.ToTable();
    }
}
