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

    private FollowUpReport(DateTimeOffset at, int total, int closed, int contacted, int slaKnown, int withinSla, TimeSpan[] times, IReadOnlyList<FollowUpTask> overdue, int closeKnown, int closedWithin)
    {
        CloseSlaDecided = closeKnown;
        ClosedWithinSla = closedWithin;
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

    /// <summary>Gets the number of tasks whose closing-SLA outcome is known at <see cref="At"/>: closed, or past <see cref="FollowUpTask.CloseDueAt"/>.</summary>
    public int CloseSlaDecided { get; }

    /// <summary>Gets the number of tasks closed by their <see cref="FollowUpTask.CloseDueAt"/>.</summary>
    public int ClosedWithinSla { get; }

    /// <summary>Gets whether any task's closing-SLA outcome is known.</summary>
    public bool HasCloseSlaOutcomes => CloseSlaDecided > 0;

    /// <summary>Gets the share of tasks closed within the closing SLA among those whose outcome is known, 0..1
    /// ("detractors handled within 24 hours").</summary>
    /// <exception cref="InvalidOperationException">No task is closed or past its closing due time yet.</exception>
    public double ClosedWithinSlaShare => HasCloseSlaOutcomes ? (double)ClosedWithinSla / CloseSlaDecided : throw new InvalidOperationException("No task is closed or past its closing due time yet, so the share closed within SLA is unknown. Check HasCloseSlaOutcomes first.");

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

    /// <summary>Gets the median time from answer to first contact (Hyndman–Fan type 7), on each task's SLA clock
    /// (working time under a business-hours SLA, so it compares with the SLA itself).</summary>
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
        int total = 0, closed = 0, contacted = 0, known = 0, within = 0, closeKnown = 0, closedWithin = 0;
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
            if (t.ClosedAt is not null || at > t.CloseDueAt)
            {
                closeKnown++;
                closedWithin += t.ClosedWithinSla ? 1 : 0;
            }

            if (t.FirstContactAt is { } first)
            {
                contacted++;
                known++;
                within += first <= t.DueAt ? 1 : 0;
                times.Add(t.TimeToFirstContact!.Value);
            }
            else if (at > t.DueAt)
            {
                known++;
                overdue.Add(t);
            }
        }

        times.Sort();
        return new FollowUpReport(at, total, closed, contacted, known, within, [.. times], [.. overdue.OrderBy(t => t.DueAt).ThenBy(t => t.Id, StringComparer.Ordinal)], closeKnown, closedWithin);
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
        var counts = new long[3, 3];
        foreach (FollowUpResponse[] ordered in Sequences(responses))
        {
            for (int i = 1; i < ordered.Length; i++)
            {
                counts[(int)ordered[i - 1].Category, (int)ordered[i].Category]++;
            }
        }

        return new RecoveryMatrix(counts);
    }

    /// <summary>Each respondent's answers in time order (ties by response id), duplicate ids rejected.</summary>
    internal static IEnumerable<FollowUpResponse[]> Sequences(IEnumerable<FollowUpResponse> responses)
    {
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

        return list.GroupBy(r => r.RespondentId, StringComparer.Ordinal)
            .Select(person => person.OrderBy(r => r.AnsweredAt.UtcTicks).ThenBy(r => r.ResponseId, StringComparer.Ordinal).ToArray());
    }
}

/// <summary>A share of detractor answers that came back in a better category, with its Wilson score interval.</summary>
/// <param name="Recovered">Detractor answers whose next answer reached the target category.</param>
/// <param name="Total">Detractor answers with a next answer in the group.</param>
/// <param name="Lower">The interval's lower bound, 0..1 (0 when <paramref name="Total"/> is 0).</param>
/// <param name="Upper">The interval's upper bound, 0..1 (1 when <paramref name="Total"/> is 0).</param>
/// <param name="Level">The confidence level.</param>
public readonly record struct RecoveryShare(long Recovered, long Total, double Lower, double Upper, double Level)
{
    /// <summary>Gets whether the group has any detractor with a next answer.</summary>
    public bool HasRate => Total > 0;

    /// <summary>Gets <see cref="Recovered"/> / <see cref="Total"/>.</summary>
    /// <exception cref="InvalidOperationException">The group is empty.</exception>
    public double Rate => Total > 0 ? (double)Recovered / Total : throw new InvalidOperationException("No detractor in this group has a later answer, so there is no recovery rate. Check HasRate first.");
}

