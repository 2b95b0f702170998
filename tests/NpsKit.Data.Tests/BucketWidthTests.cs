using NpsKit.Aggregation;

namespace NpsKit.Data.Tests;

public class BucketWidthTests
{
    /// <summary>
    /// The claim SQLite's UTC buckets rest on: since 1980 every local midnight of every zone this system knows falls on a
    /// 15-minute UTC mark (offsets are whole quarter hours — Nepal's +05:45, Chatham's +12:45/+13:45 included — and every
    /// day starts at midnight or at a transition that is itself on such a mark). Before that, historic offsets break it
    /// (Liberia's −0:44:30 until 1972, Amsterdam's +0:19:32 until 1937…), which the per-query check handles by narrowing.
    /// </summary>
    [Fact]
    public void EveryZone_SinceLateSeventies_StartsItsDaysOnQuarterHourMarks()
    {
        long from = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        long to = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var offenders = new List<string>();
        foreach (TimeZoneInfo zone in TimeZoneInfo.GetSystemTimeZones())
        {
            ReportingCalendar calendar = ReportingCalendar.FromTimeZoneId(zone.Id, PeriodUnit.Day);
            long width = NpsDb.SafeBucketWidth(calendar, from, to, NpsDb.SqliteBucketSeconds);
            if (width != NpsDb.SqliteBucketSeconds)
            {
                offenders.Add($"{zone.Id}: {width} s");
            }
        }

        Assert.True(TimeZoneInfo.GetSystemTimeZones().Count > 300, "the system should have the IANA database");
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("Africa/Monrovia", 1971, 1973)] // −0:44:30 until 1972-01-07
    [InlineData("Europe/Amsterdam", 1936, 1938)] // +0:19:32, then +0:20
    [InlineData("Asia/Kathmandu", 2025, 2027)]
    [InlineData("Pacific/Chatham", 2025, 2027)]
    [InlineData("Australia/Lord_Howe", 2025, 2027)] // half-hour DST
    public void SafeBucketWidth_DividesEveryPeriodStartInTheRange(string zoneId, int fromYear, int toYear)
    {
        ReportingCalendar calendar = ReportingCalendar.FromTimeZoneId(zoneId, PeriodUnit.Day);
        long from = new DateTimeOffset(fromYear, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        long to = new DateTimeOffset(toYear, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        long width = NpsDb.SafeBucketWidth(calendar, from, to, NpsDb.SqliteBucketSeconds);
        Assert.True(width >= 1 && NpsDb.SqliteBucketSeconds % width == 0);
        for (ReportingPeriod p = calendar.PeriodOf(DateTimeOffset.FromUnixTimeSeconds(from)).Next(); calendar.StartOf(p).ToUnixTimeSeconds() < to; p = p.Next())
        {
            Assert.Equal(0, calendar.StartOf(p).ToUnixTimeSeconds() % width);
        }
    }
}
