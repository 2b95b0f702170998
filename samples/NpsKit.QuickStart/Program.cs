using System.Globalization;
using NpsKit;

// QuickStart: the overall NPS of the bundled sample data, then one line per department.
// Usage: dotnet run --project samples/NpsKit.QuickStart [-- path/to/responses.csv]
string path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "data", "responses.csv");
if (!File.Exists(path))
{
    Console.Error.WriteLine($"File not found: {path}");
    return 1;
}

// The sample file is simple comma-separated text with a header:
// respondent_id,submitted_at,score,region,department,touchpoint,channel
var overall = NpsTally.Empty;
var byDepartment = new SortedDictionary<string, NpsTally>(StringComparer.Ordinal);
int line = 0;
foreach (string row in File.ReadLines(path))
{
    line++;
    if (line == 1)
    {
        continue;
    }

    string[] fields = row.Split(',');
    if (fields.Length != 7 || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out int score) || !Nps.IsValidScore(score))
    {
        Console.Error.WriteLine($"{path}: line {line}: expected 7 fields with a score 0..10 in column 3 (score), found: {row}");
        return 1;
    }

    overall = overall.AddScore(score);
    byDepartment[fields[4]] = byDepartment.GetValueOrDefault(fields[4]).AddScore(score);
}

Console.WriteLine($"NpsKit QuickStart — {Path.GetFileName(path)}");
Console.WriteLine();
Console.WriteLine($"Responses   {overall.Count,8:N0}");
Console.WriteLine($"Promoters   {overall.Promoters,8:N0}  ({overall.PromoterShare,6:P1})");
Console.WriteLine($"Passives    {overall.Passives,8:N0}  ({overall.PassiveShare,6:P1})");
Console.WriteLine($"Detractors  {overall.Detractors,8:N0}  ({overall.DetractorShare,6:P1})");
Console.WriteLine($"NPS         {overall.Score,8:+0.0;-0.0}");
Console.WriteLine($"Mean score  {overall.MeanScore,8:0.00}");
Console.WriteLine();
Console.WriteLine($"{"Department",-12} {"n",7} {"NPS",7}");
foreach ((string department, NpsTally tally) in byDepartment)
{
    Console.WriteLine($"{department,-12} {tally.Count,7:N0} {tally.Score,7:+0.0;-0.0}");
}

return 0;
