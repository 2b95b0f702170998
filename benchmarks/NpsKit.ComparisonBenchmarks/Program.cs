using System.Diagnostics;
using NpsKit.Aggregation;
using NpsKit.Benchmarks.Aggregation;
using NpsKit.ComparisonBenchmarks.Csv;
using NpsKit.Csv;

// Peer comparisons (DuckDB, CsvHelper), apart from the micro benchmarks. Run, for example:
//   dotnet run -c Release --project benchmarks/NpsKit.ComparisonBenchmarks -- --filter '*AggregationComparison*'
//   dotnet run -c Release --project benchmarks/NpsKit.ComparisonBenchmarks -- --filter '*CsvComparison*'
//   (the warehouse and Parquet benchmarks of issue #20 are in benchmarks/NpsKit.WarehouseBenchmarks)
// Peak memory of streaming CSV ingest (one fresh process per measurement):
//   dotnet run -c Release --project benchmarks/NpsKit.ComparisonBenchmarks -- memory cube 10000000
//   dotnet run -c Release --project benchmarks/NpsKit.ComparisonBenchmarks -- memory table 10000000
// Peak memory of one benchmark method in a fresh process (the class's N set, its [GlobalSetup] run first):
//   dotnet run -c Release --project benchmarks/NpsKit.ComparisonBenchmarks -- peak CsvYardstickBenchmarks NpsKit2Threads 10000000
// Per-row CPU cost of each stage of reading the yardstick file into a cube:
//   dotnet run -c Release --project benchmarks/NpsKit.ComparisonBenchmarks -- profile 10000000
// The .xlsx readers against each other and against CSV, each in a fresh process (issue #13):
//   dotnet run -c Release --project benchmarks/NpsKit.ComparisonBenchmarks -- xlsx 1000000 3
if (args.Length >= 2 && args[0] == "xlsx")
{
    NpsKit.ComparisonBenchmarks.Excel.XlsxReaderComparison.Run(args);
    return;
}

if (args.Length == 2 && args[0] == "profile")
{
    NpsKit.ComparisonBenchmarks.Csv.CsvProfile.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length == 4 && args[0] == "peak")
{
    Type type = typeof(Program).Assembly.GetTypes().Single(t => t.Name == args[1]);
    object bench = Activator.CreateInstance(type)!;
    type.GetProperty("N")?.SetValue(bench, int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
    type.GetMethods().SingleOrDefault(m => m.GetCustomAttributes(typeof(BenchmarkDotNet.Attributes.GlobalSetupAttribute), false).Length > 0)?.Invoke(bench, null);
    var process = Process.GetCurrentProcess();
    process.Refresh();
    long before = process.PeakWorkingSet64;
    TimeSpan cpu = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    object? result = type.GetMethod(args[2])!.Invoke(bench, null);
    watch.Stop();
    process.Refresh();
    Console.WriteLine($"{args[1]}.{args[2]} N={args[3]}: {result} in {watch.Elapsed.TotalMilliseconds:N0} ms ({(process.TotalProcessorTime - cpu).TotalMilliseconds:N0} ms CPU, JIT included); peak working set {process.PeakWorkingSet64 / 1e6:N0} MB (after setup: {before / 1e6:N0} MB)");
    return;
}

if (args.Length == 3 && args[0] == "memory")
{
    int rows = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    string path = CsvComparisonBenchmarks.CsvFile(rows);
    var before = Process.GetCurrentProcess();
    before.Refresh();
    long baseline = before.PeakWorkingSet64;
    var stopwatch = Stopwatch.StartNew();
    long count = args[1] == "table"
        ? NpsCsv.ReadTable(path, new CsvReadOptions { Delimiter = ',' }).Table.Count
        : NpsCsv.ReadCube(path, Segmentation.By("Segment"), AggregationData.Options(-1), new CsvReadOptions { Delimiter = ',' }).Cube.Total.Count;
    stopwatch.Stop();
    var after = Process.GetCurrentProcess();
    after.Refresh();
    Console.WriteLine($"{args[1]} {rows:N0} rows ({new FileInfo(path).Length / 1e6:N0} MB file): {count:N0} counted in {stopwatch.Elapsed.TotalSeconds:N2} s; peak working set {after.PeakWorkingSet64 / 1e6:N0} MB (process before reading: {baseline / 1e6:N0} MB)");
    return;
}

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The benchmark entry point.</summary>
public partial class Program;
