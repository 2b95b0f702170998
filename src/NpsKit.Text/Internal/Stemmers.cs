using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace NpsKit.Text.Internal;

/// <summary>The Snowball stemmers of Lucene.Net.Analysis.Common (Apache-2.0), one instance per thread: they keep state.</summary>
/// <remarks>The only file that names a Lucene type, so the dependency can be swapped (for a port tested against the same
/// Snowball vocabularies) in one place; no Lucene type appears in NpsKit.Text's public API.</remarks>
internal sealed class Stemmers
{
    private readonly SnowballProgram _english = new EnglishStemmer();
    private readonly SnowballProgram _danish = new DanishStemmer();

    /// <summary>Stems a folded, lower-case word.</summary>
    public string Stem(string word, CommentLanguage language)
    {
        SnowballProgram program = language == CommentLanguage.Danish ? _danish : _english;
        program.SetCurrent(word);
        _ = program.Stem();
        return program.Current;
    }

    /// <summary>The Snowball stop words of a language (Lucene's DanishAnalyzer and EnglishAnalyzer default sets), folded.</summary>
    public static IReadOnlySet<string> StopWords(CommentLanguage language)
    {
        var set = language == CommentLanguage.Danish
            ? Lucene.Net.Analysis.Da.DanishAnalyzer.DefaultStopSet
            : Lucene.Net.Analysis.En.EnglishAnalyzer.DefaultStopSet;
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (object w in set)
        {
            words.Add(TextFolding.Fold(w is char[] chars ? new string(chars) : w.ToString() ?? string.Empty));
        }

        return words;
    }
}
