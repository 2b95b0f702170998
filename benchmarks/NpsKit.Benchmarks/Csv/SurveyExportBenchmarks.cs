using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Csv.Internal;
using NpsKit.Excel;

namespace NpsKit.Benchmarks.Csv;

/// <summary>Writes the seeded survey files these benchmarks read (once per size, in the temp folder).</summary>
internal static class SurveyFiles
{
    private const string Header = "respondent_id,submitted_at,score,department,region";

    private static readonly string[] Departments = ["Sales", "Support", "Engineering", "Finance"];
    private static readonly string[] Regions = ["North", "South", "East", "West"];

    /// <summary>The CSV file of <paramref name="rows"/> rows: ISO 8601 UTC times over a year, scores 0-10, two segments.</summary>
    public static string Csv(int rows)
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-survey-{rows}.csv");
        if (File.Exists(path))
        {
            return path;
        }

        var rng = new Random(13);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" })
        {
            writer.WriteLine(Header);
            for (int i = 0; i < rows; i++)
            {
                DateTime at = start.AddSeconds(rng.Next(365 * 86_400));
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"R{i:D9},{at:yyyy-MM-ddTHH:mm:ssZ},{rng.Next(11)},{Departments[rng.Next(4)]},{Regions[rng.Next(4)]}\n"));
            }
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>The same rows as an .xlsx workbook (times as date cells), written by MiniExcel.</summary>
    public static string Xlsx(int rows)
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-survey-{rows}.xlsx");
        if (File.Exists(path))
        {
            return path;
        }

        var rng = new Random(13);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        IEnumerable<Dictionary<string, object>> Rows()
        {
            for (int i = 0; i < rows; i++)
            {
                DateTime at = start.AddSeconds(rng.Next(365 * 86_400));
                yield return new Dictionary<string, object>
                {
                    ["respondent_id"] = string.Create(CultureInfo.InvariantCulture, $"R{i:D9}"),
                    ["submitted_at"] = at,
                    ["score"] = rng.Next(11),
                    ["department"] = Departments[rng.Next(4)],
                    ["region"] = Regions[rng.Next(4)],
                };
            }
        }

        string temp = path + ".tmp.xlsx";
        MiniExcelLibs.MiniExcel.SaveAs(temp, Rows(), overwriteFile: true);
        File.Move(temp, path, overwrite: true);
        return path;
    }
}

/// <summary>
/// Issue #13: what the survey-export stages (encoding detection and UTF-8 validation, the date-order probe, layout
/// detection, skipped-question and group checks) cost on the 10M-row read. The baseline reads the same file with the
/// encoding stage off (UTF-8 unvalidated, as before #13) and the date order given (no probe); one thread each, so the
/// ratio is the stages' cost and not the machine's free cores.
/// </summary>
[MemoryDiagnoser]
public class SurveyExportReadBenchmarks
{
    private static readonly AggregationOptions OneThread = new() { MaxDegreeOfParallelism = 1 };
    private string _path = string.Empty;

    [Params(10_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _path = SurveyFiles.Csv(Rows);

    /// <summary>The reader without the stages of issue #13 (as close to "before" as one build allows).</summary>
    [Benchmark(Baseline = true)]
    public long WithoutDetection()
    {
        EncodingStage.SkipDetectionForBenchmarks = true;
        try
        {
            return NpsCsv.ReadCube(_path, Segmentation.By("region"), OneThread, new CsvReadOptions { DateOrder = DateOrder.DayFirst, Source = SurveySource.Generic }).Report.RowsAccepted;
        }
        finally
        {
            EncodingStage.SkipDetectionForBenchmarks = false;
        }
    }

    /// <summary>The default read: encoding detected and validated, layout detected, date order probed.</summary>
    [Benchmark]
    public long WithDetection() => NpsCsv.ReadCube(_path, Segmentation.By("region"), OneThread).Report.RowsAccepted;
}

/// <summary>
/// Issue #13: a 1M-row .xlsx read streams (memory independent of the row count); allocations against reading the same
/// rows as CSV. Peak memory is what streaming bounds; BenchmarkDotNet's MemoryDiagnoser counts allocations, which grow
/// with rows for MiniExcel's per-row dictionaries even when little is live — both are recorded in docs/performance.md.
/// </summary>
[MemoryDiagnoser]
public class XlsxReadBenchmarks
{
    private string _csv = string.Empty;
    private string _xlsx = string.Empty;

    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _csv = SurveyFiles.Csv(Rows);
        _xlsx = SurveyFiles.Xlsx(Rows);
    }

    /// <summary>Date cells are local times; the CSV's are UTC (Z), so the zone changes nothing there.</summary>
    private static readonly CsvReadOptions InUtc = new() { TimeZone = "Etc/UTC" };

    [Benchmark(Baseline = true)]
    public long Csv() => NpsCsv.ReadTally(_csv, InUtc).Tally.Count;

    /// <summary>The .xlsx read: the sheet part inflated and tokenized on one thread.</summary>
    [Benchmark]
    public long Xlsx() => NpsExcel.ReadTally(_xlsx, InUtc).Tally.Count;
}
