using NpsKit.Eligibility;
using NpsKit.Internal;

namespace NpsKit.FollowUp;

/// <summary>
/// Working days, working hours and holidays, applied in a time zone (the task owner's), to count service-level time
/// in business hours.
/// </summary>
/// <remarks>Working hours are local: 09:00–17:00 stays 09:00–17:00 on both sides of a daylight-saving change, so a
/// working day may be 8 hours of local time but the same 8 hours of elapsed time. Days off are the company's own closing
/// days (<see cref="Holidays"/>) together with the public holidays of any <see cref="HolidayCalendars"/>. Immutable and
/// thread-safe.</remarks>
public sealed class BusinessCalendar
{
    private readonly bool[] _working = new bool[7];
    private readonly HashSet<DateOnly> _holidays;
    private readonly IHolidayCalendar[] _calendars;

    private BusinessCalendar(TimeOnly start, TimeOnly end, DayOfWeek[] days, DateOnly[] holidays, IHolidayCalendar[]? calendars = null)
    {
        _calendars = calendars ?? [];
        WorkStart = start;
        WorkEnd = end;
        WorkingDays = days;
        foreach (DayOfWeek d in days)
        {
            _working[(int)d] = true;
        }

        _holidays = [.. holidays];
        Holidays = [.. _holidays.Order()];
    }

    /// <summary>Gets Monday to Friday, 09:00–17:00, no holidays.</summary>
    public static BusinessCalendar Standard { get; } =
        From(new TimeOnly(9, 0), new TimeOnly(17, 0), [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);

    /// <summary>Gets the local time a working day starts.</summary>
    public TimeOnly WorkStart { get; }

    /// <summary>Gets the local time a working day ends.</summary>
    public TimeOnly WorkEnd { get; }

    /// <summary>Gets the working days of the week.</summary>
    public IReadOnlyList<DayOfWeek> WorkingDays { get; }

    /// <summary>Gets the company's own closing days (local dates that are not worked), sorted.</summary>
    public IReadOnlyList<DateOnly> Holidays { get; }

    /// <summary>Gets the public-holiday calendars whose holidays are not worked either (for example the
    /// NpsKit.Holidays package's <c>PublicHolidayCalendar.For("DK")</c>), combined with <see cref="Holidays"/>.</summary>
    public IReadOnlyList<IHolidayCalendar> HolidayCalendars => _calendars;

    /// <summary>Creates a calendar.</summary>
    /// <param name="workStart">Local start of a working day.</param>
    /// <param name="workEnd">Local end of a working day; after <paramref name="workStart"/>.</param>
    /// <param name="workingDays">At least one working day, each once.</param>
    /// <param name="holidays">Local dates not worked; may be empty or null.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="ArgumentException">Every problem found, in one message: an end not after the start, no working days, a repeated day or holiday.</exception>
    public static BusinessCalendar From(TimeOnly workStart, TimeOnly workEnd, IEnumerable<DayOfWeek> workingDays, IEnumerable<DateOnly>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(workingDays);
        DayOfWeek[] days = [.. workingDays];
        DateOnly[] off = holidays is null ? [] : [.. holidays];
        var problems = new List<string>();
        if (workEnd <= workStart)
        {
            problems.Add($"workEnd {workEnd:HH\\:mm} is not after workStart {workStart:HH\\:mm} (night shifts across midnight are not supported)");
        }

        if (days.Length == 0)
        {
            problems.Add("workingDays is empty: name at least one working day");
        }

        foreach (var dup in days.GroupBy(d => d).Where(g => g.Count() > 1))
        {
            problems.Add($"working day {dup.Key} is listed {dup.Count()} times");
        }

        foreach (var dup in off.GroupBy(d => d).Where(g => g.Count() > 1))
        {
            problems.Add($"holiday {dup.Key:yyyy-MM-dd} is listed {dup.Count()} times");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid business calendar: " + string.Join("; ", problems) + ".", nameof(workingDays));
        }

        return new BusinessCalendar(workStart, workEnd, days, off);
    }

    /// <summary>Returns a copy with more holidays.</summary>
    /// <param name="holidays">Local dates not worked.</param>
    /// <returns>The copy.</returns>
    public BusinessCalendar WithHolidays(IEnumerable<DateOnly> holidays) => From(WorkStart, WorkEnd, WorkingDays, [.. Holidays, .. holidays]).WithCalendars(_calendars);

    /// <summary>Returns a copy that also closes on the holidays of <paramref name="calendar"/> (a country's or region's
    /// public holidays), on top of the company's own closing days and any calendars already added.</summary>
    /// <param name="calendar">The holiday calendar.</param>
    /// <returns>The copy.</returns>
    public BusinessCalendar WithHolidayCalendar(IHolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return WithCalendars([.. _calendars, calendar]);
    }

    /// <summary>Tells whether <paramref name="date"/> is worked.</summary>
    /// <param name="date">A local date.</param>
    /// <returns><see langword="true"/> on a working day that is not a holiday.</returns>
    public bool IsWorkingDay(DateOnly date)
    {
        if (!_working[(int)date.DayOfWeek] || _holidays.Contains(date))
        {
            return false;
        }

        foreach (IHolidayCalendar c in _calendars)
        {
            if (c.IsHoliday(date))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Counts the working time between two instants: the part of [<paramref name="from"/>, <paramref name="to"/>)
    /// that falls in working hours on working days, in <paramref name="zone"/> — the inverse of <see cref="AddWorkingTime"/>.</summary>
    /// <param name="from">The start.</param>
    /// <param name="to">The end; at or after <paramref name="from"/>.</param>
    /// <param name="zone">The time zone the working hours are local to.</param>
    /// <returns>The working time; zero when <paramref name="to"/> is not after <paramref name="from"/>.</returns>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        long a = from.UtcTicks, b = to.UtcTicks;
        if (b <= a)
        {
            return TimeSpan.Zero;
        }

        long total = 0;
        DateOnly date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(from.UtcDateTime, zone));
        DateOnly last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(to.UtcDateTime, zone));
        for (; date <= last; date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            long start = Math.Max(a, QuietHoursRule.EarliestInstant(date.ToDateTime(WorkStart).Ticks, zone));
            long end = Math.Min(b, QuietHoursRule.EarliestInstant(date.ToDateTime(WorkEnd).Ticks, zone));
            if (end > start)
            {
                total += end - start;
            }
        }

        return new TimeSpan(total);
    }

