using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Docs;

/// <summary>
/// Every ```csharp block of README.md and docs/*.md is the text of a <c>#region</c> that a test compiles and runs.
/// </summary>
/// <remarks>
/// <para>How to add a C# block to a document:</para>
/// <list type="number">
/// <item>Write the code in a test method of <c>tests/NpsKit.Tests/Docs/Snippets/&lt;Doc&gt;DocSnippets.cs</c> between
/// <c>#region &lt;doc&gt;-&lt;short-name&gt;</c> and <c>#endregion</c>. Set-up the block assumes (a table, options, an
/// input file) goes outside the region. Run it and assert its result; print with <c>output.WriteLine</c>
/// (an <c>ITestOutputHelper</c> or a <see cref="StringWriter"/>), which the document shows as <c>Console.WriteLine</c>.</item>
/// <item>Register <c>(document, source file, region)</c> in <see cref="DocSnippets"/> (or <see cref="Snippets"/>, or any public
/// static <c>TheoryData&lt;string, string, string&gt;</c> of (document, source file, region) rows).</item>
/// <item>Make the document's block exactly the region's text, de-indented.</item>
/// </list>
/// <para>A block that cannot be compiled as a test (a file-based app's <c>#:package</c> header, a notebook's <c>#r</c>
/// line) is allowed only when the line right above its fence is <c>&lt;!-- not compiled: reason --&gt;</c>.</para>
/// </remarks>
public partial class ReadmeTests
{
    private const string SnippetFolder = "tests/NpsKit.Tests/Docs/Snippets/";

    public static TheoryData<string, string, string> DocSnippets => new()
    {
        { "docs/eligibility.md", "tests/NpsKit.Tests/Serialization/EligibilityPolicyDocsTests.cs", "policy-file" },
        { "docs/formats.md", "tests/NpsKit.Csv.Tests/DocsSnippetTests.cs", "csv-records" }, // run by NpsKit.Csv.Tests
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.Usings.cs", "aggregation-usings" },
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.cs", "aggregation-month-department" },
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.cs", "aggregation-time-zone" },
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.cs", "aggregation-fiscal-quarters" },
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.cs", "aggregation-hierarchy" },
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.cs", "aggregation-cross-tab" },
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.cs", "aggregation-series" },
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.cs", "aggregation-daily" },
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.cs", "aggregation-changes" },
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.cs", "aggregation-top-bottom" },
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.cs", "aggregation-streaming" },
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.cs", "aggregation-merge" },
        { "docs/aggregation.md", SnippetFolder + "AggregationDocSnippets.cs", "aggregation-weighted" },
        { "docs/economics.md", SnippetFolder + "EconomicsDocSnippets.cs", "economics-clv" },
        { "docs/economics.md", SnippetFolder + "EconomicsDocSnippets.cs", "economics-churn-cost" },
        { "docs/economics.md", SnippetFolder + "EconomicsDocSnippets.cs", "economics-worked-example" },
        { "docs/economics.md", SnippetFolder + "EconomicsDocSnippets.cs", "economics-follow-up" },
        { "docs/economics.md", SnippetFolder + "EconomicsDocSnippets.cs", "economics-uncertainty" },
        { "docs/eligibility.md", SnippetFolder + "EligibilityDocSnippets.cs", "eligibility-web-shop" },
        { "docs/eligibility.md", SnippetFolder + "EligibilityDocSnippets.cs", "eligibility-last-answer" },
        { "docs/eligibility.md", SnippetFolder + "EligibilityDocSnippets.cs", "eligibility-b2b" },
        { "docs/eligibility.md", SnippetFolder + "EligibilityDocSnippets.cs", "eligibility-batches" },
        { "docs/eligibility.md", SnippetFolder + "EligibilityDocSnippets.cs", "eligibility-what-if" },
        { "docs/eligibility.md", SnippetFolder + "EligibilityDocSnippets.cs", "eligibility-seed-rules" },
        { "docs/enps.md", SnippetFolder + "EnpsDocSnippets.cs", "enps-quick-start" },
        { "docs/enps.md", SnippetFolder + "EnpsDocSnippets.cs", "enps-publish-twice" },
        { "docs/follow-up.md", SnippetFolder + "FollowUpDocSnippets.cs", "follow-up-tasks" },
        { "docs/follow-up.md", SnippetFolder + "FollowUpDocSnippets.cs", "follow-up-metrics" },
        { "docs/follow-up.md", SnippetFolder + "FollowUpDocSnippets.cs", "follow-up-recovery" },
        { "docs/follow-up.md", SnippetFolder + "FollowUpDocSnippets.cs", "follow-up-seed-rules" },
        { "docs/statistics.md", SnippetFolder + "StatisticsDocSnippets.cs", "statistics-intervals" },
        { "docs/statistics.md", SnippetFolder + "StatisticsDocSnippets.cs", "statistics-compare" },
        { "docs/statistics.md", SnippetFolder + "StatisticsDocSnippets.cs", "statistics-target" },
    };

