using NpsKit.TestUtilities;

namespace NpsKit.Tests.Samples;

/// <summary>Runs a <c>samples/scripts/*.cs</c> file-based app with <c>dotnet run</c>, as a user would.</summary>
internal static class ScriptRunner
{
    public static string ScriptsDirectory => Path.Combine(ApiConventions.RepoRoot(), "samples", "scripts");

    /// <summary>Every script, by file name, in ordinal order.</summary>
    public static IReadOnlyList<string> Scripts() =>
        [.. Directory.GetFiles(ScriptsDirectory, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>
    /// Runs <c>dotnet run &lt;script&gt; [-- args]</c> from <paramref name="workingDirectory"/> with the invariant culture
    /// (<c>LC_ALL=C.UTF-8</c>), so the output does not depend on the machine's locale.
    /// </summary>
    public static ScriptResult Run(string script, string workingDirectory, params string[] args)
    {
        string[] arguments = args.Length > 0 ? ["run", Path.Combine(ScriptsDirectory, script), "--", .. args] : ["run", Path.Combine(ScriptsDirectory, script)];
        ProcessResult result = SdkProcess.Run(SdkProcess.Dotnet, arguments, workingDirectory, timeout: TimeSpan.FromMinutes(5));
        return new ScriptResult(result.ExitCode, result.Stdout, result.Stderr, result.Elapsed);
    }
}

/// <summary>What a script run printed, and how long it took (build included).</summary>
internal sealed record ScriptResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string[] Lines => Stdout.Split('\n');

    public string Describe() => $"exit code {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
