#!/usr/bin/env dotnet
// Eligibility check: who may be sent the relationship NPS survey now, under the bundled rest-period policy, with the
// reasons for everyone who may not, and when each becomes eligible.
// Run from any folder: dotnet run samples/scripts/eligibility.cs [-- contacts.csv contact-history.csv policy.json]
// The notebook samples/notebooks/eligibility.ipynb is generated from this file (see samples/scripts/README.md).
#:project ../../src/NpsKit/NpsKit.csproj
#:project ../../src/NpsKit.Csv/NpsKit.Csv.csproj
#:property PublishAot=false

using NpsKit.Csv;
using NpsKit.Eligibility;
using NpsKit.Serialization;

string scriptDirectory = (string)AppContext.GetData("EntryPointFileDirectoryPath")!;

/* md
# Who may we ask now?

Asking too often annoys customers, so every NPS program has rest periods: not again within six months of an answer,
not within 90 days of an invitation, at most three invitations a year, one contact per B2B account per quarter, no
messages at night in the contact's own time zone, and never anyone who opted out. The bundled policy file says all of
that; the engine applies it to each contact's history and explains every decision.
*/
// cell: load
string data = Path.Combine(scriptDirectory, "..", "data"); // script only
// notebook: string data = Path.Combine("..", "data");
string contactsPath = args.Length > 0 ? args[0] : Path.Combine(data, "contacts.csv"); // script only
string historyPath = args.Length > 1 ? args[1] : Path.Combine(data, "contact-history.csv"); // script only
string policyPath = args.Length > 2 ? args[2] : Path.Combine(data, "eligibility-policy.json"); // script only
// notebook: string contactsPath = Path.Combine(data, "contacts.csv");
// notebook: string historyPath = Path.Combine(data, "contact-history.csv");
// notebook: string policyPath = Path.Combine(data, "eligibility-policy.json");
EligibilityPolicy policy = NpsJson.DeserializeEligibilityPolicy(File.ReadAllText(policyPath));
ContactCsvResult contacts = ContactCsv.ReadContacts(contactsPath);
ContactHistoryCsvResult history = ContactCsv.ReadHistory(historyPath);
Console.WriteLine(contacts.Report);
Console.WriteLine(history.Report);
// end cell

/* md
## Decide for everyone at once

"Now" is an explicit value (the library never reads a clock), here a Tuesday morning in November 2026. Account rules
see the whole account's history; an account the history file does not name was never invited (`ContactHistory.Empty`
— the account rule fails closed if it is given no account history at all). The batch counts its own decisions: once
one contact of an account is found eligible, the "one contact per account per quarter" rule defers the others.
*/
// cell: decide
var now = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
var trigger = new SurveyTrigger("relationship", now, ContactChannel.Email);
IReadOnlyDictionary<string, ContactHistory> accounts = history.AccountHistories(contacts.Contacts);
EligibilityRequest[] requests = [.. contacts.Contacts.Select(c => new EligibilityRequest(
    c,
    history.HistoryOf(c.Id),
    trigger,
    c.AccountId is null ? null : accounts.GetValueOrDefault(c.AccountId) ?? ContactHistory.Empty))];

EligibilitySummary summary = policy.Summarize(requests, now);
Console.WriteLine($"{summary.Total:N0} contacts: {summary.Eligible:N0} eligible, {summary.Deferred:N0} deferred, {summary.Blocked:N0} blocked");
foreach ((string rule, long count) in summary.DeferredByRule.OrderByDescending(kv => kv.Value))
{
    Console.WriteLine($"  deferred by {rule}: {count:N0}");
}

foreach ((string rule, long count) in summary.BlockedByRule.OrderByDescending(kv => kv.Value))
{
    Console.WriteLine($"  blocked by {rule}: {count:N0}");
}
// end cell

/* md
## Why not, and when?

Every decision carries its findings (which rule, what it saw) and, unless the contact is blocked for good, the first
moment every rule allows an invitation.
*/
// cell: explain
foreach (EligibilityDecision decision in policy.DecideMany(requests, now).Where(d => !d.IsEligible).Take(5))
{
    string next = decision.TryGetNextEligibleAt(out DateTimeOffset at) ? $"eligible from {at:yyyy-MM-dd HH:mm}Z" : "not eligible for this survey";
    Console.WriteLine($"{decision.ContactId}: {decision.Outcome}, {next}");
    foreach (EligibilityFinding finding in decision.Findings.Where(f => f.Effect != EligibilityOutcome.Eligible))
    {
        Console.WriteLine($"    {finding.RuleName}: {finding.Reason}");
    }
}
// end cell
