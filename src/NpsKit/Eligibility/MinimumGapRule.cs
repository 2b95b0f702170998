using NpsKit.Internal;

namespace NpsKit.Eligibility;

/// <summary>
/// A rest period: do not invite again until <see cref="Gap"/> has passed since the last invitation, or since the
/// last response (the two clocks are separate; use two rules to watch both).
/// </summary>
/// <remarks>
/// <para>The contact is deferred until <c>last + Gap</c>, where <c>last</c> is the latest matching history entry.
/// Example: a web shop's "never ask the same customer twice within 6 months" is
/// <c>new MinimumGapRule(TimeSpan.FromDays(182), RestClock.SinceInvitation)</c>; "only ask if the last survey is
/// more than 4 months ago" is <c>new MinimumGapRule(TimeSpan.FromDays(122), RestClock.SinceResponse)</c>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class MinimumGapRule : EligibilityRule
{
    /// <summary>Creates a rest-period rule.</summary>
    /// <param name="gap">The minimum time between the last matching entry and a new invitation; positive.</param>
    /// <param name="clock">Which entries start the clock: invitations or responses.</param>
    /// <param name="match">Which entries count: any survey (default), the same survey, the same group or the same channel.</param>
    /// <param name="countReminders">Whether reminders start the invitation clock too; <see langword="false"/> by default.</param>
    /// <param name="scope">Which triggers the rule applies to; global by default.</param>
    /// <param name="name">The rule's name; a description is made when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gap"/> is zero or negative, or an enum value is undefined.</exception>
    public MinimumGapRule(TimeSpan gap, RestClock clock = RestClock.SinceInvitation, HistoryMatch match = HistoryMatch.AnySurvey, bool countReminders = false, RuleScope scope = default, string? name = null)
        : base(name ?? $"Minimum gap {Words(gap)} since last {(clock == RestClock.SinceResponse ? "response" : "invitation")} ({match}, {scope})", scope)
    {
        ThrowHelper.ThrowIfNegativeOrZero(gap, nameof(gap), allowZero: false);
        if (!Enum.IsDefined(clock))
        {
            ThrowHelper.UndefinedEnum(nameof(clock), (int)clock, "SinceInvitation or SinceResponse");
        }

        ValidateMatch(match, nameof(match));
        Gap = gap;
        Clock = clock;
        Match = match;
        CountReminders = countReminders;
    }

    /// <summary>Gets the minimum gap.</summary>
    public TimeSpan Gap { get; }

    /// <summary>Gets which clock the gap runs on.</summary>
    public RestClock Clock { get; }

    /// <summary>Gets which history entries count.</summary>
    public HistoryMatch Match { get; }

    /// <summary>Gets whether reminders start the invitation clock.</summary>
    public bool CountReminders { get; }

    internal override string OverrideKey => "gap:" + Clock;

    internal override bool Check(in EvaluationContext ctx, long t, ref RawFinding finding)
    {
        ReadOnlySpan<ContactEvent> events = ctx.Events;
        for (int i = events.Length - 1; i >= 0; i--)
        {
            ref readonly ContactEvent e = ref events[i];
            bool clockEntry = Clock == RestClock.SinceResponse ? e.Kind == ContactEventKind.Response : IsInvitation(e.Kind, CountReminders);
            if (!clockEntry || !Matches(in ctx, in e, Match))
            {
                continue;
            }

            long last = e.At.UtcTicks;
            long until = last + Gap.Ticks;
            if (t >= until)
            {
                return true;
            }

            finding.Effect = EligibilityOutcome.Deferred;
            finding.Until = until;
            finding.Since = last;
            return false;
        }

        return true;
    }

    internal override string Explain(in RawFinding finding, in EvaluationContext ctx) =>
        $"Last {(Clock == RestClock.SinceResponse ? "response" : "invitation")} ({MatchWords(Match, in ctx)}) was at {When(finding.Since)}; the rest period of {Words(Gap)} ends at {When(finding.Until)}.";
}

