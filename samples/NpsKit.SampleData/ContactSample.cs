using System.Globalization;
using NpsKit.TestUtilities;

namespace NpsKit.SampleData;

/// <summary>
/// Survey contacts, their history and the B2B accounts they belong to, for <c>nps eligible</c> and <c>nps plan</c>:
/// 100 accounts (A001–A100) with 1 000 contacts between them, 500 consumers without an account, and two years of
/// invitations, reminders and responses ending 2026-11-20.
/// </summary>
internal static class ContactSample
{
    public const string PolicyJson = """
        {
          "format": "npskit.eligibilityPolicy",
          "version": 1,
          "precedence": "MostSpecificWins",
          "groups": [
            { "name": "transactional", "surveys": ["onboarding", "support"] }
          ],
          "rules": [
            { "kind": "consent", "name": "consent" },
            { "kind": "minimumGap", "name": "rest-after-response", "gap": "P182D", "clock": "SinceResponse", "match": "AnySurvey" },
            { "kind": "minimumGap", "name": "rest-after-invitation", "gap": "P90D", "clock": "SinceInvitation", "match": "AnySurvey" },
            { "kind": "rollingWindowCap", "name": "max-3-invitations-per-12-months", "maxInvitations": 3, "window": "P365D", "match": "AnySurvey" },
            { "kind": "accountCap", "name": "one-contact-per-account-per-quarter", "maxInvitations": 1, "window": "P91D" },
            { "kind": "quietHours", "name": "quiet-hours", "from": "20:00", "until": "08:00", "days": ["Saturday", "Sunday"], "fallbackTimeZone": "Europe/Copenhagen" },
            { "kind": "minimumTenure", "name": "customer-for-30-days", "tenure": "P30D" },
            { "kind": "attributeValue", "name": "active-customers-only", "attribute": "status", "allowed": ["active"] },
            { "kind": "minimumGap", "name": "transactional-rest-after-invitation", "gap": "P14D", "clock": "SinceInvitation", "match": "SameGroup", "scope": { "group": "transactional" } },
            { "kind": "triggerTiming", "name": "support-one-day-after-case", "delay": "P1D", "expiry": "P7D", "scope": { "survey": "support" } }
          ]
        }

        """;

    private static readonly string[] Zones =
        ["Europe/Copenhagen", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney"];

    private static readonly string[] Surveys = ["relationship", "onboarding", "support"];

    private static readonly string[] Channels = ["email", "sms", "inapp"];

    private static readonly string[] Words =
        ["Nordic", "Blue", "Summit", "Harbor", "Granite", "Aurora", "Pioneer", "Vertex", "Cedar", "Atlas", "Delta", "Falcon", "Orbit", "Maple", "Quartz", "Beacon", "Coral", "Zenith", "Lumen", "Nimbus"];

    private static readonly string[] Kinds = ["Logistics", "Foods", "Health", "Energy", "Retail", "Systems", "Bank", "Media", "Labs", "Freight"];

    public static void Write(string folder, SplitMix64 random)
    {
        var end = new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero);
        var historyStart = new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.Zero);
        int historyMinutes = (int)(end - historyStart).TotalMinutes;

