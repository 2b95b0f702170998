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

    /// <summary>A batch keeps quiet-hours answers only at its "now" (eight at most), and works out later candidate
    /// instants without storing them: more zones and quiet rules than it keeps, and contacts whose rest ends at night in
    /// some zones and by day in others, must give every decision a contact decided alone gives (outside a batch, where
    /// the thread's memo keeps any instant).</summary>
    [Fact]
    public void Batch_MoreZonesAndInstantsThanTheMemoKeeps_DecidesAsEachContactAlone()
    {
        string[] ids = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC", "Australia/Sydney", "Asia/Kolkata", "Pacific/Auckland",
            "America/Los_Angeles", "Europe/London", "America/Sao_Paulo", "Africa/Nairobi", "Asia/Singapore"];
        TimeZoneInfo[] zones = [.. ids.Select(TimeZones.FromId)];
        var policy = EligibilityPolicy.From(
            new MinimumGapRule(TimeSpan.FromDays(30), name: "rest"),
            new QuietHoursRule(new TimeOnly(21, 0), new TimeOnly(8, 0), [DayOfWeek.Sunday], name: "quiet"),
            new QuietHoursRule(new TimeOnly(12, 0), new TimeOnly(13, 30), name: "lunch"));
        DateTimeOffset now = At(2026, 5, 2, 12, 0);
        var requests = new List<EligibilityRequest>();
        for (int i = 0; i < 24 * 12; i++)
        {
            TimeZoneInfo zone = zones[i % zones.Length];
            // Every fourth contact was last invited 30 days minus a few hours ago: its rest ends at a different hour
            // (a one-off candidate instant), at night in some zones.
            ContactHistory history = i % 4 == 0 ? ContactHistory.From(ContactEvent.Invitation(now.AddDays(-30).AddHours(1 + (i % 23)), "shop")) : ContactHistory.Empty;
            requests.Add(new EligibilityRequest(new Contact("c" + i) { TimeZone = zone }, history, new SurveyTrigger("shop", now.AddHours(-1), ContactChannel.Email)));
        }

        EligibilityDecision[] alone = [.. requests.Select(r => policy.Decide(r.Contact, r.History, r.Trigger, now))];
        var batch = policy.DecideMany(requests, now).ToArray();
        for (int i = 0; i < alone.Length; i++)
        {
            Assert.Equal(alone[i].Outcome, batch[i].Outcome);
            Assert.Equal(alone[i].NextEligibleAt, batch[i].NextEligibleAt);
            Assert.Equal(alone[i].Findings.Select(f => f.RuleName), batch[i].Findings.Select(f => f.RuleName));
        }

        EligibilitySummary summary = policy.Summarize(requests, now);
        Assert.Equal(alone.Count(d => d.Outcome == EligibilityOutcome.Eligible), summary.Eligible);
        Assert.Equal(alone.Count(d => d.Outcome == EligibilityOutcome.Deferred), summary.Deferred);
        Assert.Equal(alone.Count(d => d.Findings.Any(f => f.RuleName == "quiet")), summary.DeferredByRule.GetValueOrDefault("quiet"));

        // Known answers at Saturday 12:00Z: 21:00 in Tokyo (quiet, then Sunday: Monday 08:00 JST = Sunday 23:00Z); 08:00
        // in New York (open); lunch in UTC (until 13:30Z). Contact 20 (London) was invited 30 days before Sunday
        // 09:00Z: its rest ends Sunday 10:00 BST, a quiet day, so Monday 08:00 BST = 07:00Z — a one-off instant.
        Assert.Equal(At(2026, 5, 3, 23, 0), batch[14].NextEligibleAt);
        Assert.Equal(EligibilityOutcome.Eligible, batch[13].Outcome);
        Assert.Equal(At(2026, 5, 2, 13, 30), batch[15].NextEligibleAt);
        Assert.Equal(At(2026, 5, 4, 7, 0), batch[20].NextEligibleAt);
    }

    [Fact]
    public void Memo_OfABatch_KeepsOnlyAnswersAtItsNowAndAtMostEight()
    {
        var rule = new QuietHoursRule(new TimeOnly(21, 0), new TimeOnly(8, 0));
        TimeZoneInfo[] zones = [.. new[] { "UTC", "Asia/Tokyo", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Pacific/Auckland", "Europe/London", "Asia/Singapore" }.Select(TimeZones.FromId)];
        long now = At(2026, 5, 2, 12, 0).UtcTicks;
        var memo = new QuietHoursRule.Memo(now);
        memo.Keep(rule, zones[0], now + 1, 0, 0);
        Assert.Equal(-1, memo.Find(rule, zones[0], now + 1)); // another instant: worked out, not kept
        for (int z = 0; z < zones.Length; z++)
        {
            memo.Keep(rule, zones[z], now, z, z + 100);
        }

        for (int z = 0; z < 8; z++)
        {
            int slot = memo.Find(rule, zones[z], now);
            Assert.True(slot >= 0);
            Assert.Equal(z + 100, memo.At(slot).Until);
        }

        Assert.Equal(-1, memo.Find(rule, zones[8], now)); // the ninth: no room, worked out each time
        Assert.Equal(-1, memo.Find(new QuietHoursRule(new TimeOnly(21, 0), new TimeOnly(8, 0)), zones[0], now)); // another rule
    }

    [Fact]
    public void Memo_OfAThread_KeepsAnyInstantAndKeepsAnswersAskedAgain()
    {
        var rule = new QuietHoursRule(new TimeOnly(21, 0), new TimeOnly(8, 0));
        TimeZoneInfo zone = TimeZones.FromId("Europe/Berlin");
        var memo = new QuietHoursRule.Memo();
        memo.Keep(rule, zone, 1, 10, 20);
        Assert.Equal(20, memo.At(memo.Find(rule, zone, 1)).Until); // asked again: marked used
        for (long t = 2; t < 12; t++)
        {
            memo.Keep(rule, zone, t, 0, 0); // ten one-off instants pass the hand
        }

        Assert.True(memo.Find(rule, zone, 1) >= 0); // second chance: the answer asked again stayed
        Assert.Equal(-1, memo.Find(rule, zone, 2)); // the oldest one-off went
    }
}
