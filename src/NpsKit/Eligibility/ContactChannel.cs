namespace NpsKit.Eligibility;

/// <summary>
/// The channels a survey invitation can travel by. A flags enum: a single value names one channel (as on a
/// <see cref="ContactEvent"/> or <see cref="SurveyTrigger"/>), a combination names a set (as in
/// <see cref="Contact.Reachable"/> or <see cref="Contact.OptedOut"/>).
/// </summary>
[Flags]
public enum ContactChannel
{
    /// <summary>No channel (as a set: the empty set).</summary>
    None = 0,

    /// <summary>E-mail.</summary>
    Email = 1,

    /// <summary>Text message.</summary>
    Sms = 2,

    /// <summary>A phone call (interviewer or voice robot).</summary>
    Phone = 4,

    /// <summary>A prompt inside the product (web or app).</summary>
    InApp = 8,

    /// <summary>Every channel (as a set).</summary>
    All = Email | Sms | Phone | InApp,
}
