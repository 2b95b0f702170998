using NpsKit.Employee;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Employee;

/// <summary>A random org tree with random group sizes, demographics and policy, made from one seed.</summary>
internal sealed record EnpsScenario(
    IReadOnlyList<OrgUnit> Units,
    IReadOnlyList<EnpsResponse> Responses,
    IReadOnlyList<string> Dimensions,
    AnonymityPolicy Policy,
    ulong Seed)
{
    public static readonly SurveyRound Round = new("2026 Q4", new DateOnly(2026, 11, 20));

    public static EnpsScenario FromSeed(ulong seed)
    {
        var rng = new SplitMix64(seed);
        var units = new List<OrgUnit> { new("Co", null, null) };
        int depth = 1 + rng.NextInt(3);
        var frontier = new List<string> { "Co" };
        for (int level = 0; level < depth; level++)
        {
            var next = new List<string>();
            foreach (string parent in frontier)
            {
                int kids = rng.NextInt(4);
                for (int k = 0; k < kids; k++)
                {
                    string id = parent == "Co" ? ((char)('A' + k)).ToString() : parent + (k + 1);
                    units.Add(new OrgUnit(id, parent));
                    next.Add(id);
                }
            }

            frontier = next;
        }

        int dims = rng.NextInt(3);
        string[] dimNames = new[] { "tenure", "site" }[..dims];
        var responses = new List<EnpsResponse>();
        bool headcounts = rng.NextInt(3) == 0;
        for (int i = 0; i < units.Count; i++)
        {
            OrgUnit u = units[i];
            // Leaves get 0..9 people; inner units sometimes a few of their own (leaders placed directly).
            bool inner = units.Any(x => x.ParentId == u.Id);
            int people = inner ? (rng.NextInt(3) == 0 ? rng.NextInt(4) : 0) : rng.NextInt(10);
            for (int p = 0; p < people; p++)
            {
                var attributes = new Dictionary<string, string>();
                foreach (string d in dimNames)
                {
                    int v = rng.NextInt(4);
                    if (v < 3)
                    {
                        attributes[d] = d + v;
                    }
                }

                responses.Add(new EnpsResponse(u.Id, rng.NextInt(11), rng.NextInt(2) == 0 ? "c" + responses.Count : null, attributes));
            }

            if (headcounts)
            {
                units[i] = u with { Headcount = people + rng.NextInt(6) };
            }
        }

        if (responses.Count == 0)
        {
            responses.Add(new EnpsResponse("Co", 7));
            units[0] = units[0] with { Headcount = null };
        }

        var policy = new AnonymityPolicy
        {
            MinimumRespondents = 2 + rng.NextInt(5),
            MinimumCommentRespondents = 2 + rng.NextInt(10),
            ShowCountsForSuppressed = rng.NextInt(2) == 0,
            MinimumResponseRate = headcounts ? 0.5 + (rng.NextInt(5) / 10.0) : null,
            Complementary = rng.NextInt(2) == 0 ? ComplementaryProtection.HideSmallestSibling : ComplementaryProtection.FoldIntoOther,
        };
        return new EnpsScenario(units, responses, dimNames, policy, seed);
    }

    public EnpsReport Report(AnonymityPolicy? policy = null) =>
        EnpsReport.FromResponses(Round, Units, Responses, policy ?? Policy, new EnpsReportOptions { Dimensions = Dimensions });

    /// <summary>The scenario's policy with the linear audit only (the engine's protection before
    /// <see cref="AnonymityPolicy.ProtectAgainstZeroInference"/>).</summary>
    public AnonymityPolicy LinearOnly => Policy with { ProtectAgainstZeroInference = false };

    /// <summary>The scenario's policy with the zero-aware audit.</summary>
    public AnonymityPolicy ZeroAware => Policy with { ProtectAgainstZeroInference = true };

    public override string ToString() =>
        $"seed {Seed}: {Units.Count} units, {Responses.Count} responses, dims [{string.Join(",", Dimensions)}], k = {Policy.MinimumRespondents}, counts shown = {Policy.ShowCountsForSuppressed}, rate ≥ {Policy.MinimumResponseRate?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, {Policy.Complementary}";
}
