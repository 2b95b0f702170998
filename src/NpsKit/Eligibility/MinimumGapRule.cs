using System.Runtime.CompilerServices;
using NpsKit.Internal;

namespace NpsKit.Eligibility;

/// <summary>
/// A rest period: do not invite again until <see cref="Period"/> has passed since the last invitation, the last
/// response, the last invitation or response, or the last transaction (the clocks are separate; use two rules to watch two).
/// </summary>
/// <remarks>
/// <para>The contact is deferred until <c>last + Period</c> (<see cref="GapBoundary.AtLeast"/>) or until just after it
/// (<see cref="GapBoundary.MoreThan"/>), where <c>last</c> is the latest matching entry of the history — and of the
/// invitations already decided in the same batch. Calendar periods are added in the rule's <see cref="TimeZone"/> (the
/// company's) or, when it has none, the contact's own zone; a contact without a zone is then an error.</para>
/// <para>The seed's rules: "not again within 6 months" is
/// <c>new MinimumGapRule(RestPeriod.Months(6), RestClock.SinceInvitation)</c>; "only ask if it is more than 4 months
/// since the customer's last transaction" is
/// <c>new MinimumGapRule(RestPeriod.Months(4), RestClock.SinceTransaction, GapBoundary.MoreThan)</c>.</para>
/// <para>A contact with no matching entry passes (never invited, never transacted). Immutable and thread-safe.</para>
/// </remarks>
public sealed class MinimumGapRule : EligibilityRule
{
    /// <summary>Creates a rest-period rule of a fixed duration, judged "at least".</summary>
    /// <param name="gap">The minimum time between the last matching entry and a new invitation; positive.</param>
    /// <param name="clock">Which entries start the clock.</param>
    /// <param name="match">Which entries count: any survey (default), the same survey, the same group or the same channel.</param>
    /// <param name="countReminders">Whether reminders start the invitation clock too; <see langword="false"/> by default.</param>
    /// <param name="scope">Which triggers the rule applies to; global by default.</param>
    /// <param name="name">The rule's name; a description is made when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gap"/> is zero or negative, or an enum value is undefined.</exception>
    public MinimumGapRule(TimeSpan gap, RestClock clock = RestClock.SinceInvitation, HistoryMatch match = HistoryMatch.AnySurvey, bool countReminders = false, RuleScope scope = default, string? name = null)
        : this(RequirePositive(gap), clock, GapBoundary.AtLeast, match, countReminders, null, scope, name ?? $"Minimum gap {Words(gap)} since last {ClockWords(clock)} ({match}, {scope})")
    {
    }

    /// <summary>Creates a rest-period rule of a fixed or calendar period with a named boundary.</summary>
    /// <param name="period">The period: <see cref="RestPeriod.Months(int)"/> for calendar months, a <see cref="TimeSpan"/> for a fixed duration; positive.</param>
    /// <param name="clock">Which entries start the clock.</param>
    /// <param name="boundary">"At least" or "more than" the period.</param>
    /// <param name="match">Which entries count.</param>
    /// <param name="countReminders">Whether reminders start the invitation clock too.</param>
    /// <param name="timeZone">The company's zone for calendar months; <see langword="null"/> for the contact's own zone.</param>
    /// <param name="scope">Which triggers the rule applies to.</param>
    /// <param name="name">The rule's name; a description is made when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">The period is not positive, or an enum value is undefined.</exception>
    /// <exception cref="ArgumentException">A transaction clock with <see cref="HistoryMatch.SameSurvey"/> or <see cref="HistoryMatch.SameGroup"/> (transactions belong to no survey).</exception>
    public MinimumGapRule(RestPeriod period, RestClock clock, GapBoundary boundary, HistoryMatch match = HistoryMatch.AnySurvey, bool countReminders = false, TimeZoneInfo? timeZone = null, RuleScope scope = default, string? name = null)
        : base(name ?? $"{(boundary == GapBoundary.MoreThan ? "More than" : "At least")} {period} since last {ClockWords(clock)} ({match}, {scope})", scope)
    {
        if (!period.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The rest period (gap) must be positive: give a duration above zero or at least one calendar month.");
        }

        if (!Enum.IsDefined(clock))
        {
            ThrowHelper.UndefinedEnum(nameof(clock), (int)clock, "SinceInvitation, SinceResponse, SinceTransaction or SinceInvitationOrResponse");
        }

        if (!Enum.IsDefined(boundary))
        {
            ThrowHelper.UndefinedEnum(nameof(boundary), (int)boundary, "AtLeast or MoreThan");
        }

        ValidateMatch(match, nameof(match));
        if (clock == RestClock.SinceTransaction && match is HistoryMatch.SameSurvey or HistoryMatch.SameGroup)
        {
            throw new ArgumentException($"A rest period since the last transaction cannot match {match}: transactions belong to no survey. Use AnySurvey or SameChannel.", nameof(match));
        }

        Period = period;
        Clock = clock;
        Boundary = boundary;
        Match = match;
        CountReminders = countReminders;
        TimeZone = timeZone;
    }

