using FsCheck;
using FsCheck.Fluent;
using NpsKit.Employee;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Employee.Publishing;

/// <summary>Random org trees published several times — live re-runs with late answers, next rounds with joiners, leavers
/// and movers, other minimums and cross-tabs — against the attacker who holds every publication.</summary>
public class PublicationPropertyTests
{
    private static readonly Arbitrary<ulong> Seeds = Gen.Choose(0, int.MaxValue).Select(s => (ulong)s).ToArbitrary();

    internal sealed record Sequence(List<LeakScenarios.Step> Steps, ulong Seed)
    {
        public override string ToString() => $"seed {Seed}: " + string.Join(" → ", Steps.Select(s => $"{s.Round.Name} k={s.Policy.MinimumRespondents} dims=[{string.Join(",", s.Options.Dimensions)}] n={s.Respondents.Count}"));
    }

    internal static Sequence FromSeed(ulong seed)
    {
        var rng = new SplitMix64(seed);
        var units = new List<OrgUnit> { new("Co", null, 0) };
        var frontier = new List<string> { "Co" };
        int depth = 1 + rng.NextInt(3);
        for (int level = 0; level < depth; level++)
        {
            var next = new List<string>();
            foreach (string parent in frontier)
            {
                int kids = 1 + rng.NextInt(3);
                for (int k = 0; k < kids; k++)
                {
                    string id = parent == "Co" ? ((char)('A' + k)).ToString() : parent + (k + 1);
                    units.Add(new OrgUnit(id, parent, null));
                    next.Add(id);
                }
            }

            frontier = next;
        }

        // Inner units have a known number of people of their own (often 0, sometimes 1–2 leaders); leaves 1–9 people.
        var people = new List<Employee>();
        for (int i = 0; i < units.Count; i++)
        {
            bool inner = units.Any(u => u.ParentId == units[i].Id);
            int own = inner ? (rng.NextInt(3) == 0 ? 1 + rng.NextInt(2) : 0) : 1 + rng.NextInt(9);
            if (inner)
            {
                units[i] = units[i] with { Headcount = own };
            }

            for (int p = 0; p < own; p++)
            {
                people.Add(new Employee("e" + people.Count, units[i].Id, SeededOrg.Tenures[rng.NextInt(3)], "Berlin", rng.NextInt(11)));
            }
        }

        string[] leaves = units.Where(u => !units.Any(x => x.ParentId == u.Id)).Select(u => u.Id).ToArray();
        var steps = new List<LeakScenarios.Step>();
        var answered = people.Where(_ => rng.NextInt(5) != 0).ToList();
        var round = LeakScenarios.Q3;
        int hour = 8;
        int count = 2 + rng.NextInt(3);
        for (int s = 0; s < count; s++)
        {
            if (s > 0)
            {
                switch (rng.NextInt(4))
                {
                    case 0: // a live re-run: one or two late answers
                        foreach (Employee e in people.Where(p => !answered.Any(a => a.Id == p.Id)).Take(1 + rng.NextInt(2)).ToList())
                        {
                            answered.Add(e);
                        }

                        break;
                    case 1: // the next round: a joiner, a leaver, a mover
                        round = round == LeakScenarios.Q3 ? LeakScenarios.Q4 : new SurveyRound("2027 Q1", new DateOnly(2027, 2, 20));
                        if (answered.Count > 1)
                        {
                            answered.RemoveAt(rng.NextInt(answered.Count));
                            int m = rng.NextInt(answered.Count);
                            answered[m] = answered[m] with { Unit = leaves[rng.NextInt(leaves.Length)] };
                        }

                        answered.Add(new Employee("j" + s, leaves[rng.NextInt(leaves.Length)], SeededOrg.Tenures[rng.NextInt(3)], "Berlin", rng.NextInt(11)));
                        break;
                    default: // the same data at another minimum or with other cross-tabs
                        break;
                }
            }

            var policy = AnonymityPolicy.Default.WithMinimumRespondents(rng.NextInt(2) == 0 ? 3 : 5);
            if (rng.NextInt(3) == 0)
            {
                policy = policy.WithComplementary(ComplementaryProtection.FoldIntoOther);
            }

            EnpsReportOptions options = rng.NextInt(2) == 0 ? EnpsReportOptions.Default : LeakScenarios.Tenure;
            steps.Add(new LeakScenarios.Step(round, units, [.. answered], policy, options, LeakScenarios.At(LeakScenarios.Q4, hour++)));
        }

        return new Sequence(steps, seed);
    }

    private static List<string> Attack(Sequence sequence, bool withHistory)
    {
        var attacker = new PublicationAttacker(new Dictionary<string, string[]> { ["tenure"] = SeededOrg.Tenures });
        EnpsPublicationHistory history = EnpsPublicationHistory.Empty;
        foreach (LeakScenarios.Step s in sequence.Steps)
        {
            if (s.Respondents.Count == 0)
            {
                continue;
            }

            IEnumerable<EnpsResponse> answers = s.Respondents.Select(e => e.Response);
            EnpsReport report;
            if (withHistory)
            {
                EnpsPublication p = EnpsReport.Publish(s.Round, s.Units, answers, history, new EnpsPublishOptions(s.At), s.Policy, s.Options);
                history = p.History;
                report = p.Report;
            }
            else
            {
                report = EnpsReport.FromResponses(s.Round, s.Units, answers, s.Policy, s.Options);
            }

            attacker.Observe(LeakScenarios.Observe(report, s));
        }

        return attacker.Leaks();
    }

    [Fact]
    public void Publish_AttackerHoldingEveryPublication_RecoversNothing() => PropertyRunner.Check(
        Prop.ForAll(Seeds, seed =>
        {
            Sequence sequence = FromSeed(seed);
            List<string> leaks = Attack(sequence, withHistory: true);
            if (leaks.Count > 0)
            {
                throw new InvalidOperationException($"{sequence} leaks:\n{string.Join("\n", leaks.Take(10))}");
            }
        }),
        maxTest: 150);

    [Fact]
    public void Publish_WithoutTheHistory_TheSameAttackerFindsLeaks()
    {
        // The attacker is strong enough to matter: the same sequences, each report made on its own, leak often.
        int leaky = 0;
        const int Sequences = 60;
        for (ulong seed = 1; seed <= Sequences; seed++)
        {
            if (Attack(FromSeed(seed), withHistory: false).Count > 0)
            {
                leaky++;
            }
        }

        Assert.True(leaky * 3 >= Sequences, $"only {leaky} of {Sequences} sequences leaked without the history");
    }
}
