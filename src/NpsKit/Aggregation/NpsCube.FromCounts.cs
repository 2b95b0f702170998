using System.Globalization;
using NpsKit.Internal;

namespace NpsKit.Aggregation;

public sealed partial class NpsCube
{
    /// <summary>
    /// Builds a cube from pre-aggregated counts — the rows of a warehouse's <c>GROUP BY period, segment, score</c>,
    /// partial counts from shards or time buckets, or another tool's export — exactly as if the answers themselves had
    /// been aggregated: series, rolling windows, changes, rankings, minimum-n flags, charts and JSON all work on it, and
    /// it merges with cubes built from answers (<see cref="Merge"/>).
    /// </summary>
    /// <remarks>
    /// <para>Rows are streamed once; memory grows with the number of distinct cells, not of rows. Rows naming the same
    /// period, segment values and score add up. Periods are contiguous from the first to the last period with answers
    /// (widened by <see cref="AggregationOptions.FirstDay"/> and <see cref="AggregationOptions.LastDay"/>), empty periods
    /// included; a row with count 0 is checked but adds no period and no segment, as an answer-less group would not.</para>
    /// <para>Every row is checked: its period against the calendar (a label of the cube's unit, or the first day of one of
    /// its periods), the score 0..10, the count ≥ 0, one non-null value per dimension, and — when weighted — Σw and Σw²
    /// both given on every row or on none, finite, zero exactly when the count is, and possible for positive weights:
    /// (Σw)²/n ≤ Σw² ≤ (Σw)² (Cauchy–Schwarz; a swapped pair of columns fails it). The first bad row throws, naming its
    /// 0-based index, what was wrong and what is allowed.</para>
    /// <para>Rows that give a <see cref="NpsCategory"/> instead of a score (<see cref="NpsCountRow.IsCategoryOnly"/>) make a
    /// category-only cube (<see cref="HasScoreDetail"/> is <see langword="false"/>), as <see cref="ToCategoryOnly"/> makes one
    /// from scores: n, NPS, shares, intervals and tests are exact, and a 0–10 histogram or mean asked of its tallies
    /// throws. Every row gives a score or every row gives a category (a row that differs from the ones before it throws);
    /// category rows cannot be weighted (a weighted tally keeps its weights per 0–10 score).</para>
    /// <para>The cube is weighted (<see cref="IsWeighted"/>) when the rows give Σw and Σw².
    /// <see cref="AggregationOptions.MaxDegreeOfParallelism"/> is not used.</para>
    /// </remarks>
    /// <param name="rows">The counts, in any order.</param>
    /// <param name="segmentation">The segment dimensions; each row gives one value per dimension, in this order.
    /// Default <see cref="Segmentation.Total"/> (rows give no values).</param>
    /// <param name="options">Zone, period unit, fiscal start, minimum count and range. Default <see cref="AggregationOptions.Default"/>.</param>
    /// <returns>The cube.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid (all problems listed), or a row is invalid (the message names it).</exception>
    /// <exception cref="OverflowException">A cell's count would exceed <see cref="long.MaxValue"/>.</exception>
    public static NpsCube FromCounts(IEnumerable<NpsCountRow> rows, Segmentation? segmentation = null, AggregationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        segmentation ??= Segmentation.Total;
        options ??= AggregationOptions.Default;
        ReportingCalendar calendar = options.Validate();
        string[] dimensions = segmentation.DimensionArray;
        var leafIds = new Dictionary<string[], int>(ValuesEquality.Instance);
        var leaves = new List<string[]>();
        var slots = new Dictionary<(ReportingPeriod Period, int Leaf), int>();
        var counts = new List<long>();
        var weights = new List<double>();
        var squaredWeights = new List<double>();
        bool? weighted = null;
        bool? categoryOnly = null;
        long index = 0;
        foreach (NpsCountRow row in rows)
        {
            string? problem = row.TryResolve(calendar, out ReportingPeriod period) ?? CheckRow(row, dimensions, segmentation, ref weighted, ref categoryOnly);
            if (problem is not null)
            {
                ThrowHelper.Argument(string.Create(CultureInfo.InvariantCulture, $"Count row {index} ({row}): {problem}."), nameof(rows));
            }

            index++;
            if (row.Count == 0)
            {
                continue;
            }

            string[] values = [.. row.SegmentValues];
            if (!leafIds.TryGetValue(values, out int leaf))
            {
                leaf = leaves.Count;
                leafIds.Add(values, leaf);
                leaves.Add(values);
            }

            if (!slots.TryGetValue((period, leaf), out int slot))
            {
                slot = counts.Count;
                slots.Add((period, leaf), slot);
                for (int s = 0; s < Nps.ScaleLength; s++)
                {
                    counts.Add(0);
                    weights.Add(0);
                    squaredWeights.Add(0);
                }
            }

            // A category-only cell keeps its detractors in slot 0, passives in 7 and promoters in 9 (as ToCategoryOnly does).
            int at = slot + (row.IsCategoryOnly ? CategorySlot(row.Category) : row.Score);
            counts[at] = checked(counts[at] + row.Count);
            if (weighted == true)
            {
                weights[at] += row.SumOfWeights!.Value;
                squaredWeights[at] += row.SumOfSquaredWeights!.Value;
            }
        }

        return Assemble(calendar, segmentation, options, leaves, slots, counts, weighted == true ? weights : null, squaredWeights, categoryOnly == true);
    }

