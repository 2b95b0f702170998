using NpsKit.Employee;
using NpsKit.Employee.Internal;
using NpsKit.TestUtilities;
using Xunit.Abstractions;

namespace NpsKit.Tests.Employee;

/// <summary>
/// Issue #15's information loss: how many cells a report hides beyond the primary suppression (cells below the
/// minimum), against the fewest any protection could hide, found by exhaustive search on small cross-tabbed reports.
/// </summary>
/// <remarks>
/// A protection is valid here when it meets what the engine guarantees: no hidden cell is a rational combination of
/// the shown cells (exact, over the rationals: <see cref="RationalSpan"/>), no shown cell nests in another 1 to k − 1
/// respondents apart, and wherever a shown total has hidden parts there are at least two and together they reach the
/// minimum. The search tries every set of extra cells, smallest first.
/// </remarks>
public class InformationLossTests(ITestOutputHelper output)
{
    private static readonly SurveyRound Round = new("2026 Q4", new DateOnly(2026, 11, 20));

    private static readonly ComplementaryChoice[] Choices = [ComplementaryChoice.Fewest, ComplementaryChoice.OnePass, ComplementaryChoice.NeighbourFirst];

    [Fact]
    public void FromResponses_SmallCrossTabbedReports_HideCloseToTheExhaustiveOptimum()
    {
        // Measured (2026-12-02): 59 reports; the optimum hides 112 cells beyond the primary suppression. The one-pass
        // audit alone (with its prune) hides 146 (1.30 times; 39 reports at the optimum, worst 4 more); the
        // neighbour-first audit of the engine before issue #15 151 (1.35 times; 35, worst 5); the published choice, the
        // fewer of the two per report, 146. (An exchange search on top — hide one cell, prune, keep if fewer — reached
        // 129, 1.15 times, but the attacker property found a leak in one of its reports; it is not shipped.) The bounds
        // below hold the published choice's figures, so a change that loses more information fails here.
        (int compared, int optimumExtra, int[] atOptimum, int[] engineExtra, int[] worst, string measured) = Measure(zeros: false);
        Assert.True(compared >= 50, measured);
        Assert.True(engineExtra.All(e => engineExtra[0] <= e), measured);
        Assert.True(engineExtra[0] * 100 <= optimumExtra * 131, measured);
        Assert.True(atOptimum[0] * 3 >= compared * 2 - 3, measured);
        Assert.True(worst[0] <= 4, measured);
    }

    [Fact]
    public void FromResponses_ZeroAwareAudit_SmallCrossTabbedReports_AgainstTheExhaustiveZeroAwareOptimum()
    {
        // The same reports with ProtectAgainstZeroInference, against the fewest cells any protection could
        // hide that also keeps every positive count of a hidden cell's scores undetermined once zeros are read.
        // Measured (2026-12-03, the one-pass zero audit before the exact check): the zero-aware optimum hides 187 cells
        // beyond the primary suppression (112 for the linear guarantee: what reading zeros costs on these small
        // reports); the published choice hides 222 (1.19 times; 38 of 59 reports at the optimum, worst 4 more), the
        // one-pass audit alone the same, the neighbour-first audit 226. (Before, with the exact check's neighbour
        // search alone: 230, 1.23 times.) The bounds hold the published choice's figures.
        (int compared, int optimumExtra, int[] atOptimum, int[] engineExtra, int[] worst, string measured) = Measure(zeros: true);
        Assert.True(compared >= 50, measured);
        Assert.True(engineExtra[0] * 100 <= optimumExtra * ZeroAwareTimesOptimumPercent, measured);
        Assert.True(worst[0] <= ZeroAwareWorst, measured);
        Assert.True(atOptimum[0] >= 38, measured);
        Assert.True(engineExtra.All(e => engineExtra[0] <= e), measured);
    }

    private const int ZeroAwareTimesOptimumPercent = 120;

    private const int ZeroAwareWorst = 4;

