using FsCheck.Fluent;
using NpsKit.Eligibility;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Eligibility;

/// <summary>
/// Issue #16, speed: the batch fast paths (the account table, prefetching, the per-(zone, day) offset cache, array, list
/// and streamed input, summary-only and full decisions) must give exactly what a plain reference implementation of the
/// rules gives. The reference below is written from the rules as documented — LINQ over lists, <see cref="TimeZoneInfo"/>
/// conversions on every check, a dictionary of the batch's invitations per account, quiet hours found minute by minute —
/// and shares no code with the engine but the data types. Seeded FsCheck property over B2B batches with an account cap
/// and a per-channel cap (the benchmark's policy, with randomised parameters).
/// </summary>
public class EligibilityReferenceTests
{
    internal static readonly DateTimeOffset Now = new(2026, 5, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly ContactChannel[] Channels = [ContactChannel.Email, ContactChannel.Sms];
    private static readonly TimeZoneInfo[] Zones = [.. new[] { "Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC", "Australia/Sydney" }.Select(TimeZones.FromId)];

    /// <summary>The policy's parameters, shared by the engine's policy and the reference.</summary>
    private sealed record Spec(TimeSpan InvitationGap, TimeSpan ResponseGap, int YearCap, TimeSpan ChannelWindow, int AccountCap, TimeSpan AccountWindow, TimeSpan Delay, TimeSpan Expiry, DateTimeOffset Now)
    {
        public EligibilityPolicy Policy() => EligibilityPolicy.From(
            new MinimumGapRule(InvitationGap, name: "rest"),
            new MinimumGapRule(ResponseGap, RestClock.SinceResponse, name: "response rest"),
            new RollingWindowCapRule(YearCap, TimeSpan.FromDays(365), name: "year cap"),
            new TriggerTimingRule(Delay, Expiry, name: "timing"),
            new QuietHoursRule(new TimeOnly(21, 0), new TimeOnly(8, 0), [DayOfWeek.Sunday], name: "quiet"),
            new AccountCapRule(AccountCap, AccountWindow, name: "account cap"),
            new RollingWindowCapRule(1, ChannelWindow, HistoryMatch.SameChannel, name: "channel cap"));
    }

    private sealed record Case(Spec Spec, EligibilityRequest[] Requests, ulong Seed)
    {
        public override string ToString() => $"seed {Seed}: {Requests.Length} requests";
    }

    /// <summary>One decision as compared: outcome, next eligible instant, and each rule that failed with its effect.</summary>
    private sealed record Outcome(string Id, EligibilityOutcome Result, DateTimeOffset? Next, string Findings);

    private static Case Make(ulong seed)
    {
        var rng = new SplitMix64(seed);
        DateTimeOffset now = Now.AddMinutes(rng.NextInt(60 * 24 * 400)); // any weekday and hour, across DST changes
        var spec = new Spec(
            TimeSpan.FromDays(30 + rng.NextInt(200)),
            TimeSpan.FromDays(30 + rng.NextInt(150)),
            1 + rng.NextInt(3),
            TimeSpan.FromDays(1 + rng.NextInt(60)),
            1 + rng.NextInt(2),
            TimeSpan.FromDays(1 + rng.NextInt(120)),
            TimeSpan.FromHours(rng.NextInt(48)),
            TimeSpan.FromDays(rng.NextInt(30)),
            now);
        int accounts = 1 + rng.NextInt(12);
        var accountHistories = new ContactHistory[accounts];
        for (int a = 0; a < accounts; a++)
        {
            accountHistories[a] = rng.NextInt(2) == 0 ? ContactHistory.Empty
                : ContactHistory.From(Enumerable.Range(0, 1 + rng.NextInt(3)).Select(_ => ContactEvent.Invitation(now.AddMinutes(-1 - rng.NextInt(60 * 24 * 200)), "b2b", Channels[rng.NextInt(2)])));
        }

        int n = 1 + rng.NextInt(60);
        var requests = new EligibilityRequest[n];
        for (int i = 0; i < n; i++)
        {
            var events = new ContactEvent[rng.NextInt(5)];
            for (int j = 0; j < events.Length; j++)
            {
                events[j] = new ContactEvent((ContactEventKind)rng.NextInt(3), now.AddMinutes(-1 - rng.NextInt(60 * 24 * 730)), rng.NextInt(2) == 0 ? "b2b" : "shop", Channels[rng.NextInt(2)]);
            }

            int a = rng.NextInt(accounts);
            var contact = new Contact("c" + i)
            {
                AccountId = rng.NextInt(6) == 0 ? null : "A" + a,
                TimeZone = Zones[rng.NextInt(Zones.Length)],
                OptedOut = rng.NextInt(12) == 0 ? ContactChannel.Email : ContactChannel.None,
                DoNotContact = rng.NextInt(40) == 0,
            };
            var trigger = new SurveyTrigger("b2b", now.AddMinutes(-rng.NextInt(60 * 24 * 20)), Channels[rng.NextInt(2)], "renewal");
            requests[i] = new EligibilityRequest(contact, ContactHistory.From(events), trigger, contact.AccountId is null && rng.NextInt(2) == 0 ? null : accountHistories[a]);
        }

        return new Case(spec, requests, seed);
    }

    /// <summary>The rules as documented, decided one contact after another; each eligible contact's invitation is added
    /// to its account's list before the next is decided.</summary>
    private static List<Outcome> Reference(Case c)
    {
        Spec s = c.Spec;
        var batchByAccount = new Dictionary<string, List<ContactEvent>>();
        var result = new List<Outcome>();
        foreach (EligibilityRequest r in c.Requests)
        {
            List<ContactEvent> batch = r.Contact.AccountId is { } id && batchByAccount.TryGetValue(id, out var l) ? l : [];
            var findings = new SortedDictionary<string, EligibilityOutcome>(StringComparer.Ordinal);
            DateTimeOffset t = s.Now;
            EligibilityOutcome? outcome = null;
            for (int iteration = 0; iteration < 64 && outcome is null; iteration++)
            {
                var failures = Failures(s, r, batch, t).ToList();
                foreach ((string rule, EligibilityOutcome effect, _) in failures)
                {
                    findings[rule] = findings.TryGetValue(rule, out var old) && old == EligibilityOutcome.Blocked ? old : effect;
                }

                if (failures.Count == 0)
                {
                    outcome = findings.Count == 0 ? EligibilityOutcome.Eligible : EligibilityOutcome.Deferred;
                    break;
                }

                DateTimeOffset until = failures.Max(f => f.Until);
                if (failures.Any(f => f.Effect == EligibilityOutcome.Blocked) || until <= t)
                {
                    outcome = EligibilityOutcome.Blocked;
                    break;
                }

                t = until;
            }

            outcome ??= EligibilityOutcome.Blocked;
            if (outcome == EligibilityOutcome.Eligible && r.Contact.AccountId is { } account)
            {
                (batchByAccount.TryGetValue(account, out var list) ? list : batchByAccount[account] = []).Add(ContactEvent.Invitation(s.Now, r.Trigger.SurveyId, r.Trigger.Channel));
            }

            result.Add(new Outcome(r.Contact.Id, outcome.Value, outcome == EligibilityOutcome.Blocked ? null : t, string.Join(", ", findings.Select(f => f.Key + ":" + f.Value))));
        }

        return result;
    }

    /// <summary>Every rule that fails at <paramref name="t"/>, with its effect and (when deferred) the instant it passes.</summary>
    private static IEnumerable<(string Rule, EligibilityOutcome Effect, DateTimeOffset Until)> Failures(Spec s, EligibilityRequest r, List<ContactEvent> batch, DateTimeOffset t)
    {
        Contact contact = r.Contact;
        ContactChannel channel = r.Trigger.Channel;
        if (contact.DoNotContact || contact.OptedOut.HasFlag(channel) || !contact.Reachable.HasFlag(channel))
        {
            yield return ("Consent", EligibilityOutcome.Blocked, t);
        }

        IReadOnlyList<ContactEvent> history = r.History.Events;
        DateTimeOffset? lastInvitation = history.Where(e => e.Kind == ContactEventKind.Invitation).Select(e => (DateTimeOffset?)e.At).Max();
        if (lastInvitation is { } li && t < li + s.InvitationGap)
        {
            yield return ("rest", EligibilityOutcome.Deferred, li + s.InvitationGap);
        }

        DateTimeOffset? lastResponse = history.Where(e => e.Kind == ContactEventKind.Response).Select(e => (DateTimeOffset?)e.At).Max();
        if (lastResponse is { } lr && t < lr + s.ResponseGap)
        {
            yield return ("response rest", EligibilityOutcome.Deferred, lr + s.ResponseGap);
        }

        if (Cap(history.Where(e => e.Kind == ContactEventKind.Invitation), s.YearCap, TimeSpan.FromDays(365), t) is { } yearFree)
        {
            yield return ("year cap", EligibilityOutcome.Deferred, yearFree);
        }

        DateTimeOffset notBefore = r.Trigger.OccurredAt + s.Delay;
        if (t < notBefore)
        {
            yield return ("timing", EligibilityOutcome.Deferred, notBefore);
        }
        else if (t > notBefore + s.Expiry)
        {
            yield return ("timing", EligibilityOutcome.Blocked, t);
        }

        TimeZoneInfo zone = contact.TimeZone!;
        if (IsQuiet(TimeZoneInfo.ConvertTimeFromUtc(t.UtcDateTime, zone)))
        {
            // Walk the local clock minute by minute to the first minute that is not quiet.
            DateTime local = TimeZoneInfo.ConvertTimeFromUtc(t.UtcDateTime, zone);
            DateTime open = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerMinute)).AddMinutes(local.Ticks % TimeSpan.TicksPerMinute == 0 ? 0 : 1);
            while (IsQuiet(open))
            {
                open = open.AddMinutes(1);
            }

            yield return ("quiet", EligibilityOutcome.Deferred, new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(open, zone), TimeSpan.Zero));
        }

        if (contact.AccountId is not null)
        {
            IEnumerable<ContactEvent> account = r.AccountHistory!.Events.Concat(batch).Where(e => e.Kind == ContactEventKind.Invitation);
            if (Cap(account, s.AccountCap, s.AccountWindow, t) is { } accountFree)
            {
                yield return ("account cap", EligibilityOutcome.Deferred, accountFree);
            }
        }

        if (Cap(history.Where(e => e.Kind == ContactEventKind.Invitation && e.Channel == channel), 1, s.ChannelWindow, t) is { } channelFree)
        {
            yield return ("channel cap", EligibilityOutcome.Deferred, channelFree);
        }
    }

    /// <summary>A rolling cap: when <paramref name="max"/> or more invitations lie in (t − window, t], the instant enough
    /// of them (the oldest first) have left the window; otherwise <see langword="null"/>.</summary>
    private static DateTimeOffset? Cap(IEnumerable<ContactEvent> invitations, int max, TimeSpan window, DateTimeOffset t)
    {
        var inWindow = invitations.Select(e => e.At).Where(at => at > t - window && at <= t).Order().ToList();
        return inWindow.Count < max ? null : inWindow[inWindow.Count - max] + window;
    }

    private static bool IsQuiet(DateTime local) => local.DayOfWeek == DayOfWeek.Sunday || local.TimeOfDay >= new TimeSpan(21, 0, 0) || local.TimeOfDay < new TimeSpan(8, 0, 0);

    private static Outcome Of(EligibilityDecision d) => new(
        d.ContactId,
        d.Outcome,
        d.TryGetNextEligibleAt(out DateTimeOffset next) ? next : null,
        string.Join(", ", d.Findings.OrderBy(f => f.RuleName, StringComparer.Ordinal).Select(f => f.RuleName + ":" + f.Effect)));

    private static IEnumerable<EligibilityRequest> Streamed(EligibilityRequest[] requests)
    {
        foreach (EligibilityRequest r in requests)
        {
            yield return r;
        }
    }

    [Fact]
    public void FastPaths_EqualTheReferenceImplementation() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            Case c = Make((ulong)seed);
            EligibilityPolicy policy = c.Spec.Policy();
            DateTimeOffset now = c.Spec.Now;
            List<Outcome> expected = Reference(c);

            List<Outcome> array = [.. policy.DecideMany(c.Requests, now).Select(Of)];
            List<Outcome> streamed = [.. policy.DecideMany(Streamed(c.Requests), now).Select(Of)];
            EligibilityBatch batch = policy.StartBatch(now);
            List<Outcome> oneByOne = [.. c.Requests.Select(r => Of(batch.Decide(in r)))];

            var expectedDeferred = Tally(expected, EligibilityOutcome.Deferred);
            var expectedBlocked = Tally(expected, EligibilityOutcome.Blocked);
            bool summariesAgree = new[] { policy.Summarize(c.Requests, now), policy.Summarize(c.Requests.ToList(), now), policy.Summarize(Streamed(c.Requests), now) }
                .All(s => s.Eligible == expected.Count(o => o.Result == EligibilityOutcome.Eligible)
                    && s.Deferred == expected.Count(o => o.Result == EligibilityOutcome.Deferred)
                    && s.Blocked == expected.Count(o => o.Result == EligibilityOutcome.Blocked)
                    && s.DeferredByRule.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(expectedDeferred)
                    && s.BlockedByRule.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(expectedBlocked));
            return array.SequenceEqual(expected) && streamed.SequenceEqual(expected) && oneByOne.SequenceEqual(expected) && summariesAgree;
        }),
        maxTest: 300);

    /// <summary>How many non-eligible decisions each rule deferred or blocked, as a summary counts them.</summary>
    private static List<KeyValuePair<string, long>> Tally(List<Outcome> outcomes, EligibilityOutcome effect) =>
        [.. outcomes.Where(o => o.Result != EligibilityOutcome.Eligible)
            .SelectMany(o => o.Findings.Split(", ", StringSplitOptions.RemoveEmptyEntries))
            .Select(f => f.Split(':'))
            .Where(p => p[1] == effect.ToString())
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, (long)g.Count()))];

    [Fact]
    public void FastPaths_AgreeOnTheBenchmarksOwnBatch()
    {
        // The benchmark's data generator at a small size: the B2B batch the speed figures are measured on.
        var spec = new Spec(TimeSpan.FromDays(182), TimeSpan.FromDays(122), 3, TimeSpan.FromDays(30), 1, TimeSpan.FromDays(91), TimeSpan.FromDays(1), TimeSpan.FromDays(14), Now);
        EligibilityRequest[] requests = Benchmarks(2_000);
        var c = new Case(spec, requests, 42);
        List<Outcome> expected = Reference(c);
        Assert.Equal(expected, spec.Policy().DecideMany(requests, Now).Select(Of));
        Assert.Equal(expected.Count(o => o.Result == EligibilityOutcome.Eligible), spec.Policy().Summarize(requests, Now).Eligible);
        Assert.Contains(expected, o => o.Findings.Contains("account cap", StringComparison.Ordinal));
    }

    /// <summary>Requests shaped like the benchmark's: five zones, one to four history entries, 5 contacts per account.</summary>
    internal static EligibilityRequest[] Benchmarks(int n)
    {
        var rng = new SplitMix64(42);
        var accounts = Enumerable.Range(0, n / 5).Select(a => rng.NextInt(3) == 0 ? ContactHistory.From(ContactEvent.Invitation(Now.AddDays(-1 - rng.NextInt(200)), "shop", ContactChannel.Email)) : ContactHistory.Empty).ToArray();
        return [.. Enumerable.Range(0, n).Select(i =>
        {
            var events = Enumerable.Range(0, rng.NextInt(3) == 0 ? 0 : 1 + rng.NextInt(4))
                .Select(_ => new ContactEvent((ContactEventKind)rng.NextInt(3), Now.AddMinutes(-1 - rng.NextInt(60 * 24 * 730)), "shop", ContactChannel.Email)).ToArray();
            int a = rng.NextInt(accounts.Length);
            var contact = new Contact("c" + i) { AccountId = "acct" + a, TimeZone = Zones[rng.NextInt(Zones.Length)], OptedOut = rng.NextInt(50) == 0 ? ContactChannel.Email : ContactChannel.None };
            return new EligibilityRequest(contact, ContactHistory.From(events), new SurveyTrigger("shop", Now.AddMinutes(-rng.NextInt(60 * 24 * 20)), ContactChannel.Email, "purchase"), accounts[a]);
        })];
    }
}
