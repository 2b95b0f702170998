using NpsKit.Employee;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Employee.Publishing;

/// <summary>One employee of a seeded org: a stable id, the unit they sit in, their attributes and their answer.</summary>
internal sealed record Employee(string Id, string Unit, string Tenure, string Location, int Score)
{
    public EnpsResponse Response => new(Unit, Score, Attributes: new Dictionary<string, string> { ["tenure"] = Tenure, ["location"] = Location }) { RespondentId = Id };
}

/// <summary>
/// The org of issue #15: 206 people, company → 3 divisions → 8 departments → 25 teams of 1–15, plus the three division
/// heads placed directly in their division. Seeded: the same seed gives the same org, attributes and answers.
/// </summary>
internal sealed class SeededOrg
{
    public static readonly string[] Tenures = ["<1y", "1-3y", "3y+"];
    public static readonly string[] Locations = ["Berlin", "Remote"];

    public SeededOrg(ulong seed = 15)
    {
        var rng = new SplitMix64(seed);
        var units = new List<OrgUnit> { new("Co", null, 0) };
        int[] departmentsPerDivision = [3, 3, 2];
        int[] teamsPerDepartment = [3, 3, 4, 3, 3, 3, 3, 3];
        int team = 0, dept = 0;
        var teams = new List<string>();
        for (int d = 0; d < 3; d++)
        {
            string division = "D" + (d + 1);
            units.Add(new OrgUnit(division, "Co", 1));
            for (int p = 0; p < departmentsPerDivision[d]; p++, dept++)
            {
                string department = division + "." + (p + 1);
                units.Add(new OrgUnit(department, division, 0));
                for (int t = 0; t < teamsPerDepartment[dept]; t++, team++)
                {
                    teams.Add(department + "." + (t + 1));
                }
            }
        }

        // Team sizes 1..15 summing to 203 (206 minus the three heads): start random, then move people until the sum fits.
        int[] sizes = teams.Select(_ => 1 + rng.NextInt(15)).ToArray();
        sizes[0] = 1; // a one-person team
        while (sizes.Sum() != 203)
        {
            int i = 1 + rng.NextInt(sizes.Length - 1);
            if (sizes.Sum() < 203 && sizes[i] < 15)
            {
                sizes[i]++;
            }
            else if (sizes.Sum() > 203 && sizes[i] > 1)
            {
                sizes[i]--;
            }
        }

        var people = new List<Employee>();
        for (int d = 0; d < 3; d++)
        {
            people.Add(NewEmployee(rng, "D" + (d + 1), people.Count));
        }

        for (int t = 0; t < teams.Count; t++)
        {
            string parent = teams[t][..teams[t].LastIndexOf('.')];
            units.Add(new OrgUnit(teams[t], parent));
            for (int i = 0; i < sizes[t]; i++)
            {
                people.Add(NewEmployee(rng, teams[t], people.Count));
            }
        }

        Units = units;
        Teams = teams;
        People = people;
    }

    public IReadOnlyList<OrgUnit> Units { get; }

    public IReadOnlyList<string> Teams { get; }

    public IReadOnlyList<Employee> People { get; }

    public static Dictionary<string, string[]> DimensionValues => new() { ["tenure"] = Tenures, ["location"] = Locations };

    private static Employee NewEmployee(SplitMix64 rng, string unit, int n) =>
        new("e" + n.ToString("000", System.Globalization.CultureInfo.InvariantCulture), unit, Tenures[rng.NextInt(3)], Locations[rng.NextInt(2)], rng.NextInt(11));
}
