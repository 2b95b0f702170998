namespace NpsKit.Eligibility;

/// <summary>The three answers the eligibility engine gives.</summary>
public enum EligibilityOutcome
{
    /// <summary>The invitation may be sent now.</summary>
    Eligible = 0,

    /// <summary>The invitation may be sent later, at <see cref="EligibilityDecision.NextEligibleAt"/>, if nothing else changes.</summary>
    Deferred = 1,

    /// <summary>The invitation must never be sent for this trigger.</summary>
    Blocked = 2,
}

/// <summary>One rule that blocked or deferred a contact, with its reason in words.</summary>
/// <remarks>
/// <para>The reason is put into words when <see cref="Reason"/> is read, not when the decision is made, so deciding
/// millions of contacts does not pay for sentences nobody reads. Reading it twice builds the string twice.</para>
/// <para>An immutable value; thread-safe. Equal findings name the same rule, effect and instants.</para>
/// </remarks>
public readonly struct EligibilityFinding : IEquatable<EligibilityFinding>
{
    private readonly DecisionSource? _source;
    private readonly EligibilityRule? _rule;
    private readonly RawFinding _raw;

    internal EligibilityFinding(DecisionSource source, EligibilityRule rule, in RawFinding raw)
    {
        _source = source;
        _rule = rule;
        _raw = raw;
    }

    /// <summary>Gets the rule's <see cref="EligibilityRule.Name"/>; empty for <c>default</c>.</summary>
    public string RuleName => _rule?.Name ?? string.Empty;

    /// <summary>Gets the rule itself; <see langword="null"/> for <c>default</c>.</summary>
    public EligibilityRule? Rule => _rule;

    /// <summary>Gets <see cref="EligibilityOutcome.Blocked"/> or <see cref="EligibilityOutcome.Deferred"/>.</summary>
    public EligibilityOutcome Effect => _raw.Effect;

    /// <summary>Gets, for a deferral, the instant (UTC) this rule alone would stop deferring; <see langword="null"/> for a block.</summary>
    public DateTimeOffset? Until => _rule is not null && _raw.Effect == EligibilityOutcome.Deferred ? new DateTimeOffset(_raw.Until, TimeSpan.Zero) : null;

    /// <summary>Gets why, in words, with the instants involved.</summary>
    public string Reason
    {
        get
        {
            if (_rule is null || _source is null)
            {
                return string.Empty;
            }

            SurveyTrigger trigger = _source.Trigger;
            var ctx = new EvaluationContext(_source.Policy, _source.Contact, default, _source.AccountHistory, in trigger, _source.TriggerGroup);
            return _rule.Explain(in _raw, in ctx);
        }
    }

    /// <summary>Compares two findings.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(EligibilityFinding left, EligibilityFinding right) => left.Equals(right);

    /// <summary>Compares two findings.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(EligibilityFinding left, EligibilityFinding right) => !left.Equals(right);

    /// <summary>Tells whether <paramref name="other"/> names the same rule, effect and instants.</summary>
    /// <param name="other">The other finding.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(EligibilityFinding other) =>
        ReferenceEquals(_rule, other._rule) && _raw.Effect == other._raw.Effect && _raw.Until == other._raw.Until && _raw.Since == other._raw.Since && _raw.Count == other._raw.Count;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EligibilityFinding f && Equals(f);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_rule, _raw.Effect, _raw.Until, _raw.Since, _raw.Count);

    /// <summary>Describes the finding.</summary>
    /// <returns>The rule name, the effect and the reason.</returns>
    public override string ToString() => $"{RuleName}: {Effect}. {Reason}";
}

/// <summary>
/// The findings of one decision and what they need to put their reasons into words, in one object: a blocked or
/// deferred contact costs one allocation sized to its findings for up to four failed rules (more add one array), not a
/// source object plus an array of findings. Read through <see cref="EligibilityDecision.Findings"/>; each finding is made on demand.
/// </summary>
internal class DecisionSource : IReadOnlyList<EligibilityFinding>
{
    private const int Inline = 4;
    private readonly EligibilityRule[] _rules;
    private readonly RawFinding _first;
    private readonly RawFinding[]? _all;