    [Theory]
    [MemberData(nameof(DocSnippets))]
    public void DocumentShowsTheCompiledDocSnippet(string document, string sourceFile, string region)
    {
        string doc = ReadRepoFile(document);
        Assert.Contains(RegionText(sourceFile, region), doc, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCsharpBlock_IsACompiledRegionOrMarkedNotCompiled()
    {
        var regions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach ((string document, string sourceFile, string region) in RegisteredRegions())
        {
            if (!regions.TryGetValue(document, out List<string>? texts))
            {
                regions[document] = texts = [];
            }

            texts.Add(RegionText(sourceFile, region));
        }

        Assert.Contains("README.md", regions.Keys);

        var problems = new StringBuilder();
        foreach (string document in Documents())
        {
            foreach ((int line, string marker, string block) in CsharpBlocks(ReadRepoFile(document)))
            {
                if (NotCompiledMarker().IsMatch(marker) || (regions.TryGetValue(document, out List<string>? texts) && texts.Contains(block)))
                {
                    continue;
                }

                problems.AppendLine($"  {document}:{line}: ```csharp block is not the text of any region registered for {document}");
            }
        }

        Assert.True(
            problems.Length == 0,
            "Every ```csharp block of README.md and docs/*.md must be code a test compiles and runs.\n" + problems +
            $"For each block either (1) put the code in a test method of {SnippetFolder}<Doc>DocSnippets.cs between " +
            "`#region <doc>-<name>` and `#endregion` (set-up outside the region; print with output.WriteLine, which the doc " +
            "shows as Console.WriteLine), run it and assert its result, register (document, source file, region) in " +
            "ReadmeTests.DocSnippets (tests/NpsKit.Tests/Docs/ReadmeTests.Docs.cs; any public static " +
            "TheoryData<string, string, string> property of the test assembly whose rows are (*.md, *.cs, region) counts) " +
            "and make the block exactly the region's " +
            "de-indented text; or (2) if it cannot be compiled as a test (a #:package header, a notebook #r line), put " +
            "`<!-- not compiled: <reason> -->` on the line right above the fence.");
    }

    [Fact]
    public void CsharpBlocks_FindsFencesLinesAndMarkers()
    {
        const string doc = "# T\n\n<!-- not compiled: a header -->\n```csharp\n#:package NpsKit\n```\n\ntext\n```csharp\nint a = 1;\n\nint b = 2;\n```\n";
        var blocks = CsharpBlocks(doc).ToList();
        Assert.Equal(2, blocks.Count);
        Assert.Equal((4, "<!-- not compiled: a header -->", "#:package NpsKit"), blocks[0]);
        Assert.Equal((9, "text", "int a = 1;\n\nint b = 2;"), blocks[1]);
        Assert.Matches(NotCompiledMarker(), blocks[0].Marker);
        Assert.DoesNotMatch(NotCompiledMarker(), "<!-- not compiled: -->");
    }

    /// <summary>
    /// Every (document, source file, region) row of a public static <c>TheoryData&lt;string, string, string&gt;</c> property
    /// in this assembly (<see cref="Snippets"/>, <see cref="DocSnippets"/> and any other area's list) whose document is a
    /// <c>.md</c> file and whose source is a <c>.cs</c> file.
    /// </summary>
    internal static IEnumerable<(string Document, string SourceFile, string Region)> RegisteredRegions() =>
        typeof(ReadmeTests).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(p => p.PropertyType == typeof(TheoryData<string, string, string>))
            .SelectMany(p => (TheoryData<string, string, string>)p.GetValue(null)!)
            .Select(row => ((string)row[0], (string)row[1], (string)row[2]))
            .Where(r => r.Item1.EndsWith(".md", StringComparison.Ordinal) && r.Item2.EndsWith(".cs", StringComparison.Ordinal));

    /// <summary>The text of <c>#region name</c> … <c>#endregion</c> in a test source file, as a document shows it.</summary>
    internal static string RegionText(string sourceFile, string region)
    {
        if (sourceFile.StartsWith("samples/scripts/", StringComparison.Ordinal))
        {
            return DocsTests.ScriptCellText(sourceFile, region); // a cell of a sample script, which ScriptTests runs
        }

        string source = ReadRepoFile(sourceFile);
        Match match = Regex.Match(source, $@"\n([ \t]*)#region {Regex.Escape(region)}\n(.*?)\n\s*#endregion", RegexOptions.Singleline);
        Assert.True(match.Success, $"#region {region} not found in {sourceFile}");
        int indent = match.Groups[1].Value.Length;
        return string.Join('\n', match.Groups[2].Value.TrimEnd().Split('\n').Select(l => l.Length >= indent ? l[indent..] : l.Trim()))
            .Replace("output.WriteLine", "Console.WriteLine", StringComparison.Ordinal);
    }

    internal static string ReadRepoFile(string relativePath) =>
        File.ReadAllText(Path.Combine(ApiConventions.RepoRoot(), relativePath)).Replace("\r\n", "\n");

    private static IEnumerable<string> Documents()
    {
        string root = ApiConventions.RepoRoot();
        yield return "README.md";
        foreach (string path in Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            yield return "docs/" + Path.GetFileName(path);
        }
    }

    /// <summary>Each ```csharp block: the 1-based line of its opening fence, the line above it, and its text.</summary>
    private static IEnumerable<(int Line, string Marker, string Block)> CsharpBlocks(string document)
    {
        string[] lines = document.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() != "```csharp")
            {
                continue;
            }

            int end = i + 1;
            while (end < lines.Length && lines[end].TrimEnd() != "```")
            {
                end++;
            }

            yield return (i + 1, i > 0 ? lines[i - 1].Trim() : "", string.Join('\n', lines[(i + 1)..end]).TrimEnd());
            i = end;
        }
    }

    [GeneratedRegex(@"^<!-- not compiled: \S.* -->$")]
    private static partial Regex NotCompiledMarker();
}
