namespace NpsKit.Text.Tests;

public class CodebookTests
{
    [Fact]
    public void ShippedExamples_Load_AndShareThemeIds()
    {
        Assert.Equal(CommentLanguage.English, Codebook.English.Language);
        Assert.Equal(CommentLanguage.Danish, Codebook.Danish.Language);
        Assert.Equal(Codebook.English.Themes.Select(t => t.Id), Codebook.Danish.Themes.Select(t => t.Id));
    }

    [Fact]
    public void Json_RoundTrips()
    {
        Codebook back = Codebook.FromJson(Codebook.Danish.ToJson());
        Assert.Equal(Codebook.Danish.Name, back.Name);
        Assert.Equal(Codebook.Danish.Language, back.Language);
        Assert.Equal(Codebook.Danish.Themes, back.Themes);
        Assert.Contains("\"format\": \"npskit.codebook\"", back.ToJson(), StringComparison.Ordinal);
        Assert.Contains("uhøflig", back.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_ListsEveryProblemWithItsPath()
    {
        const string json = """
            { "format": "npskit.codebook", "version": 1, "language": "sv",
              "themes": [ { "id": "a", "stems": ["two words"] }, { "id": "a", "keywords": ["x"] }, { "id": "b" }, { "id": "c", "phrases": ["single"] } ] }
            """;
        var e = Assert.Throws<FormatException>(() => Codebook.FromJson(json));
        Assert.Contains("$.language is \"sv\"", e.Message, StringComparison.Ordinal);
        var fixedLanguage = Assert.Throws<FormatException>(() => Codebook.FromJson(json.Replace("\"sv\"", "\"en\"", StringComparison.Ordinal)));
        Assert.Contains("$.themes[0].stems[0] \"two words\" is 2 words", fixedLanguage.Message, StringComparison.Ordinal);
        Assert.Contains("$.themes[1].id \"a\" is used by an earlier theme", fixedLanguage.Message, StringComparison.Ordinal);
        Assert.Contains("$.themes[2] (\"b\") has no keywords, stems or phrases", fixedLanguage.Message, StringComparison.Ordinal);
        Assert.Contains("$.themes[3].phrases[0] \"single\" has 1 word(s)", fixedLanguage.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "format": "npskit.codebook", "version": 2, "language": "en", "themes": [] }""", "upgrade NpsKit.Text")]
    [InlineData("""{ "format": "other", "version": 1, "language": "en", "themes": [] }""", "expected \"npskit.codebook\"")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("""{ "format": """, "not valid JSON")]
    public void FromJson_RefusesWhatIsNotACodebookOfThisVersion(string json, string message)
    {
        var e = Assert.Throws<FormatException>(() => Codebook.FromJson(json));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
