using FsCheck.Fluent;
using NpsKit.Eligibility;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Eligibility;

public class RotationPlannerTests
{
    private static readonly DateOnly Jan = new(2026, 1, 1);

    private static RotationAccount[] Accounts(int n, ulong seed, int idOffset = 0)
    {
        var rng = new SplitMix64(seed);
        return [.. Enumerable.Range(idOffset, n).Select(i => new RotationAccount($"acct-{i:D3}", Math.Round((decimal)(1000 + (rng.NextDouble() * 99_000)), 2), (AccountTier)rng.NextInt(4)))];
    }

    [Fact]
    public void Plan_HundredAccountsTenAMonth_AsksEachOnceOverTenMonthsWithEvenRevenue()
    {
        RotationAccount[] accounts = Accounts(100, 7);
        RotationPlan plan = RotationPlanner.Plan(accounts, new RotationOptions { Start = Jan, MonthlyQuota = 10, Seed = 42 });
        Assert.Equal(10, plan.CycleMonths);
        Assert.All(plan.Months, m => Assert.Equal(10, m.AccountIds.Count));
        Assert.Equal(accounts.Select(a => a.Id).Order(), plan.Assignments.Select(a => a.AccountId).Order());
        double max = plan.Months.Max(m => m.RevenueShare), min = plan.Months.Min(m => m.RevenueShare);
        Assert.True(max - min < 0.02, $"revenue shares spread from {min:P2} to {max:P2}");
        Assert.Equal(1.0, plan.Months[^1].CumulativeRevenueShare, 12);
        Assert.Equal(new DateOnly(2026, 10, 1), plan.Months[^1].Month);
    }

    [Fact]
    public void Plan_SameSeed_IsDeterministic()
    {
        var options = new RotationOptions { Start = Jan, CycleMonths = 4, Seed = 3 };
        RotationAccount[] accounts = [.. Enumerable.Range(0, 20).Select(i => new RotationAccount("a" + i, 100))]; // all ties
        Assert.Equal(RotationPlanner.Plan(accounts, options).Assignments, RotationPlanner.Plan(accounts.Reverse(), options).Assignments);
        Assert.NotEqual(RotationPlanner.Plan(accounts, options).Assignments, RotationPlanner.Plan(accounts, options with { Seed = 4 }).Assignments);
    }

    [Fact]
    public void Plan_RestPeriodAndExclusions_AreRespected()
    {
        RotationAccount[] accounts =
        [
            new("recent", 500) { LastSurveyedMonth = new DateOnly(2025, 12, 1) },
            new("too-recent", 500) { LastSurveyedMonth = new DateOnly(2026, 6, 1) },
            new("churning", 900) { Excluded = true },
            new("x", 100), new("y", 100), new("z", 100),
        ];
        RotationPlan plan = RotationPlanner.Plan(accounts, new RotationOptions { Start = Jan, CycleMonths = 6, RestMonths = 3 });
        Assert.True(plan.TryGetAssignment("recent", out var slot));
        Assert.True(slot.Month >= new DateOnly(2026, 3, 1));
        Assert.Equal(["churning"], plan.Excluded);
        Assert.Equal("too-recent", Assert.Single(plan.Unscheduled).Key);
        Assert.False(plan.TryGetAssignment("churning", out _));
    }

    [Fact]
    public void Plan_EveryAccount_ExactlyOncePerCycle() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var rng = new SplitMix64((ulong)seed);
            int n = 1 + rng.NextInt(150);
            RotationAccount[] accounts = Accounts(n, (ulong)seed);
            var options = rng.NextInt(2) == 0
                ? new RotationOptions { Start = Jan, MonthlyQuota = 1 + rng.NextInt(20), Seed = (ulong)seed }
                : new RotationOptions { Start = Jan, CycleMonths = 1 + rng.NextInt(12), Seed = (ulong)seed };
            RotationPlan plan = RotationPlanner.Plan(accounts, options);
            var ids = plan.Assignments.Select(a => a.AccountId).ToList();
            int capacity = options.MonthlyQuota ?? (n + plan.CycleMonths - 1) / plan.CycleMonths;
            return ids.Count == n && ids.Distinct().Count() == n
                && plan.Months.All(m => m.AccountIds.Count <= capacity)
                && plan.Assignments.All(a => a.MonthIndex >= 0 && a.MonthIndex < plan.CycleMonths);
        }),
        200);

    [Fact]
    public void Plan_AccountsAddedOrRemoved_KeepsExistingSlots() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var rng = new SplitMix64((ulong)seed);
            RotationAccount[] accounts = Accounts(20 + rng.NextInt(80), (ulong)seed);
            var options = new RotationOptions { Start = Jan, CycleMonths = 10, Seed = 1 };
            RotationPlan first = RotationPlanner.Plan(accounts, options);
            RotationAccount[] changed = [.. accounts.Where(_ => rng.NextInt(5) != 0), .. Accounts(rng.NextInt(15), (ulong)seed + 1, 1000)];
            RotationPlan second = RotationPlanner.Plan(changed, options, first);
            bool kept = changed.All(a => !first.TryGetAssignment(a.Id, out var before) || (second.TryGetAssignment(a.Id, out var after) && after == before));
            return kept && second.Assignments.Count == changed.Length;
        }),
        200);

    [Fact]
    public void Plan_BadInput_ReportsProblems()
    {
        Assert.Contains("Duplicate account id 'a'", Assert.Throws<ArgumentException>(() =>
            RotationPlanner.Plan([new RotationAccount("a"), new RotationAccount("a")], new RotationOptions { Start = Jan, MonthlyQuota = 1 })).Message, StringComparison.Ordinal);
        var ex = Assert.Throws<ArgumentException>(() => RotationPlanner.Plan([], new RotationOptions { Start = new DateOnly(2026, 1, 15), RestMonths = -1 }));
        Assert.Contains("first day", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exactly one of MonthlyQuota and CycleMonths", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RestMonths", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RotationAccount("r", -1m));
    }
}
