using BenchmarkDotNet.Running;

// Peer comparisons (DuckDB), apart from the micro benchmarks. Run, for example:
//   dotnet run -c Release --project benchmarks/NpsKit.ComparisonBenchmarks -- --filter '*AggregationComparison*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The benchmark entry point.</summary>
public partial class Program;
