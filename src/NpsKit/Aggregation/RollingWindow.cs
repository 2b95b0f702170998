using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>How a series combines periods: each period alone, a trailing window of N periods or N days, or cumulative from the start.</summary>
public enum RollingWindowKind
{
    /// <summary>Each period on its own (no window).</summary>
    Single,

    /// <summary>The current period and the N − 1 before it.</summary>
    Periods,

    /// <summary>The current day and the N − 1 days before it (a series by day).</summary>
    Days,

    /// <summary>Everything from the first period up to the current one.</summary>
    Cumulative,
}

/// <summary>
/// A window over a series' periods. Windows sum the exact per-period tallies, so a rolling or cumulative series
/// needs no pass over the answers beyond the one aggregation.
/// </summary>
/// <remarks>At the start of a series a trailing window covers the periods available (fewer than N).
/// <c>default(RollingWindow)</c> is <see cref="Single"/>. This type is an immutable value and is thread-safe.</remarks>
public readonly record struct RollingWindow
{
    private readonly int _length;

    private RollingWindow(RollingWindowKind kind, int length)
    {
        Kind = kind;
        _length = length;
    }

    /// <summary>Gets the window kind.</summary>
    public RollingWindowKind Kind { get; }

    /// <summary>Gets N for <see cref="RollingWindowKind.Periods"/> and <see cref="RollingWindowKind.Days"/>; 1 for
    /// <see cref="RollingWindowKind.Single"/>; 0 for <see cref="RollingWindowKind.Cumulative"/>.</summary>
    public int Length => Kind == RollingWindowKind.Single ? 1 : _length;

    /// <summary>Gets the window of one period.</summary>
    public static RollingWindow Single => default;

    /// <summary>Gets the cumulative window.</summary>
    public static RollingWindow Cumulative => new(RollingWindowKind.Cumulative, 0);

    /// <summary>A trailing window of <paramref name="count"/> periods, the current one included.</summary>
    /// <param name="count">1 or more.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static RollingWindow Periods(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new(RollingWindowKind.Periods, count);
    }

    /// <summary>A trailing window of <paramref name="days"/> local days, the current one included; the series must be by day.</summary>
    /// <param name="days">1 or more.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is less than 1.</exception>
    public static RollingWindow Days(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return new(RollingWindowKind.Days, days);
    }

    /// <summary>Describes the window, e.g. <c>trailing 28 days</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        RollingWindowKind.Periods => $"trailing {Length} periods",
        RollingWindowKind.Days => $"trailing {Length} days",
        RollingWindowKind.Cumulative => "cumulative",
        _ => "single period",
    };

    internal int PeriodsFor(PeriodUnit unit)
    {
        if (Kind == RollingWindowKind.Days && unit != PeriodUnit.Day)
        {
            ThrowHelper.DaysWindowNeedsDays(Length, unit);
        }

        return Kind == RollingWindowKind.Cumulative ? int.MaxValue : Length;
    }
}