    private BusinessCalendar WithCalendars(IHolidayCalendar[] calendars) =>
        new(WorkStart, WorkEnd, [.. WorkingDays], [.. Holidays], calendars);

    /// <summary>Adds <paramref name="duration"/> of working time to <paramref name="start"/>, in <paramref name="zone"/>.</summary>
    /// <param name="start">When the clock starts (may be outside working hours: the clock then starts at the next working moment).</param>
    /// <param name="duration">Working time to add; zero or positive.</param>
    /// <param name="zone">The time zone the working hours are local to (the owner's).</param>
    /// <returns>The instant (UTC) the working time is used up.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">No working time within ten years (every day a holiday).</exception>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan duration, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ThrowHelper.ThrowIfNegativeOrZero(duration, nameof(duration), allowZero: true);
        long t = start.UtcTicks;
        long remaining = duration.Ticks;
        DateOnly date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(start.UtcDateTime, zone));
        for (int guard = 0; guard < 3700; guard++, date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            long from = Math.Max(t, QuietHoursRule.EarliestInstant(date.ToDateTime(WorkStart).Ticks, zone));
            long to = QuietHoursRule.EarliestInstant(date.ToDateTime(WorkEnd).Ticks, zone);
            if (from >= to)
            {
                continue;
            }

            if (remaining <= to - from)
            {
                return new DateTimeOffset(from + remaining, TimeSpan.Zero);
            }

            remaining -= to - from;
        }

        throw new InvalidOperationException($"No {duration} of working time found within ten years of {start:O}: check the working days and holidays.");
    }
}

/// <summary>
/// A source of public holidays (a country's, or a region's within it), for <see cref="BusinessCalendar.WithHolidayCalendar"/>.
/// </summary>
/// <remarks>The core library computes no holidays itself (it depends on MathNet only, by the package rules of
/// DESIGN.md): the NpsKit.Holidays package implements this over the maintained PublicHoliday library, and any other
/// source (a company's HR calendar, a database table) can implement it too. Implementations must be thread-safe and
/// deterministic.</remarks>
public interface IHolidayCalendar
{
    /// <summary>Gets a name for reports, such as <c>DK public holidays (PublicHoliday 3.17.0)</c>.</summary>
    string Name { get; }

    /// <summary>Tells whether <paramref name="date"/> is a public holiday (a day not worked).</summary>
    /// <param name="date">A local date.</param>
    /// <returns><see langword="true"/> on a holiday.</returns>
    bool IsHoliday(DateOnly date);
}

/// <summary>A fixed list of holiday dates as an <see cref="IHolidayCalendar"/> (a company calendar, or holidays read from a file).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class HolidayList : IHolidayCalendar
{
    private readonly HashSet<DateOnly> _dates;

    /// <summary>Creates the list.</summary>
    /// <param name="name">A name for reports.</param>
    /// <param name="dates">The holiday dates; repeats are ignored.</param>
    public HolidayList(string name, IEnumerable<DateOnly> dates)
    {
        ThrowHelper.ThrowIfNullOrEmpty(name, nameof(name));
        ArgumentNullException.ThrowIfNull(dates);
        Name = name;
        _dates = [.. dates];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool IsHoliday(DateOnly date) => _dates.Contains(date);
}
