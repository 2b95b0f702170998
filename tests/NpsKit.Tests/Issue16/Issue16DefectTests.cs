using System.Runtime.CompilerServices;
using NpsKit.Economics;
using NpsKit.Eligibility;
using NpsKit.FollowUp;
using NpsKit.Serialization;

namespace NpsKit.Tests.Issue16;

/// <summary>One known-answer test per defect named by issue #16, each computed by hand (the arithmetic is in the comments).</summary>
public class Issue16DefectTests
{
    private static readonly DateTimeOffset June1 = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    private static EligibilityRequest B2b(string id, string account, DateTimeOffset now) =>
        new(new Contact(id) { AccountId = account }, ContactHistory.Empty, new SurveyTrigger("b2b", now, ContactChannel.Email), ContactHistory.Empty);

    // Defect: two contacts of one B2B account both come out Eligible in one DecideMany (the cap counted history only).
    [Fact]
    public void AccountCap_TwoContactsOfOneAccountInOneBatch_OnlyTheFirstIsEligible()
    {
        var policy = EligibilityPolicy.From(new AccountCapRule(1, TimeSpan.FromDays(91), name: "account"));
        EligibilityRequest[] batch = [B2b("anna", "acme", June1), B2b("bo", "acme", June1), B2b("cy", "globex", June1)];

        EligibilityDecision[] decisions = [.. policy.DecideMany(batch, June1)];

        Assert.Equal([EligibilityOutcome.Eligible, EligibilityOutcome.Deferred, EligibilityOutcome.Eligible], decisions.Select(d => d.Outcome));
        Assert.Equal(June1.AddDays(91), decisions[1].NextEligibleAt); // anna's invitation (now) leaves the 91-day window
        Assert.Equal("account", decisions[1].Findings.Single().RuleName);
    }

    [Fact]
    public void AccountCap_TwoContactsOfOneAccountInOneBatch_SummaryCountsOneEligible()
    {
        var policy = EligibilityPolicy.From(new AccountCapRule(1, TimeSpan.FromDays(91), name: "account"));
        EligibilitySummary s = policy.Summarize([B2b("anna", "acme", June1), B2b("bo", "acme", June1)], June1);
        Assert.Equal(1, s.Eligible);
        Assert.Equal(1, s.Deferred);
        Assert.Equal(1, s.DeferredByRule["account"]);
    }

    // Defect: AccountCapRule passes silently when no account history is supplied.
    [Fact]
    public void AccountCap_AccountMemberWithoutAccountHistory_FailsClosedWithAClearError()
    {
        var policy = EligibilityPolicy.From(new AccountCapRule(1, TimeSpan.FromDays(91), name: "account"));
        var request = new EligibilityRequest(new Contact("anna") { AccountId = "acme" }, ContactHistory.Empty, new SurveyTrigger("b2b", June1, ContactChannel.Email));
        var ex = Assert.Throws<ArgumentException>(() => policy.Decide(in request, June1));
        Assert.Contains("anna", ex.Message, StringComparison.Ordinal);
        Assert.Contains("acme", ex.Message, StringComparison.Ordinal);
        Assert.Contains("account history", ex.Message, StringComparison.Ordinal);
    }

