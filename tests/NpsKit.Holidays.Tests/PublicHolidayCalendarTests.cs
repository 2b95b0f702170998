using NpsKit.Eligibility;
using NpsKit.FollowUp;

namespace NpsKit.Holidays.Tests;

public class PublicHolidayCalendarTests
{
    private static readonly TimeZoneInfo Copenhagen = TimeZones.FromId("Europe/Copenhagen");

    // The Danish public holidays of 2026 (Helligdagsloven; Store Bededag abolished from 2024), plus Constitution Day and
    // Labour Day, which PublicHoliday counts by default: 1 Jan, 2-3 Apr (Maundy Thursday, Good Friday), 5-6 Apr (Easter),
    // 1 May, 14 May (Ascension), 24-25 May (Whitsun), 5 Jun, 25-26 Dec.
    [Fact]
    public void Denmark2026_AreTheHolidaysByLaw()
    {
        DateOnly[] expected = [new(2026, 1, 1), new(2026, 4, 2), new(2026, 4, 3), new(2026, 4, 5), new(2026, 4, 6), new(2026, 5, 1), new(2026, 5, 14), new(2026, 5, 24), new(2026, 5, 25), new(2026, 6, 5), new(2026, 12, 25), new(2026, 12, 26)];
        Assert.Equal(expected, PublicHolidayCalendar.For("dk").HolidaysIn(2026));
        Assert.DoesNotContain(new DateOnly(2024, 4, 26), PublicHolidayCalendar.For("DK").HolidaysIn(2024)); // Store Bededag 2024: abolished
        Assert.Contains(new DateOnly(2023, 5, 5), PublicHolidayCalendar.For("DK").HolidaysIn(2023));
        Assert.False(PublicHolidayCalendar.Denmark(includeLabourDay: false).IsHoliday(new DateOnly(2026, 5, 1)));
    }

    // Issue #16 defect: a Whit Monday not typed in by hand silently shifted a due time. Answer Fri 22 May 2026 15:00
    // Copenhagen, SLA 8 business hours (Mon-Fri 09-17): Fri 15-17 = 2 h; Mon 25 May is Whit Monday; Tue 26 May 09:00 + 6 h = 15:00.
    [Fact]
    public void WhitMonday_FromTheCalendar_MovesTheDueTimeToTuesday()
    {
        var options = new FollowUpOptions
        {
            Sla = TimeSpan.FromHours(8),
            SlaClock = SlaClock.BusinessHours,
            Calendar = BusinessCalendar.Standard.WithHolidayCalendar(PublicHolidayCalendar.For("DK")),
            DefaultOwner = new FollowUpOwner("care-dk", Copenhagen),
        };
        FollowUpTask task = FollowUpPlanner.CreateTasks([new FollowUpResponse("r1", "p1", 2, new DateTimeOffset(2026, 5, 22, 13, 0, 0, TimeSpan.Zero))], options).Single();
        Assert.Equal(new DateTimeOffset(2026, 5, 26, 13, 0, 0, TimeSpan.Zero), task.DueAt);
    }

    [Fact]
    public void CompanyClosingDays_CombineWithPublicHolidays()
    {
        BusinessCalendar c = BusinessCalendar.Standard.WithHolidays([new DateOnly(2026, 12, 24)]).WithHolidayCalendar(PublicHolidayCalendar.For("DK"));
        Assert.False(c.IsWorkingDay(new DateOnly(2026, 12, 24))); // company
        Assert.False(c.IsWorkingDay(new DateOnly(2026, 12, 25))); // public
        Assert.True(c.IsWorkingDay(new DateOnly(2026, 12, 23)));
        Assert.False(c.WithHolidays([new DateOnly(2026, 12, 31)]).IsWorkingDay(new DateOnly(2026, 12, 25))); // calendars survive WithHolidays
    }

    [Fact]
    public void Regions_AreHonouredWhereTheLawDiffers()
    {
        var corpusChristi = new DateOnly(2026, 6, 4);
        Assert.True(PublicHolidayCalendar.For("DE", "BY").IsHoliday(corpusChristi));   // Bavaria
        Assert.False(PublicHolidayCalendar.For("DE", "BE").IsHoliday(corpusChristi));  // Berlin
        Assert.True(PublicHolidayCalendar.For("GB", "Scotland").IsHoliday(new DateOnly(2026, 1, 2)));
        Assert.False(PublicHolidayCalendar.For("GB").IsHoliday(new DateOnly(2026, 1, 2)));  // England
    }

    [Fact]
    public void UnknownCountryOrRegion_IsAnErrorNamingWhatIsAllowed()
    {
        Assert.Contains("DK", Assert.Throws<ArgumentException>(() => PublicHolidayCalendar.For("XX")).Message, StringComparison.Ordinal);
        Assert.Contains("no regions", Assert.Throws<ArgumentException>(() => PublicHolidayCalendar.For("DK", "Hovedstaden")).Message, StringComparison.Ordinal);
        Assert.Contains("BY", Assert.Throws<ArgumentException>(() => PublicHolidayCalendar.For("DE", "Atlantis")).Message, StringComparison.Ordinal);
        Assert.Equal(38, PublicHolidayCalendar.SupportedCountries.Count);
        foreach (string country in PublicHolidayCalendar.SupportedCountries)
        {
            Assert.NotEmpty(PublicHolidayCalendar.For(country).HolidaysIn(2026));
        }
    }
}
