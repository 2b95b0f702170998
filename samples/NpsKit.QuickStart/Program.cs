using NpsKit;
using NpsKit.Aggregation;
using NpsKit.Csv;

// QuickStart: read the bundled sample data (20 000 responses over 24 months), then print the overall NPS,
// a department table and the monthly trend, in the Copenhagen reporting time zone.
// Usage: dotnet run --project samples/NpsKit.QuickStart [-- path/to/responses.csv]
string path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "data", "responses.csv");
if (!File.Exists(path))
{
    Console.Error.WriteLine($"File not found: {path}");
    return 1;
}

CsvCubeResult result;
try
{
    result = NpsCsv.ReadCube(
        path,
        Segmentation.By("department"),
        new AggregationOptions { TimeZoneId = "Europe/Copenhagen", Period = PeriodUnit.Month },
        new CsvReadOptions { Mode = CsvReadMode.Lenient, TimeZone = "Europe/Copenhagen", DuplicatePeriod = PeriodUnit.Month });
}
catch (NpsDataException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

NpsCube cube = result.Cube;
NpsTally overall = cube.Total;
Console.WriteLine($"NpsKit QuickStart — {Path.GetFileName(path)}");
Console.WriteLine(result.Report);
Console.WriteLine();
Console.WriteLine($"Responses   {overall.Count,8:N0}");
Console.WriteLine($"Promoters   {overall.Promoters,8:N0}  ({overall.PromoterShare,6:P1})");
Console.WriteLine($"Passives    {overall.Passives,8:N0}  ({overall.PassiveShare,6:P1})");
Console.WriteLine($"Detractors  {overall.Detractors,8:N0}  ({overall.DetractorShare,6:P1})");
NpsInterval overallCi = overall.ConfidenceInterval();
Console.WriteLine($"NPS         {overall.Score,8:+0.0;-0.0}  (95 % interval {overallCi.Lower:+0.0;-0.0} to {overallCi.Upper:+0.0;-0.0}, adjusted Wald)");
Console.WriteLine($"Mean score  {overall.MeanScore,8:0.00}");
Console.WriteLine();
Console.WriteLine($"{"Department",-12} {"n",7} {"NPS",7}   95 % interval");
foreach (SegmentPath department in cube.SegmentsAtLevel(1))
{
    NpsTally tally = cube.Tally(department);
    NpsInterval ci = tally.ConfidenceInterval();
    Console.WriteLine($"{department.ValueAt(0),-12} {tally.Count,7:N0} {tally.Score,7:+0.0;-0.0}   {ci.Lower:+0.0;-0.0} to {ci.Upper:+0.0;-0.0}");
}

Console.WriteLine();
Console.WriteLine($"{"Month",-8} {"n",6} {"NPS",7}   3-month rolling   change vs previous month");
NpsSeries monthly = cube.Series();
NpsSeries rolling = monthly.WithWindow(RollingWindow.Periods(3));
for (int i = Math.Max(1, monthly.Points.Count - 6); i < monthly.Points.Count; i++)
{
    NpsCell point = monthly.Points[i];
    NpsCell smooth = rolling.Points[i];
    string score = point.Tally.TryGetScore(out double s) ? s.ToString("+0.0;-0.0", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
    string flag = point.IsBelowMinimumCount ? " (too few to read)" : string.Empty;
    PeriodChange change = monthly.Changes()[i - 1];
    string test = change.HasDifference
        ? $"{change.Difference,6:+0.0;-0.0} (p = {change.Compare().PValue:0.00})"
        : "     n/a";
    Console.WriteLine($"{point.Period,-8} {point.Tally.Count,6:N0} {score,7}   {smooth.Tally.Score,15:+0.0;-0.0}   {test}{flag}");
}

return 0;
