using BenchmarkDotNet.Attributes;
using NpsKit.Employee;
using NpsKit.TestUtilities;

namespace NpsKit.Benchmarks.Employee;

/// <summary>
/// An eNPS report with anonymity protection for a seeded company: 5 divisions × 4 departments × 4 teams of roughly
/// equal size, every answer with a tenure and an age band, default policy (5 for scores, 10 for comments).
/// Most of the time is the exact disclosure check that guarantees no hidden cell can be recomputed.
/// </summary>
[MemoryDiagnoser]
public class EnpsBenchmarks
{
    private static readonly string[] Tenures = ["<1y", "1-3y", "3-5y", "5y+"];
    private static readonly string[] Ages = ["<30", "30-45", "45+"];
    private readonly SurveyRound _round = new("2026 Q4", new DateOnly(2026, 11, 30));
    private List<OrgUnit> _units = [];
    private List<EnpsResponse> _responses = [];

    /// <summary>Employees who answered.</summary>
    [Params(1_000, 3_000)]
    public int Employees { get; set; }

    /// <summary>Whether the policy also audits what published zeros tell (<see cref="AnonymityPolicy.ProtectAgainstZeroInference"/>, opt-in).</summary>
    [Params(false, true)]
    public bool ZeroAware { get; set; }

    private AnonymityPolicy Policy => AnonymityPolicy.Default.WithProtectAgainstZeroInference(ZeroAware);

    /// <summary>Builds the org tree and the answers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new SplitMix64(7);
        _units = [new OrgUnit("Co", null)];
        var teams = new List<string>();
        for (int d = 0; d < 5; d++)
        {
            string division = $"Co/D{d}";
            _units.Add(new OrgUnit(division, "Co"));
            for (int p = 0; p < 4; p++)
            {
                string department = $"{division}/P{p}";
                _units.Add(new OrgUnit(department, division));
                for (int t = 0; t < 4; t++)
                {
                    string team = $"{department}/T{t}";
                    _units.Add(new OrgUnit(team, department));
                    teams.Add(team);
                }
            }
        }

        _responses = Enumerable.Range(0, Employees).Select(_ => new EnpsResponse(
            teams[rng.NextInt(teams.Count)],
            SyntheticResponses.DrawScore(rng, 10),
            rng.NextInt(3) == 0 ? "a comment" : null,
            new Dictionary<string, string> { ["tenure"] = Tenures[rng.NextInt(4)], ["age"] = Ages[rng.NextInt(3)] })).ToList();
    }

    /// <summary>Org hierarchy only.</summary>
    /// <returns>The report.</returns>
    [Benchmark(Baseline = true)]
    public EnpsReport Hierarchy() => EnpsReport.FromResponses(_round, _units, _responses, Policy);

    /// <summary>Hierarchy cross-tabbed with tenure.</summary>
    /// <returns>The report.</returns>
    [Benchmark]
    public EnpsReport WithOneDimension() => EnpsReport.FromResponses(_round, _units, _responses, Policy, options: new EnpsReportOptions { Dimensions = ["tenure"] });

    /// <summary>Hierarchy cross-tabbed with tenure and age.</summary>
    /// <returns>The report.</returns>
    [Benchmark]
    public EnpsReport WithTwoDimensions() => EnpsReport.FromResponses(_round, _units, _responses, Policy, options: new EnpsReportOptions { Dimensions = ["tenure", "age"] });
}
