using System.Text.RegularExpressions;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Docs;

public partial class ReadmeTests
{
    [Fact]
    public void ReadmeExample_IsTheCompiledSnippet()
    {
        string readme = File.ReadAllText(Path.Combine(ApiConventions.RepoRoot(), "README.md")).Replace("\r\n", "\n");
        string snippetFile = File.ReadAllText(Path.Combine(ApiConventions.RepoRoot(), "tests", "NpsKit.Tests", "Docs", "ReadmeSnippets.cs")).Replace("\r\n", "\n");
        string snippet = Region().Match(snippetFile).Groups[1].Value;
        string dedented = string.Join('\n', snippet.TrimEnd().Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.Trim()))
            .Replace("output.WriteLine", "Console.WriteLine", StringComparison.Ordinal);
        Assert.Contains(dedented, readme, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeExample_PrintsWhatItsCommentsSay()
    {
        string[] lines = ReadmeSnippets.QuickExample().Replace("\r\n", "\n").Split('\n');
        Assert.Equal("NPS +20.0 (n = 10: 5 promoters, 2 passives, 3 detractors)", lines[0]);
        Assert.Equal("0.5", lines[1]);
        Assert.Equal("34", lines[2]);
    }

    [GeneratedRegex(@"#region readme-example\n(.*?)\n\s*#endregion", RegexOptions.Singleline)]
    private static partial Regex Region();
}
