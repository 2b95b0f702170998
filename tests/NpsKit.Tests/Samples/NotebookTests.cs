using System.Text.Json;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Samples;

/// <summary>
/// Every <c>samples/notebooks/*.ipynb</c> is generated from its <c>samples/scripts/*.cs</c> by <see cref="NotebookGenerator"/>,
/// so the notebooks' code is the scripts' tested code; tests/NpsKit.PackageTests/NotebookExecutionTests.cs also runs
/// each notebook headless (dotnet-repl) against the locally packed packages. After editing a
/// script, regenerate with <c>NPSKIT_UPDATE_NOTEBOOKS=1 dotnet test tests/NpsKit.Tests --filter "FullyQualifiedName~Samples.NotebookTests"</c>.
/// </summary>
public class NotebookTests
{
    private static readonly string Root = ApiConventions.RepoRoot();
    private static readonly string NotebooksDirectory = Path.Combine(Root, "samples", "notebooks");

    public static TheoryData<string> Scripts => [.. ScriptRunner.Scripts()];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_HasItsNotebook_GeneratedFromItsCells(string script)
    {
        string generated = NotebookGenerator.Generate(script, File.ReadAllText(Path.Combine(ScriptRunner.ScriptsDirectory, script)), PackageVersion());
        string path = Path.Combine(NotebooksDirectory, Path.ChangeExtension(script, ".ipynb"));
        if (Environment.GetEnvironmentVariable("NPSKIT_UPDATE_NOTEBOOKS") == "1")
        {
            _ = Directory.CreateDirectory(NotebooksDirectory);
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing. Generate it: NPSKIT_UPDATE_NOTEBOOKS=1 dotnet test tests/NpsKit.Tests --filter \"FullyQualifiedName~Samples.NotebookTests\"");
        string committed = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.True(committed == generated,
            $"samples/notebooks/{Path.GetFileName(path)} differs from what samples/scripts/{script} generates (the notebook was edited, or the script changed). "
            + "Edit the script, then regenerate: NPSKIT_UPDATE_NOTEBOOKS=1 dotnet test tests/NpsKit.Tests --filter \"FullyQualifiedName~Samples.NotebookTests\"");
    }

    [Fact]
    public void EveryNotebook_HasAScript()
    {
        var scripts = ScriptRunner.Scripts().Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        foreach (string notebook in Directory.GetFiles(NotebooksDirectory, "*.ipynb"))
        {
            Assert.True(scripts.Contains(Path.GetFileNameWithoutExtension(notebook)), $"{Path.GetFileName(notebook)} has no script in samples/scripts: write the script, the notebook is generated from it");
        }
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Notebook_IsNbformat4_WithTheDotnetInteractiveCSharpKernel(string script)
    {
        string path = Path.Combine(NotebooksDirectory, Path.ChangeExtension(script, ".ipynb"));
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        Assert.True(root.GetProperty("nbformat_minor").GetInt32() >= 4);
        JsonElement kernelspec = root.GetProperty("metadata").GetProperty("kernelspec");
        Assert.Equal(".net-csharp", kernelspec.GetProperty("name").GetString());
        Assert.Equal("C#", kernelspec.GetProperty("language").GetString());
        Assert.Equal("csharp", root.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString());

        var cells = root.GetProperty("cells").EnumerateArray().ToList();
        Assert.Contains(cells, c => c.GetProperty("cell_type").GetString() == "markdown");
        foreach (JsonElement cell in cells)
        {
            Assert.Equal(JsonValueKind.Object, cell.GetProperty("metadata").ValueKind);
            Assert.All(cell.GetProperty("source").EnumerateArray(), line => Assert.Equal(JsonValueKind.String, line.ValueKind));
            if (cell.GetProperty("cell_type").GetString() == "code")
            {
                Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
                Assert.Empty(cell.GetProperty("outputs").EnumerateArray());
                Assert.Equal("csharp", cell.GetProperty("metadata").GetProperty("dotnet_interactive").GetProperty("language").GetString());
            }
        }

        string setup = string.Concat(cells.First(c => c.GetProperty("cell_type").GetString() == "code").GetProperty("source").EnumerateArray().Select(l => l.GetString()));
        Assert.Contains($"#r \"nuget: NpsKit, {PackageVersion()}\"", setup, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_DropsScriptOnlyLines_AndUncommentsNotebookLines()
    {
        const string script = """
            #:project ../../src/NpsKit/NpsKit.csproj
            #:project ../../src/NpsKit.Csv/NpsKit.Csv.csproj
            using NpsKit;
            string dir = "x";
            /* md
            # Title
            */
            // cell: load
            string path = args[0]; // script only
            // notebook: string path = "data.csv";
                // notebook: Console.WriteLine(path);
            Console.WriteLine(path);
            // end cell
            """;

        IReadOnlyList<NotebookCell> cells = NotebookGenerator.Cells("t.cs", script, "9.9.9");

        Assert.Equal([false, false, true, true], cells.Select(c => c.IsCode));
        Assert.Equal("# Title", cells[0].Source);
        Assert.StartsWith(NotebookGenerator.LocalFeedHint + "\n" + NotebookGenerator.LocalFeedLine + "\n#r \"nuget: NpsKit, 9.9.9\"\n#r \"nuget: NpsKit.Csv, 9.9.9\"\n\nusing System.IO;\nusing System.Net.Http;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing NpsKit;\n", cells[2].Source, StringComparison.Ordinal);
        Assert.DoesNotContain("dir", cells[2].Source, StringComparison.Ordinal);
        Assert.Equal("string path = \"data.csv\";\n    Console.WriteLine(path);\nConsole.WriteLine(path);", cells[3].Source);
    }

    [Theory]
    [InlineData("// cell: a\nx();\n", "never closed")]
    [InlineData("// cell: a\n/* md\n*/\n// end cell\n", "inside the block")]
    [InlineData("// cell: a\n// end cell\nx();\n", "line 3: code outside")]
    [InlineData("using NpsKit;\n", "has no '// cell")]
    public void Generate_BadLayout_ThrowsWithTheLine(string script, string message)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => NotebookGenerator.Cells("t.cs", script, "1.0.0"));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The package version the notebooks load (versions come from git tags, so no number is written down).</summary>
    private static string PackageVersion() => NotebookGenerator.PackageVersion;
}
