using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Switcher entry point (as NodaTime's benchmarks): pick classes with --filter, e.g.
//   dotnet run -c Release --project benchmarks/NpsKit.Benchmarks -- --filter '*Scoring*'
//
// On the shared build machine BenchmarkDotNet's own time limits, not the code, ended runs: the out-of-process build of
// the generated project gets 2 minutes by default (it took longer under load: "failed to build the auto-generated
// boilerplate code"), and the in-process toolchain (--inProcess) aborts a case whose setup and iterations take more than
// 5 minutes ("takes too long to run") — the million-contact eligibility cases did, so the last case never ran. The build
// limit is raised here; run long cases out of process (no --inProcess), which has no execution limit.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(20)));

/// <summary>The benchmark entry point.</summary>
public partial class Program;
