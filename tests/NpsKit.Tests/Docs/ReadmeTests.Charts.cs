namespace NpsKit.Tests.Docs;

public partial class ReadmeTests
{
    public static TheoryData<string, string, string> ChartsRegions => new()
    {
        { "docs/charts.md", "tests/NpsKit.Tests/Docs/ChartsSnippets.cs", "charts-trend" },
        { "docs/charts.md", "tests/NpsKit.Tests/Docs/ChartsSnippets.cs", "charts-segments" },
        { "docs/charts.md", "tests/NpsKit.Tests/Docs/ChartsSnippets.cs", "charts-cube" },
        { "docs/charts.md", "tests/NpsKit.Tests/Docs/ChartsSnippets.cs", "charts-html" },
        { "docs/charts.md", "tests/NpsKit.Tests/Docs/ChartsSnippets.cs", "charts-document" },
    };

    [Theory]
    [MemberData(nameof(ChartsRegions))]
    public void ChartsPageShowsTheCompiledSnippet(string document, string sourceFile, string region) =>
        DocumentShowsTheCompiledSnippet(document, sourceFile, region);
}