        // Accounts: revenue heavy-tailed, tier by revenue rank, a few excluded, some surveyed recently.
        const int AccountCount = 100;
        var revenue = new decimal[AccountCount];
        for (int a = 0; a < AccountCount; a++)
        {
            double r = Math.Exp(11.5 + (1.1 * (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 2));
            revenue[a] = Math.Round((decimal)r / 100m) * 100m;
        }

        int[] rank = Enumerable.Range(0, AccountCount).OrderByDescending(a => revenue[a]).ThenBy(a => a).ToArray();
        var tier = new string[AccountCount];
        for (int i = 0; i < AccountCount; i++)
        {
            tier[rank[i]] = i < 15 ? "A" : i < 50 ? "B" : "C";
        }

        using (StreamWriter accounts = SampleFiles.Create(Path.Combine(folder, "accounts.csv")))
        {
            accounts.WriteLine("account_id,name,tier,revenue,excluded,last_surveyed");
            for (int a = 0; a < AccountCount; a++)
            {
                string name = $"{Words[random.NextInt(Words.Length)]} {Kinds[random.NextInt(Kinds.Length)]}";
                bool excluded = random.NextDouble() < 0.04;
                string last = random.NextDouble() < 0.4 ? new DateOnly(2026, 1 + random.NextInt(11), 1).ToString("yyyy-MM", CultureInfo.InvariantCulture) : string.Empty;
                accounts.WriteLine(string.Join(',', AccountId(a), SampleFiles.Quote(name), tier[a], revenue[a].ToString("0", CultureInfo.InvariantCulture), excluded ? "true" : "false", last));
            }
        }

        using StreamWriter contacts = SampleFiles.Create(Path.Combine(folder, "contacts.csv"));
        using StreamWriter history = SampleFiles.Create(Path.Combine(folder, "contact-history.csv"));
        contacts.WriteLine("contact_id,account_id,email,phone,time_zone,opted_out,do_not_contact,first_seen_at,status,segment");
        history.WriteLine("contact_id,account_id,kind,at,survey,channel");
        const int ContactCount = 1500;
        for (int c = 0; c < ContactCount; c++)
        {
            string id = $"C{c + 1:D5}";
            string account = c < 1000 ? AccountId(random.NextWeighted(AccountWeights(revenue))) : string.Empty;
            string email = random.NextDouble() < 0.95 ? $"{id.ToLowerInvariant()}@example.com" : string.Empty;
            string phone = random.NextDouble() < 0.5 ? $"+45 2{random.NextInt(10_000_000):D7}" : string.Empty;
            string zone = random.NextDouble() < 0.08 ? string.Empty : Zones[random.NextWeighted([0.3, 0.15, 0.15, 0.15, 0.1, 0.08, 0.07])];
            double o = random.NextDouble();
            string optedOut = o < 0.05 ? "email" : o < 0.09 ? "sms" : o < 0.11 ? "email|sms" : string.Empty;
            bool doNotContact = random.NextDouble() < 0.015;
            DateTimeOffset firstSeen = random.NextDouble() < 0.04
                ? end.AddDays(-random.NextInt(30))
                : new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.NextInt(2_450));
            string status = random.NextDouble() < 0.07 ? "churned" : "active";
            string segment = account.Length > 0 ? "b2b" : "consumer";
            contacts.WriteLine(string.Join(',', id, account, email, SampleFiles.Quote(phone), zone, optedOut, doNotContact ? "true" : "false", SampleFiles.Utc(firstSeen), status, segment));

            // History: 0–5 invitations at random times, each maybe with a reminder 3 days later and a response.
            int invitations = random.NextWeighted([0.3, 0.3, 0.2, 0.12, 0.05, 0.03]);
            var events = new List<(DateTimeOffset At, string Line)>();
            for (int i = 0; i < invitations; i++)
            {
                DateTimeOffset at = historyStart.AddMinutes(random.NextInt(historyMinutes));
                if (at < firstSeen)
                {
                    continue;
                }

                string survey = Surveys[random.NextWeighted([0.6, 0.15, 0.25])];
                string channel = Channels[random.NextWeighted([0.7, 0.15, 0.15])];
                events.Add((at, string.Join(',', id, account, "invitation", SampleFiles.Utc(at), survey, channel)));
                bool responded = random.NextDouble() < 0.35;
                DateTimeOffset reminder = at.AddDays(3);
                if (!responded && random.NextDouble() < 0.5 && reminder <= end)
                {
                    events.Add((reminder, string.Join(',', id, account, "reminder", SampleFiles.Utc(reminder), survey, channel)));
                }

                DateTimeOffset answered = at.AddMinutes(30 + random.NextInt(5 * 24 * 60));
                if (responded && answered <= end)
                {
                    events.Add((answered, string.Join(',', id, account, "response", SampleFiles.Utc(answered), survey, channel)));
                }
            }

            foreach ((DateTimeOffset _, string line) in events.OrderBy(e => e.At))
            {
                history.WriteLine(line);
            }
        }
    }

    private static string AccountId(int index) => $"A{index + 1:D3}";

    private static double[]? _weights;

    /// <summary>Bigger accounts have more contacts: weight by the square root of revenue.</summary>
    private static ReadOnlySpan<double> AccountWeights(decimal[] revenue) =>
        _weights ??= revenue.Select(r => Math.Sqrt((double)r)).ToArray();
}
