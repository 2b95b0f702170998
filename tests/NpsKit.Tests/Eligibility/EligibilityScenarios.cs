using NpsKit.Eligibility;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Eligibility;

/// <summary>Seeded random scenarios (policy, contact, history, trigger, now) for the eligibility laws.</summary>
internal static class EligibilityScenarios
{
    public static readonly DateTimeOffset Now = new(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);

    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Pacific/Auckland", "UTC", "Asia/Kolkata"];
    private static readonly string[] Surveys = ["shop", "support", "visit", "b2b"];

    public static DateTimeOffset At(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    public sealed record Scenario(EligibilityPolicy Policy, EligibilityRequest Request, DateTimeOffset Now, ulong Seed)
    {
        public override string ToString() => $"seed {Seed}: {Request.Contact.Id} history {Request.History.Count}";
    }

    public static Scenario Make(ulong seed)
    {
        var rng = new SplitMix64(seed);
        DateTimeOffset now = Now.AddMinutes(rng.NextInt(60 * 24 * 400));
        var rules = new List<EligibilityRule>();
        if (rng.NextInt(4) > 0)
        {
            rules.Add(new MinimumGapRule(TimeSpan.FromDays(1 + rng.NextInt(200)), RestClock.SinceInvitation, (HistoryMatch)rng.NextInt(4), countReminders: rng.NextInt(2) == 0));
        }

        if (rng.NextInt(2) == 0)
        {
            rules.Add(new MinimumGapRule(TimeSpan.FromHours(1 + rng.NextInt(24 * 150)), RestClock.SinceResponse, (HistoryMatch)rng.NextInt(4)));
        }

        if (rng.NextInt(2) == 0)
        {
            rules.Add(new RollingWindowCapRule(1 + rng.NextInt(3), TimeSpan.FromDays(1 + rng.NextInt(365)), (HistoryMatch)rng.NextInt(4), rng.NextInt(2) == 0));
        }

        if (rng.NextInt(2) == 0)
        {
            rules.Add(new TriggerTimingRule(TimeSpan.FromHours(rng.NextInt(24 * 8)), rng.NextInt(2) == 0 ? null : TimeSpan.FromDays(rng.NextInt(60))));
        }

        if (rng.NextInt(3) == 0)
        {
            rules.Add(new MinimumTenureRule(TimeSpan.FromDays(rng.NextInt(90))));
        }

        if (rng.NextInt(2) == 0)
        {
            int from = rng.NextInt(24), until = rng.NextInt(24);
            DayOfWeek[] days = rng.NextInt(2) == 0 ? [] : [(DayOfWeek)rng.NextInt(7)];
            rules.Add(new QuietHoursRule(new TimeOnly(from, rng.NextInt(2) * 30), new TimeOnly(until, 0), days));
        }

        if (rng.NextInt(3) == 0)
        {
            rules.Add(new AccountCapRule(1 + rng.NextInt(2), TimeSpan.FromDays(30 + rng.NextInt(90))));
        }

        if (rng.NextInt(4) == 0)
        {
            rules.Add(AttributeRule.RequireValue("status", "active"));
        }

        if (rng.NextInt(3) == 0)
        {
            rules.Add(new MinimumGapRule(TimeSpan.FromDays(1 + rng.NextInt(30)), scope: RuleScope.ForSurvey("support"), name: "support gap"));
        }

        var groups = new[] { SurveyGroup.From("transactional", "shop", "support") };
        var policy = EligibilityPolicy.From((RulePrecedence)rng.NextInt(2), rules, groups);

        var contact = new Contact("c" + seed)
        {
            AccountId = rng.NextInt(2) == 0 ? "acc" + rng.NextInt(5) : null,
            OptedOut = rng.NextInt(8) == 0 ? ContactChannel.Sms : ContactChannel.None,
            FirstSeenAt = rng.NextInt(6) == 0 ? null : now.AddDays(-rng.NextInt(200)),
        }.WithTimeZone(Zones[rng.NextInt(Zones.Length)]).WithAttribute("status", rng.NextInt(5) == 0 ? "lapsed" : "active");

        var history = ContactHistory.From(Events(rng, now, rng.NextInt(8)));
        var account = contact.AccountId is null ? null : ContactHistory.From(Events(rng, now, rng.NextInt(6)));
        var trigger = new SurveyTrigger(Surveys[rng.NextInt(Surveys.Length)], now.AddHours(-rng.NextInt(24 * 20)), rng.NextInt(4) == 0 ? ContactChannel.Sms : ContactChannel.Email, "purchase");
        return new Scenario(policy, new EligibilityRequest(contact, history, trigger, account), now, seed);
    }

    public static ContactEvent[] Events(SplitMix64 rng, DateTimeOffset now, int n)
    {
        var list = new ContactEvent[n];
        for (int i = 0; i < n; i++)
        {
            list[i] = new ContactEvent(
                (ContactEventKind)rng.NextInt(3),
                now.AddMinutes(-rng.NextInt(60 * 24 * 400)),
                Surveys[rng.NextInt(Surveys.Length)],
                rng.NextInt(2) == 0 ? ContactChannel.Email : ContactChannel.Sms);
        }

        return list;
    }
}