    /// <summary>Gets the period.</summary>
    public RestPeriod Period { get; }

    /// <summary>Gets the minimum gap as a fixed duration.</summary>
    /// <exception cref="InvalidOperationException">The period is in calendar months, which have no fixed length; read <see cref="Period"/>.</exception>
    public TimeSpan Gap => Period.IsCalendar
        ? throw new InvalidOperationException($"Rule '{Name}' has a period of {Period}, which has no fixed length: read Period.")
        : Period.Duration;

    /// <summary>Gets which clock the gap runs on.</summary>
    public RestClock Clock { get; }

    /// <summary>Gets whether the boundary is "at least" or "more than".</summary>
    public GapBoundary Boundary { get; }

    /// <summary>Gets which history entries count.</summary>
    public HistoryMatch Match { get; }

    /// <summary>Gets whether reminders start the invitation clock.</summary>
    public bool CountReminders { get; }

    /// <summary>Gets the company zone calendar months are added in; <see langword="null"/> for the contact's own zone.</summary>
    public TimeZoneInfo? TimeZone { get; }

    internal override string OverrideKey => "gap:" + Clock;

    internal override bool KeepsPassing => true;

    internal override bool NeedsZone => Period.IsCalendar && TimeZone is null;

    internal override bool Check(in EvaluationContext ctx, long t, ref RawFinding finding)
    {
        // The batch's own invitations of this contact come after its history (and exist only when ids may repeat); the
        // scans are calls, skipped for empty spans (the batch's nearly always, and every contact never invited).
        long last = ctx.BatchContact.IsEmpty ? long.MinValue : Last(ctx.BatchContact, in ctx);
        if (last == long.MinValue && !ctx.Events.IsEmpty)
        {
            last = Last(ctx.Events, in ctx);
        }

        if (last == long.MinValue)
        {
            return true;
        }

        long until = Period.AddTo(last, Period.IsCalendar ? ZoneOf(in ctx, TimeZone, "calendar months") : null);
        if (Boundary == GapBoundary.MoreThan)
        {
            until++;
        }

        if (t >= until)
        {
            return true;
        }

        finding.Effect = EligibilityOutcome.Deferred;
        finding.Until = until;
        finding.Since = last;
        return false;
    }

    internal override string Explain(in RawFinding finding, in EvaluationContext ctx) =>
        $"Last {ClockWords(Clock)} ({MatchWords(Match, in ctx)}) was at {When(finding.Since)}; {(Boundary == GapBoundary.MoreThan ? "more than" : "at least")} {Period} must pass, so the contact is eligible from {When(finding.Until)}.";

    private static TimeSpan RequirePositive(TimeSpan gap)
    {
        ThrowHelper.ThrowIfNegativeOrZero(gap, nameof(gap), allowZero: false);
        return gap;
    }

    private static string ClockWords(RestClock clock) => clock switch
    {
        RestClock.SinceResponse => "response",
        RestClock.SinceTransaction => "transaction",
        RestClock.SinceInvitationOrResponse => "invitation or response",
        _ => "invitation",
    };

    private long Last(ReadOnlySpan<ContactEvent> events, in EvaluationContext ctx)
    {
        for (int i = events.Length - 1; i >= 0; i--)
        {
            ref readonly ContactEvent e = ref events[i];
            bool clockEntry = Clock switch
            {
                RestClock.SinceResponse => e.Kind == ContactEventKind.Response,
                RestClock.SinceTransaction => e.Kind == ContactEventKind.Transaction,
                RestClock.SinceInvitationOrResponse => e.Kind == ContactEventKind.Response || IsInvitation(e.Kind, CountReminders),
                _ => IsInvitation(e.Kind, CountReminders),
            };
            if (clockEntry && Matches(in ctx, in e, Match))
            {
                return e.At.UtcTicks;
            }
        }

        return long.MinValue;
    }
}

