using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>
/// Assigns instants to reporting periods in a reporting time zone given by its IANA id, correctly across
/// daylight-saving changes: a response at 23:30 UTC on 31 March 2026 belongs to April in <c>Europe/Copenhagen</c>.
/// </summary>
/// <remarks>
/// <para>An instant belongs to the period that contains its local date in the reporting zone. The zone's rules come
/// from the operating system's time-zone database (tzdata on Linux and macOS, ICU on Windows), through
/// <see cref="TimeZoneInfo.FindSystemTimeZoneById(string)"/>.</para>
/// <para>For speed, aggregation does no calendar arithmetic per row: it computes the UTC instant at which each
/// period starts once, and looks rows up in that list of boundaries. A period starts at the instant after which
/// the local date is on or after its first day; when local midnight is skipped by a jump the day starts at the
/// jump (a skipped day, such as 30 December 2011 in Samoa, has no instants), and when midnight is repeated the day
/// starts when it is reached for the last time (so the repeated hour stays in the day the local clock shows).
/// Assigning by these boundaries therefore gives exactly the local date that
/// <see cref="TimeZoneInfo.ConvertTime(DateTimeOffset, TimeZoneInfo)"/> gives.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class ReportingCalendar
{
    private readonly TimeZoneInfo _zone;

    private ReportingCalendar(TimeZoneInfo zone, string timeZoneId, PeriodUnit unit, int fiscalYearStartMonth)
    {
        _zone = zone;
        TimeZoneId = timeZoneId;
        Unit = unit;
        FiscalYearStartMonth = unit is PeriodUnit.FiscalQuarter or PeriodUnit.FiscalYear ? fiscalYearStartMonth : 1;
    }

    /// <summary>Gets the time zone id as given, e.g. <c>Europe/Copenhagen</c>.</summary>
    public string TimeZoneId { get; }

    /// <summary>Gets the period unit.</summary>
    public PeriodUnit Unit { get; }

    /// <summary>Gets the month (1–12) in which fiscal years start; 1 for non-fiscal units.</summary>
    public int FiscalYearStartMonth { get; }

    /// <summary>Gets the reporting time zone.</summary>
    public TimeZoneInfo TimeZone => _zone;

    /// <summary>Makes a calendar for a reporting time zone and period unit.</summary>
    /// <param name="timeZoneId">An IANA time-zone id such as <c>Europe/Copenhagen</c>, <c>America/New_York</c> or
    /// <c>Etc/UTC</c> (Windows ids are also accepted where the system can map them).</param>
    /// <param name="unit">The period unit. Default <see cref="PeriodUnit.Month"/>.</param>
    /// <param name="fiscalYearStartMonth">For fiscal units, the month (1–12) in which fiscal years start. Default 1.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="timeZoneId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The zone id is empty or not known to the system's time-zone database.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not defined or
    /// <paramref name="fiscalYearStartMonth"/> is outside 1..12.</exception>
    public static ReportingCalendar FromTimeZoneId(string timeZoneId, PeriodUnit unit = PeriodUnit.Month, int fiscalYearStartMonth = 1)
    {
        ArgumentNullException.ThrowIfNull(timeZoneId);
        ReportingPeriod.ValidateUnit(unit, fiscalYearStartMonth);
        return new ReportingCalendar(FindZone(timeZoneId, nameof(timeZoneId)), timeZoneId, unit, fiscalYearStartMonth);
    }

    /// <summary>Returns a calendar for the same zone with another period unit.</summary>
    /// <param name="unit">The period unit.</param>
    /// <param name="fiscalYearStartMonth">For fiscal units, the month (1–12) in which fiscal years start. Default: this calendar's.</param>
    /// <returns>The new calendar; this one is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not defined or the month is outside 1..12.</exception>
    public ReportingCalendar WithUnit(PeriodUnit unit, int? fiscalYearStartMonth = null)
    {
        int month = fiscalYearStartMonth ?? FiscalYearStartMonth;
        ReportingPeriod.ValidateUnit(unit, month);
        return new ReportingCalendar(_zone, TimeZoneId, unit, month);
    }

    /// <summary>Gets the local date of an instant in the reporting zone.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The local calendar date.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The local time would be before 0001-01-01 or after 9999-12-31.</exception>
    public DateOnly LocalDateOf(DateTimeOffset instant) => DateOnly.FromDayNumber((int)(LocalTicks(instant.UtcTicks, -1) / TimeSpan.TicksPerDay));

    /// <summary>Gets the period that contains an instant.</summary>
    /// <param name="instant">The instant (any offset; only the instant matters).</param>
    /// <returns>The period of <see cref="Unit"/> containing the instant's local date in the reporting zone.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The local time would be before 0001-01-01 or after 9999-12-31.</exception>
    public ReportingPeriod PeriodOf(DateTimeOffset instant) => ReportingPeriod.Containing(LocalDateOf(instant), Unit, FiscalYearStartMonth);

    /// <summary>Gets the instant at which a period starts in the reporting zone (as an offset-zero value).</summary>
    /// <param name="period">A period of this calendar's unit (any unit is accepted: its first day is what counts).</param>
    /// <returns>The first instant of the period's first local day.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period starts before the first representable instant.</exception>
    public DateTimeOffset StartOf(ReportingPeriod period)
    {
        long ticks = DayStartUtcTicks(period.FirstDay);
        return new DateTimeOffset(Math.Max(ticks, 0), TimeSpan.Zero);
    }

    /// <summary>Local ticks of a UTC instant; throws a clear error when outside the representable range.</summary>
    internal long LocalTicks(long utcTicks, long row)
    {
        if ((ulong)utcTicks > (ulong)DateTime.MaxValue.Ticks)
        {
            ThrowHelper.TimeOutOfRange(utcTicks, row, TimeZoneId);
        }

        long local = utcTicks + _zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
        if ((ulong)local > (ulong)DateTime.MaxValue.Ticks)
        {
            ThrowHelper.TimeOutOfRange(utcTicks, row, TimeZoneId);
        }

        return local;
    }

    /// <summary>
    /// The UTC ticks at which a local day starts: the instant after which the local date is never again before
    /// <paramref name="day"/>. May be negative or beyond the DateTime range at the ends of time.
    /// </summary>
    /// <remarks>
    /// Uses only the UTC → local direction of the zone's rules (the one <see cref="TimeZoneInfo.ConvertTime(DateTimeOffset, TimeZoneInfo)"/>
    /// uses), because the local → UTC helpers (<see cref="TimeZoneInfo.IsInvalidTime(DateTime)"/>) misjudge changes of
    /// base offset such as Samoa skipping 30 December 2011. UTC offsets lie within −12 h..+14 h, so the start lies
    /// within ±15 h of local midnight read as UTC; when the offset is the same at both ends of that window (almost
    /// always) the start is midnight minus the offset, otherwise it is found by bisection, re-searching after any
    /// backward jump that takes the local time below midnight again.
    /// </remarks>
    internal long DayStartUtcTicks(DateOnly day)
    {
        const long Window = 15 * TimeSpan.TicksPerHour;
        long midnight = day.DayNumber * TimeSpan.TicksPerDay;
        long lo = midnight - Window, hi = midnight + Window;
        long offset = OffsetAt(lo);
        if (offset == OffsetAt(hi) && OffsetAt(midnight - offset) == offset)
        {
            return midnight - offset;
        }

        const long Step = 5 * TimeSpan.TicksPerMinute;
        long start = FirstAtOrAfter(midnight, lo, hi);
        for (long v = start + Step; v <= hi; v += Step)
        {
            if (v + OffsetAt(v) < midnight)
            {
                start = FirstAtOrAfter(midnight, v, hi); // a backward jump took the clock below midnight again
                v = start;
            }
        }

        return start;
    }

    /// <summary>Bisection for the first instant in (lo, hi] whose local time is at or after <paramref name="localTicks"/>,
    /// given that lo's local time is before it and hi's is not.</summary>
    private long FirstAtOrAfter(long localTicks, long lo, long hi)
    {
        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            if (mid + OffsetAt(mid) >= localTicks)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    private long OffsetAt(long utcTicks) =>
        _zone.GetUtcOffset(new DateTime(Math.Clamp(utcTicks, 0, DateTime.MaxValue.Ticks), DateTimeKind.Utc)).Ticks;

    /// <summary>The one time-zone lookup of the library: an IANA id to a zone, or an error naming the id (and its owner).</summary>
    internal static TimeZoneInfo FindZone(string? timeZoneId, string paramName, string? owner = null)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            ThrowHelper.UnknownTimeZone(timeZoneId, paramName, null, owner);
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            ThrowHelper.UnknownTimeZone(timeZoneId, paramName, ex, owner);
            return null!;
        }
    }
}
