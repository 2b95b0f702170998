namespace NpsKit.Tests.Docs;

public partial class ReadmeTests
{
    public static TheoryData<string> ChartsRegions => new() { "charts-trend", "charts-segments", "charts-cube", "charts-html" };

    [Theory]
    [MemberData(nameof(ChartsRegions))]
    public void ChartsPageShowsTheCompiledSnippet(string region) =>
        DocumentShowsTheCompiledSnippet("docs/charts.md", "tests/NpsKit.Tests/Docs/ChartsSnippets.cs", region);
}
