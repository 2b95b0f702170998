using FsCheck;
using FsCheck.Fluent;
using NpsKit.Employee;
using NpsKit.TestUtilities;
using Xunit.Abstractions;

namespace NpsKit.Tests.Employee;

/// <summary>
/// Inference from published zeros (<see cref="AnonymityPolicy.ProtectAgainstZeroInference"/>): a shown group with no
/// answer of some score tells that none of its members gave it, which the linear audit does not see.
/// </summary>
public class ZeroInferenceTests(ITestOutputHelper output)
{
    private static readonly Arbitrary<ulong> Seeds = Gen.Choose(0, int.MaxValue).Select(s => (ulong)s).ToArbitrary();

    /// <summary>Two teams of two, one person of each team at each of two sites, minimum 2: T1 answered 9 (north) and
    /// 5 (south), T2 7 (north) and 8 (south).</summary>
    private static EnpsScenario TwoTeamsTwoSites(bool countsShown, bool zeros) => new(
        [new("Co", null), new("T1", "Co"), new("T2", "Co")],
        [
            new("T1", 9, "a", new Dictionary<string, string> { ["site"] = "N" }),
            new("T1", 5, "b", new Dictionary<string, string> { ["site"] = "S" }),
            new("T2", 7, "c", new Dictionary<string, string> { ["site"] = "N" }),
            new("T2", 8, "d", new Dictionary<string, string> { ["site"] = "S" }),
        ],
        ["site"],
        new AnonymityPolicy { MinimumRespondents = 2, ShowCountsForSuppressed = countsShown, ProtectAgainstZeroInference = zeros },
        0);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LinearAuditOnly_TwoTeamsTwoSites_ZerosGiveAwayAnswers(bool countsShown)
    {
        // The defect: the linear audit passes this report, and reading its zeros gives one person's answer.
        EnpsScenario s = TwoTeamsTwoSites(countsShown, zeros: false);
        EnpsReport report = s.Report();
        var attacker = new DisclosureAttacker(s, report);
        Assert.All(report.Cells.Where(c => c.IsSuppressed), c => Assert.Empty(attacker.Recovered(c, report)));
        var recovered = report.Cells.Where(c => c.IsSuppressed).Select(c => (c.Key, Scores: attacker.RecoveredScores(c, report))).Where(x => x.Scores.Count > 0).ToList();
        Assert.NotEmpty(recovered);
        output.WriteLine(string.Join("\n", report.Cells));
        output.WriteLine(string.Join("; ", recovered.Select(x => $"{x.Key}: {string.Join(",", x.Scores)}")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ZeroAwareAudit_TwoTeamsTwoSites_NoScoreOfAHiddenCellFollows(bool countsShown)
    {
        EnpsScenario s = TwoTeamsTwoSites(countsShown, zeros: true);
        EnpsReport report = s.Report();
        var attacker = new DisclosureAttacker(s, report);
        var leaks = report.Cells.Where(c => c.IsSuppressed)
            .Select(c => (c.Key, Scores: attacker.RecoveredScores(c, report), Linear: attacker.Recovered(c, report)))
            .Where(x => x.Scores.Count > 0 || x.Linear.Count > 0)
            .Select(x => $"{x.Key}: scores {string.Join(",", x.Scores)} {string.Join(",", x.Linear)}")
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("; ", leaks) + "\n" + string.Join("\n", report.Cells));
        Assert.Contains(report.Cells, c => !c.IsSuppressed);
        output.WriteLine(string.Join("\n", report.Cells));
    }

    [Fact]
    public void FromResponses_ZeroReadingAttacker_NeverDeterminesAScoreOfASuppressedCell() => PropertyRunner.Check(
        Prop.ForAll(Seeds, seed =>
        {
            EnpsScenario scenario = EnpsScenario.FromSeed(seed);
            EnpsReport report = scenario.Report(scenario.ZeroAware);
            var attacker = new DisclosureAttacker(scenario, report);
            var leaks = report.Cells
                .Where(c => c.IsSuppressed)
                .Select(c => (c.Key, Found: attacker.RecoveredScores(c, report)))
                .Where(x => x.Found.Count > 0)
                .Select(x => $"{x.Key}: scores {string.Join(",", x.Found)}")
                .ToList();
            if (leaks.Count > 0)
            {
                throw new InvalidOperationException($"{scenario} leaks {string.Join("; ", leaks)}\n{string.Join("\n", report.Cells)}");
            }
        }),
        maxTest: 300);

    [Fact]
    public void LinearAuditOnly_RandomReports_ZeroReadingAttackerBreaksSome_AndTheZeroAuditHidesMoreOnlyThere()
    {
        // The attacker is strong enough to matter, and the extra cells the zero-aware audit hides are needed: wherever it
        // hides more than the linear audit alone, the linear audit's report gives a hidden cell's score away.
        int broken = 0, more = 0, extra = 0, cellsLinear = 0;
        var needless = new List<string>();
        for (ulong seed = 1; seed <= 200; seed++)
        {
            EnpsScenario s = EnpsScenario.FromSeed(seed);
            EnpsReport linear = s.Report(s.LinearOnly);
            EnpsReport zeroAware = s.Report(s.ZeroAware);
            var attacker = new DisclosureAttacker(s, linear);
            bool leaks = linear.Cells.Any(c => c.IsSuppressed && attacker.RecoveredScores(c, linear).Count > 0);
            broken += leaks ? 1 : 0;
            int hiddenLinear = linear.Cells.Count(c => c.IsSuppressed);
            int hiddenZero = zeroAware.Cells.Count(c => c.IsSuppressed);
            cellsLinear += hiddenLinear;
            if (hiddenZero > hiddenLinear)
            {
                more++;
                extra += hiddenZero - hiddenLinear;
                if (!leaks)
                {
                    needless.Add($"seed {seed}: {hiddenZero} hidden, {hiddenLinear} with the linear audit, which does not leak");
                }
            }
        }

        Assert.True(broken >= 20, $"the zero-reading attacker broke only {broken} of 200 linear-audit reports");
        Assert.True(needless.Count == 0, string.Join("; ", needless));
        Assert.True(more <= broken, $"{more} reports hide more, {broken} leaked");
        output.WriteLine($"of 200 seeded reports, the linear audit alone leaked a score in {broken}; the zero-aware audit hides more in {more}, {extra} cells beyond the linear audit's {cellsLinear}");
    }
}
