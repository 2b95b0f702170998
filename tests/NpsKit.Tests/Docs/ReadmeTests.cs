using NpsKit.Tests.Docs.Snippets;

namespace NpsKit.Tests.Docs;

/// <summary>Code shown in README.md and docs/ is the code the tests compile and run (after Sep's ReadMeTest).</summary>
[UseInvariantCulture]
public partial class ReadmeTests
{
    public static TheoryData<string, string, string> Snippets => new()
    {
        { "README.md", "tests/NpsKit.Tests/Docs/ReadmeSnippets.cs", "readme-example" },
        { "README.md", "tests/NpsKit.Tests/Docs/ReadmeSnippets.cs", "readme-statistics" },
        { "docs/formats.md", "tests/NpsKit.Tests/Docs/ScalingOutTests.cs", "sql-group-by" },
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public void DocumentShowsTheCompiledSnippet(string document, string sourceFile, string region)
    {
        Assert.Contains(RegionText(sourceFile, region), ReadRepoFile(document), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeExample_PrintsWhatItsCommentsSay()
    {
        string[] lines = ReadmeSnippets.QuickExample().Replace("\r\n", "\n").Split('\n');
        Assert.Equal("NPS +20.0 (n = 10: 5 promoters, 2 passives, 3 detractors)", lines[0]);
        Assert.Equal("0.5", lines[1]);
        Assert.Equal("34", lines[2]);
    }

    [Fact]
    public void ReadmeStatisticsExample_PrintsAnIntervalAndATest()
    {
        string[] lines = ReadmeSnippets.StatisticsExample().Replace("\r\n", "\n").Split('\n');
        Assert.Matches(@"^NPS \+\d+\.\d \[\+\d+\.\d, \+\d+\.\d\]$", lines[0]);
        Assert.Matches(@"^change \+\d+\.\d points, p = 0\.\d{3}$", lines[1]);
    }
}
