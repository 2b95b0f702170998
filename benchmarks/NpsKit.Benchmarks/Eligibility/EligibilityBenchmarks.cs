using BenchmarkDotNet.Attributes;
using NpsKit.Eligibility;
using NpsKit.TestUtilities;

namespace NpsKit.Benchmarks.Eligibility;

/// <summary>
/// Deciding a million contacts against one web-shop policy (6-month invitation rest, 4-month response rest, a yearly
/// cap, trigger delay and expiry, quiet hours in the contact's own zone, consent). Seeded data: a third of the
/// contacts never invited, the rest with one to four history entries over the last two years, five time zones.
/// </summary>
[MemoryDiagnoser]
public class EligibilityBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 5, 2, 12, 0, 0, TimeSpan.Zero);
    private EligibilityRequest[] _requests = [];
    private EligibilityRequest[] _b2bRequests = [];
    private EligibilityPolicy _policy = null!;
    private EligibilityPolicy _b2bPolicy = null!;

    /// <summary>Number of contacts.</summary>
    [Params(1_000_000)]
    public int N { get; set; }

    /// <summary>Builds the seeded contacts and the policy.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _policy = EligibilityPolicy.From(
            new MinimumGapRule(TimeSpan.FromDays(182), name: "6-month rest"),
            new MinimumGapRule(TimeSpan.FromDays(122), RestClock.SinceResponse, name: "4 months since last answer"),
            new RollingWindowCapRule(3, TimeSpan.FromDays(365), name: "3 a year"),
            new TriggerTimingRule(TimeSpan.FromDays(1), TimeSpan.FromDays(14), name: "1 day after purchase"),
            new QuietHoursRule(new TimeOnly(21, 0), new TimeOnly(8, 0), [DayOfWeek.Sunday], name: "quiet"));
        _requests = MakeRequests(N, 42);

        // Issue #16: the same policy with an account cap and a per-channel cap, both counting the decisions made earlier
        // in the batch; the contacts belong to 200,000 accounts of five contacts on average.
        _b2bPolicy = _policy
            .WithRule(new AccountCapRule(1, TimeSpan.FromDays(91), name: "one per account per quarter"))
            .WithRule(new RollingWindowCapRule(1, TimeSpan.FromDays(30), HistoryMatch.SameChannel, name: "one per channel a month"));
        _b2bRequests = WithAccounts(_requests, N / 5, 43);
    }

    /// <summary>Gives every request an account (and an empty or short account history) — the B2B batch.</summary>
    /// <param name="requests">The requests.</param>
    /// <param name="accounts">How many accounts.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The requests with accounts.</returns>
    public static EligibilityRequest[] WithAccounts(EligibilityRequest[] requests, int accounts, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var histories = new ContactHistory[Math.Max(1, accounts)];
        var ids = new string[histories.Length];
        for (int a = 0; a < histories.Length; a++)
        {
            ids[a] = "acct" + a.ToString(System.Globalization.CultureInfo.InvariantCulture);
            histories[a] = rng.NextInt(3) == 0 ? ContactHistory.From(ContactEvent.Invitation(Now.AddDays(-1 - rng.NextInt(200)), "shop", ContactChannel.Email)) : ContactHistory.Empty;
        }

        return [.. requests.Select(r =>
        {
            int a = rng.NextInt(histories.Length);
            return r with { Contact = r.Contact with { AccountId = ids[a] }, AccountHistory = histories[a] };
        })];
    }

    /// <summary>Seeded requests shared by the benchmark and its smoke test.</summary>
    /// <param name="n">How many.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The requests.</returns>
    public static EligibilityRequest[] MakeRequests(int n, ulong seed)
    {
        var rng = new SplitMix64(seed);
        TimeZoneInfo[] zones = [.. new[] { "Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC", "Australia/Sydney" }.Select(TimeZones.FromId)];
        var requests = new EligibilityRequest[n];
        for (int i = 0; i < n; i++)
        {
            int k = rng.NextInt(3) == 0 ? 0 : 1 + rng.NextInt(4);
            var events = new ContactEvent[k];
            for (int j = 0; j < k; j++)
            {
                events[j] = new ContactEvent((ContactEventKind)rng.NextInt(3), Now.AddMinutes(-1 - rng.NextInt(60 * 24 * 730)), "shop", ContactChannel.Email);
            }

            var contact = new Contact("c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                TimeZone = zones[rng.NextInt(zones.Length)],
                OptedOut = rng.NextInt(50) == 0 ? ContactChannel.Email : ContactChannel.None,
            };
            var trigger = new SurveyTrigger("shop", Now.AddMinutes(-rng.NextInt(60 * 24 * 20)), ContactChannel.Email, "purchase");
            requests[i] = new EligibilityRequest(contact, k == 0 ? ContactHistory.Empty : ContactHistory.From(events), trigger);
        }

        return requests;
    }

    /// <summary>What a straightforward program does: LINQ over each contact's history, rule by rule.</summary>
    /// <returns>The number of eligible contacts.</returns>
    [Benchmark(Baseline = true)]
    public int NaiveLinq()
    {
        int eligible = 0;
        foreach (EligibilityRequest r in _requests)
        {
            var invitations = r.History.Events.Where(e => e.Kind == ContactEventKind.Invitation).ToList();
            DateTimeOffset? lastInvitation = invitations.Count == 0 ? null : invitations.Max(e => e.At);
            DateTimeOffset? lastResponse = r.History.Events.Where(e => e.Kind == ContactEventKind.Response).Select(e => (DateTimeOffset?)e.At).Max();
            int lastYear = invitations.Count(e => e.At > Now.AddDays(-365));
            DateTime local = TimeZoneInfo.ConvertTime(Now, r.Contact.TimeZone!).DateTime;
            bool ok = (lastInvitation is null || Now - lastInvitation >= TimeSpan.FromDays(182))
                && (lastResponse is null || Now - lastResponse >= TimeSpan.FromDays(122))
                && lastYear < 3
                && Now >= r.Trigger.OccurredAt.AddDays(1) && Now <= r.Trigger.OccurredAt.AddDays(15)
                && local.DayOfWeek != DayOfWeek.Sunday && local.Hour is >= 8 and < 21
                && (r.Contact.OptedOut & ContactChannel.Email) == 0;
            eligible += ok ? 1 : 0;
        }

        return eligible;
    }

    /// <summary>The fast path: counts by outcome and rule, with the duplicate-id check.</summary>
    /// <returns>The summary.</returns>
    [Benchmark]
    public EligibilitySummary Summarize() => _policy.Summarize(_requests, Now);

    /// <summary>The fast path without the duplicate-id hash set (for sources that guarantee unique ids).</summary>
    /// <returns>The summary.</returns>
    [Benchmark]
    public EligibilitySummary SummarizeNoDuplicateCheck() => _policy.Summarize(_requests, Now, new EligibilityBatchOptions { RejectDuplicateContactIds = false });

    /// <summary>Full decisions with findings for every deferred or blocked contact (reasons put into words on demand, not here).</summary>
    /// <returns>The number of eligible contacts.</returns>
    [Benchmark]
    public int DecideMany()
    {
        int eligible = 0;
        foreach (EligibilityDecision d in _policy.DecideMany(_requests, Now))
        {
            eligible += d.IsEligible ? 1 : 0;
        }

        return eligible;
    }

    /// <summary>Issue #16: the summary of a B2B batch with an account cap and a per-channel cap counting in-batch decisions.</summary>
    /// <returns>The summary.</returns>
    [Benchmark]
    public EligibilitySummary SummarizeWithAccountAndChannelCaps() => _b2bPolicy.Summarize(_b2bRequests, Now);

    /// <summary>Issue #16: full decisions for the B2B batch.</summary>
    /// <returns>The number of eligible contacts.</returns>
    [Benchmark]
    public int DecideManyWithAccountAndChannelCaps()
    {
        int eligible = 0;
        foreach (EligibilityDecision d in _b2bPolicy.DecideMany(_b2bRequests, Now))
        {
            eligible += d.IsEligible ? 1 : 0;
        }

        return eligible;
    }
}
