using System.Text.RegularExpressions;
using NpsKit.TestUtilities;

namespace NpsKit.PackageTests;

/// <summary>
/// A fresh clone of the repository in a temporary folder, packed once with the README's command
/// (<c>dotnet pack npskit -c Release</c>, into the clone's <c>artifacts/packages</c>). It holds the files a clone of this
/// working tree would have (tracked and new, not ignored, files; uncommitted edits included, so the tests check what
/// is about to be committed), in a new git repository with one commit and no remote — the case in which SourceLink
/// warns unless the build handles it. Nothing is written to the repository itself: its <c>artifacts/packages</c>
/// stays as the developer left it.
/// </summary>
/// <remarks>
/// Layout, as the README describes it: <c>&lt;temp&gt;/npskit</c> is the clone, and a user's projects sit beside it
/// (<c>&lt;temp&gt;/myapp</c>), so the README's <c>nuget.config</c> (<c>../npskit/artifacts/packages</c>) is used as written.
/// Restores of consumers go to <see cref="PackagesCache"/>, a fresh folder, so a cached NpsKit can never be used.
/// </remarks>
public sealed partial class FreshClone : IDisposable
{
    public FreshClone()
    {
        Workspace = Directory.CreateTempSubdirectory("npskit-fresh-").FullName;
        Root = Path.Combine(Workspace, "npskit");
        PackagesCache = Path.Combine(Workspace, "nuget-packages");
        string source = ApiConventions.RepoRoot();

        ProcessResult files = SdkProcess.Check("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], source);
        foreach (string relative in files.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            string from = Path.Combine(source, relative);
            if (!File.Exists(from))
            {
                continue; // deleted in the working tree, not yet committed
            }

            string to = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }

        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("commit", "-q", "-m", "fresh clone");

        // README.md, "Install": `dotnet pack npskit -c Release` from the folder that holds the clone.
        PackOutput = SdkProcess.Check(SdkProcess.Dotnet, ["pack", "npskit", "-c", "Release"], Workspace).Stdout;
        Feed = Path.Combine(Root, "artifacts", "packages");
        string nupkg = Directory.GetFiles(Feed, "NpsKit.*.nupkg").Select(Path.GetFileName).Single(n => CorePackage().IsMatch(n!))!;
        Version = CorePackage().Match(nupkg).Groups[1].Value;
    }

    /// <summary>The temporary folder that holds the clone and the user's projects.</summary>
    public string Workspace { get; }

    /// <summary>The clone's root.</summary>
    public string Root { get; }

    /// <summary>The local feed the README's pack command fills: the clone's <c>artifacts/packages</c>.</summary>
    public string Feed { get; }

    /// <summary>The version the pack gave the packages (from git, by MinVer).</summary>
    public string Version { get; }

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; }

    /// <summary>A fresh NuGet packages folder for consumers' restores.</summary>
    public string PackagesCache { get; }

    /// <summary>Environment for a consumer's SDK commands: the fresh packages folder.</summary>
    public IReadOnlyDictionary<string, string?> ConsumerEnvironment => new Dictionary<string, string?> { ["NUGET_PACKAGES"] = PackagesCache };

    /// <summary>Runs git in the clone.</summary>
    public void Git(params string[] arguments) =>
        SdkProcess.Check("git", ["-c", "user.name=NpsKit tests", "-c", "user.email=tests@npskit.invalid", .. arguments], Root);

    public void Dispose() => Directory.Delete(Workspace, recursive: true);

    [GeneratedRegex(@"^NpsKit\.(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex CorePackage();
}

/// <summary>The package tests share one fresh clone and run one after another in it.</summary>
[CollectionDefinition(Name)]
public sealed class FreshCloneCollection : ICollectionFixture<FreshClone>
{
    public const string Name = "fresh clone";
}
