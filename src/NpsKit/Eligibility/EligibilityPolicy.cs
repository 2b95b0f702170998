using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NpsKit.Internal;

namespace NpsKit.Eligibility;

/// <summary>
/// A survey program's contact rules, compiled once: which rules apply to which survey, and how rules of different
/// scopes combine. Decides one contact (<see cref="Decide(Contact, ContactHistory, SurveyTrigger, DateTimeOffset, ContactHistory)"/>)
/// or millions in a stream (<see cref="DecideMany"/>, <see cref="Summarize"/>).
/// </summary>
/// <remarks>
/// <para>Precedence: under <see cref="RulePrecedence.MostSpecificWins"/> a survey-scoped rule overrides group- and
/// global-scoped rules of the same kind (rest period on the same clock, cap, timing, tenure, quiet hours, consent, an
/// attribute rule of the same name), and a group rule overrides a global one; under
/// <see cref="RulePrecedence.MostRestrictiveWins"/> every applicable rule applies.</para>
/// <para>The applicable rule list is resolved for every survey the policy names when the policy is built; deciding a
/// contact is then a loop over a short array with no allocation unless the contact is not eligible.</para>
/// <para>"Now" is always a parameter (a value or a <see cref="TimeProvider"/>); the policy has no clock of its own.
/// The policy is immutable and thread-safe.</para>
/// </remarks>
public sealed class EligibilityPolicy
{
    private const int MaxIterations = 64;
    private const int StackFindings = 32;

    private readonly EligibilityRule[] _rules;
    private readonly SurveyGroup[] _groups;
    private readonly Dictionary<string, int> _groupOfSurvey;
    private readonly Dictionary<string, int> _groupByName;
    private readonly Dictionary<string, Resolved> _bySurvey;
    private readonly Resolved[] _byGroup;
    private readonly Resolved _otherSurveys;

