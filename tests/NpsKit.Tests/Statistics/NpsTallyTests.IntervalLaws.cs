using FsCheck;
using FsCheck.Fluent;
using NpsKit.Statistics;
using NpsKit.TestUtilities;

namespace NpsKit.Tests;

public partial class NpsTallyTests
{
    private static readonly NpsIntervalMethod[] AllMethods = Enum.GetValues<NpsIntervalMethod>();

    private static readonly NpsIntervalMethod[] Deterministic =
        [NpsIntervalMethod.AdjustedWald, NpsIntervalMethod.Wald, NpsIntervalMethod.Score, NpsIntervalMethod.Bayesian];

    /// <summary>Non-empty tallies with small to moderate counts, where the methods differ most.</summary>
    private static readonly Arbitrary<NpsTally> SmallTallies =
        (from p in Gen.Choose(0, 60)
         from m in Gen.Choose(0, 60)
         from d in Gen.Choose(0, 60)
         where p + m + d > 0
         select NpsTally.FromCounts(p, m, d)).ToArbitrary();

    private static readonly Arbitrary<double> Levels = Gen.Elements(0.5, 0.8, 0.9, 0.95, 0.99, 0.999).ToArbitrary();

    [Fact]
    public void ConfidenceInterval_WaldAndScore_ContainTheEstimate() => PropertyRunner.Check(
        Prop.ForAll(SmallTallies, Levels, (t, level) =>
            t.ConfidenceInterval(level, NpsIntervalMethod.Wald).Contains(t.Score)
            && t.ConfidenceInterval(level, NpsIntervalMethod.Score).Contains(t.Score)));

    [Fact]
    public void ConfidenceInterval_EachMethod_ContainsItsOwnCentre() => PropertyRunner.Check(
        Prop.ForAll(SmallTallies, Levels, (t, level) =>
        {
            // Adjusted Wald is centred on the pseudo-count estimate; Bayesian contains its posterior median.
            double adjusted = 100.0 * (t.Promoters - t.Detractors) / (t.Count + 3.0);
            double median = t.ConfidenceInterval(new NpsIntervalOptions { Level = 1e-9, Method = NpsIntervalMethod.Bayesian }).Midpoint;
            return t.ConfidenceInterval(level, NpsIntervalMethod.AdjustedWald).Contains(adjusted)
                && t.ConfidenceInterval(level, NpsIntervalMethod.Bayesian).Contains(median)
                && t.ConfidenceInterval(level, NpsIntervalMethod.Wald).Contains(t.Score)
                && t.ConfidenceInterval(level, NpsIntervalMethod.Score).Contains(t.Score);
        }),
        maxTest: 100);

    [Fact]
    public void ConfidenceInterval_EveryMethod_BoundsWithinScaleAndOrdered() => PropertyRunner.Check(
        Prop.ForAll(SmallTallies, Levels, (t, level) => AllMethods.All(m =>
        {
            NpsInterval ci = t.ConfidenceInterval(new NpsIntervalOptions { Level = level, Method = m, BootstrapReplicates = 200 });
            return ci.Lower >= -100 && ci.Upper <= 100 && ci.Lower <= ci.Upper && ci.Level == level && ci.Method == m;
        })),
        maxTest: 60);

    [Fact]
    public void ConfidenceInterval_HigherLevel_NeverNarrower() => PropertyRunner.Check(
        Prop.ForAll(SmallTallies, Levels, Levels, (t, a, b) =>
        {
            double low = Math.Min(a, b);
            double high = Math.Max(a, b);
            return Deterministic.All(m =>
            {
                NpsInterval narrow = t.ConfidenceInterval(low, m);
                NpsInterval wide = t.ConfidenceInterval(high, m);
                return wide.Lower <= narrow.Lower + 1e-9 && wide.Upper >= narrow.Upper - 1e-9;
            });
        }),
        maxTest: 100);

    [Fact]
    public void ConfidenceInterval_MoreAnswersWithSameShares_NeverWider() => PropertyRunner.Check(
        Prop.ForAll(SmallTallies, Gen.Choose(2, 50).ToArbitrary(), (t, k) =>
        {
            NpsTally bigger = NpsTally.FromCounts(t.Promoters * k, t.Passives * k, t.Detractors * k);
            return Deterministic.All(m => bigger.ConfidenceInterval(0.95, m).Width <= t.ConfidenceInterval(0.95, m).Width + 1e-9);
        }),
        maxTest: 100);

    [Fact]
    public void ConfidenceInterval_MirroredTally_GivesMirroredInterval() => PropertyRunner.Check(
        Prop.ForAll(SmallTallies, t =>
        {
            NpsTally mirrored = NpsTally.FromCounts(t.Detractors, t.Passives, t.Promoters);
            return Deterministic.All(m =>
            {
                NpsInterval a = t.ConfidenceInterval(0.95, m);
                NpsInterval b = mirrored.ConfidenceInterval(0.95, m);
                return Math.Abs(a.Lower + b.Upper) < 1e-6 && Math.Abs(a.Upper + b.Lower) < 1e-6;
            });
        }),
        maxTest: 100);

    [Fact]
    public void StandardError_EqualsHundredTimesRootOfUnitVarianceOverN() => PropertyRunner.Check(
        Prop.ForAll(SmallTallies, t =>
        {
            double p = t.PromoterShare;
            double d = t.DetractorShare;
            double v = p + d - ((p - d) * (p - d));
            return Math.Abs(t.UnitVariance - (10_000 * v)) < 1e-8
                && Math.Abs(t.StandardError - (100 * Math.Sqrt(v / t.Count))) < 1e-10
                && Math.Abs(t.Variance - (t.StandardError * t.StandardError)) < 1e-8;
        }));
}
