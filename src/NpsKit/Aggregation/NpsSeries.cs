using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>
/// One segment's tallies over consecutive periods, in order, with every period present — a period without answers
/// is a point with n = 0, never skipped — optionally combined over a rolling or cumulative window.
/// </summary>
/// <remarks>
/// <para>Windows add the per-period tallies (exact integer sums), so <see cref="WithWindow"/> does no work per answer;
/// for a 28-day rolling NPS, aggregate by day once and take <c>WithWindow(RollingWindow.Days(28))</c>.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class NpsSeries
{
    private readonly ReportingPeriod[] _periods;
    private readonly NpsTally[] _perPeriod;
    private readonly NpsCell[] _points;

    internal NpsSeries(SegmentPath segment, PeriodUnit unit, ReportingPeriod[] periods, NpsTally[] perPeriod, int minimumCount, RollingWindow window)
    {
        Segment = segment;
        Unit = unit;
        _periods = periods;
        _perPeriod = perPeriod;
        MinimumCount = minimumCount;
        Window = window;
        int span = window.PeriodsFor(unit);
        _points = new NpsCell[periods.Length];
        NpsTally running = NpsTally.Empty;
        for (int i = 0; i < periods.Length; i++)
        {
            running += perPeriod[i];
            if (span != int.MaxValue && i - span >= 0)
            {
                running = Subtract(running, perPeriod[i - span]);
            }

            _points[i] = new NpsCell(periods[i], segment, running, running.Count < minimumCount);
        }
    }

    /// <summary>Gets the segment.</summary>
    public SegmentPath Segment { get; }

    /// <summary>Gets the period unit.</summary>
    public PeriodUnit Unit { get; }

    /// <summary>Gets the window the points are combined over.</summary>
    public RollingWindow Window { get; }

    /// <summary>Gets the minimum count below which points are flagged.</summary>
    public int MinimumCount { get; }

    /// <summary>Gets the points, one per period in order; for a window, each point's tally covers the window ending at its period.</summary>
    public IReadOnlyList<NpsCell> Points => _points;

    /// <summary>Gets the sum of all periods' tallies (whatever the window).</summary>
    public NpsTally Total => NpsTally.Sum(_perPeriod);

    /// <summary>Gets the unwindowed tally of each period, for serializers.</summary>
    internal IReadOnlyList<NpsTally> PerPeriod => _perPeriod;

    /// <summary>Returns the same segment and periods combined over another window.</summary>
    /// <param name="window">The window, e.g. <c>RollingWindow.Periods(3)</c>, <c>RollingWindow.Days(28)</c> or <c>RollingWindow.Cumulative</c>.</param>
    /// <returns>The new series; this one is unchanged.</returns>
    /// <exception cref="InvalidOperationException">A window in days is asked of a series not by day.</exception>
    public NpsSeries WithWindow(RollingWindow window) => new(Segment, Unit, _periods, _perPeriod, MinimumCount, window);

    /// <summary>Returns the cumulative series: each point sums everything up to its period.</summary>
    /// <returns>The cumulative series.</returns>
    public NpsSeries Cumulative() => WithWindow(RollingWindow.Cumulative);

    /// <summary>Gets the change from each point to the next (one fewer than the points).</summary>
    /// <returns>The changes, in period order; each holds both tallies for a significance test.</returns>
    public IReadOnlyList<PeriodChange> Changes()
    {
        var changes = new PeriodChange[Math.Max(0, _points.Length - 1)];
        for (int i = 1; i < _points.Length; i++)
        {
            NpsCell before = _points[i - 1], after = _points[i];
            changes[i - 1] = new PeriodChange(
                Segment, before.Period, after.Period, before.Tally, after.Tally, before.IsBelowMinimumCount || after.IsBelowMinimumCount);
        }

        return changes;
    }

    /// <summary>
    /// Renders the series as a GitHub-flavoured Markdown table for notebooks, reports and pull requests: one row per
    /// period with n, the NPS and its confidence interval (adjusted Wald), and — for a series of single periods — the
    /// change from the previous period with the two-sided p-value of <see cref="NpsTest.Compare(NpsTally, NpsTally, double, Statistics.NpsTestMethod)"/>
    /// and that p-value adjusted across all the changes of the table (Holm 1979; see
    /// <see cref="Statistics.MultipleComparisons"/>), which is what the "significant" note uses.
    /// Points below <see cref="MinimumCount"/> are flagged <c>n &lt; minimum</c>; empty periods show a dash.
    /// </summary>
    /// <remarks>Rolling and cumulative points overlap, so their changes are not independent samples: those series show
    /// no change or p-value columns. The output is deterministic: invariant culture, <c>\n</c> line ends, markup
    /// characters in segment names escaped.</remarks>
    /// <param name="level">The confidence level, strictly between 0 and 1. Default 0.95.</param>
    /// <returns>The Markdown text, ending with a line break.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    public string ToMarkdown(double level = 0.95) => Table(level, Statistics.PValueAdjustment.Holm).ToMarkdown();

    /// <summary>Renders the series as a Markdown table (see <see cref="ToMarkdown(double)"/>) with the change p-values
    /// adjusted by <paramref name="adjustment"/> across the table.</summary>
    /// <param name="level">The confidence level, strictly between 0 and 1.</param>
    /// <param name="adjustment">The multiple-comparison adjustment; <see cref="Statistics.PValueAdjustment.None"/> opts out.</param>
    /// <returns>The Markdown text, ending with a line break.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    public string ToMarkdown(double level, Statistics.PValueAdjustment adjustment) => Table(level, adjustment).ToMarkdown();

    /// <summary>
    /// Renders the series as an HTML table (the rows of <see cref="ToMarkdown(double)"/>), e.g. for a notebook formatter:
    /// <c>Formatter.Register&lt;NpsSeries&gt;((s, w) =&gt; w.Write(s.ToHtml()), "text/html")</c>.
    /// </summary>
    /// <remarks>Every text is HTML-encoded; the table has the class <c>npskit</c> for styling. Deterministic, invariant culture.</remarks>
    /// <param name="level">The confidence level, strictly between 0 and 1. Default 0.95.</param>
    /// <returns>An HTML fragment (a <c>table</c> element).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    public string ToHtml(double level = 0.95) => Table(level, Statistics.PValueAdjustment.Holm).ToHtml();

    /// <summary>Describes the series, e.g. <c>department=Sales, 24 periods, trailing 3 periods</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Segment}, {_points.Length} periods, {Window}";

    private TextTable Table(double level, Statistics.PValueAdjustment adjustment)
    {
        NpsTally.RequireLevel(level, nameof(level));
        bool changes = Window.Kind == RollingWindowKind.Single;
        var columns = new List<(string, bool)> { ("Period", false), ("n", true), ("NPS", true), ($"{TextTable.Percent(level)} interval", true) };
        var comparisons = new NpsComparison?[_points.Length];
        double[] adjusted = [];
        if (changes)
        {
            columns.Add(("Change", true));
            columns.Add(("p", true));
            columns.Add(("p adj.", true));
            double[] raw = new double[_points.Length];
            for (int i = 0; i < _points.Length; i++)
            {
                NpsTally before = i > 0 ? _points[i - 1].Tally : NpsTally.Empty;
                comparisons[i] = before.HasScore && _points[i].Tally.HasScore ? NpsTest.Compare(before, _points[i].Tally, level) : null;
                raw[i] = comparisons[i] is { IsComputable: true } c ? c.PValue : double.NaN;
            }

            adjusted = Statistics.MultipleComparisons.Adjust(raw, adjustment);
        }

        columns.Add(("Note", false));
        var table = new TextTable($"NPS by {Unit.ToString().ToLowerInvariant()}, {Segment}, {Window}", [.. columns]);
        for (int i = 0; i < _points.Length; i++)
        {
            NpsCell point = _points[i];
            var row = new List<string> { point.Period.ToString(), TextTable.Count(point.Tally.Count), TextTable.Score(point.Tally), TextTable.Interval(point.Tally, level) };
            var notes = new List<string>();
            if (changes)
            {
                if (comparisons[i] is { } comparison)
                {
                    row.Add(TextTable.Signed(comparison.Difference));
                    row.Add(comparison.IsComputable ? TextTable.PValue(comparison.PValue) : "–");
                    row.Add(comparison.IsComputable ? TextTable.PValue(adjusted[i]) : "–");
                    if (!comparison.IsComputable)
                    {
                        notes.Add("test cannot be computed");
                    }
                    else if (adjusted[i] < 1 - level)
                    {
                        notes.Add("significant");
                    }
                }
                else
                {
                    row.Add("—");
                    row.Add("—");
                    row.Add("—");
                }
            }

            if (point.IsBelowMinimumCount)
            {
                notes.Add($"n < {MinimumCount}");
            }

            row.Add(string.Join("; ", notes));
            table.Add([.. row]);
        }

        string correction = adjustment switch
        {
            Statistics.PValueAdjustment.Holm => "Holm-adjusted across the table's changes",
            Statistics.PValueAdjustment.BenjaminiHochberg => "Benjamini-Hochberg-adjusted across the table's changes",
            _ => "not adjusted for multiple comparisons",
        };
        table.Note($"Total: {Total}. Intervals: adjusted Wald.{(changes ? $" Change: from the previous period; p: two-sided test of equal scores; p adj.: {correction}; significant: p adj. < {(1 - level).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}." : string.Empty)}");
        return table;
    }

    private static NpsTally Subtract(NpsTally total, NpsTally part)
    {
        Span<long> a = stackalloc long[Nps.ScaleLength];
        for (int s = 0; s < a.Length; s++)
        {
            a[s] = total.ScoreSlot(s) - part.ScoreSlot(s);
        }

        // Answers known only by category (a category-only cube's series) leave the window by category.
        return NpsTally.FromValidatedHistogram(a) + NpsTally.FromCounts(
            total.CategoryOnlyCount(NpsCategory.Promoter) - part.CategoryOnlyCount(NpsCategory.Promoter),
            total.CategoryOnlyCount(NpsCategory.Passive) - part.CategoryOnlyCount(NpsCategory.Passive),
            total.CategoryOnlyCount(NpsCategory.Detractor) - part.CategoryOnlyCount(NpsCategory.Detractor));
    }
}
