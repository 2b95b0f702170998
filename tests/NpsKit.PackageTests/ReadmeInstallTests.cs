using System.Text.RegularExpressions;
using NpsKit.TestUtilities;

namespace NpsKit.PackageTests;

/// <summary>
/// A new user's path through README.md's "Install" section, followed literally outside the repository: the fresh
/// clone sits at <c>&lt;temp&gt;/npskit</c> and was packed with the README's command; a console app and a file-based
/// app are made beside it with the README's <c>nuget.config</c> and commands, and run the README's first example.
/// </summary>
[Collection(FreshCloneCollection.Name)]
public sealed partial class ReadmeInstallTests(FreshClone clone)
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(ApiConventions.RepoRoot(), "README.md")).Replace("\r\n", "\n");

    [Fact]
    public void Readme_PacksWithTheCommandTheFreshCloneUsed()
    {
        Assert.Contains("\ndotnet pack npskit -c Release ", Readme, StringComparison.Ordinal);
        Assert.Contains($"<add key=\"npskit-local\" value=\"../npskit/artifacts/packages\" />", NugetConfig(), StringComparison.Ordinal);
        Assert.DoesNotContain("<clear", NugetConfig(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ConsoleApp_MadeAsTheReadmeSays_RunsTheFirstExample()
    {
        string[] commands = ShellLines(Block("sh", "dotnet new console -o myapp"));
        Assert.Equal("dotnet new console -o myapp", commands[0]);
        Check(SdkProcess.Bash(commands[0], clone.Workspace, clone.ConsumerEnvironment));
        string app = Path.Combine(clone.Workspace, "myapp");
        File.WriteAllText(Path.Combine(app, "nuget.config"), NugetConfig());

        // The remaining lines, one shell session from the workspace (so `cd myapp` holds), as a reader types them.
        Check(SdkProcess.Bash(string.Join('\n', commands.Skip(1)), clone.Workspace, clone.ConsumerEnvironment));
        string csproj = File.ReadAllText(Path.Combine(app, "myapp.csproj"));
        Assert.Contains($"<PackageReference Include=\"NpsKit\" Version=\"{clone.Version}\" />", csproj, StringComparison.Ordinal);
        Assert.Contains($"<PackageReference Include=\"NpsKit.Csv\" Version=\"{clone.Version}\" />", csproj, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(app, "Program.cs"), FirstExample());
        ProcessResult run = Check(SdkProcess.Run(SdkProcess.Dotnet, ["run"], app, clone.ConsumerEnvironment));
        AssertPrintsWhatTheCommentsSay(run);
        Assert.True(Directory.Exists(Path.Combine(clone.PackagesCache, "npskit", clone.Version)), "NpsKit was not restored from the local feed");
    }

    [Fact]
    public void FileBasedApp_MadeAsTheReadmeSays_RunsTheFirstExample()
    {
        string folder = Path.Combine(clone.Workspace, "scripts");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), NugetConfig());
        string directives = Block("csharp", "#:package NpsKit@");
        File.WriteAllText(Path.Combine(folder, "first.cs"), directives + "\n\n" + FirstExample());

        ProcessResult run = Check(SdkProcess.Run(SdkProcess.Dotnet, ["run", "first.cs"], folder, clone.ConsumerEnvironment));
        AssertPrintsWhatTheCommentsSay(run);
        Assert.True(Directory.Exists(Path.Combine(clone.PackagesCache, "npskit", clone.Version)), "NpsKit was not restored from the local feed");
    }

    [Fact]
    public void Tool_InstalledAsTheReadmeSays_Runs()
    {
        string line = Assert.Single(ShellLines(Block("sh", "dotnet tool install -g NpsKit.Cli --prerelease")));
        string tools = Path.Combine(clone.Workspace, "tool-from-readme");

        // `-g` would install for the machine's user; the test installs into a folder, otherwise as written.
        Check(SdkProcess.Bash(line.Replace(" -g ", $" --tool-path \"{tools}\" ", StringComparison.Ordinal), clone.Workspace, clone.ConsumerEnvironment));
        ProcessResult version = Check(SdkProcess.Run(Path.Combine(tools, "nps"), ["--version"], clone.Workspace));
        Assert.StartsWith(clone.Version, version.Stdout.Trim(), StringComparison.Ordinal);
    }

    private static ProcessResult Check(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.Describe());
        return result;
    }

    private static void AssertPrintsWhatTheCommentsSay(ProcessResult run)
    {
        string[] expected = [.. FirstExample().Split('\n').Select(l => PrintComment().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value.TrimEnd())];
        Assert.Equal(3, expected.Length);
        Assert.Equal(expected, run.Lines.Where(l => l.Length > 0).Take(expected.Length));
    }

    /// <summary>The C# block under "## A first example", exactly as the README shows it.</summary>
    private static string FirstExample()
    {
        int heading = Readme.IndexOf("\n## A first example\n", StringComparison.Ordinal);
        Assert.True(heading >= 0, "README.md has no '## A first example' section");
        return Blocks("csharp").First(b => Readme.IndexOf(b, StringComparison.Ordinal) > heading) + "\n";
    }

    private static string NugetConfig() => Block("xml", "<packageSources>") + "\n";

    /// <summary>The first fenced block of <paramref name="language"/> that contains <paramref name="text"/>.</summary>
    private static string Block(string language, string text) =>
        Blocks(language).FirstOrDefault(b => b.Contains(text, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"README.md has no ```{language} block with '{text}'");

    private static IEnumerable<string> Blocks(string language) =>
        Regex.Matches(Readme, $@"^```{language}\n(.*?)^```$", RegexOptions.Singleline | RegexOptions.Multiline).Select(m => m.Groups[1].Value.TrimEnd('\n'));

    /// <summary>A shell block's commands, without the comments a reader does not type.</summary>
    private static string[] ShellLines(string block) =>
        [.. block.Split('\n').Select(l => ShellComment().Replace(l, "").TrimEnd()).Where(l => l.Length > 0)];

    [GeneratedRegex(@"\s+#\s.*$")]
    private static partial Regex ShellComment();

    [GeneratedRegex(@"^\s*Console\.WriteLine\(.*\);\s*//\s?(.*)$")]
    private static partial Regex PrintComment();
}