/// <summary>
/// A frequency cap: at most <see cref="MaxInvitations"/> invitations within any rolling <see cref="Window"/>.
/// </summary>
/// <remarks>An invitation at instant <c>e</c> counts while <c>t &lt; e + Window</c>. When the cap is reached the
/// contact is deferred until enough invitations have left the window. Immutable and thread-safe.</remarks>
public sealed class RollingWindowCapRule : EligibilityRule
{
    /// <summary>Creates a cap.</summary>
    /// <param name="maxInvitations">The most invitations allowed in the window; at least 1.</param>
    /// <param name="window">The window's length; positive.</param>
    /// <param name="match">Which invitations count; any survey by default.</param>
    /// <param name="countReminders">Whether reminders count as invitations; <see langword="false"/> by default.</param>
    /// <param name="scope">Which triggers the rule applies to; global by default.</param>
    /// <param name="name">The rule's name; a description is made when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1, a window not positive, or an undefined enum value.</exception>
    public RollingWindowCapRule(int maxInvitations, TimeSpan window, HistoryMatch match = HistoryMatch.AnySurvey, bool countReminders = false, RuleScope scope = default, string? name = null)
        : base(name ?? $"At most {maxInvitations} invitations per {Words(window)} ({match}, {scope})", scope)
    {
        if (maxInvitations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxInvitations), maxInvitations, $"maxInvitations is {maxInvitations}: a cap allows at least 1 invitation per window.");
        }

        ThrowHelper.ThrowIfNegativeOrZero(window, nameof(window), allowZero: false);
        ValidateMatch(match, nameof(match));
        MaxInvitations = maxInvitations;
        Window = window;
        Match = match;
        CountReminders = countReminders;
    }

    /// <summary>Gets the most invitations allowed in the window.</summary>
    public int MaxInvitations { get; }

    /// <summary>Gets the window's length.</summary>
    public TimeSpan Window { get; }

    /// <summary>Gets which invitations count.</summary>
    public HistoryMatch Match { get; }

    /// <summary>Gets whether reminders count.</summary>
    public bool CountReminders { get; }

    internal override string OverrideKey => "cap";

    internal override bool Check(in EvaluationContext ctx, long t, ref RawFinding finding) =>
        CheckCap(ctx.Events, in ctx, Match, CountReminders, MaxInvitations, Window.Ticks, t, ref finding);

    internal override string Explain(in RawFinding finding, in EvaluationContext ctx) =>
        $"{finding.Count} invitations ({MatchWords(Match, in ctx)}) in the last {Words(Window)} reach the cap of {MaxInvitations}; the invitation of {When(finding.Since)} leaves the window at {When(finding.Until)}.";
}

/// <summary>
/// A B2B rule on the contact's account: at most <see cref="MaxInvitations"/> invitations to anyone in the account
/// within a rolling <see cref="Window"/> ("at most one contact per account per quarter" is <c>new AccountCapRule(1, TimeSpan.FromDays(91))</c>).
/// </summary>
/// <remarks>The rule reads the account history passed with the request (<see cref="EligibilityRequest.AccountHistory"/>);
/// it passes for contacts without an <see cref="Contact.AccountId"/> and when no account history is given. Immutable and thread-safe.</remarks>
public sealed class AccountCapRule : EligibilityRule
{
    /// <summary>Creates an account rule.</summary>
    /// <param name="maxInvitations">The most invitations per account in the window; at least 1.</param>
    /// <param name="window">The window (the gap, for a cap of 1); positive.</param>
    /// <param name="countReminders">Whether reminders count; <see langword="false"/> by default.</param>
    /// <param name="scope">Which triggers the rule applies to; global by default.</param>
    /// <param name="name">The rule's name; a description is made when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1 or a window not positive.</exception>
    public AccountCapRule(int maxInvitations, TimeSpan window, bool countReminders = false, RuleScope scope = default, string? name = null)
        : base(name ?? $"At most {maxInvitations} invitations per account per {Words(window)} ({scope})", scope)
    {
        if (maxInvitations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxInvitations), maxInvitations, $"maxInvitations is {maxInvitations}: an account cap allows at least 1 invitation per window.");
        }

        ThrowHelper.ThrowIfNegativeOrZero(window, nameof(window), allowZero: false);
        MaxInvitations = maxInvitations;
        Window = window;
        CountReminders = countReminders;
    }

    /// <summary>Gets the most invitations per account in the window.</summary>
    public int MaxInvitations { get; }

    /// <summary>Gets the window's length.</summary>
    public TimeSpan Window { get; }

    /// <summary>Gets whether reminders count.</summary>
    public bool CountReminders { get; }

    internal override string OverrideKey => "account-cap";

    internal override bool Check(in EvaluationContext ctx, long t, ref RawFinding finding)
    {
        if (ctx.Contact.AccountId is null || ctx.AccountHistory is null)
        {
            return true;
        }

        return CheckCap(ctx.AccountHistory.Span, in ctx, HistoryMatch.AnySurvey, CountReminders, MaxInvitations, Window.Ticks, t, ref finding);
    }

    internal override string Explain(in RawFinding finding, in EvaluationContext ctx) =>
        $"Account '{ctx.Contact.AccountId}' had {finding.Count} invitation(s) in the last {Words(Window)} (cap {MaxInvitations}); the one of {When(finding.Since)} leaves the window at {When(finding.Until)}.";
}

