using NpsKit.Employee;

namespace NpsKit.Tests.Employee.Publishing;

/// <summary>The four attacks of issue #15, run on the seeded org of 206 people.</summary>
public class PublicationLeakTests
{
    private static readonly SeededOrg Org = new();

    private static PublicationAttacker NewAttacker() =>
        new(new Dictionary<string, string[]> { ["tenure"] = SeededOrg.Tenures });

    /// <summary>Each report made on its own, as the library did before the publication history.</summary>
    private static List<string> LeaksWithoutHistory(IEnumerable<LeakScenarios.Step> steps)
    {
        PublicationAttacker attacker = NewAttacker();
        foreach (LeakScenarios.Step s in steps)
        {
            EnpsReport report = EnpsReport.FromResponses(s.Round, s.Units, s.Respondents.Select(p => p.Response), s.Policy, s.Options);
            attacker.Observe(LeakScenarios.Observe(report, s));
        }

        return attacker.Leaks();
    }

    [Fact]
    public void WithoutHistory_EachReportAlone_Holds()
    {
        foreach (var steps in new[] { LeakScenarios.LiveRerun(Org, out _), LeakScenarios.JoinerAndLeaver(Org, out _, out _), LeakScenarios.TwoMinimums(Org) })
        {
            foreach (LeakScenarios.Step step in steps)
            {
                Assert.Empty(LeaksWithoutHistory([step]));
            }
        }
    }

    [Fact]
    public void WithoutHistory_LiveRerunAfterOneAnswer_GivesThatAnswer()
    {
        // The late answer is division head D2's: the company, D2 and D2's tenure cell each differ by that one answer.
        List<string> leaks = LeaksWithoutHistory(LeakScenarios.LiveRerun(Org, out Employee late));
        Assert.Equal("D2", late.Unit);
        Assert.Contains($"the answer of respondent {late.Id} is determined", leaks);
        Assert.Contains("2026 Q4 Co minus 2026 Q4 Co is 1 respondent(s)", leaks);
    }

    [Fact]
    public void WithoutHistory_NextRoundWithJoinerAndLeaver_GivesBothAnswers()
    {
        List<string> leaks = LeaksWithoutHistory(LeakScenarios.JoinerAndLeaver(Org, out Employee joiner, out Employee leaver));
        Assert.Contains($"the answer of respondent {joiner.Id} is determined", leaks);
        Assert.Contains($"the answer of respondent {leaver.Id} is determined", leaks);
    }

    [Fact]
    public void WithoutHistory_SameRoundAtTwoMinimums_DeterminesAHiddenGroup()
    {
        // Which pair of minimums leaks depends on which cells each report hides to protect others (the issue's
        // measurement found 5 and 10 with the greedy of that time; the audit's better choice closes that pair by luck,
        // not by design). The attacker finds a pair that leaks, and the history stops that same pair.
        (int First, int Second)? leaking = null;
        foreach ((int first, int second) in new[] { (5, 10), (3, 5), (3, 10), (4, 8), (5, 7), (3, 6), (5, 8), (4, 10), (3, 7), (6, 10) })
        {
            if (LeaksWithoutHistory(LeakScenarios.TwoMinimums(Org, first, second)).Any(l => l.Contains("hidden cell", StringComparison.Ordinal)))
            {
                leaking = (first, second);
                break;
            }
        }

        Assert.NotNull(leaking);
        (List<string> leaks, _) = PublicationHistoryTests.PublishAll(LeakScenarios.TwoMinimums(Org, leaking.Value.First, leaking.Value.Second));
        Assert.Empty(leaks);
    }
}

/// <summary>Issue #15, attack 4: whether a hidden person answered must not show in the report's shape or texts.</summary>
public class ParticipationTests
{
    private static readonly SeededOrg Org = new();

    private static EnpsReport Report(IEnumerable<Employee> people) =>
        EnpsReport.FromResponses(LeakScenarios.Q4, Org.Units, people.Select(p => p.Response), AnonymityPolicy.Default, LeakScenarios.Tenure);

    private static string Shape(EnpsReport r) =>
        string.Join("\n", r.Cells.Select(c => c.IsSuppressed ? $"{c.Key}: hidden {c.Reason} {c.RelatedCellKey} {c.Explanation}" : $"{c.Key}: shown"));

    [Theory]
    [InlineData("one-person team")]
    [InlineData("division head")]
    public void Report_HiddenPersonAnsweredOrNot_LooksTheSame(string who)
    {
        Employee person = who == "division head"
            ? Org.People.First(p => p.Unit == "D1")
            : Org.People.Single(p => p.Unit == Org.Teams[0]);
        string with = Shape(Report(Org.People));
        string without = Shape(Report(Org.People.Where(p => p != person)));
        Assert.Equal(with, without);
    }

    [Fact]
    public void Report_NoTextOrKeyNamesAHiddenCell()
    {
        EnpsReport report = Report(Org.People);
        var hidden = report.Cells.Where(c => c.IsSuppressed).Select(c => c.Key).ToHashSet();
        foreach (EnpsCell cell in report.Cells)
        {
            Assert.False(cell.RelatedCellKey is not null && hidden.Contains(cell.RelatedCellKey), $"{cell.Key} names hidden cell {cell.RelatedCellKey}");
            Assert.DoesNotContain(hidden, h => cell.Explanation.Contains("'" + h + "'", StringComparison.Ordinal));
        }
    }
}

/// <summary>The same four sequences published through the history: the attacker finds nothing.</summary>
public class PublicationHistoryTests
{
    private static readonly SeededOrg Org = new();

    internal static (List<string> Leaks, List<EnpsPublication> Publications) PublishAll(IEnumerable<LeakScenarios.Step> steps)
    {
        var attacker = new PublicationAttacker(new Dictionary<string, string[]> { ["tenure"] = SeededOrg.Tenures });
        EnpsPublicationHistory history = EnpsPublicationHistory.Empty;
        var publications = new List<EnpsPublication>();
        foreach (LeakScenarios.Step s in steps)
        {
            EnpsPublication p = EnpsReport.Publish(s.Round, s.Units, s.Respondents.Select(e => e.Response), history, new EnpsPublishOptions(s.At), s.Policy, s.Options);
            history = p.History;
            publications.Add(p);
            attacker.Observe(LeakScenarios.Observe(p.Report, s));
        }

        return (attacker.Leaks(), publications);
    }

    [Fact]
    public void Publish_LiveRerunAfterOneAnswer_LeaksNothing()
    {
        (List<string> leaks, _) = PublishAll(LeakScenarios.LiveRerun(Org, out _));
        Assert.Empty(leaks);
    }

    [Fact]
    public void Publish_NextRoundWithJoinerAndLeaver_LeaksNothing()
    {
        (List<string> leaks, _) = PublishAll(LeakScenarios.JoinerAndLeaver(Org, out _, out _));
        Assert.Empty(leaks);
    }

    [Fact]
    public void Publish_SameRoundAtMinimum5And10_LeaksNothing()
    {
        (List<string> leaks, _) = PublishAll(LeakScenarios.TwoMinimums(Org));
        Assert.Empty(leaks);
    }
}
