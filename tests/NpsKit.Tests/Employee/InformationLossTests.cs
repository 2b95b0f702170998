using NpsKit.Employee;
using NpsKit.TestUtilities;

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
public class InformationLossTests
{
    private static readonly SurveyRound Round = new("2026 Q4", new DateOnly(2026, 11, 20));

    [Fact]
    public void FromResponses_SmallCrossTabbedReports_HideCloseToTheExhaustiveOptimum()
    {
        int compared = 0, atOptimum = 0, engineExtra = 0, optimumExtra = 0, worst = 0;
        for (ulong seed = 1; seed <= 60; seed++)
        {
            (List<OrgUnit> units, List<EnpsResponse> responses, EnpsReportOptions options, AnonymityPolicy policy) = Scenario(seed);
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

            bool[] engine = cells.Select(c => c.IsSuppressed).ToArray();
            Assert.True(Valid(cells, members, engine, k), $"seed {seed}: the engine's own protection fails the check");
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

                    if (Valid(cells, members, hidden, k))
                    {
                        best = size;
                        break;
                    }
                }
            }

            int mine = engine.Count(h => h) - primary.Count(p => p);
            Assert.True(best >= 0 && mine >= best, $"seed {seed}: optimum {best}, engine {mine}");
            compared++;
            engineExtra += mine;
            optimumExtra += best;
            worst = Math.Max(worst, mine - best);
            atOptimum += mine == best ? 1 : 0;
        }

        // Measured with the one-pass audit and its prune (2026-12-02): 59 reports, 39 at the optimum; 146 extra cells
        // hidden against the optimum's 112 (1.30 times); the worst report hides 4 more than it must. The bounds below
        // hold that, so a change that loses more information fails here.
        string measured = $"{compared} reports, {atOptimum} at the optimum; extra cells hidden {engineExtra} against the optimum's {optimumExtra}; worst report {worst} more";
        Assert.True(compared >= 50, measured);
        Assert.True(engineExtra * 100 <= optimumExtra * 135, measured);
        Assert.True(atOptimum * 3 >= compared * 2 - 3, measured);
        Assert.True(worst <= 4, measured);
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

    private static bool Valid(List<EnpsCell> cells, List<int[]> members, bool[] hidden, int k)
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

        return Enumerable.Range(0, cells.Count).All(i => !hidden[i] || members[i].Length == 0 || !span.Contains(members[i]));
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