/// <summary>
/// Did detractors whose loop was closed come back in a better category more often than those whose loop was not? The
/// recovery rate of each group with a Wilson score interval, and their difference with Newcombe's hybrid score interval.
/// </summary>
/// <remarks>
/// <para>Wilson (1927), "Probable inference, the law of succession, and statistical inference", <i>Journal of the
/// American Statistical Association</i> 22(158):209–212, for each share; Newcombe (1998), "Interval estimation for the
/// difference between independent proportions: comparison of eleven methods", <i>Statistics in Medicine</i>
/// 17(8):873–890, method 10, for the difference: L = d − √((p₁ − l₁)² + (u₂ − p₂)²), U = d + √((u₁ − p₁)² + (p₂ − l₂)²).
/// This is an observational comparison: customers whose loop was closed may differ from the others in other ways.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ClosedLoopRecovery
{
    private ClosedLoopRecovery(RecoveryShare closed, RecoveryShare notClosed, NpsCategory target, double level)
    {
        Closed = closed;
        NotClosed = notClosed;
        Target = target;
        Level = level;
        if (closed.HasRate && notClosed.HasRate)
        {
            double p1 = closed.Rate, p2 = notClosed.Rate, d = p1 - p2;
            DifferenceLower = d - Math.Sqrt(((p1 - closed.Lower) * (p1 - closed.Lower)) + ((notClosed.Upper - p2) * (notClosed.Upper - p2)));
            DifferenceUpper = d + Math.Sqrt(((closed.Upper - p1) * (closed.Upper - p1)) + ((p2 - notClosed.Lower) * (p2 - notClosed.Lower)));
        }
    }

    /// <summary>Gets the detractor answers whose follow-up task was closed before the next answer.</summary>
    public RecoveryShare Closed { get; }

    /// <summary>Gets the detractor answers with no task, or a task not closed before the next answer.</summary>
    public RecoveryShare NotClosed { get; }

    /// <summary>Gets the category the next answer had to reach at least (<see cref="NpsCategory.Passive"/>: passive or promoter; or <see cref="NpsCategory.Promoter"/>).</summary>
    public NpsCategory Target { get; }

    /// <summary>Gets the confidence level of the intervals.</summary>
    public double Level { get; }

    /// <summary>Gets whether both groups have a rate, so there is a difference.</summary>
    public bool HasDifference => Closed.HasRate && NotClosed.HasRate;

    /// <summary>Gets the closed group's rate minus the other's.</summary>
    /// <exception cref="InvalidOperationException">A group is empty.</exception>
    public double Difference => HasDifference ? Closed.Rate - NotClosed.Rate : throw new InvalidOperationException("One of the groups has no detractor with a later answer, so there is no difference. Check HasDifference first.");

    /// <summary>Gets the lower bound of Newcombe's interval for <see cref="Difference"/> (valid when <see cref="HasDifference"/>).</summary>
    public double DifferenceLower { get; }

    /// <summary>Gets the upper bound of Newcombe's interval for <see cref="Difference"/> (valid when <see cref="HasDifference"/>).</summary>
    public double DifferenceUpper { get; }

    /// <summary>Splits detractors' next answers by whether their loop was closed.</summary>
    /// <param name="responses">Every response of the respondents (ids unique), in any order.</param>
    /// <param name="tasks">The follow-up tasks; a detractor answer counts as closed-loop when its task was closed before the respondent's next answer.</param>
    /// <param name="target">The category the next answer must reach at least: <see cref="NpsCategory.Passive"/> (recovered; default) or <see cref="NpsCategory.Promoter"/>.</param>
    /// <param name="level">The confidence level, strictly between 0 and 1; 0.95 by default.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">A duplicate response or task id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level or the target is invalid.</exception>
    public static ClosedLoopRecovery From(IEnumerable<FollowUpResponse> responses, IEnumerable<FollowUpTask> tasks, NpsCategory target = NpsCategory.Passive, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(tasks);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be strictly between 0 and 1, e.g. 0.95.");
        }

        if (target is not (NpsCategory.Passive or NpsCategory.Promoter))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "The target must be Passive (passive or promoter) or Promoter.");
        }

        var closedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var taskIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (FollowUpTask t in tasks)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(tasks));
            if (!taskIds.Add(t.Id))
            {
                ThrowHelper.DuplicateId("task id", t.Id, nameof(tasks));
            }

            if (t.ClosedAt is { } c)
            {
                closedAt[t.Response.ResponseId] = c;
            }
        }

        long closedN = 0, closedOk = 0, otherN = 0, otherOk = 0;
        foreach (FollowUpResponse[] ordered in RecoveryMatrix.Sequences(responses))
        {
            for (int i = 1; i < ordered.Length; i++)
            {
                if (ordered[i - 1].Category != NpsCategory.Detractor)
                {
                    continue;
                }

                bool ok = (int)ordered[i].Category >= (int)target;
                if (closedAt.TryGetValue(ordered[i - 1].ResponseId, out DateTimeOffset c) && c <= ordered[i].AnsweredAt)
                {
                    closedN++;
                    closedOk += ok ? 1 : 0;
                }
                else
                {
                    otherN++;
                    otherOk += ok ? 1 : 0;
                }
            }
        }

        double z = Statistics.Internal.Numerics.TwoSidedCritical(level);
        return new ClosedLoopRecovery(Wilson(closedOk, closedN, z, level), Wilson(otherOk, otherN, z, level), target, level);
    }

    /// <summary>Wilson's (1927) score interval for <paramref name="k"/> of <paramref name="n"/>.</summary>
    internal static RecoveryShare Wilson(long k, long n, double z, double level)
    {
        if (n == 0)
        {
            return new RecoveryShare(0, 0, 0, 1, level);
        }

        double p = (double)k / n, z2 = z * z;
        double centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        double half = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return new RecoveryShare(k, n, Math.Max(0, centre - half), Math.Min(1, centre + half), level);
    }
}
