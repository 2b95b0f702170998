using NpsKit.Internal;

namespace NpsKit.FollowUp;

/// <summary>
/// Close-the-loop metrics at one instant: closed-loop rate, share contacted within SLA, median and 90th percentile time
/// to first contact, and the overdue list.
/// </summary>
/// <remarks>
/// <para>Percentiles use the linear interpolation of Hyndman &amp; Fan (1996, "Sample quantiles in statistical packages",
/// The American Statistician 50(4):361–365), definition 7 — R's default <c>quantile(x, type = 7)</c> and Excel's
/// <c>PERCENTILE.INC</c>.</para>
/// <para>Absence is explicit: with no tasks there is no rate (<see cref="HasTasks"/>), with no contacted task no time to
/// first contact (<see cref="HasTimeToFirstContact"/>); the properties then throw <see cref="InvalidOperationException"/>.
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class FollowUpReport
{
    private readonly TimeSpan[] _times;

    private FollowUpReport(DateTimeOffset at, int total, int closed, int contacted, int slaKnown, int withinSla, TimeSpan[] times, IReadOnlyList<FollowUpTask> overdue)
    {
        At = at;
        Total = total;
        Closed = closed;
        Contacted = contacted;
        SlaDecided = slaKnown;
        ContactedWithinSla = withinSla;
        _times = times;
        Overdue = overdue;
    }

    /// <summary>Gets the instant the report is for.</summary>
    public DateTimeOffset At { get; }

    /// <summary>Gets the number of tasks.</summary>
    public int Total { get; }

    /// <summary>Gets the number of closed tasks.</summary>
    public int Closed { get; }

    /// <summary>Gets the number of tasks with a first contact (contacted or closed).</summary>
    public int Contacted { get; }

    /// <summary>Gets the number of tasks whose SLA outcome is known at <see cref="At"/>: contacted, or past due.</summary>
    public int SlaDecided { get; }

    /// <summary>Gets the number of tasks contacted by their due time.</summary>
    public int ContactedWithinSla { get; }

    /// <summary>Gets the tasks overdue at <see cref="At"/> (not contacted, past due), most overdue first.</summary>
    public IReadOnlyList<FollowUpTask> Overdue { get; }

    /// <summary>Gets whether there is at least one task.</summary>
    public bool HasTasks => Total > 0;

    /// <summary>Gets the closed-loop rate: closed tasks over all tasks, 0..1.</summary>
    /// <exception cref="InvalidOperationException">There are no tasks.</exception>
    public double ClosedLoopRate => HasTasks ? (double)Closed / Total : throw new InvalidOperationException("There are no follow-up tasks, so there is no closed-loop rate. Check HasTasks first.");

    /// <summary>Gets whether any task's SLA outcome is known.</summary>
    public bool HasSlaOutcomes => SlaDecided > 0;

    /// <summary>Gets the share of tasks contacted within SLA among those whose SLA outcome is known, 0..1.</summary>
    /// <exception cref="InvalidOperationException">No task is contacted or past due yet.</exception>
    public double WithinSlaShare => HasSlaOutcomes ? (double)ContactedWithinSla / SlaDecided : throw new InvalidOperationException("No task is contacted or past due yet, so the share within SLA is unknown. Check HasSlaOutcomes first.");

    /// <summary>Gets whether any task has a first contact.</summary>
    public bool HasTimeToFirstContact => _times.Length > 0;

    /// <summary>Gets the median time from answer to first contact (Hyndman–Fan type 7).</summary>
    /// <exception cref="InvalidOperationException">No task has been contacted.</exception>
    public TimeSpan MedianTimeToFirstContact => Quantile(0.5);

    /// <summary>Gets the 90th percentile time from answer to first contact (Hyndman–Fan type 7).</summary>
    /// <exception cref="InvalidOperationException">No task has been contacted.</exception>
    public TimeSpan P90TimeToFirstContact => Quantile(0.9);

    /// <summary>Computes the report.</summary>
    /// <param name="tasks">The tasks; ids unique.</param>
    /// <param name="at">The instant to judge overdue and SLA outcomes at.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">Two tasks have the same id.</exception>
    public static FollowUpReport From(IEnumerable<FollowUpTask> tasks, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int total = 0, closed = 0, contacted = 0, known = 0, within = 0;
        var times = new List<TimeSpan>();
        var overdue = new List<FollowUpTask>();
        foreach (FollowUpTask t in tasks)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(tasks));
            if (!seen.Add(t.Id))
            {
                ThrowHelper.DuplicateId("task id", t.Id, nameof(tasks));
            }

            total++;
            closed += t.State == FollowUpState.Closed ? 1 : 0;
            if (t.FirstContactAt is { } first)
            {
                contacted++;
                known++;
                within += first <= t.DueAt ? 1 : 0;
                times.Add(first - t.CreatedAt);
            }
            else if (at > t.DueAt)
            {
                known++;
                overdue.Add(t);
            }
        }

        times.Sort();
        return new FollowUpReport(at, total, closed, contacted, known, within, [.. times], [.. overdue.OrderBy(t => t.DueAt).ThenBy(t => t.Id, StringComparer.Ordinal)]);
    }

    private TimeSpan Quantile(double p)
    {
        if (_times.Length == 0)
        {
            throw new InvalidOperationException("No task has been contacted yet, so there is no time to first contact. Check HasTimeToFirstContact first.");
        }

        double h = (_times.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, _times.Length - 1);
        return _times[lo] + TimeSpan.FromTicks((long)Math.Round((h - lo) * (_times[hi] - _times[lo]).Ticks));
    }
}

