using NpsKit.Eligibility;

namespace NpsKit.Tests.Eligibility;

/// <summary>
/// Issue #16, speed: the capped batch paths must not drift back to allocating per contact. Measured on the calling
/// thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), so other tests running at the same time do not count;
/// the batch is the benchmark's B2B shape (five contacts per account, an account cap and a per-channel cap counting the
/// batch's own decisions), after a warm-up so one-time costs (JIT, the zone-offset cache) are excluded.
/// </summary>
public class EligibilityAllocationTests
{
    private static readonly DateTimeOffset Now = EligibilityReferenceTests.Now;

    /// <summary>The benchmark's B2B policy: the web-shop rules plus an account cap and a per-channel cap.</summary>
    private static EligibilityPolicy CappedPolicy() => EligibilityPolicy.From(
        new MinimumGapRule(TimeSpan.FromDays(182), name: "6-month rest"),
        new MinimumGapRule(TimeSpan.FromDays(122), RestClock.SinceResponse, name: "4 months since last answer"),
        new RollingWindowCapRule(3, TimeSpan.FromDays(365), name: "3 a year"),
        new TriggerTimingRule(TimeSpan.FromDays(1), TimeSpan.FromDays(14), name: "1 day after purchase"),
        new QuietHoursRule(new TimeOnly(21, 0), new TimeOnly(8, 0), [DayOfWeek.Sunday], name: "quiet"),
        new AccountCapRule(1, TimeSpan.FromDays(91), name: "one per account per quarter"),
        new RollingWindowCapRule(1, TimeSpan.FromDays(30), HistoryMatch.SameChannel, name: "one per channel a month"));

    private static long AllocatedBy(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Summarize_WithAccountAndChannelCaps_AllocatesNoMoreThanTheIdCheckAndTheAccountTable()
    {
        EligibilityPolicy policy = CappedPolicy();
        EligibilityRequest[] requests = EligibilityReferenceTests.Benchmarks(50_000);
        _ = policy.Summarize(EligibilityReferenceTests.Benchmarks(500), Now); // warm-up

        EligibilitySummary summary = default!;
        long bytes = AllocatedBy(() => summary = policy.Summarize(requests, Now));

        Assert.True(summary.DeferredByRule.ContainsKey("one per account per quarter"), "the account cap must be exercised");

        // The duplicate-id check keeps 16 bytes per contact (hash and id); array input gives each contact's account a
        // dense index first (4 bytes per contact, plus a 16-byte slot per account in a table kept at most half full and
        // grown by doubling; rented from the shared pool when a batch of that size ran before) and keeps the batch's
        // invitations in a 24-byte slot per account in an array sized once: 58.6 bytes per contact in all when measured
        // with 48-byte slots and no pool (61 with the growing 56-byte-slot table before). Nothing else may
        // be per contact: one more object or string each (24 bytes at least) breaks the bound.
        double perContact = bytes / (double)requests.Length;
        Assert.True(perContact <= 64, $"Summarize allocated {bytes:N0} bytes for {requests.Length:N0} contacts ({perContact:F1} per contact); at most 64 expected.");
    }

    [Fact]
    public void Summarize_WithoutDuplicateCheck_AllocatesOnlyTheBatchTables()
    {
        EligibilityPolicy policy = CappedPolicy();
        EligibilityRequest[] requests = EligibilityReferenceTests.Benchmarks(50_000);
        var options = new EligibilityBatchOptions { RejectDuplicateContactIds = false };
        _ = policy.Summarize(EligibilityReferenceTests.Benchmarks(500), Now, options); // warm-up

        long bytes = AllocatedBy(() => policy.Summarize(requests, Now, options));

        // Without the id check, ids may repeat, so the batch's invitations are also tracked per contact (a slot per
        // eligible contact) beside the account index and array: 71.2 bytes per contact when measured (73 before the dense index), nothing per decision.
        double perContact = bytes / (double)requests.Length;
        Assert.True(perContact <= 78, $"Summarize allocated {bytes:N0} bytes for {requests.Length:N0} contacts ({perContact:F1} per contact); at most 78 expected.");
    }

    [Fact]
    public void DecideMany_WithAccountAndChannelCaps_AllocatesOneObjectPerContactNotEligible()
    {
        EligibilityPolicy policy = CappedPolicy();
        EligibilityRequest[] requests = EligibilityReferenceTests.Benchmarks(50_000);
        foreach (EligibilityDecision d in policy.DecideMany(EligibilityReferenceTests.Benchmarks(500), Now))
        {
            _ = d.Findings.Count; // warm-up
        }

        int notEligible = 0, oneFinding = 0;
        long bytes = AllocatedBy(() =>
        {
            foreach (EligibilityDecision d in policy.DecideMany(requests, Now))
            {
                notEligible += d.IsEligible ? 0 : 1;
                oneFinding += d.Findings.Count == 1 ? 1 : 0;
            }
        });

        // One object per decision not eligible, sized to its findings (about 136 bytes with one, 168 with two, 232 with
        // three or four; a source object plus an array of findings took 160, 208, 256 and 304), plus the batch's id set
        // and account index and array (265.6 bytes per decision in all when measured). A reason string or a second object per decision breaks
        // the bound.
        Assert.True(oneFinding > 0 && oneFinding < notEligible, $"{oneFinding} of {notEligible} decisions have one finding: both shapes must be measured");
        double perDecision = bytes / (double)notEligible;
        Assert.True(perDecision <= 280, $"DecideMany allocated {bytes:N0} bytes for {notEligible:N0} contacts not eligible ({perDecision:F1} each); at most 280 expected.");
    }
}
