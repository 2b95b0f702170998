using System.Text.RegularExpressions;
using NpsKit.Tests.Docs.Snippets;
using NpsKit.Tests.Samples;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Docs;

/// <summary>
/// docs/getting-started.md, docs/concepts.md and docs/scaling-out.md show only code the tests compile and run: C#
/// regions of <see cref="DocsSnippets"/> and <see cref="ScalingOutTests"/>, SQL run against SQLite, and cells of the
/// sample scripts that <see cref="ScriptTests"/> runs.
/// </summary>
[UseInvariantCulture]
public partial class DocsTests
{
    private static readonly string Root = ApiConventions.RepoRoot();

    public static TheoryData<string, string, string> Regions => new()
    {
        { "docs/getting-started.md", "tests/NpsKit.Tests/Docs/DocsSnippets.cs", "getting-started-first-tally" },
        { "docs/concepts.md", "tests/NpsKit.Tests/Docs/DocsSnippets.cs", "concepts-categories" },
        { "docs/concepts.md", "tests/NpsKit.Tests/Docs/DocsSnippets.cs", "concepts-merge" },
        { "docs/concepts.md", "tests/NpsKit.Tests/Docs/DocsSnippets.cs", "concepts-category-only" },
        { "docs/concepts.md", "tests/NpsKit.Tests/Docs/DocsSnippets.cs", "concepts-intervals" },
        { "docs/scaling-out.md", "tests/NpsKit.Tests/Docs/ScalingOutTests.cs", "sql-group-by" },
        { "docs/scaling-out.md", "tests/NpsKit.Tests/Docs/ScalingOutTests.cs", "sql-month-department" },
        { "docs/scaling-out.md", "tests/NpsKit.Tests/Docs/ScalingOutTests.cs", "sql-weighted" },
        { "docs/scaling-out.md", "tests/NpsKit.Tests/Docs/ScalingOutTests.cs", "json-machines" },
        { "docs/scaling-out.md", "tests/NpsKit.Data.Tests/DocsSnippets.cs", "db-cube" }, // compiled and run in NpsKit.Data.Tests
        { "docs/scaling-out.md", "tests/NpsKit.Data.Tests/DocsSnippets.cs", "from-counts" },
        { "docs/scaling-out.md", "tests/NpsKit.Data.Tests/DocsSnippets.cs", "parquet" },
    };

    public static TheoryData<string, string, string> ScriptCells => new()
    {
        { "docs/getting-started.md", "samples/scripts/monthly-trend.cs", "load" },
        { "docs/getting-started.md", "samples/scripts/monthly-trend.cs", "trend" },
        { "docs/getting-started.md", "samples/scripts/monthly-trend.cs", "changes" },
    };

    [Theory]
    [MemberData(nameof(Regions))]
    public void Document_ShowsTheCompiledRegion(string document, string sourceFile, string region)
    {
        string source = Read(sourceFile);
        Match match = Regex.Match(source, $@"\n([ \t]*)#region {Regex.Escape(region)}\n(.*?)\n\s*#endregion", RegexOptions.Singleline);
        Assert.True(match.Success, $"#region {region} not found in {sourceFile}");
        int indent = match.Groups[1].Value.Length;
        string snippet = string.Join('\n', match.Groups[2].Value.TrimEnd().Split('\n').Select(l => l.Length >= indent ? l[indent..] : l.Trim()))
            .Replace("output.WriteLine", "Console.WriteLine", StringComparison.Ordinal);
        Assert.True(CodeBlocks(document).Contains(snippet), $"{document} has no code block equal to #region {region} of {sourceFile}:\n{snippet}");
    }

    [Theory]
    [MemberData(nameof(ScriptCells))]
    public void Document_ShowsTheScriptCell(string document, string script, string cell)
    {
        string snippet = ScriptCellText(script, cell);
        Assert.True(CodeBlocks(document).Contains(snippet), $"{document} has no code block equal to cell '{cell}' of {script}:\n{snippet}");
    }

