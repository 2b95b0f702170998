using NpsKit.Internal;

namespace NpsKit.FollowUp;

/// <summary>Turns new responses into close-the-loop tasks: who calls whom back, by when.</summary>
/// <remarks>Pure and thread-safe.</remarks>
public static class FollowUpPlanner
{
    /// <summary>Creates a task for every detractor (and passive, when configured), routed by segment and due by the SLA.
    /// Each task keeps its SLA clock (calendar or the owner's business hours), so escalation rungs and the times to first
    /// contact and to close run on the same clock as the due time.</summary>
    /// <param name="responses">New responses; ids unique.</param>
    /// <param name="options">Settings; validated first.</param>
    /// <returns>The tasks, in response order.</returns>
    /// <exception cref="ArgumentException">Invalid options (all problems listed), a duplicate response id, or a segment with no route and no default owner.</exception>
    public static IReadOnlyList<FollowUpTask> CreateTasks(IEnumerable<FollowUpResponse> responses, FollowUpOptions options)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tasks = new List<FollowUpTask>();
        foreach (FollowUpResponse r in responses)
        {
            if (r.ResponseId is null)
            {
                throw new ArgumentException("A response is uninitialised (default FollowUpResponse): create it with its constructor.", nameof(responses));
            }

            if (!seen.Add(r.ResponseId))
            {
                ThrowHelper.DuplicateId("response id", r.ResponseId, nameof(responses));
            }

            NpsCategory category = r.Category;
            if (category == NpsCategory.Promoter || (category == NpsCategory.Passive && !options.IncludePassives))
            {
                continue;
            }

            FollowUpOwner owner = options.Routes.TryGetValue(r.Segment, out FollowUpOwner? routed) ? routed
                : options.DefaultOwner ?? throw new ArgumentException(
                    $"Response '{r.ResponseId}' is in segment '{r.Segment}', which has no route, and there is no DefaultOwner: add a route or a default owner.", nameof(responses));
            var timer = new SlaTimer(options.SlaClock, owner.Calendar ?? options.Calendar, owner.TimeZone);
            tasks.Add(new FollowUpTask(r, owner.Id, r.Score <= options.CriticalMaxScore, timer, options.Sla, options.CloseSla ?? options.Sla));
        }

        return tasks;
    }

    /// <summary>The SLA due time for work starting at <paramref name="start"/> for <paramref name="owner"/>.</summary>
    /// <param name="start">When the clock starts (the answer's time).</param>
    /// <param name="owner">The owner whose zone and calendar count.</param>
    /// <param name="options">The SLA settings.</param>
    /// <returns>The due instant (UTC for business hours).</returns>
    public static DateTimeOffset DueAt(DateTimeOffset start, FollowUpOwner owner, FollowUpOptions options)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(options);
        return options.SlaClock == SlaClock.Calendar
            ? start + options.Sla
            : (owner.Calendar ?? options.Calendar).AddWorkingTime(start, options.Sla, owner.TimeZone);
    }
}
