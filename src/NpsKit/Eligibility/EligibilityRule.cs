using System.Globalization;
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

    /// <summary>Checks the rule at instant <paramref name="t"/> (UTC ticks); fills <paramref name="finding"/> when it fails.</summary>
    internal abstract bool Check(in EvaluationContext ctx, long t, ref RawFinding finding);

    /// <summary>The reason in words for a finding this rule produced.</summary>
    internal abstract string Explain(in RawFinding finding, in EvaluationContext ctx);

    private protected static string When(long ticks) =>
        new DateTimeOffset(ticks, TimeSpan.Zero).ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);

    private protected static string Words(TimeSpan span)
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

    /// <summary>Counts matching invitations in (t − window, t] and, when at least <paramref name="max"/>, the instant the
    /// count drops below it.</summary>
    private protected static bool CheckCap(
        ReadOnlySpan<ContactEvent> events, in EvaluationContext ctx, HistoryMatch match, bool countReminders, int max, long window, long t, ref RawFinding finding)
    {
        long from = t - window;
        int count = 0;
        for (int i = events.Length - 1; i >= 0; i--)
        {
            long at = events[i].At.UtcTicks;
            if (at <= from)
            {
                break;
            }

            if (at <= t && IsInvitation(events[i].Kind, countReminders) && Matches(in ctx, in events[i], match))
            {
                count++;
            }
        }

        if (count < max)
        {
            return true;
        }

        // The (count - max + 1)-th oldest invitation in the window must leave it: find it scanning forward.
        int needed = count - max + 1;
        long leaving = 0;
        for (int i = 0, seen = 0; i < events.Length; i++)
        {
            long at = events[i].At.UtcTicks;
            if (at > from && at <= t && IsInvitation(events[i].Kind, countReminders) && Matches(in ctx, in events[i], match) && ++seen == needed)
            {
                leaving = at;
                break;
            }
        }

        finding.Effect = EligibilityOutcome.Deferred;
        finding.Until = leaving + window;
        finding.Since = leaving;
        finding.Count = count;
        return false;
    }
}
