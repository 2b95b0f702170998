using FsCheck.Fluent;
using NpsKit.Eligibility;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Eligibility;

/// <summary>Issue #16: caps count the decisions made earlier in the same batch. Seeded FsCheck properties: a batch
/// decided at once equals deciding the contacts one by one while recording each invitation (so it never exceeds a cap
/// that one-by-one deciding respects), and decisions do not depend on how the batch is split.</summary>
public class EligibilityBatchPropertyTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly ContactChannel[] Channels = [ContactChannel.Email, ContactChannel.Sms];

    private sealed record Case(EligibilityPolicy Policy, EligibilityRequest[] Requests, int AccountCap, ulong Seed)
    {
        public override string ToString() => $"seed {Seed}: {Requests.Length} requests";
    }

    private static Case Make(ulong seed, bool repeatContacts)
    {
        var rng = new SplitMix64(seed);
        int cap = 1 + rng.NextInt(2);
        CapWindow window = rng.NextInt(2) == 0 ? TimeSpan.FromDays(1 + rng.NextInt(120)) : CapWindow.CalendarPeriod((CalendarUnit)new[] { 1, 3, 12 }[rng.NextInt(3)]);
        var policy = EligibilityPolicy.From(
            new AccountCapRule(cap, window, name: "account", timeZone: TimeZoneInfo.Utc),
            new AccountCapRule(1, TimeSpan.FromDays(30), name: "account-channel", match: HistoryMatch.SameChannel),
            new RollingWindowCapRule(1, TimeSpan.FromDays(1 + rng.NextInt(60)), HistoryMatch.SameChannel, name: "channel"),
            new MinimumGapRule(RestPeriod.Months(1 + rng.NextInt(3)), RestClock.SinceInvitation, GapBoundary.MoreThan, timeZone: TimeZoneInfo.Utc, name: "gap"));
        int accounts = 1 + rng.NextInt(6);
        int n = 1 + rng.NextInt(30);
        var accountHistory = new Dictionary<string, ContactHistory>();
        for (int a = 0; a < accounts; a++)
        {
            accountHistory["A" + a] = ContactHistory.From(Enumerable.Range(0, rng.NextInt(3)).Select(_ => ContactEvent.Invitation(Now.AddDays(-1 - rng.NextInt(200)), "b2b", Channels[rng.NextInt(2)])));
        }

        var requests = new EligibilityRequest[n];
        for (int i = 0; i < n; i++)
        {
            string account = "A" + rng.NextInt(accounts);
            string id = repeatContacts ? "c" + rng.NextInt(Math.Max(1, n / 2)) : "c" + i;
            var contact = new Contact(id) { AccountId = rng.NextInt(8) == 0 ? null : account, TimeZone = TimeZoneInfo.Utc };
            var history = ContactHistory.From(Enumerable.Range(0, rng.NextInt(2)).Select(_ => ContactEvent.Invitation(Now.AddDays(-1 - rng.NextInt(150)), "b2b", Channels[rng.NextInt(2)])));
            requests[i] = new EligibilityRequest(contact, history, new SurveyTrigger("b2b", Now.AddMinutes(-rng.NextInt(60)), Channels[rng.NextInt(2)]), contact.AccountId is null ? null : accountHistory[account]);
        }

        return new Case(policy, requests, cap, seed);
    }

    /// <summary>Decides one by one with <see cref="EligibilityPolicy.Decide(in EligibilityRequest, DateTimeOffset)"/>, adding each
    /// eligible contact's invitation to its own and its account's history before deciding the next.</summary>
    private static List<(string Id, EligibilityOutcome Outcome, DateTimeOffset? Next)> OneByOne(Case c)
    {
        var contactExtra = new Dictionary<string, List<ContactEvent>>();
        var accountExtra = new Dictionary<string, List<ContactEvent>>();
        var result = new List<(string, EligibilityOutcome, DateTimeOffset?)>();
        foreach (EligibilityRequest r in c.Requests)
        {
            List<ContactEvent> mine = contactExtra.TryGetValue(r.Contact.Id, out var m) ? m : contactExtra[r.Contact.Id] = [];
            List<ContactEvent> theirs = r.Contact.AccountId is { } a ? (accountExtra.TryGetValue(a, out var t) ? t : accountExtra[a] = []) : [];
            var recorded = r with { History = r.History.WithEvents(mine), AccountHistory = r.AccountHistory?.WithEvents(theirs) };
            EligibilityDecision d = c.Policy.Decide(in recorded, Now);
            if (d.IsEligible)
            {
                var invitation = ContactEvent.Invitation(Now, r.Trigger.SurveyId, r.Trigger.Channel);
                mine.Add(invitation);
                theirs.Add(invitation);
            }

            result.Add((d.ContactId, d.Outcome, d.TryGetNextEligibleAt(out DateTimeOffset next) ? next : null));
        }

        return result;
    }

    private static List<(string, EligibilityOutcome, DateTimeOffset?)> Batch(Case c, IEnumerable<EligibilityRequest> requests, EligibilityBatchOptions options) =>
        [.. c.Policy.DecideMany(requests, Now, options).Select(d => (d.ContactId, d.Outcome, d.TryGetNextEligibleAt(out DateTimeOffset next) ? (DateTimeOffset?)next : null))];

    [Fact]
    public void Batch_EqualsOneByOneWithEachInvitationRecorded_AndNeverExceedsTheAccountCap() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Zip(Gen.Elements(true, false)).ToArbitrary(), x =>
        {
            Case c = Make((ulong)x.Item1, x.Item2);
            var options = new EligibilityBatchOptions { RejectDuplicateContactIds = !x.Item2 };
            var batch = Batch(c, c.Requests, options);
            EligibilitySummary summary = c.Policy.Summarize(c.Requests, Now, options);
            bool withinCap = c.Requests.Zip(batch).Where(p => p.First.Contact.AccountId is not null && p.Second.Item2 == EligibilityOutcome.Eligible)
                .GroupBy(p => p.First.Contact.AccountId).All(g => g.Count() <= c.AccountCap);
            return batch.SequenceEqual(OneByOne(c)) && withinCap && summary.Eligible == batch.Count(b => b.Item2 == EligibilityOutcome.Eligible);
        }),
        maxTest: 300);

    [Fact]
    public void Batch_DoesNotDependOnHowItIsSplit() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(0, 30).ToArbitrary(), (seed, split) =>
        {
            Case c = Make((ulong)seed, false);
            int k = Math.Min(split, c.Requests.Length);
            var whole = Batch(c, c.Requests, EligibilityBatchOptions.Default);
            var first = Batch(c, c.Requests[..k], EligibilityBatchOptions.Default);

            // Carry the first part's invitations into the second part's account histories, as a caller does between runs.
            var carried = new Dictionary<string, List<ContactEvent>>();
            for (int i = 0; i < k; i++)
            {
                if (first[i].Item2 == EligibilityOutcome.Eligible && c.Requests[i].Contact.AccountId is { } a)
                {
                    (carried.TryGetValue(a, out var l) ? l : carried[a] = []).Add(ContactEvent.Invitation(Now, "b2b", c.Requests[i].Trigger.Channel));
                }
            }

            EligibilityRequest[] rest = [.. c.Requests[k..].Select(r => r.Contact.AccountId is { } a && carried.TryGetValue(a, out var l) ? r with { AccountHistory = r.AccountHistory!.WithEvents(l) } : r)];
            return whole.SequenceEqual(first.Concat(Batch(c, rest, EligibilityBatchOptions.Default)));
        }),
        maxTest: 300);

    [Fact]
    public void PriorityOrder_DecidesHighestFirstAndReturnsInputOrder()
    {
        var policy = EligibilityPolicy.From(new AccountCapRule(1, CapWindow.CalendarPeriod(CalendarUnit.Quarter), name: "one a quarter", timeZone: TimeZoneInfo.Utc));
        EligibilityRequest Ask(string id, string revenue) =>
            new(new Contact(id) { AccountId = "acme" }.WithAttribute("revenue", revenue), ContactHistory.Empty, new SurveyTrigger("b2b", Now, ContactChannel.Email), ContactHistory.Empty);
        EligibilityRequest[] batch = [Ask("small", "9"), Ask("big", "120"), Ask("none", "n/a")];
        var options = new EligibilityBatchOptions { Order = EligibilityOrder.ByAttribute("revenue") };
        Assert.Equal(["small", "big", "none"], policy.DecideMany(batch, Now, options).Select(d => d.ContactId));
        Assert.Equal([EligibilityOutcome.Deferred, EligibilityOutcome.Eligible, EligibilityOutcome.Deferred], policy.DecideMany(batch, Now, options).Select(d => d.Outcome));
        Assert.Equal(new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero), policy.DecideMany(batch, Now, options).First().NextEligibleAt);
        Assert.Equal(1, policy.Summarize(batch, Now, options).Eligible);
        Assert.Throws<ArgumentException>(() => policy.StartBatch(Now, options));
    }

    [Fact]
    public void FallbackZone_IsReportedInTheDecisionAndTheSummary()
    {
        TimeZoneInfo newYork = TimeZones.FromId("America/New_York");
        var policy = EligibilityPolicy.From(new QuietHoursRule(new TimeOnly(21, 0), new TimeOnly(8, 0), fallbackTimeZone: newYork));
        DateTimeOffset at = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero); // 05:00 in New York
        EligibilityDecision d = policy.Decide(new Contact("us-1"), ContactHistory.Empty, new SurveyTrigger("shop", at, ContactChannel.Email), at);
        Assert.Equal(EligibilityOutcome.Deferred, d.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), d.NextEligibleAt); // 08:00 EDT
        Assert.Equal("America/New_York", d.FallbackTimeZoneId);
        Assert.Contains("fallback", d.Findings.Single().Reason, StringComparison.Ordinal);
        Assert.Null(policy.Decide(new Contact("de").WithTimeZone("Europe/Berlin"), ContactHistory.Empty, new SurveyTrigger("shop", at, ContactChannel.Email), at).FallbackTimeZoneId);
        Assert.Equal(1, policy.Summarize([new EligibilityRequest(new Contact("us-1"), ContactHistory.Empty, new SurveyTrigger("shop", at, ContactChannel.Email))], at).DecidedInFallbackTimeZone);
    }

    [Fact]
    public void TransactionClock_MoreThanFourMonthsSinceTheLastTransaction()
    {
        // The seed's rule as written: only ask if it is more than 4 months since the customer's last transaction.
        var policy = EligibilityPolicy.From(new MinimumGapRule(RestPeriod.Months(4), RestClock.SinceTransaction, GapBoundary.MoreThan, name: "4 months since last transaction"));
        Contact c = new Contact("c1").WithTimeZone("Europe/Copenhagen");
        var history = ContactHistory.From(ContactEvent.Transaction(new DateTimeOffset(2026, 1, 10, 14, 0, 0, TimeSpan.Zero), "purchase"), ContactEvent.Invitation(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero), "shop"));
        DateTimeOffset exactly = new(2026, 5, 10, 13, 0, 0, TimeSpan.Zero); // 10 Jan 15:00 CET + 4 months = 10 May 15:00 CEST = 13:00Z
        EligibilityDecision d = policy.Decide(c, history, new SurveyTrigger("shop", exactly, ContactChannel.Email), exactly);
        Assert.Equal(EligibilityOutcome.Deferred, d.Outcome);
        Assert.Equal(exactly.AddTicks(1), d.NextEligibleAt); // the invitation of 1 May does not start this clock
        Assert.True(policy.Decide(c, history, new SurveyTrigger("shop", exactly.AddMinutes(1), ContactChannel.Email), exactly.AddMinutes(1)).IsEligible);
        Assert.Throws<ArgumentException>(() => new MinimumGapRule(RestPeriod.Months(4), RestClock.SinceTransaction, GapBoundary.MoreThan, HistoryMatch.SameSurvey));
    }

    [Fact]
    public void PolicyJson_V2RoundTrips_AndV1StillReads()
    {
        var policy = EligibilityPolicy.From(
            new MinimumGapRule(RestPeriod.Months(6), RestClock.SinceInvitation, GapBoundary.AtLeast, name: "not again within 6 months"),
            new MinimumGapRule(RestPeriod.Months(4), RestClock.SinceTransaction, GapBoundary.MoreThan, name: "more than 4 months since last transaction"),
            new AccountCapRule(1, CapWindow.CalendarPeriod(CalendarUnit.Quarter), name: "once per account per calendar quarter", timeZone: TimeZones.FromId("Europe/Copenhagen")),
            new RollingWindowCapRule(1, CapWindow.CalendarPeriod(CalendarUnit.Month), HistoryMatch.SameChannel, name: "one per channel a month"));
        string json = NpsKit.Serialization.NpsJson.Serialize(policy);
        EligibilityPolicy back = NpsKit.Serialization.NpsJson.DeserializeEligibilityPolicy(json);
        Assert.Equal(json, NpsKit.Serialization.NpsJson.Serialize(back));
        Assert.Contains("\"version\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"gap\": \"P6M\"", json, StringComparison.Ordinal);
        Assert.Contains("\"window\": \"calendarQuarter\"", json, StringComparison.Ordinal);

        EligibilityPolicy v1 = NpsKit.Serialization.NpsJson.DeserializeEligibilityPolicy("""{"version":1,"rules":[{"kind":"quietHours","from":"21:00","until":"08:00"}]}""");
        Assert.Equal(TimeZoneInfo.Utc, Assert.IsType<QuietHoursRule>(v1.Rules[1]).FallbackTimeZone); // version 1's meaning, now reported
        Assert.Contains("version 2", Assert.Throws<System.Text.Json.JsonException>(() => NpsKit.Serialization.NpsJson.DeserializeEligibilityPolicy(
            """{"version":1,"rules":[{"kind":"minimumGap","gap":"P30D","boundary":"MoreThan"}]}""")).Message, StringComparison.Ordinal);
    }
}