/// <summary>
/// When to send relative to the touchpoint: not before <see cref="Delay"/> after it (send one day or one week after
/// the purchase), and not at all when more than <see cref="Expiry"/> late.
/// </summary>
/// <remarks>Before <c>trigger + Delay</c> the contact is deferred; after <c>trigger + Delay + Expiry</c> the trigger
/// has expired and the contact is blocked for it. Any other rule that defers past the expiry therefore turns the
/// decision into Blocked. Immutable and thread-safe.</remarks>
public sealed class TriggerTimingRule : EligibilityRule
{
    /// <summary>Creates a timing rule.</summary>
    /// <param name="delay">The wait after the touchpoint; zero or positive.</param>
    /// <param name="expiry">How late a send may still be, counted from <c>trigger + delay</c>; <see langword="null"/> for never.</param>
    /// <param name="scope">Which triggers the rule applies to; global by default.</param>
    /// <param name="name">The rule's name; a description is made when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative or <paramref name="expiry"/> is negative.</exception>
    public TriggerTimingRule(TimeSpan delay, TimeSpan? expiry = null, RuleScope scope = default, string? name = null)
        : base(name ?? $"Send {Words(delay)} after the touchpoint{(expiry is { } x ? $", at most {Words(x)} late" : string.Empty)} ({scope})", scope)
    {
        ThrowHelper.ThrowIfNegativeOrZero(delay, nameof(delay), allowZero: true);
        if (expiry is { } e)
        {
            ThrowHelper.ThrowIfNegativeOrZero(e, nameof(expiry), allowZero: true);
        }

        Delay = delay;
        Expiry = expiry;
    }

    /// <summary>Gets the wait after the touchpoint.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Gets how late a send may be; <see langword="null"/> when the trigger never expires.</summary>
    public TimeSpan? Expiry { get; }

    internal override string OverrideKey => "timing";

    internal override bool Check(in EvaluationContext ctx, long t, ref RawFinding finding)
    {
        long notBefore = ctx.Trigger.OccurredAt.UtcTicks + Delay.Ticks;
        if (t < notBefore)
        {
            finding.Effect = EligibilityOutcome.Deferred;
            finding.Until = notBefore;
            finding.Since = ctx.Trigger.OccurredAt.UtcTicks;
            return false;
        }

        if (Expiry is { } expiry && t > notBefore + expiry.Ticks)
        {
            finding.Effect = EligibilityOutcome.Blocked;
            finding.Since = notBefore + expiry.Ticks;
            finding.Count = t;
            return false;
        }

        return true;
    }

    internal override string Explain(in RawFinding finding, in EvaluationContext ctx) =>
        finding.Effect == EligibilityOutcome.Deferred
            ? $"The touchpoint '{ctx.Trigger.Touchpoint}' was at {When(finding.Since)}; invitations go out {Words(Delay)} later, at {When(finding.Until)}."
            : $"The trigger expired at {When(finding.Since)} ({Words(Expiry!.Value)} after the planned send); the earliest possible send was {When(finding.Count)}.";
}

