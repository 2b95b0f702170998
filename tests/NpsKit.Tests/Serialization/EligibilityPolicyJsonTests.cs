using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using NpsKit.Eligibility;
using NpsKit.Serialization;
using NpsKit.TestUtilities;
using NpsKit.Tests.Eligibility;

namespace NpsKit.Tests.Serialization;

public class EligibilityPolicyJsonTests
{
    private static readonly Arbitrary<int> Seeds = Arb.From(Gen.Choose(0, int.MaxValue));

    private static string SamplePolicy => File.ReadAllText(Path.Combine(ApiConventions.RepoRoot(), "samples", "data", "eligibility-policy.json"));

    [Fact]
    public void DeserializeEligibilityPolicy_SampleFile_HasEveryRuleWithItsSettings()
    {
        EligibilityPolicy policy = NpsJson.DeserializeEligibilityPolicy(SamplePolicy);

        Assert.Equal(RulePrecedence.MostSpecificWins, policy.Precedence);
        Assert.Equal(["onboarding", "support"], Assert.Single(policy.Groups).SurveyIds);
        Assert.Equal(10, policy.Rules.Count);
        var afterResponse = Assert.IsType<MinimumGapRule>(policy.Rules.Single(r => r.Name == "rest-after-response"));
        Assert.Equal(TimeSpan.FromDays(182), afterResponse.Gap);
        Assert.Equal(RestClock.SinceResponse, afterResponse.Clock);
        var cap = Assert.IsType<RollingWindowCapRule>(policy.Rules.Single(r => r.Name == "max-3-invitations-per-12-months"));
        Assert.Equal((3, TimeSpan.FromDays(365)), (cap.MaxInvitations, cap.Window));
        var account = Assert.IsType<AccountCapRule>(policy.Rules.Single(r => r.Name == "one-contact-per-account-per-quarter"));
        Assert.Equal((1, TimeSpan.FromDays(91)), (account.MaxInvitations, account.Window));
        var quiet = Assert.IsType<QuietHoursRule>(policy.Rules.Single(r => r.Name == "quiet-hours"));
        Assert.Equal((new TimeOnly(20, 0), new TimeOnly(8, 0)), (quiet.QuietFrom, quiet.QuietUntil));
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], quiet.QuietDays);
        Assert.Equal("Europe/Copenhagen", quiet.FallbackTimeZone!.Id);
        var timing = Assert.IsType<TriggerTimingRule>(policy.Rules.Single(r => r.Name == "support-one-day-after-case"));
        Assert.Equal(RuleScope.ForSurvey("support"), timing.Scope);
        Assert.Equal(TimeSpan.FromDays(7), timing.Expiry);
        Assert.Equal(RuleScope.ForGroup("transactional"), policy.Rules.Single(r => r.Name == "transactional-rest-after-invitation").Scope);
        Assert.IsType<AttributeRule>(policy.Rules.Single(r => r.Name == "active-customers-only"));
        Assert.IsType<MinimumTenureRule>(policy.Rules.Single(r => r.Name == "customer-for-30-days"));
    }

    [Fact]
    public void Serialize_ThenDeserialize_GivesEqualDecisionsOnRandomHistories() => PropertyRunner.Check(
        Prop.ForAll(Seeds, seed =>
        {
            EligibilityScenarios.Scenario s = EligibilityScenarios.Make((ulong)seed);
            EligibilityPolicy policy = RandomPolicy(new SplitMix64((ulong)seed * 31 + 7));
            string json = NpsJson.Serialize(policy);
            EligibilityPolicy back = NpsJson.DeserializeEligibilityPolicy(json);
            return SameDecision(policy.Decide(s.Request, s.Now), back.Decide(s.Request, s.Now))
                && SameDecision(s.Policy.Decide(s.Request, s.Now), NpsJson.DeserializeEligibilityPolicy(NpsJson.Serialize(s.Policy)).Decide(s.Request, s.Now))
                && NpsJson.Serialize(back) == json;
        }),
        300);

    [Fact]
    public void Serialize_PredicateRule_ThrowsNamingTheRule()
    {
        var policy = EligibilityPolicy.From(AttributeRule.FromPredicate("vip", "a VIP", c => c.Id.StartsWith('V')));
        var e = Assert.Throws<ArgumentException>(() => NpsJson.Serialize(policy));
        Assert.Contains("'vip'", e.Message, StringComparison.Ordinal);
        Assert.Contains("RequireValue", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"version":1,"rules":[{"kind":"minimumGap","gap":"P6M"}]}""", "$.rules[0].gap", "years or months")]
    [InlineData("""{"version":1,"rules":[{"kind":"minimumGap","gap":"6 months"}]}""", "$.rules[0].gap", "P182D")]
    [InlineData("""{"version":1,"rules":[{"kind":"minimumGap","gap":"PT0S"}]}""", "$.rules[0]", "gap")]
    [InlineData("""{"version":1,"rules":[{"kind":"nap"}]}""", "$.rules[0].kind", "minimumGap")]
    [InlineData("""{"version":1,"rules":[{"kind":"consent","colour":"red"}]}""", "$.rules[0].colour", "kind, name, scope")]
    [InlineData("""{"version":1,"rules":[{"kind":"minimumGap","gap":"P1D","clock":"SinceLunch"}]}""", "$.rules[0].clock", "SinceInvitation, SinceResponse")]
    [InlineData("""{"version":1,"rules":[{"kind":"quietHours","from":"8pm","until":"08:00"}]}""", "$.rules[0].from", "HH:mm")]
    [InlineData("""{"version":1,"rules":[{"kind":"quietHours","from":"20:00","until":"08:00","fallbackTimeZone":"Mars/Olympus"}]}""", "$.rules[0].fallbackTimeZone", "IANA")]
    [InlineData("""{"version":1,"rules":[{"kind":"accountCap","maxInvitations":0,"window":"P91D"}]}""", "$.rules[0]", "at least 1")]
    [InlineData("""{"version":1,"rules":[{"kind":"consent","scope":{"group":"nope"}}]}""", "$", "nope")]
    [InlineData("""{"version":1,"rules":[{"kind":"consent","scope":{}}]}""", "$.rules[0].scope", "\"survey\"")]
    [InlineData("""{"version":3,"rules":[]}""", "$.version", "1 or 2")]
    [InlineData("""{"rules":[]}""", "$.version", "missing")]
    [InlineData("""{"format":"npskit.tally","version":1,"rules":[]}""", "$.format", "npskit.eligibilityPolicy")]
    [InlineData("""{"version":1,"groups":[{"name":"g","surveys":[]}],"rules":[]}""", "$.groups[0]", "at least one")]
    [InlineData("""{"version":1,"rules":[{"kind":"rollingWindowCap","maxInvitations":"3","window":"P1D"}]}""", "$.rules[0].maxInvitations", "whole number")]
    public void DeserializeEligibilityPolicy_BadInput_NamesThePathAndWhatIsAllowed(string json, string path, string allowed)
    {
        var e = Assert.Throws<JsonException>(() => NpsJson.DeserializeEligibilityPolicy(json));
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(allowed, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeEligibilityPolicy_NotJson_SaysSo()
    {
        var e = Assert.Throws<JsonException>(() => NpsJson.DeserializeEligibilityPolicy("{\"version\": 1,"));
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P182D", 182 * 24 * 60 * 60.0)]
    [InlineData("P2W", 14 * 24 * 60 * 60.0)]
    [InlineData("PT12H", 12 * 60 * 60.0)]
    [InlineData("P1DT6H30M", (30 * 60 * 60.0) + (30 * 60))]
    [InlineData("PT0.5S", 0.5)]
    [InlineData("PT0S", 0)]
    public void DeserializeEligibilityPolicy_Durations_AreExact(string duration, double seconds)
    {
        string json = $$"""{"version":1,"rules":[{"kind":"triggerTiming","delay":"{{duration}}"}]}""";
        var timing = (TriggerTimingRule)NpsJson.DeserializeEligibilityPolicy(json).Rules.Single(r => r is TriggerTimingRule);
        Assert.Equal(TimeSpan.FromSeconds(seconds), timing.Delay);
        Assert.Contains($"\"delay\": \"{(duration == "P2W" ? "P14D" : duration == "P1DT6H30M" ? "P1DT6H30M" : duration)}\"", NpsJson.Serialize(NpsJson.DeserializeEligibilityPolicy(json)), StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeEligibilityPolicy_DefaultsAndCommentsAndCaseInsensitiveEnums_Accepted()
    {
        EligibilityPolicy policy = NpsJson.DeserializeEligibilityPolicy("""
            // a hand-written policy
            { "version": 1, "precedence": "mostrestrictivewins",
              "rules": [ { "kind": "minimumGap", "gap": "P30D", "match": "samesurvey" }, ] }
            """);
        Assert.Equal(RulePrecedence.MostRestrictiveWins, policy.Precedence);
        Assert.IsType<ConsentRule>(policy.Rules[0]); // added by the engine
        var gap = Assert.IsType<MinimumGapRule>(policy.Rules[1]);
        Assert.Equal((RestClock.SinceInvitation, HistoryMatch.SameSurvey, false), (gap.Clock, gap.Match, gap.CountReminders));
    }

    private static bool SameDecision(EligibilityDecision a, EligibilityDecision b) =>
        a.Outcome == b.Outcome
        && a.TryGetNextEligibleAt(out DateTimeOffset x) == b.TryGetNextEligibleAt(out DateTimeOffset y) && x == y
        && a.Findings.Select(f => (f.RuleName, f.Effect, f.Until, f.Reason)).SequenceEqual(b.Findings.Select(f => (f.RuleName, f.Effect, f.Until, f.Reason)));

    /// <summary>A policy with every rule kind possible, random settings (durations to the tick), scopes and names.</summary>
    private static EligibilityPolicy RandomPolicy(SplitMix64 rng)
    {
        string[] surveys = ["shop", "support", "visit", "b2b"];
        string[] zones = ["UTC", "Europe/Berlin", "America/New_York", "Pacific/Auckland"];
        TimeSpan Duration(int maxDays) => new(1 + (long)(rng.NextDouble() * maxDays * TimeSpan.TicksPerDay));
        RuleScope Scope() => rng.NextInt(4) switch
        {
            0 => RuleScope.ForSurvey(surveys[rng.NextInt(surveys.Length)]),
            1 => RuleScope.ForGroup("transactional"),
            _ => RuleScope.Global,
        };
        string? Name(string kind) => rng.NextInt(2) == 0 ? null : kind + "-" + rng.NextInt(1000);

        var rules = new List<EligibilityRule>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        void Add(EligibilityRule rule)
        {
            if (used.Add(rule.Name))
            {
                rules.Add(rule);
            }
        }

        int count = rng.NextInt(9);
        for (int i = 0; i < count; i++)
        {
            switch (rng.NextInt(9))
            {
                case 0: Add(new MinimumGapRule(Duration(200), (RestClock)rng.NextInt(2), (HistoryMatch)rng.NextInt(4), rng.NextInt(2) == 0, Scope(), Name("gap"))); break;
                case 1: Add(new RollingWindowCapRule(1 + rng.NextInt(4), Duration(365), (HistoryMatch)rng.NextInt(4), rng.NextInt(2) == 0, Scope(), Name("cap"))); break;
                case 2: Add(new AccountCapRule(1 + rng.NextInt(3), Duration(120), rng.NextInt(2) == 0, Scope(), Name("account"))); break;
                case 3: Add(new TriggerTimingRule(rng.NextInt(3) == 0 ? TimeSpan.Zero : Duration(5), rng.NextInt(2) == 0 ? null : Duration(30), Scope(), Name("timing"))); break;
                case 4: Add(new MinimumTenureRule(Duration(90), Scope(), Name("tenure"))); break;
                case 5: Add(new ConsentRule(Scope(), Name("consent") ?? "Consent")); break;
                case 6:
                    DayOfWeek[] days = rng.NextInt(2) == 0 ? [] : [(DayOfWeek)rng.NextInt(7)];
                    Add(new QuietHoursRule(new TimeOnly(rng.NextInt(24), rng.NextInt(60), rng.NextInt(3) == 0 ? rng.NextInt(60) : 0), new TimeOnly(rng.NextInt(24), 0), days, TimeZones.FromId(zones[rng.NextInt(zones.Length)]), Scope(), Name("quiet")));
                    break;
                case 7:
                    var value = AttributeRule.RequireValue("status", rng.NextInt(2) == 0 ? ["active"] : ["active", "trial"]).WithScope(Scope());
                    Add(value);
                    break;
                default: Add(AttributeRule.RequireAtLeast("age", 16 + rng.NextInt(10) + 0.5).WithScope(Scope())); break;
            }
        }

        return EligibilityPolicy.From((RulePrecedence)rng.NextInt(2), rules, [SurveyGroup.From("transactional", "shop", "support")]);
    }
}