    private protected DecisionSource(EligibilityPolicy policy, Contact contact, in SurveyTrigger trigger, ContactHistory? accountHistory, int triggerGroup, EligibilityRule[] rules, ReadOnlySpan<RawFinding> findings)
    {
        Policy = policy;
        Contact = contact;
        Trigger = trigger;
        AccountHistory = accountHistory;
        TriggerGroup = triggerGroup;
        _rules = rules;
        Count = findings.Length;
        _first = findings[0];
        if (findings.Length > Inline)
        {
            _all = findings.ToArray();
        }
    }

    public EligibilityPolicy Policy { get; }

    public Contact Contact { get; }

    public SurveyTrigger Trigger { get; }

    public ContactHistory? AccountHistory { get; }

    public int TriggerGroup { get; }

    public int Count { get; }

    public EligibilityFinding this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The decision has {Count} finding(s): the index must be from 0 to {Count - 1}.");
            }

            RawFinding raw = index == 0 ? _first : _all is null ? Raw(index) : _all[index];
            return new EligibilityFinding(this, _rules[raw.RuleIndex], in raw);
        }
    }

    /// <summary>Makes the findings object of one decision (<paramref name="findings"/> not empty), sized to hold them:
    /// one finding in the object itself, two, three or four in a subclass with that many fields, more in an array.</summary>
    public static DecisionSource Create(EligibilityPolicy policy, Contact contact, in SurveyTrigger trigger, ContactHistory? accountHistory, int triggerGroup, EligibilityRule[] rules, ReadOnlySpan<RawFinding> findings) => findings.Length switch
    {
        2 => new TwoFindings(policy, contact, in trigger, accountHistory, triggerGroup, rules, findings),
        3 or Inline => new FewFindings(policy, contact, in trigger, accountHistory, triggerGroup, rules, findings),
        _ => new DecisionSource(policy, contact, in trigger, accountHistory, triggerGroup, rules, findings),
    };

    public IEnumerator<EligibilityFinding> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The finding at <paramref name="index"/> (1 to 3) of a subclass holding them in fields.</summary>
    private protected virtual RawFinding Raw(int index) => throw new InvalidOperationException("A decision with one finding has no other.");

    /// <summary>Two findings, the second in a field.</summary>
    private sealed class TwoFindings(EligibilityPolicy policy, Contact contact, in SurveyTrigger trigger, ContactHistory? accountHistory, int triggerGroup, EligibilityRule[] rules, ReadOnlySpan<RawFinding> findings)
        : DecisionSource(policy, contact, in trigger, accountHistory, triggerGroup, rules, findings)
    {
        private readonly RawFinding _second = findings[1];

        private protected override RawFinding Raw(int index) => _second;
    }

    /// <summary>Three or four findings, in fields.</summary>
    private sealed class FewFindings(EligibilityPolicy policy, Contact contact, in SurveyTrigger trigger, ContactHistory? accountHistory, int triggerGroup, EligibilityRule[] rules, ReadOnlySpan<RawFinding> findings)
        : DecisionSource(policy, contact, in trigger, accountHistory, triggerGroup, rules, findings)
    {
        private readonly RawFinding _second = findings[1];
        private readonly RawFinding _third = findings[2];
        private readonly RawFinding _fourth = findings.Length > 3 ? findings[3] : default;

        private protected override RawFinding Raw(int index) => index switch
        {
            1 => _second,
            2 => _third,
            _ => _fourth,
        };
    }
}

