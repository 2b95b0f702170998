using NpsKit.Eligibility;

namespace NpsKit.Csv;

/// <summary>The accepted contacts of a CSV file, with the report of what was read and rejected.</summary>
/// <param name="Contacts">The contacts in file order; ids unique.</param>
/// <param name="Report">What reading did, including every bad row.</param>
/// <remarks>An immutable result; thread-safe.</remarks>
public sealed record ContactCsvResult(IReadOnlyList<Contact> Contacts, IngestReport Report);

/// <summary>The accepted B2B accounts of a CSV file, with the report of what was read and rejected.</summary>
/// <param name="Accounts">The accounts in file order; ids unique.</param>
/// <param name="Report">What reading did, including every bad row.</param>
/// <remarks>An immutable result; thread-safe.</remarks>
public sealed record AccountCsvResult(IReadOnlyList<RotationAccount> Accounts, IngestReport Report);

/// <summary>A contact-history file read into one <see cref="ContactHistory"/> per contact (and per account, when the file
/// has an account column), with the report of what was read and rejected.</summary>
/// <param name="ByContact">The history of each contact named in the file, by contact id.</param>
/// <param name="ByAccount">The history of each account named in the file, by account id (every entry of its contacts);
/// empty when the file has no account column.</param>
/// <param name="Report">What reading did, including every bad row.</param>
/// <remarks>An immutable result; thread-safe.</remarks>
public sealed record ContactHistoryCsvResult(
    IReadOnlyDictionary<string, ContactHistory> ByContact,
    IReadOnlyDictionary<string, ContactHistory> ByAccount,
    IngestReport Report)
{
    /// <summary>Gets a contact's history.</summary>
    /// <param name="contactId">The contact id.</param>
    /// <returns>The history, or <see cref="ContactHistory.Empty"/> for a contact the file does not name.</returns>
    public ContactHistory HistoryOf(string contactId) =>
        ByContact.TryGetValue(contactId, out ContactHistory? history) ? history : ContactHistory.Empty;

    /// <summary>Gets the history of everyone in an account: from the file's account column when it has one, otherwise
    /// made from <paramref name="contacts"/> (each contact's <see cref="Contact.AccountId"/>).</summary>
    /// <param name="contacts">The contacts, to map contacts to accounts when the file has no account column.</param>
    /// <returns>The history of each account, by account id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contacts"/> is <see langword="null"/>.</exception>
    public IReadOnlyDictionary<string, ContactHistory> AccountHistories(IEnumerable<Contact> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        if (Report.Columns.ContainsKey("account"))
        {
            return ByAccount;
        }

        var events = new Dictionary<string, List<ContactEvent>>(StringComparer.Ordinal);
        foreach (Contact contact in contacts)
        {
            if (contact.AccountId is { } account && ByContact.TryGetValue(contact.Id, out ContactHistory? history))
            {
                if (!events.TryGetValue(account, out List<ContactEvent>? list))
                {
                    events[account] = list = [];
                }

                list.AddRange(history.Events);
            }
        }

        return events.ToDictionary(kv => kv.Key, kv => ContactHistory.From(kv.Value), StringComparer.Ordinal);
    }
}
