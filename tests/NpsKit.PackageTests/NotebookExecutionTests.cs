using System.Text.Json;
using NpsKit.TestUtilities;

namespace NpsKit.PackageTests;

/// <summary>
/// Runs every <c>samples/notebooks/*.ipynb</c> headless, as a notebook user would, against the packages the fresh
/// clone packed: dotnet-repl (the .NET Interactive kernel's command-line runner, installed as a .NET tool into the
/// workspace) executes the notebook in the clone's <c>samples/notebooks</c> folder, after the one edit the notebook
/// asks its reader to make (the full path of the local feed on its <c>#i</c> line). Every code cell must run without
/// an error output, and the notebook must print its key line.
/// </summary>
/// <remarks>The .NET Interactive kernel and Polyglot Notebooks are deprecated (dotnet/interactive#4163); file-based
/// apps (<c>samples/scripts</c>) are the maintained path. The notebooks stay while these tests keep them working.</remarks>
[Collection(FreshCloneCollection.Name)]
public sealed class NotebookExecutionTests(FreshClone clone)
{
    private const string ReplVersion = "0.3.259";

    public static TheoryData<string, string> Notebooks => new()
    {
        { "monthly-trend.ipynb", "Overall: NPS +" },
        { "league-table.ipynb", "Latest month: 2026-10" },
        { "period-comparison.ipynb", "2026-Q3: NPS " },
        { "churn-cost.ipynb", "Value change: USD " },
        { "enps.ipynb", " groups hidden" },
        { "eligibility.ipynb", " contacts: " },
        { "why-it-moved.ipynb", "Parts sum to -20.2 = the change -20.2" },
    };

    [Fact]
    public void EveryNotebook_HasAnExecutionTest()
    {
        var listed = Notebooks.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        foreach (string notebook in Directory.GetFiles(Path.Combine(ApiConventions.RepoRoot(), "samples", "notebooks"), "*.ipynb"))
        {
            Assert.True(listed.Contains(Path.GetFileName(notebook)), $"{Path.GetFileName(notebook)}: add it to NotebookExecutionTests.Notebooks with a line it prints");
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_RunsHeadless_AgainstThePackedPackages(string notebook, string keyLine)
    {
        string folder = Path.Combine(clone.Root, "samples", "notebooks");
        string source = File.ReadAllText(Path.Combine(folder, notebook));
        const string commented = "// #i \\\"nuget: /full/path/to/npskit/artifacts/packages\\\"";
        Assert.Contains(commented, source, StringComparison.Ordinal);
        string edited = source.Replace(commented, "#i \\\"nuget: " + JsonEncodedText.Encode(clone.Feed).ToString() + "\\\"", StringComparison.Ordinal);
        string input = Path.Combine(folder, "run-" + notebook);
        string output = Path.Combine(folder, "out-" + notebook);
        File.WriteAllText(input, edited);

        ProcessResult run = SdkProcess.Run(Repl(), ["--run", input, "--exit-after-run", "--output-format", "ipynb", "--output-path", output, "--working-dir", folder],
            folder, clone.ConsumerEnvironment, TimeSpan.FromMinutes(10));

        Assert.True(File.Exists(output), run.Describe());
        using JsonDocument result = JsonDocument.Parse(File.ReadAllText(output));
        var code = result.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code").ToList();
        Assert.NotEmpty(code);
        var errors = code.SelectMany(c => c.GetProperty("outputs").EnumerateArray())
            .Where(o => o.GetProperty("output_type").GetString() == "error")
            .Select(o => o.GetProperty("evalue").GetString()).ToList();
        Assert.True(errors.Count == 0, $"{notebook}: {string.Join("\n", errors)}\n{run.Describe()}");
        Assert.Equal(0, run.ExitCode);
        string stdout = string.Concat(code.SelectMany(c => c.GetProperty("outputs").EnumerateArray())
            .Where(o => o.GetProperty("output_type").GetString() == "stream")
            .SelectMany(o => o.GetProperty("text").EnumerateArray().Select(t => t.GetString())));
        Assert.Contains(keyLine, stdout, StringComparison.Ordinal);
        Assert.Contains("Installed Packages", File.ReadAllText(output), StringComparison.Ordinal);
    }

    /// <summary>dotnet-repl, installed once into the workspace.</summary>
    private string Repl()
    {
        string tools = Path.Combine(clone.Workspace, "repl-tool");
        string repl = Path.Combine(tools, OperatingSystem.IsWindows() ? "dotnet-repl.exe" : "dotnet-repl");
        lock (typeof(NotebookExecutionTests))
        {
            if (!File.Exists(repl))
            {
                SdkProcess.Check(SdkProcess.Dotnet, ["tool", "install", "dotnet-repl", "--version", ReplVersion, "--tool-path", tools], clone.Workspace);
            }
        }

        return repl;
    }
}
