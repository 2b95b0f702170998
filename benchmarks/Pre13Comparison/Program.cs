// Issue #13: "reading and aggregating the 10M-row CSV stays within 10 % of today's time", today being the code before
// issue #13. This program is the same source built against either tree (see eng/compare-pre13.sh); it reads the file
// the benchmarks read (SurveyExportReadBenchmarks: respondent_id,submitted_at,score,department,region, ISO 8601 UTC
// times, seed 13) with NpsCsv.ReadCube by region on one thread, with default options (the reader as a user gets it),
// and prints one line per read: "<label> <milliseconds> <rows accepted>".
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NpsKit.Aggregation;
using NpsKit.Csv;

string label = args.Length > 0 ? args[0] : "run";
int rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000_000;
int reads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
string path = SurveyFile(rows);
var oneThread = new AggregationOptions { MaxDegreeOfParallelism = 1 };
_ = NpsCsv.ReadCube(path, Segmentation.By("region"), oneThread); // warm-up: JIT, file cache
for (int i = 0; i < reads; i++)
{
    GC.Collect();
    var clock = Stopwatch.StartNew();
    CsvCubeResult result = NpsCsv.ReadCube(path, Segmentation.By("region"), oneThread);
    clock.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {clock.Elapsed.TotalMilliseconds:F0} {result.Report.RowsAccepted}"));
}

// The same file as benchmarks/NpsKit.Benchmarks/Csv/SurveyExportBenchmarks.cs writes (same name, seed and rows).
static string SurveyFile(int rows)
{
    string[] departments = ["Sales", "Support", "Engineering", "Finance"];
    string[] regions = ["North", "South", "East", "West"];
    string path = Path.Combine(Path.GetTempPath(), $"npskit-survey-{rows}.csv");
    if (File.Exists(path))
    {
        return path;
    }

    var rng = new Random(13);
    var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    string temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
    using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" })
    {
        writer.WriteLine("respondent_id,submitted_at,score,department,region");
        for (int i = 0; i < rows; i++)
        {
            DateTime at = start.AddSeconds(rng.Next(365 * 86_400));
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"R{i:D9},{at:yyyy-MM-ddTHH:mm:ssZ},{rng.Next(11)},{departments[rng.Next(4)]},{regions[rng.Next(4)]}\n"));
        }
    }

    File.Move(temp, path, overwrite: true);
    return path;
}
