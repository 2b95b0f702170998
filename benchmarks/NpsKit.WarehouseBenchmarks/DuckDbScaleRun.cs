using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using NpsKit.Data;

namespace NpsKit.WarehouseBenchmarks;

/// <summary>
/// Issue #20's DuckDB target in one command, without BenchmarkDotNet (which would generate the file once per method):
/// generates the answers inside DuckDB into a file once (<c>CREATE TABLE … AS SELECT … FROM range(n)</c>), then times,
/// alternating, NpsKit's pushed-down cube, DuckDB alone computing NPS per local month × region in SQL, and — unless
/// <c>--no-rows</c> — every row read into NpsKit; prints the medians and the ratio pushed-down ÷ DuckDB alone against
/// the target 1.2, and exits 1 when the target is missed or the two disagree on the number of answers.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/NpsKit.WarehouseBenchmarks -- duckdb-scale [--rows N] [--iterations K] [--no-rows] [--keep FILE]</c>
/// (defaults: 100,000,000 rows, 3 iterations after one warm-up each, a temporary file deleted afterwards; <c>--keep</c>
/// writes the file once and reuses it on the next run).
/// </remarks>
public static class DuckDbScaleRun
{
    /// <summary>The target: the pushed-down cube within this factor of DuckDB alone.</summary>
    public const double Target = 1.2;

    /// <summary>Runs it.</summary>
    /// <param name="args">The arguments after <c>duckdb-scale</c>.</param>
    /// <returns>0 when the target is met, 1 otherwise, 2 for bad arguments.</returns>
    public static int Run(string[] args)
    {
        long rows = 100_000_000;
        int iterations = 3;
        bool readRows = true;
        string? keep = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows" when i + 1 < args.Length && long.TryParse(args[i + 1].Replace("_", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture, out rows) && rows > 0:
                case "--iterations" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out iterations) && iterations > 0:
                    i++;
                    break;
                case "--no-rows":
                    readRows = false;
                    break;
                case "--keep" when i + 1 < args.Length:
                    keep = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"duckdb-scale: unknown or incomplete argument '{args[i]}'. Use --rows N, --iterations K, --no-rows, --keep FILE.");
                    return 2;
            }
        }

        string folder = Warehouse.TempFolder("duckdb-scale");
        string file = keep ?? Path.Combine(folder, "answers.duckdb");
        try
        {
            using var connection = new DuckDBConnection($"DataSource={file}");
            connection.Open();
            long existing = TableRows(connection);
            var watch = Stopwatch.StartNew();
            if (existing != rows)
            {
                Warehouse.Exec(connection, "DROP TABLE IF EXISTS responses");
                Warehouse.Exec(connection, "CREATE TABLE responses AS " + string.Format(CultureInfo.InvariantCulture, Warehouse.DuckDbSelect, rows));
                Warehouse.Exec(connection, "CHECKPOINT");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generated {rows:N0} answers in DuckDB in {watch.Elapsed.TotalSeconds:F1} s ({new FileInfo(file).Length / 1e6:N0} MB on disk)."));
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Reusing {rows:N0} answers in the kept file."));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU: {Environment.ProcessorCount} logical processors; load average {LoadAverage()}; DuckDB threads {Scalar(connection, "SELECT current_setting('threads')")}"));
            var methods = new List<(string Name, Func<long> Call)>
            {
                ("NpsKit pushed-down cube (NpsDb.ReadCube)", () => NpsDb.ReadCube(connection, SqlDialect.DuckDb, Warehouse.Options(DbSource.Table("responses"))).Cube.Total.Count),
                ("DuckDB alone: NPS per local month x region in SQL", () => AloneCount(connection)),
            };
            // The same cube with the range given: no MIN/MAX query first (what an open From/To costs).
            DbCubeOptions ranged = Warehouse.Options(DbSource.Table("responses")) with
            {
                From = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
                To = new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero),
            };
            methods.Add(("NpsKit pushed-down, From/To given (no MIN/MAX)", () => NpsDb.ReadCube(connection, SqlDialect.DuckDb, ranged).Cube.Total.Count));
            if (readRows)
            {
                methods.Add(("Every row read into NpsKit", () => Warehouse.ReadRows(connection, "SELECT submitted_at, score, region FROM responses").Total.Count));
            }

            var times = methods.Select(_ => new List<double>()).ToArray();
            var counts = new long[methods.Count];
            for (int round = 0; round <= iterations; round++) // round 0 is the warm-up
            {
                for (int m = 0; m < methods.Count; m++)
                {
                    watch.Restart();
                    counts[m] = methods[m].Call();
                    double seconds = watch.Elapsed.TotalSeconds;
                    if (round > 0)
                    {
                        times[m].Add(seconds);
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(round == 0 ? "warm-up" : "round " + round),-8} {methods[m].Name,-52} {seconds,8:F2} s"));
                }
            }

            double[] medians = [.. times.Select(Median)];
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} answers, median of {iterations}:"));
            for (int m = 0; m < methods.Count; m++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {methods[m].Name,-52} {medians[m],8:F2} s  ratio {medians[m] / medians[0]:F2}  ({counts[m]:N0} answers)"));
            }

            double ratio = medians[0] / medians[1];
            bool agree = counts.All(c => c == rows);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Pushed-down / DuckDB alone = {ratio:F2} (target <= {Target:F1}): {(ratio <= Target ? "met" : "NOT met")}{(agree ? string.Empty : "; the methods counted different numbers of answers")}."));
            return ratio <= Target && agree ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long AloneCount(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CAST(SUM(n) AS BIGINT) FROM ({DuckDbWarehouseBenchmarks.AloneSql})";
        command.CommandTimeout = 0;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long TableRows(DuckDBConnection connection)
    {
        try
        {
            return Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM responses"), CultureInfo.InvariantCulture);
        }
        catch (DuckDBException)
        {
            return -1;
        }
    }

    private static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
