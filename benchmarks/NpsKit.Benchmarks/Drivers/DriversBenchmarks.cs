using BenchmarkDotNet.Attributes;
using NpsKit.Aggregation;
using NpsKit.Drivers;
using NpsKit.TestUtilities;
using NpsKit.Text;

namespace NpsKit.Benchmarks.Drivers;

/// <summary>
/// Tagging one million comments (8–20 words each, English and Danish) against a 50-theme codebook on one thread, the
/// target being under 2 s; the tagger's word cache is warm after the first comments, as in any real run.
/// </summary>
[MemoryDiagnoser]
public class ThemeTaggingBenchmarks
{
    private const int Comments = 1_000_000;

    private static readonly string[] Words =
    [
        "the", "delivery", "was", "late", "and", "courier", "rude", "price", "too", "expensive", "support", "helpful", "never",
        "arrived", "on", "time", "hold", "app", "crashed", "login", "invoice", "charged", "twice", "quality", "broken", "great",
        "pakken", "kom", "for", "sent", "kundeservice", "venlig", "dyrt", "levering", "hurtig", "fejl", "appen", "ødelagt",
        "box", "dented", "okay", "nothing", "special", "service", "staff", "friendly", "slow", "queue", "refund", "payment",
    ];

    private string[] _comments = [];
    private ThemeTagger _tagger = null!;
    private ulong[] _bits = [];

    /// <summary>Builds the codebooks (50 themes: 8 shipped + 42 synthetic, each 3 keywords, 3 stems and a phrase) and the comments.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new SplitMix64(50);
        var extra = Enumerable.Range(0, 42).Select(i => new CodebookTheme(
            $"t{i}", $"Theme {i}",
            keywords: [$"kw{i}a", $"kw{i}b", Words[rng.NextInt(Words.Length)]],
            stems: [$"stem{i}", $"word{i}s", Words[rng.NextInt(Words.Length)]],
            phrases: [$"{Words[rng.NextInt(Words.Length)]} {Words[rng.NextInt(Words.Length)]}"]));
        var synthetic = new Codebook("synthetic", CommentLanguage.English, [.. Codebook.English.Themes, .. extra]);
        _tagger = new ThemeTagger(synthetic, Codebook.Danish);
        _comments = new string[Comments];
        for (int i = 0; i < Comments; i++)
        {
            int n = 8 + rng.NextInt(13);
            _comments[i] = string.Join(' ', Enumerable.Range(0, n).Select(_ => Words[rng.NextInt(Words.Length)])) + ".";
        }

        _bits = new ulong[_tagger.BitSetLength];
        _ = Tag1M(); // warm the word cache of this thread
    }

    /// <summary>Tags every comment into a bit set (no allocation once the words are cached).</summary>
    /// <returns>The number of theme mentions.</returns>
    [Benchmark]
    public long Tag1M() => RealisticComments.TagAll(_tagger, _comments, _bits);
}

/// <summary>The change decomposition of one month against the previous one over 20 segments (target under 1 ms).</summary>
[MemoryDiagnoser]
public class DecompositionBenchmarks
{
    private NpsCube _cube = null!;
    private ReportingPeriod _baseline;
    private ReportingPeriod _current;

    /// <summary>Builds a two-month cube of 20 000 answers in 20 segments.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new SplitMix64(20);
        var builder = new ResponseTableBuilder("segment");
        var start = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 20_000; i++)
        {
            builder.Add(start.AddMinutes(rng.NextInt(61 * 24 * 60)), rng.NextInt(11), [$"S{rng.NextInt(20):00}"]);
        }

        _cube = NpsCube.FromTable(builder.ToTable(), Segmentation.By("segment"));
        _baseline = _cube.Periods[0];
        _current = _cube.Periods[1];
    }

    /// <summary>Decomposes the change: exact parts, delta-method intervals, Holm adjustment.</summary>
    /// <returns>The change in points.</returns>
    [Benchmark]
    public double Decompose() => ChangeDecomposition.Between(_cube, _baseline, _current).Change;
}
