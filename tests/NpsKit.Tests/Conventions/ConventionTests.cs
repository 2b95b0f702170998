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

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\.(Now|UtcNow|Today)\b|\bTimeZoneInfo\.Local\b|\bEnvironment\.TickCount|\bTimeProvider\.System\b")]
    private static partial Regex BannedClock();
}
