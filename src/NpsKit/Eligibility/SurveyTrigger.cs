using NpsKit.Internal;

namespace NpsKit.Eligibility;

/// <summary>
/// The touchpoint that asks for a survey: "purchase 4711 happened at 10:32, ask survey <c>shop-nps</c> by e-mail".
/// </summary>
/// <remarks>This type is an immutable value and is thread-safe.</remarks>
public readonly record struct SurveyTrigger
{
    /// <summary>Creates a trigger.</summary>
    /// <param name="surveyId">The survey to send; not null or empty.</param>
    /// <param name="occurredAt">When the touchpoint happened.</param>
    /// <param name="channel">The single channel the invitation would use.</param>
    /// <param name="touchpoint">A name for the touchpoint (purchase, support case, visit); may be empty.</param>
    /// <exception cref="ArgumentException"><paramref name="surveyId"/> is empty or <paramref name="channel"/> is not exactly one channel.</exception>
    public SurveyTrigger(string surveyId, DateTimeOffset occurredAt, ContactChannel channel, string touchpoint = "")
    {
        ThrowHelper.ThrowIfNullOrEmpty(surveyId, nameof(surveyId));
        ThrowHelper.ThrowIfNotSingleChannel(channel, nameof(channel), allowNone: false);
        ArgumentNullException.ThrowIfNull(touchpoint);
        SurveyId = surveyId;
        OccurredAt = occurredAt;
        Channel = channel;
        Touchpoint = touchpoint;
    }

    /// <summary>Gets the survey to send.</summary>
    public string SurveyId { get; }

    /// <summary>Gets when the touchpoint happened.</summary>
    public DateTimeOffset OccurredAt { get; }

    /// <summary>Gets the channel the invitation would use.</summary>
    public ContactChannel Channel { get; }

    /// <summary>Gets the touchpoint's name.</summary>
    public string Touchpoint { get; }
}
