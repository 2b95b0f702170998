using FsCheck.Fluent;
using NpsKit.Statistics;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Statistics;

public class PairedTests
{
    [Fact]
    public void ComparePaired_KnownAnswer()
    {
        // Rows baseline P/M/D, columns current P/M/D. d = y_current − y_baseline per cell:
        // [0 −1 −2; 1 0 −1; 2 1 0]; Σn·d = −8 −4 +10 −5 +6 +7 = 6 (n = 120), Σn·d² = 8 + 2·4 + 10 + 5 + 3·4 + 7 = 50.
        NpsTransitions t = NpsTransitions.FromCounts(new long[,] { { 50, 8, 2 }, { 10, 25, 5 }, { 3, 7, 10 } });
        NpsComparison c = NpsTest.ComparePaired(t);
        double mean = 6.0 / 120, variance = ((50.0 / 120) - (mean * mean)) / 120;
        Assert.Equal(120, t.Pairs);
        Assert.Equal(100 * mean, c.Estimate, 1e-12);
        Assert.Equal(c.Current - c.Baseline, c.Difference, 1e-12);
        Assert.Equal(c.Difference, c.Estimate, 1e-12);
        Assert.Equal(100 * Math.Sqrt(variance), c.StandardError, 1e-12);
        Assert.Equal(c.Estimate / c.StandardError, c.Z, 1e-12);
        Assert.Equal(NpsTally.FromCounts(60, 40, 20), t.Baseline);
        Assert.Equal(NpsTally.FromCounts(63, 40, 17), t.Current);
        Assert.Equal(2, t.Count(NpsCategory.Promoter, NpsCategory.Detractor));
    }

    [Fact]
    public void ComparePaired_IndependentWaves_VarianceReducesToTheIndependentOne() => PropertyRunner.Check(
        Prop.ForAll(
            (from a in Gen.Choose(0, 20) from b in Gen.Choose(0, 20) from c in Gen.Choose(0, 20)
             from x in Gen.Choose(0, 20) from y in Gen.Choose(0, 20) from z in Gen.Choose(0, 20)
             select (Rows: new long[] { a, b, c }, Cols: new long[] { x, y, z })).ToArbitrary(),
            margins =>
            {
                // The product table n_ij = r_i·c_j: the waves share no association (the law of the issue).
                long[] rows = margins.Rows;
                long[] cols = margins.Cols;
                if (rows.Sum() == 0 || cols.Sum() == 0)
                {
                    return true;
                }

                var cells = new long[3, 3];
                for (int i = 0; i < 3; i++)
                {
                    for (int j = 0; j < 3; j++)
                    {
                        cells[i, j] = rows[i] * cols[j];
                    }
                }

                NpsTransitions t = NpsTransitions.FromCounts(cells);
                NpsComparison paired = NpsTest.ComparePaired(t);
                double n = t.Pairs;
                double independent = Math.Sqrt((t.Baseline.UnitVariance + t.Current.UnitVariance) / n);
                return Math.Abs(paired.StandardError - independent) <= 1e-9 * Math.Max(1, independent);
            }));

    [Fact]
    public void FromWaves_MatchesById_CountsTheUnmatched_AndRefusesDuplicates()
    {
        NpsTransitions t = NpsTransitions.FromWaves(
            [("a", 10), ("b", 7), ("c", 3), ("d", 9)],
            [("b", 9), ("a", 2), ("c", 8), ("e", 10)]);
        Assert.Equal(3, t.Pairs);
        Assert.Equal(1, t.OnlyInBaseline);
        Assert.Equal(1, t.OnlyInCurrent);
        Assert.Equal(1, t.Count(NpsCategory.Promoter, NpsCategory.Detractor));
        Assert.Equal(1, t.Count(NpsCategory.Passive, NpsCategory.Promoter));
        Assert.Equal(1, t.Count(NpsCategory.Detractor, NpsCategory.Passive));
        var ex = Assert.Throws<ArgumentException>(() => NpsTransitions.FromWaves([("a", 10), ("a", 3)], [("a", 9)]));
        Assert.Contains("Respondent a answers twice in the baseline wave", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => NpsTest.ComparePaired(NpsTransitions.FromWaves([("a", 10)], [("b", 9)])));
    }

    [Fact]
    public void ComparePaired_NobodyMoved_IsNotComputable()
    {
        NpsComparison c = NpsTest.ComparePaired(NpsTransitions.FromCounts(new long[,] { { 5, 0, 0 }, { 0, 3, 0 }, { 0, 0, 2 } }));
        Assert.False(c.IsComputable);
        Assert.Equal(1, c.PValue);
    }
}
