using System.Reflection;
using System.Text.RegularExpressions;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Conventions;

public partial class ConventionTests : ApiConventionTests
{
    protected override Assembly Library => typeof(NpsTally).Assembly;

    protected override string ApprovedApiFile => "tests/NpsKit.Tests/Conventions/NpsKit.PublicApi.approved.txt";

    [Fact]
    public void Sources_UseNoAmbientClockOrLocalZone()
    {
        // Polly bans these through BannedSymbols.txt; the banned-API analyzer is not served here, so scan the sources.
        // The one exception is the nps program's entry point: the edge where the system clock is handed in.
        string src = Path.Combine(ApiConventions.RepoRoot(), "src");
        string edge = Path.Combine(src, "NpsKit.Cli", "Program.cs");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => f != edge)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => BannedClock().IsMatch(x.line) && !x.line.TrimStart().StartsWith("///", StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(src, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void CommittedFiles_NameNoAbsolutePathOfAMachine()
    {
        // A path of the machine a file was written on (its work folder, a user's home, a Windows user folder) works
        // there only: CI clones to another folder, users to theirs.
        string root = ApiConventions.RepoRoot();
        string[] binary = [".png", ".xlsx", ".gz", ".pdf", ".parquet", ".nupkg", ".ico", ".dll", ".snk"];
        var offenders = TrackedFiles(root)
            .Where(f => !binary.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .SelectMany(f => File.ReadLines(Path.Combine(root, f)).Select((line, i) => (f, i, line)))
            .Where(x => MachinePath().IsMatch(x.line))
            .Select(x => $"{x.f}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }

    /// <summary>The files git tracks (a clone), else every file outside bin/obj/artifacts (a source archive).</summary>
    private static IEnumerable<string> TrackedFiles(string root)
    {
        try
        {
            var git = new System.Diagnostics.ProcessStartInfo("git", "ls-files -z")
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var process = System.Diagnostics.Process.Start(git)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode == 0 && output.Length > 0)
            {
                return output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(root, f)));
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on this machine: fall back to walking the tree.
        }

        string[] skip = ["bin", "obj", "artifacts", ".git"];
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => skip.Contains(part, StringComparer.Ordinal)));
    }

    [GeneratedRegex(@"(^|[^A-Za-z0-9_.~-])/(work|home/[a-z][a-z0-9_-]*|root|check|Users)/|[A-Za-z]:\\Users\\")]
    private static partial Regex MachinePath();

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\.(Now|UtcNow|Today)\b|\bTimeZoneInfo\.Local\b|\bEnvironment\.TickCount|\bTimeProvider\.System\b")]
    private static partial Regex BannedClock();
}
