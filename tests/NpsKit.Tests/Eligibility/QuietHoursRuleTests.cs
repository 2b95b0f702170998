using NpsKit.Eligibility;
using static NpsKit.Tests.Eligibility.EligibilityScenarios;

namespace NpsKit.Tests.Eligibility;

/// <summary>Quiet hours in the contact's own zone, across DST changes, month ends and leap days. Expected instants were
/// worked out by hand from the tz database transitions (Europe/Berlin 2026-03-29 01:00Z and 2026-10-25 01:00Z;
/// America/New_York 2026-03-08 07:00Z; Pacific/Auckland 2026-04-04 14:00Z) and checked with
/// <c>TZ=Europe/Berlin date -d @…</c> (GNU coreutils).</summary>
public class QuietHoursRuleTests
{
    private static DateTimeOffset Next(QuietHoursRule rule, string zone, DateTimeOffset now, out EligibilityDecision decision)
    {
        var policy = EligibilityPolicy.From(rule);
        var trigger = new SurveyTrigger("shop", now.AddDays(-1), ContactChannel.Email);
        decision = policy.Decide(new Contact("c").WithTimeZone(zone), ContactHistory.Empty, trigger, now);
        return decision.NextEligibleAt;
    }

    [Theory]
    [InlineData("Europe/Berlin", 2026, 3, 28, 22, 0, 2026, 3, 29, 6, 0)]     // Sat 23:00 CET -> Sun 08:00 CEST (spring forward)
    [InlineData("Europe/Berlin", 2026, 10, 24, 21, 0, 2026, 10, 25, 7, 0)]   // Sat 23:00 CEST -> Sun 08:00 CET (fall back)
    [InlineData("America/New_York", 2026, 3, 8, 3, 0, 2026, 3, 8, 12, 0)]    // Sat 22:00 EST -> Sun 08:00 EDT
    [InlineData("Pacific/Auckland", 2026, 4, 4, 9, 0, 2026, 4, 4, 20, 0)]    // Sat 22:00 NZDT -> Sun 08:00 NZST
    [InlineData("UTC", 2026, 1, 31, 23, 0, 2026, 2, 1, 8, 0)]                // month end
    [InlineData("UTC", 2028, 2, 28, 23, 0, 2028, 2, 29, 8, 0)]               // into a leap day
    [InlineData("Asia/Kolkata", 2026, 5, 1, 20, 0, 2026, 5, 2, 2, 30)]       // 01:30 IST -> 08:00 IST
    public void Decide_DuringNightQuietHours_DefersToLocalEightOClock(string zone, int y, int mo, int d, int h, int mi, int ey, int emo, int ed, int eh, int emi)
    {
        var rule = new QuietHoursRule(new TimeOnly(22, 0), new TimeOnly(8, 0));
        DateTimeOffset next = Next(rule, zone, At(y, mo, d, h, mi), out EligibilityDecision decision);
        Assert.Equal(EligibilityOutcome.Deferred, decision.Outcome);
        Assert.Equal(At(ey, emo, ed, eh, emi), next);
    }

    [Fact]
    public void Decide_QuietEndInSpringForwardGap_OpensAtFirstValidLocalTime()
    {
        var rule = new QuietHoursRule(new TimeOnly(0, 0), new TimeOnly(2, 30));
        // 2026-03-29 00:30 CET; 02:30 does not exist that night, the first valid local time is 03:00 CEST = 01:00Z.
        Assert.Equal(At(2026, 3, 29, 1, 0), Next(rule, "Europe/Berlin", At(2026, 3, 28, 23, 30), out _));
    }

    [Fact]
    public void Decide_QuietEndInFallBackOverlap_OpensAtTheEarlierInstant()
    {
        var rule = new QuietHoursRule(new TimeOnly(0, 0), new TimeOnly(2, 30));
        // 2026-10-25 00:30 CEST; 02:30 happens twice, first at 02:30 CEST = 00:30Z.
        Assert.Equal(At(2026, 10, 25, 0, 30), Next(rule, "Europe/Berlin", At(2026, 10, 24, 22, 30), out _));
    }

    [Fact]
    public void Decide_QuietSundayAfterQuietNight_DefersToMondayMorning()
    {
        var rule = new QuietHoursRule(new TimeOnly(22, 0), new TimeOnly(8, 0), [DayOfWeek.Sunday]);
        DateTimeOffset next = Next(rule, "UTC", At(2026, 5, 2, 23, 0), out EligibilityDecision d); // Saturday night
        Assert.Equal(At(2026, 5, 4, 8, 0), next);
        Assert.Contains("quiet hours", d.Findings[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_QuietLeapDay_DefersToMarchFirst()
    {
        var rule = new QuietHoursRule(new TimeOnly(0, 0), new TimeOnly(0, 0), [DayOfWeek.Tuesday]);
        DateTimeOffset next = Next(rule, "UTC", At(2028, 2, 29, 10, 0), out EligibilityDecision d); // 2028-02-29 is a Tuesday
        Assert.Equal(At(2028, 3, 1), next);
        Assert.Contains("Tuesday is a quiet day", d.Findings[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_RestPeriodEndingAtNight_IsDeferredFurtherToMorning()
    {
        var policy = EligibilityPolicy.From(
            new MinimumGapRule(TimeSpan.FromDays(1), name: "rest"),
            new QuietHoursRule(new TimeOnly(22, 0), new TimeOnly(8, 0), name: "quiet"));
        var history = ContactHistory.From(ContactEvent.Invitation(At(2028, 2, 28, 23, 0), "shop"));
        var contact = new Contact("c").WithTimeZone("UTC");
        var d = policy.Decide(contact, history, new SurveyTrigger("shop", At(2028, 2, 28), ContactChannel.Email), At(2028, 2, 29, 12, 0));
        Assert.Equal(At(2028, 3, 1, 8, 0), d.NextEligibleAt); // rest ends 02-29 23:00 (leap day), quiet until 03-01 08:00
        Assert.Equal(["rest", "quiet"], d.Findings.Select(f => f.RuleName));
    }

    [Fact]
    public void Decide_ContactWithoutZone_UsesFallbackZone()
    {
        var rule = new QuietHoursRule(new TimeOnly(22, 0), new TimeOnly(8, 0), fallbackTimeZone: TimeZones.FromId("Europe/Berlin"));
        var d = EligibilityPolicy.From(rule).Decide(new Contact("c"), ContactHistory.Empty, new SurveyTrigger("s", At(2026, 6, 1), ContactChannel.Email), At(2026, 6, 1, 21, 0));
        Assert.Equal(At(2026, 6, 2, 6, 0), d.NextEligibleAt);
    }

    [Fact]
    public void Constructor_AllDaysQuiet_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new QuietHoursRule(new TimeOnly(0, 0), new TimeOnly(0, 0), Enum.GetValues<DayOfWeek>()));
        Assert.Contains("seven days", ex.Message, StringComparison.Ordinal);
    }
}
