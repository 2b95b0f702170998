using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NpsKit.Csv;
using NpsKit.TestUtilities;
using NpsKit.Text.Tests.Reference;

namespace NpsKit.Text.Tests;

/// <summary>
/// The fast tagger (own tokenizer, per-thread word cache, bit sets, phrase rings) gives exactly the themes of the plain
/// Lucene.Net analysis path (<see cref="LuceneReferenceTagger"/>), on random comments built to hit every rule's edge and on
/// every real comment of the sample data.
/// </summary>
public class ThemeTaggerReferenceTests
{
    private static readonly Codebook[] Books = [Codebook.English, Codebook.Danish, Synthetic()];

    /// <summary>A codebook whose terms sit on the edges: apostrophes, digits, accents, å/æ/ø, three-word and overlapping phrases.</summary>
    private static Codebook Synthetic() => new("edges", CommentLanguage.English,
    [
        new CodebookTheme("apostrophe", "Apostrophe", keywords: ["don't", "it’s"], stems: ["wasn't"], phrases: ["can't log in"]),
        new CodebookTheme("digits", "Digits", keywords: ["2nd", "24h"], stems: ["v2"], phrases: ["2 days late", "days late"]),
        new CodebookTheme("accents", "Accents", keywords: ["café", "naïve"], stems: ["résumé"], phrases: ["crème brûlée"]),
        new CodebookTheme("nordic", "Nordic", keywords: ["får", "æble"], stems: ["øl"], phrases: ["på tid", "late late late"]),
    ]);

    private static readonly string[] Pool = BuildPool();

    private static string[] BuildPool()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (CodebookTheme t in Books.SelectMany(b => b.Themes))
        {
            foreach (string term in t.Keywords.Concat(t.Stems).Concat(t.Phrases))
            {
                words.UnionWith(term.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        string[] stems = [.. words];
        foreach (string w in stems)
        {
            foreach (string suffix in new[] { "s", "ed", "ing", "en", "erne", "et", "'s", "ly" })
            {
                words.Add(w + suffix);
            }
        }

        words.UnionWith(["the", "and", "og", "a", "I", "it", "was", "not", "very", "meget", "ikke", "2", "10", "x"]);
        return [.. words.Order(StringComparer.Ordinal)];
    }

    private static readonly string[] Separators = [" ", " ", " ", ", ", ". ", "! ", "—", "\n", " - ", "'", "’", " '", "' ", "(", ") ", "...", "😀", " 配送 ", "\t", "\u00A0", "/"];

    /// <summary>One word as a user might type it: a pool word, maybe re-cased, accented, decomposed, or joined by an apostrophe.</summary>
    private static readonly Gen<string> Token =
        from word in Gen.Elements(Pool)
        from caseMode in Gen.Choose(0, 3)
        from accent in Gen.Choose(0, 5)
        from nfd in Gen.Elements(false, true)
        select Shape(word, caseMode, accent, nfd);

    private static string Shape(string word, int caseMode, int accent, bool nfd)
    {
        string w = caseMode switch
        {
            1 => word.ToUpperInvariant(),
            2 => word.Length > 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word,
            3 => new string([.. word.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c)]),
            _ => word,
        };
        w = accent switch
        {
            1 => w.Replace('e', 'é').Replace('a', 'á'),
            2 => w.Replace('o', 'ø').Replace('a', 'å'),
            3 => w + "\u0301",
            _ => w,
        };
        return nfd ? w.Normalize(NormalizationForm.FormD) : w;
    }

    private static readonly string[] PhrasePool = [.. Books.SelectMany(b => b.Themes).SelectMany(t => t.Phrases).Order(StringComparer.Ordinal)];

    /// <summary>A piece of a comment: one word, or (one time in four) the words of a codebook phrase, each shaped alike.</summary>
    private static readonly Gen<string[]> Piece =
        from kind in Gen.Choose(0, 3)
        from piece in kind == 0
            ? from phrase in Gen.Elements(PhrasePool)
              from caseMode in Gen.Choose(0, 3)
              from accent in Gen.Choose(0, 5)
              from nfd in Gen.Elements(false, true)
              select phrase.Split(' ').Select(w => Shape(w, caseMode, accent, nfd)).ToArray()
            : Token.Select(t => new[] { t })
        select piece;

    private static readonly Gen<string> Comments =
        from pieces in Gen.ArrayOf(Piece)
        let tokens = pieces.SelectMany(p => p).ToArray()
        from seps in Gen.ArrayOf(Gen.Elements(Separators))
        select Join(tokens.Length > 24 ? tokens[..24] : tokens, seps);

    private static string Join(string[] tokens, string[] seps)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < tokens.Length; i++)
        {
            sb.Append(tokens[i]).Append(seps.Length == 0 ? " " : seps[i % seps.Length]);
        }