    private EligibilityPolicy(RulePrecedence precedence, EligibilityRule[] rules, SurveyGroup[] groups)
    {
        Precedence = precedence;
        _rules = rules;
        _groups = groups;
        _groupOfSurvey = new Dictionary<string, int>(StringComparer.Ordinal);
        _groupByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int g = 0; g < groups.Length; g++)
        {
            if (!_groupByName.TryAdd(groups[g].Name, g))
            {
                ThrowHelper.DuplicateId("survey group name", groups[g].Name, "groups");
            }

            foreach (string s in groups[g].SurveyIds)
            {
                if (!_groupOfSurvey.TryAdd(s, g))
                {
                    throw new ArgumentException(
                        $"Survey '{s}' is in both group '{groups[_groupOfSurvey[s]].Name}' and group '{groups[g].Name}': a survey may belong to one group only.",
                        "groups");
                }
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (EligibilityRule r in rules)
        {
            if (!names.Add(r.Name))
            {
                ThrowHelper.DuplicateId("rule name", r.Name, "rules");
            }

            if (r.Scope.Kind == RuleScopeKind.Group && !_groupByName.ContainsKey(r.Scope.Target!))
            {
                throw new ArgumentException(
                    $"Rule '{r.Name}' is scoped to group '{r.Scope.Target}', which the policy does not define: add SurveyGroup.From(\"{r.Scope.Target}\", …) to the groups.",
                    "rules");
            }
        }

        _bySurvey = new Dictionary<string, Resolved>(StringComparer.Ordinal);
        _byGroup = new Resolved[groups.Length];
        for (int g = 0; g < groups.Length; g++)
        {
            _byGroup[g] = Resolve(null, g);
        }

        foreach (string survey in rules.Where(r => r.Scope.Kind == RuleScopeKind.Survey).Select(r => r.Scope.Target!).Distinct(StringComparer.Ordinal))
        {
            _bySurvey[survey] = Resolve(survey, _groupOfSurvey.TryGetValue(survey, out int g) ? g : -1);
        }

        _otherSurveys = Resolve(null, -1);
        HasAccountRules = rules.Any(r => r is AccountCapRule);
        HasContactHistoryRules = rules.Any(r => r is MinimumGapRule or RollingWindowCapRule);
    }

    /// <summary>Gets how rules of different scopes combine.</summary>
    public RulePrecedence Precedence { get; }

    /// <summary>Gets whether the policy has a rule on accounts (whose batch invitations are tracked per account).</summary>
    internal bool HasAccountRules { get; }

    /// <summary>Gets whether the policy has a rule on the contact's own history (tracked per contact when ids may repeat).</summary>
    internal bool HasContactHistoryRules { get; }

    /// <summary>Gets every rule of the policy, including the implicit <see cref="ConsentRule.Default"/>.</summary>
    public IReadOnlyList<EligibilityRule> Rules => _rules;

    /// <summary>Gets the survey groups.</summary>
    public IReadOnlyList<SurveyGroup> Groups => _groups;

    /// <summary>Builds a policy.</summary>
    /// <param name="precedence">How rules of different scopes combine.</param>
    /// <param name="rules">The rules, each with a unique name. A global <see cref="ConsentRule.Default"/> is added unless a <see cref="ConsentRule"/> is present.</param>
    /// <param name="groups">Survey groups for group scopes and <see cref="HistoryMatch.SameGroup"/>; a survey may be in one group only.</param>
    /// <returns>The compiled policy.</returns>
    /// <exception cref="ArgumentException">Duplicate rule or group names, a survey in two groups, or a rule scoped to an undefined group.</exception>
    public static EligibilityPolicy From(RulePrecedence precedence, IEnumerable<EligibilityRule> rules, IEnumerable<SurveyGroup>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (!Enum.IsDefined(precedence))
        {
            ThrowHelper.UndefinedEnum(nameof(precedence), (int)precedence, "MostSpecificWins or MostRestrictiveWins");
        }

        EligibilityRule[] list = [.. rules];
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"The rule at index {i} is null.", nameof(rules));
            }
        }

        if (!list.Any(r => r is ConsentRule))
        {
            list = [ConsentRule.Default, .. list];
        }

        SurveyGroup[] g = groups is null ? [] : [.. groups];
        return new EligibilityPolicy(precedence, list, g);
    }

    /// <summary>Builds a policy with <see cref="RulePrecedence.MostSpecificWins"/> and no groups.</summary>
    /// <param name="rules">The rules.</param>
    /// <returns>The compiled policy.</returns>
    public static EligibilityPolicy From(params EligibilityRule[] rules) => From(RulePrecedence.MostSpecificWins, rules);

    /// <summary>Returns a copy with one more rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>The new policy.</returns>
    public EligibilityPolicy WithRule(EligibilityRule rule) => From(Precedence, [.. _rules, rule], _groups);

    /// <summary>Returns a copy with one more survey group.</summary>
    /// <param name="group">The group.</param>
    /// <returns>The new policy.</returns>
    public EligibilityPolicy WithGroup(SurveyGroup group) => From(Precedence, _rules, [.. _groups, group]);

    /// <summary>Returns a copy with another precedence.</summary>
    /// <param name="precedence">The precedence.</param>
    /// <returns>The new policy.</returns>
    public EligibilityPolicy WithPrecedence(RulePrecedence precedence) => From(precedence, _rules, _groups);

    /// <summary>Gets the rules that apply to triggers for <paramref name="surveyId"/> after precedence is applied.</summary>
    /// <param name="surveyId">A survey id.</param>
    /// <returns>The rules, in policy order.</returns>
    public IReadOnlyList<EligibilityRule> RulesFor(string surveyId)
    {
        ThrowHelper.ThrowIfNullOrEmpty(surveyId, nameof(surveyId));
        return ResolvedFor(surveyId).Rules;
    }

    /// <summary>Decides whether <paramref name="contact"/> may be invited now for <paramref name="trigger"/>.</summary>
    /// <param name="contact">The contact.</param>
    /// <param name="history">The contact's history; every entry at or before <paramref name="now"/>.</param>
    /// <param name="trigger">The touchpoint; at or before <paramref name="now"/>.</param>
    /// <param name="now">The decision instant.</param>
    /// <param name="accountHistory">The account's history for <see cref="AccountCapRule"/>; every entry at or before <paramref name="now"/>.</param>
    /// <returns>The decision with every finding and the next eligible instant.</returns>
    /// <exception cref="ArgumentException">A history entry or the trigger lies after <paramref name="now"/>.</exception>
    public EligibilityDecision Decide(Contact contact, ContactHistory history, SurveyTrigger trigger, DateTimeOffset now, ContactHistory? accountHistory = null) =>
        Decide(new EligibilityRequest(contact, history, trigger, accountHistory), now);

    /// <summary>Decides with "now" read once from <paramref name="clock"/>.</summary>
    /// <param name="contact">The contact.</param>
    /// <param name="history">The contact's history.</param>
    /// <param name="trigger">The touchpoint.</param>
    /// <param name="clock">The clock to read "now" from (inject a fake one in tests).</param>
    /// <param name="accountHistory">The account's history, if any.</param>
    /// <returns>The decision.</returns>
    public EligibilityDecision Decide(Contact contact, ContactHistory history, SurveyTrigger trigger, TimeProvider clock, ContactHistory? accountHistory = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Decide(contact, history, trigger, clock.GetUtcNow(), accountHistory);
    }

    /// <summary>Decides one request.</summary>
    /// <param name="request">Contact, history, trigger and optional account history.</param>
    /// <param name="now">The decision instant.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">A history entry or the trigger lies after <paramref name="now"/>.</exception>
    public EligibilityDecision Decide(in EligibilityRequest request, DateTimeOffset now)
    {
        Span<RawFinding> stack = stackalloc RawFinding[StackFindings];
        return DecideCore(in request, now, stack, null);
    }

    /// <summary>Starts a batch: decide contacts one at a time with <see cref="EligibilityBatch.Decide"/>, each eligible
    /// one recorded so that caps count it for the contacts decided after it.</summary>
    /// <param name="now">The decision instant for the whole batch.</param>
    /// <param name="options">Batch settings; <see cref="EligibilityBatchOptions.Default"/> when null. The batch decides in
    /// the order it is called, so <see cref="EligibilityBatchOptions.Order"/> must be the input order.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException">The options name a priority order (sort the requests, or use <see cref="DecideMany"/>).</exception>
    public EligibilityBatch StartBatch(DateTimeOffset now, EligibilityBatchOptions? options = null)
    {
        options ??= EligibilityBatchOptions.Default;
        if (!options.Order.IsInputOrder)
        {
            throw new ArgumentException($"A batch started with StartBatch decides contacts in the order you pass them, but the options name {options.Order}: sort the requests yourself, or use DecideMany/Summarize, which apply the order.", nameof(options));
        }

        return new EligibilityBatch(this, now, options, 0);
    }

    /// <summary>Decides a stream of requests lazily against one "now", as one batch: caps count the contacts found
    /// eligible earlier in the batch. Contacts are decided in <see cref="EligibilityBatchOptions.Order"/> (input order by
    /// default); decisions are returned in input order.</summary>
    /// <param name="requests">The requests; enumerated once.</param>
    /// <param name="now">The decision instant for all.</param>
    /// <param name="options">Batch settings; <see cref="EligibilityBatchOptions.Default"/> when null.</param>
    /// <returns>One decision per request.</returns>
    /// <exception cref="ArgumentException">(On enumeration) a duplicate contact id, or history after <paramref name="now"/>.</exception>
    public IEnumerable<EligibilityDecision> DecideMany(IEnumerable<EligibilityRequest> requests, DateTimeOffset now, EligibilityBatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return Iterate(requests, now, options ?? EligibilityBatchOptions.Default);
    }

    /// <summary>Decides an asynchronous stream of requests lazily, in order, against one "now".</summary>
    /// <param name="requests">The requests.</param>
    /// <param name="now">The decision instant for all.</param>
    /// <param name="options">Batch settings; <see cref="EligibilityBatchOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>One decision per request.</returns>
    public async IAsyncEnumerable<EligibilityDecision> DecideManyAsync(
        IAsyncEnumerable<EligibilityRequest> requests, DateTimeOffset now, EligibilityBatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        options ??= EligibilityBatchOptions.Default;
        if (!options.Order.IsInputOrder)
        {
            var all = new List<EligibilityRequest>();
            await foreach (EligibilityRequest r in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                all.Add(r);
            }

            foreach (EligibilityDecision d in DecideMany(all, now, options))
            {
                yield return d;
            }

            yield break;
        }

        var batch = new EligibilityBatch(this, now, options, 0);
        await foreach (EligibilityRequest r in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return batch.Decide(in r);
        }
    }

    /// <summary>Decides a stream of requests as one batch (as <see cref="DecideMany"/> does, in the same order, with caps
    /// counting the contacts found eligible earlier in the batch) and returns only the counts: by outcome and by rule.
    /// This is the fast path: no decision objects, no reason strings, no allocation per contact beyond the duplicate check
    /// and one slot per account (array and list input index the accounts densely in one pass first).</summary>
    /// <param name="requests">The requests; enumerated once.</param>
    /// <param name="now">The decision instant for all.</param>
    /// <param name="options">Batch settings; <see cref="EligibilityBatchOptions.Default"/> when null.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">A duplicate contact id, or history after <paramref name="now"/>.</exception>
    public EligibilitySummary Summarize(IEnumerable<EligibilityRequest> requests, DateTimeOffset now, EligibilityBatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(requests);
        options ??= EligibilityBatchOptions.Default;
        var counter = new SummaryCounter(this, options, now, requests is ICollection<EligibilityRequest> c ? c.Count : 0);
        Span<RawFinding> buffer = stackalloc RawFinding[StackFindings];
        if (!options.Order.IsInputOrder)
        {
            EligibilityRequest[] all = [.. requests];
            foreach (int i in options.Order.Sort(all))
            {
                counter.Add(in all[i], now, buffer);
            }
        }
        else if (requests is EligibilityRequest[] or List<EligibilityRequest>)
        {
            ReadOnlySpan<EligibilityRequest> span = requests is EligibilityRequest[] array ? array : CollectionsMarshal.AsSpan((List<EligibilityRequest>)requests);
            counter.ReadIdsFrom((IReadOnlyList<EligibilityRequest>)requests);
            counter.Batch.IndexAccounts(span);
            if (counter.Batch.TracksAccounts)
            {
                for (int i = 0; i < span.Length; i++)
                {
                    BatchState.PrefetchAhead(span, i, counter.Batch);
                    counter.Batch.Position = i;
                    counter.Add(in span[i], now, buffer);
                }
            }
            else
            {
                // Without account rules the summary reads only the request's own objects, allocated (in the usual
                // case) in input order: the hardware prefetcher follows them, and software prefetching cost 10-20 %.
                for (int i = 0; i < span.Length; i++)
                {
                    counter.Batch.Position = i;
                    counter.Add(in span[i], now, buffer);
                }
            }
        }
        else
        {
            foreach (EligibilityRequest r in requests)
            {
                counter.Add(in r, now, buffer);
            }
        }

        return counter.ToSummary();
    }

    /// <summary>Decides an asynchronous stream of requests and returns the counts.</summary>
    /// <param name="requests">The requests.</param>
    /// <param name="now">The decision instant for all.</param>
    /// <param name="options">Batch settings.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The summary.</returns>
    public async Task<EligibilitySummary> SummarizeAsync(
        IAsyncEnumerable<EligibilityRequest> requests, DateTimeOffset now, EligibilityBatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        options ??= EligibilityBatchOptions.Default;
        if (!options.Order.IsInputOrder)
        {
            var all = new List<EligibilityRequest>();
            await foreach (EligibilityRequest r in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                all.Add(r);
            }

            return Summarize(all, now, options);
        }

        var counter = new SummaryCounter(this, options, now);
        var buffer = new RawFinding[StackFindings];
        await foreach (EligibilityRequest r in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            counter.Add(in r, now, buffer);
        }

        return counter.ToSummary();
    }

    internal int GroupOf(string surveyId) => _groupOfSurvey.Count != 0 && _groupOfSurvey.TryGetValue(surveyId, out int g) ? g : -1;

    internal string GroupName(int group) => _groups[group].Name;

    internal Resolved ResolvedFor(string surveyId)
    {
        if (_bySurvey.Count != 0 && _bySurvey.TryGetValue(surveyId, out Resolved? r))
        {
            return r;
        }

        int g = GroupOf(surveyId);
        return g >= 0 ? _byGroup[g] : _otherSurveys;
    }

    /// <summary>The core: evaluates the rules at "now", then at later candidate instants until all pass or one blocks.</summary>
    internal EligibilityOutcome Evaluate(in EligibilityRequest request, DateTimeOffset now, Resolved resolved, Span<RawFinding> buffer, BatchState? batch, out int count, out long next)
    {
        Validate(in request, now);
        int group = GroupOf(request.Trigger.SurveyId);
        // Built once, in place: a conditional choosing between two constructions made the JIT build one in a temporary
        // and copy it, 128 bytes read back wide right after they were written field by field.
        ReadOnlySpan<ContactEvent> batchContact = default, batchAccount = default;
        QuietHoursRule.Memo? memo = null;
        if (batch is not null)
        {
            batchContact = batch.Contact(request.Contact.Id);
            batchAccount = batch.Account(request.Contact);
            memo = batch.QuietMemo;
        }

        SurveyTrigger trigger = request.Trigger;
        var ctx = new EvaluationContext(this, request.Contact, request.History.Span, request.AccountHistory, in trigger, group, batchContact, batchAccount, memo);
        EligibilityRule[] rules = resolved.Rules;
        RuleKind[] kinds = resolved.Kinds;
        ulong keepsPassing = resolved.KeepsPassing;
        ulong passed = 0; // rules that passed at an earlier candidate instant and pass at every later one
        count = 0;
        long t = now.UtcTicks;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            bool pass = true;
            bool blocked = false;
            long until = t;
            for (int i = 0; i < rules.Length; i++)
            {
                if (i < 64 && ((passed >> i) & 1) != 0)
                {
                    continue;
                }

                RawFinding f = default;
                if (Check(kinds[i], rules[i], in ctx, t, ref f))
                {
                    passed |= i < 64 ? keepsPassing & (1UL << i) : 0;
                    continue;
                }

                pass = false;
                f.RuleIndex = i;
                int k = 0;
                while (k < count && buffer[k].RuleIndex != i)
                {
                    k++;
                }

                if (k == count)
                {
                    buffer[count++] = f;
                }
                else if (f.Effect == EligibilityOutcome.Blocked)
                {
                    buffer[k] = f;
                }

                if (f.Effect == EligibilityOutcome.Blocked)
                {
                    blocked = true;
                }
                else if (f.Until > until)
                {
                    until = f.Until;
                }
            }

            if (pass)
            {
                next = t;
                return count == 0 ? EligibilityOutcome.Eligible : EligibilityOutcome.Deferred;
            }

            if (blocked || until <= t)
            {
                break;
            }

            t = until;
        }

        next = 0;
        return EligibilityOutcome.Blocked;
    }

    /// <summary>Checks one rule with a direct call on its sealed type (the policy's rules compiled to a kind each, so the
    /// per-contact loop needs no virtual call and the small checks can be inlined); a rule of no listed kind goes
    /// through the virtual call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Check(RuleKind kind, EligibilityRule rule, in EvaluationContext ctx, long t, ref RawFinding f) => kind switch
    {
        RuleKind.Consent => Unsafe.As<ConsentRule>(rule).Check(in ctx, t, ref f),
        RuleKind.Gap => Unsafe.As<MinimumGapRule>(rule).Check(in ctx, t, ref f),
        RuleKind.Cap => Unsafe.As<RollingWindowCapRule>(rule).Check(in ctx, t, ref f),
        RuleKind.AccountCap => Unsafe.As<AccountCapRule>(rule).Check(in ctx, t, ref f),
        RuleKind.Timing => Unsafe.As<TriggerTimingRule>(rule).Check(in ctx, t, ref f),
        RuleKind.Quiet => Unsafe.As<QuietHoursRule>(rule).Check(in ctx, t, ref f),
        _ => rule.Check(in ctx, t, ref f),
    };

    private static RuleKind KindOf(EligibilityRule rule) => rule switch
    {
        ConsentRule => RuleKind.Consent,
        MinimumGapRule => RuleKind.Gap,
        RollingWindowCapRule => RuleKind.Cap,
        AccountCapRule => RuleKind.AccountCap,
        TriggerTimingRule => RuleKind.Timing,
        QuietHoursRule => RuleKind.Quiet,
        _ => RuleKind.Other,
    };

    private static void CheckDuplicate(ContactIdSet? seen, Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (seen is not null && !seen.Add(contact.Id))
        {
            ThrowHelper.DuplicateId("contact id in the batch", contact.Id, "requests");
        }
    }

    private static void Validate(in EligibilityRequest request, DateTimeOffset now)
    {
        if (request.Contact is null || request.History is null)
        {
            throw new ArgumentException("An eligibility request needs a Contact and a History (use ContactHistory.Empty for a contact never invited).", "request");
        }

        if (request.Trigger.SurveyId is null)
        {
            throw new ArgumentException($"Contact '{request.Contact.Id}': the trigger is uninitialised; create it with new SurveyTrigger(surveyId, occurredAt, channel).", "request");
        }

        long nowTicks = now.UtcTicks;
        ReadOnlySpan<ContactEvent> events = request.History.Span;
        if (events.Length > 0 && events[^1].At.UtcTicks > nowTicks)
        {
            int first = events.Length - 1;
            while (first > 0 && events[first - 1].At.UtcTicks > nowTicks)
            {
                first--;
            }

            ThrowHelper.HistoryInFuture(request.Contact.Id, "history", first, events[first].At, now);
        }

        if (request.AccountHistory is { Count: > 0 } account && account.Span[^1].At.UtcTicks > nowTicks)
        {
            ReadOnlySpan<ContactEvent> a = account.Span;
            int first = a.Length - 1;
            while (first > 0 && a[first - 1].At.UtcTicks > nowTicks)
            {
                first--;
            }

            ThrowHelper.HistoryInFuture(request.Contact.Id, "account history", first, a[first].At, now);
        }

        if (request.Trigger.OccurredAt.UtcTicks > nowTicks)
        {
            throw new ArgumentException(
                $"Contact '{request.Contact.Id}': the trigger '{request.Trigger.Touchpoint}' is at {request.Trigger.OccurredAt:O}, after now ({now:O}). Decide triggers once they have happened.",
                "request");
        }
    }

    private IEnumerable<EligibilityDecision> Iterate(IEnumerable<EligibilityRequest> requests, DateTimeOffset now, EligibilityBatchOptions options)
    {
        if (!options.Order.IsInputOrder)
        {
            EligibilityRequest[] all = [.. requests];
            ContactIdSet? seen = options.RejectDuplicateContactIds ? new(all.Length) : null;
            foreach (EligibilityRequest r in all)
            {
                CheckDuplicate(seen, r.Contact);
            }

            var state = new BatchState(HasAccountRules, !options.RejectDuplicateContactIds && HasContactHistoryRules, now);
            var decisions = new EligibilityDecision[all.Length];
            var buffer = new RawFinding[StackFindings];
            foreach (int i in options.Order.Sort(all))
            {
                decisions[i] = DecideCore(in all[i], now, buffer, state);
            }

            foreach (EligibilityDecision d in decisions)
            {
                yield return d;
            }

            yield break;
        }

        var inOrder = new EligibilityBatch(this, now, options, requests is ICollection<EligibilityRequest> c ? c.Count : 0);
        if (requests is EligibilityRequest[] array)
        {
            inOrder.State.IndexAccounts(array);
            for (int i = 0; i < array.Length; i++)
            {
                BatchState.PrefetchAhead(array, i, inOrder.State);
                inOrder.State.Position = i;
                yield return inOrder.Decide(in array[i]);
            }

            yield break;
        }

        foreach (EligibilityRequest r in requests)
        {
            yield return inOrder.Decide(in r);
        }
    }

    internal EligibilityDecision DecideCore(in EligibilityRequest request, DateTimeOffset now, Span<RawFinding> buffer, BatchState? batch)
    {
        Resolved resolved = ResolvedFor(request.Trigger.SurveyId ?? string.Empty);
        if (resolved.Rules.Length > buffer.Length)
        {
            buffer = new RawFinding[resolved.Rules.Length];
        }

        EligibilityOutcome outcome = Evaluate(in request, now, resolved, buffer, batch, out int count, out long next);
        string? fallback = request.Contact.TimeZone is null ? resolved.FallbackZoneId : null;
        if (outcome == EligibilityOutcome.Eligible)
        {
            batch?.Record(in request, now);
        }

        if (count == 0)
        {
            return new EligibilityDecision(request.Contact.Id, outcome, now, next, null, fallback);
        }

        var findings = DecisionSource.Create(this, request.Contact, request.Trigger, request.AccountHistory, GroupOf(request.Trigger.SurveyId!), resolved.Rules, buffer[..count]);
        return new EligibilityDecision(request.Contact.Id, outcome, now, next, findings, fallback);
    }

    private Resolved Resolve(string? survey, int group)
    {
        var applicable = new List<(EligibilityRule Rule, int Index, int Rank)>();
        for (int i = 0; i < _rules.Length; i++)
        {
            EligibilityRule r = _rules[i];
            int rank = r.Scope.Kind switch
            {
                RuleScopeKind.Global => 0,
                RuleScopeKind.Group when group >= 0 && string.Equals(_groups[group].Name, r.Scope.Target, StringComparison.Ordinal) => 1,
                RuleScopeKind.Survey when survey is not null && string.Equals(survey, r.Scope.Target, StringComparison.Ordinal) => 2,
                _ => -1,
            };
            if (rank >= 0)
            {
                applicable.Add((r, i, rank));
            }
        }

        if (Precedence == RulePrecedence.MostSpecificWins)
        {
            var best = applicable.GroupBy(a => a.Rule.OverrideKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(a => a.Rank), StringComparer.Ordinal);
            applicable.RemoveAll(a => a.Rank < best[a.Rule.OverrideKey]);
        }

        string? fallback = applicable.Select(a => a.Rule.FallbackZone).FirstOrDefault(z => z is not null)?.Id;
        ulong keepsPassing = 0;
        for (int i = 0; i < applicable.Count && i < 64; i++)
        {
            keepsPassing |= applicable[i].Rule.KeepsPassing ? 1UL << i : 0;
        }

        return new Resolved([.. applicable.Select(a => a.Rule)], [.. applicable.Select(a => a.Index)], fallback, keepsPassing);
    }

    /// <summary>The sealed rule types the per-contact loop calls directly.</summary>
    internal enum RuleKind : byte
    {
        Other,
        Consent,
        Gap,
        Cap,
        AccountCap,
        Timing,
        Quiet,
    }

    /// <summary>The rules that apply to one survey, with their index in the policy for summaries.</summary>
    internal sealed class Resolved(EligibilityRule[] rules, int[] policyIndex, string? fallbackZoneId, ulong keepsPassing)
    {
        /// <summary>Bit i set: rule i keeps passing once it passes (<see cref="EligibilityRule.KeepsPassing"/>; the first 64 rules).</summary>
        public ulong KeepsPassing { get; } = keepsPassing;

        public EligibilityRule[] Rules { get; } = rules;

        /// <summary>The kind of each rule of <see cref="Rules"/>, for the direct calls of the per-contact loop.</summary>
        public RuleKind[] Kinds { get; } = [.. rules.Select(KindOf)];

        public int[] PolicyIndex { get; } = policyIndex;

        /// <summary>The id of the policy's fallback zone a contact without a zone is decided in, if a rule names one.</summary>
        public string? FallbackZoneId { get; } = fallbackZoneId;
    }

    /// <summary>Accumulates outcome and per-rule counts without building decisions.</summary>
    private sealed class SummaryCounter(EligibilityPolicy policy, EligibilityBatchOptions options, DateTimeOffset now, int capacity = 0)
    {
        private readonly long[] _deferredBy = new long[policy._rules.Length];
        private readonly long[] _blockedBy = new long[policy._rules.Length];
        private readonly DeferredDuplicateCheck? _seen = options.RejectDuplicateContactIds ? new(capacity) : null;
        private readonly BatchState _batch = new(policy.HasAccountRules, !options.RejectDuplicateContactIds && policy.HasContactHistoryRules, now);

        public BatchState Batch => _batch;

        /// <summary>The duplicate check reads the ids back from <paramref name="requests"/>, added in their order.</summary>
        public void ReadIdsFrom(IReadOnlyList<EligibilityRequest> requests) => _seen?.ReadIdsFrom(requests);
        private long _fallback;
        private long _eligible;
        private long _deferred;
        private long _blocked;
        private string? _lastSurvey;
        private Resolved? _lastResolved;

        public void Add(in EligibilityRequest r, DateTimeOffset now, Span<RawFinding> buffer)
        {
            ArgumentNullException.ThrowIfNull(r.Contact, "requests");
            _seen?.Add(r.Contact.Id);
            string survey = r.Trigger.SurveyId ?? string.Empty;
            if (!ReferenceEquals(survey, _lastSurvey))
            {
                _lastResolved = policy.ResolvedFor(survey);
                _lastSurvey = survey;
            }

            Resolved resolved = _lastResolved!;
            if (resolved.Rules.Length > buffer.Length)
            {
                buffer = new RawFinding[resolved.Rules.Length];
            }

            EligibilityOutcome outcome = policy.Evaluate(in r, now, resolved, buffer, _batch, out int count, out _);
            if (resolved.FallbackZoneId is not null && r.Contact.TimeZone is null)
            {
                _fallback++;
            }

            switch (outcome)
            {
                case EligibilityOutcome.Eligible:
                    _eligible++;
                    _batch.Record(in r, now);
                    return;
                case EligibilityOutcome.Deferred:
                    _deferred++;
                    break;
                default:
                    _blocked++;
                    break;
            }

            for (int i = 0; i < count; i++)
            {
                int index = resolved.PolicyIndex[buffer[i].RuleIndex];
                if (buffer[i].Effect == EligibilityOutcome.Blocked)
                {
                    _blockedBy[index]++;
                }
                else
                {
                    _deferredBy[index]++;
                }
            }
        }

        public EligibilitySummary ToSummary()
        {
            if (_seen?.FindDuplicate() is { } duplicate)
            {
                ThrowHelper.DuplicateId("contact id in the batch", duplicate, "requests");
            }

            var deferred = new Dictionary<string, long>(StringComparer.Ordinal);
            var blocked = new Dictionary<string, long>(StringComparer.Ordinal);
            for (int i = 0; i < _deferredBy.Length; i++)
            {
                if (_deferredBy[i] > 0)
                {
                    deferred[policy._rules[i].Name] = _deferredBy[i];
                }

                if (_blockedBy[i] > 0)
                {
                    blocked[policy._rules[i].Name] = _blockedBy[i];
                }
            }

            return new EligibilitySummary(_eligible, _deferred, _blocked, deferred, blocked) { DecidedInFallbackTimeZone = _fallback };
        }
    }
}