/// <summary>
/// The engine's answer for one contact and trigger: eligible, deferred until a time, or blocked, with every rule that
/// blocked or deferred and why.
/// </summary>
/// <remarks>
/// <para>Findings include every rule that failed at the decision instant and any rule that would defer again at a
/// later candidate instant (for example quiet hours at the end of a rest period).</para>
/// <para><see cref="NextEligibleAt"/> is the earliest instant at which, with the same contact, history and trigger,
/// every rule passes; it is the decision instant itself for an eligible contact. A blocked contact has none:
/// check <see cref="HasNextEligibleAt"/> or use <see cref="TryGetNextEligibleAt"/>.</para>
/// <para>An immutable value; thread-safe. An eligible decision allocates nothing.</para>
/// </remarks>
public readonly struct EligibilityDecision
{
    private static readonly EligibilityFinding[] NoFindings = [];
    private readonly DecisionSource? _findings;
    private readonly long _next;

    internal EligibilityDecision(string contactId, EligibilityOutcome outcome, DateTimeOffset decidedAt, long nextTicks, DecisionSource? findings, string? fallbackTimeZoneId = null)
    {
        FallbackTimeZoneId = fallbackTimeZoneId;
        ContactId = contactId;
        Outcome = outcome;
        DecidedAt = decidedAt;
        _next = nextTicks;
        _findings = findings;
    }

    /// <summary>Gets the id of the contact decided.</summary>
    public string ContactId { get; }

    /// <summary>Gets the outcome.</summary>
    public EligibilityOutcome Outcome { get; }

    /// <summary>Gets the id of the policy's fallback time zone the contact was decided in because it has no zone of its
    /// own (a <see cref="QuietHoursRule.FallbackTimeZone"/>); <see langword="null"/> when the contact's own zone was used
    /// or no rule needed one.</summary>
    public string? FallbackTimeZoneId { get; }

    /// <summary>Gets whether the invitation may be sent now.</summary>
    public bool IsEligible => Outcome == EligibilityOutcome.Eligible;

    /// <summary>Gets the instant the decision was made for ("now").</summary>
    public DateTimeOffset DecidedAt { get; }

    /// <summary>Gets the rules that blocked or deferred, with reasons; empty when eligible.</summary>
    public IReadOnlyList<EligibilityFinding> Findings => _findings is null ? NoFindings : _findings;

    /// <summary>Gets whether there is an instant the contact becomes eligible (false only when blocked).</summary>
    public bool HasNextEligibleAt => Outcome != EligibilityOutcome.Blocked;

    /// <summary>Gets the earliest instant (UTC) the contact is eligible when nothing else changes.</summary>
    /// <exception cref="InvalidOperationException">The decision is Blocked, so there is no such instant.</exception>
    public DateTimeOffset NextEligibleAt => HasNextEligibleAt
        ? new DateTimeOffset(_next, TimeSpan.Zero)
        : throw new InvalidOperationException($"Contact '{ContactId}' is blocked for this trigger, so it has no next eligible instant. Check HasNextEligibleAt first, or use TryGetNextEligibleAt.");

    /// <summary>Gets the earliest eligible instant when there is one.</summary>
    /// <param name="at">The instant; <c>default</c> when blocked.</param>
    /// <returns><see langword="true"/> unless the decision is Blocked.</returns>
    public bool TryGetNextEligibleAt(out DateTimeOffset at)
    {
        at = HasNextEligibleAt ? new DateTimeOffset(_next, TimeSpan.Zero) : default;
        return HasNextEligibleAt;
    }

    /// <summary>Describes the decision in one line.</summary>
    /// <returns>For example <c>c42: Deferred until 2026-07-01T10:00:00.0000000+00:00 (Minimum gap …)</c>.</returns>
    public override string ToString() => Outcome switch
    {
        EligibilityOutcome.Eligible => $"{ContactId}: Eligible",
        EligibilityOutcome.Deferred => $"{ContactId}: Deferred until {NextEligibleAt:O} ({string.Join("; ", Findings.Select(f => f.Reason))})",
        _ => $"{ContactId}: Blocked ({string.Join("; ", Findings.Select(f => f.Reason))})",
    };
}

