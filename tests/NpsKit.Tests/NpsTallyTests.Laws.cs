using FsCheck;
using FsCheck.Fluent;
using NpsKit.TestUtilities;

namespace NpsKit.Tests;

public partial class NpsTallyTests
{
    private static readonly Arbitrary<NpsTally> Tallies = NpsGenerators.Tallies.ToArbitrary();
    private static readonly Arbitrary<int[]> ScoreLists = NpsGenerators.ScoreLists.ToArbitrary();

    [Fact]
    public void Merge_IsAssociative() => PropertyRunner.Check(
        Prop.ForAll(Tallies, Tallies, Tallies, (a, b, c) => (a + b) + c == a + (b + c)));

    [Fact]
    public void Merge_IsCommutative() => PropertyRunner.Check(
        Prop.ForAll(Tallies, Tallies, (a, b) => a + b == b + a));

    [Fact]
    public void Merge_EmptyIsIdentity() => PropertyRunner.Check(
        Prop.ForAll(Tallies, a => a + NpsTally.Empty == a && NpsTally.Empty + a == a && a + default(NpsTally) == a));

    [Fact]
    public void Merge_HugeCountsStayExactOrThrow() => PropertyRunner.Check(
        Prop.ForAll(NpsGenerators.HugeTallies.ToArbitrary(), NpsGenerators.HugeTallies.ToArbitrary(), (a, b) =>
        {
            bool fits = (Int128)a.Count + b.Count <= long.MaxValue;
            try
            {
                NpsTally sum = a + b;
                return fits && sum.Count == a.Count + b.Count && sum.Promoters == a.Promoters + b.Promoters;
            }
            catch (OverflowException)
            {
                return !fits;
            }
        }));

    [Fact]
    public void FromScores_OrderNeverMatters() => PropertyRunner.Check(
        Prop.ForAll(ScoreLists, Arb.From(Gen.Choose(0, int.MaxValue)), (scores, seed) =>
        {
            int[] shuffled = (int[])scores.Clone();
            new Random(seed).Shuffle(shuffled);
            return NpsTally.FromScores(scores) == NpsTally.FromScores(shuffled);
        }));

    [Fact]
    public void FromScores_SplitAnywhereAndMerged_EqualsWhole() => PropertyRunner.Check(
        Prop.ForAll(ScoreLists, Arb.From(Gen.Choose(0, 10_000)), (scores, cut) =>
        {
            int at = scores.Length == 0 ? 0 : cut % (scores.Length + 1);
            NpsTally whole = NpsTally.FromScores(scores);
            return NpsTally.FromScores(scores.AsSpan(0, at)) + NpsTally.FromScores(scores.AsSpan(at)) == whole;
        }));

    [Fact]
    public void Score_IsExactlyHundredTimesPromotersMinusDetractorsOverN() => PropertyRunner.Check(
        Prop.ForAll(Tallies, t => !t.HasScore || t.Score == 100.0 * (t.Promoters - t.Detractors) / t.Count));

    [Fact]
    public void Score_StaysWithinMinusHundredAndHundred() => PropertyRunner.Check(
        Prop.ForAll(Tallies, t => !t.HasScore || (t.Score >= -100 && t.Score <= 100)));

    [Fact]
    public void Shares_SumToOneAndCategoriesSumToCount() => PropertyRunner.Check(
        Prop.ForAll(Tallies, t =>
            t.Promoters + t.Passives + t.Detractors == t.Count
            && (!t.HasScore || Math.Abs(t.PromoterShare + t.PassiveShare + t.DetractorShare - 1) < 1e-12)));

    [Fact]
    public void FromScores_MatchesNaiveCategoryCount() => PropertyRunner.Check(
        Prop.ForAll(ScoreLists, scores =>
        {
            NpsTally t = NpsTally.FromScores(scores);
            return t.Promoters == scores.Count(s => s >= 9)
                && t.Passives == scores.Count(s => s is 7 or 8)
                && t.Detractors == scores.Count(s => s <= 6)
                && (scores.Length == 0 || Math.Abs(t.MeanScore - scores.Average()) < 1e-9);
        }));
}
