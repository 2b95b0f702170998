using NpsKit.TestUtilities;

namespace NpsKit.PackageTests;

/// <summary>
/// The SemVer policy of docs/releasing.md, enforced by package validation once <c>NpsKitApiBaselineVersion</c> names
/// the last release: a pack that removes a public type of the baseline fails (CP0001) unless the version moves past
/// the baseline's major (before 1.0: its minor). The "baseline release" here is NpsKit with one extra public type,
/// added through MSBuild's <c>CustomBeforeMicrosoftCSharpTargets</c> hook, packed into a folder feed; the current
/// NpsKit lacks that type, which is exactly what a removed API looks like.
/// </summary>
[Collection(FreshCloneCollection.Name)]
public sealed class ApiCompatibilityTests(FreshClone clone)
{
    [Fact]
    public void Pack_RemovingABaselineType_FailsWithinAMajor_AndPassesOnTheNextMajor()
    {
        string baselineFeed = PackBaseline("1.4.0");

        ProcessResult patch = Pack("1.4.1", "1.4.0", baselineFeed);
        Assert.True(patch.ExitCode != 0, "a breaking change in a patch release must fail the pack:\n" + patch.Describe());
        Assert.Contains("CP0001", patch.Stdout, StringComparison.Ordinal);
        Assert.Contains("NpsKit.ReleaseProbe", patch.Stdout, StringComparison.Ordinal);

        ProcessResult minor = Pack("1.5.0", "1.4.0", baselineFeed);
        Assert.True(minor.ExitCode != 0, "a breaking change in a minor release must fail the pack:\n" + minor.Describe());

        ProcessResult major = Pack("2.0.0", "1.4.0", baselineFeed);
        Assert.True(major.ExitCode == 0, major.Describe());
        Assert.Contains("a new major version after 1.4.0, so breaking changes are allowed", major.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_BeforeOnePointZero_TheMinorIsTheBreakingDigit()
    {
        string baselineFeed = PackBaseline("0.3.0");

        ProcessResult patch = Pack("0.3.1", "0.3.0", baselineFeed);
        Assert.True(patch.ExitCode != 0, patch.Describe());
        Assert.Contains("CP0001", patch.Stdout, StringComparison.Ordinal);

        ProcessResult minor = Pack("0.4.0", "0.3.0", baselineFeed);
        Assert.True(minor.ExitCode == 0, minor.Describe());
    }

    [Fact]
    public void Pack_WithoutBreakingChanges_PassesAgainstTheBaseline()
    {
        // The baseline is today's API; the new version adds a type (an additive, minor change).
        string feed = Path.Combine(clone.Workspace, "baseline-plain");
        SdkProcess.Check(SdkProcess.Dotnet, ["pack", "src/NpsKit", "-c", "Release", "-o", feed, "-p:Version=3.1.0"], clone.Root, clone.ConsumerEnvironment);

        ProcessResult additive = Pack("3.2.0", "3.1.0", feed, withProbe: true);
        Assert.True(additive.ExitCode == 0, additive.Describe());
        Assert.Contains("checking that every public API of 3.1.0 is still there", additive.Stdout, StringComparison.Ordinal);
    }

    private string PackBaseline(string version)
    {
        string feed = Path.Combine(clone.Workspace, "baseline-" + version);
        SdkProcess.Check(SdkProcess.Dotnet, ["pack", "src/NpsKit", "-c", "Release", "-o", feed, $"-p:Version={version}", .. ProbeArguments()], clone.Root, clone.ConsumerEnvironment);
        return feed;
    }

    private ProcessResult Pack(string version, string baseline, string baselineFeed, bool withProbe = false) =>
        SdkProcess.Run(SdkProcess.Dotnet,
            ["pack", "src/NpsKit", "-c", "Release", "-o", Path.Combine(clone.Workspace, "packed-" + version), $"-p:Version={version}",
             $"-p:NpsKitApiBaselineVersion={baseline}", $"-p:RestoreAdditionalProjectSources={baselineFeed}", .. withProbe ? ProbeArguments() : []],
            clone.Root, clone.ConsumerEnvironment);

    /// <summary>MSBuild arguments that compile one extra public type into NpsKit.</summary>
    private string[] ProbeArguments()
    {
        string folder = Path.Combine(clone.Workspace, "probe");
        Directory.CreateDirectory(folder);
        string source = Path.Combine(folder, "ReleaseProbe.cs");
        File.WriteAllText(source, """
            namespace NpsKit;

            /// <summary>A public type that only the baseline release has.</summary>
            public static class ReleaseProbe
            {
                /// <summary>Gets one.</summary>
                public static int One => 1;
            }
            """);
        string targets = Path.Combine(folder, "probe.targets");
        File.WriteAllText(targets, $"""<Project><ItemGroup><Compile Include="{source}" /></ItemGroup></Project>""");
        return [$"-p:CustomBeforeMicrosoftCSharpTargets={targets}"];
    }
}
