using System.Globalization;
using NpsKit.Internal;

namespace NpsKit.Eligibility;

/// <summary>
/// The length of a rest period: either a fixed duration (<see cref="Fixed"/>, <see cref="Days"/>) or a number of
/// calendar months (<see cref="Months"/>, <see cref="Quarters"/>, <see cref="Years"/>).
/// </summary>
/// <remarks>
/// <para><b>Calendar months</b> are added to the local date and time in a time zone (the contact's own, or the company's
/// zone the rule names) with the proleptic Gregorian calendar, as <see cref="DateTime.AddMonths"/> does — the same
/// arithmetic as NodaTime's <c>Period.FromMonths</c> and java.time's <c>plusMonths</c>: the day of month is kept, and
/// when the target month is shorter the result is clamped to its <b>last day</b>. So 31 Aug 2026 10:00 + 6 months is
/// 28 Feb 2027 10:00 (29 Feb in a leap year), and 31 Jan + 1 month is 28/29 Feb; 30 Nov + 3 months is 28 Feb, never 2 Mar.
/// The same local time is kept across daylight-saving changes; a local time that falls into a spring-forward gap moves
/// to the first valid instant after the gap, and one in a fall-back overlap takes the earlier instant.</para>
/// <para><b>Fixed durations</b> are elapsed time: 182 days from 31 Aug 2026 is 1 Mar 2027, whatever the zone.</para>
/// <para>An immutable value; thread-safe. A <see cref="TimeSpan"/> converts implicitly to a fixed period.</para>
/// </remarks>
public readonly record struct RestPeriod
{
    private RestPeriod(TimeSpan duration, int months)
    {
        Duration = duration;
        CalendarMonths = months;
    }

    /// <summary>Gets the fixed duration; <see cref="TimeSpan.Zero"/> for a calendar period.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets the number of calendar months; 0 for a fixed duration.</summary>
    public int CalendarMonths { get; }

    /// <summary>Gets whether the period counts calendar months (and so needs a time zone).</summary>
    public bool IsCalendar => CalendarMonths > 0;

    /// <summary>Gets whether the period is positive (a <c>default</c> period is not).</summary>
    public bool IsPositive => CalendarMonths > 0 || Duration > TimeSpan.Zero;

    /// <summary>A fixed duration.</summary>
    /// <param name="duration">The duration; zero or positive.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public static RestPeriod Fixed(TimeSpan duration)
    {
        ThrowHelper.ThrowIfNegativeOrZero(duration, nameof(duration), allowZero: true);
        return new RestPeriod(duration, 0);
    }

    /// <summary>A fixed number of 24-hour days.</summary>
    /// <param name="days">The days; zero or more.</param>
    /// <returns>The period.</returns>
    public static RestPeriod Days(int days) => Fixed(TimeSpan.FromDays(days));

    /// <summary>A number of calendar months (see the remarks for the end-of-month rule).</summary>
    /// <param name="months">The months; 1 to 1200.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> is outside 1..1200.</exception>
    public static RestPeriod Months(int months)
    {
        if (months is < 1 or > 1200)
        {
            throw new ArgumentOutOfRangeException(nameof(months), months, $"months is {months}: a calendar period is 1 to 1200 months.");
        }

        return new RestPeriod(TimeSpan.Zero, months);
    }

    /// <summary>A number of calendar quarters (3 months each).</summary>
    /// <param name="quarters">The quarters; 1 to 400.</param>
    /// <returns>The period.</returns>
    public static RestPeriod Quarters(int quarters) => Months(checked(quarters * 3));

    /// <summary>A number of calendar years (12 months each; 29 Feb + 1 year is 28 Feb).</summary>
    /// <param name="years">The years; 1 to 100.</param>
    /// <returns>The period.</returns>
    public static RestPeriod Years(int years) => Months(checked(years * 12));

    /// <summary>A fixed period of <paramref name="duration"/>.</summary>
    /// <param name="duration">The duration.</param>
    public static implicit operator RestPeriod(TimeSpan duration) => Fixed(duration);

    /// <summary>Describes the period: <c>6 calendar months</c>, <c>182 days</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => IsCalendar
        ? (CalendarMonths == 1 ? "1 calendar month" : CalendarMonths.ToString(CultureInfo.InvariantCulture) + " calendar months")
        : EligibilityRule.DurationWords(Duration);

    /// <summary>The instant (UTC ticks) <paramref name="utcTicks"/> + this period, with calendar months in <paramref name="zone"/>.</summary>
    internal long AddTo(long utcTicks, TimeZoneInfo? zone)
    {
        if (!IsCalendar)
        {
            return utcTicks + Duration.Ticks;
        }

        long local = utcTicks + ZoneOffsets.OffsetTicks(zone!, utcTicks, out _);
        long target = new DateTime(local).AddMonths(CalendarMonths).Ticks;
        return QuietHoursRule.EarliestInstant(target, zone!);
    }
}

