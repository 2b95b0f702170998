using BenchmarkDotNet.Attributes;
using NpsKit.Employee;
using NpsKit.TestUtilities;

namespace NpsKit.Benchmarks.Employee;

/// <summary>
/// Issue #15's target: auditing a release of an org of 5,000 people in 300 units, cross-tabbed by two dimensions,
/// against a history of 8 earlier releases (live re-runs of the same round, a few late answers each), under one second.
/// </summary>
[MemoryDiagnoser]
public class EnpsHistoryBenchmarks
{
    private static readonly string[] Tenures = ["<1y", "1-3y", "3y+"];
    private static readonly string[] Sites = ["North", "South", "Remote"];
    private readonly SurveyRound _round = new("2026 Q4", new DateOnly(2026, 11, 30));
    private readonly EnpsReportOptions _options = new()
    {
        Dimensions = ["tenure", "site"],
        DimensionValues = new Dictionary<string, IReadOnlyList<string>> { ["tenure"] = Tenures, ["site"] = Sites },
    };

    private List<OrgUnit> _units = [];
    private List<EnpsResponse> _responses = [];
    private EnpsPublicationHistory _history = EnpsPublicationHistory.Empty;

    /// <summary>Whether the policy also audits what published zeros tell (<see cref="AnonymityPolicy.ProtectAgainstZeroInference"/>, opt-in);
    /// the earlier releases are published under the same policy.</summary>
    [Params(false, true)]
    public bool ZeroAware { get; set; }

    private AnonymityPolicy Policy => AnonymityPolicy.Default.WithProtectAgainstZeroInference(ZeroAware);

    /// <summary>Builds the org (1 company, 5 divisions, 30 departments, 264 teams = 300 units), the answers and the
    /// 8 earlier releases.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new SplitMix64(15);
        _units = [new OrgUnit("Co", null, 0)];
        var teams = new List<string>();
        for (int d = 0; d < 5; d++)
        {
            _units.Add(new OrgUnit($"D{d}", "Co", 1));
            for (int p = 0; p < 6; p++)
            {
                _units.Add(new OrgUnit($"D{d}.{p}", $"D{d}", 0));
            }
        }

        for (int t = 0; t < 264; t++)
        {
            string team = $"D{t % 5}.{t / 5 % 6}.{t}";
            _units.Add(new OrgUnit(team, team[..team.LastIndexOf('.')]));
            teams.Add(team);
        }

        var all = Enumerable.Range(0, 5_000).Select(i => new EnpsResponse(
            i < 5 ? $"D{i}" : teams[rng.NextInt(teams.Count)],
            SyntheticResponses.DrawScore(rng, 10),
            null,
            new Dictionary<string, string> { ["tenure"] = Tenures[rng.NextInt(3)], ["site"] = Sites[rng.NextInt(3)] })
        { RespondentId = "e" + i }).ToList();
        _history = EnpsPublicationHistory.Empty;
        for (int r = 0; r < 8; r++)
        {
            _history = EnpsReport.Publish(_round, _units, all.Take(4_600 + (50 * r)), _history, new EnpsPublishOptions(At(r)), Policy, _options).History;
        }

        _responses = all;
    }

    /// <summary>The ninth release, audited against the eight.</summary>
    /// <returns>The publication.</returns>
    [Benchmark]
    public EnpsPublication AuditAgainstEightReleases() =>
        EnpsReport.Publish(_round, _units, _responses, _history, new EnpsPublishOptions(At(8)), Policy, _options);

    /// <summary>The first release of the same org (all 5,000 answers, no history): a report without history runs
    /// both complementary choices and keeps the one hiding fewer cells.</summary>
    /// <returns>The publication.</returns>
    [Benchmark]
    public EnpsPublication FirstRelease() =>
        EnpsReport.Publish(_round, _units, _responses, EnpsPublicationHistory.Empty, new EnpsPublishOptions(At(0)), Policy, _options);

    private static DateTimeOffset At(int hour) => new(2026, 11, 30, 8 + hour, 0, 0, TimeSpan.Zero);
}
