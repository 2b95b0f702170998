using FsCheck;
using FsCheck.Fluent;
using NpsKit.Employee;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Employee;

public partial class EnpsReportTests
{
    private static readonly Arbitrary<ulong> Seeds = Gen.Choose(0, int.MaxValue).Select(s => (ulong)s).ToArbitrary();

    [Fact]
    public void FromResponses_AttackerWithEveryPublishedNumber_NeverDeterminesASuppressedCell() => PropertyRunner.Check(
        Prop.ForAll(Seeds, seed =>
        {
            EnpsScenario scenario = EnpsScenario.FromSeed(seed);
            EnpsReport report = scenario.Report();
            var attacker = new DisclosureAttacker(scenario, report);
            var leaks = report.Cells
                .Where(c => c.IsSuppressed)
                .Select(c => (c.Key, Found: attacker.Recovered(c, report)))
                .Where(x => x.Found.Count > 0)
                .Select(x => $"{x.Key}: {string.Join(",", x.Found)}")
                .ToList();
            if (leaks.Count > 0)
            {
                throw new InvalidOperationException($"{scenario} leaks {string.Join("; ", leaks)}\n{string.Join("\n", report.Cells)}");
            }
        }),
        maxTest: 300);

    [Fact]
    public void FromResponses_AttackerAgainstPrimarySuppressionOnly_RecoversHiddenCells()
    {
        // The attacker is strong enough to matter: publish every cell that was hidden only to protect others
        // (primary suppression alone, as naive dashboards do) and it recovers hidden cells in most reports.
        int withProtection = 0, broken = 0;
        for (ulong seed = 1; seed <= 200; seed++)
        {
            EnpsScenario scenario = EnpsScenario.FromSeed(seed);
            EnpsReport report = scenario.Report();
            var secondary = report.Cells
                .Where(c => c.Reason is SuppressionReason.ProtectsCell or SuppressionReason.OverlapsCell or SuppressionReason.FoldedIntoOther)
                .Select(c => c.Key)
                .ToHashSet();
            if (secondary.Count == 0)
            {
                continue;
            }

            withProtection++;
            var attacker = new DisclosureAttacker(scenario, report, secondary);
            if (report.Cells.Any(c => c.IsSuppressed && !secondary.Contains(c.Key) && attacker.Recovered(c, report).Count > 0))
            {
                broken++;
            }
        }

        Assert.True(withProtection >= 50, $"only {withProtection} scenarios needed protection");
        Assert.True(broken * 10 >= withProtection * 9, $"primary-only suppression was broken in {broken} of {withProtection} scenarios");
    }
}
