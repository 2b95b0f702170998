using NpsKit.Eligibility;
using static NpsKit.Tests.Eligibility.EligibilityScenarios;

namespace NpsKit.Tests.Eligibility;

public partial class EligibilityPolicyTests
{
    [Fact]
    public void MinimumGapRule_NegativeGap_ThrowsNamingTheParameter()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MinimumGapRule(TimeSpan.FromDays(-1)));
        Assert.Equal("gap", ex.ParamName);
        Assert.Contains("positive", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TriggerTimingRule(TimeSpan.FromHours(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingWindowCapRule(0, TimeSpan.FromDays(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AccountCapRule(1, TimeSpan.Zero));
    }

    [Fact]
    public void WithTimeZone_UnknownZone_ThrowsNamingZoneAndContact()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Contact("c7").WithTimeZone("Mars/Olympus_Mons"));
        Assert.Contains("Mars/Olympus_Mons", ex.Message, StringComparison.Ordinal);
        Assert.Contains("c7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_HistoryAfterNow_ThrowsNamingContactAndIndex()
    {
        var history = ContactHistory.From(ContactEvent.Invitation(At(2026, 4, 1), "shop"), ContactEvent.Response(At(2026, 6, 1), "shop"));
        var ex = Assert.Throws<ArgumentException>(() => EligibilityPolicy.From().Decide(new Contact("c9"), history, Purchase, At(2026, 5, 2)));
        Assert.Contains("c9", ex.Message, StringComparison.Ordinal);
        Assert.Contains("index 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal("history", ex.ParamName);
    }

    [Fact]
    public void AccountHistoryAfterNow_ThrowsNamingContactAndIndex_InEveryEntryPoint()
    {
        var account = ContactHistory.From(ContactEvent.Invitation(At(2026, 3, 1), "shop"), ContactEvent.Invitation(At(2026, 6, 1), "shop"));
        var request = new EligibilityRequest(new Contact("c4") { AccountId = "acme" }, ContactHistory.Empty, Purchase, account);
        var policy = EligibilityPolicy.From(new AccountCapRule(1, TimeSpan.FromDays(91)));
        DateTimeOffset now = At(2026, 5, 2);
        EligibilityRequest[] batch = [new EligibilityRequest(new Contact("c3") { AccountId = "acme" }, ContactHistory.Empty, Purchase, ContactHistory.Empty), request];
        foreach (Action decide in new Action[]
        {
            () => policy.Decide(in request, now),
            () => policy.DecideMany(batch, now).ToList(),
            () => policy.DecideMany(batch.Select(r => r), now).ToList(), // streamed: the accounts looked up by id
            () => policy.Summarize(batch, now),
            () => policy.Summarize(batch.ToList(), now),
            () => policy.StartBatch(now).Decide(in request),
        })
        {
            var ex = Assert.Throws<ArgumentException>(decide);
            Assert.Contains("Contact 'c4'", ex.Message, StringComparison.Ordinal);
            Assert.Contains("account history entry at index 1", ex.Message, StringComparison.Ordinal);
            Assert.Equal("accountHistory", ex.ParamName);
        }
    }

    // A cap with nothing to count passes at once (no window is worked out), but a calendar window in the contact's zone
    // still needs the zone: a contact without one is an error even when its history is empty, in every entry point.
    [Fact]
    public void CalendarCaps_ContactWithoutZone_FailClosedEvenWithNothingToCount()
    {
        DateTimeOffset now = At(2026, 5, 2);
        CapWindow quarter = CapWindow.CalendarPeriod(CalendarUnit.Quarter);
        var request = new EligibilityRequest(new Contact("c5") { AccountId = "acme" }, ContactHistory.Empty, Purchase, ContactHistory.Empty);
        foreach (EligibilityRule rule in new EligibilityRule[] { new RollingWindowCapRule(1, quarter, name: "cap"), new AccountCapRule(1, quarter, name: "cap") })
        {
            var policy = EligibilityPolicy.From(rule);
            foreach (Action decide in new Action[]
            {
                () => policy.Decide(in request, now),
                () => policy.DecideMany([request], now).ToList(),
                () => policy.Summarize([request], now),
                () => policy.StartBatch(now).Decide(in request),
            })
            {
                var ex = Assert.Throws<ArgumentException>(decide);
                Assert.Contains("Contact 'c5' has no time zone", ex.Message, StringComparison.Ordinal);
                Assert.Contains("rule 'cap'", ex.Message, StringComparison.Ordinal);
            }

            // With the company's zone on the rule, or a zone on the contact, there is nothing to count: eligible.
            Assert.True(EligibilityPolicy.From(rule is AccountCapRule ? new AccountCapRule(1, quarter, timeZone: TimeZoneInfo.Utc) : new RollingWindowCapRule(1, quarter, timeZone: TimeZoneInfo.Utc)).Decide(in request, now).IsEligible);
            Assert.True(policy.Decide(request with { Contact = request.Contact.WithTimeZone("Europe/Copenhagen") }, now).IsEligible);
        }
    }

    [Fact]
    public void Decide_TriggerAfterNow_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => EligibilityPolicy.From().Decide(new Contact("c"), ContactHistory.Empty, Purchase, At(2026, 4, 1)));
        Assert.Contains("after now", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecideMany_DuplicateContactIds_Throws()
    {
        var r = new EligibilityRequest(new Contact("dup"), ContactHistory.Empty, Purchase);
        var policy = EligibilityPolicy.From();
        var ex = Assert.Throws<ArgumentException>(() => policy.DecideMany([r, r], At(2026, 5, 2)).ToList());
        Assert.Contains("Duplicate contact id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'dup'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => policy.Summarize([r, r], At(2026, 5, 2)));
        Assert.Equal(2, policy.Summarize([r, r], At(2026, 5, 2), new EligibilityBatchOptions { RejectDuplicateContactIds = false }).Total);
    }

    [Fact]
    public void From_DuplicateRuleNamesOrGroupProblems_Throw()
    {
        Assert.Contains("Duplicate rule name 'x'", Assert.Throws<ArgumentException>(() => EligibilityPolicy.From(
            new MinimumGapRule(TimeSpan.FromDays(1), name: "x"), new RollingWindowCapRule(1, TimeSpan.FromDays(1), name: "x"))).Message, StringComparison.Ordinal);
        Assert.Contains("both group", Assert.Throws<ArgumentException>(() => EligibilityPolicy.From(
            RulePrecedence.MostSpecificWins, [], [SurveyGroup.From("a", "s1"), SurveyGroup.From("b", "s1")])).Message, StringComparison.Ordinal);
        Assert.Contains("does not define", Assert.Throws<ArgumentException>(() => EligibilityPolicy.From(
            new MinimumGapRule(TimeSpan.FromDays(1), scope: RuleScope.ForGroup("nope")))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SurveyGroup.From("g", "s", "s"));
    }

    [Fact]
    public void ContactEventAndTrigger_SeveralChannels_Throw()
    {
        Assert.Throws<ArgumentException>(() => ContactEvent.Invitation(At(2026, 1, 1), "s", ContactChannel.Email | ContactChannel.Sms));
        Assert.Throws<ArgumentException>(() => new SurveyTrigger("s", At(2026, 1, 1), ContactChannel.None));
        Assert.Throws<ArgumentException>(() => ContactEvent.Invitation(At(2026, 1, 1), ""));
        Assert.Throws<ArgumentException>(() => ContactHistory.From(default(ContactEvent)));
    }
}