/// <summary>
/// A frequency cap on one contact: at most <see cref="MaxInvitations"/> invitations within a rolling window or a
/// calendar month, quarter or year (<see cref="Window"/>) — per channel with <see cref="HistoryMatch.SameChannel"/>.
/// </summary>
/// <remarks>Rolling: an invitation at <c>e</c> counts while <c>t &lt; e + window</c>. Calendar: invitations in the local
/// calendar period of <c>t</c> count. Invitations already decided in the same batch count too. When the cap is reached
/// the contact is deferred until enough invitations have left the window. Immutable and thread-safe.</remarks>
public sealed class RollingWindowCapRule : EligibilityRule
{
    /// <summary>Creates a cap.</summary>
    /// <param name="maxInvitations">The most invitations allowed in the window; at least 1.</param>
    /// <param name="window">The window: a <see cref="TimeSpan"/> (rolling) or <see cref="CapWindow.CalendarPeriod"/>.</param>
    /// <param name="match">Which invitations count; any survey by default, <see cref="HistoryMatch.SameChannel"/> for a per-channel cap.</param>
    /// <param name="countReminders">Whether reminders count as invitations; <see langword="false"/> by default.</param>
    /// <param name="scope">Which triggers the rule applies to; global by default.</param>
    /// <param name="name">The rule's name; a description is made when omitted.</param>
    /// <param name="timeZone">The company zone of a calendar window; <see langword="null"/> for the contact's own zone.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1, a window not positive, or an undefined enum value.</exception>
    public RollingWindowCapRule(int maxInvitations, CapWindow window, HistoryMatch match = HistoryMatch.AnySurvey, bool countReminders = false, RuleScope scope = default, string? name = null, TimeZoneInfo? timeZone = null)
        : base(name ?? $"At most {maxInvitations} invitations per {window} ({match}, {scope})", scope)
    {
        if (maxInvitations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxInvitations), maxInvitations, $"maxInvitations is {maxInvitations}: a cap allows at least 1 invitation per window.");
        }

        RequireWindow(window);
        ValidateMatch(match, nameof(match));
        MaxInvitations = maxInvitations;
        Window = window;
        Match = match;
        CountReminders = countReminders;
        TimeZone = timeZone;
    }

    /// <summary>Gets the most invitations allowed in the window.</summary>
    public int MaxInvitations { get; }

    /// <summary>Gets the window.</summary>
    public CapWindow Window { get; }

    /// <summary>Gets which invitations count.</summary>
    public HistoryMatch Match { get; }

    /// <summary>Gets whether reminders count.</summary>
    public bool CountReminders { get; }

    /// <summary>Gets the company zone of a calendar window; <see langword="null"/> for the contact's own zone.</summary>
    public TimeZoneInfo? TimeZone { get; }

    internal override string OverrideKey => "cap";

    internal override bool KeepsPassing => true;

    internal override bool NeedsZone => Window.IsCalendar && TimeZone is null;

    internal override bool Check(in EvaluationContext ctx, long t, ref RawFinding finding) =>
        NothingToCount(ctx.Events, ctx.BatchContact, in ctx)
        || CheckCap(ctx.Events, ctx.BatchContact, in ctx, Match, CountReminders, MaxInvitations, Window, TimeZone, t, ref finding);

    internal override string Explain(in RawFinding finding, in EvaluationContext ctx) => Window.IsCalendar
        ? $"{finding.Count} invitations ({MatchWords(Match, in ctx)}) in the {Window} from {When(finding.Since)} reach the cap of {MaxInvitations}; the next period starts at {When(finding.Until)}."
        : $"{finding.Count} invitations ({MatchWords(Match, in ctx)}) in the last {Window} reach the cap of {MaxInvitations}; the invitation of {When(finding.Since)} leaves the window at {When(finding.Until)}.";

    internal static void RequireWindow(CapWindow window)
    {
        if (!window.IsCalendar && window.Rolling <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "A cap window must be a positive duration or a calendar period.");
        }
    }
}

