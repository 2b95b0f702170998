using NpsKit.Eligibility;
using static NpsKit.Tests.Eligibility.EligibilityScenarios;

namespace NpsKit.Tests.Eligibility;

public partial class EligibilityPolicyTests
{
    private static readonly SurveyTrigger Purchase = new("shop", At(2026, 5, 1, 9), ContactChannel.Email, "purchase");

    private static EligibilityDecision Decide(EligibilityPolicy policy, ContactHistory history, DateTimeOffset now, Contact? contact = null, SurveyTrigger? trigger = null, ContactHistory? account = null) =>
        policy.Decide(contact ?? new Contact("c1"), history, trigger ?? Purchase, now, account);

    [Fact]
    public void Decide_NoHistory_IsEligibleWithNoFindings()
    {
        var d = Decide(EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(182))), ContactHistory.Empty, At(2026, 5, 2));
        Assert.Equal(EligibilityOutcome.Eligible, d.Outcome);
        Assert.Empty(d.Findings);
        Assert.Equal(At(2026, 5, 2), d.NextEligibleAt);
    }

    [Fact]
    public void Decide_WebShopSixMonthRest_DefersToLastInvitationPlus182Days()
    {
        var policy = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(182), name: "6-month rest"));
        var history = ContactHistory.From(ContactEvent.Invitation(At(2026, 1, 10, 8), "shop", ContactChannel.Email));
        var d = Decide(policy, history, At(2026, 5, 2));
        Assert.Equal(EligibilityOutcome.Deferred, d.Outcome);
        Assert.Equal(At(2026, 7, 11, 8), d.NextEligibleAt); // 2026-01-10 + 182 days = 2026-07-11
        EligibilityFinding f = Assert.Single(d.Findings);
        Assert.Equal("6-month rest", f.RuleName);
        Assert.Contains("2026-01-10 08:00 UTC", f.Reason, StringComparison.Ordinal);
        Assert.Contains("182 days", f.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ResponseClock_IgnoresInvitationsAndUsesLastResponse()
    {
        var policy = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(120), RestClock.SinceResponse));
        var invitedOnly = ContactHistory.From(ContactEvent.Invitation(At(2026, 4, 1), "shop"));
        Assert.True(Decide(policy, invitedOnly, At(2026, 5, 2)).IsEligible);
        var answered = invitedOnly.WithEvent(ContactEvent.Response(At(2026, 4, 2), "shop"));
        Assert.Equal(At(2026, 7, 31), Decide(policy, answered, At(2026, 5, 2)).NextEligibleAt);
    }

    [Fact]
    public void Decide_Reminders_CountOnlyWhenConfigured()
    {
        var history = ContactHistory.From(ContactEvent.Invitation(At(2026, 1, 1), "shop"), ContactEvent.Reminder(At(2026, 4, 20), "shop"));
        var ignoring = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(30)));
        var counting = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(30), countReminders: true));
        Assert.True(Decide(ignoring, history, At(2026, 5, 2)).IsEligible);
        Assert.Equal(At(2026, 5, 20), Decide(counting, history, At(2026, 5, 2)).NextEligibleAt);
    }

    [Fact]
    public void Decide_RollingCap_DefersUntilOldestInvitationLeavesWindow()
    {
        var policy = EligibilityPolicy.From(new RollingWindowCapRule(2, TimeSpan.FromDays(30)));
        var history = ContactHistory.From(
            ContactEvent.Invitation(At(2026, 3, 1), "a"),
            ContactEvent.Invitation(At(2026, 4, 10), "b"),
            ContactEvent.Invitation(At(2026, 4, 25), "c"));
        var d = Decide(policy, history, At(2026, 5, 2));
        Assert.Equal(At(2026, 5, 10), d.NextEligibleAt); // 04-10 leaves the 30-day window on 05-10
        Assert.Contains("2 invitations", d.Findings[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_PerSurveyAndPerChannelHistory_CountsOnlyMatchingEntries()
    {
        var history = ContactHistory.From(ContactEvent.Invitation(At(2026, 4, 30), "support", ContactChannel.Sms));
        var perSurvey = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(30), match: HistoryMatch.SameSurvey));
        var perChannel = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(30), match: HistoryMatch.SameChannel));
        var perGroup = EligibilityPolicy.From(RulePrecedence.MostSpecificWins, [new MinimumGapRule(TimeSpan.FromDays(30), match: HistoryMatch.SameGroup)], [SurveyGroup.From("tx", "shop", "support")]);
        Assert.True(Decide(perSurvey, history, At(2026, 5, 2)).IsEligible);
        Assert.True(Decide(perChannel, history, At(2026, 5, 2)).IsEligible); // trigger is e-mail
        Assert.Equal(At(2026, 5, 30), Decide(perGroup, history, At(2026, 5, 2)).NextEligibleAt);
    }

    [Fact]
    public void Decide_AccountCap_UsesTheAccountHistory()
    {
        var policy = EligibilityPolicy.From(new AccountCapRule(1, TimeSpan.FromDays(91), name: "one per account per quarter"));
        var contact = new Contact("alice") { AccountId = "acme" };
        var account = ContactHistory.From(ContactEvent.Invitation(At(2026, 3, 1), "b2b"));
        var d = Decide(policy, ContactHistory.Empty, At(2026, 5, 2), contact, account: account);
        Assert.Equal(At(2026, 5, 31), d.NextEligibleAt);
        Assert.Contains("Account 'acme'", d.Findings[0].Reason, StringComparison.Ordinal);
        Assert.True(Decide(policy, ContactHistory.Empty, At(2026, 5, 2), new Contact("bob"), account: account).IsEligible);
    }

    [Fact]
    public void Decide_TriggerDelayAndExpiry_DefersThenBlocks()
    {
        var policy = EligibilityPolicy.From(new TriggerTimingRule(TimeSpan.FromDays(1), TimeSpan.FromDays(3)));
        Assert.Equal(At(2026, 5, 2, 9), Decide(policy, ContactHistory.Empty, At(2026, 5, 1, 12)).NextEligibleAt);
        Assert.True(Decide(policy, ContactHistory.Empty, At(2026, 5, 5, 9)).IsEligible);
        var late = Decide(policy, ContactHistory.Empty, At(2026, 5, 5, 10));
        Assert.Equal(EligibilityOutcome.Blocked, late.Outcome);
        Assert.False(late.HasNextEligibleAt);
        Assert.Throws<InvalidOperationException>(() => late.NextEligibleAt);
    }

    [Fact]
    public void Decide_RestEndsAfterTriggerExpiry_BlocksWithBothReasons()
    {
        var policy = EligibilityPolicy.From(
            new MinimumGapRule(TimeSpan.FromDays(182), name: "rest"),
            new TriggerTimingRule(TimeSpan.FromDays(7), TimeSpan.FromDays(14), name: "timing"));
        var history = ContactHistory.From(ContactEvent.Invitation(At(2026, 2, 1), "shop"));
        var d = Decide(policy, history, At(2026, 5, 9));
        Assert.Equal(EligibilityOutcome.Blocked, d.Outcome);
        Assert.Equal(["rest", "timing"], d.Findings.Select(f => f.RuleName).Order());
        Assert.Equal(EligibilityOutcome.Blocked, d.Findings.Single(f => f.RuleName == "timing").Effect);
    }

    [Fact]
    public void Decide_Tenure_DefersNewAndBlocksUnknownCustomers()
    {
        var policy = EligibilityPolicy.From(new MinimumTenureRule(TimeSpan.FromDays(30)));
        var fresh = new Contact("n") { FirstSeenAt = At(2026, 4, 20) };
        Assert.Equal(At(2026, 5, 20), Decide(policy, ContactHistory.Empty, At(2026, 5, 2), fresh).NextEligibleAt);
        var unknown = Decide(policy, ContactHistory.Empty, At(2026, 5, 2), new Contact("u"));
        Assert.Equal(EligibilityOutcome.Blocked, unknown.Outcome);
        Assert.Contains("unknown", unknown.Findings[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, ContactChannel.None, ContactChannel.All, "do-not-contact")]
    [InlineData(false, ContactChannel.Email, ContactChannel.All, "opted out of Email")]
    [InlineData(false, ContactChannel.Sms, ContactChannel.Sms, "no Email address")]
    public void Decide_ConsentProblems_AlwaysBlock(bool dnc, ContactChannel optedOut, ContactChannel reachable, string reason)
    {
        var contact = new Contact("x") { DoNotContact = dnc, OptedOut = optedOut, Reachable = reachable };
        var d = Decide(EligibilityPolicy.From(), ContactHistory.Empty, At(2026, 5, 2), contact);
        Assert.Equal(EligibilityOutcome.Blocked, d.Outcome);
        Assert.Contains(reason, d.Findings.Single().Reason, StringComparison.Ordinal);
        Assert.Equal("Consent", d.Findings.Single().RuleName);
    }

    [Fact]
    public void Decide_AttributePredicates_BlockWithDescription()
    {
        var policy = EligibilityPolicy.From(AttributeRule.RequireValue("status", "active"), AttributeRule.RequireAtLeast("age", 18));
        var ok = new Contact("a").WithAttribute("status", "active").WithAttribute("age", "18");
        var young = new Contact("b").WithAttribute("status", "active").WithAttribute("age", "17.5");
        Assert.True(Decide(policy, ContactHistory.Empty, At(2026, 5, 2), ok).IsEligible);
        var d = Decide(policy, ContactHistory.Empty, At(2026, 5, 2), young);
        Assert.Equal(EligibilityOutcome.Blocked, d.Outcome);
        Assert.Contains("at least 18", Assert.Single(d.Findings).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Precedence_SurveyRuleOverridesGroupOverridesGlobal_UnlessMostRestrictive()
    {
        EligibilityRule[] rules =
        [
            new MinimumGapRule(TimeSpan.FromDays(180), name: "global 180"),
            new MinimumGapRule(TimeSpan.FromDays(90), scope: RuleScope.ForGroup("tx"), name: "tx 90"),
            new MinimumGapRule(TimeSpan.FromDays(30), scope: RuleScope.ForSurvey("support"), name: "support 30"),
        ];
        SurveyGroup[] groups = [SurveyGroup.From("tx", "shop", "support")];
        var specific = EligibilityPolicy.From(RulePrecedence.MostSpecificWins, rules, groups);
        var restrictive = specific.WithPrecedence(RulePrecedence.MostRestrictiveWins);
        var history = ContactHistory.From(ContactEvent.Invitation(At(2026, 1, 1), "shop"));
        var support = new SurveyTrigger("support", At(2026, 5, 1), ContactChannel.Email);
        var visit = new SurveyTrigger("visit", At(2026, 5, 1), ContactChannel.Email);

        Assert.Equal(["Consent", "support 30"], specific.RulesFor("support").Select(r => r.Name));
        Assert.Equal(["Consent", "tx 90"], specific.RulesFor("shop").Select(r => r.Name));
        Assert.Equal(["Consent", "global 180"], specific.RulesFor("visit").Select(r => r.Name));
        Assert.True(Decide(specific, history, At(2026, 5, 2), trigger: support).IsEligible);
        Assert.Equal(At(2026, 4, 1), Decide(specific, history, At(2026, 3, 2), trigger: new SurveyTrigger("shop", At(2026, 3, 1), ContactChannel.Email)).NextEligibleAt);
        Assert.Equal(At(2026, 6, 30), Decide(specific, history, At(2026, 5, 2), trigger: visit).NextEligibleAt);
        var strict = Decide(restrictive, history, At(2026, 5, 2), trigger: support);
        Assert.Equal(At(2026, 6, 30), strict.NextEligibleAt);
        Assert.Equal("global 180", Assert.Single(strict.Findings).RuleName);
        Assert.Equal(4, restrictive.RulesFor("support").Count);
    }

    [Fact]
    public void Decide_TimeProvider_ReadsNowFromTheClock()
    {
        var policy = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(10)));
        var history = ContactHistory.From(ContactEvent.Invitation(At(2026, 4, 25), "shop"));
        var d = policy.Decide(new Contact("c"), history, Purchase, new FixedClock(At(2026, 5, 2)));
        Assert.Equal(At(2026, 5, 2), d.DecidedAt);
        Assert.Equal(At(2026, 5, 5), d.NextEligibleAt);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Decide_DocsWebShopScenario_BlockedByExpiryAndDeferredWithoutIt()
    {
        EligibilityRule rest = new MinimumGapRule(TimeSpan.FromDays(182), name: "6-month rest");
        EligibilityRule quiet = new QuietHoursRule(new TimeOnly(21, 0), new TimeOnly(8, 0), [DayOfWeek.Sunday], name: "quiet");
        var policy = EligibilityPolicy.From(rest, new TriggerTimingRule(TimeSpan.FromDays(1), TimeSpan.FromDays(14), name: "1 day after purchase"), quiet);
        var contact = new Contact("c-1042").WithTimeZone("Europe/Berlin");
        var history = ContactHistory.From(ContactEvent.Invitation(At(2026, 1, 10, 8), "shop", ContactChannel.Email));
        var d = policy.Decide(contact, history, Purchase, At(2026, 5, 2, 12));
        Assert.Equal(EligibilityOutcome.Blocked, d.Outcome);
        Assert.Equal(["6-month rest", "1 day after purchase"], d.Findings.Select(f => f.RuleName));
        var noExpiry = EligibilityPolicy.From(rest, new TriggerTimingRule(TimeSpan.FromDays(1)), quiet).Decide(contact, history, Purchase, At(2026, 5, 2, 12));
        Assert.Equal(At(2026, 7, 11, 8), noExpiry.NextEligibleAt);
    }

    [Fact]
    public void WithAddress_NarrowsReachableToChannelsWithAddresses()
    {
        var contact = new Contact("a").WithAddress(ContactChannel.Sms, "+49 170 0000000");
        Assert.Equal(ContactChannel.Sms, contact.Reachable);
        var d = Decide(EligibilityPolicy.From(), ContactHistory.Empty, At(2026, 5, 2), contact);
        Assert.Contains("no Email address", Assert.Single(d.Findings).Reason, StringComparison.Ordinal);
        Assert.Equal(ContactChannel.Sms | ContactChannel.Email, contact.WithAddress(ContactChannel.Email, "a@example.org").Reachable);
    }
}
