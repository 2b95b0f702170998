using NpsKit.Internal;

namespace NpsKit.Eligibility;

/// <summary>
/// A person who may be asked a survey: identity, B2B account, reachable channels, opt-outs, attributes and time zone.
/// </summary>
/// <remarks>
/// <para>The time zone is the contact's own: quiet hours and days are evaluated in it, across daylight-saving
/// changes. A contact without a zone is evaluated in the zone the <see cref="QuietHoursRule"/> names as its fallback.</para>
/// <para>This type is immutable and thread-safe; change it with <c>with</c> expressions or the <c>With…</c> methods.</para>
/// </remarks>
public sealed record Contact
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>(0);
    private static readonly IReadOnlyDictionary<ContactChannel, string> NoAddresses = new Dictionary<ContactChannel, string>(0);

    /// <summary>Creates a contact.</summary>
    /// <param name="id">The customer id; not null or empty.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public Contact(string id)
    {
        ThrowHelper.ThrowIfNullOrEmpty(id, nameof(id));
        Id = id;
    }

    /// <summary>Gets the customer id.</summary>
    public string Id { get; }

    private readonly string? _accountId;

    /// <summary>Gets the B2B account the contact belongs to.</summary>
    /// <value><see langword="null"/> (a consumer, not an account member) by default.</value>
    public string? AccountId
    {
        get => _accountId;
        init
        {
            _accountId = value;
            AccountIdHash = value is null ? 0 : BatchInvitations.HashOf(value);
        }
    }

    /// <summary>The hash of <see cref="AccountId"/> (<see cref="BatchInvitations.HashOf"/>; 0 without one), computed
    /// once when the contact is made — while the id is still in cache, as it is read from a file or built — so that a
    /// B2B batch, which finds each contact's account by its id's hash, does not read the id's characters again at a
    /// random place in memory for every contact.</summary>
    internal int AccountIdHash { get; private init; }

    /// <summary>Gets the contact's own time zone.</summary>
    /// <value><see langword="null"/> by default: rules then use their fallback zone.</value>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>Gets the channels the contact can be reached on (has an address for).</summary>
    /// <value><see cref="ContactChannel.All"/> by default; <see cref="WithAddress"/> narrows it to the channels with an address.</value>
    public ContactChannel Reachable { get; init; } = ContactChannel.All;

    /// <summary>Gets the channels the contact opted out of.</summary>
    /// <value><see cref="ContactChannel.None"/> by default.</value>
    public ContactChannel OptedOut { get; init; }

    /// <summary>Gets whether the contact must not be contacted at all (global do-not-contact).</summary>
    /// <value><see langword="false"/> by default.</value>
    public bool DoNotContact { get; init; }

    /// <summary>Gets when the customer first transacted or signed up, for <see cref="MinimumTenureRule"/>.</summary>
    /// <value><see langword="null"/> (unknown) by default.</value>
    public DateTimeOffset? FirstSeenAt { get; init; }

    /// <summary>Gets free-form attributes for <see cref="AttributeRule"/> predicates (status, age, segment…).</summary>
    /// <value>Empty by default.</value>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = NoAttributes;

    /// <summary>Gets the contact's addresses per channel (e-mail address, phone number…), for the caller's send pipeline.</summary>
    /// <value>Empty by default.</value>
    public IReadOnlyDictionary<ContactChannel, string> Addresses { get; init; } = NoAddresses;

    /// <summary>Returns a copy with an address on <paramref name="channel"/>. The first address given makes
    /// <see cref="Reachable"/> exactly that channel; later ones add theirs.</summary>
    /// <param name="channel">One channel.</param>
    /// <param name="address">The address; not empty.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is not exactly one channel, or the address is empty.</exception>
    public Contact WithAddress(ContactChannel channel, string address)
    {
        ThrowHelper.ThrowIfNotSingleChannel(channel, nameof(channel), allowNone: false);
        ThrowHelper.ThrowIfNullOrEmpty(address, nameof(address));
        var copy = new Dictionary<ContactChannel, string>(Addresses) { [channel] = address };
        return this with { Addresses = copy, Reachable = Addresses.Count == 0 ? channel : Reachable | channel };
    }

    /// <summary>Returns a copy whose time zone is the IANA (or Windows) zone <paramref name="timeZoneId"/>.</summary>
    /// <param name="timeZoneId">An IANA id such as <c>Europe/Berlin</c>.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentException">The zone is unknown on this machine; the message names the contact and the id.</exception>
    public Contact WithTimeZone(string timeZoneId) => this with { TimeZone = TimeZones.Find(timeZoneId, nameof(timeZoneId), Id) };

    /// <summary>Returns a copy with one more attribute (replacing one of the same name).</summary>
    /// <param name="name">Attribute name.</param>
    /// <param name="value">Attribute value.</param>
    /// <returns>The copy.</returns>
    public Contact WithAttribute(string name, string value)
    {
        ThrowHelper.ThrowIfNullOrEmpty(name, nameof(name));
        ArgumentNullException.ThrowIfNull(value);
        var copy = new Dictionary<string, string>(Attributes, StringComparer.Ordinal) { [name] = value };
        return this with { Attributes = copy };
    }
}
