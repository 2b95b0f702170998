using System.Numerics;
using NpsKit.Text.Internal;

namespace NpsKit.Text;

/// <summary>
/// Tags comments with the themes of one or more codebooks: whole-word keywords, Snowball word stems and phrases, after
/// case and diacritics folding.
/// </summary>
/// <remarks>
/// <para><b>Words.</b> A word is a run of letters, digits and combining marks; an apostrophe between letters stays inside
/// (don't, it’s). Everything else separates words.</para>
/// <para><b>Case and diacritics.</b> Comment words and codebook terms are folded the same way: lower-cased (invariant
/// culture), decomposed (Unicode NFD), combining marks removed — except the ring of <c>å</c>, since æ, ø and å are letters
/// of their own in Danish (æ and ø do not decompose) — and recomposed. So "CAFÉ", "Café", "cafe" and a café typed with a
/// combining accent are one word; "får" and "far" stay two. Tagging is independent of case and of accents other than å.</para>
/// <para><b>Stemming.</b> Stems and phrase words are compared after the Snowball stemmer of their codebook's language
/// (Porter 2001, <i>Snowball: A language for stemming algorithms</i>; the English "Porter2" and the Danish algorithm, as
/// shipped in Lucene.Net.Analysis.Common 4.8 and tested against the Snowball reference vocabularies). With codebooks in two
/// languages every comment is stemmed in both, and the same theme id in both codebooks is one theme.</para>
/// <para><b>Speed.</b> Each distinct word is folded and stemmed once per thread and cached in a flat open-addressing table
/// (no object per word); tagging is then one look-up per word, and a word in no theme and no phrase costs nothing more. Order of comments never matters: a comment's themes depend on its text alone.</para>
/// <para>This type is immutable to its callers and thread-safe (the word cache is per thread).</para>
/// </remarks>
public sealed class ThemeTagger
{

