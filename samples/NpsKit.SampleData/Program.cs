using System.Globalization;
using System.Text;
using NpsKit.SampleData;
using NpsKit.TestUtilities;

// Writes the bundled sample data set into one folder (default samples/data), seeded and deterministic:
//   responses.csv           20 000 customer NPS responses over November 2024 – October 2026 (region, department, touchpoint, channel)
//   enps.csv                two eNPS rounds of a ~600-person company (division, department, team, tenure, comments)
//   contacts.csv            1 500 survey contacts (1 000 in 100 B2B accounts), channels, opt-outs, zones, tenure, attributes
//   contact-history.csv     their invitations, reminders and responses up to 2026-11-20
//   accounts.csv            the 100 B2B accounts with tier, revenue, exclusions and last surveyed month
//   eligibility-policy.json a realistic contact policy in the npskit.eligibilityPolicy format
//   feedback.csv            4 000 answers July–October 2026 with Danish/English comments and two 1–5 ratings (planted drivers)
// Usage: dotnet run --project samples/NpsKit.SampleData [-- output-folder]
const int Rows = 20_000;
const ulong Seed = 2026;
var start = new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.Zero);

string folder = args.Length > 0 ? args[0] : Path.Combine("samples", "data");
Directory.CreateDirectory(folder);

using (StreamWriter writer = SampleFiles.Create(Path.Combine(folder, "responses.csv")))
{
    writer.WriteLine("respondent_id,submitted_at,score,region,department,touchpoint,channel");
    foreach (SyntheticResponse r in SyntheticResponses.Generate(Rows, Seed, start, months: 24))
    {
        writer.WriteLine(string.Join(
            ',',
            r.RespondentId,
            r.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            r.Score.ToString(CultureInfo.InvariantCulture),
            r.Region,
            r.Department,
            r.Touchpoint,
            r.Channel));
    }
}

Console.WriteLine($"Wrote {Rows} responses to {Path.Combine(folder, "responses.csv")}");
EnpsSample.Write(Path.Combine(folder, "enps.csv"), new SplitMix64(Seed + 1));
ContactSample.Write(folder, new SplitMix64(Seed + 2));
File.WriteAllText(Path.Combine(folder, "eligibility-policy.json"), ContactSample.PolicyJson, new UTF8Encoding(false));
FeedbackSample.Write(Path.Combine(folder, "feedback.csv"), new SplitMix64(Seed + 3));
Console.WriteLine($"Wrote enps.csv, contacts.csv, contact-history.csv, accounts.csv, eligibility-policy.json and feedback.csv to {folder}");
