namespace NpsKit.Employee;

/// <summary>What to do with answers that arrive for a round after it was closed.</summary>
public enum LateAnswerPolicy
{
    /// <summary>Keep the frozen figures and report the late answers (<see cref="EnpsPublication.LateResponseCount"/>) so the
    /// caller files them under the next round (the default).</summary>
    NextRound,

    /// <summary>Refuse: <see cref="EnpsReport.Publish"/> throws, naming how many answers are late.</summary>
    Refuse,
}

/// <summary>How one publication is made: when its figures are taken, whether it closes the round, what happens to late
/// answers.</summary>
/// <param name="PublishedAt">When the figures are taken (the caller's clock: NpsKit has none). Stale cells of a live round
/// say this time of the release whose figures they show.</param>
/// <remarks>An immutable value; thread-safe.</remarks>
public sealed record EnpsPublishOptions(DateTimeOffset PublishedAt)
{
    /// <summary>Gets a value indicating whether this publication closes its round: the release is frozen, re-running the
    /// round returns the same figures.</summary>
    /// <value>Default <see langword="false"/>: the round stays open (a live dashboard).</value>
    public bool CloseRound { get; init; }

    /// <summary>Gets what to do with answers for a closed round that the frozen release did not count.</summary>
    /// <value>Default <see cref="LateAnswerPolicy.NextRound"/>.</value>
    public LateAnswerPolicy LateAnswers { get; init; } = LateAnswerPolicy.NextRound;
}

/// <summary>The result of <see cref="EnpsReport.Publish"/>: the report to show, and the history to keep for the next
/// publication.</summary>
/// <param name="Report">The report, audited against every earlier release of the history.</param>
/// <param name="History">The history with this release appended (unchanged when the round was closed and the frozen
/// figures were returned).</param>
/// <param name="IsFrozen"><see langword="true"/> when the round was already closed and <paramref name="Report"/> holds its
/// frozen figures.</param>
/// <param name="LateResponseCount">For a closed round, how many of the answers given were not counted in the frozen
/// release (to be filed under the next round); otherwise 0.</param>
/// <remarks>An immutable value; thread-safe.</remarks>
public sealed record EnpsPublication(EnpsReport Report, EnpsPublicationHistory History, bool IsFrozen, int LateResponseCount);