    // Defect: a contact with no time zone is judged in UTC silently: 09:00 UTC is 05:00 in New York, inside quiet hours 21-08.
    [Fact]
    public void QuietHours_ContactWithoutZoneAndNoPolicyFallback_IsAnErrorNotSilentUtc()
    {
        var policy = EligibilityPolicy.From(new QuietHoursRule(new TimeOnly(21, 0), new TimeOnly(8, 0)));
        DateTimeOffset now = Utc(2026, 6, 1, 9);
        var ex = Assert.Throws<ArgumentException>(() => policy.Decide(new Contact("us-1"), ContactHistory.Empty, new SurveyTrigger("shop", now, ContactChannel.Email), now));
        Assert.Contains("us-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("time zone", ex.Message, StringComparison.Ordinal);
    }

    // Defect: "6 months" was a fixed number of days: 31 Aug + 182 days = 1 Mar. As calendar months (BCL AddMonths,
    // clamped to the month's last day) 31 Aug 2026 + 6 months = 28 Feb 2027.
    [Fact]
    public void MinimumGap_SixCalendarMonthsFrom31August_EndOn28February()
    {
        EligibilityPolicy policy = NpsJson.DeserializeEligibilityPolicy("""
            { "format": "npskit.eligibilityPolicy", "version": 2,
              "rules": [ { "kind": "minimumGap", "name": "six months", "gap": "P6M", "clock": "SinceInvitation" } ] }
            """);
        Contact c = new Contact("c1").WithTimeZone("UTC");
        var history = ContactHistory.From(ContactEvent.Invitation(Utc(2026, 8, 31, 10), "shop"));
        DateTimeOffset before = Utc(2027, 2, 28, 9, 59);
        EligibilityDecision early = policy.Decide(c, history, new SurveyTrigger("shop", before, ContactChannel.Email), before);
        Assert.Equal(EligibilityOutcome.Deferred, early.Outcome);
        Assert.Equal(Utc(2027, 2, 28, 10), early.NextEligibleAt);
        DateTimeOffset at = Utc(2027, 2, 28, 10);
        Assert.True(policy.Decide(c, history, new SurveyTrigger("shop", at, ContactChannel.Email), at).IsEligible);
    }

    // Defect: "more than" was treated as "at least". Exactly 4 months after the last invitation is not more than 4 months.
    [Fact]
    public void MinimumGap_MoreThanFourMonths_ExactlyFourMonthsIsNotEnough()
    {
        EligibilityPolicy policy = NpsJson.DeserializeEligibilityPolicy("""
            { "version": 2, "rules": [ { "kind": "minimumGap", "gap": "P4M", "boundary": "moreThan" } ] }
            """);
        Contact c = new Contact("c1").WithTimeZone("UTC");
        var history = ContactHistory.From(ContactEvent.Invitation(Utc(2026, 1, 10, 14), "shop"));
        DateTimeOffset exactly = Utc(2026, 5, 10, 14);
        EligibilityDecision d = policy.Decide(c, history, new SurveyTrigger("shop", exactly, ContactChannel.Email), exactly);
        Assert.Equal(EligibilityOutcome.Deferred, d.Outcome);
        Assert.Equal(exactly.AddTicks(1), d.NextEligibleAt);
    }

    // Defect: no calendar windows: "once per account per calendar quarter". Invited 15 Mar 2027; on 2 Apr a new quarter
    // has begun in Copenhagen (a rolling 91 days would defer to 14 Jun).
    [Fact]
    public void AccountCap_OncePerCalendarQuarter_ANewQuarterOpensAtLocalMidnight()
    {
        EligibilityPolicy policy = NpsJson.DeserializeEligibilityPolicy("""
            { "version": 2, "rules": [ { "kind": "accountCap", "name": "quarter", "maxInvitations": 1, "window": "calendarQuarter", "zone": "Europe/Copenhagen" } ] }
            """);
        var account = ContactHistory.From(ContactEvent.Invitation(Utc(2027, 3, 15, 9), "b2b"));
        EligibilityRequest Ask(DateTimeOffset now) => new(new Contact("anna") { AccountId = "acme" }, ContactHistory.Empty, new SurveyTrigger("b2b", now, ContactChannel.Email), account);

        EligibilityDecision march = policy.Decide(Ask(Utc(2027, 3, 31, 8)), Utc(2027, 3, 31, 8));
        Assert.Equal(EligibilityOutcome.Deferred, march.Outcome);
        Assert.Equal(Utc(2027, 3, 31, 22), march.NextEligibleAt); // 1 Apr 00:00 CEST (UTC+2 since 28 Mar)
        Assert.True(policy.Decide(Ask(Utc(2027, 4, 2, 8)), Utc(2027, 4, 2, 8)).IsEligible);
    }

    // Defect: escalation ran on calendar time under a business-hours SLA. Answer Fri 8 May 2026 15:00 Berlin, SLA 8
    // business hours (Mon-Fri 09-17): due Mon 15:00. Rung 1 four business hours later: Mon 15-17 + Tue 09-11 = Tue 11:00.
    [Fact]
    public void Escalation_UnderBusinessHoursSla_RunsOnBusinessHours()
    {
        FollowUpTask task = BusinessHoursTask(out FollowUpOptions options);
        Assert.Equal(Utc(2026, 5, 11, 13), task.DueAt);
        FollowUpTask evening = task.EscalateIfOverdue(Utc(2026, 5, 11, 18), options.Escalation); // Mon 20:00 Berlin: 2 business hours late
        Assert.Equal(FollowUpState.Open, evening.State);
        FollowUpTask tuesday = task.EscalateIfOverdue(Utc(2026, 5, 12, 9), options.Escalation); // Tue 11:00 Berlin
        Assert.Equal(FollowUpState.Escalated, tuesday.State);
    }

    // Defect: time to first contact was calendar time (69 h) against an 8-business-hour SLA; on the SLA's clock it is
    // Fri 15-17 (2 h) + Mon 09-12 (3 h) = 5 h.
    [Fact]
    public void TimeToFirstContact_UnderBusinessHoursSla_IsBusinessTime()
    {
        FollowUpTask task = BusinessHoursTask(out _).MarkContacted(Utc(2026, 5, 11, 10));
        FollowUpReport report = FollowUpReport.From([task], Utc(2026, 5, 12));
        Assert.Equal(TimeSpan.FromHours(5), report.MedianTimeToFirstContact);
    }

    // Defect: churn cost added a churner's lost lifetime value and its replacement cost: 18,941,568 + 7,660,800 = 26,602,368
    // for the docs' example. The default model counts the value lost only.
    [Fact]
    public void ChurnCost_DocsExample_DoesNotCountAChurnerTwice()
    {
        CustomerValueModel model = CustomerValueModel.From(EconomicsOptions());
        ChurnCostBreakdown churn = model.ChurnCost(CustomerMix.FromSample(NpsTally.FromHistogram([10, 10, 15, 25, 35, 80, 95, 150, 168, 200, 212]), 120_000));
        Assert.Equal(18_941_568m, decimal.Round(churn.Total.Amount, 2));
    }

    // Defect: a negative margin was allowed by FromRetention and rejected by FromSubscription. One rule: margins may be
    // negative (a loss-making customer). 50 × -0.1 / (0.02 + 0.01) = -166.67.
    [Fact]
    public void NegativeMargin_OneRuleForEveryConstructor()
    {
        ClvEstimate retention = CustomerLifetimeValue.FromRetention(Money.From(-5m, "USD"), 0.98, 0.01, RatePeriod.Month);
        ClvEstimate subscription = CustomerLifetimeValue.FromSubscription(Money.From(50m, "USD"), -0.1, 0.02, 0.01, RatePeriod.Month);
        Assert.True(retention.Value.Amount < 0);
        Assert.Equal(-166.67m, decimal.Round(subscription.Value.Amount, 2));
    }

    // Defect: the rate period of the options defaulted to a year, so a monthly rate could be labelled yearly by omission.
    [Fact]
    public void RatePeriod_IsARequiredPartOfTheOptions()
    {
        Assert.True(typeof(CustomerValueOptions).GetProperty(nameof(CustomerValueOptions.Period))!.IsDefined(typeof(RequiredMemberAttribute), false));
    }

    private static CustomerValueOptions EconomicsOptions()
    {
        static Money Usd(decimal a) => Money.From(a, "USD");
        return new CustomerValueOptions
        {
            Period = RatePeriod.Year,
            DiscountRate = 0.10,
            GrossMarginRate = 0.40,
            AcquisitionCost = Usd(300m),
            Promoters = new CategoryProfile { Retention = 0.90, SpendPerPeriod = Usd(1200m), CostToServePerPeriod = Usd(60m), WordOfMouthValue = Usd(42m) },
            Passives = new CategoryProfile { Retention = 0.80, SpendPerPeriod = Usd(1000m), CostToServePerPeriod = Usd(80m) },
            Detractors = new CategoryProfile { Retention = 0.60, SpendPerPeriod = Usd(900m), CostToServePerPeriod = Usd(150m), WordOfMouthValue = Usd(-30m) },
        };
    }

    private static FollowUpTask BusinessHoursTask(out FollowUpOptions options)
    {
        options = new FollowUpOptions
        {
            Sla = TimeSpan.FromHours(8),
            SlaClock = SlaClock.BusinessHours,
            DefaultOwner = new FollowUpOwner("care", TimeZones.FromId("Europe/Berlin")),
            Escalation = [new EscalationStep(TimeSpan.FromHours(4), "lead")],
        };
        return FollowUpPlanner.CreateTasks([new FollowUpResponse("r1", "p1", 3, Utc(2026, 5, 8, 13))], options).Single();
    }
}
