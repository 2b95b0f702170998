using System.Diagnostics;
using NpsKit.Aggregation;
using NpsKit.Benchmarks.Aggregation;
using NpsKit.Csv;
using NpsKit.Csv.Internal;
using NpsKit.TestUtilities;

namespace NpsKit.ComparisonBenchmarks.Csv;

/// <summary>
/// Where the time of reading the yardstick file into a cube goes, stage by stage, in CPU time per row (each stage run
/// three times in one process; the best of the last two is printed, so JIT is excluded):
/// <c>dotnet run -c Release --project benchmarks/NpsKit.ComparisonBenchmarks -- profile 10000000</c>.
/// CPU time rather than wall time, so the figures mean something on a shared machine.
/// </summary>
public static class CsvProfile
{
    /// <summary>Runs the stages and prints one line each.</summary>
    /// <param name="rows">Rows of the yardstick file.</param>
    public static void Run(int rows)
    {
        string path = YardstickFile.Path(rows);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(AggregationData.Zone);
        var csv = new CsvReadOptions { Delimiter = ',' };
        SyntheticColumns data = AggregationData.Generate(rows);
        ResponseTable table = data.ToTable();
        Stage("hand-tuned parser, 1 thread (reference)", rows, () => HandTunedParser.Count(path, 1, zone));
        Stage("hand-tuned parser, 2 threads (the machine's own scaling; CPU of both)", rows, () => HandTunedParser.Count(path, 2, zone));
        Stage("NpsKit tokenizer alone (4 fields touched)", rows, () => Tokenize(path));
        Stage("NpsKit ReadTally (tokenize + validate score, time, id; duplicate sketch)", rows, () => NpsCsv.ReadTally(path, csv).Tally.Count);
        Stage("NpsCubeBuilder.AddCoded of parsed rows (builder alone)", rows, () => Build(data));
        Stage("NpsCube.FromTable of the same rows (kernel alone)", rows, () => NpsCube.FromTable(table, Segmentation.By("segment"), AggregationData.Options(1)).Total.Count);
        Stage("NpsKit ReadCube, 1 thread (end to end)", rows, () => NpsCsv.ReadCube(path, Segmentation.By("segment"), AggregationData.Options(1), csv).Cube.Total.Count);
        Stage("NpsKit ReadCube, 2 threads (end to end; CPU of both)", rows, () => NpsCsv.ReadCube(path, Segmentation.By("segment"), AggregationData.Options(2), csv).Cube.Total.Count);
    }

    private static long Tokenize(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        using Utf8CsvReader reader = Utf8CsvReader.Open(file, leaveOpen: false, null, ',', Utf8CsvReader.DefaultMaxFieldLength, _ => { });
        _ = reader.Headers;
        long sum = 0;
        while (reader.Read())
        {
            sum += reader.GetSpan(0).Length + reader.GetSpan(1).Length + reader.GetSpan(2).Length + reader.GetSpan(3).Length;
        }

        return sum;
    }

    private static long Build(SyntheticColumns data)
    {
        var builder = new NpsCubeBuilder(Segmentation.By("segment"), AggregationData.Options(1));
        int[] codes = [.. data.SegmentNames.Select(n => builder.GetSegmentCode(0, n))];
        Span<int> code = stackalloc int[1];
        for (int i = 0; i < data.Count; i++)
        {
            code[0] = codes[data.SegmentCodes[i]];
            _ = builder.AddCoded(data.UtcTicks[i], data.Scores[i], code);
        }

        return builder.ToCube().Total.Count;
    }

    private static void Stage(string name, int rows, Func<long> run)
    {
        double best = double.MaxValue;
        double bestWall = double.MaxValue;
        long allocated = 0;
        int collections = 0;
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            long bytes = GC.GetTotalAllocatedBytes(precise: true);
            int gcs = GC.CollectionCount(0);
            var process = Process.GetCurrentProcess();
            TimeSpan cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            _ = run();
            watch.Stop();
            process.Refresh();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - bytes;
            collections = GC.CollectionCount(0) - gcs;
            if (i > 0)
            {
                best = Math.Min(best, (process.TotalProcessorTime - cpu).TotalMilliseconds);
                bestWall = Math.Min(bestWall, watch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"{name,-80} {best * 1e6 / rows,7:N1} ns/row CPU  ({best,7:N0} ms CPU, {bestWall,7:N0} ms wall; {allocated / 1e6,6:N1} MB allocated, {collections} GCs)");
    }
}