        return sb.ToString();
    }

    private static string[] Fast(ThemeTagger tagger, string text) => [.. tagger.Tag(text).Select(i => tagger.Themes[i].Id)];

    [Fact]
    public void Tag_AgreesWithTheLuceneReference_OnRandomComments()
    {
        var tagger = new ThemeTagger(Books);
        using var reference = new LuceneReferenceTagger(Books);
        int cases = 0, tagged = 0, phraseOnly = 0;
        var phraseless = new ThemeTagger(Books.Select(b => new Codebook(b.Name, b.Language, b.Themes.Where(t => t.Keywords.Count + t.Stems.Count > 0).Select(t => new CodebookTheme(t.Id, t.Label, t.Keywords, t.Stems)))));
        PropertyRunner.Check(Prop.ForAll(Comments.ToArbitrary(), comment =>
        {
            string[] fast = Fast(tagger, comment);
            string[] slow = [.. reference.Tag(comment)];
            cases++;
            tagged += fast.Length > 0 ? 1 : 0;
            phraseOnly += fast.Except(Fast(phraseless, comment)).Any() ? 1 : 0;
            return fast.SequenceEqual(slow).Label($"comment \"{comment}\": fast [{string.Join(",", fast)}], Lucene [{string.Join(",", slow)}]");
        }), maxTest: 2000);

        // Not vacuous: most random comments carry themes, and some carry a theme only a phrase gives.
        Assert.True(tagged > cases / 2, $"{tagged} of {cases} random comments tagged");
        Assert.True(phraseOnly > cases / 50, $"{phraseOnly} of {cases} random comments tagged by a phrase alone");
    }

    [Fact]
    public void Tag_AgreesWithTheLuceneReference_WhenTheWordCacheStartsOverEveryFewWords()
    {
        var tagger = new ThemeTagger(Books) { CacheLimit = 5 };
        using var reference = new LuceneReferenceTagger(Books);
        PropertyRunner.Check(Prop.ForAll(Comments.ToArbitrary(), comment => Fast(tagger, comment).SequenceEqual(reference.Tag(comment))), maxTest: 300);
    }

    [Fact]
    public void Tag_AgreesWithTheLuceneReference_OnEveryRealComment()
    {
        CsvTableResult read = NpsCsv.ReadTable(Path.Combine(ApiConventions.RepoRoot(), "samples", "data", "feedback.csv"));
        string[] comments = [.. Enumerable.Range(0, read.Table.Count).Select(i => read.Table.GetResponse(i).Comment).OfType<string>()];
        Assert.True(comments.Length > 1000, $"{comments.Length} comments");
        var tagger = new ThemeTagger(Codebook.English, Codebook.Danish);
        using var reference = new LuceneReferenceTagger(Codebook.English, Codebook.Danish);
        var differ = comments.Where(c => !Fast(tagger, c).SequenceEqual(reference.Tag(c))).Take(10).ToList();
        Assert.True(differ.Count == 0, "differ: " + string.Join(" | ", differ));
        Assert.True(comments.Count(c => Fast(tagger, c).Length > 0) > comments.Length / 2, "most sample comments carry a theme");
    }

    [Fact]
    public void Reference_ReadsTheDocumentedRules()
    {
        using var reference = new LuceneReferenceTagger(Books);
        Assert.Equal(["Don't", "stop", "it’s", "2nd"], reference.Words("Don't stop—it’s 2nd 'best'").Take(4));
        Assert.Equal("cafe", LuceneReferenceTagger.Fold("CAFÉ"));
        Assert.Equal("får", LuceneReferenceTagger.Fold("FÅR".Normalize(NormalizationForm.FormD)));
        Assert.Equal("deliveri", reference.Stem("deliveries", CommentLanguage.English));
    }
}
