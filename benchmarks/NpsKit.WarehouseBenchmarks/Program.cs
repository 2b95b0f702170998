using BenchmarkDotNet.Running;
using NpsKit.WarehouseBenchmarks;

// Issue #20's DuckDB target in one command (generates the answers in DuckDB once, prints the ratio):
//   dotnet run -c Release --project benchmarks/NpsKit.WarehouseBenchmarks -- duckdb-scale --rows 100000000
// Otherwise BenchmarkDotNet; pick classes with --filter, e.g. (one run at a time on a shared machine, under the bench lock):
//   NPSKIT_BENCH_ROWS=10000000 dotnet run -c Release --project benchmarks/NpsKit.WarehouseBenchmarks -- --filter '*Postgres*' --inProcess
if (args.Length > 0 && args[0] == "duckdb-scale")
{
    return DuckDbScaleRun.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>The benchmark entry point.</summary>
public partial class Program;
