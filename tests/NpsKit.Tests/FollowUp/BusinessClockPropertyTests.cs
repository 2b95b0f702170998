using FsCheck.Fluent;
using NpsKit.Eligibility;
using NpsKit.FollowUp;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.FollowUp;

/// <summary>Issue #16: business-time clocks are monotone and agree with a brute-force minute-by-minute reference across
/// daylight-saving changes and holidays (seeded FsCheck; replay with NPSKIT_FSCHECK_SEED).</summary>
public class BusinessClockPropertyTests
{
    private static readonly TimeZoneInfo Berlin = TimeZones.FromId("Europe/Berlin");

    // Around both 2026 changes in Berlin (29 Mar, 25 Oct), with a night window that straddles the changed hour.
    private static readonly DateTimeOffset[] Anchors = [new(2026, 3, 26, 0, 0, 0, TimeSpan.Zero), new(2026, 10, 22, 0, 0, 0, TimeSpan.Zero)];

    private static BusinessCalendar Calendar(bool night, int holidayOffset) =>
        (night
            ? BusinessCalendar.From(new TimeOnly(1, 0), new TimeOnly(4, 0), Enum.GetValues<DayOfWeek>())
            : BusinessCalendar.Standard)
        .WithHolidayCalendar(new HolidayList("test", [DateOnly.FromDateTime(Anchors[0].UtcDateTime).AddDays(holidayOffset), DateOnly.FromDateTime(Anchors[1].UtcDateTime).AddDays(holidayOffset)]));

    /// <summary>The end of the n-th working minute at or after <paramref name="start"/>, walking minute by minute.</summary>
    private static DateTimeOffset BruteForceAdd(BusinessCalendar c, DateTimeOffset start, int minutes)
    {
        if (minutes == 0)
        {
            // Zero working time: the first working instant at or after start.
            for (DateTimeOffset m = start; ; m = m.AddMinutes(1))
            {
                if (IsWorkingMinute(c, m))
                {
                    return m;
                }
            }
        }

        int seen = 0;
        for (DateTimeOffset m = start; ; m = m.AddMinutes(1))
        {
            if (IsWorkingMinute(c, m) && ++seen == minutes)
            {
                return m.AddMinutes(1);
            }
        }
    }

    private static bool IsWorkingMinute(BusinessCalendar c, DateTimeOffset minute)
    {
        DateTime local = TimeZoneInfo.ConvertTimeFromUtc(minute.UtcDateTime, Berlin);
        var time = TimeOnly.FromDateTime(local);
        return c.IsWorkingDay(DateOnly.FromDateTime(local)) && time >= c.WorkStart && time < c.WorkEnd;
    }

