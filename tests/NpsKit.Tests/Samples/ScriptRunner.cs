using System.Diagnostics;
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
        string path = Path.Combine(ScriptsDirectory, script);
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("run");
        psi.ArgumentList.Add(path);
        if (args.Length > 0)
        {
            psi.ArgumentList.Add("--");
            foreach (string arg in args)
            {
                psi.ArgumentList.Add(arg);
            }
        }

        // The test host sets MSBuild variables for itself; a nested SDK command must not inherit them.
        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(key);
        }

        psi.Environment["LC_ALL"] = "C.UTF-8";
        psi.Environment["LANG"] = "C.UTF-8";
        psi.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        psi.Environment["DOTNET_NOLOGO"] = "1";

        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet run {script} did not finish in 5 minutes");
        }

        return new ScriptResult(process.ExitCode, stdout.Result.Replace("\r\n", "\n"), stderr.Result.Replace("\r\n", "\n"), clock.Elapsed);
    }
}

/// <summary>What a script run printed, and how long it took (build included).</summary>
internal sealed record ScriptResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string[] Lines => Stdout.Split('\n');

    public string Describe() => $"exit code {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