/// <summary>Only ask customers whose first transaction or signup (<see cref="Contact.FirstSeenAt"/>) is at least <see cref="Tenure"/> ago.</summary>
/// <remarks>Contacts with an unknown first-seen time are blocked, with that reason. Immutable and thread-safe.</remarks>
public sealed class MinimumTenureRule : EligibilityRule
{
    /// <summary>Creates a tenure rule.</summary>
    /// <param name="tenure">The minimum tenure; zero or positive.</param>
    /// <param name="scope">Which triggers the rule applies to; global by default.</param>
    /// <param name="name">The rule's name; a description is made when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tenure"/> is negative.</exception>
    public MinimumTenureRule(TimeSpan tenure, RuleScope scope = default, string? name = null)
        : base(name ?? $"Customer for at least {Words(tenure)} ({scope})", scope)
    {
        ThrowHelper.ThrowIfNegativeOrZero(tenure, nameof(tenure), allowZero: true);
        Tenure = tenure;
    }

    /// <summary>Gets the minimum tenure.</summary>
    public TimeSpan Tenure { get; }

    internal override string OverrideKey => "tenure";

    internal override bool Check(in EvaluationContext ctx, long t, ref RawFinding finding)
    {
        if (ctx.Contact.FirstSeenAt is not { } first)
        {
            finding.Effect = EligibilityOutcome.Blocked;
            finding.Since = long.MinValue;
            return false;
        }

        long until = first.UtcTicks + Tenure.Ticks;
        if (t >= until)
        {
            return true;
        }

        finding.Effect = EligibilityOutcome.Deferred;
        finding.Until = until;
        finding.Since = first.UtcTicks;
        return false;
    }

    internal override string Explain(in RawFinding finding, in EvaluationContext ctx) =>
        finding.Effect == EligibilityOutcome.Blocked
            ? $"The contact's first transaction or signup is unknown (FirstSeenAt not set), so a tenure of {Words(Tenure)} cannot be shown."
            : $"The contact became a customer at {When(finding.Since)}; a tenure of {Words(Tenure)} is reached at {When(finding.Until)}.";
}

/// <summary>
/// Opt-outs and do-not-contact: blocks contacts flagged <see cref="Contact.DoNotContact"/>, contacts who opted out of
/// the trigger's channel, and contacts with no address on it.
/// </summary>
/// <remarks>Every policy holds a consent rule: <see cref="EligibilityPolicy.From(RulePrecedence, IEnumerable{EligibilityRule}, IEnumerable{SurveyGroup})"/>
/// adds <see cref="Default"/> when none is given. Immutable and thread-safe.</remarks>
public sealed class ConsentRule : EligibilityRule
{
    private const long DoNotContactCode = 1;
    private const long OptedOutCode = 2;
    private const long UnreachableCode = 3;

    /// <summary>Creates a consent rule.</summary>
    /// <param name="scope">Which triggers the rule applies to; global by default.</param>
    /// <param name="name">The rule's name; "Consent" when omitted.</param>
    public ConsentRule(RuleScope scope = default, string? name = null)
        : base(name ?? "Consent", scope)
    {
    }

    /// <summary>Gets the global consent rule named "Consent".</summary>
    public static ConsentRule Default { get; } = new();

    internal override string OverrideKey => "consent";

    internal override bool Check(in EvaluationContext ctx, long t, ref RawFinding finding)
    {
        Contact c = ctx.Contact;
        ContactChannel channel = ctx.Trigger.Channel;
        long code = c.DoNotContact ? DoNotContactCode
            : (c.OptedOut & channel) != 0 ? OptedOutCode
            : (c.Reachable & channel) == 0 ? UnreachableCode
            : 0;
        if (code == 0)
        {
            return true;
        }

        finding.Effect = EligibilityOutcome.Blocked;
        finding.Count = code;
        return false;
    }

    internal override string Explain(in RawFinding finding, in EvaluationContext ctx) => finding.Count switch
    {
        DoNotContactCode => "The contact is on the do-not-contact list (all channels).",
        OptedOutCode => $"The contact opted out of {ctx.Trigger.Channel}.",
        _ => $"The contact has no {ctx.Trigger.Channel} address.",
    };
}
