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

    /// <summary>Describes the series, e.g. <c>department=Sales, 24 periods, trailing 3 periods</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Segment}, {_points.Length} periods, {Window}";

    private static NpsTally Subtract(NpsTally total, NpsTally part)
    {
        Span<long> a = stackalloc long[Nps.ScaleLength];
        for (int s = 0; s < a.Length; s++)
        {
            a[s] = total.ScoreSlot(s) - part.ScoreSlot(s);
        }

        return NpsTally.FromValidatedHistogram(a);
    }
}
