using FsCheck.Fluent;
using NpsKit.Employee;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Employee;

public partial class EnpsReportTests
{
    [Fact]
    public void FromResponses_ShownCells_EqualTheirRespondentsAndMeetTheMinimum() => PropertyRunner.Check(
        Prop.ForAll(Seeds, seed =>
        {
            EnpsScenario s = EnpsScenario.FromSeed(seed);
            EnpsReport report = s.Report();
            var parent = s.Units.ToDictionary(u => u.Id, u => u.ParentId);
            foreach (EnpsCell cell in report.Cells.Where(c => c.Kind == EnpsCellKind.Unit && c.Dimension is null))
            {
                NpsTally expected = NpsTally.FromScores(s.Responses.Where(r => Below(r.UnitId, cell.UnitId, parent)).Select(r => r.Score));
                if (cell.TryGetTally(out NpsTally shown) && (shown != expected || shown.Count < s.Policy.MinimumRespondents))
                {
                    throw new InvalidOperationException($"{s}: {cell.Key} shows {shown}, expected {expected}");
                }

                if (cell.HasRespondentCount && cell.RespondentCount != expected.Count)
                {
                    throw new InvalidOperationException($"{s}: {cell.Key} count {cell.RespondentCount}, expected {expected.Count}");
                }
            }

            return report.Cells.All(c => c.IsSuppressed ? !c.TryGetTally(out _) && !c.TryGetScore(out _) && c.HasRespondentCount == s.Policy.ShowCountsForSuppressed : c.Tally.Count >= s.Policy.MinimumRespondents);
        }),
        maxTest: 200);

    [Fact]
    public void Comments_EachGroupMinusItsCommentedSubGroups_MeetsTheCommentMinimum() => PropertyRunner.Check(
        Prop.ForAll(Seeds, seed =>
        {
            EnpsScenario s = EnpsScenario.FromSeed(seed);
            EnpsReport report = s.Report();
            var parent = s.Units.ToDictionary(u => u.Id, u => u.ParentId);
            string UnitOf(string key) => key[(key.LastIndexOf('/') + 1)..];
            var groups = report.Comments.Select(c => UnitOf(c.GroupKey)).Distinct().ToList();
            foreach (string g in groups)
            {
                // The attacker subtracts every commented group below g; what is left must still be a crowd.
                var below = groups.Where(h => h != g && Below(h, g, parent)).ToList();
                var maximal = below.Where(h => !below.Any(o => o != h && Below(h, o, parent))).ToList();
                long left = s.Responses.Count(r => Below(r.UnitId, g, parent)) - maximal.Sum(h => s.Responses.Count(r => Below(r.UnitId, h, parent)));
                if (left < s.Policy.MinimumCommentRespondents)
                {
                    throw new InvalidOperationException($"{s}: comments under {g} narrow down to {left} respondents");
                }
            }

            // Every comment shown once, under a group its author belongs to, dated to the round.
            var authored = s.Responses.Where(r => r.Comment is not null).ToDictionary(r => r.Comment!, r => r.UnitId);
            return report.Comments.Select(c => c.Text).Distinct().Count() == report.Comments.Count
                && report.Comments.All(c => Below(authored[c.Text], UnitOf(c.GroupKey), parent) && c.RoundDate == EnpsScenario.Round.Date);
        }),
        maxTest: 200);

    private static bool Below(string unit, string ancestor, Dictionary<string, string?> parent)
    {
        for (string? u = unit; u is not null; u = parent[u])
        {
            if (u == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
