using System.Text;
using NpsKit.Eligibility;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

public class ContactCsvTests
{
    private static readonly ContactCsvOptions Lenient = new() { Read = new CsvReadOptions { Mode = CsvReadMode.Lenient } };

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void ReadContacts_AllColumns_MakesContactsWithChannelsOptOutsZonesAndAttributes()
    {
        ContactCsvResult result = ContactCsv.ReadContacts(Text(
            "contact_id,account_id,email,phone,time_zone,opted_out,do_not_contact,first_seen_at,status\n" +
            "C1,A1,c1@example.com,+45 1234,Europe/Copenhagen,sms,false,2024-01-02T00:00:00Z,active\n" +
            "C2,,,,,email|sms,yes,,\n"), sourceName: "contacts.csv");

        Contact c1 = result.Contacts[0];
        Assert.Equal("A1", c1.AccountId);
        Assert.Equal(ContactChannel.Email | ContactChannel.Sms | ContactChannel.Phone, c1.Reachable);
        Assert.Equal("c1@example.com", c1.Addresses[ContactChannel.Email]);
        Assert.Equal(ContactChannel.Sms, c1.OptedOut);
        Assert.Equal("Europe/Copenhagen", c1.TimeZone!.Id);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero), c1.FirstSeenAt);
        Assert.Equal("active", c1.Attributes["status"]);
        Contact c2 = result.Contacts[1];
        Assert.Null(c2.AccountId);
        Assert.Equal(ContactChannel.None, c2.Reachable); // address columns exist, but none filled
        Assert.Equal(ContactChannel.Email | ContactChannel.Sms, c2.OptedOut);
        Assert.True(c2.DoNotContact);
        Assert.Empty(c2.Attributes);
        Assert.Equal(["status"], result.Report.SegmentColumns);
    }

    [Fact]
    public void ReadContacts_NoAddressColumns_ContactsReachableOnEveryChannel()
    {
        ContactCsvResult result = ContactCsv.ReadContacts(new StringReader("id\nC1\n"));
        Assert.Equal(ContactChannel.All, Assert.Single(result.Contacts).Reachable);
    }

    [Fact]
    public void ReadContacts_BadRowsLenient_EveryOneReported()
    {
        ContactCsvResult result = ContactCsv.ReadContacts(Text(
            "contact_id,opted_out,do_not_contact,time_zone,first_seen_at\n" +
            "C1,fax,false,,\n" +                    // 2: unknown channel
            "C2,,maybe,,\n" +                       // 3: not a flag
            "C3,,,Mars/Olympus,\n" +                // 4: unknown zone
            "C4,,,,2024-13-40T00:00:00Z\n" +        // 5: bad time
            "C5,,,,2024-01-01T00:00:00\n" +         // 6: no offset, no zone
            ",,,,\n" +                              // 7: no id
            "C6,,,,\n" +
            "C6,,,,\n"),                            // 9: duplicate
            Lenient);

        Assert.Equal(["C6"], result.Contacts.Select(c => c.Id));
        Assert.Equal(
            [
                (2L, "opted_out", BadRowReason.InvalidValue),
                (3L, "do_not_contact", BadRowReason.InvalidValue),
                (4L, "time_zone", BadRowReason.InvalidValue),
                (5L, "first_seen_at", BadRowReason.TimeUnparsable),
                (6L, "first_seen_at", BadRowReason.TimeWithoutZone),
                (7L, "contact_id", BadRowReason.MissingValue),
                (9L, "contact_id", BadRowReason.DuplicateId),
            ],
            result.Report.BadRows.Select(b => (b.LineNumber, b.Column!, b.Reason)));
        Assert.Equal("fax", result.Report.BadRows[0].RawValue);
        Assert.Contains("email|sms", result.Report.BadRows[0].Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadContacts_NoIdColumn_NamesWhatItLookedFor()
    {
        var e = Assert.Throws<NpsDataException>(() => ContactCsv.ReadContacts(Text("email\nx@y\n"), sourceName: "c.csv"));
        Assert.Contains("c.csv: the header has no id column", e.Message, StringComparison.Ordinal);
        Assert.Contains("Columns[\"id\"]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadHistory_Events_GroupedByContactAndAccountInTimeOrder()
    {
        ContactHistoryCsvResult result = ContactCsv.ReadHistory(Text(
            "contact_id,account_id,kind,at,survey,channel\n" +
            "C1,A1,response,2026-03-05T10:00:00Z,relationship,email\n" +
            "C1,A1,invitation,2026-03-01T10:00:00Z,relationship,email\n" +
            "C2,A1,reminder,2026-04-01T10:00:00Z,support,\n"));

        ContactHistory c1 = result.HistoryOf("C1");
        Assert.Equal([ContactEventKind.Invitation, ContactEventKind.Response], c1.Events.Select(e => e.Kind));
        Assert.Equal(ContactChannel.Email, c1.Events[0].Channel);
        Assert.Equal(3, result.ByAccount["A1"].Count);
        Assert.Same(ContactHistory.Empty, result.HistoryOf("nobody"));
        Assert.Equal(ContactChannel.None, result.HistoryOf("C2").Events[0].Channel);
    }

    [Fact]
    public void ReadHistory_NoAccountColumn_AccountHistoriesComeFromContacts()
    {
        ContactHistoryCsvResult result = ContactCsv.ReadHistory(Text(
            "contact,kind,time,survey\nC1,invitation,2026-03-01T10:00:00Z,s\nC2,invitation,2026-03-02T10:00:00Z,s\nC3,invitation,2026-03-02T10:00:00Z,s\n"));
        Assert.Empty(result.ByAccount);
        var accounts = result.AccountHistories([new Contact("C1") { AccountId = "A" }, new Contact("C2") { AccountId = "A" }, new Contact("C3")]);
        Assert.Equal(2, Assert.Single(accounts).Value.Count);
    }

    [Fact]
    public void ReadHistory_BadRowsLenient_EveryOneReported()
    {
        ContactHistoryCsvResult result = ContactCsv.ReadHistory(Text(
            "contact_id,kind,at,survey,channel\n" +
            "C1,clicked,2026-03-01T10:00:00Z,s,email\n" +   // 2: unknown kind
            "C1,invitation,yesterday,s,email\n" +           // 3: bad time
            "C1,invitation,2026-03-01T10:00:00Z,,email\n" + // 4: no survey
            "C1,invitation,2026-03-01T10:00:00Z,s,pigeon\n" + // 5: bad channel
            ",invitation,2026-03-01T10:00:00Z,s,email\n" +  // 6: no contact
            "C1,,2026-03-01T10:00:00Z,s,email\n" +          // 7: no kind
            "C1,invitation,2026-03-01T10:00:00Z,s,email\n"),
            Lenient);

        Assert.Equal(1, result.Report.RowsAccepted);
        Assert.Equal(
            [
                (2L, "kind", BadRowReason.InvalidValue),
                (3L, "at", BadRowReason.TimeUnparsable),
                (4L, "survey", BadRowReason.MissingValue),
                (5L, "channel", BadRowReason.InvalidValue),
                (6L, "contact_id", BadRowReason.MissingValue),
                (7L, "kind", BadRowReason.MissingValue),
            ],
            result.Report.BadRows.Select(b => (b.LineNumber, b.Column!, b.Reason)));
    }

    [Fact]
    public void ReadHistory_StrictBadKind_ThrowsNamingLineColumnAndAllowedValues()
    {
        var e = Assert.Throws<NpsDataException>(() => ContactCsv.ReadHistory(Text("contact_id,kind,at,survey\nC1,clicked,2026-03-01T10:00:00Z,s\n"), sourceName: "h.csv"));
        Assert.Contains("h.csv line 2, column 'kind': \"clicked\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("invitation, reminder, response or transaction", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAccounts_AllColumns_MakesRotationAccounts()
    {
        AccountCsvResult result = ContactCsv.ReadAccounts(Text(
            "account_id,name,tier,revenue,excluded,last_surveyed\nA1,Acme,A,125000,false,2026-03\nA2,Beta,,0,true,\n"));
        RotationAccount a1 = result.Accounts[0];
        Assert.Equal(125000m, a1.Revenue);
        Assert.Equal(AccountTier.A, a1.Tier);
        Assert.Equal(new DateOnly(2026, 3, 1), a1.LastSurveyedMonth);
        Assert.True(result.Accounts[1].Excluded);
        Assert.Equal(AccountTier.None, result.Accounts[1].Tier);
        Assert.Equal(["name"], result.Report.IgnoredColumns);
    }

    [Fact]
    public void ReadAccounts_BadRowsLenient_EveryOneReported()
    {
        AccountCsvResult result = ContactCsv.ReadAccounts(Text(
            "account_id,tier,revenue,excluded,last_surveyed\n" +
            "A1,D,1,false,\n" +       // 2: tier
            "A2,A,-5,false,\n" +      // 3: negative revenue
            "A3,A,1,perhaps,\n" +     // 4: flag
            "A4,A,1,false,March\n" +  // 5: month
            "A5,A,1,false,\n" +
            "A5,B,1,false,\n"),       // 7: duplicate
            Lenient);
        Assert.Equal(["A5"], result.Accounts.Select(a => a.Id));
        Assert.Equal(
            [
                (2L, "tier", BadRowReason.InvalidValue),
                (3L, "revenue", BadRowReason.InvalidValue),
                (4L, "excluded", BadRowReason.InvalidValue),
                (5L, "last_surveyed", BadRowReason.InvalidValue),
                (7L, "account_id", BadRowReason.DuplicateId),
            ],
            result.Report.BadRows.Select(b => (b.LineNumber, b.Column!, b.Reason)));
        Assert.Equal(1, result.Report.DuplicateRows);
    }

    [Fact]
    public void Read_InvalidColumnRole_ListsAllowedRoles()
    {
        var e = Assert.Throws<InvalidOptionsException>(() => ContactCsv.ReadAccounts(Text("id\nA\n"), new ContactCsvOptions { Columns = new Dictionary<string, string> { ["colour"] = "c" } }));
        Assert.Equal(("Columns[\"colour\"]", "c", "id, revenue, tier, excluded, lastSurveyed"), (Assert.Single(e.Problems).Member, e.Problems[0].Value, e.Problems[0].Allowed));
        Assert.Contains("id, revenue, tier, excluded, lastSurveyed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SampleData_ReadsWithoutBadRows()
    {
        string folder = Path.Combine(ApiConventions.RepoRoot(), "samples", "data");
        ContactCsvResult contacts = ContactCsv.ReadContacts(Path.Combine(folder, "contacts.csv"));
        ContactHistoryCsvResult history = ContactCsv.ReadHistory(Path.Combine(folder, "contact-history.csv"));
        AccountCsvResult accounts = ContactCsv.ReadAccounts(Path.Combine(folder, "accounts.csv"));
        Assert.Equal(1500, contacts.Contacts.Count);
        Assert.Equal(100, accounts.Accounts.Count);
        Assert.Equal(0, contacts.Report.RowsRejected + history.Report.RowsRejected + accounts.Report.RowsRejected);
        Assert.Equal(history.Report.RowsRead, history.ByContact.Values.Sum(h => (long)h.Count));
        Assert.Equal(["status", "segment"], contacts.Report.SegmentColumns);
    }
}
