using NpsKit.Eligibility;
using static NpsKit.Tests.Eligibility.EligibilityScenarios;

namespace NpsKit.Tests.Eligibility;

public partial class EligibilityPolicyTests
{
    private static EligibilityRequest[] WebShopBatch(int n)
    {
        var requests = new EligibilityRequest[n];
        for (int i = 0; i < n; i++)
        {
            ContactHistory history = (i % 3) switch
            {
                0 => ContactHistory.Empty,
                1 => ContactHistory.From(ContactEvent.Invitation(At(2026, 1, 1).AddDays(i % 120), "shop")),
                _ => ContactHistory.From(ContactEvent.Invitation(At(2025, 1, 1), "shop"), ContactEvent.Response(At(2025, 1, 2), "shop")),
            };
            var contact = new Contact("c" + i) { OptedOut = i % 10 == 0 ? ContactChannel.Email : ContactChannel.None };
            requests[i] = new EligibilityRequest(contact, history, Purchase);
        }

        return requests;
    }

    [Fact]
    public void Summarize_WebShopBatch_CountsByOutcomeAndRule()
    {
        var policy = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(182), name: "rest"));
        EligibilitySummary s = policy.Summarize(WebShopBatch(300), At(2026, 5, 2));
        // i%10==0 opted out (30, blocked); of the rest, i%3==1 invited within 182 days before 2026-05-02 -> deferred.
        int deferred = Enumerable.Range(0, 300).Count(i => i % 10 != 0 && i % 3 == 1);
        Assert.Equal(300, s.Total);
        Assert.Equal(30, s.Blocked);
        Assert.Equal(deferred, s.Deferred);
        Assert.Equal(300 - 30 - deferred, s.Eligible);
        Assert.Equal(30, s.BlockedByRule["Consent"]);
        Assert.Equal(deferred + Enumerable.Range(0, 300).Count(i => i % 10 == 0 && i % 3 == 1), s.DeferredByRule["rest"]);
    }

    [Fact]
    public void Summarize_QuietHoursAfterABlockAtALaterInstant_CountsTheQuietFindingAsDecisionsDo()
    {
        // Monday 4 May 2026 12:00 UTC (open). The rest period defers to Sunday 10 May 22:00, where the trigger has
        // expired (blocked) and it is quiet: the summary counts the quiet finding of that instant without its next open
        // instant (it skips that walk once another rule has blocked), and must count what the decisions report.
        var policy = EligibilityPolicy.From(
            new MinimumGapRule(TimeSpan.FromDays(10), name: "rest"),
            new TriggerTimingRule(TimeSpan.Zero, TimeSpan.FromDays(2), name: "timing"),
            new QuietHoursRule(new TimeOnly(21, 0), new TimeOnly(8, 0), [], name: "quiet"));
        DateTimeOffset now = At(2026, 5, 4, 12);
        var requests = new EligibilityRequest[]
        {
            new(new Contact("quiet later") { TimeZone = TimeZoneInfo.Utc }, ContactHistory.From(ContactEvent.Invitation(At(2026, 4, 30, 22), "shop")), new SurveyTrigger("shop", now, ContactChannel.Email)),
            new(new Contact("open later") { TimeZone = TimeZoneInfo.Utc }, ContactHistory.From(ContactEvent.Invitation(At(2026, 4, 30, 12), "shop")), new SurveyTrigger("shop", now, ContactChannel.Email)),
        };

        EligibilityDecision[] decisions = [.. policy.DecideMany(requests, now)];
        EligibilitySummary s = policy.Summarize(requests, now);

        Assert.All(decisions, d => Assert.Equal(EligibilityOutcome.Blocked, d.Outcome));
        Assert.Equal(["rest", "timing", "quiet"], decisions[0].Findings.Select(f => f.RuleName));
        Assert.Equal(At(2026, 5, 11, 8), decisions[0].Findings[2].Until);
        Assert.Equal(["rest", "timing"], decisions[1].Findings.Select(f => f.RuleName));
        Assert.Equal(2, s.Blocked);
        Assert.Equal(2, s.BlockedByRule["timing"]);
        Assert.Equal(2, s.DeferredByRule["rest"]);
        Assert.Equal(1, s.DeferredByRule["quiet"]);
    }

    [Fact]
    public async Task DecideManyAsync_MatchesSynchronousDecisions()
    {
        var policy = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(182)));
        EligibilityRequest[] batch = WebShopBatch(60);
        var sync = policy.DecideMany(batch, At(2026, 5, 2)).Select(d => (d.ContactId, d.Outcome)).ToList();
        var async = new List<(string, EligibilityOutcome)>();
        await foreach (EligibilityDecision d in policy.DecideManyAsync(batch.ToAsyncEnumerable(), At(2026, 5, 2)))
        {
            async.Add((d.ContactId, d.Outcome));
        }

        Assert.Equal(sync, async);
        EligibilitySummary s = await policy.SummarizeAsync(batch.ToAsyncEnumerable(), At(2026, 5, 2));
        Assert.Equal(sync.Count(x => x.Outcome == EligibilityOutcome.Eligible), s.Eligible);
    }

    [Fact]
    public void Summarize_ManyIdsWithOneDuplicateFarApart_FindsIt()
    {
        EligibilityRequest[] batch = WebShopBatch(5000);
        Assert.Equal(5000, EligibilityPolicy.From().Summarize(batch, At(2026, 5, 2)).Total);
        EligibilityRequest[] withDuplicate = [.. batch, batch[1234]];
        var ex = Assert.Throws<ArgumentException>(() => EligibilityPolicy.From().Summarize(withDuplicate.Where(_ => true), At(2026, 5, 2)));
        Assert.Contains("'c1234'", ex.Message, StringComparison.Ordinal);
    }
}