/// <summary>One item of a batch: a contact, its history, the trigger and, for B2B rules, its account's history.</summary>
/// <param name="Contact">The contact.</param>
/// <param name="History">The contact's own history.</param>
/// <param name="Trigger">The touchpoint asking for a survey.</param>
/// <param name="AccountHistory">The history of the contact's whole account, for <see cref="AccountCapRule"/>; <see langword="null"/> when none.</param>
public readonly record struct EligibilityRequest(Contact Contact, ContactHistory History, SurveyTrigger Trigger, ContactHistory? AccountHistory = null);

/// <summary>Settings for batch decisions.</summary>
public sealed record EligibilityBatchOptions
{
    /// <summary>Creates settings with every default.</summary>
    public EligibilityBatchOptions()
    {
    }

    /// <summary>Gets the default settings.</summary>
    public static EligibilityBatchOptions Default { get; } = new();

    /// <summary>Gets whether a contact id appearing twice in one batch is an error.</summary>
    /// <value><see langword="true"/> by default: a duplicate would be invited twice. Turn off only when the source
    /// guarantees unique ids and the hash set's cost matters.</value>
    public bool RejectDuplicateContactIds { get; init; } = true;

    /// <summary>Gets the order contacts are decided in, which decides who gets a capped slot first.</summary>
    /// <value><see cref="EligibilityOrder.InputOrder"/> by default; for example <c>EligibilityOrder.ByAttribute("revenue")</c>
    /// to give the largest customers an account's one slot. Decisions are returned in input order either way.</value>
    public EligibilityOrder Order { get; init; } = EligibilityOrder.InputOrder;
}

/// <summary>Counts from a batch of decisions: how many contacts were eligible, deferred or blocked, and by which rule.</summary>
/// <remarks>A contact stopped by several rules counts once per rule in <see cref="BlockedByRule"/>/<see cref="DeferredByRule"/>
/// and once in <see cref="Blocked"/> or <see cref="Deferred"/>. Immutable and thread-safe.</remarks>
public sealed class EligibilitySummary
{
    internal EligibilitySummary(long eligible, long deferred, long blocked, IReadOnlyDictionary<string, long> deferredByRule, IReadOnlyDictionary<string, long> blockedByRule)
    {
        Eligible = eligible;
        Deferred = deferred;
        Blocked = blocked;
        DeferredByRule = deferredByRule;
        BlockedByRule = blockedByRule;
    }

    /// <summary>Gets the number of contacts decided.</summary>
    public long Total => Eligible + Deferred + Blocked;

    /// <summary>Gets the number of eligible contacts.</summary>
    public long Eligible { get; }

    /// <summary>Gets the number of deferred contacts.</summary>
    public long Deferred { get; }

    /// <summary>Gets the number of blocked contacts.</summary>
    public long Blocked { get; }

    /// <summary>Gets, per rule name, how many deferred or blocked contacts that rule deferred (rules that never deferred are absent).</summary>
    public IReadOnlyDictionary<string, long> DeferredByRule { get; }

    /// <summary>Gets, per rule name, how many contacts that rule blocked (rules that never blocked are absent).</summary>
    public IReadOnlyDictionary<string, long> BlockedByRule { get; }

    /// <summary>Gets how many contacts had no time zone and were decided in the policy's fallback zone
    /// (<see cref="EligibilityDecision.FallbackTimeZoneId"/>).</summary>
    public long DecidedInFallbackTimeZone { get; init; }

    /// <summary>Describes the counts.</summary>
    /// <returns>For example <c>1000000 contacts: 612345 eligible, 300000 deferred, 87655 blocked</c>.</returns>
    public override string ToString() => $"{Total} contacts: {Eligible} eligible, {Deferred} deferred, {Blocked} blocked";
}
