using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;

namespace NpsKit.WarehouseBenchmarks;

/// <summary>
/// <c>nps report</c> end to end (a process, as a user runs it) on the same answers (issue #20: 10M) as a Parquet file
/// (counted by DuckDB's read_parquet) and as CSV (NpsKit's CSV reader): monthly NPS × region in Europe/Copenhagen, JSON.
/// The CLI must be built first: <c>dotnet build -c Release src/NpsKit.Cli</c>.
/// </summary>
[Config(typeof(WarehouseConfig))]
public class ParquetReportBenchmarks
{
    private string _folder = string.Empty;
    private string _cli = string.Empty;

    /// <summary>Writes both files from one generated table.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _cli = Path.Combine(RepositoryRoot(), "src", "NpsKit.Cli", "bin", "Release", "net10.0", "nps.dll");
        if (!File.Exists(_cli))
        {
            throw new InvalidOperationException($"Build the CLI first (dotnet build -c Release src/NpsKit.Cli): {_cli} is missing.");
        }

        _folder = Warehouse.TempFolder("parquet");
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Warehouse.Exec(connection, "CREATE TABLE t AS " + string.Format(CultureInfo.InvariantCulture, Warehouse.DuckDbSelect, Warehouse.Rows(10_000_000)));
        Warehouse.Exec(connection, $"COPY t TO '{Path.Combine(_folder, "answers.parquet")}' (FORMAT parquet)");
        Warehouse.Exec(connection, $"COPY (SELECT strftime(timezone('UTC', submitted_at), '%Y-%m-%dT%H:%M:%S.%gZ') AS submitted_at, score, region FROM t) TO '{Path.Combine(_folder, "answers.csv")}' (FORMAT csv, HEADER)");
    }

    /// <summary>Deletes the files.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>nps report answers.parquet.</summary>
    [Benchmark(Baseline = true)]
    public int Parquet() => Report("answers.parquet");

    /// <summary>nps report answers.csv.</summary>
    [Benchmark]
    public int Csv() => Report("answers.csv");

    private int Report(string file)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { _cli, "report", Path.Combine(_folder, file), "--segment", "region", "--tz", "Europe/Copenhagen", "--by", "month", "--format", "json" })
        {
            info.ArgumentList.Add(a);
        }

        using Process process = Process.Start(info)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"nps report {file} failed ({process.ExitCode}): {error.Result}");
        }

        return output.Length;
    }

    private static string RepositoryRoot()
    {
        for (string? d = AppContext.BaseDirectory; d is not null; d = Path.GetDirectoryName(d))
        {
            if (File.Exists(Path.Combine(d, "NpsKit.sln")))
            {
                return d;
            }
        }

        throw new InvalidOperationException("Run from inside the repository (NpsKit.sln not found above the benchmark).");
    }
}
