namespace NpsKit.Eligibility;

/// <summary>Everything a rule looks at for one decision; lives on the stack.</summary>
internal readonly ref struct EvaluationContext
{
    private readonly ref readonly SurveyTrigger _trigger;

    public EvaluationContext(EligibilityPolicy policy, Contact contact, ReadOnlySpan<ContactEvent> events, ContactHistory? accountHistory, in SurveyTrigger trigger, int triggerGroup)
        : this(policy, contact, events, accountHistory, in trigger, triggerGroup, default, default)
    {
    }

    public EvaluationContext(EligibilityPolicy policy, Contact contact, ReadOnlySpan<ContactEvent> events, ContactHistory? accountHistory, in SurveyTrigger trigger, int triggerGroup, ReadOnlySpan<ContactEvent> batchContact, ReadOnlySpan<ContactEvent> batchAccount, QuietHoursRule.Memo? quietMemo = null)
    {
        QuietMemo = quietMemo;
        BatchContact = batchContact;
        BatchAccount = batchAccount;
        Policy = policy;
        Contact = contact;
        Events = events;
        AccountHistory = accountHistory;
        _trigger = ref trigger;
        TriggerGroup = triggerGroup;
    }

    public EligibilityPolicy Policy { get; }

    public Contact Contact { get; }

    public ReadOnlySpan<ContactEvent> Events { get; }

    public ContactHistory? AccountHistory { get; }

    /// <summary>The trigger, referred to rather than copied: the context is made once per contact, and a copy of the
    /// 40-byte trigger inside it made the JIT build the whole context in a temporary and copy it again.</summary>
    public ref readonly SurveyTrigger Trigger => ref _trigger;

    public int TriggerGroup { get; }

    /// <summary>The invitations decided earlier in the same batch for this contact (chronological, after the history).</summary>
    public ReadOnlySpan<ContactEvent> BatchContact { get; }

    /// <summary>The invitations decided earlier in the same batch for this contact's account.</summary>
    public ReadOnlySpan<ContactEvent> BatchAccount { get; }

    /// <summary>The batch's memo of quiet-hours answers; <see langword="null"/> outside a batch (the rule then uses its
    /// thread's).</summary>
    public QuietHoursRule.Memo? QuietMemo { get; }
}

/// <summary>A rule failure before it is put into words: which rule, block or defer, until when, and the evidence.</summary>
internal struct RawFinding
{
    public int RuleIndex;
    public EligibilityOutcome Effect;
    public long Until;
    public long Since;
    public long Count;
}