/// <summary>How a rest period's boundary is judged: "at least" the period, or "more than" it.</summary>
public enum GapBoundary
{
    /// <summary>Eligible once at least the period has passed: at <c>last + period</c> exactly ("not again within 6 months").</summary>
    AtLeast = 0,

    /// <summary>Eligible only once more than the period has passed: from the first instant (one tick, 100 ns) after
    /// <c>last + period</c> ("only if more than 4 months since the last transaction").</summary>
    MoreThan = 1,
}

/// <summary>The calendar unit of a calendar cap window.</summary>
public enum CalendarUnit
{
    /// <summary>A calendar month.</summary>
    Month = 1,

    /// <summary>A calendar quarter (January–March, April–June, July–September, October–December).</summary>
    Quarter = 3,

    /// <summary>A calendar year.</summary>
    Year = 12,
}

/// <summary>
/// The window a frequency cap counts invitations in: a rolling duration ending at the decision instant, or the
/// calendar month, quarter or year the decision instant falls in (in the contact's or the company's time zone).
/// </summary>
/// <remarks>
/// <para>Rolling: an invitation at <c>e</c> counts while <c>t &lt; e + window</c>. Calendar: an invitation counts while
/// it lies in the same local calendar period as <c>t</c>; when the cap is reached the contact is deferred to the local
/// midnight that starts the next period ("once per account per calendar quarter").</para>
/// <para>An immutable value; thread-safe. A <see cref="TimeSpan"/> converts implicitly to a rolling window.</para>
/// </remarks>
public readonly record struct CapWindow
{
    private CapWindow(TimeSpan rolling, CalendarUnit? unit)
    {
        Rolling = rolling;
        Calendar = unit;
    }

    /// <summary>Gets the rolling window's length; zero for a calendar window.</summary>
    public TimeSpan Rolling { get; }

    /// <summary>Gets the calendar unit; <see langword="null"/> for a rolling window.</summary>
    public CalendarUnit? Calendar { get; }

    /// <summary>Gets whether the window is a calendar period (and so needs a time zone).</summary>
    public bool IsCalendar => Calendar is not null;

    /// <summary>A rolling window.</summary>
    /// <param name="window">Its length; positive.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is not positive.</exception>
    public static CapWindow RollingWindow(TimeSpan window)
    {
        ThrowHelper.ThrowIfNegativeOrZero(window, nameof(window), allowZero: false);
        return new CapWindow(window, null);
    }

    /// <summary>A calendar window: the month, quarter or year the decision falls in.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is undefined.</exception>
    public static CapWindow CalendarPeriod(CalendarUnit unit)
    {
        if (!Enum.IsDefined(unit))
        {
            ThrowHelper.UndefinedEnum(nameof(unit), (int)unit, "Month, Quarter or Year");
        }

        return new CapWindow(TimeSpan.Zero, unit);
    }

    /// <summary>A rolling window of <paramref name="window"/>.</summary>
    /// <param name="window">The length.</param>
    public static implicit operator CapWindow(TimeSpan window) => RollingWindow(window);

    /// <summary>Describes the window: <c>calendar quarter</c>, <c>91 days</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Calendar switch
    {
        CalendarUnit.Month => "calendar month",
        CalendarUnit.Quarter => "calendar quarter",
        CalendarUnit.Year => "calendar year",
        _ => EligibilityRule.DurationWords(Rolling),
    };

    /// <summary>The local calendar period containing <paramref name="t"/>: its first and its next period's first instant (UTC ticks).</summary>
    internal void Bounds(long t, TimeZoneInfo zone, out long start, out long next)
    {
        var local = new DateTime(t + ZoneOffsets.OffsetTicks(zone, t, out _));
        int months = (int)Calendar!.Value;
        int firstMonth = ((local.Month - 1) / months * months) + 1;
        var first = new DateTime(local.Year, firstMonth, 1);
        start = QuietHoursRule.EarliestInstant(first.Ticks, zone);
        next = QuietHoursRule.EarliestInstant(first.AddMonths(months).Ticks, zone);
    }
}
