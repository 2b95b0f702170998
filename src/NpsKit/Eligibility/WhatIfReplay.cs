namespace NpsKit.Eligibility;

/// <summary>The result of replaying past send attempts against a policy.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class WhatIfReport
{
    internal WhatIfReport(long attempted, long sent, long deferred, long suppressed, IReadOnlyDictionary<string, long> byRule)
    {
        Attempted = attempted;
        SentOnTime = sent;
        SentLater = deferred;
        Suppressed = suppressed;
        StoppedByRule = byRule;
    }

    /// <summary>Gets how many invitations the history shows were sent (the attempts replayed).</summary>
    public long Attempted { get; }

    /// <summary>Gets how many the policy would have sent at the same instant.</summary>
    public long SentOnTime { get; }

    /// <summary>Gets how many it would have deferred and sent later (at their next eligible instant).</summary>
    public long SentLater { get; }

    /// <summary>Gets how many it would have suppressed (blocked).</summary>
    public long Suppressed { get; }

    /// <summary>Gets the invitations the policy would have sent in total.</summary>
    public long WouldSend => SentOnTime + SentLater;

    /// <summary>Gets, per rule name, how many attempts that rule deferred or blocked.</summary>
    public IReadOnlyDictionary<string, long> StoppedByRule { get; }

    /// <summary>Describes the counts.</summary>
    /// <returns>For example <c>1200 attempts: 800 sent on time, 100 later, 300 suppressed</c>.</returns>
    public override string ToString() => $"{Attempted} attempts: {SentOnTime} sent on time, {SentLater} later, {Suppressed} suppressed";
}

/// <summary>
/// What-if analysis: replay contacts' real send history against a (new) policy and count how many invitations it
/// would have sent, deferred or suppressed.
/// </summary>
/// <remarks>
/// <para>Each invitation in a contact's history is treated as an attempt: a trigger for its survey and channel at its
/// instant, decided at that instant against the simulated history — the invitations the policy itself would have sent
/// before, plus the contact's real responses and (when <see cref="MinimumGapRule.CountReminders"/> matters) none of the
/// reminders, which depended on the original sends. A deferred attempt is counted as sent later and enters the simulated
/// history at its next eligible instant. Responses are kept as observed: the replay cannot know whether a suppressed
/// invitation would have been answered. Account rules see no account history in the replay.</para>
/// <para>Pure and thread-safe.</para>
/// </remarks>
public static class WhatIfReplay
{
    /// <summary>Replays every contact's invitations against <paramref name="policy"/>.</summary>
    /// <param name="policy">The policy to try.</param>
    /// <param name="contacts">Contacts with their real histories; ids unique.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentException">A duplicate contact id.</exception>
    public static WhatIfReport Replay(EligibilityPolicy policy, IEnumerable<(Contact Contact, ContactHistory History)> contacts)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(contacts);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long attempted = 0, sent = 0, later = 0, suppressed = 0;
        var byRule = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach ((Contact contact, ContactHistory history) in contacts)
        {
            ArgumentNullException.ThrowIfNull(contact, nameof(contacts));
            ArgumentNullException.ThrowIfNull(history, nameof(contacts));
            if (!seen.Add(contact.Id))
            {
                Internal.ThrowHelper.DuplicateId("contact id", contact.Id, nameof(contacts));
            }

            ContactEvent[] responses = [.. history.Events.Where(e => e.Kind == ContactEventKind.Response)];
            var simulated = new List<ContactEvent>();
            foreach (ContactEvent attempt in history.Events.Where(e => e.Kind == ContactEventKind.Invitation))
            {
                attempted++;
                DateTimeOffset t = attempt.At;
                var past = ContactHistory.From(simulated.Where(e => e.At <= t).Concat(responses.Where(e => e.At <= t)));
                ContactChannel channel = attempt.Channel == ContactChannel.None ? ContactChannel.Email : attempt.Channel;
                EligibilityDecision d = policy.Decide(contact, past, new SurveyTrigger(attempt.SurveyId, t, channel, "replay"), t);
                foreach (EligibilityFinding f in d.Findings)
                {
                    byRule[f.RuleName] = byRule.GetValueOrDefault(f.RuleName) + 1;
                }

                switch (d.Outcome)
                {
                    case EligibilityOutcome.Eligible:
                        sent++;
                        simulated.Add(ContactEvent.Invitation(t, attempt.SurveyId, channel));
                        break;
                    case EligibilityOutcome.Deferred:
                        later++;
                        simulated.Add(ContactEvent.Invitation(d.NextEligibleAt, attempt.SurveyId, channel));
                        break;
                    default:
                        suppressed++;
                        break;
                }
            }
        }

        return new WhatIfReport(attempted, sent, later, suppressed, byRule);
    }
}
