using System.Globalization;
using System.Text;
using NpsKit.TestUtilities;

// Writes the bundled sample data set: 20 000 seeded, realistic responses over the 24 months
// November 2024 – October 2026, with region, department, touchpoint and channel segments.
// Usage: dotnet run --project samples/NpsKit.SampleData [-- output.csv]
const int Rows = 20_000;
const ulong Seed = 2026;
var start = new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.Zero);

string output = args.Length > 0 ? args[0] : Path.Combine("samples", "data", "responses.csv");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
using var writer = new StreamWriter(output, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
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

Console.WriteLine($"Wrote {Rows} responses to {output}");
