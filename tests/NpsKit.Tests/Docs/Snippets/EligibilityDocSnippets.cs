using NpsKit.Eligibility;

namespace NpsKit.Tests.Docs.Snippets;

/// <summary>The C# blocks of docs/eligibility.md, compiled and run; <see cref="ReadmeTests"/> checks the document shows them.</summary>
[UseInvariantCulture]
public class EligibilityDocSnippets
{
    private static readonly DateTimeOffset BatchNow = new(2026, 5, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WebShopScenario_IsBlockedForTheReasonsTheCommentsGive()
    {
        #region eligibility-web-shop
        var policy = EligibilityPolicy.From(
            new MinimumGapRule(TimeSpan.FromDays(182), name: "6-month rest"),
            new TriggerTimingRule(delay: TimeSpan.FromDays(1), expiry: TimeSpan.FromDays(14), name: "1 day after purchase"),
            new QuietHoursRule(new TimeOnly(21, 0), new TimeOnly(8, 0), [DayOfWeek.Sunday], name: "quiet"));

        var contact = new Contact("c-1042").WithTimeZone("Europe/Berlin");
        var history = ContactHistory.From(ContactEvent.Invitation(new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero), "shop", ContactChannel.Email));
        var purchase = new SurveyTrigger("shop", new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero), ContactChannel.Email, "purchase");

        EligibilityDecision d = policy.Decide(contact, history, purchase, now: new(2026, 5, 2, 12, 0, 0, TimeSpan.Zero));
        // Blocked: the rest period ends 2026-07-11 08:00 UTC, after the trigger expires (2026-05-16 09:00 UTC).
        // d.Findings lists both "6-month rest" (deferred, with its end) and "1 day after purchase" (blocked, expired).
        #endregion

        Assert.Equal(EligibilityOutcome.Blocked, d.Outcome);
        EligibilityFinding rest = Assert.Single(d.Findings, f => f.RuleName == "6-month rest");
        Assert.Equal((EligibilityOutcome.Deferred, new DateTimeOffset(2026, 7, 11, 8, 0, 0, TimeSpan.Zero)), (rest.Effect, rest.Until));
        Assert.Equal(EligibilityOutcome.Blocked, Assert.Single(d.Findings, f => f.RuleName == "1 day after purchase").Effect);

        // "Without the expiry the same contact would be Deferred with NextEligibleAt = 2026-07-11 08:00 UTC."
        var withoutExpiry = EligibilityPolicy.From(policy.Rules.Where(r => r.Name != "1 day after purchase").ToArray());
        EligibilityDecision later = withoutExpiry.Decide(contact, history, purchase, now: new(2026, 5, 2, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal((EligibilityOutcome.Deferred, new DateTimeOffset(2026, 7, 11, 8, 0, 0, TimeSpan.Zero)), (later.Outcome, later.NextEligibleAt));
    }

    [Fact]
    public void FourMonthsSinceLastAnswer_DefersFromTheAnswerNotTheIgnoredInvitation()
    {
        #region eligibility-last-answer
        var policy = EligibilityPolicy.From(
            new MinimumGapRule(TimeSpan.FromDays(122), RestClock.SinceResponse, name: "4 months since last answer"),
            new MinimumGapRule(TimeSpan.FromDays(30), RestClock.SinceInvitation, name: "30 days since last invitation"));
        #endregion

        // The prose: answered on 2026-04-02 → deferred to 2026-08-02; an invitation ignored on 2026-04-01 starts only the 30-day clock.
        var answered = ContactHistory.From(ContactEvent.Response(new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero), "nps"));
        var trigger = new SurveyTrigger("nps", new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero), ContactChannel.Email);
        EligibilityDecision d = policy.Decide(new Contact("c-1"), answered, trigger, now: trigger.OccurredAt);
        Assert.Equal((EligibilityOutcome.Deferred, new DateTimeOffset(2026, 8, 2, 10, 0, 0, TimeSpan.Zero)), (d.Outcome, d.NextEligibleAt));