/// <summary>
/// Recovery: how respondents move between categories from one answer to their next. Rows are the earlier answer's
/// category, columns the next one's; a detractor is recovered when the next answer is passive or promoter.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RecoveryMatrix
{
    private readonly long[,] _counts;

    private RecoveryMatrix(long[,] counts) => _counts = counts;

    /// <summary>Gets the number of (answer, next answer) pairs.</summary>
    public long Pairs
    {
        get
        {
            long sum = 0;
            foreach (long c in _counts)
            {
                sum += c;
            }

            return sum;
        }
    }

    /// <summary>Gets the number of detractor answers followed by another answer.</summary>
    public long DetractorsWithNextAnswer => Count(NpsCategory.Detractor, NpsCategory.Detractor) + Recovered;

    /// <summary>Gets the number of detractor answers whose next answer is passive or promoter.</summary>
    public long Recovered => Count(NpsCategory.Detractor, NpsCategory.Passive) + Count(NpsCategory.Detractor, NpsCategory.Promoter);

    /// <summary>Gets whether any detractor answered again.</summary>
    public bool HasRecoveryRate => DetractorsWithNextAnswer > 0;

    /// <summary>Gets <see cref="Recovered"/> over <see cref="DetractorsWithNextAnswer"/>, 0..1.</summary>
    /// <exception cref="InvalidOperationException">No detractor answered again.</exception>
    public double RecoveryRate => HasRecoveryRate ? (double)Recovered / DetractorsWithNextAnswer
        : throw new InvalidOperationException("No detractor has a later answer, so there is no recovery rate. Check HasRecoveryRate first.");

    /// <summary>Gets how many answers in category <paramref name="from"/> were followed by one in <paramref name="to"/>.</summary>
    /// <param name="from">The earlier answer's category.</param>
    /// <param name="to">The next answer's category.</param>
    /// <returns>The count.</returns>
    public long Count(NpsCategory from, NpsCategory to) => _counts[(int)from, (int)to];

    /// <summary>Builds the matrix from responses of many respondents in any order.</summary>
    /// <param name="responses">Responses; ids unique. Each respondent's answers are ordered by time, ties by response id.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentException">A duplicate response id.</exception>
    public static RecoveryMatrix From(IEnumerable<FollowUpResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<FollowUpResponse>();
        foreach (FollowUpResponse r in responses)
        {
            if (r.ResponseId is null || !seen.Add(r.ResponseId))
            {
                ThrowHelper.DuplicateId("response id", r.ResponseId ?? "(uninitialised)", nameof(responses));
            }

            list.Add(r);
        }

        var counts = new long[3, 3];
        foreach (var person in list.GroupBy(r => r.RespondentId, StringComparer.Ordinal))
        {
            FollowUpResponse[] ordered = [.. person.OrderBy(r => r.AnsweredAt.UtcTicks).ThenBy(r => r.ResponseId, StringComparer.Ordinal)];
            for (int i = 1; i < ordered.Length; i++)
            {
                counts[(int)ordered[i - 1].Category, (int)ordered[i].Category]++;
            }
        }

        return new RecoveryMatrix(counts);
    }
}
