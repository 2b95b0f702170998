using System.Text;
using NpsKit.Eligibility;

namespace NpsKit.Csv.Tests;

/// <summary>Issue #16: transactions (purchase, delivery, support case closed) in the contact history file, so a rest
/// clock can count from the last transaction.</summary>
public class ContactCsvTransactionTests
{
    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void ReadHistory_TransactionRows_BecomeTransactionEventsWithTheirType()
    {
        ContactHistoryCsvResult result = ContactCsv.ReadHistory(Text(
            "contact_id,kind,time,survey,channel\n" +
            "C1,invitation,2025-12-01T09:00:00Z,shop,email\n" +
            "C1,transaction,2026-01-10T14:00:00Z,purchase,\n" +
            "C1,transaction,2026-02-01T08:00:00Z,,\n"), sourceName: "history.csv");

        Assert.Empty(result.Report.BadRows);
        ContactEvent[] events = [.. result.HistoryOf("C1").Events];
        Assert.Equal(3, events.Length);
        Assert.Equal("Transaction", events[1].Kind.ToString());
        Assert.Equal("purchase", events[1].SurveyId);
        Assert.Equal("Transaction", events[2].Kind.ToString());
        Assert.Equal("transaction", events[2].SurveyId); // no type given: the generic type
    }
}
