using FsCheck;
using FsCheck.Fluent;
using NpsKit.Statistics;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Statistics;

public class MultipleComparisonsTests
{
    /// <summary>The 15 p-values of Benjamini &amp; Hochberg (1995), section 4.</summary>
    private static readonly double[] BenjaminiHochberg1995 =
        [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000];

    private static readonly Arbitrary<double[]> PValueFamilies =
        Gen.ArrayOf(Gen.OneOf(
                Gen.Choose(0, 1_000_000).Select(i => i / 1_000_000.0),
                Gen.Elements(0.0, 0.01, 0.05, 1.0, double.NaN)))
            .ToArbitrary();

    [Fact]
    public void Adjust_BenjaminiHochberg1995Example_MatchesRPAdjust()
    {
        // R 4.2: p.adjust(p, "holm") and p.adjust(p, "BH") (tests/NpsKit.Tests/TestData/p_adjust.R).
        double[] holm = [0.0015, 0.0056, 0.0247, 0.114, 0.2211, 0.278, 0.278, 0.278, 0.3213, 1, 1, 1, 1, 1, 1];
        double[] bh =
        [
            0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.0765,
            0.486, 0.5811818181818182, 0.714875, 0.7532307692307692, 0.8132142857142857, 1,
        ];
        AssertClose(holm, MultipleComparisons.Adjust(BenjaminiHochberg1995));
        AssertClose(holm, MultipleComparisons.Adjust(BenjaminiHochberg1995, PValueAdjustment.Holm));
        AssertClose(bh, MultipleComparisons.Adjust(BenjaminiHochberg1995, PValueAdjustment.BenjaminiHochberg));
        AssertClose(BenjaminiHochberg1995, MultipleComparisons.Adjust(BenjaminiHochberg1995, PValueAdjustment.None));

        // The paper's point: at q = 0.05 Benjamini–Hochberg rejects the four smallest, Holm three.
        Assert.Equal(4, MultipleComparisons.Adjust(BenjaminiHochberg1995, PValueAdjustment.BenjaminiHochberg).Count(p => p <= 0.05));
        Assert.Equal(3, MultipleComparisons.Adjust(BenjaminiHochberg1995).Count(p => p <= 0.05));
    }

    [Fact]
    public void Adjust_UnsortedWithTiesAndNaN_MatchesRPAdjust()
    {
        // R 4.2: p <- c(0.04, NA, 0.01, 0.03, 0.01, 0.5); p.adjust(p, "holm"); p.adjust(p, "BH")
        double[] p = [0.04, double.NaN, 0.01, 0.03, 0.01, 0.5];
        AssertClose([0.09, double.NaN, 0.05, 0.09, 0.05, 0.5], MultipleComparisons.Adjust(p));
        AssertClose([0.05, double.NaN, 0.025, 0.05, 0.025, 0.5], MultipleComparisons.Adjust(p, PValueAdjustment.BenjaminiHochberg));
    }

    [Fact]
    public void Adjust_HolmIsDefault_EnumValueZero()
    {
        Assert.Equal(0, (int)PValueAdjustment.Holm);
        Assert.Equal(PValueAdjustment.Holm, default);
    }

    [Fact]
    public void Adjust_EmptyFamily_IsEmpty()
    {
        Assert.Empty(MultipleComparisons.Adjust([]));
        Assert.Equal([0.2], MultipleComparisons.Adjust([0.2]));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.PositiveInfinity)]
    public void Adjust_PValueOutsideUnitInterval_ThrowsNamingTheIndex(double bad)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => MultipleComparisons.Adjust([0.1, bad]));
        Assert.Contains("index 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adjust_UndefinedMethod_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleComparisons.Adjust([0.1], (PValueAdjustment)7));

    [Fact]
    public void Adjust_EveryMethod_NeverBelowRawNeverAboveOne() => PropertyRunner.Check(
        Prop.ForAll(PValueFamilies, p => Enum.GetValues<PValueAdjustment>().All(method =>
        {
            double[] adjusted = MultipleComparisons.Adjust(p, method);
            return adjusted.Length == p.Length
                && p.Zip(adjusted).All(x => double.IsNaN(x.First) ? double.IsNaN(x.Second) : x.Second >= x.First && x.Second <= 1);
        })));

    [Fact]
    public void Adjust_EveryMethod_KeepsTheOrderOfTheRawPValues() => PropertyRunner.Check(
        Prop.ForAll(PValueFamilies, p => Enum.GetValues<PValueAdjustment>().All(method =>
        {
            double[] adjusted = MultipleComparisons.Adjust(p, method);
            for (int i = 0; i < p.Length; i++)
            {
                for (int j = 0; j < p.Length; j++)
                {
                    if (p[i] <= p[j] && adjusted[i] > adjusted[j])
                    {
                        return false;
                    }
                }
            }

            return true;
        })));

    [Fact]
    public void Adjust_HolmNeverBelowBenjaminiHochberg() => PropertyRunner.Check(
        Prop.ForAll(PValueFamilies, p =>
            MultipleComparisons.Adjust(p).Zip(MultipleComparisons.Adjust(p, PValueAdjustment.BenjaminiHochberg))
                .All(x => double.IsNaN(x.First) || x.First >= x.Second)));

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i]))
            {
                Assert.True(double.IsNaN(actual[i]), $"index {i}: expected NaN, got {actual[i]}");
            }
            else
            {
                Assert.Equal(expected[i], actual[i], 1e-12);
            }
        }
    }
}
