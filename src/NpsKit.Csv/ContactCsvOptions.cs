using NpsKit.Csv.Internal;

namespace NpsKit.Csv;

/// <summary>How to read the eligibility files — contacts, contact history and B2B accounts — with <see cref="ContactCsv"/>.</summary>
/// <remarks>
/// <para>Column roles and the header names they are detected by (case, spaces, underscores and hyphens ignored):</para>
/// <list type="bullet">
/// <item><description>Contacts: <c>id</c> (contact_id, customer_id, id; required), <c>account</c> (account_id),
/// <c>email</c>, <c>phone</c> (phone, mobile; an address for both SMS and calls), <c>inApp</c> (in_app, app_user_id),
/// <c>optedOut</c> (opted_out, opt_out, unsubscribed: channels separated by <c>|</c>), <c>doNotContact</c>
/// (do_not_contact, dnc), <c>timeZone</c> (time_zone, tz: an IANA id), <c>firstSeen</c> (first_seen_at, signup_at,
/// first_transaction_at, customer_since). Every other column is an attribute (<see cref="Eligibility.Contact.Attributes"/>).</description></item>
/// <item><description>History: <c>contact</c> (contact_id; required), <c>account</c> (account_id), <c>kind</c> (kind, event,
/// type; required), <c>time</c> (at, time, timestamp, occurred_at; required), <c>survey</c> (survey, survey_id; required),
/// <c>channel</c>.</description></item>
/// <item><description>Accounts: <c>id</c> (account_id, id; required), <c>revenue</c> (revenue, arr, mrr), <c>tier</c>,
/// <c>excluded</c>, <c>lastSurveyed</c> (last_surveyed, last_surveyed_month).</description></item>
/// </list>
/// <para>An immutable value; thread-safe. Invalid settings are reported all at once by an <see cref="ArgumentException"/>
/// when reading starts.</para>
/// </remarks>
public sealed record ContactCsvOptions
{
    /// <summary>Gets the default options.</summary>
    public static ContactCsvOptions Default { get; } = new();

    /// <summary>Gets the reading settings shared with <see cref="NpsCsv"/>: delimiter, culture, encoding, the time zone of
    /// times without an offset, strict or lenient mode, raw values in messages, and progress.
    /// <see cref="CsvReadOptions.Mapping"/>, <see cref="CsvReadOptions.Duplicates"/> and
    /// <see cref="CsvReadOptions.DuplicatePeriod"/> do not apply (ids must be unique).</summary>
    /// <value>Default <see cref="CsvReadOptions.Default"/> (strict, raw values shown).</value>
    public CsvReadOptions Read { get; init; } = CsvReadOptions.Default;

    /// <summary>Gets header names by column role (see the remarks for the roles of each file), overriding detection.</summary>
    /// <value>Default empty: every role detected from common header names.</value>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    internal static OptionProblem ReadIsNull { get; } = new("Read", null, "is null", "CsvReadOptions.Default or other CsvReadOptions", "Read is null: use CsvReadOptions.Default.");

    /// <exception cref="InvalidOptionsException">A setting is invalid; <see cref="InvalidOptionsException.Problems"/> has each one.</exception>
    internal void Validate(IEnumerable<ColumnRole> roles, string file)
    {
        var problems = new List<OptionProblem>();
        if (Read is null)
        {
            problems.Add(ReadIsNull);
        }

        RecordFields.CheckColumns(Columns, roles, $"a {file} file", problems);
        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(ContactCsvOptions), problems, "options");
        }
    }
}
