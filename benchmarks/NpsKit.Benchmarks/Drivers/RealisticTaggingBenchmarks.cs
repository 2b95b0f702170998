using BenchmarkDotNet.Attributes;
using NpsKit.Csv;
using NpsKit.TestUtilities;
using NpsKit.Text;
using NpsKit.Text.Tests.Reference;

namespace NpsKit.Benchmarks.Drivers;

/// <summary>
/// Comments as they come: words drawn Zipf-like (s = 1.1) from a large vocabulary — every word of the sample data's real
/// comments, the codebooks' terms with inflections, and 30 000 made-up forms standing in for names, typos and rare words —
/// in sentences of 4–30 words with punctuation and capitals. So the word cache sees tens of thousands of distinct forms,
/// and a cold tagger must fold and stem each one through the Snowball stemmers first.
/// </summary>
internal static class RealisticComments
{
    public static readonly Codebook[] Codebooks = [Codebook.English, Codebook.Danish];

    /// <summary>Tags every comment into one reused bit set; returns the number of theme mentions.</summary>
    public static long TagAll(ThemeTagger tagger, string[] comments, ulong[] bits)
    {
        long mentions = 0;
        foreach (string c in comments)
        {
            mentions += tagger.Tag(c, bits);
        }

        return mentions;
    }

    public static string[] Make(int count, ulong seed)
    {
        var rng = new SplitMix64(seed);
        string[] vocabulary = Vocabulary(rng);
        // Zipf(1.1) by inverse CDF over ranks.
        double[] cdf = new double[vocabulary.Length];
        double total = 0;
        for (int r = 0; r < cdf.Length; r++)
        {
            total += 1 / Math.Pow(r + 1, 1.1);
            cdf[r] = total;
        }

        string[] punctuation = [" ", " ", " ", " ", ", ", ". ", "! ", " - ", "? "];
        var comments = new string[count];
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < count; i++)
        {
            sb.Clear();
            int n = 4 + rng.NextInt(27);
            for (int w = 0; w < n; w++)
            {
                int rank = Array.BinarySearch(cdf, rng.NextDouble() * total);
                string word = vocabulary[rank < 0 ? ~rank : rank];
                sb.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(w == n - 1 ? "." : punctuation[rng.NextInt(punctuation.Length)]);
            }

            comments[i] = sb.ToString();
        }

        return comments;
    }

    private static string[] Vocabulary(SplitMix64 rng)
    {
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string w)
        {
            if (w.Length > 0 && seen.Add(w))
            {
                words.Add(w);
            }
        }

        CsvTableResult read = NpsCsv.ReadTable(Path.Combine(ApiConventions.RepoRoot(), "samples", "data", "feedback.csv"));
        for (int i = 0; i < read.Table.Count; i++)
        {
            foreach (string w in (read.Table.GetResponse(i).Comment ?? string.Empty).Split([' ', ',', '.', '!', '?'], StringSplitOptions.RemoveEmptyEntries))
            {
                Add(w.ToLowerInvariant());
            }
        }

        foreach (CodebookTheme t in Codebooks.SelectMany(b => b.Themes))
        {
            foreach (string w in t.Keywords.Concat(t.Stems).Concat(t.Phrases).SelectMany(p => p.Split(' ')))
            {
                foreach (string suffix in new[] { string.Empty, "s", "ed", "ing", "en", "erne", "et" })
                {
                    Add(w + suffix);
                }
            }
        }

        const string letters = "abcdefghijklmnopqrstuvwxyzæøåéü";
        while (words.Count < 30_000 + seen.Count / 2)
        {
            Add(new string([.. Enumerable.Range(0, 3 + rng.NextInt(9)).Select(_ => letters[rng.NextInt(rng.NextInt(6) == 0 ? letters.Length : 26)])]));
        }

        // Frequent words first: the real and codebook words are the head of the Zipf law, the made-up forms its tail.
        return [.. words];
    }
}

/// <summary>Tagging one million realistic comments against the shipped English and Danish codebooks, one thread: from a
/// cold tagger (every distinct form folded and stemmed on first sight) and warm.</summary>
[MemoryDiagnoser]
public class RealisticTaggingBenchmarks
{
    private string[] _comments = [];
    private ThemeTagger _warm = null!;
    private ulong[] _bits = [];

    [GlobalSetup]
    public void Setup()
    {
        _comments = RealisticComments.Make(1_000_000, 18);
        _warm = new ThemeTagger(RealisticComments.Codebooks);
        _bits = new ulong[_warm.BitSetLength];
        _ = Tag(_warm);
    }

    /// <summary>A new tagger (empty word cache) tags every comment.</summary>
    [Benchmark]
    public long Tag1M_Cold() => Tag(new ThemeTagger(RealisticComments.Codebooks));

    /// <summary>A tagger that has seen the words tags every comment.</summary>
    [Benchmark]
    public long Tag1M_Warm() => Tag(_warm);

    private long Tag(ThemeTagger tagger) => RealisticComments.TagAll(tagger, _comments, _bits);
}

/// <summary>The fast tagger against the plain Lucene.Net path it is proven equal to (the tests' oracle), on 20 000
/// realistic comments: the ratio is what the own tokenizer, the word cache and the bit sets buy.</summary>
[MemoryDiagnoser]
public class TaggingVsLuceneBenchmarks
{
    private string[] _comments = [];
    private LuceneReferenceTagger _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        _comments = RealisticComments.Make(20_000, 18);
        _reference = new LuceneReferenceTagger(RealisticComments.Codebooks);
    }

    [GlobalCleanup]
    public void Cleanup() => _reference.Dispose();

    /// <summary>Lucene analyzers per comment and per word, naive matching.</summary>
    [Benchmark(Baseline = true)]
    public long LuceneReference()
    {
        long mentions = 0;
        foreach (string c in _comments)
        {
            mentions += _reference.Tag(c).Count;
        }

        return mentions;
    }

    /// <summary>The tagger from cold, the result as a list of theme indexes.</summary>
    [Benchmark]
    public long ThemeTagger_Cold()
    {
        var tagger = new ThemeTagger(RealisticComments.Codebooks);
        long mentions = 0;
        foreach (string c in _comments)
        {
            mentions += tagger.Tag(c).Count;
        }

        return mentions;
    }
}