    private static int CategorySlot(NpsCategory category) => category switch
    {
        NpsCategory.Promoter => 9,
        NpsCategory.Passive => 7,
        _ => 0,
    };

    private static NpsCube Assemble(
        ReportingCalendar calendar, Segmentation segmentation, AggregationOptions options, List<string[]> leaves,
        Dictionary<(ReportingPeriod Period, int Leaf), int> slots, List<long> counts, List<double>? weights, List<double> squaredWeights, bool categoryOnly = false)
    {
        ReportingPeriod? first = options.FirstDay is DateOnly fd ? ReportingPeriod.Containing(fd, calendar.Unit, calendar.FiscalYearStartMonth) : null;
        ReportingPeriod? last = options.LastDay is DateOnly ld ? ReportingPeriod.Containing(ld, calendar.Unit, calendar.FiscalYearStartMonth) : null;
        foreach ((ReportingPeriod period, _) in slots.Keys)
        {
            first = first is null || period < first ? period : first;
            last = last is null || period > last ? period : last;
        }

        first ??= last;
        if (first is null)
        {
            return new NpsCube(calendar, segmentation, [], [], [], options.MinimumCount, weights is null ? null : [], weights is null ? null : [], categoryOnly: categoryOnly);
        }

        last ??= first;
        ReportingPeriod[] periods = Contiguous(first.Value, last < first ? first.Value : last.Value);
        int[] order = [.. Enumerable.Range(0, leaves.Count).Order(Comparer<int>.Create((a, b) => CompareValues(leaves[a], leaves[b])))];
        int[] rank = new int[leaves.Count];
        for (int i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
        }

        long length = (long)periods.Length * leaves.Count * Nps.ScaleLength;
        if (length > Array.MaxLength)
        {
            ThrowHelper.Argument(string.Create(CultureInfo.InvariantCulture, $"The counts span {periods.Length} periods × {leaves.Count} segments, more cells than fit in memory: narrow the period range or use a coarser unit or fewer dimensions."), "rows");
        }

        long[] all = new long[length];
        double[]? allWeights = weights is null ? null : new double[length];
        double[]? allSquaredWeights = weights is null ? null : new double[length];
        foreach (((ReportingPeriod period, int leaf), int slot) in slots)
        {
            int p = Array.BinarySearch(periods, period);
            int to = ((p * leaves.Count) + rank[leaf]) * Nps.ScaleLength;
            for (int s = 0; s < Nps.ScaleLength; s++)
            {
                all[to + s] = counts[slot + s];
                if (allWeights is not null)
                {
                    allWeights[to + s] = weights![slot + s];
                    allSquaredWeights![to + s] = squaredWeights[slot + s];
                }
            }
        }

        return new NpsCube(calendar, segmentation, periods, [.. order.Select(i => leaves[i])], all, options.MinimumCount, allWeights, allSquaredWeights, categoryOnly: categoryOnly);
    }

