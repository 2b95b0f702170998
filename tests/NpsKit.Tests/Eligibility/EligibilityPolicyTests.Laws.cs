using FsCheck;
using FsCheck.Fluent;
using NpsKit.Eligibility;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Eligibility;

public partial class EligibilityPolicyTests
{
    private static readonly Arbitrary<int> Seeds = Arb.From(Gen.Choose(0, int.MaxValue));

    [Fact]
    public void Decide_AnyActiveRuleFails_NeverEligible() => PropertyRunner.Check(
        Prop.ForAll(Seeds, seed =>
        {
            var s = EligibilityScenarios.Make((ulong)seed);
            EligibilityDecision d = s.Policy.Decide(s.Request, s.Now);
            bool anyRuleFails = s.Policy.RulesFor(s.Request.Trigger.SurveyId)
                .Any(r => !EligibilityPolicy.From(RulePrecedence.MostRestrictiveWins, [r]).Decide(s.Request, s.Now).IsEligible);
            return d.IsEligible != anyRuleFails;
        }),
        500);

    [Fact]
    public void Decide_AtNextEligibleAt_IsEligible() => PropertyRunner.Check(
        Prop.ForAll(Seeds, seed =>
        {
            var s = EligibilityScenarios.Make((ulong)seed);
            EligibilityDecision d = s.Policy.Decide(s.Request, s.Now);
            if (!d.TryGetNextEligibleAt(out DateTimeOffset next))
            {
                return d.Outcome == EligibilityOutcome.Blocked;
            }

            EligibilityDecision later = s.Policy.Decide(s.Request, next);
            return later.IsEligible && next >= s.Now && (d.IsEligible == (next == s.Now));
        }),
        500);

    [Fact]
    public void Decide_JustBeforeNextEligibleAt_IsNotEligible() => PropertyRunner.Check(
        Prop.ForAll(Seeds, seed =>
        {
            var s = EligibilityScenarios.Make((ulong)seed);
            EligibilityDecision d = s.Policy.Decide(s.Request, s.Now);
            if (d.Outcome != EligibilityOutcome.Deferred)
            {
                return true;
            }

            DateTimeOffset before = d.NextEligibleAt.AddTicks(-1);
            return !s.Policy.Decide(s.Request, before).IsEligible;
        }),
        500);

    [Fact]
    public void Decide_HistoryOrder_DoesNotMatter() => PropertyRunner.Check(
        Prop.ForAll(Seeds, seed =>
        {
            var s = EligibilityScenarios.Make((ulong)seed);
            ContactEvent[] events = [.. s.Request.History.Events];
            new Random(seed).Shuffle(events);
            Array.Reverse(events);
            var shuffled = s.Request with { History = ContactHistory.From(events) };
            EligibilityDecision a = s.Policy.Decide(s.Request, s.Now);
            EligibilityDecision b = s.Policy.Decide(shuffled, s.Now);
            return a.Outcome == b.Outcome
                && a.TryGetNextEligibleAt(out var x) == b.TryGetNextEligibleAt(out var y) && x == y
                && a.Findings.SequenceEqual(b.Findings);
        }),
        300);

    [Fact]
    public void Decide_MoreHistory_NeverUnblocksOrAdvances() => PropertyRunner.Check(
        Prop.ForAll(Seeds, seed =>
        {
            var s = EligibilityScenarios.Make((ulong)seed);
            var rng = new SplitMix64((ulong)seed ^ 0xABCDEF);
            var more = s.Request with { History = s.Request.History.WithEvents(EligibilityScenarios.Events(rng, s.Now, 1 + rng.NextInt(4))) };
            EligibilityDecision a = s.Policy.Decide(s.Request, s.Now);
            EligibilityDecision b = s.Policy.Decide(more, s.Now);
            if (a.Outcome == EligibilityOutcome.Blocked)
            {
                return b.Outcome == EligibilityOutcome.Blocked;
            }

            return !b.HasNextEligibleAt || b.NextEligibleAt >= a.NextEligibleAt;
        }),
        500);

    [Fact]
    public void Summarize_CountsMatchIndividualDecisions() => PropertyRunner.Check(
        Prop.ForAll(Seeds, seed =>
        {
            var s = EligibilityScenarios.Make((ulong)seed);
            var rng = new SplitMix64((ulong)seed);
            var requests = Enumerable.Range(0, 40).Select(i =>
            {
                var other = EligibilityScenarios.Make(rng.NextUInt64());
                return other.Request with { Contact = other.Request.Contact with { }, };
            }).Select((r, i) => r with { Contact = CopyWithId(r.Contact, "k" + i) }).ToArray();
            DateTimeOffset now = EligibilityScenarios.Now.AddDays(500);
            var decisions = s.Policy.DecideMany(requests, now).ToList();
            EligibilitySummary sum = s.Policy.Summarize(requests, now);
            long deferredBy = decisions.SelectMany(d => d.Findings).Count(f => f.Effect == EligibilityOutcome.Deferred);
            return sum.Eligible == decisions.Count(d => d.IsEligible)
                && sum.Deferred == decisions.Count(d => d.Outcome == EligibilityOutcome.Deferred)
                && sum.Blocked == decisions.Count(d => d.Outcome == EligibilityOutcome.Blocked)
                && sum.DeferredByRule.Values.Sum() == deferredBy;
        }),
        50);

    private static Contact CopyWithId(Contact c, string id) =>
        new(id) { AccountId = c.AccountId, TimeZone = c.TimeZone, OptedOut = c.OptedOut, Reachable = c.Reachable, FirstSeenAt = c.FirstSeenAt, Attributes = c.Attributes, DoNotContact = c.DoNotContact };
}
