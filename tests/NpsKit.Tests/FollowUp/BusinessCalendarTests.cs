using NpsKit.Eligibility;
using NpsKit.FollowUp;

namespace NpsKit.Tests.FollowUp;

/// <summary>Business-hour SLA arithmetic. Expected instants worked out by hand from the calendars (2026-05-01 is a
/// Friday and Labour Day; Europe/Berlin moves to CEST on 2026-03-29; 2028-02-29 is a Tuesday).</summary>
public class BusinessCalendarTests
{
    private static readonly TimeZoneInfo Berlin = TimeZones.FromId("Europe/Berlin");

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Fact]
    public void AddWorkingTime_OverWeekend_ContinuesOnMonday()
    {
        // Fri 2026-05-08 15:00 CEST: 2 h on Friday, 6 h on Monday -> Mon 2026-05-11 15:00 CEST = 13:00Z.
        Assert.Equal(Utc(2026, 5, 11, 13), BusinessCalendar.Standard.AddWorkingTime(Utc(2026, 5, 8, 13), TimeSpan.FromHours(8), Berlin));
    }

    [Fact]
    public void AddWorkingTime_OverHolidayAndWeekend_SkipsBoth()
    {
        var calendar = BusinessCalendar.Standard.WithHolidays([new DateOnly(2026, 5, 1)]);
        // Thu 2026-04-30 15:00 CEST: 2 h Thursday, Friday holiday, weekend, 6 h Monday -> Mon 05-04 15:00 CEST = 13:00Z.
        Assert.Equal(Utc(2026, 5, 4, 13), calendar.AddWorkingTime(Utc(2026, 4, 30, 13), TimeSpan.FromHours(8), Berlin));
    }

    [Fact]
    public void AddWorkingTime_AcrossDstChange_KeepsLocalWorkingHours()
    {
        // Fri 2026-03-27 16:00 CET (15:00Z): 1 h Friday; Mon 03-30 is CEST: 09:00 + 3 h = 12:00 CEST = 10:00Z.
        Assert.Equal(Utc(2026, 3, 30, 10), BusinessCalendar.Standard.AddWorkingTime(Utc(2026, 3, 27, 15), TimeSpan.FromHours(4), Berlin));
    }

    [Fact]
    public void AddWorkingTime_StartOutsideHoursAndOverLeapDay_StartsAtNextWorkingMoment()
    {
        // Mon 2028-02-28 20:00 UTC, after hours: Tue 02-29 09:00-17:00 gives 8 h, then 2 h on Wed 03-01 -> 11:00Z.
        Assert.Equal(Utc(2028, 3, 1, 11), BusinessCalendar.Standard.AddWorkingTime(Utc(2028, 2, 28, 20), TimeSpan.FromHours(10), TimeZoneInfo.Utc));
    }

    [Fact]
    public void AddWorkingTime_EndingExactlyAtClosing_ReturnsClosingTime()
    {
        Assert.Equal(Utc(2026, 1, 30, 17), BusinessCalendar.Standard.AddWorkingTime(Utc(2026, 1, 30, 9), TimeSpan.FromHours(8), TimeZoneInfo.Utc));
    }

    [Fact]
    public void From_SeveralProblems_ReportsAllInOneException()
    {
        var ex = Assert.Throws<ArgumentException>(() => BusinessCalendar.From(new TimeOnly(17, 0), new TimeOnly(9, 0), [DayOfWeek.Monday, DayOfWeek.Monday], [new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)]));
        Assert.Contains("not after workStart", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Monday is listed 2 times", ex.Message, StringComparison.Ordinal);
        Assert.Contains("holiday 2026-01-01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkingTime_NegativeDuration_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.Standard.AddWorkingTime(Utc(2026, 1, 1, 0), TimeSpan.FromHours(-1), TimeZoneInfo.Utc));
}
