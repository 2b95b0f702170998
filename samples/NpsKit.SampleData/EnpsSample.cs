using NpsKit.TestUtilities;

namespace NpsKit.SampleData;

/// <summary>
/// Two eNPS rounds (2026-05 and 2026-11) of a ~600-person company: division → department → team, with people placed
/// directly in some departments, a few teams of 2–4 people that the anonymity rules must suppress, a tenure column
/// (sometimes left empty) and comments.
/// </summary>
internal static class EnpsSample
{
    // (division, department, team or "" for people placed directly in the department, headcount, mood shift)
    private static readonly (string Division, string Department, string Team, int Size, double Mood)[] Units =
    [
        ("Engineering", "Platform", "Core", 20, 0.6),
        ("Engineering", "Platform", "Infrastructure", 14, 0.2),
        ("Engineering", "Platform", "Data", 11, 0.8),
        ("Engineering", "Product", "Web", 22, 0.4),
        ("Engineering", "Product", "Mobile", 16, -0.3),
        ("Engineering", "Product", "Design", 4, 0.5),
        ("Engineering", "Security", "", 6, 0.1),
        ("Engineering", "Security", "Red Team", 3, 0.9),
        ("Sales", "EMEA", "Nordics", 30, 0.7),
        ("Sales", "EMEA", "DACH", 22, 0.0),
        ("Sales", "EMEA", "UK & Ireland", 15, -0.4),
        ("Sales", "Americas", "East", 32, 0.3),
        ("Sales", "Americas", "West", 21, -0.2),
        ("Sales", "Americas", "LatAm", 3, 0.6),
        ("Sales", "Sales Operations", "", 8, 0.0),
        ("Operations", "Customer Support", "Tier 1", 90, -1.0),
        ("Operations", "Customer Support", "Tier 2", 35, -0.3),
        ("Operations", "Customer Support", "Tier 3", 6, 0.4),
        ("Operations", "Logistics", "Warehouse", 150, -1.4),
        ("Operations", "Logistics", "Fleet", 45, -0.8),
        ("Operations", "Facilities", "", 2, 0.0),
        ("People", "HR", "", 9, 0.5),
        ("People", "Recruiting", "", 4, 0.8),
        ("People", "Learning", "", 2, 1.0),
        ("Finance", "Accounting", "", 14, -0.2),
        ("Finance", "FP&A", "", 4, 0.3),
        ("Finance", "Procurement", "", 5, -0.5),
        ("Leadership", "", "", 3, 1.2),
    ];

    private static readonly string[] Tenures = ["<1y", "1-3y", "3-5y", "5y+"];

    private static readonly string[] Praise =
    [
        "Great team, I learn something every week.",
        "My manager gives me room to grow.",
        "Flexible hours make a real difference.",
        "Good benefits and fair pay.",
        "Proud of what we build.",
        "Colleagues help each other, always.",
        "The new onboarding was excellent, thanks!",
    ];

    private static readonly string[] Neutral =
    [
        "OK overall, but career paths are unclear.",
        "Fine, though meetings eat the day.",
        "Decent place; tools could be better.",
        "Depends on the quarter, honestly.",
    ];

    private static readonly string[] Complaints =
    [
        "Too much overtime, \"temporary\" for two years now.",
        "Pay is below market, and raises are rare.",
        "Shift planning changes at the last minute.",
        "Management does not listen to the floor.",
        "Equipment is old, and repairs take weeks.",
        "Workload is high; we are understaffed.",
    ];

    public static void Write(string path, SplitMix64 random)
    {
        using StreamWriter writer = SampleFiles.Create(path);
        writer.WriteLine("employee_id,round,submitted_at,division,department,team,tenure,score,comment");
        var people = new List<(string Id, int Unit, string Tenure)>();
        int next = 1;
        for (int u = 0; u < Units.Length; u++)
        {
            for (int i = 0; i < Units[u].Size; i++)
            {
                string tenure = random.NextDouble() < 0.06 ? string.Empty : Tenures[random.NextWeighted([0.2, 0.35, 0.25, 0.2])];
                people.Add(($"E{next++:D4}", u, tenure));
            }
        }

        (string Name, DateTimeOffset Opens, double Lift)[] rounds =
        [
            ("2026-05", new DateTimeOffset(2026, 5, 4, 7, 0, 0, TimeSpan.Zero), 0.0),
            ("2026-11", new DateTimeOffset(2026, 11, 2, 7, 0, 0, TimeSpan.Zero), 0.35),
        ];
        foreach ((string name, DateTimeOffset opens, double lift) in rounds)
        {
            foreach ((string id, int u, string tenure) in people)
            {
                (string division, string department, string team, int _, double mood) = Units[u];
                if (random.NextDouble() < 0.12)
                {
                    continue; // did not answer this round
                }

                // A latent score around 7.3, shifted by the unit's mood (and a little by tenure), clipped to 0..10.
                double tenureShift = tenure switch { "<1y" => 0.5, "5y+" => -0.3, _ => 0.0 };
                double latent = 7.3 + mood + (name == "2026-11" && mood < 0 ? lift * 2 : lift) + tenureShift + (Normal(random) * 2.1);
                int score = Math.Clamp((int)Math.Round(latent), 0, 10);
                string comment = string.Empty;
                if (random.NextDouble() < 0.3)
                {
                    string[] pool = score >= 9 ? Praise : score >= 7 ? Neutral : Complaints;
                    comment = pool[random.NextInt(pool.Length)];
                }

                DateTimeOffset at = opens.AddMinutes(random.NextInt(11 * 24 * 60));
                writer.WriteLine(string.Join(
                    ',',
                    id,
                    name,
                    SampleFiles.Utc(at),
                    SampleFiles.Quote(division),
                    SampleFiles.Quote(department),
                    SampleFiles.Quote(team),
                    tenure,
                    SampleFiles.Num(score),
                    SampleFiles.Quote(comment)));
            }
        }
    }

    private static double Normal(SplitMix64 random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