    private readonly CommentLanguage[] _languages;
    private readonly Dictionary<string, int[]> _keywordThemes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]>[] _stemThemes;
    private readonly Dictionary<string, int>[] _phraseWordIds;
    private readonly List<(int[] Words, int Theme)>[][] _phrasesByLastWord;
    private readonly int _longestPhrase;
    private readonly ThreadLocal<WordCache> _cache;

    /// <summary>Builds a tagger from codebooks; themes with the same id in several codebooks are one theme.</summary>
    /// <param name="codebooks">One or more codebooks (typically one per language).</param>
    /// <exception cref="ArgumentException">No codebook is given, or a theme's id is defined twice in codebooks of the same language.</exception>
    public ThemeTagger(params IEnumerable<Codebook> codebooks)
    {
        ArgumentNullException.ThrowIfNull(codebooks);
        Codebook[] books = [.. codebooks];
        if (books.Length == 0)
        {
            throw new ArgumentException("A tagger needs at least one codebook.", nameof(codebooks));
        }

        _languages = [.. books.Select(b => b.Language).Distinct().Order()];
        var themes = new List<CodebookTheme>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<(string, CommentLanguage)>();
        var stemmers = new Stemmers();
        var keywordLists = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        var stemLists = _languages.Select(_ => new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal)).ToArray();
        _phraseWordIds = [.. _languages.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
        var phrases = _languages.Select(_ => new List<(int[] Words, int Theme)>()).ToArray();
        foreach (Codebook book in books)
        {
            int l = Array.IndexOf(_languages, book.Language);
            foreach (CodebookTheme t in book.Themes)
            {
                if (!seen.Add((t.Id, book.Language)))
                {
                    throw new ArgumentException($"Theme '{t.Id}' is defined in two {book.Language} codebooks: give each language's terms for a theme in one codebook.", nameof(codebooks));
                }

                if (!index.TryGetValue(t.Id, out int ti))
                {
                    ti = themes.Count;
                    index[t.Id] = ti;
                    themes.Add(t);
                }

                foreach (string k in t.Keywords)
                {
                    Add(keywordLists, TextFolding.Fold(k.Trim()), ti);
                }

                foreach (string s in t.Stems)
                {
                    Add(stemLists[l], stemmers.Stem(TextFolding.Fold(s.Trim()), book.Language), ti);
                }

                foreach (string p in t.Phrases)
                {
                    int[] ids = [.. TextFolding.Words(p).Select(w => WordId(_phraseWordIds[l], stemmers.Stem(w, book.Language)))];
                    phrases[l].Add((ids, ti));
                    _longestPhrase = Math.Max(_longestPhrase, ids.Length);
                }
            }
        }

        Themes = themes;
        foreach (var (word, set) in keywordLists)
        {
            _keywordThemes[word] = [.. set];
        }

        _stemThemes = [.. stemLists.Select(d => d.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal))];
        _phrasesByLastWord = new List<(int[] Words, int Theme)>[_languages.Length][];
        for (int l = 0; l < _languages.Length; l++)
        {
            _phrasesByLastWord[l] = new List<(int[] Words, int Theme)>[_phraseWordIds[l].Count];
            foreach (var phrase in phrases[l])
            {
                (_phrasesByLastWord[l][phrase.Words[^1]] ??= []).Add(phrase);
            }
        }

        _cache = new ThreadLocal<WordCache>(() => new WordCache(this));
    }

    /// <summary>Gets the themes in index order: the first definition of each id (its label is the one reports show).</summary>
    public IReadOnlyList<CodebookTheme> Themes { get; }

    /// <summary>Gets how many distinct words a thread's cache holds before it starts over (2²⁰; smaller in tests of that path).</summary>
    internal int CacheLimit { get; init; } = 1 << 20;

    /// <summary>Gets the languages comments are stemmed in.</summary>
    public IReadOnlyList<CommentLanguage> Languages => _languages;

    /// <summary>Gets the number of 64-bit words a theme bit set needs: ⌈themes / 64⌉.</summary>
    public int BitSetLength => (Themes.Count + 63) / 64;

    /// <summary>Tags one comment.</summary>
    /// <param name="comment">The comment; <see langword="null"/> or blank has no themes.</param>
    /// <returns>The indexes into <see cref="Themes"/> of the themes it mentions, ascending.</returns>
    public IReadOnlyList<int> Tag(string? comment)
    {
        if (string.IsNullOrEmpty(comment))
        {
            return [];
        }

        Span<ulong> bits = BitSetLength <= 8 ? stackalloc ulong[BitSetLength] : new ulong[BitSetLength];
        int count = Tag(comment, bits);
        var result = new int[count];
        int k = 0;
        for (int w = 0; w < bits.Length; w++)
        {
            for (ulong b = bits[w]; b != 0; b &= b - 1)
            {
                result[k++] = (w * 64) + BitOperations.TrailingZeroCount(b);
            }
        }

        return result;
    }

    /// <summary>Tags one comment into a bit set, without allocating once its words are cached: bit i of the set is theme i.</summary>
    /// <param name="comment">The comment text.</param>
    /// <param name="themeBits">At least <see cref="BitSetLength"/> words; cleared, then filled.</param>
    /// <returns>The number of themes the comment mentions.</returns>
    /// <exception cref="ArgumentException"><paramref name="themeBits"/> is shorter than <see cref="BitSetLength"/>.</exception>
    public int Tag(ReadOnlySpan<char> comment, Span<ulong> themeBits)
    {
        if (themeBits.Length < BitSetLength)
        {
            throw new ArgumentException($"The bit set has {themeBits.Length} words; {Themes.Count} themes need {BitSetLength}.", nameof(themeBits));
        }

        themeBits[..BitSetLength].Clear();
        WordCache cache = _cache.Value!;
        Span<int> recent = _longestPhrase > 0 ? stackalloc int[2 * _languages.Length * _longestPhrase] : [];
        recent.Fill(-1);
        int i = 0, position = 0;
        while (true)
        {
            int start = TextFolding.NextWord(comment, ref i, out int length);
            if (start < 0)
            {
                break;
            }

            ref readonly WordEntry entry = ref cache.Get(comment.Slice(start, length));
            if (entry.ThemeCount > 0)
            {
                foreach (int t in cache.Themes(in entry))
                {
                    themeBits[t >> 6] |= 1UL << (t & 63);
                }
            }

            if (entry.PhraseStart >= 0)
            {
                MatchPhrases(cache.PhraseWordIds(in entry), recent, position, themeBits);
            }

            position++;
        }

        int count = 0;
        foreach (ulong w in themeBits[..BitSetLength])
        {
            count += BitOperations.PopCount(w);
        }

        return count;
    }

    /// <summary>Phrase matching, called only for words that occur in a phrase: <paramref name="recent"/> holds, per language,
    /// a ring of the last phrase words' ids and a ring of their positions (words seen before them), so a word in no phrase
    /// costs nothing here and a phrase matches only consecutive words.</summary>
    private void MatchPhrases(ReadOnlySpan<int> phraseWordIds, Span<int> recent, int position, Span<ulong> bits)
    {
        int L = _longestPhrase;
        int slot = position % L;
        for (int l = 0; l < _languages.Length; l++)
        {
            Span<int> ids = recent.Slice(2 * l * L, L);
            Span<int> positions = recent.Slice((2 * l * L) + L, L);
            int id = phraseWordIds[l];
            ids[slot] = id;
            positions[slot] = position;
            if (id < 0 || _phrasesByLastWord[l][id] is not { } candidates)
            {
                continue;
            }

            foreach ((int[] words, int theme) in candidates)
            {
                bool match = words.Length <= position + 1;
                for (int k = 1; k < words.Length && match; k++)
                {
                    int at = (position - k) % L;
                    match = positions[at] == position - k && ids[at] == words[^(k + 1)];
                }

                if (match)
                {
                    bits[theme >> 6] |= 1UL << (theme & 63);
                }
            }
        }
    }

    private static void Add(Dictionary<string, SortedSet<int>> map, string key, int theme)
    {
        if (!map.TryGetValue(key, out SortedSet<int>? set))
        {
            map[key] = set = [];
        }

        _ = set.Add(theme);
    }

    private static int WordId(Dictionary<string, int> ids, string stem)
    {
        if (!ids.TryGetValue(stem, out int id))
        {
            id = ids.Count;
            ids[stem] = id;
        }

        return id;
    }

    /// <summary>What one distinct word (as written) means to this tagger: where its characters, themes and phrase-word ids
    /// (one per language, when it is in a phrase) sit in the cache's flat pools.</summary>
    private readonly struct WordEntry(int offset, int length, int themeStart, int themeCount, int phraseStart)
    {
        public readonly int Offset = offset;
        public readonly int Length = length;
        public readonly int ThemeStart = themeStart;
        public readonly int ThemeCount = themeCount;
        public readonly int PhraseStart = phraseStart;
    }

    /// <summary>
    /// A per-thread cache from a word as written to its themes and phrase-word ids (folded and stemmed once). An
    /// open-addressing table over flat arrays: a slot holds the word's 32-bit hash and its entry index, the entries are
    /// structs, and the words' characters, themes and phrase ids live in three pools. A look-up reads one slot, one entry
    /// and the characters it compares — no object per word, so no pointer chasing across the heap for a large vocabulary.
    /// </summary>
    private sealed class WordCache
    {
        private readonly ThemeTagger _tagger;
        private readonly Stemmers _stemmers = new();
        private ulong[] _slots = new ulong[1 << 12];
        private WordEntry[] _entries = new WordEntry[1 << 11];
        private int _count;
        private char[] _chars = new char[1 << 14];
        private int _charCount;
        private int[] _themes = new int[256];
        private int _themeCount;
        private int[] _phraseIds = new int[256];
        private int _phraseCount;

        public WordCache(ThemeTagger tagger) => _tagger = tagger;

        public ReadOnlySpan<int> Themes(in WordEntry e) => _themes.AsSpan(e.ThemeStart, e.ThemeCount);

        public ReadOnlySpan<int> PhraseWordIds(in WordEntry e) => _phraseIds.AsSpan(e.PhraseStart, _tagger._languages.Length);

        public ref readonly WordEntry Get(ReadOnlySpan<char> word)
        {
            uint hash = (uint)string.GetHashCode(word);
            int mask = _slots.Length - 1;
            for (int i = (int)(hash & (uint)mask); ; i = (i + 1) & mask)
            {
                ulong slot = _slots[i];
                if (slot == 0)
                {
                    return ref Add(word, hash, i);
                }

                if ((uint)(slot >> 32) == hash)
                {
                    ref readonly WordEntry e = ref _entries[(int)(uint)slot - 1];
                    if (_chars.AsSpan(e.Offset, e.Length).SequenceEqual(word))
                    {
                        return ref e;
                    }
                }
            }
        }

        private ref readonly WordEntry Add(ReadOnlySpan<char> word, uint hash, int slot)
        {
            if (_count >= _tagger.CacheLimit)
            {
                Clear();
                return ref Get(word);
            }

            (int[] themes, int[]? phraseIds) = Describe(word);
            int offset = Append(ref _chars, ref _charCount, word);
            int themeStart = Append(ref _themes, ref _themeCount, themes);
            int phraseStart = phraseIds is null ? -1 : Append(ref _phraseIds, ref _phraseCount, phraseIds);
            if (_count == _entries.Length)
            {
                Array.Resize(ref _entries, _entries.Length * 2);
            }

            _entries[_count] = new WordEntry(offset, word.Length, themeStart, themes.Length, phraseStart);
            _slots[slot] = ((ulong)hash << 32) | (uint)(_count + 1);
            int entry = _count++;
            if (_count * 2 > _slots.Length)
            {
                Grow();
            }

            return ref _entries[entry];
        }

        private void Grow()
        {
            var slots = new ulong[_slots.Length * 2];
            int mask = slots.Length - 1;
            foreach (ulong slot in _slots)
            {
                if (slot != 0)
                {
                    int i = (int)((uint)(slot >> 32) & (uint)mask);
                    while (slots[i] != 0)
                    {
                        i = (i + 1) & mask;
                    }

                    slots[i] = slot;
                }
            }

            _slots = slots;
        }

        private void Clear()
        {
            Array.Clear(_slots);
            _count = _charCount = _themeCount = _phraseCount = 0;
        }

        private static int Append<T>(ref T[] pool, ref int used, ReadOnlySpan<T> items)
        {
            if (used + items.Length > pool.Length)
            {
                Array.Resize(ref pool, Math.Max(pool.Length * 2, used + items.Length));
            }

            items.CopyTo(pool.AsSpan(used));
            int start = used;
            used += items.Length;
            return start;
        }

        private (int[] Themes, int[]? PhraseIds) Describe(ReadOnlySpan<char> word)
        {
            string folded = TextFolding.Fold(word);
            var themes = new SortedSet<int>();
            if (_tagger._keywordThemes.TryGetValue(folded, out int[]? k))
            {
                themes.UnionWith(k);
            }

            int[]? phraseIds = null;
            for (int l = 0; l < _tagger._languages.Length; l++)
            {
                string stem = _stemmers.Stem(folded, _tagger._languages[l]);
                if (_tagger._stemThemes[l].TryGetValue(stem, out int[]? s))
                {
                    themes.UnionWith(s);
                }

                if (_tagger._phraseWordIds[l].TryGetValue(stem, out int id))
                {
                    phraseIds ??= [.. Enumerable.Repeat(-1, _tagger._languages.Length)];
                    phraseIds[l] = id;
                }
            }

            return ([.. themes], phraseIds);
        }
    }
}