    /// <summary>A cell of a sample script (<c>// cell: name</c> … <c>// end cell</c>) as a reader of the script sees it:
    /// without the notebook-only lines and the "script only" markers.</summary>
    internal static string ScriptCellText(string script, string cell)
    {
        string text = Read(script);
        Match match = Regex.Match(text, $@"\n// cell: {Regex.Escape(cell)}\n(.*?)\n// end cell", RegexOptions.Singleline);
        Assert.True(match.Success, $"'// cell: {cell}' not found in {script}");
        return string.Join('\n', match.Groups[1].Value.Split('\n')
            .Where(l => !l.TrimStart().StartsWith("// notebook: ", StringComparison.Ordinal))
            .Select(l => l.EndsWith(" // script only", StringComparison.Ordinal) ? l[..^" // script only".Length] : l));
    }

    [Theory]
    [InlineData("docs/getting-started.md")]
    [InlineData("docs/concepts.md")]
    [InlineData("docs/scaling-out.md")]
    public void Document_EveryCSharpBlock_IsATestedSnippet(string document)
    {
        var tested = new HashSet<string>(StringComparer.Ordinal);
        foreach (object[] row in Regions.Concat(ScriptCells).Where(r => (string)r[0] == document))
        {
            tested.Add($"{row[1]}#{row[2]}");
        }

        int csharpBlocks = CodeBlocks(document, "csharp").Count;
        Assert.True(csharpBlocks == tested.Count, $"{document} has {csharpBlocks} C# code blocks but {tested.Count} tested snippets: every C# block must be a region or script cell listed in DocsTests");
    }

    [Fact]
    public void Index_LinksEveryPage()
    {
        string index = Read("docs/index.md");
        foreach (string page in new[] { "getting-started.md", "concepts.md", "scaling-out.md" })
        {
            Assert.Contains($"]({page})", index, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FirstTally_PrintsWhatItsCommentsSay()
    {
        string[] lines = DocsSnippets.FirstTally().Split('\n');
        Assert.Equal("NPS +25.0 (n = 8: 4 promoters, 2 passives, 2 detractors)", lines[0]);
        NpsInterval ci = NpsTally.FromScores([10, 9, 8, 6, 10, 3, 9, 7]).ConfidenceInterval();
        Assert.Equal(ci.ToString(), lines[1]);
        Assert.Equal("[-29.417, +65.78] (95% AdjustedWald)", lines[1]);   // Python: Rocks (2016) pseudo-counts, see Intervals test
        Assert.StartsWith("33.33", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Categories_PrintWhatTheirCommentsSay() =>
        Assert.Equal("Detractor\nPassive\nPromoter\nFalse\n", DocsSnippets.Categories());

    [Fact]
    public void Merge_IsExact() =>
        Assert.StartsWith("True\n28.57", DocsSnippets.Merge(), StringComparison.Ordinal);

    [Fact]
    public void CategoryOnly_PrintsWhatItsCommentsSay() =>
        Assert.Equal("45\nFalse\nFalse\nNPS +44.6 (n = 202: 121 promoters, 50 passives, 31 detractors)\n", DocsSnippets.CategoryOnly());

    [Fact]
    public void Intervals_PrintWhatTheirCommentsSay()
    {
        // Reference bounds computed independently with Python 3 (statistics.NormalDist), adjusted Wald as in Rocks (2016):
        // add 3/4 promoter, 3/2 passives, 3/4 detractor, then e ± z·sqrt((p + d − e²)/n) on the adjusted counts:
        // (12, 5, 3) → (8.431132531755537, 69.82973703346185); (600, 250, 150) → (40.28427221370378, 49.44653536356441);
        // (4, 2, 2) → (-29.41675030713441, 65.78038667077078).
        string[] lines = DocsSnippets.Intervals().Split('\n');
        Assert.Equal("[+8.431, +69.83] (95% AdjustedWald)", lines[0]);
        Assert.Equal("[+40.284, +49.447] (95% AdjustedWald)", lines[1]);
        Assert.Equal("1537", lines[2]);
        Assert.Equal("30", lines[3]);
    }

    private static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative)).Replace("\r\n", "\n");

    /// <summary>The fenced code blocks of a Markdown file (optionally of one language), without the fences.</summary>
    private static List<string> CodeBlocks(string document, string? language = null) =>
    [
        .. FencedBlock().Matches(Read(document))
            .Where(m => language is null || m.Groups["lang"].Value == language)
            .Select(m => m.Groups["code"].Value),
    ];

    [GeneratedRegex(@"^```(?<lang>\w*)\n(?<code>.*?)\n```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedBlock();
}
