using System.Text;
using NpsKit.Text.Internal;

namespace NpsKit.Text.Tests;

/// <summary>The stemmers against the Snowball project's reference vocabularies (snowballstem/snowball-data: voc.txt → output.txt).</summary>
public class StemmerTests
{
    [Theory]
    [InlineData(CommentLanguage.English, "english")]
    [InlineData(CommentLanguage.Danish, "danish")]
    public void Stem_MatchesTheSnowballReferenceVocabulary(CommentLanguage language, string name)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "TestData", "Snowball");
        string[] words = File.ReadAllLines(Path.Combine(folder, $"{name}-voc.txt"), Encoding.UTF8);
        string[] stems = File.ReadAllLines(Path.Combine(folder, $"{name}-output.txt"), Encoding.UTF8);
        Assert.Equal(words.Length, stems.Length);
        Assert.True(words.Length > 20_000, $"{words.Length} words");
        var stemmers = new Stemmers();
        var wrong = new List<string>();
        for (int i = 0; i < words.Length; i++)
        {
            string got = stemmers.Stem(words[i], language);
            if (got != stems[i])
            {
                wrong.Add($"{words[i]} → {got}, expected {stems[i]}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {words.Length} differ: {string.Join("; ", wrong.Take(20))}");
    }
}
