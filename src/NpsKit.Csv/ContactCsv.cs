using System.Globalization;
using NpsKit.Csv.Internal;
using NpsKit.Eligibility;

namespace NpsKit.Csv;

/// <summary>
/// Reads the files the eligibility engine works on — contacts, contact history and B2B accounts — with the conventions
/// of <see cref="NpsCsv"/>: header detection or configured names (<see cref="ContactCsvOptions.Columns"/>), strict mode
/// (the default: the first bad row throws an <see cref="NpsDataException"/>) or lenient mode (every bad row skipped and
/// listed in the <see cref="IngestReport"/> with its line, column, reason and what is allowed).
/// </summary>
/// <remarks>Times without a UTC offset are read in <see cref="CsvReadOptions.TimeZone"/> (a bad row when it is not set);
/// NpsKit never guesses the machine's zone. All members are thread-safe.</remarks>
public static class ContactCsv
{
    internal static readonly ColumnRole[] ContactRoles =
    [
        new("id", ["contactid", "contact", "customerid", "customer", "id", "respondentid", "userid"], true),
        new("account", ["accountid", "account", "companyid"], false),
        new("email", ["email", "emailaddress", "mail"], false),
        new("phone", ["phone", "mobile", "phonenumber", "mobilenumber", "sms"], false),
        new("inApp", ["inapp", "appuserid", "appuser", "deviceid"], false),
        new("optedOut", ["optedout", "optout", "optouts", "unsubscribed", "unsubscribedfrom"], false),
        new("doNotContact", ["donotcontact", "dnc", "donotsurvey"], false),
        new("timeZone", ["timezone", "tz", "zone", "ianazone"], false),
        new("firstSeen", ["firstseenat", "firstseen", "signupat", "signup", "signedupat", "firsttransactionat", "firsttransaction", "customersince"], false),
    ];

    internal static readonly ColumnRole[] HistoryRoles =
    [
        new("contact", ["contactid", "contact", "customerid", "customer", "id", "respondentid", "userid"], true),
        new("account", ["accountid", "account", "companyid"], false),
        new("kind", ["kind", "event", "type", "eventtype", "eventkind"], true),
        new("time", ["at", "time", "timestamp", "occurredat", "sentat", "datetime", "date"], true),
        new("survey", ["survey", "surveyid", "surveyname"], true),
        new("channel", ["channel", "medium"], false),
    ];

    internal static readonly ColumnRole[] AccountRoles =
    [
        new("id", ["accountid", "id", "account", "companyid"], true),
        new("revenue", ["revenue", "arr", "mrr", "annualrevenue", "value"], false),
        new("tier", ["tier", "accounttier"], false),
        new("excluded", ["excluded", "exclude", "donotsurvey"], false),
        new("lastSurveyed", ["lastsurveyed", "lastsurveyedmonth", "lastsurveyedat", "lastsurvey"], false),
    ];

    /// <summary>Reads contacts from a CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read it; <see langword="null"/> for <see cref="ContactCsvOptions.Default"/>.</param>
    /// <returns>The contacts and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NpsDataException">The file has no usable header or no id column, or (strict mode) a row is bad.</exception>
    public static ContactCsvResult ReadContacts(string path, ContactCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Contacts(CsvInput.FromPath(path), options);
    }

    /// <summary>Reads contacts from a stream; see <see cref="ReadContacts(string, ContactCsvOptions?)"/>. The stream is left open.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>stream</c>.</param>
    /// <returns>The contacts and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="NpsDataException">The input has no usable header or no id column, or (strict mode) a row is bad.</exception>
    public static ContactCsvResult ReadContacts(Stream stream, ContactCsvOptions? options = null, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Contacts(CsvInput.FromStream(stream, sourceName), options);
    }

