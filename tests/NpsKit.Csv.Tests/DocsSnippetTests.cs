using System.Text.RegularExpressions;
using NpsKit.Eligibility;
using NpsKit.Employee;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

/// <summary>The docs/formats.md example of the record readers is this compiled code, and it runs on the bundled data.</summary>
public class DocsSnippetTests
{
    [Fact]
    public void FormatsDoc_ShowsTheCompiledRecordReadersSnippet()
    {
        string root = ApiConventions.RepoRoot();
        string doc = File.ReadAllText(Path.Combine(root, "docs", "formats.md")).Replace("\r\n", "\n");
        string source = File.ReadAllText(Path.Combine(root, "tests", "NpsKit.Csv.Tests", "DocsSnippetTests.cs")).Replace("\r\n", "\n");
        Match match = Regex.Match(source, @"\n([ \t]*)#region csv-records\n(.*?)\n\s*#endregion", RegexOptions.Singleline);
        Assert.True(match.Success);
        int indent = match.Groups[1].Value.Length;
        string snippet = string.Join('\n', match.Groups[2].Value.TrimEnd().Split('\n').Select(l => l.Length >= indent ? l[indent..] : l.Trim()));
        Assert.Contains(snippet, doc, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordReadersSnippet_RunsOnTheBundledData()
    {
        string folder = Path.Combine(ApiConventions.RepoRoot(), "samples", "data");
        (EnpsReport report, EligibilityDecision first, RotationPlan plan) = RecordReaders(folder);
        Assert.Equal("2026-11", report.Round.Name);
        Assert.Equal("C00001", first.ContactId);
        Assert.Equal(10, plan.CycleMonths);
    }

    private static (EnpsReport, EligibilityDecision, RotationPlan) RecordReaders(string folder)
    {
        #region csv-records
        // eNPS answers: the org tree from division,department,team; rounds; tenure as a dimension.
        EnpsCsvResult enps = EnpsCsv.Read(Path.Combine(folder, "enps.csv"));
        EnpsCsvRound latest = enps.Rounds[^1];
        EnpsReport report = EnpsReport.FromResponses(latest.Round, enps.Units, latest.Responses);

        // Contacts and their history, for the eligibility engine.
        var lenient = new ContactCsvOptions { Read = new CsvReadOptions { Mode = CsvReadMode.Lenient } };
        ContactCsvResult contacts = ContactCsv.ReadContacts(Path.Combine(folder, "contacts.csv"), lenient);
        ContactHistoryCsvResult history = ContactCsv.ReadHistory(Path.Combine(folder, "contact-history.csv"), lenient);
        IReadOnlyDictionary<string, ContactHistory> accounts = history.AccountHistories(contacts.Contacts);
        Contact contact = contacts.Contacts[0];
        var policy = EligibilityPolicy.From(new MinimumGapRule(TimeSpan.FromDays(90)), new AccountCapRule(1, TimeSpan.FromDays(91)));
        var now = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        EligibilityDecision decision = policy.Decide(
            contact,
            history.HistoryOf(contact.Id),
            new SurveyTrigger("relationship", now, ContactChannel.Email),
            now,
            contact.AccountId is { } id ? accounts.GetValueOrDefault(id) : null);

        // B2B accounts for the rotation planner.
        AccountCsvResult b2b = ContactCsv.ReadAccounts(Path.Combine(folder, "accounts.csv"));
        RotationPlan plan = RotationPlanner.Plan(b2b.Accounts, new RotationOptions { Start = new DateOnly(2027, 1, 1), MonthlyQuota = 10 });
        #endregion
        return (report, decision, plan);
    }
}
