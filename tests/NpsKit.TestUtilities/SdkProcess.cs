using System.Diagnostics;

namespace NpsKit.TestUtilities;

/// <summary>What a child process printed and how it ended.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Standard output, with LF line ends.</param>
/// <param name="Stderr">Standard error, with LF line ends.</param>
/// <param name="Elapsed">How long it ran.</param>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>Standard output split into lines.</summary>
    public string[] Lines => Stdout.Split('\n');

    /// <summary>Everything, for an assertion message.</summary>
    public string Describe() => $"exit code {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the .NET SDK (or any program) as a user would from a shell: the test host's MSBuild and VSTest variables are
/// removed, so a nested <c>dotnet build</c> does not join the test run's build, and the culture is invariant.
/// </summary>
public static class SdkProcess
{
    /// <summary>The <c>dotnet</c> executable that runs the tests (so nested commands use the same SDK).</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/> (one list entry per argument, no quoting).</summary>
    /// <param name="file">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="environment">Variables to set (a null value removes one).</param>
    /// <param name="timeout">Default 10 minutes; the process tree is killed after it.</param>
    /// <returns>The result; the caller asserts on the exit code.</returns>
    public static ProcessResult Run(string file, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(key);
        }

        psi.Environment["LC_ALL"] = "C.UTF-8";
        psi.Environment["LANG"] = "C.UTF-8";
        psi.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach ((string key, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                psi.Environment.Remove(key);
            }
            else
            {
                psi.Environment[key] = value;
            }
        }

        TimeSpan limit = timeout ?? TimeSpan.FromMinutes(10);
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(psi)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in {limit.TotalMinutes:0} minutes");
        }

        return new ProcessResult(process.ExitCode, stdout.Result.Replace("\r\n", "\n"), stderr.Result.Replace("\r\n", "\n"), clock.Elapsed);
    }

    /// <summary>Runs a command and asserts that it exits 0.</summary>
    /// <inheritdoc cref="Run"/>
    public static ProcessResult Check(string file, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        ProcessResult result = Run(file, arguments, workingDirectory, environment, timeout);
        Xunit.Assert.True(result.ExitCode == 0, $"{file} {string.Join(' ', arguments)} (in {workingDirectory}) failed: {result.Describe()}");
        return result;
    }

    /// <summary>Runs one line of shell (<c>bash -c</c>), as a CI step's <c>run:</c> does.</summary>
    /// <inheritdoc cref="Run"/>
    public static ProcessResult Bash(string script, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        Run("bash", ["-eo", "pipefail", "-c", script], workingDirectory, environment, timeout);
}
