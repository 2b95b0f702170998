namespace NpsKit.FollowUp;

/// <summary>Where a follow-up task stands.</summary>
public enum FollowUpState
{
    /// <summary>Created; nobody has reached the customer yet.</summary>
    Open = 0,

    /// <summary>The customer has been reached (first contact made).</summary>
    Contacted = 1,

    /// <summary>The loop is closed: the issue was handled and recorded.</summary>
    Closed = 2,

    /// <summary>Overdue and moved up the escalation ladder; still not contacted.</summary>
    Escalated = 3,
}

/// <summary>One step in a task's life: what changed, when, and who owned the task afterwards.</summary>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="At">When.</param>
/// <param name="OwnerId">The owner after the step.</param>
/// <param name="Note">Free text (call notes, resolution); may be empty.</param>
public readonly record struct FollowUpTransition(FollowUpState From, FollowUpState To, DateTimeOffset At, string OwnerId, string Note);

/// <summary>
/// A close-the-loop task for one response: call the customer back by <see cref="DueAt"/>. An immutable state machine:
/// Open → Contacted → Closed, with Open/Escalated → Escalated up the ladder when overdue. Each transition returns a
/// new task; illegal transitions throw <see cref="InvalidOperationException"/> naming the state and what is allowed.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FollowUpTask
{
    private readonly FollowUpTransition[] _transitions;

    private readonly SlaTimer _timer;

    internal FollowUpTask(FollowUpResponse response, string ownerId, bool critical, SlaTimer timer, TimeSpan sla, TimeSpan closeSla)
        : this(response, ownerId, critical, timer.Add(response.AnsweredAt, sla), timer.Add(response.AnsweredAt, closeSla), timer, FollowUpState.Open, 0, null, null, [])
    {
    }

    private FollowUpTask(FollowUpResponse response, string ownerId, bool critical, DateTimeOffset dueAt, DateTimeOffset closeDueAt, SlaTimer timer, FollowUpState state, int level, DateTimeOffset? firstContact, DateTimeOffset? closed, FollowUpTransition[] transitions)
    {
        _timer = timer;
        CloseDueAt = closeDueAt;
        Response = response;
        OwnerId = ownerId;
        IsCritical = critical;
        DueAt = dueAt;
        State = state;
        EscalationLevel = level;
        FirstContactAt = firstContact;
        ClosedAt = closed;
        _transitions = transitions;
    }

    /// <summary>Gets the task id: <c>followup-</c> and the response id.</summary>
    public string Id => "followup-" + Response.ResponseId;

    /// <summary>Gets the response the task follows up.</summary>
    public FollowUpResponse Response { get; }

    /// <summary>Gets the current owner.</summary>
    public string OwnerId { get; }

    /// <summary>Gets whether the answer is critical (0 to <see cref="FollowUpOptions.CriticalMaxScore"/>).</summary>
    public bool IsCritical { get; }

    /// <summary>Gets when the task was created: the time of the answer.</summary>
    public DateTimeOffset CreatedAt => Response.AnsweredAt;

    /// <summary>Gets when first contact is due by the SLA.</summary>
    public DateTimeOffset DueAt { get; }

    /// <summary>Gets when the loop must be closed by the closing SLA (<see cref="FollowUpOptions.CloseSla"/>, or the
    /// first-contact SLA when none is set), on the same clock.</summary>
    public DateTimeOffset CloseDueAt { get; }

    /// <summary>Gets the clock every time of the task runs on: due times, escalation rungs, and the times to first
    /// contact and to close (calendar time, or the owner's business hours).</summary>
    public SlaClock Clock => _timer.Clock;

    /// <summary>Gets the state.</summary>
    public FollowUpState State { get; }

    /// <summary>Gets how many rungs of the escalation ladder the task has climbed.</summary>
    public int EscalationLevel { get; }

    /// <summary>Gets when the customer was first reached; <see langword="null"/> while not contacted.</summary>
    public DateTimeOffset? FirstContactAt { get; }

    /// <summary>Gets when the loop was closed; <see langword="null"/> while not closed.</summary>
    public DateTimeOffset? ClosedAt { get; }

    /// <summary>Gets every transition so far, oldest first.</summary>
    public IReadOnlyList<FollowUpTransition> Transitions => _transitions;

    /// <summary>Gets whether first contact was made by the due time.</summary>
    public bool ContactedWithinSla => FirstContactAt is { } c && c <= DueAt;

    /// <summary>Gets whether the loop was closed by <see cref="CloseDueAt"/>.</summary>
    public bool ClosedWithinSla => ClosedAt is { } c && c <= CloseDueAt;

    /// <summary>Gets the time from the answer to first contact on the task's <see cref="Clock"/> (working time under a
    /// business-hours SLA); <see langword="null"/> while not contacted.</summary>
    public TimeSpan? TimeToFirstContact => FirstContactAt is { } c ? _timer.Between(CreatedAt, c) : null;

    /// <summary>Gets the time from the answer to closing the loop on the task's <see cref="Clock"/>; <see langword="null"/> while open.</summary>
    public TimeSpan? TimeToClose => ClosedAt is { } c ? _timer.Between(CreatedAt, c) : null;

    /// <summary>Gets the instant a rung of the ladder applies from: <paramref name="step"/>'s <see cref="EscalationStep.After"/>
    /// after the due time, on the task's <see cref="Clock"/>.</summary>
    /// <param name="step">The rung.</param>
    /// <returns>The instant.</returns>
    public DateTimeOffset EscalatesAt(EscalationStep step) => _timer.Add(DueAt, step.After);

    /// <summary>Tells whether the task is overdue at <paramref name="now"/>: not yet contacted and past its due time.</summary>
    /// <param name="now">The instant to judge at.</param>
    /// <returns><see langword="true"/> when overdue.</returns>
    public bool IsOverdueAt(DateTimeOffset now) => State is FollowUpState.Open or FollowUpState.Escalated && now > DueAt;

    /// <summary>Records first contact with the customer.</summary>
    /// <param name="at">When; not before the last transition or the answer.</param>
    /// <param name="note">Call notes.</param>
    /// <returns>The contacted task.</returns>
    /// <exception cref="InvalidOperationException">The task is Contacted or Closed already, or <paramref name="at"/> goes back in time.</exception>
    public FollowUpTask MarkContacted(DateTimeOffset at, string note = "")
    {
        Require("mark contacted", at, FollowUpState.Open, FollowUpState.Escalated);
        return Next(FollowUpState.Contacted, at, OwnerId, note, EscalationLevel, at, null);
    }

    /// <summary>Closes the loop.</summary>
    /// <param name="at">When; not before the last transition.</param>
    /// <param name="resolution">What was done.</param>
    /// <returns>The closed task.</returns>
    /// <exception cref="InvalidOperationException">The task has not been contacted, is closed already, or <paramref name="at"/> goes back in time.</exception>
    public FollowUpTask Close(DateTimeOffset at, string resolution = "")
    {
        Require("close", at, FollowUpState.Contacted);
        return Next(FollowUpState.Closed, at, OwnerId, resolution, EscalationLevel, FirstContactAt, at);
    }

    /// <summary>Moves the task up the ladder by one rung when it is overdue enough.</summary>
    /// <param name="at">When; the task must be at least the next rung's <see cref="EscalationStep.After"/> past due, on the task's <see cref="Clock"/>.</param>
    /// <param name="ladder">The escalation ladder (usually <see cref="FollowUpOptions.Escalation"/>).</param>
    /// <returns>The escalated task, owned by the rung's owner.</returns>
    /// <exception cref="InvalidOperationException">The task is Contacted or Closed, not overdue enough, or at the top of the ladder.</exception>
    public FollowUpTask Escalate(DateTimeOffset at, IReadOnlyList<EscalationStep> ladder)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        Require("escalate", at, FollowUpState.Open, FollowUpState.Escalated);
        if (EscalationLevel >= ladder.Count)
        {
            throw new InvalidOperationException($"Task {Id} cannot escalate: it is at level {EscalationLevel}, the top of a {ladder.Count}-rung ladder.");
        }

        EscalationStep step = ladder[EscalationLevel];
        DateTimeOffset from = EscalatesAt(step);
        if (at < from || at <= DueAt)
        {
            throw new InvalidOperationException(
                $"Task {Id} cannot escalate at {at:O}: rung {EscalationLevel + 1} applies from {from:O} ({step.After} {(Clock == SlaClock.BusinessHours ? "of business time " : string.Empty)}after the due time {DueAt:O}).");
        }

        return Next(FollowUpState.Escalated, at, step.OwnerId, $"escalated to {step.OwnerId}", EscalationLevel + 1, null, null);
    }

    /// <summary>Climbs as many rungs as are due at <paramref name="now"/>; returns this task unchanged when none is.</summary>
    /// <param name="now">The instant to judge at.</param>
    /// <param name="ladder">The escalation ladder.</param>
    /// <returns>The (possibly) escalated task.</returns>
    public FollowUpTask EscalateIfOverdue(DateTimeOffset now, IReadOnlyList<EscalationStep> ladder)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        FollowUpTask task = this;
        while (task.IsOverdueAt(now) && task.EscalationLevel < ladder.Count && now >= task.EscalatesAt(ladder[task.EscalationLevel]))
        {
            task = task.Escalate(now, ladder);
        }

        return task;
    }

    private void Require(string action, DateTimeOffset at, params FollowUpState[] allowed)
    {
        if (Array.IndexOf(allowed, State) < 0)
        {
            throw new InvalidOperationException(
                $"Task {Id} cannot {action}: it is {State}. Allowed only from {string.Join(" or ", allowed)} (lifecycle: Open → Contacted → Closed; Open/Escalated → Escalated when overdue).");
        }

        DateTimeOffset last = _transitions.Length > 0 ? _transitions[^1].At : CreatedAt;
        if (at < last)
        {
            throw new InvalidOperationException($"Task {Id} cannot {action} at {at:O}: that is before its last change at {last:O}; transitions must go forward in time.");
        }
    }

    private FollowUpTask Next(FollowUpState to, DateTimeOffset at, string owner, string note, int level, DateTimeOffset? firstContact, DateTimeOffset? closed) =>
        new(Response, owner, IsCritical, DueAt, CloseDueAt, _timer, to, level, firstContact, closed, [.. _transitions, new FollowUpTransition(State, to, at, owner, note ?? string.Empty)]);
}

/// <summary>Adds and measures time on one SLA clock: elapsed time, or working time by a calendar in a zone.</summary>
internal sealed class SlaTimer(SlaClock clock, BusinessCalendar calendar, TimeZoneInfo zone)
{
    public SlaClock Clock { get; } = clock;

    public DateTimeOffset Add(DateTimeOffset start, TimeSpan span) =>
        Clock == SlaClock.Calendar ? start + span : calendar.AddWorkingTime(start, span, zone);

    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to) =>
        Clock == SlaClock.Calendar ? to - from : calendar.WorkingTimeBetween(from, to, zone);
}