    private (int Compared, int OptimumExtra, int[] AtOptimum, int[] EngineExtra, int[] Worst, string Measured) Measure(bool zeros)
    {
        int compared = 0, optimumExtra = 0;
        int[] atOptimum = new int[Choices.Length], engineExtra = new int[Choices.Length], worst = new int[Choices.Length];
        for (ulong seed = 1; seed <= 60; seed++)
        {
            (List<OrgUnit> units, List<EnpsResponse> responses, EnpsReportOptions options, AnonymityPolicy policy) = Scenario(seed);
            policy = policy.WithProtectAgainstZeroInference(zeros);
            EnpsReport report = EnpsReport.FromResponses(Round, units, responses, policy, options);
            var cells = report.Cells.ToList();
            int k = policy.MinimumRespondents;
            var members = cells.Select(c => Members(c, units, responses)).ToList();
            bool[] primary = cells.Select(c => c.Reason is SuppressionReason.BelowMinimum).ToArray();
            var free = Enumerable.Range(0, cells.Count).Where(i => !primary[i]).ToList();
            if (free.Count > 16 || !cells.Any(c => c.Reason == SuppressionReason.BelowMinimum))
            {
                continue;
            }

            int best = -1;
            for (int size = 0; size <= free.Count && best < 0; size++)
            {
                foreach (int[] extra in Choose(free, size))
                {
                    bool[] hidden = (bool[])primary.Clone();
                    foreach (int i in extra)
                    {
                        hidden[i] = true;
                    }

                    if (Valid(cells, members, hidden, k, zeros ? responses : null))
                    {
                        best = size;
                        break;
                    }
                }
            }

            compared++;
            optimumExtra += best;
            for (int m = 0; m < Choices.Length; m++)
            {
                List<EnpsCell> mineCells = m == 0 ? cells : EnpsEngine.Run(Round, units, responses, policy.Validate(), options.Validate(), null, Choices[m]).Cells;
                Assert.Equal(cells.Select(c => c.Key), mineCells.Select(c => c.Key));
                bool[] engine = mineCells.Select(c => c.IsSuppressed).ToArray();
                Assert.True(Valid(cells, members, engine, k, zeros ? responses : null), $"seed {seed}, {Choices[m]}: the engine's own protection fails the check");
                int mine = engine.Count(h => h) - primary.Count(p => p);
                Assert.True(best >= 0 && mine >= best, $"seed {seed}, {Choices[m]}: optimum {best}, engine {mine}");
                engineExtra[m] += mine;
                worst[m] = Math.Max(worst[m], mine - best);
                atOptimum[m] += mine == best ? 1 : 0;
            }
        }

        string Line(int m) => $"{(zeros ? "zero-aware" : "linear")} {Choices[m]}: {atOptimum[m]} of {compared} reports at the optimum; extra cells hidden {engineExtra[m]} against the optimum's {optimumExtra} ({(double)engineExtra[m] / optimumExtra:F2}x); worst report {worst[m]} more";
        for (int m = 0; m < Choices.Length; m++)
        {
            output.WriteLine(Line(m));
        }

        return (compared, optimumExtra, atOptimum, engineExtra, worst, Line(0));
    }

    /// <summary>A company of 2–3 departments of 1–3 teams of 1–7 answers, cross-tabbed by one or two two-valued
    /// dimensions, minimum 3 or 5.</summary>
    private static (List<OrgUnit>, List<EnpsResponse>, EnpsReportOptions, AnonymityPolicy) Scenario(ulong seed)
    {
        var rng = new SplitMix64(seed * 7919);
        var units = new List<OrgUnit> { new("Co", null, 0) };
        var responses = new List<EnpsResponse>();
        bool twoDims = rng.NextInt(2) == 0;
        int teams = 2 + rng.NextInt(2);
        for (int t = 0; t < teams; t++)
        {
            units.Add(new OrgUnit("T" + t, "Co"));
            int people = 1 + rng.NextInt(7);
            for (int p = 0; p < people; p++)
            {
                var attributes = new Dictionary<string, string> { ["tenure"] = rng.NextInt(2) == 0 ? "new" : "old" };
                if (twoDims)
                {
                    attributes["site"] = rng.NextInt(2) == 0 ? "N" : "S";
                }

                responses.Add(new EnpsResponse("T" + t, rng.NextInt(11), null, attributes));
            }
        }

        var options = new EnpsReportOptions { Dimensions = twoDims ? ["tenure", "site"] : ["tenure"] };
        return (units, responses, options, AnonymityPolicy.Default.WithMinimumRespondents(rng.NextInt(2) == 0 ? 3 : 5));
    }

