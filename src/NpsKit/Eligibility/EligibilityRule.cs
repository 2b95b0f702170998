using System.Globalization;
using System.Runtime.CompilerServices;
using NpsKit.Internal;

namespace NpsKit.Eligibility;

/// <summary>
/// One rule of an <see cref="EligibilityPolicy"/>. The concrete rules are <see cref="MinimumGapRule"/>,
/// <see cref="RollingWindowCapRule"/>, <see cref="AccountCapRule"/>, <see cref="TriggerTimingRule"/>,
/// <see cref="MinimumTenureRule"/>, <see cref="ConsentRule"/>, <see cref="QuietHoursRule"/> and <see cref="AttributeRule"/>.
/// </summary>
/// <remarks>
/// <para>A rule looks at a contact, its history, the trigger and an instant, and either passes, defers the
/// invitation until a later instant, or blocks it for this trigger. Rules are pure and never see scores.</para>
/// <para>Every rule answers "does the contact pass at instant t?" so that once it passes because of time it keeps
/// passing (rest periods, caps, delays, tenure) or it names the next instant it passes (quiet hours). That is what
/// makes <see cref="EligibilityDecision.NextEligibleAt"/> exact.</para>
/// <para>Rules are immutable and thread-safe.</para>
/// </remarks>
public abstract class EligibilityRule
{
    private protected static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private protected EligibilityRule(string name, RuleScope scope)
    {
        ThrowHelper.ThrowIfNullOrEmpty(name, nameof(name));
        Name = name;
        Scope = scope;
    }

    /// <summary>Gets the rule's name: it identifies the rule in decisions and summaries and must be unique in a policy.</summary>
    public string Name { get; }

    /// <summary>Gets which triggers the rule applies to.</summary>
    public RuleScope Scope { get; }

    /// <summary>Gets the kind key rules override each other by under <see cref="RulePrecedence.MostSpecificWins"/>.</summary>
    internal abstract string OverrideKey { get; }

    /// <summary>Describes the rule.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    /// <summary>Gets whether the rule reads the contact's own time zone (no company zone of its own).</summary>
    internal virtual bool NeedsZone => false;

    /// <summary>Gets the zone the rule uses for contacts without one, when it has such a policy fallback.</summary>
    internal virtual TimeZoneInfo? FallbackZone => null;

    /// <summary>Gets whether the rule, once it passes at an instant for a request, passes at every later instant for the
    /// same request (every history entry and batch invitation lies at or before "now"): rest periods, caps in rolling and
    /// calendar windows, tenure and consent do; trigger expiry and quiet hours do not. The engine then skips the rule at
    /// later candidate instants of the same decision, which changes no result.</summary>
    internal virtual bool KeepsPassing => false;

    /// <summary>Checks the rule at instant <paramref name="t"/> (UTC ticks); fills <paramref name="finding"/> when it fails.</summary>
    internal abstract bool Check(in EvaluationContext ctx, long t, ref RawFinding finding);

    /// <summary>The reason in words for a finding this rule produced.</summary>
    internal abstract string Explain(in RawFinding finding, in EvaluationContext ctx);

