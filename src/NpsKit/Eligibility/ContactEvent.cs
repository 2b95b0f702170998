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
}

/// <summary>
/// One entry of a contact's (or an account's) survey history: an invitation, a reminder or a response.
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
            ThrowHelper.UndefinedEnum(nameof(kind), (int)kind, "Invitation, Reminder or Response");
        }

        ThrowHelper.ThrowIfNullOrEmpty(surveyId, nameof(surveyId));
        ThrowHelper.ThrowIfNotSingleChannel(channel, nameof(channel), allowNone: true);
        Kind = kind;
        At = at;
        SurveyId = surveyId;
        Channel = channel;
    }

    /// <summary>Gets what happened.</summary>
    public ContactEventKind Kind { get; }

    /// <summary>Gets when it happened.</summary>
    public DateTimeOffset At { get; }

    /// <summary>Gets the survey it belongs to.</summary>
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
}
