using FsCheck.Fluent;
using NpsKit.Eligibility;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Eligibility;

/// <summary>Issue #16: plans made as of a month, accounts added mid-cycle, and a cadence per tier.</summary>
public class RotationPlannerIssue16Tests
{
    private static readonly DateOnly Jan = new(2026, 1, 1);
    private static readonly DateOnly Apr = new(2026, 4, 1);

    private static readonly Dictionary<AccountTier, int> Cadence = new() { [AccountTier.A] = 3, [AccountTier.B] = 6, [AccountTier.C] = 12 };

    // Defect: an account added in April in place of a January one was planned for January (already past), so it was
    // never asked in the cycle. As of April it goes into April or later; the others keep their months.
    [Fact]
    public void AccountAddedInApril_InPlaceOfAJanuaryOne_GoesIntoARemainingMonth()
    {
        RotationAccount[] accounts = [.. Enumerable.Range(0, 12).Select(i => new RotationAccount($"a{i:D2}", 1000 + i))];
        var options = new RotationOptions { Start = Jan, CycleMonths = 12, Seed = 1 };
        RotationPlan first = RotationPlanner.Plan(accounts, options);
        string january = first.Months[0].AccountIds.Single();
        RotationAccount[] replaced = [.. accounts.Where(a => a.Id != january), new RotationAccount("newcomer", 1005.5m)];

        RotationPlan april = RotationPlanner.Plan(replaced, options with { AsOf = Apr }, first);

        Assert.True(april.TryGetAssignment("newcomer", out RotationAssignment slot));
        Assert.True(slot.Month >= Apr, $"planned for {slot.Month}");
        foreach (RotationAccount a in replaced.Where(a => a.Id != "newcomer"))
        {
            Assert.True(first.TryGetAssignment(a.Id, out RotationAssignment before));
            Assert.Equal(before, april.AssignmentsOf(a.Id).Single());
        }
    }

    [Fact]
    public void AsOfAfterTheLastMonth_IsUnscheduledWithTheReason()
    {
        var options = new RotationOptions { Start = Jan, CycleMonths = 3, AsOf = Apr };
        RotationPlan plan = RotationPlanner.Plan([new RotationAccount("late", 10)], options);
        Assert.Contains("next cycle", Assert.Single(plan.Unscheduled).Value, StringComparison.Ordinal);
    }

    // Defect: key accounts (tier A, 7% of revenue each) were asked as rarely as tier C. Tier A every quarter (4 asks a
    // year), B twice a year, C once: 2 A + 4 B + 6 C = 8 + 8 + 6 = 22 slots in 12 months, 2 a month (ceil 22/12).
    [Fact]
    public void CadencePerTier_AsksKeyAccountsEveryQuarter()
    {
        RotationAccount[] accounts =
        [
            new("A1", 70_000, AccountTier.A), new("A2", 70_000, AccountTier.A),
            .. Enumerable.Range(0, 4).Select(i => new RotationAccount($"B{i}", 30_000, AccountTier.B)),
            .. Enumerable.Range(0, 6).Select(i => new RotationAccount($"C{i}", 10_000, AccountTier.C)),
        ];
        RotationPlan plan = RotationPlanner.Plan(accounts, new RotationOptions { Start = Jan, CycleMonths = 12, CadenceMonths = Cadence });

        Assert.Equal(22, plan.Assignments.Count);
        foreach (RotationAccount a in accounts)
        {
            IReadOnlyList<RotationAssignment> slots = plan.AssignmentsOf(a.Id);
            int k = Cadence[a.Tier];
            Assert.Equal(12 / k, slots.Count);
            Assert.All(slots.Zip(slots.Skip(1)), p => Assert.Equal(k, p.Second.MonthIndex - p.First.MonthIndex));
        }

        Assert.All(plan.Months, m => Assert.InRange(m.AccountIds.Count, 1, 2));
        Assert.Equal(1.0, plan.Months[^1].CumulativeRevenueShare, 12);
        Assert.True(plan.Months.Sum(m => m.RevenueShare) > 1); // key accounts' revenue is covered four times
    }

