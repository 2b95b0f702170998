using BenchmarkDotNet.Running;

// Switcher entry point (as NodaTime's benchmarks): pick classes with --filter, e.g.
//   dotnet run -c Release --project benchmarks/NpsKit.Benchmarks -- --filter '*Scoring*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The benchmark entry point.</summary>
public partial class Program;