    private static string? CheckRow(in NpsCountRow row, string[] dimensions, Segmentation segmentation, ref bool? weighted, ref bool? categoryOnly)
    {
        categoryOnly ??= row.IsCategoryOnly;
        if (categoryOnly != row.IsCategoryOnly)
        {
            return row.IsCategoryOnly
                ? "it gives a category, but the rows before it gave 0-10 scores: give every row a score, or every row a category (reduce score rows with Nps.Classify, or the cube with ToCategoryOnly)"
                : "it gives a 0-10 score, but the rows before it gave categories: give every row a category (Nps.Classify maps a score to its category), or every row a score";
        }

        if (row.IsCategoryOnly && (row.SumOfWeights is not null || row.SumOfSquaredWeights is not null))
        {
            return "it gives a category with Σw and Σw²: a weighted tally keeps its weights per 0-10 score, so category rows cannot be weighted (give the rows' scores, or leave out the sums)";
        }

        if (!row.IsCategoryOnly && !Nps.IsValidScore(row.Score))
        {
            return string.Create(CultureInfo.InvariantCulture, $"score {row.Score} is not on the Net Promoter scale: allowed are the integers 0 to 10");
        }

        if (row.Count < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"count {row.Count} is negative: counts must be 0 or more");
        }

        IReadOnlyList<string> values = row.SegmentValues;
        if (values.Count != dimensions.Length)
        {
            return dimensions.Length == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{values.Count} segment values were given, but the segmentation is Total: give none, or pass the segmentation the values belong to")
                : string.Create(CultureInfo.InvariantCulture, $"{values.Count} segment values were given, but {segmentation} has {dimensions.Length} dimensions ({string.Join(", ", dimensions)}): give one value per dimension, in that order");
        }

        for (int d = 0; d < values.Count; d++)
        {
            if (values[d] is null)
            {
                return $"the value of '{dimensions[d]}' is null: every row needs a value for every dimension (map a missing value to a label such as '(none)' in the query)";
            }
        }

        bool hasW = row.SumOfWeights is not null, hasW2 = row.SumOfSquaredWeights is not null;
        if (hasW != hasW2)
        {
            return "it gives " + (hasW ? "Σw but not Σw²" : "Σw² but not Σw") + ": a weighted row needs both sums";
        }

        weighted ??= hasW;
        if (weighted != hasW)
        {
            return hasW
                ? "it gives Σw and Σw², but the rows before it did not: give the sums on every row (a weighted cube) or on none"
                : "it gives no Σw and Σw², but the rows before it did: give the sums on every row (a weighted cube) or on none";
        }

        return hasW ? CheckSums(row.Count, row.SumOfWeights!.Value, row.SumOfSquaredWeights!.Value) : null;
    }

    private static string? CheckSums(long count, double w, double w2)
    {
        if (!double.IsFinite(w) || !double.IsFinite(w2) || w < 0 || w2 < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Σw = {w} and Σw² = {w2}: both must be finite and zero or more");
        }

        if (count == 0)
        {
            return w == 0 && w2 == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"the count is 0 but Σw = {w} and Σw² = {w2}: a cell without answers has zero sums");
        }

        const double Tolerance = 1e-9;
        if (w <= 0 || w2 <= 0 || w * w > count * w2 * (1 + Tolerance) || w2 > w * w * (1 + Tolerance))
        {
            return string.Create(CultureInfo.InvariantCulture, $"Σw = {w} and Σw² = {w2} are impossible for {count} answers with positive weights: they need (Σw)²/n ≤ Σw² ≤ (Σw)² (are the two columns swapped?)");
        }

        return null;
    }

    /// <summary>Ordinal equality of segment value arrays.</summary>
    private sealed class ValuesEquality : IEqualityComparer<string[]>
    {
        public static readonly ValuesEquality Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] obj)
        {
            var hash = default(HashCode);
            foreach (string s in obj)
            {
                hash.Add(s, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