        var ignored = ContactHistory.From(ContactEvent.Invitation(new(2026, 4, 1, 10, 0, 0, TimeSpan.Zero), "nps"));
        var soon = new SurveyTrigger("nps", new(2026, 4, 15, 10, 0, 0, TimeSpan.Zero), ContactChannel.Email);
        EligibilityDecision e = policy.Decide(new Contact("c-2"), ignored, soon, now: soon.OccurredAt);
        Assert.Equal((EligibilityOutcome.Deferred, new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero)), (e.Outcome, e.NextEligibleAt));
        Assert.Equal("30 days since last invitation", Assert.Single(e.Findings, f => f.Effect == EligibilityOutcome.Deferred).RuleName);
    }

    [Fact]
    public void B2bRotation_PlansTenAccountsAMonthAndCapsAnAccount()
    {
        var output = new StringWriter();

        #region eligibility-b2b
        RotationAccount[] accounts = LoadAccounts(); // 100 accounts with revenue and tier A/B/C
        var options = new RotationOptions { Start = new DateOnly(2026, 1, 1), MonthlyQuota = 10, RestMonths = 3, Seed = 42 };
        RotationPlan plan = RotationPlanner.Plan(accounts, options);
        foreach (RotationMonth m in plan.Months)
        {
            output.WriteLine($"{m.Month:yyyy-MM}: {m.AccountIds.Count} accounts, {m.RevenueShare:P1} of revenue, {m.CumulativeRevenueShare:P1} so far");
        }

        // Next month two accounts are won and one is lost: existing slots stay where they are.
        RotationAccount[] changedAccounts =
            [.. accounts.Where(a => a.Id != "acct-042"), new("acct-101", 80_000m, AccountTier.B), new("acct-102", 15_000m, AccountTier.C)];
        RotationPlan updated = RotationPlanner.Plan(changedAccounts, options, previous: plan);

        // Bob at acme was asked on 12 January, so Alice at acme waits until the quarter has passed.
        var b2bPolicy = EligibilityPolicy.From(new AccountCapRule(1, TimeSpan.FromDays(91), name: "one contact per account per quarter"));
        var acmeHistory = ContactHistory.From(ContactEvent.Invitation(new(2026, 1, 12, 9, 0, 0, TimeSpan.Zero), "b2b"));
        var trigger = new SurveyTrigger("b2b", new(2026, 2, 2, 9, 0, 0, TimeSpan.Zero), ContactChannel.Email);
        var decision = b2bPolicy.Decide(new Contact("alice") { AccountId = "acme" }, ContactHistory.Empty, trigger, trigger.OccurredAt, accountHistory: acmeHistory);
        // alice: Deferred until 2026-04-13 09:00 UTC (12 January + 91 days)
        #endregion

        string[] lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(10, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^2026-\d\d: 10 accounts, \d+\.\d ?% of revenue, \d+\.\d ?% so far$", l));
        Assert.Equal(1.0, plan.Months[^1].CumulativeRevenueShare, 1e-9);
        Assert.All(plan.Months, m => Assert.InRange(m.RevenueShare, 0.08, 0.12));
        foreach (RotationAccount kept in changedAccounts.Where(a => plan.TryGetAssignment(a.Id, out _)))
        {
            Assert.True(plan.TryGetAssignment(kept.Id, out RotationAssignment before));
            Assert.True(updated.TryGetAssignment(kept.Id, out RotationAssignment after));
            Assert.Equal(before, after);
        }

        Assert.True(updated.TryGetAssignment("acct-101", out _) && updated.TryGetAssignment("acct-102", out _));
        Assert.False(updated.TryGetAssignment("acct-042", out _));
        Assert.Equal((EligibilityOutcome.Deferred, new DateTimeOffset(2026, 4, 13, 9, 0, 0, TimeSpan.Zero)), (decision.Outcome, decision.NextEligibleAt));
    }

    [Fact]
    public async Task Batches_CountAndDecideTheSameRequests()
    {
        var policy = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(90), name: "90-day rest"));
        EligibilityRequest[] requests = Requests();
        IAsyncEnumerable<EligibilityRequest> stream = requests.ToAsyncEnumerable();
        DateTimeOffset now = BatchNow;
        var output = new StringWriter();

        #region eligibility-batches
        EligibilitySummary s = policy.Summarize(requests, now);          // IEnumerable<EligibilityRequest>
        EligibilitySummary s2 = await policy.SummarizeAsync(stream, now); // IAsyncEnumerable<EligibilityRequest>
        foreach (EligibilityDecision d in policy.DecideMany(requests, now)) // lazily, with reasons
        {
            if (!d.IsEligible)
            {
                output.WriteLine(d);
            }
        }
        #endregion

        Assert.Equal((3L, 1L, 2L, 0L), (s.Total, s.Eligible, s.Deferred, s.Blocked));
        Assert.Equal(s.ToString(), s2.ToString());
        Assert.Equal(2, s.DeferredByRule["90-day rest"]);
        string[] lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(["c-2: Deferred until", "c-3: Deferred until"], lines.Select(l => l[..19]));
    }

    [Fact]
    public void WhatIf_ReplaysEveryHistoricalInvitation()
    {
        var newPolicy = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(90), name: "90-day rest"));
        EligibilityRequest[] contacts = Requests();

        #region eligibility-what-if
        WhatIfReport r = WhatIfReplay.Replay(newPolicy, contacts.Select(c => (c.Contact, c.History)));
        // r.Attempted, r.SentOnTime, r.SentLater, r.Suppressed, r.StoppedByRule
        #endregion

        // c-2 was invited twice 31 days apart and c-3 three times a month apart; the 90-day rest stops the repeats.
        Assert.Equal(5, r.Attempted);
        Assert.Equal(r.Attempted, r.SentOnTime + r.SentLater + r.Suppressed);
        Assert.Equal(2, r.SentOnTime);
        Assert.True(r.StoppedByRule.ContainsKey("90-day rest"), r.ToString());
    }

    [Fact]
    public void SeedRules_AsWritten_DecideAsACxLeadWould()
    {
        #region eligibility-seed-rules
        TimeZoneInfo copenhagen = TimeZones.FromId("Europe/Copenhagen");
        EligibilityPolicy policy = EligibilityPolicy.From(
            // "Not again within 6 months": calendar months (31 Aug + 6 months = 28 Feb), at least.
            new MinimumGapRule(RestPeriod.Months(6), RestClock.SinceInvitation, GapBoundary.AtLeast, name: "not again within 6 months"),
            // "Only if it is more than 4 months since the last transaction": the transaction clock, more than.
            new MinimumGapRule(RestPeriod.Months(4), RestClock.SinceTransaction, GapBoundary.MoreThan, name: "more than 4 months since last transaction"),
            // B2B: one contact per account per calendar quarter, in the company's zone, counting this batch's own decisions.
            new AccountCapRule(1, CapWindow.CalendarPeriod(CalendarUnit.Quarter), name: "one per account per quarter", timeZone: copenhagen),
            // At most one invitation per channel a month (a per-channel cap on the contact).
            new RollingWindowCapRule(1, CapWindow.CalendarPeriod(CalendarUnit.Month), HistoryMatch.SameChannel, name: "one per channel a month"));

        var now = new DateTimeOffset(2027, 4, 2, 8, 0, 0, TimeSpan.Zero);
        var trigger = new SurveyTrigger("relationship", now, ContactChannel.Email);
        var acme = ContactHistory.Empty;   // the account was never invited (null would fail closed: "no account history")
        EligibilityRequest[] batch =
        [
            new(new Contact("anna") { AccountId = "acme" }.WithTimeZone("Europe/Copenhagen"),
                ContactHistory.From(ContactEvent.Transaction(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), "purchase")), trigger, acme),
            new(new Contact("bo") { AccountId = "acme" }.WithTimeZone("Europe/Copenhagen"), ContactHistory.Empty, trigger, acme),
            new(new Contact("cy").WithTimeZone("Europe/Copenhagen"),
                ContactHistory.From(ContactEvent.Transaction(new DateTimeOffset(2027, 1, 15, 10, 0, 0, TimeSpan.Zero), "delivery")), trigger),
        ];
        EligibilityDecision[] decisions = [.. policy.DecideMany(batch, now)];
        // anna: Eligible (last purchase 20 Nov 2026, more than 4 months ago)
        // bo:   Deferred to 1 Jul 2027 00:00 Copenhagen: anna took acme's slot for this quarter in this very batch
        // cy:   Deferred to just after 15 May 2027 11:00 Copenhagen (the delivery was 15 Jan 11:00 local): not yet more than 4 months
        #endregion

        Assert.Equal([EligibilityOutcome.Eligible, EligibilityOutcome.Deferred, EligibilityOutcome.Deferred], decisions.Select(d => d.Outcome));
        Assert.Equal(new DateTimeOffset(2027, 6, 30, 22, 0, 0, TimeSpan.Zero), decisions[1].NextEligibleAt);
        Assert.Equal(new DateTimeOffset(2027, 5, 15, 9, 0, 0, TimeSpan.Zero).AddTicks(1), decisions[2].NextEligibleAt);
    }

    /// <summary>100 B2B accounts: tiers A/B/C, revenue falling with the account number.</summary>
    private static RotationAccount[] LoadAccounts() =>
        [.. Enumerable.Range(1, 100).Select(i => new RotationAccount(
            $"acct-{i:000}", 200_000m - (1_500m * i), i <= 10 ? AccountTier.A : i <= 40 ? AccountTier.B : AccountTier.C))];

    private static EligibilityRequest[] Requests()
    {
        static DateTimeOffset At(int month, int day) => new(2026, month, day, 10, 0, 0, TimeSpan.Zero);
        var trigger = new SurveyTrigger("nps", At(5, 1), ContactChannel.Email);
        return
        [
            new(new Contact("c-1"), ContactHistory.Empty, trigger),
            new(new Contact("c-2"), ContactHistory.From(ContactEvent.Invitation(At(2, 1), "nps"), ContactEvent.Invitation(At(3, 4), "nps")), trigger),
            new(new Contact("c-3"), ContactHistory.From(
                ContactEvent.Invitation(At(1, 5), "nps"), ContactEvent.Invitation(At(2, 5), "nps"), ContactEvent.Invitation(At(3, 5), "nps")), trigger),
        ];
    }
}
