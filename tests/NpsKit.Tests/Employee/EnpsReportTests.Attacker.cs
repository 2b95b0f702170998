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

public class EnpsSingleReportRegressionTests
{
    [Fact]
    public void FromResponses_SameShapeAsBefore_HidesNoMoreThanBefore()
    {
        // The engine before the publication history, run on the same 400 seeded scenarios (TestData): wherever the report
        // has the same cells as then (every unit with people answered, every value seen in every group), the one-pass
        // audit hides fewer cells in all (measured: 2,116 against 2,142 over 246 reports, 5 reports fewer, 2 reports one
        // more — seeds 54 and 210, where the other greedy order happened to find a smaller protection), never more than
        // one more in a report.
        int compared = 0;
        long now = 0, before = 0;
        var worse = new List<string>();
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "enps-hidden-before-issue15.tsv")).Where(l => !l.StartsWith('#')))
        {
            string[] f = line.Split('\t');
            EnpsReport report = EnpsScenario.FromSeed(ulong.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture)).Report();
            string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", report.Cells.Select(c => c.Key)))));
            if (hash == f[1])
            {
                compared++;
                int hidden = report.Cells.Count(c => c.IsSuppressed);
                int then = int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture);
                now += hidden;
                before += then;
                Assert.True(hidden <= then + 1, $"seed {f[0]} hides {hidden} cells, {then} before");
                if (hidden > then)
                {
                    worse.Add(f[0]);
                }
            }
        }

        Assert.True(compared >= 200, $"only {compared} scenarios had the same shape as before");
        Assert.True(now <= before, $"{now} cells hidden in all, {before} before");
        Assert.True(worse.Count * 50 <= compared, $"{worse.Count} of {compared} reports hide more than before: {string.Join(", ", worse)}");
    }
}
