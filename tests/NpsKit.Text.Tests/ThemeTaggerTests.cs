using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NpsKit.TestUtilities;

namespace NpsKit.Text.Tests;

public class ThemeTaggerTests
{
    private static readonly ThemeTagger Both = new(Codebook.English, Codebook.Danish);

    private static string[] Ids(ThemeTagger tagger, string text) => [.. tagger.Tag(text).Select(i => tagger.Themes[i].Id)];

    [Theory]
    [InlineData("Deliveries were late and the courier was rude", "delivery,staff")]
    [InlineData("The parcel never arrived", "delivery")]
    [InlineData("They charged me twice!", "billing")]
    [InlineData("Great value for money", "price")]
    [InlineData("I was on hold for an hour", "waiting")]
    [InlineData("Nothing to add", "")]
    [InlineData("Pakken kom for sent, og kundeservice var uhøflig", "delivery,support,staff")]
    [InlineData("Leveringen var hurtig", "delivery")]
    [InlineData("Produktet gik i stykker efter en uge", "quality")]
    [InlineData("Alt for dyrt", "price")]
    public void Tag_FindsTheThemes(string comment, string expected) =>
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), Ids(Both, comment));

    [Fact]
    public void Keywords_MatchOnlyTheirForm_StemsEveryInflection()
    {
        var book = new Codebook("t", CommentLanguage.English, [new CodebookTheme("k", "K", keywords: ["refund"]), new CodebookTheme("s", "S", stems: ["deliver"])]);
        var tagger = new ThemeTagger(book);
        Assert.Equal(["k"], Ids(tagger, "a REFUND"));
        Assert.Empty(Ids(tagger, "refunds"));
        Assert.Equal(["s"], Ids(tagger, "they delivered"));
        Assert.Equal(["s"], Ids(tagger, "delivering"));
    }

    [Fact]
    public void Phrases_MatchConsecutiveWordsByStem()
    {
        var tagger = new ThemeTagger(new Codebook("t", CommentLanguage.English, [new CodebookTheme("late", "Late", phrases: ["late delivery"])]));
        Assert.Equal(["late"], Ids(tagger, "Two LATE deliveries."));
        Assert.Empty(Ids(tagger, "late, then a delivery")); // a comma does not break a phrase but another word does
        Assert.Equal(["late"], Ids(tagger, "late, delivery"));
    }

    [Fact]
    public void Folding_KeepsTheDanishLettersButDropsOtherAccents()
    {
        var tagger = new ThemeTagger(new Codebook("t", CommentLanguage.Danish, [new CodebookTheme("far", "Far", keywords: ["far"]), new CodebookTheme("cafe", "Café", keywords: ["café"])]));
        Assert.Equal(["far"], Ids(tagger, "FAR"));
        Assert.Empty(Ids(tagger, "får")); // å is a letter, not an accented a
        Assert.Equal(["cafe"], Ids(tagger, "CAFE"));
        Assert.Equal(["cafe"], Ids(tagger, "cafe\u0301")); // combining acute
        Assert.Equal(["cafe"], Ids(tagger, "Café"));
    }

    private static readonly string[] Vocabulary =
    [
        "the", "delivery", "was", "late", "courier", "price", "expensive", "support", "helpful", "never", "arrived", "on", "hold",
        "levering", "pakken", "kom", "for", "sent", "ødelagt", "kundeservice", "venlig", "uhøflig", "pris", "dyr", "and", "og",
        "value", "money", "app", "crashed", "charged", "twice", "invoice", "staff", "rude", "queue", "great", "bad", "ok",
    ];

    private static readonly Gen<string[]> Texts = Gen.ArrayOf(Gen.Elements(Vocabulary)).Select(w => w.Length > 12 ? w[..12] : w);

    private static string Accented(string text) => new([.. text.Select(c => c switch { 'e' => 'é', 'u' => 'ü', 'a' => 'à', 'o' => 'ô', _ => c })]);

    [Fact]
    public void Tag_IsIndependentOfCaseAndOfAccentsOtherThanTheRing() => PropertyRunner.Check(Prop.ForAll(Texts.ToArbitrary(), words =>
    {
        string text = string.Join(' ', words);
        string[] plain = Ids(Both, text);
        return plain.SequenceEqual(Ids(Both, text.ToUpperInvariant()))
            && plain.SequenceEqual(Ids(Both, Accented(text)))
            && plain.SequenceEqual(Ids(Both, text.Normalize(NormalizationForm.FormD)))
            && plain.SequenceEqual(Ids(Both, Accented(text).ToUpperInvariant().Normalize(NormalizationForm.FormD)));
    }));

    [Fact]
    public void Tag_IsIndependentOfTheOrderCommentsAreTagged() => PropertyRunner.Check(Prop.ForAll(Gen.ArrayOf(Texts).ToArbitrary(), comments =>
    {
        string[] texts = [.. comments.Select(w => string.Join(' ', w))];
        var fresh = new ThemeTagger(Codebook.English, Codebook.Danish);
        string[][] forward = [.. texts.Select(t => Ids(fresh, t))];
        var other = new ThemeTagger(Codebook.English, Codebook.Danish);
        string[][] backward = [.. texts.Reverse().Select(t => Ids(other, t)).Reverse()];
        return forward.Zip(backward).All(p => p.First.SequenceEqual(p.Second));
    }));

    [Fact]
    public void Tag_OnManyThreads_AgreesWithOneThread()
    {
        string[] texts = [.. Enumerable.Range(0, 2000).Select(i => string.Join(' ', Enumerable.Range(0, 8).Select(j => Vocabulary[((i * 7) + (j * 13)) % Vocabulary.Length])))];
        string[][] serial = [.. texts.Select(t => Ids(Both, t))];
        string[][] parallel = new string[texts.Length][];
        Parallel.For(0, texts.Length, i => parallel[i] = Ids(Both, texts[i]));
        Assert.Equal(serial, parallel);
    }

    [Fact]
    public void BitSetOverload_AgreesWithTheListOverload_AndChecksItsLength()
    {
        Span<ulong> bits = stackalloc ulong[1];
        int n = Both.Tag("late delivery, rude staff", bits);
        Assert.Equal(2, n);
        Assert.Equal(Both.Tag("late delivery, rude staff").Aggregate(0UL, (a, i) => a | (1UL << i)), bits[0]);
        Assert.Throws<ArgumentException>(() => Both.Tag("x", Span<ulong>.Empty));
    }

    [Fact]
    public void SameIdInTwoCodebooksOfOneLanguage_Throws()
    {
        var a = new Codebook("a", CommentLanguage.English, [new CodebookTheme("x", "X", keywords: ["a"])]);
        var e = Assert.Throws<ArgumentException>(() => new ThemeTagger(a, a));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
    }
}
