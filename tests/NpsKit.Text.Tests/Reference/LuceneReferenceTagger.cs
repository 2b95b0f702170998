using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Pattern;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace NpsKit.Text.Tests.Reference;

/// <summary>
/// The tagging rules of <see cref="ThemeTagger"/>'s documentation, implemented the plain way through Lucene.Net's analysis
/// chain — a <see cref="PatternTokenizer"/> for words, a fold written from the documented rule, and an analyzer with a
/// <see cref="SnowballFilter"/> for every stem — and naive matching (sets, and a scan of every window for phrases). No cache,
/// no bit sets, no phrase rings: the oracle the fast tagger must agree with on every comment. Shared, as one source file,
/// by the tests and the benchmarks (its baseline).
/// </summary>
internal sealed class LuceneReferenceTagger : IDisposable
{
    /// <summary>A word as the tagger documents it: letters, digits and combining marks; an apostrophe stays inside when a
    /// letter follows it.</summary>
    private static readonly Regex Word = new(@"[\p{L}\p{Nd}\p{Mn}\p{Mc}]+(?:['\u2019](?=\p{L})[\p{L}\p{Nd}\p{Mn}\p{Mc}]+)*", RegexOptions.CultureInvariant);

    private readonly Analyzer _words = Analyzer.NewAnonymous((_, reader) => new TokenStreamComponents(new PatternTokenizer(reader, Word, 0)));
    private readonly Dictionary<CommentLanguage, Analyzer> _stemmers = new()
    {
        [CommentLanguage.English] = Stemming(() => new EnglishStemmer()),
        [CommentLanguage.Danish] = Stemming(() => new DanishStemmer()),
    };

    private readonly List<string> _themeIds = [];
    private readonly List<(string Folded, int Theme)> _keywords = [];
    private readonly List<(CommentLanguage Language, string Stem, int Theme)> _stems = [];
    private readonly List<(CommentLanguage Language, string[] Stems, int Theme)> _phrases = [];
    private readonly CommentLanguage[] _languages;

    public LuceneReferenceTagger(params Codebook[] codebooks)
    {
        _languages = [.. codebooks.Select(b => b.Language).Distinct()];
        foreach (Codebook book in codebooks)
        {
            foreach (CodebookTheme t in book.Themes)
            {
                int theme = _themeIds.IndexOf(t.Id);
                if (theme < 0)
                {
                    theme = _themeIds.Count;
                    _themeIds.Add(t.Id);
                }

                _keywords.AddRange(t.Keywords.Select(k => (Fold(k.Trim()), theme)));
                _stems.AddRange(t.Stems.Select(s => (book.Language, Stem(Fold(s.Trim()), book.Language), theme)));
                _phrases.AddRange(t.Phrases.Select(p => (book.Language, Words(p).Select(w => Stem(Fold(w), book.Language)).ToArray(), theme)));
            }
        }
    }

    /// <summary>The ids of the themes a comment mentions, in the order of first definition.</summary>
    public IReadOnlyList<string> Tag(string comment)
    {
        string[] folded = [.. Words(comment).Select(Fold)];
        var found = new SortedSet<int>();
        found.UnionWith(_keywords.Where(k => folded.Contains(k.Folded)).Select(k => k.Theme));
        foreach (CommentLanguage language in _languages)
        {
            string[] stems = [.. folded.Select(w => Stem(w, language))];
            found.UnionWith(_stems.Where(s => s.Language == language && stems.Contains(s.Stem)).Select(s => s.Theme));
            foreach (var (l, phrase, theme) in _phrases.Where(p => p.Language == language))
            {
                for (int i = 0; i + phrase.Length <= stems.Length; i++)
                {
                    if (stems.AsSpan(i, phrase.Length).SequenceEqual(phrase))
                    {
                        found.Add(theme);
                        break;
                    }
                }
            }
        }

        return [.. found.Select(i => _themeIds[i])];
    }

    public void Dispose()
    {
        _words.Dispose();
        foreach (Analyzer a in _stemmers.Values)
        {
            a.Dispose();
        }
    }

    /// <summary>The documented fold: lower case (invariant), NFD, combining marks dropped except the ring of an a, ’ → ', NFC.</summary>
    public static string Fold(string word)
    {
        string d = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (char c in d)
        {
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            bool mark = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!mark)
            {
                sb.Append(c == '\u2019' ? '\'' : c);
            }
            else if (c == '\u030A' && sb.Length > 0 && sb[^1] == 'a')
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The words of a text, as written, through Lucene's pattern tokenizer.</summary>
    public List<string> Words(string text)
    {
        var words = new List<string>();
        using TokenStream stream = _words.GetTokenStream("comment", text);
        ICharTermAttribute term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(term.ToString());
        }

        stream.End();
        return words;
    }

    /// <summary>A folded word's Snowball stem, through a Lucene analyzer (keyword tokenizer + Snowball filter).</summary>
    public string Stem(string folded, CommentLanguage language)
    {
        if (folded.Length == 0)
        {
            return folded;
        }

        using TokenStream stream = _stemmers[language].GetTokenStream("word", folded);
        ICharTermAttribute term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        string stem = stream.IncrementToken() ? term.ToString() : folded;
        stream.End();
        return stem;
    }

    private static Analyzer Stemming(Func<Lucene.Net.Tartarus.Snowball.SnowballProgram> program) =>
        Analyzer.NewAnonymous((_, reader) =>
        {
            var tokenizer = new KeywordTokenizer(reader);
            return new TokenStreamComponents(tokenizer, new SnowballFilter(tokenizer, program()));
        });
}
