using System.Text.Json;

namespace NpsKit.Cli.Tests;

/// <summary>Issue #16 through the CLI: batch account caps, fail-closed history, priority order, as-of and cadence.</summary>
public class Issue16CliTests
{
    private static string TempJson(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"nps-cli-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }

    private static string Policy() => TempJson("""
        { "format": "npskit.eligibilityPolicy", "version": 2,
          "rules": [ { "kind": "accountCap", "name": "one-per-account-per-quarter", "maxInvitations": 1, "window": "calendarQuarter", "zone": "Europe/Copenhagen" } ] }
        """);

    [Fact]
    public void Eligible_TwoContactsOfOneAccount_OnlyOneIsEligibleAndPriorityDecidesWhich()
    {
        string contacts = CliRunner.TempCsv("contact_id,account_id,time_zone,revenue", "C1,A1,Europe/Copenhagen,10", "C2,A1,Europe/Copenhagen,90", "C3,A2,Europe/Copenhagen,5");
        string history = CliRunner.TempCsv("contact_id,account_id,kind,time,survey,channel");
        string[] common = ["eligible", contacts, "--history", history, "--policy", Policy(), "--survey", "b2b", "--at", "2027-04-02T08:00:00Z", "--format", "json"];

        Dictionary<string, string> Outcomes(CliResult r)
        {
            Assert.Equal(ExitCodes.Ok, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Out);
            return doc.RootElement.GetProperty("decisions").EnumerateArray().ToDictionary(d => d.GetProperty("contact").GetString()!, d => d.GetProperty("outcome").GetString()!);
        }

        Dictionary<string, string> inOrder = Outcomes(CliRunner.Run(common));
        Assert.Equal(("Eligible", "Deferred", "Eligible"), (inOrder["C1"], inOrder["C2"], inOrder["C3"]));
        Dictionary<string, string> byRevenue = Outcomes(CliRunner.Run([.. common, "--priority", "revenue"]));
        Assert.Equal(("Deferred", "Eligible", "Eligible"), (byRevenue["C1"], byRevenue["C2"], byRevenue["C3"]));
    }

    [Fact]
    public void Eligible_HistoryRuleWithoutHistory_FailsClosedWithTheFix()
    {
        string contacts = CliRunner.TempCsv("contact_id,account_id", "C1,A1");
        CliResult r = CliRunner.Run("eligible", contacts, "--policy", Policy(), "--survey", "b2b", "--at", "2027-04-02T08:00:00Z");
        Assert.NotEqual(ExitCodes.Ok, r.ExitCode);
        Assert.Contains("--history", r.Error, StringComparison.Ordinal);
    }

    // A contact without a zone under a calendar window in the contact's zone: the engine fails closed, and the CLI says
    // so as bad input (exit code, the contact, the rule, the fix in the files' terms) instead of crashing with a trace.
    [Fact]
    public void Eligible_CalendarCapAndAContactWithoutZone_IsBadInputNamingContactRuleAndFix()
    {
        string contacts = CliRunner.TempCsv("contact_id,account_id,time_zone", "C1,A1,Europe/Copenhagen", "C2,A2,");
        string history = CliRunner.TempCsv("contact_id,account_id,kind,time,survey,channel");
        string policy = TempJson("""
            { "format": "npskit.eligibilityPolicy", "version": 2,
              "rules": [ { "kind": "accountCap", "name": "one-per-account-per-quarter", "maxInvitations": 1, "window": "calendarQuarter" } ] }
            """);

        CliResult r = CliRunner.Run("eligible", contacts, "--history", history, "--policy", policy, "--survey", "b2b", "--at", "2027-04-02T08:00:00Z");

        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.Contains("Contact 'C2' has no time zone", r.Error, StringComparison.Ordinal);
        Assert.Contains("rule 'one-per-account-per-quarter'", r.Error, StringComparison.Ordinal);
        Assert.Contains("time_zone column", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal); // no stack trace
        Assert.Equal(string.Empty, r.Out);
    }

    [Fact]
    public void Plan_CadenceAndAsOf_AsksKeyAccountsEveryQuarterFromTheAsOfMonth()
    {
        string accounts = CliRunner.TempCsv("account_id,revenue,tier", "K1,70000,A", "B1,30000,B", "C1,10000,C");
        CliResult r = CliRunner.Run("plan", accounts, "--start", "2027-01", "--months", "12", "--cadence", "A=3,B=6,C=12", "--as-of", "2027-02", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        string[] k1 = [.. r.Out.Split('\n').Where(l => l.StartsWith("K1,", StringComparison.Ordinal) || l.Contains(",K1,", StringComparison.Ordinal))];
        Assert.Equal(4, k1.Length); // Feb/May/Aug/Nov or later offsets: 4 asks, none in January
        Assert.DoesNotContain(r.Out.Split('\n'), l => l.Contains("2027-01", StringComparison.Ordinal) && l.Contains("K1", StringComparison.Ordinal));
    }
}