    private static int[] Members(EnpsCell cell, List<OrgUnit> units, List<EnpsResponse> responses)
    {
        var result = new List<int>();
        for (int i = 0; i < responses.Count; i++)
        {
            EnpsResponse r = responses[i];
            bool inUnit = cell.UnitId == "Co" ? cell.Kind != EnpsCellKind.DirectMembers : r.UnitId == cell.UnitId;
            bool inValue = cell.Dimension is null || r.Attributes![cell.Dimension] == cell.DimensionValue;
            if (inUnit && inValue)
            {
                result.Add(i);
            }
        }

        return [.. result];
    }

    /// <param name="scores">With the answers: also zero-aware — for every score, the shown cells holding it span the
    /// people not in a shown cell without it, and no hidden cell's positive count of a score lies in that span.</param>
    private static bool Valid(List<EnpsCell> cells, List<int[]> members, bool[] hidden, int k, List<EnpsResponse>? scores)
    {
        var shown = Enumerable.Range(0, cells.Count).Where(i => !hidden[i]).ToList();
        foreach (int a in shown)
        {
            foreach (int b in shown)
            {
                int gap = members[b].Length - members[a].Length;
                if (gap > 0 && gap < k && members[a].All(members[b].Contains))
                {
                    return false;
                }
            }
        }

        // Sum relations: a total (company or team, whole or one value) = its parts (the teams, or one dimension's values).
        foreach (int parent in shown)
        {
            foreach (List<int> parts in Parts(cells, parent))
            {
                var hiddenParts = parts.Where(p => hidden[p]).ToList();
                if (hiddenParts.Count > 0 && (hiddenParts.Count < 2 || hiddenParts.Sum(p => members[p].Length) < k))
                {
                    return false;
                }
            }
        }

        var span = new RationalSpan();
        foreach (int i in shown)
        {
            span.Add(members[i]);
        }

        if (!Enumerable.Range(0, cells.Count).All(i => !hidden[i] || members[i].Length == 0 || !span.Contains(members[i])))
        {
            return false;
        }

        for (int score = 0; scores is not null && score < Nps.ScaleLength; score++)
        {
            bool Holds(int i) => members[i].Any(p => scores[p].Score == score);
            var zero = shown.Where(i => !Holds(i)).SelectMany(i => members[i]).ToHashSet();
            int[] Unknown(int i) => [.. members[i].Where(p => !zero.Contains(p))];
            var byScore = new RationalSpan();
            foreach (int i in shown.Where(Holds))
            {
                byScore.Add(Unknown(i));
            }

            if (Enumerable.Range(0, cells.Count).Any(i => hidden[i] && Holds(i) && byScore.Contains(Unknown(i))))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<List<int>> Parts(List<EnpsCell> cells, int parent)
    {
        EnpsCell p = cells[parent];
        if (p.UnitId == "Co")
        {
            yield return cells.Select((c, i) => (c, i)).Where(x => x.c.UnitId != "Co" && x.c.Dimension == p.Dimension && x.c.DimensionValue == p.DimensionValue).Select(x => x.i).ToList();
        }

        if (p.Dimension is null)
        {
            foreach (string dim in cells.Where(c => c.Dimension is not null).Select(c => c.Dimension!).Distinct())
            {
                yield return cells.Select((c, i) => (c, i)).Where(x => x.c.UnitId == p.UnitId && x.c.Kind == EnpsCellKind.DimensionValue && x.c.Dimension == dim).Select(x => x.i).ToList();
            }
        }
    }

    private static IEnumerable<int[]> Choose(List<int> items, int size, int from = 0)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (int i = from; i <= items.Count - size; i++)
        {
            foreach (int[] rest in Choose(items, size - 1, i + 1))
            {
                yield return [items[i], .. rest];
            }
        }
    }
}