    /// <summary>Reads contacts from text; see <see cref="ReadContacts(string, ContactCsvOptions?)"/>. The reader is left open.</summary>
    /// <param name="reader">The input text.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>text</c>.</param>
    /// <returns>The contacts and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="NpsDataException">The input has no usable header or no id column, or (strict mode) a row is bad.</exception>
    public static ContactCsvResult ReadContacts(TextReader reader, ContactCsvOptions? options = null, string sourceName = "text")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Contacts(CsvInput.FromText(reader, sourceName), options);
    }

    /// <summary>Reads a contact history (invitations, reminders, responses, and transactions: kind <c>transaction</c>, with
    /// the transaction's type — purchase, delivery, case-closed — in the survey column, or empty) from a CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read it; <see langword="null"/> for <see cref="ContactCsvOptions.Default"/>.</param>
    /// <returns>The histories by contact (and by account) and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NpsDataException">The file lacks a contact, kind, time or survey column, or (strict mode) a row is bad.</exception>
    public static ContactHistoryCsvResult ReadHistory(string path, ContactCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return History(CsvInput.FromPath(path), options);
    }

    /// <summary>Reads a contact history from a stream; see <see cref="ReadHistory(string, ContactCsvOptions?)"/>. The stream is left open.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>stream</c>.</param>
    /// <returns>The histories and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="NpsDataException">The input lacks a required column, or (strict mode) a row is bad.</exception>
    public static ContactHistoryCsvResult ReadHistory(Stream stream, ContactCsvOptions? options = null, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return History(CsvInput.FromStream(stream, sourceName), options);
    }

    /// <summary>Reads a contact history from text; see <see cref="ReadHistory(string, ContactCsvOptions?)"/>. The reader is left open.</summary>
    /// <param name="reader">The input text.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>text</c>.</param>
    /// <returns>The histories and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="NpsDataException">The input lacks a required column, or (strict mode) a row is bad.</exception>
    public static ContactHistoryCsvResult ReadHistory(TextReader reader, ContactCsvOptions? options = null, string sourceName = "text")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return History(CsvInput.FromText(reader, sourceName), options);
    }

    /// <summary>Reads B2B accounts for <see cref="RotationPlanner"/> from a CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read it; <see langword="null"/> for <see cref="ContactCsvOptions.Default"/>.</param>
    /// <returns>The accounts and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NpsDataException">The file has no account id column, or (strict mode) a row is bad.</exception>
    public static AccountCsvResult ReadAccounts(string path, ContactCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Accounts(CsvInput.FromPath(path), options);
    }

    /// <summary>Reads B2B accounts from a stream; see <see cref="ReadAccounts(string, ContactCsvOptions?)"/>. The stream is left open.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>stream</c>.</param>
    /// <returns>The accounts and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="NpsDataException">The input has no account id column, or (strict mode) a row is bad.</exception>
    public static AccountCsvResult ReadAccounts(Stream stream, ContactCsvOptions? options = null, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Accounts(CsvInput.FromStream(stream, sourceName), options);
    }

    /// <summary>Reads B2B accounts from text; see <see cref="ReadAccounts(string, ContactCsvOptions?)"/>. The reader is left open.</summary>
    /// <param name="reader">The input text.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>text</c>.</param>
    /// <returns>The accounts and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="NpsDataException">The input has no account id column, or (strict mode) a row is bad.</exception>
    public static AccountCsvResult ReadAccounts(TextReader reader, ContactCsvOptions? options = null, string sourceName = "text")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Accounts(CsvInput.FromText(reader, sourceName), options);
    }

    private static ContactCsvResult Contacts(CsvInput input, ContactCsvOptions? options)
    {
        options ??= ContactCsvOptions.Default;
        options.Validate(ContactRoles, "contacts");
        var engine = new RecordCsvEngine(input, options.Read, options.Read.IncludeRawValues);
        var contacts = new List<Contact>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int id = -1, account = -1, email = -1, phone = -1, inApp = -1, optedOut = -1, dnc = -1, zone = -1, firstSeen = -1;
        bool hasAddresses = false;
        int[] attributes = [];
        var zones = new Dictionary<string, TimeZoneInfo?>(StringComparer.Ordinal);
        var attributeNames = new List<string>();
        IngestReport report = engine.Run(
            header =>
            {
                RecordColumns c = RecordCsvEngine.Resolve(input.Source, header, options.Columns, ContactRoles);
                (id, account, email, phone, inApp, optedOut, dnc, zone, firstSeen) =
                    (c["id"], c["account"], c["email"], c["phone"], c["inApp"], c["optedOut"], c["doNotContact"], c["timeZone"], c["firstSeen"]);
                hasAddresses = email >= 0 || phone >= 0 || inApp >= 0;
                attributes = c.Unused().ToArray();
                attributeNames.AddRange(attributes.Select(i => c.Headers[i].Trim()));
                return c;
            },
            row =>
            {
                string contactId = row.Text(id);
                if (contactId.Length == 0)
                {
                    return row.Reject(id, BadRowReason.MissingValue, "a contact id");
                }

                if (!seen.Add(contactId))
                {
                    engine.Duplicates++;
                    return row.Reject(id, BadRowReason.DuplicateId, "each contact id once in the file");
                }

                if (!RecordFields.TryParseChannels(row.Text(optedOut), out ContactChannel opted))
                {
                    seen.Remove(contactId);
                    return row.Reject(optedOut, BadRowReason.InvalidValue, RecordFields.ChannelsAllowed);
                }

                if (!RecordFields.TryParseBool(row.Text(dnc), out bool doNotContact))
                {
                    seen.Remove(contactId);
                    return row.Reject(dnc, BadRowReason.InvalidValue, RecordFields.BoolAllowed);
                }

                TimeZoneInfo? tz = null;
                string zoneId = row.Text(zone);
                if (zoneId.Length > 0)
                {
                    if (!zones.TryGetValue(zoneId, out tz))
                    {
                        zones[zoneId] = tz = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out TimeZoneInfo? found) ? found : null;
                    }

                    if (tz is null)
                    {
                        seen.Remove(contactId);
                        return row.Reject(zone, BadRowReason.InvalidValue, "an IANA time zone id such as Europe/Copenhagen, or empty");
                    }
                }

                DateTimeOffset? seenAt = null;
                if (firstSeen >= 0 && !row.Span(firstSeen).IsEmpty)
                {
                    if (engine.Times.Parse(row.Span(firstSeen), out long ticks) is BadRowReason timeProblem)
                    {
                        seen.Remove(contactId);
                        return row.Reject(firstSeen, timeProblem, TimeAllowed(timeProblem));
                    }

                    seenAt = new DateTimeOffset(ticks, TimeSpan.Zero);
                }

                var addresses = new Dictionary<ContactChannel, string>();
                if (row.TextOrNull(email) is { } e)
                {
                    addresses[ContactChannel.Email] = e;
                }

                if (row.TextOrNull(phone) is { } p)
                {
                    addresses[ContactChannel.Sms] = p;
                    addresses[ContactChannel.Phone] = p;
                }

                if (row.TextOrNull(inApp) is { } a)
                {
                    addresses[ContactChannel.InApp] = a;
                }

                var attrs = new Dictionary<string, string>(StringComparer.Ordinal);
                for (int i = 0; i < attributes.Length; i++)
                {
                    if (row.TextOrNull(attributes[i]) is { } value)
                    {
                        attrs[attributeNames[i]] = value;
                    }
                }

                ContactChannel reachable = ContactChannel.All;
                if (hasAddresses)
                {
                    reachable = ContactChannel.None;
                    foreach (ContactChannel channel in addresses.Keys)
                    {
                        reachable |= channel;
                    }
                }

                contacts.Add(new Contact(contactId)
                {
                    AccountId = row.TextOrNull(account),
                    TimeZone = tz,
                    OptedOut = opted,
                    DoNotContact = doNotContact,
                    FirstSeenAt = seenAt,
                    Attributes = attrs,
                    Addresses = addresses,
                    Reachable = reachable,
                });
                return true;
            },
            attributeNames);
        return new ContactCsvResult(contacts.AsReadOnly(), report);
    }

    private static ContactHistoryCsvResult History(CsvInput input, ContactCsvOptions? options)
    {
        options ??= ContactCsvOptions.Default;
        options.Validate(HistoryRoles, "contact history");
        var engine = new RecordCsvEngine(input, options.Read, options.Read.IncludeRawValues);
        var byContact = new Dictionary<string, List<ContactEvent>>(StringComparer.Ordinal);
        var byAccount = new Dictionary<string, List<ContactEvent>>(StringComparer.Ordinal);
        int contact = -1, account = -1, kind = -1, time = -1, survey = -1, channel = -1;
        IngestReport report = engine.Run(
            header =>
            {
                RecordColumns c = RecordCsvEngine.Resolve(input.Source, header, options.Columns, HistoryRoles);
                (contact, account, kind, time, survey, channel) = (c["contact"], c["account"], c["kind"], c["time"], c["survey"], c["channel"]);
                return c;
            },
            row =>
            {
                string contactId = row.Text(contact);
                if (contactId.Length == 0)
                {
                    return row.Reject(contact, BadRowReason.MissingValue, "a contact id");
                }

                string kindText = row.Text(kind);
                if (kindText.Length == 0)
                {
                    return row.Reject(kind, BadRowReason.MissingValue, RecordFields.KindAllowed);
                }

                if (!RecordFields.TryParseKind(kindText, out ContactEventKind eventKind))
                {
                    return row.Reject(kind, BadRowReason.InvalidValue, RecordFields.KindAllowed);
                }

                if (engine.Times.Parse(row.Span(time), out long ticks) is BadRowReason timeProblem)
                {
                    return row.Reject(time, timeProblem, TimeAllowed(timeProblem));
                }

                string surveyId = row.Text(survey);
                if (surveyId.Length == 0 && eventKind == ContactEventKind.Transaction)
                {
                    surveyId = "transaction"; // a transaction of no named type (the survey column holds a transaction's type)
                }
                else if (surveyId.Length == 0)
                {
                    return row.Reject(survey, BadRowReason.MissingValue, "a survey id such as 'relationship'");
                }

                if (!RecordFields.TryParseChannel(row.Text(channel), out ContactChannel via))
                {
                    return row.Reject(channel, BadRowReason.InvalidValue, RecordFields.ChannelAllowed);
                }

                var entry = new ContactEvent(eventKind, new DateTimeOffset(ticks, TimeSpan.Zero), surveyId, via);
                Add(byContact, contactId, entry);
                if (row.TextOrNull(account) is { } accountId)
                {
                    Add(byAccount, accountId, entry);
                }

                return true;
            });
        return new ContactHistoryCsvResult(Histories(byContact), Histories(byAccount), report);
    }

    private static AccountCsvResult Accounts(CsvInput input, ContactCsvOptions? options)
    {
        options ??= ContactCsvOptions.Default;
        options.Validate(AccountRoles, "accounts");
        var engine = new RecordCsvEngine(input, options.Read, options.Read.IncludeRawValues);
        var accounts = new List<RotationAccount>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int id = -1, revenue = -1, tier = -1, excluded = -1, last = -1;
        IngestReport report = engine.Run(
            header =>
            {
                RecordColumns c = RecordCsvEngine.Resolve(input.Source, header, options.Columns, AccountRoles);
                (id, revenue, tier, excluded, last) = (c["id"], c["revenue"], c["tier"], c["excluded"], c["lastSurveyed"]);
                return c;
            },
            row =>
            {
                string accountId = row.Text(id);
                if (accountId.Length == 0)
                {
                    return row.Reject(id, BadRowReason.MissingValue, "an account id");
                }

                decimal amount = 0;
                string revenueText = row.Text(revenue);
                if (revenueText.Length > 0 && (!decimal.TryParse(revenueText, NumberStyles.Number, engine.Culture, out amount) || amount < 0))
                {
                    return row.Reject(revenue, BadRowReason.InvalidValue, "a number zero or greater, or empty for 0");
                }

                if (!RecordFields.TryParseTier(row.Text(tier), out AccountTier accountTier))
                {
                    return row.Reject(tier, BadRowReason.InvalidValue, RecordFields.TierAllowed);
                }

                if (!RecordFields.TryParseBool(row.Text(excluded), out bool isExcluded))
                {
                    return row.Reject(excluded, BadRowReason.InvalidValue, RecordFields.BoolAllowed);
                }

                DateOnly? lastMonth = null;
                string lastText = row.Text(last);
                if (lastText.Length > 0)
                {
                    if (!RecordFields.TryParseMonth(lastText, out DateOnly month))
                    {
                        return row.Reject(last, BadRowReason.InvalidValue, RecordFields.MonthAllowed);
                    }

                    lastMonth = month;
                }

                if (!seen.Add(accountId))
                {
                    engine.Duplicates++;
                    return row.Reject(id, BadRowReason.DuplicateId, "each account id once in the file");
                }

                accounts.Add(new RotationAccount(accountId, amount, accountTier) { Excluded = isExcluded, LastSurveyedMonth = lastMonth });
                return true;
            });
        return new AccountCsvResult(accounts.AsReadOnly(), report);
    }

    internal static string TimeAllowed(BadRowReason reason) => reason switch
    {
        BadRowReason.TimeWithoutZone => "a time with a UTC offset (e.g. 2026-03-14T09:12:33Z), or set CsvReadOptions.TimeZone to read local times",
        BadRowReason.AmbiguousDate => "a date whose day/month order is known: an ISO 8601 date (2026-03-14), or set CsvReadOptions.DateOrder, DateFormats or Culture",
        _ => "an ISO 8601 date and time such as 2026-03-14T09:12:33Z",
    };

    private static void Add(Dictionary<string, List<ContactEvent>> map, string key, ContactEvent entry)
    {
        if (!map.TryGetValue(key, out List<ContactEvent>? list))
        {
            map[key] = list = [];
        }

        list.Add(entry);
    }

    private static Dictionary<string, ContactHistory> Histories(Dictionary<string, List<ContactEvent>> map) =>
        map.ToDictionary(kv => kv.Key, kv => ContactHistory.From(kv.Value), StringComparer.Ordinal);
}
