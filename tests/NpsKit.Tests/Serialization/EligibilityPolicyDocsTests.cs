using System.Text.RegularExpressions;
using NpsKit.Eligibility;
using NpsKit.Serialization;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Serialization;

/// <summary>docs/eligibility.md shows the bundled policy file verbatim and the compiled code that loads it.</summary>
public class EligibilityPolicyDocsTests
{
    private static string Root => ApiConventions.RepoRoot();

    private static string Doc => File.ReadAllText(Path.Combine(Root, "docs", "eligibility.md")).Replace("\r\n", "\n");

    [Fact]
    public void EligibilityDoc_ShowsTheBundledPolicyFileVerbatim()
    {
        string policy = File.ReadAllText(Path.Combine(Root, "samples", "data", "eligibility-policy.json")).Replace("\r\n", "\n").TrimEnd();
        Assert.Contains("```json\n" + policy + "\n```", Doc, StringComparison.Ordinal);
    }

    [Fact]
    public void EligibilityDoc_ShowsTheCompiledLoadingSnippet()
    {
        string source = File.ReadAllText(Path.Combine(Root, "tests", "NpsKit.Tests", "Serialization", "EligibilityPolicyDocsTests.cs")).Replace("\r\n", "\n");
        Match match = Regex.Match(source, @"\n([ \t]*)#region policy-file\n(.*?)\n\s*#endregion", RegexOptions.Singleline);
        Assert.True(match.Success);
        int indent = match.Groups[1].Value.Length;
        string snippet = string.Join('\n', match.Groups[2].Value.TrimEnd().Split('\n').Select(l => l.Length >= indent ? l[indent..] : l.Trim()));
        Assert.Contains(snippet, Doc, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadingSnippet_DecidesWithTheBundledPolicy()
    {
        (EligibilityPolicy policy, EligibilityDecision decision, string json) = LoadPolicy(Path.Combine(Root, "samples", "data", "eligibility-policy.json"));
        Assert.Equal(10, policy.Rules.Count);
        Assert.Equal(EligibilityOutcome.Deferred, decision.Outcome);
        Assert.Equal(["rest-after-response", "quiet-hours"], decision.Findings.Select(f => f.RuleName));
        Assert.Equal(new DateTimeOffset(2027, 4, 26, 6, 0, 0, TimeSpan.Zero), decision.NextEligibleAt);
        Assert.Contains("\"gap\": \"P182D\"", json, StringComparison.Ordinal);
    }

    private static (EligibilityPolicy, EligibilityDecision, string) LoadPolicy(string path)
    {
        #region policy-file
        EligibilityPolicy policy = NpsJson.DeserializeEligibilityPolicy(File.ReadAllText(path));

        var now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero); // a Tuesday, 11:00 in Copenhagen
        Contact contact = new Contact("C1") { FirstSeenAt = now.AddYears(-2) }
            .WithAddress(ContactChannel.Email, "c1@example.com")
            .WithAttribute("status", "active");
        ContactHistory history = ContactHistory.From(ContactEvent.Response(now.AddDays(-30), "relationship"));
        EligibilityDecision decision = policy.Decide(contact, history, new SurveyTrigger("relationship", now, ContactChannel.Email), now);
        // Deferred until 2027-04-26 06:00 UTC: the 182-day rest ends on Sunday 25 April, a quiet day in Copenhagen.

        string json = NpsJson.Serialize(policy); // the same format, indented; reads back to equal decisions
        #endregion
        return (policy, decision, json);
    }
}
