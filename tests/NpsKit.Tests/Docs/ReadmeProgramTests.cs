using System.Text.RegularExpressions;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Docs;

/// <summary>
/// README.md's C# blocks that are whole programs (they start with their <c>using</c> lines) compile and run exactly as
/// pasted: each is saved as a file-based app that references the NpsKit projects (the only lines added are the
/// <c>#:project</c>/<c>#:property</c> directives a reader's <c>#:package</c> lines stand for) and run with <c>dotnet run</c>.
/// A line <c>Console.WriteLine(…); // text</c> must print <c>text</c>. tests/NpsKit.PackageTests does the same
/// against the packed packages in a fresh clone.
/// </summary>
[Collection(DotnetRunCollection.Name)]
public sealed partial class ReadmeProgramTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("npskit-readme-program-").FullName;

    public static TheoryData<int> ProgramBlocks => [.. Enumerable.Range(0, Programs(ReadmeTests.ReadRepoFile("README.md")).Count)];

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Readme_FirstCsharpBlock_IsAWholeProgram_WithItsUsings()
    {
        string first = Programs(ReadmeTests.ReadRepoFile("README.md"))[0];
        Assert.StartsWith("using NpsKit;\n", first, StringComparison.Ordinal);
        Assert.Contains("NpsTally.FromScores", first, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProgramBlocks))]
    public void ReadmeProgram_RunsAsPasted_AndPrintsWhatItsCommentsSay(int index)
    {
        string program = Programs(ReadmeTests.ReadRepoFile("README.md"))[index];
        string root = ApiConventions.RepoRoot();
        string file = Path.Combine(_scratch, $"readme-{index}.cs");
        File.WriteAllText(file, string.Join('\n',
            $"#:project {Path.Combine(root, "src", "NpsKit", "NpsKit.csproj")}",
            $"#:project {Path.Combine(root, "src", "NpsKit.Csv", "NpsKit.Csv.csproj")}",
            "#:property PublishAot=false",
            program) + "\n");

        ProcessResult result = SdkProcess.Run(SdkProcess.Dotnet, ["run", file], _scratch);

        Assert.True(result.ExitCode == 0, result.Describe());
        string[] expected = ExpectedOutput(program);
        string[] printed = [.. result.Lines.Where(l => l.Length > 0)];
        Assert.True(printed.Length > 0, result.Describe());
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], printed[i]);
        }
    }

    /// <summary>The README's C# blocks that start with a <c>using</c> directive, in order.</summary>
    internal static List<string> Programs(string readme) =>
        [.. CsharpBlock().Matches(readme).Select(m => m.Groups[1].Value.TrimEnd()).Where(b => b.StartsWith("using ", StringComparison.Ordinal))];

    /// <summary>What the program's <c>Console.WriteLine(…); // text</c> lines say they print, in order.</summary>
    internal static string[] ExpectedOutput(string program) =>
        [.. program.Split('\n').Select(l => PrintComment().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value.TrimEnd())];

    [GeneratedRegex(@"^```csharp\n(.*?)^```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CsharpBlock();

    [GeneratedRegex(@"^\s*Console\.WriteLine\(.*\);\s*//\s?(.*)$")]
    private static partial Regex PrintComment();
}

/// <summary>Tests that build the repository's projects with <c>dotnet run</c> share one collection, so two of them
/// never build the same project at the same time.</summary>
[CollectionDefinition(Name)]
public sealed class DotnetRunCollection
{
    public const string Name = "dotnet run";
}