    private protected static string When(long ticks) =>
        new DateTimeOffset(ticks, TimeSpan.Zero).ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);

    private protected static string Words(TimeSpan span) => DurationWords(span);

    /// <summary>A duration in words: <c>182 days</c>, <c>12 hours</c>.</summary>
    internal static string DurationWords(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerDay == 0)
        {
            long days = span.Ticks / TimeSpan.TicksPerDay;
            return days == 1 ? "1 day" : days.ToString(Invariant) + " days";
        }

        if (span.Ticks % TimeSpan.TicksPerHour == 0)
        {
            long hours = span.Ticks / TimeSpan.TicksPerHour;
            return hours == 1 ? "1 hour" : hours.ToString(Invariant) + " hours";
        }

        return span.TotalMinutes.ToString("0.##", Invariant) + " minutes";
    }

    private protected static string MatchWords(HistoryMatch match, in EvaluationContext ctx) => match switch
    {
        HistoryMatch.SameSurvey => $"survey '{ctx.Trigger.SurveyId}'",
        HistoryMatch.SameGroup => ctx.TriggerGroup >= 0 ? $"survey group '{ctx.Policy.GroupName(ctx.TriggerGroup)}'" : $"survey '{ctx.Trigger.SurveyId}'",
        HistoryMatch.SameChannel => $"channel {ctx.Trigger.Channel}",
        _ => "any survey",
    };

    private protected static bool Matches(in EvaluationContext ctx, in ContactEvent e, HistoryMatch match) => match switch
    {
        _ when e.Kind == ContactEventKind.Transaction => match is HistoryMatch.AnySurvey || (match is HistoryMatch.SameChannel && e.Channel == ctx.Trigger.Channel),
        HistoryMatch.AnySurvey => true,
        HistoryMatch.SameSurvey => string.Equals(e.SurveyId, ctx.Trigger.SurveyId, StringComparison.Ordinal),
        HistoryMatch.SameChannel => e.Channel == ctx.Trigger.Channel,
        _ => ctx.TriggerGroup >= 0
            ? ctx.Policy.GroupOf(e.SurveyId) == ctx.TriggerGroup
            : string.Equals(e.SurveyId, ctx.Trigger.SurveyId, StringComparison.Ordinal),
    };

    private protected static bool IsInvitation(ContactEventKind kind, bool countReminders) =>
        kind == ContactEventKind.Invitation || (countReminders && kind == ContactEventKind.Reminder);

    private protected static void ValidateMatch(HistoryMatch match, string paramName)
    {
        if (!Enum.IsDefined(match))
        {
            ThrowHelper.UndefinedEnum(paramName, (int)match, "AnySurvey, SameSurvey, SameGroup or SameChannel");
        }
    }

    /// <summary>The zone a rule computes calendar periods in: the rule's own (the company's) zone, else the contact's;
    /// a contact without a zone under a rule without one is an error, never silent UTC.</summary>
    private protected TimeZoneInfo ZoneOf(in EvaluationContext ctx, TimeZoneInfo? ruleZone, string what)
    {
        if (ruleZone is not null)
        {
            return ruleZone;
        }

        return ctx.Contact.TimeZone ?? throw new ArgumentException(
            $"Contact '{ctx.Contact.Id}' has no time zone, and rule '{Name}' computes {what} in the contact's time zone: give the contact a zone (Contact.WithTimeZone) or give the rule a company zone. NpsKit does not assume UTC.",
            "request");
    }

    /// <summary>Whether an entry counts as an invitation for a cap.</summary>
    private protected static bool Counts(in EvaluationContext ctx, in ContactEvent e, HistoryMatch match, bool countReminders) =>
        IsInvitation(e.Kind, countReminders) && Matches(in ctx, in e, match);

    /// <summary>Whether a cap has nothing to count — no history and no invitation earlier in the batch, the usual case
    /// for an account never invited — and can pass at once; a rule that computes its window in the contact's zone
    /// (<see cref="NeedsZone"/>) still needs that zone, whose absence is an error whatever the history. Tested by the
    /// rules before the scan, whose inlined setup costs more than the test.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected bool NothingToCount(ReadOnlySpan<ContactEvent> history, ReadOnlySpan<ContactEvent> batch, in EvaluationContext ctx) =>
        history.IsEmpty && batch.IsEmpty && (!NeedsZone || ctx.Contact.TimeZone is not null);

    /// <summary>The instant just before a calendar window begins (entries after it count) and the window's end; out of line,
    /// as the rarer case, so that the rolling case inlined into the per-contact loop stays small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long CalendarFrom(CapWindow window, long t, in EvaluationContext ctx, TimeZoneInfo? ruleZone, out long periodEnd)
    {
        window.Bounds(t, ZoneOf(in ctx, ruleZone, "a " + window), out long start, out periodEnd);
        return start - 1; // entries at or after the period's first instant count
    }

    /// <summary>Checks a cap over the history and the invitations already decided in the same batch (all at or before
    /// <paramref name="t"/>, after the history), in a rolling or calendar window; when the cap is reached, the instant it
    /// is no longer reached.</summary>
    private protected bool CheckCap(
        ReadOnlySpan<ContactEvent> history, ReadOnlySpan<ContactEvent> batch, in EvaluationContext ctx, HistoryMatch match, bool countReminders, int max, CapWindow window, TimeZoneInfo? ruleZone, long t, ref RawFinding finding)
    {
        long from, periodEnd = 0;
        if (window.IsCalendar)
        {
            from = CalendarFrom(window, t, in ctx, ruleZone, out periodEnd);
        }
        else
        {
            from = t - window.Rolling.Ticks;
        }

        int count = 0;
        for (int i = batch.Length - 1; i >= 0; i--)
        {
            long at = batch[i].At.UtcTicks;
            if (at > from && at <= t && Counts(in ctx, in batch[i], match, countReminders))
            {
                count++;
            }
        }

        for (int i = history.Length - 1; i >= 0; i--)
        {
            long at = history[i].At.UtcTicks;
            if (at <= from)
            {
                break;
            }

            if (at <= t && Counts(in ctx, in history[i], match, countReminders))
            {
                count++;
            }
        }

        if (count < max)
        {
            return true;
        }

        finding.Effect = EligibilityOutcome.Deferred;
        finding.Count = count;
        if (window.IsCalendar)
        {
            finding.Until = periodEnd;
            finding.Since = from + 1;
            return false;
        }

        // The (count - max + 1)-th oldest invitation in the window must leave it: find it scanning forward.
        int needed = count - max + 1;
        long leaving = 0;
        int seen = 0;
        for (int i = 0; i < history.Length && seen < needed; i++)
        {
            long at = history[i].At.UtcTicks;
            if (at > from && at <= t && Counts(in ctx, in history[i], match, countReminders) && ++seen == needed)
            {
                leaving = at;
            }
        }

        for (int i = 0; i < batch.Length && seen < needed; i++)
        {
            long at = batch[i].At.UtcTicks;
            if (at > from && at <= t && Counts(in ctx, in batch[i], match, countReminders) && ++seen == needed)
            {
                leaving = at;
            }
        }

        finding.Until = leaving + window.Rolling.Ticks;
        finding.Since = leaving;
        return false;
    }
}