/// <summary>
/// A B2B rule on the contact's account: at most <see cref="MaxInvitations"/> invitations to anyone in the account
/// within a rolling window or a calendar period ("at most one contact per account per calendar quarter" is
/// <c>new AccountCapRule(1, CapWindow.CalendarPeriod(CalendarUnit.Quarter))</c>).
/// </summary>
/// <remarks>
/// <para>The rule reads the account history passed with the request (<see cref="EligibilityRequest.AccountHistory"/>)
/// and the invitations already decided for the account in the same batch. It passes for contacts without an
/// <see cref="Contact.AccountId"/>; for an account member whose request carries no account history it <b>fails closed</b>:
/// the decision throws an <see cref="ArgumentException"/> naming the contact, the account and the rule (pass
/// <see cref="ContactHistory.Empty"/> for an account never invited).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class AccountCapRule : EligibilityRule
{
    /// <summary>Creates an account rule.</summary>
    /// <param name="maxInvitations">The most invitations per account in the window; at least 1.</param>
    /// <param name="window">The window (the gap, for a cap of 1): a <see cref="TimeSpan"/> or a calendar period.</param>
    /// <param name="countReminders">Whether reminders count; <see langword="false"/> by default.</param>
    /// <param name="scope">Which triggers the rule applies to; global by default.</param>
    /// <param name="name">The rule's name; a description is made when omitted.</param>
    /// <param name="match">Which of the account's invitations count: any survey by default, <see cref="HistoryMatch.SameChannel"/> for a per-channel account cap.</param>
    /// <param name="timeZone">The company zone of a calendar window; <see langword="null"/> for the contact's own zone.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1 or a window not positive.</exception>
    public AccountCapRule(int maxInvitations, CapWindow window, bool countReminders = false, RuleScope scope = default, string? name = null, HistoryMatch match = HistoryMatch.AnySurvey, TimeZoneInfo? timeZone = null)
        : base(name ?? $"At most {maxInvitations} invitations per account per {window} ({(match == HistoryMatch.AnySurvey ? string.Empty : match + ", ")}{scope})", scope)
    {
        if (maxInvitations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxInvitations), maxInvitations, $"maxInvitations is {maxInvitations}: an account cap allows at least 1 invitation per window.");
        }

        RollingWindowCapRule.RequireWindow(window);
        ValidateMatch(match, nameof(match));
        MaxInvitations = maxInvitations;
        Window = window;
        CountReminders = countReminders;
        Match = match;
        TimeZone = timeZone;
    }

    /// <summary>Gets the most invitations per account in the window.</summary>
    public int MaxInvitations { get; }

    /// <summary>Gets the window.</summary>
    public CapWindow Window { get; }

    /// <summary>Gets whether reminders count.</summary>
    public bool CountReminders { get; }

    /// <summary>Gets which of the account's invitations count.</summary>
    public HistoryMatch Match { get; }

    /// <summary>Gets the company zone of a calendar window; <see langword="null"/> for the contact's own zone.</summary>
    public TimeZoneInfo? TimeZone { get; }

    internal override string OverrideKey => "account-cap";

    internal override bool KeepsPassing => true;

    internal override bool NeedsZone => Window.IsCalendar && TimeZone is null;

    internal override bool Check(in EvaluationContext ctx, long t, ref RawFinding finding)
    {
        if (ctx.Contact.AccountId is not { } account)
        {
            return true;
        }

        if (ctx.AccountHistory is null)
        {
            ThrowHelper.NoAccountHistory(ctx.Contact.Id, account, Name);
        }

        ReadOnlySpan<ContactEvent> history = ctx.AccountHistory.Span;
        return NothingToCount(history, ctx.BatchAccount, in ctx)
            || CheckCap(history, ctx.BatchAccount, in ctx, Match, CountReminders, MaxInvitations, Window, TimeZone, t, ref finding);
    }

    internal override string Explain(in RawFinding finding, in EvaluationContext ctx) => Window.IsCalendar
        ? $"Account '{ctx.Contact.AccountId}' had {finding.Count} invitation(s) in the {Window} from {When(finding.Since)} (cap {MaxInvitations}, decisions earlier in this batch included); the next period starts at {When(finding.Until)}."
        : $"Account '{ctx.Contact.AccountId}' had {finding.Count} invitation(s) in the last {Window} (cap {MaxInvitations}, decisions earlier in this batch included); the one of {When(finding.Since)} leaves the window at {When(finding.Until)}.";
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    internal override bool KeepsPassing => true;

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

    internal override bool KeepsPassing => true;

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
