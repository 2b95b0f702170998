using BenchmarkDotNet.Running;

// Pick classes with --filter, e.g. (one run at a time on a shared machine, under the bench lock):
//   NPSKIT_BENCH_ROWS=100000000 dotnet run -c Release --project benchmarks/NpsKit.WarehouseBenchmarks -- --filter '*DuckDb*' --inProcess
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The benchmark entry point.</summary>
public partial class Program;
