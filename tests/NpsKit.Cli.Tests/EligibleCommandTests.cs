using System.Text.Json;
using NpsKit.Csv;
using NpsKit.Eligibility;
using NpsKit.Serialization;

namespace NpsKit.Cli.Tests;

public class EligibleCommandTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static string[] Args(params string[] more) =>
    [
        "eligible", CliRunner.Sample("contacts.csv"),
        "--history", CliRunner.Sample("contact-history.csv"),
        "--policy", CliRunner.Sample("eligibility-policy.json"),
        "--survey", "relationship",
        .. more,
    ];

    [Fact]
    public void Eligible_SampleData_DecidesEveryContactAsTheLibraryDoes()
    {
        CliResult result = CliRunner.Run(Args("--at", "2026-11-24T09:00:00Z", "--format", "json"));

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var decisions = doc.RootElement.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal(1500, decisions.Count);

        // The same decisions straight from the library.
        EligibilityPolicy policy = NpsJson.DeserializeEligibilityPolicy(File.ReadAllText(CliRunner.Sample("eligibility-policy.json")));
        ContactCsvResult contacts = ContactCsv.ReadContacts(CliRunner.Sample("contacts.csv"));
        ContactHistoryCsvResult history = ContactCsv.ReadHistory(CliRunner.Sample("contact-history.csv"));
        var trigger = new SurveyTrigger("relationship", At, ContactChannel.Email);
        EligibilityBatch batch = policy.StartBatch(At); // one batch: an account's cap counts the contacts invited before in the file
        EligibilityDecision[] expected = [.. contacts.Contacts.Select(c => batch.Decide(new EligibilityRequest(
            c, history.HistoryOf(c.Id), trigger, c.AccountId is null ? null : history.ByAccount.GetValueOrDefault(c.AccountId) ?? ContactHistory.Empty)))];
        foreach ((EligibilityDecision want, JsonElement got) in expected.Zip(decisions))
        {
            Assert.Equal(want.ContactId, got.GetProperty("contact").GetString());
            Assert.Equal(want.Outcome.ToString(), got.GetProperty("outcome").GetString());
            if (want.TryGetNextEligibleAt(out DateTimeOffset next))
            {
                Assert.Equal(next, got.GetProperty("nextEligibleAt").GetDateTimeOffset());
            }

            Assert.Equal(want.Findings.Select(f => f.RuleName), got.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()));
        }

        JsonElement summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(expected.Count(d => d.IsEligible), summary.GetProperty("eligible").GetInt64());
        Assert.Equal(expected.Count(d => d.Outcome == EligibilityOutcome.Blocked), summary.GetProperty("blocked").GetInt64());
        Assert.True(summary.GetProperty("eligible").GetInt64() > 0);
        Assert.True(summary.GetProperty("deferredByRule").GetProperty("quiet-hours").GetInt64() > 0);
    }

    [Fact]
    public void Eligible_Table_ShowsReasonsNextTimeAndSummary()
    {
        CliResult result = CliRunner.Run(Args("--at", "2026-11-24T09:00:00Z"));

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("contact", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains(result.OutLines, l => l.Contains("deferred", StringComparison.Ordinal) && l.Contains("rest-after-response: Last response", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.Contains("blocked", StringComparison.Ordinal) && l.Contains("never (this trigger)", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("Survey 'relationship' at 2026-11-24 09:00Z: 1,500 contacts:", StringComparison.Ordinal));
        Assert.Contains("Blocked by rule", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligible_FormatCsv_KeepsStdoutCsvAndPutsTheSummaryOnStderr()
    {
        CliResult result = CliRunner.Run(Args("--at", "2026-11-24T09:00:00Z", "--format", "csv"));

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("contact,account,outcome,next eligible,reasons", result.OutLines[0]);
        Assert.Equal(1501, result.OutLines.Length);
        Assert.Contains("Survey 'relationship'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligible_NoAt_IsRequiredWithoutAClockAndTakenFromTheClockWithOne()
    {
        CliResult without = CliRunner.Run(Args());
        Assert.Equal(ExitCodes.Usage, without.ExitCode);
        Assert.Contains("--at is required", without.Error, StringComparison.Ordinal);

        CliResult with = CliRunner.RunAt(At, Args("--format", "json"));
        Assert.Equal(ExitCodes.Ok, with.ExitCode);
        Assert.Equal(CliRunner.Run(Args("--at", "2026-11-24T09:00:00Z", "--format", "json")).Out, with.Out);
    }

    [Fact]
    public void Eligible_AtBeforeSomeHistory_IgnoresLaterEntriesAndSaysSo()
    {
        CliResult result = CliRunner.Run(Args("--at", "2026-01-01T12:00:00Z", "--format", "csv"));
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("history entries after --at 2026-01-01T12:00:00Z", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-24T09:00:00")]
    [InlineData("tomorrow")]
    public void Eligible_AtWithoutOffset_IsAUsageError(string at)
    {
        CliResult result = CliRunner.Run(Args("--at", at));
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("UTC offset", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligible_BadPolicy_NamesTheFileAndJsonPath()
    {
        string policy = Path.Combine(Path.GetTempPath(), $"nps-policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(policy, """{"version":1,"rules":[{"kind":"minimumGap","gap":"P6M"}]}""");
        CliResult result = CliRunner.Run("eligible", CliRunner.Sample("contacts.csv"), "--policy", policy, "--survey", "s", "--at", "2026-11-24T09:00:00Z");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(policy, result.Error, StringComparison.Ordinal);
        Assert.Contains("$.rules[0].gap", result.Error, StringComparison.Ordinal);
        Assert.Contains("P182D", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligible_BadContactRow_NamesFileLineAndColumn()
    {
        string contacts = CliRunner.TempCsv("contact_id,time_zone", "C1,Europe/Paris", "C2,Mars/Olympus");
        string history = CliRunner.TempCsv("contact_id,kind,time,survey,channel");
        CliResult result = CliRunner.Run("eligible", contacts, "--history", history, "--policy", CliRunner.Sample("eligibility-policy.json"), "--survey", "s", "--at", "2026-11-24T09:00:00Z");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"{Path.GetFileName(contacts)} line 3, column 'time_zone'", result.Error, StringComparison.Ordinal);

        CliResult lenient = CliRunner.Run("eligible", contacts, "--history", history, "--policy", CliRunner.Sample("eligibility-policy.json"), "--survey", "s", "--at", "2026-11-24T09:00:00Z", "--lenient");
        Assert.Equal(ExitCodes.Ok, lenient.ExitCode);
        Assert.Contains("skipped 1 of 2 rows", lenient.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligible_MissingPolicyOption_IsAUsageError()
    {
        CliResult result = CliRunner.Run("eligible", CliRunner.Sample("contacts.csv"), "--survey", "s", "--at", "2026-11-24T09:00:00Z");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--policy", result.Error, StringComparison.Ordinal);
    }
}
