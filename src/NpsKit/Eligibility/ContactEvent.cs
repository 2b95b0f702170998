using NpsKit.Internal;

namespace NpsKit.Eligibility;

/// <summary>What happened in one entry of a <see cref="ContactHistory"/>.</summary>
public enum ContactEventKind
{
    /// <summary>A survey invitation was sent.</summary>
    Invitation = 0,

    /// <summary>A reminder for an earlier invitation was sent. Rules count reminders as invitations only when told to.</summary>
    Reminder = 1,

    /// <summary>The contact answered a survey.</summary>
    Response = 2,

    /// <summary>A transaction with the customer (a purchase, a delivery, a support case closed…), for rest clocks that
    /// count from the last transaction. <see cref="ContactEvent.SurveyId"/> then holds the transaction's type.</summary>
    Transaction = 3,
}

/// <summary>
/// One entry of a contact's (or an account's) history: an invitation, a reminder, a response, or a transaction.
/// </summary>
/// <remarks>The eligibility engine never sees scores: a response entry records only that, when and where the contact
/// answered. This type is an immutable value and is thread-safe.</remarks>
public readonly record struct ContactEvent
{
    /// <summary>Creates a history entry.</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="at">When it happened (any offset; compared as instants).</param>
    /// <param name="surveyId">The survey it belongs to; not null or empty.</param>
    /// <param name="channel">The single channel it used; <see cref="ContactChannel.None"/> when unknown.</param>
    /// <exception cref="ArgumentException"><paramref name="surveyId"/> is empty, or <paramref name="channel"/> names more than one channel.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public ContactEvent(ContactEventKind kind, DateTimeOffset at, string surveyId, ContactChannel channel = ContactChannel.None)
    {
        if (!Enum.IsDefined(kind))
        {
            ThrowHelper.UndefinedEnum(nameof(kind), (int)kind, "Invitation, Reminder, Response or Transaction");
        }

        ThrowHelper.ThrowIfNullOrEmpty(surveyId, nameof(surveyId));
        ThrowHelper.ThrowIfNotSingleChannel(channel, nameof(channel), allowNone: true);
        Kind = kind;
        At = at;
        SurveyId = surveyId;
        Channel = channel;
    }

    private ContactEvent(ContactEventKind kind, DateTimeOffset at, string surveyId, ContactChannel channel, bool validated)
    {
        _ = validated;
        Kind = kind;
        At = at;
        SurveyId = surveyId;
        Channel = channel;
    }

    /// <summary>Gets what happened.</summary>
    public ContactEventKind Kind { get; }

    /// <summary>Gets when it happened.</summary>
    public DateTimeOffset At { get; }

    /// <summary>Gets the survey it belongs to; for a <see cref="ContactEventKind.Transaction"/>, the transaction's type
    /// (<c>purchase</c>, <c>delivery</c>, <c>case-closed</c>…; <c>transaction</c> when none is known).</summary>
    public string SurveyId { get; }

    /// <summary>Gets the channel it used, or <see cref="ContactChannel.None"/> when unknown.</summary>
    public ContactChannel Channel { get; }

    /// <summary>An invitation sent at <paramref name="at"/>.</summary>
    /// <param name="at">When.</param>
    /// <param name="surveyId">Which survey.</param>
    /// <param name="channel">By which channel.</param>
    /// <returns>The entry.</returns>
    public static ContactEvent Invitation(DateTimeOffset at, string surveyId, ContactChannel channel = ContactChannel.None) =>
        new(ContactEventKind.Invitation, at, surveyId, channel);

    /// <summary>An entry from values already validated (a batch's own invitations, rebuilt from a compact slot).</summary>
    internal static ContactEvent Unchecked(ContactEventKind kind, DateTimeOffset at, string surveyId, ContactChannel channel) =>
        new(kind, at, surveyId, channel, validated: true);

    /// <summary>A reminder sent at <paramref name="at"/>.</summary>
    /// <param name="at">When.</param>
    /// <param name="surveyId">Which survey.</param>
    /// <param name="channel">By which channel.</param>
    /// <returns>The entry.</returns>
    public static ContactEvent Reminder(DateTimeOffset at, string surveyId, ContactChannel channel = ContactChannel.None) =>
        new(ContactEventKind.Reminder, at, surveyId, channel);

    /// <summary>A response given at <paramref name="at"/>.</summary>
    /// <param name="at">When.</param>
    /// <param name="surveyId">Which survey.</param>
    /// <param name="channel">By which channel.</param>
    /// <returns>The entry.</returns>
    public static ContactEvent Response(DateTimeOffset at, string surveyId, ContactChannel channel = ContactChannel.None) =>
        new(ContactEventKind.Response, at, surveyId, channel);

    /// <summary>A transaction (purchase, delivery, support case closed…) at <paramref name="at"/>.</summary>
    /// <param name="at">When.</param>
    /// <param name="type">The transaction's type; <c>transaction</c> by default.</param>
    /// <param name="channel">The channel it happened on, if any.</param>
    /// <returns>The entry.</returns>
    public static ContactEvent Transaction(DateTimeOffset at, string type = "transaction", ContactChannel channel = ContactChannel.None) =>
        new(ContactEventKind.Transaction, at, type, channel);
}
