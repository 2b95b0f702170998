using System.Text.Json;

namespace NpsKit.Cli.Tests;

/// <summary>Issue #16 through the CLI, in the issue's words: "two contacts of the same B2B account both come out Eligible
/// in one DecideMany … check Summarize and the CLI too", with a per-channel cap beside the account cap, and the order
/// contacts are taken in as a parameter.</summary>
public class EligibleBatchCapsCommandTests
{
    private const string At = "2026-11-24T09:00:00Z";

    private static readonly string Policy = CliRunner.TempFile("""
        {
          "format": "npskit.eligibilityPolicy",
          "version": 2,
          "rules": [
            { "kind": "accountCap", "name": "one-per-account-per-quarter", "maxInvitations": 1, "window": "P91D" },
            { "kind": "rollingWindowCap", "name": "one-email-a-month", "maxInvitations": 1, "window": "P30D", "match": "SameChannel" }
          ]
        }
        """u8.ToArray(), ".json");

    private static readonly string Contacts = CliRunner.TempCsv(
        "contact_id,account_id,email,time_zone,revenue",
        "B1,ACME,b1@acme.example,Europe/Copenhagen,10",
        "B2,ACME,b2@acme.example,Europe/Copenhagen,900",
        "G1,GLOBEX,g1@globex.example,America/New_York,50");

    // G1 had an email ten days ago, which was also GLOBEX's invitation: the per-channel cap waits until that email + 30
    // days, the account cap until it + 91 days, and the contact may be asked when both have passed.
    private static readonly string History = CliRunner.TempCsv(
        "contact_id,account_id,kind,at,survey,channel",
        "G1,GLOBEX,invitation,2026-11-14T09:00:00Z,onboarding,email");

    private static List<JsonElement> Decisions(CliResult result, out JsonElement summary)
    {
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        summary = doc.RootElement.GetProperty("summary").Clone();
        return [.. doc.RootElement.GetProperty("decisions").EnumerateArray().Select(d => d.Clone())];
    }

    [Fact]
    public void Eligible_TwoContactsOfOneAccountInOneFile_OnlyTheFirstIsAsked_AndTheChannelCapDefersARecentEmail()
    {
        var decisions = Decisions(CliRunner.Run("eligible", Contacts, "--history", History, "--policy", Policy, "--survey", "relationship", "--at", At, "--format", "json"), out JsonElement summary);

        Assert.Equal(["B1", "B2", "G1"], decisions.Select(d => d.GetProperty("contact").GetString()));
        Assert.Equal(["Eligible", "Deferred", "Deferred"], decisions.Select(d => d.GetProperty("outcome").GetString()));

        // B2 waits until B1's invitation (now) leaves the 91-day window; G1 until its email of 14 Nov leaves both windows.
        Assert.Equal(DateTimeOffset.Parse("2027-02-23T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), decisions[1].GetProperty("nextEligibleAt").GetDateTimeOffset());
        Assert.Equal("one-per-account-per-quarter", decisions[1].GetProperty("findings")[0].GetProperty("rule").GetString());
        Assert.Equal(DateTimeOffset.Parse("2027-02-13T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), decisions[2].GetProperty("nextEligibleAt").GetDateTimeOffset());
        Assert.Equal(["one-per-account-per-quarter", "one-email-a-month"], decisions[2].GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()));
        Assert.Contains("2026-12-14 09:00 UTC", decisions[2].GetProperty("findings")[1].GetProperty("reason").GetString(), StringComparison.Ordinal);

        Assert.Equal(1, summary.GetProperty("eligible").GetInt64());
        Assert.Equal(2, summary.GetProperty("deferred").GetInt64());
    }

    [Fact]
    public void Eligible_PriorityByAttribute_GivesTheAccountsSlotToTheHighestValue()
    {
        var decisions = Decisions(CliRunner.Run("eligible", Contacts, "--history", History, "--policy", Policy, "--survey", "relationship", "--at", At, "--format", "json", "--priority", "revenue"), out JsonElement summary);

        Assert.Equal(["B1", "B2", "G1"], decisions.Select(d => d.GetProperty("contact").GetString())); // still file order
        Assert.Equal(["Deferred", "Eligible", "Deferred"], decisions.Select(d => d.GetProperty("outcome").GetString()));
        Assert.Equal(1, summary.GetProperty("eligible").GetInt64());
    }
}
