using NpsKit.Aggregation;

namespace NpsKit.Tests.Aggregation;

// Known answers: Python 3.11.7 zoneinfo (system tzdata); see TestData/period-known-answers.py.
public class ReportingCalendarTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-31T23:30:00", "Europe/Copenhagen", "2026-04-01")]
    [InlineData("2026-03-29T00:59:59", "Europe/Copenhagen", "2026-03-29")]
    [InlineData("2026-03-29T01:00:00", "Europe/Copenhagen", "2026-03-29")]
    [InlineData("2026-10-25T00:30:00", "Europe/Copenhagen", "2026-10-25")]
    [InlineData("2026-10-25T01:30:00", "Europe/Copenhagen", "2026-10-25")]
    [InlineData("2026-11-01T03:59:59", "America/New_York", "2026-10-31")]
    [InlineData("2026-11-01T04:00:00", "America/New_York", "2026-11-01")]
    [InlineData("2026-11-01T06:30:00", "America/New_York", "2026-11-01")]
    [InlineData("2026-01-01T04:59:59", "America/New_York", "2025-12-31")]
    [InlineData("2026-01-01T05:00:00", "America/New_York", "2026-01-01")]
    [InlineData("2026-03-08T07:00:00", "America/New_York", "2026-03-08")]
    [InlineData("2025-12-31T23:00:00", "Europe/Copenhagen", "2026-01-01")]
    [InlineData("2024-02-29T23:30:00", "Europe/Copenhagen", "2024-03-01")]
    [InlineData("2024-02-29T04:59:00", "America/New_York", "2024-02-28")]
    public void PeriodOf_Day_UsesLocalDateAcrossDst(string utc, string zone, string day) =>
        Assert.Equal(day, ReportingCalendar.FromTimeZoneId(zone, PeriodUnit.Day).PeriodOf(Utc(utc)).ToString());

    [Fact]
    public void PeriodOf_Month_LateMarch31UtcIsAprilInCopenhagen()
    {
        var calendar = ReportingCalendar.FromTimeZoneId("Europe/Copenhagen");
        Assert.Equal("2026-04", calendar.PeriodOf(Utc("2026-03-31T23:30:00")).ToString());
        Assert.Equal("2026-03", ReportingCalendar.FromTimeZoneId("Etc/UTC").PeriodOf(Utc("2026-03-31T23:30:00")).ToString());
    }

    [Fact]
    public void PeriodOf_NewYorkYearEnd_IsPreviousYearAndIsoWeek1()
    {
        DateTimeOffset t = Utc("2026-01-01T04:59:59"); // 2025-12-31 23:59:59 EST, a Wednesday of 2026-W01
        Assert.Equal("2025", ReportingCalendar.FromTimeZoneId("America/New_York", PeriodUnit.Year).PeriodOf(t).ToString());
        Assert.Equal("2025-Q4", ReportingCalendar.FromTimeZoneId("America/New_York", PeriodUnit.Quarter).PeriodOf(t).ToString());
        Assert.Equal("2026-W01", ReportingCalendar.FromTimeZoneId("America/New_York", PeriodUnit.IsoWeek).PeriodOf(t).ToString());
        Assert.Equal("FY2026-Q2", ReportingCalendar.FromTimeZoneId("America/New_York", PeriodUnit.FiscalQuarter, 7).PeriodOf(t).ToString());
    }

    [Theory]
    [InlineData("Europe/Copenhagen", 2026, 3, 29, "2026-03-28T23:00:00")]
    [InlineData("Europe/Copenhagen", 2026, 3, 30, "2026-03-29T22:00:00")]
    [InlineData("Europe/Copenhagen", 2026, 10, 25, "2026-10-24T22:00:00")]
    [InlineData("Europe/Copenhagen", 2026, 10, 26, "2026-10-25T23:00:00")]
    [InlineData("America/New_York", 2026, 3, 8, "2026-03-08T05:00:00")]
    [InlineData("America/New_York", 2026, 3, 9, "2026-03-09T04:00:00")]
    [InlineData("America/New_York", 2026, 11, 1, "2026-11-01T04:00:00")]
    [InlineData("America/New_York", 2026, 11, 2, "2026-11-02T05:00:00")]
    public void StartOf_Day_IsLocalMidnightInUtc(string zone, int y, int m, int d, string utc)
    {
        var calendar = ReportingCalendar.FromTimeZoneId(zone, PeriodUnit.Day);
        Assert.Equal(Utc(utc), calendar.StartOf(ReportingPeriod.Containing(new DateOnly(y, m, d), PeriodUnit.Day)));
    }

    [Fact]
    public void StartOf_DstDays_Are23And25HoursLong()
    {
        var cph = ReportingCalendar.FromTimeZoneId("Europe/Copenhagen", PeriodUnit.Day);
        TimeSpan Length(int m, int d)
        {
            ReportingPeriod p = ReportingPeriod.Containing(new DateOnly(2026, m, d), PeriodUnit.Day);
            return cph.StartOf(p.Next()) - cph.StartOf(p);
        }

        Assert.Equal(TimeSpan.FromHours(23), Length(3, 29));
        Assert.Equal(TimeSpan.FromHours(25), Length(10, 25));
        Assert.Equal(TimeSpan.FromHours(24), Length(6, 1));
    }

    [Fact]
    public void StartOf_SkippedDay_HasZeroLength()
    {
        // Samoa skipped 30 December 2011: 29 December 23:59:59 (−10:00) was followed by 31 December 00:00 (+14:00).
        var apia = ReportingCalendar.FromTimeZoneId("Pacific/Apia", PeriodUnit.Day);
        ReportingPeriod skipped = ReportingPeriod.Containing(new DateOnly(2011, 12, 30), PeriodUnit.Day);
        Assert.Equal(Utc("2011-12-30T10:00:00"), apia.StartOf(skipped));
        Assert.Equal(apia.StartOf(skipped), apia.StartOf(skipped.Next()));
        Assert.Equal("2011-12-31", apia.PeriodOf(Utc("2011-12-30T10:00:00")).ToString());
        Assert.Equal("2011-12-29", apia.PeriodOf(Utc("2011-12-30T09:59:59")).ToString());
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("Europe/Copenhagn")]
    public void FromTimeZoneId_UnknownZone_ThrowsNamingTheId(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => ReportingCalendar.FromTimeZoneId(id));
        Assert.Contains($"'{id}'", ex.Message);
        Assert.Contains("IANA", ex.Message);
        Assert.Equal("timeZoneId", ex.ParamName);
    }

    [Fact]
    public void PeriodOf_TimeBeforeYearOneLocally_ThrowsClearly()
    {
        var ny = ReportingCalendar.FromTimeZoneId("America/New_York");
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ny.PeriodOf(DateTimeOffset.MinValue));
        Assert.Contains("before year 1", ex.Message);
        Assert.Contains("America/New_York", ex.Message);
    }

    [Fact]
    public void WithUnit_KeepsZone()
    {
        ReportingCalendar c = ReportingCalendar.FromTimeZoneId("Europe/Copenhagen").WithUnit(PeriodUnit.FiscalYear, 4);
        Assert.Equal("Europe/Copenhagen", c.TimeZoneId);
        Assert.Equal(PeriodUnit.FiscalYear, c.Unit);
        Assert.Equal(4, c.FiscalYearStartMonth);
        Assert.Equal(1, c.WithUnit(PeriodUnit.Month).FiscalYearStartMonth);
    }
}
