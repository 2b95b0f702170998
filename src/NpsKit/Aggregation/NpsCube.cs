using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>
/// Exact NPS tallies by period × segment: the result of aggregating answers, from which every report figure —
/// per-segment scores, roll-ups, totals, series, rolling windows, changes, rankings — is read without touching the
/// answers again.
/// </summary>
/// <remarks>
/// <para>The cube stores the finest cells: one tally per period and per combination of segment values present in the
/// data (its <see cref="Segments"/>). Every coarser figure is the exact integer sum of those cells, so the cells of any
/// level — a hierarchy's departments, a cross-tab's margin, the periods of a series — always add up to
/// <see cref="Total"/>. Periods are contiguous from the first to the last, including periods without answers.</para>
/// <para>Cubes with the same calendar and dimensions merge exactly (<see cref="Merge"/>), so partial cubes from
/// threads, files or machines combine into the cube of all their answers.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed partial class NpsCube
{
    private readonly ReportingPeriod[] _periods;
    private readonly string[][] _leafValues;
    private readonly SegmentPath[] _leaves;
    private readonly long[] _counts; // [period][leaf][score]
    private readonly string[] _dimensions;
    private readonly double[]? _weights; // Σw per slot, laid out like _counts; null for an unweighted cube
    private readonly double[]? _squaredWeights; // Σw² per slot
    private readonly int _weightExponent; // the stored sums are Σw × 2^−E and Σw² × 2^−2E (exact rescaling)
    private readonly bool _categoryOnly; // answers known only by category: slot 0 detractors, 7 passives, 9 promoters

    internal NpsCube(
        ReportingCalendar calendar, Segmentation segmentation, ReportingPeriod[] periods, string[][] leafValues, long[] counts, int minimumCount,
        double[]? weights = null, double[]? squaredWeights = null, int weightExponent = 0, bool categoryOnly = false)
    {
        _categoryOnly = categoryOnly;
        _weightExponent = weightExponent;
        _weights = weights;
        _squaredWeights = squaredWeights;
        Calendar = calendar;
        Segmentation = segmentation;
        _periods = periods;
        _leafValues = leafValues;
        _counts = counts;
        MinimumCount = minimumCount;
        _dimensions = segmentation.DimensionArray;
        _leaves = [.. leafValues.Select(v => SegmentPath.FromArrays(_dimensions, v))];
    }

    /// <summary>Gets the reporting calendar: time zone, period unit and fiscal year start.</summary>
    public ReportingCalendar Calendar { get; }

    /// <summary>Gets the segmentation.</summary>
    public Segmentation Segmentation { get; }

    /// <summary>Gets the segment dimensions, outermost first.</summary>
    public IReadOnlyList<string> Dimensions => _dimensions;

    /// <summary>Gets the minimum count below which cells are flagged.</summary>
    public int MinimumCount { get; }

    /// <summary>Gets the periods, contiguous and in order, including those without answers; empty only for a cube of no answers.</summary>
    public IReadOnlyList<ReportingPeriod> Periods => _periods;

    /// <summary>Gets the finest segments — every combination of values present in the data — sorted ordinally by value;
    /// a single <see cref="SegmentPath.Total"/> when the segmentation is <see cref="Segmentation.Total"/>.</summary>
    public IReadOnlyList<SegmentPath> Segments => _leaves;

    /// <summary>Gets the tally of every answer in the cube.</summary>
    public NpsTally Total => Sum(0, _periods.Length, null);

    /// <summary>Gets whether the cube also holds weighted tallies: it was aggregated from a table with weights (or
    /// merged from such cubes). The unweighted counts (<see cref="Tally(SegmentPath)"/>, cells, series) are always there.</summary>
    public bool IsWeighted => _weights is not null;

    /// <summary>
    /// Gets a value indicating whether every answer's 0–10 score is known. <see langword="false"/> for a cube of
    /// answers known only by category (Promoter / Passive / Detractor, e.g. read from a survey export that has only
    /// an NPS group column, or reduced with <see cref="ToCategoryOnly"/>).
    /// </summary>
    /// <remarks>In a cube without score detail every tally it returns (<see cref="Total"/>, <see cref="Tally(SegmentPath)"/>,
    /// cells, series) is made of category counts, as <see cref="NpsTally.FromCounts"/> makes them: the NPS, the counts,
    /// the shares, every interval and every test are exact (they depend only on the three category counts), while the
    /// 0–10 histogram and the mean score are unavailable (<see cref="NpsTally.HasScoreDetail"/> is <see langword="false"/>;
    /// <see cref="NpsTally.TryCopyHistogramTo"/> returns <see langword="false"/>, <see cref="NpsTally.CountOf(int)"/> and
    /// <see cref="NpsTally.MeanScore"/> throw). No 0–10 score is ever invented for such an answer.</remarks>
    /// <value><see langword="true"/> for a cube aggregated from 0–10 scores (the default); <see langword="false"/> for a
    /// category-only cube.</value>
    public bool HasScoreDetail => !_categoryOnly;

    /// <summary>Gets the weighted tally of every answer in the cube.</summary>
    /// <exception cref="InvalidOperationException">The cube is not weighted (<see cref="IsWeighted"/>).</exception>
    public WeightedNpsTally WeightedTotal => WeightedSum(0, _periods.Length, null);

    /// <summary>Aggregates a table into a cube: one pass over the touched columns, no allocation per answer, both
    /// cores when the table is large.</summary>
    /// <param name="table">The answers.</param>
    /// <param name="segmentation">The segment dimensions (which must be in the table). Default <see cref="Segmentation.Total"/>.</param>
    /// <param name="options">Zone, period, minimum count, parallelism. Default <see cref="AggregationOptions.Default"/>.</param>
    /// <returns>The cube.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid (all problems listed), or a dimension is not in the table.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An answer's time falls before 0001-01-01 or after 9999-12-31 in the
    /// reporting zone; the message names the row.</exception>
    /// <exception cref="InvalidOperationException">The cube would have more cells than fit in memory; the message says how to reduce them.</exception>
    public static NpsCube FromTable(ResponseTable table, Segmentation? segmentation = null, AggregationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        segmentation ??= Segmentation.Total;
        options ??= AggregationOptions.Default;
        ReportingCalendar calendar = options.Validate();
        int[] dims = [.. segmentation.DimensionArray.Select(d => table.DimensionIndex(d, nameof(segmentation)))];
        int[] radices = [.. dims.Select(d => table.Dictionary(d).Length)];

        ReportingPeriod? first = options.FirstDay is DateOnly fd ? ReportingPeriod.Containing(fd, calendar.Unit, calendar.FiscalYearStartMonth) : null;
        ReportingPeriod? last = options.LastDay is DateOnly ld ? ReportingPeriod.Containing(ld, calendar.Unit, calendar.FiscalYearStartMonth) : null;
        if (table.Count == 0)
        {
            first ??= last;
            last ??= first;
            if (first is null)
            {
                return new NpsCube(calendar, segmentation, [], [], [], options.MinimumCount);
            }
        }

        long minTicks = long.MaxValue, maxTicks = long.MinValue;
        if (table.Count > 0)
        {
            minTicks = table.UtcTicks[table.MinRow];
            maxTicks = table.UtcTicks[table.MaxRow];
            ReportingPeriod firstData = calendar.PeriodOf(CheckedInstant(calendar, minTicks, table.MinRow));
            ReportingPeriod lastData = calendar.PeriodOf(CheckedInstant(calendar, maxTicks, table.MaxRow));
            first = first is null || firstData < first ? firstData : first;
            last = last is null || lastData > last ? lastData : last;
        }
        else
        {
            minTicks = maxTicks = calendar.DayStartUtcTicks(first!.Value.FirstDay);
        }

        if (last < first)
        {
            last = first;
        }

        PeriodLookup lookup = PeriodLookup.Build(calendar, first!.Value, last!.Value, Math.Max(0, minTicks), Math.Max(0, maxTicks), table.Count);
        double[]? weights = null, squaredWeights = null;
        int exponent = 0;
        long[] raw = table.Count == 0 ? new long[0] : CubeKernel.Count(table, dims, radices, lookup, options.EffectiveParallelism, out weights, out squaredWeights, out exponent);
        return Compact(calendar, segmentation, lookup.Periods, table, dims, radices, raw, weights, squaredWeights, options.MinimumCount, exponent);
    }

    /// <summary>Gets the tally of a segment (at any level: a leaf, a parent, a margin or the total) in one period.</summary>
    /// <param name="period">A period of <see cref="Calendar"/>'s unit; periods outside the cube have no answers.</param>
    /// <param name="segment">Conditions on this cube's dimensions; <see cref="SegmentPath.Total"/> for all answers.</param>
    /// <returns>The exact sum of the matching cells.</returns>
    /// <exception cref="ArgumentException">The segment names a dimension the cube does not have, or the period's unit differs from the cube's.</exception>
    public NpsTally Tally(ReportingPeriod period, SegmentPath segment)
    {
        int p = PeriodIndex(period);
        return p < 0 ? NpsTally.Empty : Sum(p, p + 1, Matching(segment));
    }

    /// <summary>Gets the tally of a segment over all periods.</summary>
    /// <param name="segment">Conditions on this cube's dimensions.</param>
    /// <returns>The exact sum of the matching cells.</returns>
    /// <exception cref="ArgumentException">The segment names a dimension the cube does not have.</exception>
    public NpsTally Tally(SegmentPath segment) => Sum(0, _periods.Length, Matching(segment));

    /// <summary>Gets the weighted tally of a segment (at any level) in one period: Σw and Σw² per score, from which the
    /// weighted score, its linearization standard error and Kish's effective n follow (see <see cref="WeightedNpsTally"/>).</summary>
    /// <param name="period">A period of <see cref="Calendar"/>'s unit; periods outside the cube have no answers.</param>
    /// <param name="segment">Conditions on this cube's dimensions; <see cref="SegmentPath.Total"/> for all answers.</param>
    /// <returns>The sum of the matching cells' weighted tallies.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Tally(ReportingPeriod, SegmentPath)"/>.</exception>
    /// <exception cref="InvalidOperationException">The cube is not weighted (<see cref="IsWeighted"/>).</exception>
    public WeightedNpsTally WeightedTally(ReportingPeriod period, SegmentPath segment)
    {
        RequireWeights();
        int p = PeriodIndex(period);
        return p < 0 ? WeightedNpsTally.Empty : WeightedSum(p, p + 1, Matching(segment));
    }

    /// <summary>Gets the weighted tally of a segment over all periods.</summary>
    /// <param name="segment">Conditions on this cube's dimensions.</param>
    /// <returns>The sum of the matching cells' weighted tallies.</returns>
    /// <exception cref="ArgumentException">The segment names a dimension the cube does not have.</exception>
    /// <exception cref="InvalidOperationException">The cube is not weighted (<see cref="IsWeighted"/>).</exception>
    public WeightedNpsTally WeightedTally(SegmentPath segment)
    {
        RequireWeights();
        return WeightedSum(0, _periods.Length, Matching(segment));
    }

    /// <summary>Gets a cell: a segment's tally in one period, flagged when below the minimum count.</summary>
    /// <param name="period">The period.</param>
    /// <param name="segment">The segment (any level).</param>
    /// <returns>The cell.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Tally(ReportingPeriod, SegmentPath)"/>.</exception>
    public NpsCell Cell(ReportingPeriod period, SegmentPath segment) => MakeCell(period, segment, Tally(period, segment));

    /// <summary>Enumerates the finest cells, period by period and segment by segment, including empty ones.</summary>
    /// <returns>Periods × segments cells.</returns>
    public IEnumerable<NpsCell> Cells()
    {
        for (int p = 0; p < _periods.Length; p++)
        {
            for (int l = 0; l < _leaves.Length; l++)
            {
                NpsTally t = TallyOf(_counts.AsSpan(Slot(p, l), Nps.ScaleLength));
                yield return MakeCell(_periods[p], _leaves[l], t);
            }
        }
    }

    /// <summary>Gets the segments of one level: the distinct paths made of the first <paramref name="level"/> dimensions.
    /// In a hierarchy, level 0 is the total, 1 the outermost level (e.g. departments), and so on; the last level is <see cref="Segments"/>.</summary>
    /// <param name="level">0 to the number of dimensions.</param>
    /// <returns>The paths, sorted ordinally by value. Their tallies in any period sum exactly to that period's total.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 0..<see cref="Dimensions"/>.Count.</exception>
    public IReadOnlyList<SegmentPath> SegmentsAtLevel(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, _dimensions.Length);
        return SegmentsBy(_dimensions[..level]);
    }

    /// <summary>Gets the distinct segments over some of the dimensions (the margins of a cross-tab).</summary>
    /// <param name="dimensions">Dimensions of this cube, in the order the paths should name them; none for the total.</param>
    /// <returns>The distinct paths present in the data, sorted ordinally by value.</returns>
    /// <exception cref="ArgumentException">A dimension is not in the cube or is repeated.</exception>
    public IReadOnlyList<SegmentPath> SegmentsBy(params string[] dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        Segmentation.ValidateDimensionNames(dimensions, nameof(dimensions));
        int[] idx = [.. dimensions.Select(d => DimensionIndex(d, nameof(dimensions)))];
        var seen = new SortedSet<string[]>(Comparer<string[]>.Create(CompareValues));
        foreach (string[] leaf in _leafValues)
        {
            _ = seen.Add([.. idx.Select(i => leaf[i])]);
        }

        if (_leafValues.Length == 0 && dimensions.Length == 0)
        {
            _ = seen.Add([]);
        }

        return [.. seen.Select(v => SegmentPath.FromArrays(dimensions, v))];
    }

    /// <summary>Gets a segment's series: one point per period of the cube, in order, empty periods included.</summary>
    /// <param name="segment">The segment (any level); default the total.</param>
    /// <returns>The series (single-period window; see <see cref="NpsSeries.WithWindow"/>).</returns>
    /// <exception cref="ArgumentException">The segment names a dimension the cube does not have.</exception>
    public NpsSeries Series(SegmentPath segment = default)
    {
        int[]? leaves = Matching(segment);
        var tallies = new NpsTally[_periods.Length];
        for (int p = 0; p < tallies.Length; p++)
        {
            tallies[p] = Sum(p, p + 1, leaves);
        }

        return new NpsSeries(segment, Calendar.Unit, _periods, tallies, MinimumCount, RollingWindow.Single);
    }

    /// <summary>
    /// Gets a segment's weighted series: one point per period of the cube, in order, empty periods included, each
    /// point's weighted tally taken over <paramref name="window"/> ending at its period — the weighted trend, with the
    /// linearization interval and Kish's effective n of every point (see <see cref="WeightedNpsTally"/>).
    /// </summary>
    /// <remarks>
    /// A rolling window's weighted tally is summed afresh from its periods (in period order), never by subtracting the
    /// period that leaves it: Σw are floating point, and a running difference would drift. So a point equals the sum of
    /// <see cref="WeightedTally(ReportingPeriod, SegmentPath)"/> over its window, bit for bit.
    /// </remarks>
    /// <param name="segment">The segment (any level); default the total.</param>
    /// <param name="window">The window; default a single period (see <see cref="RollingWindow"/>).</param>
    /// <returns>The points, one per period in order.</returns>
    /// <exception cref="ArgumentException">The segment names a dimension the cube does not have.</exception>
    /// <exception cref="InvalidOperationException">The cube is not weighted (<see cref="IsWeighted"/>), or a window of
    /// days is asked of a cube whose periods are not days.</exception>
    public IReadOnlyList<WeightedNpsCell> WeightedSeries(SegmentPath segment = default, RollingWindow window = default)
    {
        RequireWeights();
        int span = window.PeriodsFor(Calendar.Unit);
        int[]? leaves = Matching(segment);
        var perPeriod = new WeightedNpsTally[_periods.Length];
        for (int p = 0; p < perPeriod.Length; p++)
        {
            perPeriod[p] = WeightedSum(p, p + 1, leaves);
        }

        var points = new WeightedNpsCell[perPeriod.Length];
        WeightedNpsTally cumulative = WeightedNpsTally.Empty;
        for (int i = 0; i < points.Length; i++)
        {
            cumulative += perPeriod[i];
            WeightedNpsTally tally = cumulative;
            if (span != int.MaxValue && i >= span)
            {
                tally = WeightedNpsTally.Empty;
                for (int k = i - span + 1; k <= i; k++)
                {
                    tally += perPeriod[k];
                }
            }

            points[i] = new WeightedNpsCell(_periods[i], segment, tally, tally.Count < MinimumCount);
        }

        return points;
    }

    /// <summary>Gets the highest-scoring segments of a level, leaving out empty cells and cells below the minimum count.</summary>
    /// <param name="count">How many, at most; zero or more.</param>
    /// <param name="period">The period; <see langword="null"/> (default) for all periods together.</param>
    /// <param name="level">The level (see <see cref="SegmentsAtLevel"/>); <see langword="null"/> (default) for the finest segments.</param>
    /// <returns>Cells by descending NPS (ties: more answers first, then segment text).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or <paramref name="level"/> is out of range.</exception>
    public IReadOnlyList<NpsCell> Top(int count, ReportingPeriod? period = null, int? level = null) => Rank(count, period, level, descending: true);

    /// <summary>Gets the lowest-scoring segments of a level, leaving out empty cells and cells below the minimum count.</summary>
    /// <param name="count">How many, at most; zero or more.</param>
    /// <param name="period">The period; <see langword="null"/> (default) for all periods together.</param>
    /// <param name="level">The level; <see langword="null"/> (default) for the finest segments.</param>
    /// <returns>Cells by ascending NPS (ties: more answers first, then segment text).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or <paramref name="level"/> is out of range.</exception>
    public IReadOnlyList<NpsCell> Bottom(int count, ReportingPeriod? period = null, int? level = null) => Rank(count, period, level, descending: false);

    /// <summary>Merges two cubes of the same calendar and dimensions: periods and segments are united and counts added exactly.</summary>
    /// <param name="other">The other cube.</param>
    /// <returns>The cube of both cubes' answers (this cube's segmentation kind and minimum count). When either cube has no
    /// score detail (<see cref="HasScoreDetail"/>), the result is counted by category (<see cref="ToCategoryOnly"/> of both):
    /// its NPS, counts and shares are exact, its 0–10 histogram unavailable.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The time zone, period unit, fiscal start or dimensions differ.</exception>
    public NpsCube Merge(NpsCube other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Calendar.TimeZoneId != Calendar.TimeZoneId || other.Calendar.Unit != Calendar.Unit
            || other.Calendar.FiscalYearStartMonth != Calendar.FiscalYearStartMonth || !other._dimensions.AsSpan().SequenceEqual(_dimensions))
        {
            ThrowHelper.CubesDiffer(Describe(), other.Describe(), nameof(other));
        }

        if (IsWeighted != other.IsWeighted)
        {
            // An unweighted cube of no answers (e.g. only a period range) may join a weighted one; any answer may not.
            if ((IsWeighted ? other : this).Total.Count > 0)
            {
                ThrowHelper.WeightedMergesUnweighted(IsWeighted ? "this cube" : "the other cube");
            }

            return IsWeighted ? Merge(other.WithZeroWeights()) : WithZeroWeights().Merge(other);
        }

        if (_categoryOnly != other._categoryOnly)
        {
            // The scores of one side cannot be known for the other: both are counted by category.
            return ToCategoryOnly().Merge(other.ToCategoryOnly());
        }

        if (other._periods.Length == 0)
        {
            return this;
        }

        if (_periods.Length == 0)
        {
            return new NpsCube(Calendar, Segmentation, other._periods, other._leafValues, other._counts, MinimumCount, other._weights, other._squaredWeights, other._weightExponent, _categoryOnly);
        }

        if (IsWeighted && _weightExponent != other._weightExponent)
        {
            // Bring both to one exponent (exact powers of two) before adding sums: the larger, or the other side's when
            // one has no answers, so an empty side never pulls the other's sums towards underflow.
            int exponent = Total.Count == 0 ? other._weightExponent
                : other.Total.Count == 0 ? _weightExponent
                : Math.Max(_weightExponent, other._weightExponent);
            return AtWeightExponent(exponent).Merge(other.AtWeightExponent(exponent));
        }

        ReportingPeriod first = _periods[0] < other._periods[0] ? _periods[0] : other._periods[0];
        ReportingPeriod last = _periods[^1] > other._periods[^1] ? _periods[^1] : other._periods[^1];
        ReportingPeriod[] periods = Contiguous(first, last);
        var leafSet = new SortedSet<string[]>(Comparer<string[]>.Create(CompareValues));
        leafSet.UnionWith(_leafValues);
        leafSet.UnionWith(other._leafValues);
        string[][] leaves = [.. leafSet];
        long length = (long)periods.Length * leaves.Length * Nps.ScaleLength;
        long[] counts = new long[length];
        double[]? weights = IsWeighted ? new double[length] : null;
        double[]? squaredWeights = IsWeighted ? new double[length] : null;
        AddInto(this, periods, leaves, counts, weights, squaredWeights);
        AddInto(other, periods, leaves, counts, weights, squaredWeights);
        return new NpsCube(Calendar, Segmentation, periods, leaves, counts, MinimumCount, weights, squaredWeights, _weightExponent, _categoryOnly);
    }

    /// <summary>
    /// Reduces the cube to category counts: the same periods, segments and promoter, passive and detractor counts in every
    /// cell, without the 0–10 scores (<see cref="HasScoreDetail"/> is <see langword="false"/>). A cube read from a file
    /// that gives only each answer's NPS group is such a cube; reducing a cube of scores makes it comparable, cell for
    /// cell, with one.
    /// </summary>
    /// <returns>The category-only cube; this cube when it has no score detail already.</returns>
    /// <exception cref="InvalidOperationException">The cube is weighted (<see cref="IsWeighted"/>): a weighted tally keeps
    /// its weights per 0–10 score, so weighted answers cannot be kept by category alone.</exception>
    public NpsCube ToCategoryOnly()
    {
        if (_categoryOnly)
        {
            return this;
        }

        if (_weights is not null)
        {
            throw new InvalidOperationException("The cube is weighted: a weighted tally keeps its weights per 0-10 score, so a weighted cube cannot be reduced to category counts. Reduce the unweighted cube, or keep the scores.");
        }

        long[] counts = new long[_counts.Length];
        for (int slot = 0; slot < counts.Length; slot += Nps.ScaleLength)
        {
            NpsTally t = CategoryTally(_counts.AsSpan(slot, Nps.ScaleLength));
            counts[slot] = t.Detractors;
            counts[slot + 7] = t.Passives;
            counts[slot + 9] = t.Promoters;
        }

        return new NpsCube(Calendar, Segmentation, _periods, _leafValues, counts, MinimumCount, categoryOnly: true);
    }

    /// <summary>Regroups the cube into a coarser period unit (e.g. a cube by day into months, quarters or ISO weeks)
    /// by adding whole periods — no pass over the answers.</summary>
    /// <param name="unit">The coarser unit.</param>
    /// <param name="fiscalYearStartMonth">For fiscal units, the month (1–12) in which fiscal years start. Default: the cube's.</param>
    /// <returns>The regrouped cube.</returns>
    /// <exception cref="InvalidOperationException">A period of this cube straddles two periods of <paramref name="unit"/>
    /// (for example ISO weeks into months); aggregate by day to regroup freely.</exception>
    public NpsCube Regroup(PeriodUnit unit, int? fiscalYearStartMonth = null)
    {
        ReportingCalendar target = Calendar.WithUnit(unit, fiscalYearStartMonth);
        if (_periods.Length == 0)
        {
            return new NpsCube(target, Segmentation, [], _leafValues, [], MinimumCount, _weights, _squaredWeights, _weightExponent, _categoryOnly);
        }

        var map = new ReportingPeriod[_periods.Length];
        for (int p = 0; p < _periods.Length; p++)
        {
            ReportingPeriod a = ReportingPeriod.Containing(_periods[p].FirstDay, unit, target.FiscalYearStartMonth);
            ReportingPeriod b = ReportingPeriod.Containing(_periods[p].LastDay, unit, target.FiscalYearStartMonth);
            if (a != b)
            {
                ThrowHelper.CannotRegroup(_periods[p].ToString(), unit);
            }

            map[p] = a;
        }

        ReportingPeriod[] periods = Contiguous(map[0], map[^1]);
        long length = (long)periods.Length * _leafValues.Length * Nps.ScaleLength;
        long[] counts = new long[length];
        double[]? weights = IsWeighted ? new double[length] : null;
        double[]? squaredWeights = IsWeighted ? new double[length] : null;
        int q = 0;
        for (int p = 0; p < _periods.Length; p++)
        {
            while (periods[q] != map[p])
            {
                q++;
            }

            int width = _leafValues.Length * Nps.ScaleLength;
            ReadOnlySpan<long> src = _counts.AsSpan(p * width, width);
            Span<long> dst = counts.AsSpan(q * width, width);
            for (int i = 0; i < width; i++)
            {
                dst[i] += src[i];
            }

            if (weights is not null)
            {
                for (int i = 0; i < width; i++)
                {
                    weights[(q * width) + i] += _weights![(p * width) + i];
                    squaredWeights![(q * width) + i] += _squaredWeights![(p * width) + i];
                }
            }
        }

        return new NpsCube(target, Segmentation, periods, _leafValues, counts, MinimumCount, weights, squaredWeights, _weightExponent, _categoryOnly);
    }

    /// <summary>Describes the cube, e.g. <c>NpsCube Month in Europe/Copenhagen, 24 periods × 20 segments, n = 1000000</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"NpsCube {Describe()}, {_periods.Length} periods × {_leaves.Length} segments, n = {Total.Count}{(_categoryOnly ? ", by category only" : string.Empty)}";

    internal long[] RawCounts => _counts;

    internal double[]? RawWeights => _weights;

    internal double[]? RawSquaredWeights => _squaredWeights;

    /// <summary>Σw per slot at true scale (the stored sums × 2^E).</summary>
    internal double[]? CopyTrueWeights() => _weights?.Select(w => Math.ScaleB(w, _weightExponent)).ToArray();

    /// <summary>Σw² per slot at true scale (the stored sums × 2^2E; +∞ past about 1e308).</summary>
    internal double[]? CopyTrueSquaredWeights() => _squaredWeights?.Select(w => Math.ScaleB(w, 2 * _weightExponent)).ToArray();

    /// <summary>The binary exponent E of the stored weight sums (true Σw = stored × 2^E, true Σw² = stored × 2^2E).</summary>
    internal int WeightExponent => _weightExponent;

    /// <summary>This weighted cube with its sums stored at exponent <paramref name="exponent"/> (≥ its own).</summary>
    private NpsCube AtWeightExponent(int exponent)
    {
        if (exponent == _weightExponent || _weights is null)
        {
            return this;
        }

        int shift = _weightExponent - exponent;
        double[] weights = [.. _weights.Select(w => Math.ScaleB(w, shift))];
        double[] squaredWeights = [.. _squaredWeights!.Select(w => Math.ScaleB(w, 2 * shift))];
        return new NpsCube(Calendar, Segmentation, _periods, _leafValues, _counts, MinimumCount, weights, squaredWeights, exponent);
    }

    /// <summary>This unweighted cube as a weighted one in which every answer has weight 1 (Σw = Σw² = count, exactly).</summary>
    internal NpsCube WithUnitWeights()
    {
        double[] unit = [.. _counts.Select(c => (double)c)];
        return new NpsCube(Calendar, Segmentation, _periods, _leafValues, _counts, MinimumCount, unit, (double[])unit.Clone());
    }

    private NpsCube WithZeroWeights() => new(Calendar, Segmentation, _periods, _leafValues, _counts, MinimumCount, new double[_counts.Length], new double[_counts.Length], 0);

    /// <summary>
    /// Renders the cube as a GitHub-flavoured Markdown table for notebooks and reports: the total, then one row per
    /// segment (<see cref="Segments"/>, in order) over all periods together, with n, the NPS and its confidence interval
    /// (adjusted Wald); segments below <see cref="MinimumCount"/> are flagged <c>n &lt; minimum</c>.
    /// </summary>
    /// <remarks>For one period or a trend, render <see cref="Series"/> instead. The output is deterministic: invariant
    /// culture, <c>\n</c> line ends, markup characters in segment names escaped.</remarks>
    /// <param name="level">The confidence level, strictly between 0 and 1. Default 0.95.</param>
    /// <returns>The Markdown text, ending with a line break.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    public string ToMarkdown(double level = 0.95) => Table(level).ToMarkdown();

    /// <summary>
    /// Renders the cube as an HTML table (the rows of <see cref="ToMarkdown"/>), e.g. for a notebook formatter:
    /// <c>Formatter.Register&lt;NpsCube&gt;((c, w) =&gt; w.Write(c.ToHtml()), "text/html")</c>.
    /// </summary>
    /// <remarks>Every text is HTML-encoded (segment values come from data); the table has the class <c>npskit</c>.</remarks>
    /// <param name="level">The confidence level, strictly between 0 and 1. Default 0.95.</param>
    /// <returns>An HTML fragment (a <c>table</c> element).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    public string ToHtml(double level = 0.95) => Table(level).ToHtml();

    private TextTable Table(double level)
    {
        NpsTally.RequireLevel(level, nameof(level));
        string span = _periods.Length == 0 ? "no periods" : $"{_periods.Length} {(_periods.Length == 1 ? "period" : "periods")}, {_periods[0]} to {_periods[^1]}";
        var table = new TextTable(
            $"NPS by {Segmentation}, {span}, {Calendar.TimeZoneId}",
            ("Segment", false), ("n", true), ("NPS", true), ($"{TextTable.Percent(level)} interval", true), ("Note", false));
        AddRow(SegmentPath.Total, Total);
        if (_dimensions.Length > 0)
        {
            foreach (SegmentPath segment in _leaves)
            {
                AddRow(segment, Tally(segment));
            }
        }

        table.Note("All periods together. Intervals: adjusted Wald.");
        return table;

        void AddRow(SegmentPath segment, NpsTally tally) => table.Add(
            segment.ToString(), TextTable.Count(tally.Count), TextTable.Score(tally), TextTable.Interval(tally, level),
            tally.Count < MinimumCount ? $"n < {MinimumCount}" : string.Empty);
    }

    private string Describe() =>
        $"{Calendar.Unit}{(Calendar.Unit is PeriodUnit.FiscalQuarter or PeriodUnit.FiscalYear ? $" (fiscal year from month {Calendar.FiscalYearStartMonth})" : string.Empty)} in {Calendar.TimeZoneId} by {Segmentation}";

    private static DateTimeOffset CheckedInstant(ReportingCalendar calendar, long ticks, int row)
    {
        _ = calendar.LocalTicks(ticks, row);
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private static NpsCube Compact(
        ReportingCalendar calendar, Segmentation segmentation, ReportingPeriod[] periods, ResponseTable table, int[] dims, int[] radices,
        long[] raw, double[]? rawWeights, double[]? rawSquaredWeights, int minimumCount, int weightExponent)
    {
        long leafCount = 1;
        foreach (int r in radices)
        {
            leafCount *= Math.Max(1, r);
        }

        if (raw.Length == 0)
        {
            return new NpsCube(calendar, segmentation, periods, [], new long[0], minimumCount, table.HasWeights ? [] : null, table.HasWeights ? [] : null);
        }

        int width = (int)leafCount * Nps.ScaleLength;
        var present = new List<(string[] Values, int Leaf)>();
        for (int leaf = 0; leaf < leafCount; leaf++)
        {
            bool any = false;
            for (int p = 0; p < periods.Length && !any; p++)
            {
                ReadOnlySpan<long> cell = raw.AsSpan((p * width) + (leaf * Nps.ScaleLength), Nps.ScaleLength);
                any = cell.ContainsAnyExcept(0L);
            }

            if (any)
            {
                string[] values = new string[dims.Length];
                int rest = leaf;
                for (int d = dims.Length - 1; d >= 0; d--)
                {
                    values[d] = table.Dictionary(dims[d])[rest % radices[d]];
                    rest /= radices[d];
                }

                present.Add((values, leaf));
            }
        }

        present.Sort((a, b) => CompareValues(a.Values, b.Values));
        long length = (long)periods.Length * present.Count * Nps.ScaleLength;
        long[] counts = new long[length];
        double[]? weights = rawWeights is null ? null : new double[length];
        double[]? squaredWeights = rawSquaredWeights is null ? null : new double[length];
        for (int p = 0; p < periods.Length; p++)
        {
            for (int l = 0; l < present.Count; l++)
            {
                int from = (p * width) + (present[l].Leaf * Nps.ScaleLength);
                int to = ((p * present.Count) + l) * Nps.ScaleLength;
                raw.AsSpan(from, Nps.ScaleLength).CopyTo(counts.AsSpan(to));
                rawWeights?.AsSpan(from, Nps.ScaleLength).CopyTo(weights.AsSpan(to));
                rawSquaredWeights?.AsSpan(from, Nps.ScaleLength).CopyTo(squaredWeights.AsSpan(to));
            }
        }

        return new NpsCube(calendar, segmentation, periods, [.. present.Select(x => x.Values)], counts, minimumCount, weights, squaredWeights, weightExponent);
    }

    private static void AddInto(NpsCube source, ReportingPeriod[] periods, string[][] leaves, long[] counts, double[]? weights, double[]? squaredWeights)
    {
        int p0 = Array.IndexOf(periods, source._periods[0]);
        int[] leafMap = [.. source._leafValues.Select(v => Array.BinarySearch(leaves, v, Comparer<string[]>.Create(CompareValues)))];
        for (int p = 0; p < source._periods.Length; p++)
        {
            for (int l = 0; l < leafMap.Length; l++)
            {
                ReadOnlySpan<long> src = source._counts.AsSpan(source.Slot(p, l), Nps.ScaleLength);
                int to = (((p0 + p) * leaves.Length) + leafMap[l]) * Nps.ScaleLength;
                Span<long> dst = counts.AsSpan(to, Nps.ScaleLength);
                for (int s = 0; s < Nps.ScaleLength; s++)
                {
                    dst[s] = checked(dst[s] + src[s]);
                }

                if (weights is not null)
                {
                    int from = source.Slot(p, l);
                    for (int s = 0; s < Nps.ScaleLength; s++)
                    {
                        weights[to + s] += source._weights![from + s];
                        squaredWeights![to + s] += source._squaredWeights![from + s];
                    }
                }
            }
        }
    }

    private static ReportingPeriod[] Contiguous(ReportingPeriod first, ReportingPeriod last)
    {
        var list = new List<ReportingPeriod> { first };
        while (list[^1] < last)
        {
            list.Add(list[^1].Next());
        }

        return [.. list];
    }

    private static int CompareValues(string[] a, string[] b)
    {
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            int c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private IReadOnlyList<NpsCell> Rank(int count, ReportingPeriod? period, int? level, bool descending)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        IReadOnlyList<SegmentPath> candidates = SegmentsAtLevel(level ?? _dimensions.Length);
        var cells = new List<(NpsCell Cell, double Score)>();
        foreach (SegmentPath segment in candidates)
        {
            NpsTally t = period is ReportingPeriod p ? Tally(p, segment) : Tally(segment);
            if (t.TryGetScore(out double score) && t.Count >= MinimumCount)
            {
                cells.Add((new NpsCell(period ?? (_periods.Length > 0 ? _periods[^1] : default), segment, t, false), score));
            }
        }

        cells.Sort((a, b) =>
        {
            int c = descending ? b.Score.CompareTo(a.Score) : a.Score.CompareTo(b.Score);
            c = c != 0 ? c : b.Cell.Tally.Count.CompareTo(a.Cell.Tally.Count);
            return c != 0 ? c : string.CompareOrdinal(a.Cell.Segment.ToString(), b.Cell.Segment.ToString());
        });
        return [.. cells.Take(count).Select(x => x.Cell)];
    }

    private NpsCell MakeCell(ReportingPeriod period, SegmentPath segment, NpsTally tally) => new(period, segment, tally, tally.Count < MinimumCount);

    private int Slot(int period, int leaf) => ((period * _leaves.Length) + leaf) * Nps.ScaleLength;

    private int PeriodIndex(ReportingPeriod period)
    {
        if (period.Unit != Calendar.Unit || period.FiscalYearStartMonth != Calendar.FiscalYearStartMonth)
        {
            ThrowHelper.PeriodUnitMismatch(period.ToString(), period.Unit, Calendar.Unit, nameof(period));
        }

        return Array.BinarySearch(_periods, period);
    }

    private int DimensionIndex(string dimension, string paramName)
    {
        int i = Array.IndexOf(_dimensions, dimension);
        if (i < 0)
        {
            ThrowHelper.UnknownDimension(dimension, _dimensions, paramName);
        }

        return i;
    }

    /// <summary>The leaves matching a path, or null for all leaves (the total).</summary>
    private int[]? Matching(SegmentPath segment)
    {
        if (segment.IsTotal)
        {
            return null;
        }

        var conditions = new (int Dimension, string Value)[segment.Depth];
        for (int i = 0; i < segment.Depth; i++)
        {
            conditions[i] = (DimensionIndex(segment.DimensionAt(i), nameof(segment)), segment.ValueAt(i));
        }

        var result = new List<int>();
        for (int l = 0; l < _leafValues.Length; l++)
        {
            bool ok = true;
            foreach ((int d, string v) in conditions)
            {
                ok &= string.Equals(_leafValues[l][d], v, StringComparison.Ordinal);
            }

            if (ok)
            {
                result.Add(l);
            }
        }

        return [.. result];
    }

    private NpsTally Sum(int fromPeriod, int toPeriod, int[]? leaves)
    {
        Span<long> acc = stackalloc long[Nps.ScaleLength];
        for (int p = fromPeriod; p < toPeriod; p++)
        {
            if (leaves is null)
            {
                for (int l = 0; l < _leaves.Length; l++)
                {
                    AddCell(acc, p, l);
                }
            }
            else
            {
                foreach (int l in leaves)
                {
                    AddCell(acc, p, l);
                }
            }
        }

        return _categoryOnly ? CategoryTally(acc) : NpsTally.FromHistogram(acc);
    }

    /// <summary>A cell's tally: its histogram, or its category counts in a category-only cube.</summary>
    private NpsTally TallyOf(ReadOnlySpan<long> cell) => _categoryOnly ? CategoryTally(cell) : NpsTally.FromValidatedHistogram(cell);

    /// <summary>The category counts of 11 slots as a tally without score detail.</summary>
    private static NpsTally CategoryTally(ReadOnlySpan<long> slots)
    {
        long detractors = 0;
        for (int s = 0; s <= 6; s++)
        {
            detractors = checked(detractors + slots[s]);
        }

        return NpsTally.FromCounts(checked(slots[9] + slots[10]), checked(slots[7] + slots[8]), detractors);
    }

    private void RequireWeights()
    {
        if (_weights is null)
        {
            ThrowHelper.CubeNotWeighted();
        }
    }

    private WeightedNpsTally WeightedSum(int fromPeriod, int toPeriod, int[]? leaves)
    {
        RequireWeights();
        Span<long> counts = stackalloc long[Nps.ScaleLength];
        Span<double> weights = stackalloc double[Nps.ScaleLength];
        Span<double> squaredWeights = stackalloc double[Nps.ScaleLength];
        for (int p = fromPeriod; p < toPeriod; p++)
        {
            int count = leaves?.Length ?? _leaves.Length;
            for (int k = 0; k < count; k++)
            {
                int slot = Slot(p, leaves is null ? k : leaves[k]);
                for (int s = 0; s < Nps.ScaleLength; s++)
                {
                    counts[s] = checked(counts[s] + _counts[slot + s]);
                    weights[s] += _weights![slot + s];
                    squaredWeights[s] += _squaredWeights![slot + s];
                }
            }
        }

        return WeightedNpsTally.FromScaledSums(counts, weights, squaredWeights, _weightExponent);
    }

    private void AddCell(Span<long> acc, int period, int leaf)
    {
        ReadOnlySpan<long> cell = _counts.AsSpan(Slot(period, leaf), Nps.ScaleLength);
        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            acc[s] = checked(acc[s] + cell[s]);
        }
    }
}
