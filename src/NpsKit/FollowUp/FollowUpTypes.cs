using NpsKit.Internal;

namespace NpsKit.FollowUp;

/// <summary>One answer as the follow-up area sees it: who answered what, when, in which segment.</summary>
/// <remarks>An immutable value; thread-safe.</remarks>
public readonly record struct FollowUpResponse
{
    /// <summary>Creates a response.</summary>
    /// <param name="responseId">Unique id of the answer.</param>
    /// <param name="respondentId">The respondent (customer) id, to link consecutive answers.</param>
    /// <param name="score">The 0–10 answer.</param>
    /// <param name="answeredAt">When it was given.</param>
    /// <param name="segment">The segment that routes it to an owner; empty for none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is not 0–10.</exception>
    /// <exception cref="ArgumentException">An id is empty.</exception>
    public FollowUpResponse(string responseId, string respondentId, int score, DateTimeOffset answeredAt, string segment = "")
    {
        ThrowHelper.ThrowIfNullOrEmpty(responseId, nameof(responseId));
        ThrowHelper.ThrowIfNullOrEmpty(respondentId, nameof(respondentId));
        ArgumentNullException.ThrowIfNull(segment);
        if (!Nps.IsValidScore(score))
        {
            ThrowHelper.ScoreOutOfRange(score, nameof(score));
        }

        ResponseId = responseId;
        RespondentId = respondentId;
        Score = score;
        AnsweredAt = answeredAt;
        Segment = segment;
    }

    /// <summary>Gets the answer's id.</summary>
    public string ResponseId { get; }

    /// <summary>Gets the respondent's id.</summary>
    public string RespondentId { get; }

    /// <summary>Gets the 0–10 answer.</summary>
    public int Score { get; }

    /// <summary>Gets when it was given.</summary>
    public DateTimeOffset AnsweredAt { get; }

    /// <summary>Gets the routing segment.</summary>
    public string Segment { get; }

    /// <summary>Gets the answer's category (<see cref="Nps.Classify(int)"/>).</summary>
    public NpsCategory Category => Nps.Classify(Score);
}

/// <summary>Someone who calls customers back: an id and the time zone (and calendar) their working hours are in.</summary>
/// <param name="Id">The owner's id.</param>
/// <param name="TimeZone">The owner's time zone.</param>
/// <param name="Calendar">The owner's own working calendar; <see langword="null"/> to use <see cref="FollowUpOptions.Calendar"/>.</param>
public sealed record FollowUpOwner(string Id, TimeZoneInfo TimeZone, BusinessCalendar? Calendar = null);

/// <summary>Whether service-level time runs around the clock or only in working hours.</summary>
public enum SlaClock
{
    /// <summary>Elapsed time, nights and weekends included.</summary>
    Calendar = 0,

    /// <summary>Working time by the owner's <see cref="BusinessCalendar"/> in the owner's time zone.</summary>
    BusinessHours = 1,
}

/// <summary>One rung of an escalation ladder: when a task is this long overdue, it moves to <paramref name="OwnerId"/>.</summary>
/// <param name="After">How long after the due time, on the SLA's clock (business time under <see cref="SlaClock.BusinessHours"/>); the rungs of a ladder must increase.</param>
/// <param name="OwnerId">Who the task escalates to (team lead, then head of customer care…).</param>
public readonly record struct EscalationStep(TimeSpan After, string OwnerId);

/// <summary>Settings for turning responses into follow-up tasks.</summary>
/// <remarks>Validate with <see cref="Validate"/>; <see cref="FollowUpPlanner"/> does so and reports every problem at once.</remarks>
public sealed record FollowUpOptions
{
    /// <summary>Creates settings with every default.</summary>
    public FollowUpOptions()
    {
    }

    /// <summary>Gets whether passives (7–8) get tasks too.</summary>
    /// <value><see langword="false"/> by default: detractors (0–6) only.</value>
    public bool IncludePassives { get; init; }

    /// <summary>Gets the highest score flagged critical.</summary>
    /// <value>4 by default (0–4 critical).</value>
    public int CriticalMaxScore { get; init; } = 4;

    /// <summary>Gets the time allowed until first contact.</summary>
    /// <value>24 hours by default.</value>
    public TimeSpan Sla { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Gets the time allowed until the loop is closed ("detractors handled within 24 hours"), on the same clock.</summary>
    /// <value><see langword="null"/> by default: the loop must be closed within <see cref="Sla"/> too.</value>
    public TimeSpan? CloseSla { get; init; }

    /// <summary>Gets how SLA time runs: for due times, escalation rungs and the times reported.</summary>
    /// <value><see cref="SlaClock.Calendar"/> by default.</value>
    public SlaClock SlaClock { get; init; }

    /// <summary>Gets the working calendar for owners without their own.</summary>
    /// <value><see cref="BusinessCalendar.Standard"/> (Mon–Fri 09:00–17:00) by default.</value>
    public BusinessCalendar Calendar { get; init; } = BusinessCalendar.Standard;

    /// <summary>Gets the owner per segment.</summary>
    /// <value>Empty by default: every task goes to <see cref="DefaultOwner"/>.</value>
    public IReadOnlyDictionary<string, FollowUpOwner> Routes { get; init; } = new Dictionary<string, FollowUpOwner>();

    /// <summary>Gets the owner for segments without a route.</summary>
    /// <value><see langword="null"/> by default; then every segment needs a route.</value>
    public FollowUpOwner? DefaultOwner { get; init; }

    /// <summary>Gets the escalation ladder, rungs in increasing <see cref="EscalationStep.After"/>.</summary>
    /// <value>Empty by default (no escalation).</value>
    public IReadOnlyList<EscalationStep> Escalation { get; init; } = [];

    /// <summary>Checks the settings and reports every problem in one exception.</summary>
    /// <exception cref="ArgumentException">The list of problems.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (CriticalMaxScore is < -1 or > 6)
        {
            problems.Add($"CriticalMaxScore is {CriticalMaxScore}: use -1 (none critical) to 6 (all detractors critical)");
        }

        if (Sla <= TimeSpan.Zero)
        {
            problems.Add($"Sla is {Sla}: it must be positive");
        }

        if (CloseSla is { } close && (close <= TimeSpan.Zero || close < Sla))
        {
            problems.Add($"CloseSla is {close}: it must be positive and not shorter than Sla ({Sla}), since a loop is closed after first contact");
        }

        if (!Enum.IsDefined(SlaClock))
        {
            problems.Add($"SlaClock is {(int)SlaClock}: use Calendar or BusinessHours");
        }

        if (Calendar is null)
        {
            problems.Add("Calendar is null: use BusinessCalendar.Standard or your own");
        }

        if (Routes is null || Routes.Count == 0 && DefaultOwner is null)
        {
            problems.Add("no owner: set DefaultOwner or Routes");
        }

        for (int i = 0; i < Escalation?.Count; i++)
        {
            EscalationStep s = Escalation[i];
            if (s.After < TimeSpan.Zero || string.IsNullOrEmpty(s.OwnerId))
            {
                problems.Add($"Escalation[{i}] needs After ≥ 0 and an owner id");
            }

            if (i > 0 && s.After <= Escalation[i - 1].After)
            {
                problems.Add($"Escalation[{i}].After ({s.After}) is not after Escalation[{i - 1}].After ({Escalation[i - 1].After})");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid follow-up options: " + string.Join("; ", problems) + ".", "options");
        }
    }
}