    [Fact]
    public void AddWorkingTime_EqualsTheMinuteByMinuteReference() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(0, 1).ToArbitrary(), Gen.Choose(0, 60 * 24 * 6).ToArbitrary(), Gen.Choose(0, 60 * 14).Zip(Gen.Choose(0, 7)).Zip(Gen.Elements(true, false)).ToArbitrary(), (anchor, offset, rest) =>
        {
            ((int minutes, int holiday), bool night) = rest;
            BusinessCalendar c = Calendar(night, holiday);
            DateTimeOffset start = Anchors[anchor].AddMinutes(offset);
            DateTimeOffset end = c.AddWorkingTime(start, TimeSpan.FromMinutes(minutes), Berlin);
            return end == BruteForceAdd(c, start, minutes)
                && c.WorkingTimeBetween(start, end, Berlin) == TimeSpan.FromMinutes(minutes);
        }),
        maxTest: 150);

    [Fact]
    public void BusinessClock_IsMonotoneInStartAndDuration() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(0, 60 * 24 * 6).Zip(Gen.Choose(0, 60 * 24)).ToArbitrary(), Gen.Choose(0, 60 * 20).Zip(Gen.Choose(0, 60 * 20)).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (starts, durations, night) =>
        {
            BusinessCalendar c = Calendar(night, 1);
            DateTimeOffset a = Anchors[1].AddMinutes(starts.Item1), b = a.AddMinutes(starts.Item2);
            TimeSpan d1 = TimeSpan.FromMinutes(Math.Min(durations.Item1, durations.Item2)), d2 = TimeSpan.FromMinutes(Math.Max(durations.Item1, durations.Item2));
            return c.AddWorkingTime(a, d1, Berlin) <= c.AddWorkingTime(a, d2, Berlin)
                && c.AddWorkingTime(a, d1, Berlin) <= c.AddWorkingTime(b, d1, Berlin)
                && c.WorkingTimeBetween(a, b, Berlin) <= c.WorkingTimeBetween(a, b.AddMinutes(durations.Item1), Berlin);
        }));

    [Fact]
    public void ClosedWithinSla_AndTimeToClose_RunOnTheSlaClock()
    {
        // Answer Fri 8 May 2026 15:00 Berlin; first-contact SLA 8 business hours (due Mon 15:00), close SLA 16 (due Tue 15:00).
        var options = new FollowUpOptions
        {
            Sla = TimeSpan.FromHours(8),
            CloseSla = TimeSpan.FromHours(16),
            SlaClock = SlaClock.BusinessHours,
            DefaultOwner = new FollowUpOwner("care", Berlin),
        };
        FollowUpTask[] tasks = [.. FollowUpPlanner.CreateTasks(
            [new FollowUpResponse("a", "p1", 2, new DateTimeOffset(2026, 5, 8, 13, 0, 0, TimeSpan.Zero)), new FollowUpResponse("b", "p2", 2, new DateTimeOffset(2026, 5, 8, 13, 0, 0, TimeSpan.Zero))], options)];
        Assert.Equal(new DateTimeOffset(2026, 5, 12, 13, 0, 0, TimeSpan.Zero), tasks[0].CloseDueAt);
        FollowUpTask onTime = tasks[0].MarkContacted(new DateTimeOffset(2026, 5, 11, 8, 0, 0, TimeSpan.Zero)).Close(new DateTimeOffset(2026, 5, 12, 12, 0, 0, TimeSpan.Zero));
        FollowUpTask late = tasks[1].MarkContacted(new DateTimeOffset(2026, 5, 11, 8, 0, 0, TimeSpan.Zero)).Close(new DateTimeOffset(2026, 5, 13, 8, 0, 0, TimeSpan.Zero));
        Assert.True(onTime.ClosedWithinSla);
        Assert.Equal(TimeSpan.FromHours(15), onTime.TimeToClose); // Fri 2 + Mon 8 + Tue 5 (09-14)
        Assert.False(late.ClosedWithinSla);
        FollowUpReport report = FollowUpReport.From([onTime, late], new DateTimeOffset(2026, 5, 14, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, report.CloseSlaDecided);
        Assert.Equal(1, report.ClosedWithinSla);
        Assert.Equal(0.5, report.ClosedWithinSlaShare);
        Assert.Equal(2, report.ContactedWithinSla);
    }

    [Fact]
    public void ClosedLoopRecovery_KnownCounts_WilsonAndNewcombeIntervals()
    {
        // 10 detractors with a closed loop, 7 come back passive or better; 10 without, 3 do. Wilson 95% for 7/10:
        // 0.3968-0.8922; for 3/10: 0.1078-0.6032 (R: prop.test(7, 10, correct = FALSE)$conf.int). Newcombe's difference
        // 0.4: L = 0.4 - sqrt((0.7-0.3968)^2 + (0.6032-0.3)^2) = -0.0288; U = 0.4 + sqrt((0.8922-0.7)^2 + (0.3-0.1078)^2) = 0.6718.
        var responses = new List<FollowUpResponse>();
        var tasks = new List<FollowUpTask>();
        var t0 = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var options = new FollowUpOptions { DefaultOwner = new FollowUpOwner("care", Berlin) };
        for (int i = 0; i < 20; i++)
        {
            var first = new FollowUpResponse("d" + i, "p" + i, 3, t0);
            bool closedLoop = i < 10;
            bool recovered = closedLoop ? i < 7 : i < 13;
            responses.Add(first);
            responses.Add(new FollowUpResponse("n" + i, "p" + i, recovered ? 9 : 4, t0.AddDays(60)));
            FollowUpTask task = FollowUpPlanner.CreateTasks([first], options).Single().MarkContacted(t0.AddHours(2));
            tasks.Add(closedLoop ? task.Close(t0.AddHours(3)) : task);
        }

        ClosedLoopRecovery r = ClosedLoopRecovery.From(responses, tasks);
        Assert.Equal((7L, 10L), (r.Closed.Recovered, r.Closed.Total));
        Assert.Equal((3L, 10L), (r.NotClosed.Recovered, r.NotClosed.Total));
        Assert.Equal(0.3968, r.Closed.Lower, 4);
        Assert.Equal(0.8922, r.Closed.Upper, 4);
        Assert.Equal(0.4, r.Difference, 12);
        Assert.Equal(-0.0288, r.DifferenceLower, 3);
        Assert.Equal(0.6718, r.DifferenceUpper, 3);
        ClosedLoopRecovery promoters = ClosedLoopRecovery.From(responses, tasks, NpsCategory.Promoter);
        Assert.Equal(7, promoters.Closed.Recovered);
    }
}
