using NpsKit.Employee;

namespace NpsKit.Tests.Employee.Publishing;

/// <summary>The four publication sequences of issue #15 on the seeded org, each as the list of (round, respondents,
/// policy, options) a publisher runs one after the other.</summary>
internal static class LeakScenarios
{
    public static readonly SurveyRound Q3 = new("2026 Q3", new DateOnly(2026, 8, 20));
    public static readonly SurveyRound Q4 = new("2026 Q4", new DateOnly(2026, 11, 20));

    public sealed record Step(SurveyRound Round, IReadOnlyList<OrgUnit> Units, IReadOnlyList<Employee> Respondents, AnonymityPolicy Policy, EnpsReportOptions Options, DateTimeOffset At);

    public static EnpsReportOptions Tenure => new() { Dimensions = ["tenure"], DimensionValues = new Dictionary<string, IReadOnlyList<string>> { ["tenure"] = SeededOrg.Tenures } };

    /// <summary>A live dashboard: everyone but division head D2 has answered; then D2's head answers too.</summary>
    public static List<Step> LiveRerun(SeededOrg org, out Employee late)
    {
        late = org.People.Single(p => p.Unit == "D2");
        Employee head = late;
        var before = org.People.Where(p => p != head).ToList();
        return
        [
            new(Q4, org.Units, before, AnonymityPolicy.Default, Tenure, At(Q4, 9)),
            new(Q4, org.Units, org.People, AnonymityPolicy.Default, Tenure, At(Q4, 10)),
        ];
    }

    /// <summary>Q3 with everyone; Q4 with everyone answering the same, except that one person left a large team and one
    /// joined another.</summary>
    public static List<Step> JoinerAndLeaver(SeededOrg org, out Employee joiner, out Employee leaver)
    {
        string[] big = org.Teams.Where(t => org.People.Count(p => p.Unit == t) >= 8).ToArray();
        leaver = org.People.First(p => p.Unit == big[0]);
        joiner = new Employee("e900", big[1], "<1y", "Berlin", 10);
        Employee l = leaver;
        var q4 = org.People.Where(p => p != l).Append(joiner).ToList();
        return
        [
            new(Q3, org.Units, org.People, AnonymityPolicy.Default, EnpsReportOptions.Default, At(Q3, 17)),
            new(Q4, org.Units, q4, AnonymityPolicy.Default, EnpsReportOptions.Default, At(Q4, 17)),
        ];
    }

    /// <summary>The same round published at minimum 5 (or <paramref name="first"/>) and, at HR's request, at minimum 10 (or
    /// <paramref name="second"/>).</summary>
    public static List<Step> TwoMinimums(SeededOrg org, int first = 5, int second = 10) =>
    [
        new(Q4, org.Units, org.People, AnonymityPolicy.Default.WithMinimumRespondents(first), Tenure, At(Q4, 17)),
        new(Q4, org.Units, org.People, AnonymityPolicy.Default.WithMinimumRespondents(second), Tenure, At(Q4, 18)),
    ];

    public static DateTimeOffset At(SurveyRound round, int hour) => new(round.Date.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    public static Observation Observe(EnpsReport report, Step step) =>
        new(report, step.Units, step.Respondents.Select(p => (p.Id, p.Response)).ToList());
}