    [Fact]
    public void Cadence_NotDividingTheCycle_IsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => RotationPlanner.Plan([new RotationAccount("a", 1, AccountTier.A)],
            new RotationOptions { Start = Jan, CycleMonths = 12, CadenceMonths = new Dictionary<AccountTier, int> { [AccountTier.A] = 5 } }));
        Assert.Contains("CadenceMonths[A] is 5", ex.Message, StringComparison.Ordinal);
    }

    private static RotationAccount[] Random(int n, ulong seed)
    {
        var rng = new SplitMix64(seed);
        return [.. Enumerable.Range(0, n).Select(i => new RotationAccount($"acct-{seed}-{i:D3}", Math.Round((decimal)(1000 + (rng.NextDouble() * 99_000)), 2), (AccountTier)rng.NextInt(4))
        {
            LastSurveyedMonth = rng.NextInt(4) == 0 ? Jan.AddMonths(-rng.NextInt(6)) : null,
        })];
    }

    // Coverage: every account is asked at its tier's cadence from its first allowed month (as of, rest period) to the
    // cycle's end, never before the as-of month when newly placed; each slot is k months after the previous.
    [Fact]
    public void Coverage_WithTiersAndAsOf_EveryAccountAtItsCadenceFromItsFirstAllowedMonth() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(1, 60).ToArbitrary(), Gen.Choose(0, 11).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (n, asOf, seed) =>
        {
            RotationAccount[] accounts = Random(n, (ulong)seed);
            var options = new RotationOptions { Start = Jan, CycleMonths = 12, AsOf = Jan.AddMonths(asOf), RestMonths = 3, CadenceMonths = Cadence, Seed = (ulong)seed };
            RotationPlan plan = RotationPlanner.Plan(accounts, options);
            foreach (RotationAccount a in accounts)
            {
                IReadOnlyList<RotationAssignment> slots = plan.AssignmentsOf(a.Id);
                int k = a.Tier == AccountTier.None ? 12 : Cadence[a.Tier];
                int rest = a.LastSurveyedMonth is { } last ? Math.Max(0, ((last.Year - Jan.Year) * 12) + last.Month - 1 + 3) : 0;
                int earliest = Math.Max(asOf, rest);
                if (earliest >= 12)
                {
                    continue;
                }

                int expected = ((11 - earliest) / k) + 1; // every k months from the first allowed month to the cycle's end
                if (slots.Count != expected || slots[0].MonthIndex < earliest || slots[0].MonthIndex >= earliest + k)
                {
                    return false;
                }

                if (slots.Zip(slots.Skip(1)).Any(p => p.Second.MonthIndex - p.First.MonthIndex != k) || slots[^1].MonthIndex + k < 12)
                {
                    return false;
                }
            }

            return plan.Months[^1].CumulativeRevenueShare is 0 or > 0.999999;
        }),
        maxTest: 100);

    // Stability: adding or removing accounts (as of a later month) moves no other account's months.
    [Fact]
    public void Stability_WithTiersAndAsOf_AddingOrRemovingMovesNoOtherAccount() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(2, 50).ToArbitrary(), Gen.Choose(0, 11).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (n, asOf, seed) =>
        {
            RotationAccount[] accounts = Random(n, (ulong)seed);
            var options = new RotationOptions { Start = Jan, CycleMonths = 12, CadenceMonths = Cadence, Seed = 7 };
            RotationPlan before = RotationPlanner.Plan(accounts, options);
            RotationAccount[] changed = [.. accounts.Skip(1), .. Random(3, (ulong)seed + 5000)];
            RotationPlan after = RotationPlanner.Plan(changed, options with { AsOf = Jan.AddMonths(asOf) }, before);
            return accounts.Skip(1).All(a => before.AssignmentsOf(a.Id).SequenceEqual(after.AssignmentsOf(a.Id)))
                && Random(3, (ulong)seed + 5000).All(a => after.AssignmentsOf(a.Id).All(s => s.MonthIndex >= asOf));
        }),
        maxTest: 100);
}
