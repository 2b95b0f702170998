using NpsKit.Eligibility;
using static NpsKit.Tests.Eligibility.EligibilityScenarios;

namespace NpsKit.Tests.Eligibility;

public class WhatIfReplayTests
{
    [Fact]
    public void Replay_MonthlyShopperUnderSixMonthRest_SendsTwoOfTwelve()
    {
        // A customer invited after each monthly purchase in 2025 (12 invitations, the 15th at 10:00). With a 182-day
        // rest and a 7-day trigger expiry: January is sent; the rest ends 2025-07-16 10:00 (Jan 15 + 182 days), so the
        // July 15 attempt is deferred by one day and sent then; every other attempt falls inside a rest period that
        // ends more than 7 days after it and is suppressed.
        var history = ContactHistory.From(Enumerable.Range(1, 12).Select(m => ContactEvent.Invitation(At(2025, m, 15, 10), "shop", ContactChannel.Email)));
        var policy = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(182), name: "rest"), new TriggerTimingRule(TimeSpan.Zero, TimeSpan.FromDays(7), name: "expiry"));
        WhatIfReport report = WhatIfReplay.Replay(policy, [(new Contact("c"), history)]);
        Assert.Equal(12, report.Attempted);
        Assert.Equal(1, report.SentOnTime);
        Assert.Equal(1, report.SentLater);
        Assert.Equal(2, report.WouldSend);
        Assert.Equal(10, report.Suppressed);
        Assert.Equal(11, report.StoppedByRule["rest"]);
        Assert.Equal(10, report.StoppedByRule["expiry"]);
    }

    [Fact]
    public void Replay_WithoutExpiry_DefersInsteadOfSuppressing()
    {
        var history = ContactHistory.From(ContactEvent.Invitation(At(2025, 1, 1), "shop"), ContactEvent.Invitation(At(2025, 1, 10), "shop"), ContactEvent.Invitation(At(2025, 3, 1), "shop"));
        WhatIfReport report = WhatIfReplay.Replay(EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(30))), [(new Contact("c"), history)]);
        // 01-01 sent; 01-10 deferred to 01-31 (enters the simulated history); 03-01 is 29 days after 01-31 -> deferred to 03-02.
        Assert.Equal((1L, 2L, 0L), (report.SentOnTime, report.SentLater, report.Suppressed));
    }

    [Fact]
    public void Replay_DuplicateContacts_Throws() =>
        Assert.Throws<ArgumentException>(() => WhatIfReplay.Replay(EligibilityPolicy.From(), [(new Contact("a"), ContactHistory.Empty), (new Contact("a"), ContactHistory.Empty)]));
}
