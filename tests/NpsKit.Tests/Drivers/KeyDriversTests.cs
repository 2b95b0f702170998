using FsCheck.Fluent;
using NpsKit.Drivers;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Drivers;

public class KeyDriversTests
{
    /// <summary>Correlated ratings 1–5 and a 0–10 answer driven mostly by the first.</summary>
    private static (int[] Scores, (string, IReadOnlyList<double>)[] Attributes) Data(int n, int k, ulong seed, double[] effects)
    {
        var rng = new SplitMix64(seed);
        var scores = new int[n];
        var cols = Enumerable.Range(0, k).Select(_ => new double[n]).ToArray();
        for (int i = 0; i < n; i++)
        {
            double common = rng.NextDouble();
            double y = 0;
            for (int j = 0; j < k; j++)
            {
                double rating = Math.Clamp(Math.Round(1 + (4 * ((0.5 * common) + (0.5 * rng.NextDouble())))), 1, 5);
                cols[j][i] = rating;
                y += effects[j] * rating;
            }

            scores[i] = (int)Math.Clamp(Math.Round(y + (3 * (rng.NextDouble() - 0.5))), 0, 10);
        }

        return (scores, [.. cols.Select((c, j) => ($"a{j}", (IReadOnlyList<double>)c))]);
    }

    /// <summary>R² of y on the columns in <paramref name="subset"/>, by ordinary least squares on the raw data (normal
    /// equations with an intercept, solved by Gauss–Jordan elimination) — independent of the correlation-matrix route.</summary>
    private static double OlsRSquared(int[] y, (string, IReadOnlyList<double>)[] x, int[] subset)
    {
        int n = y.Length, p = subset.Length + 1;
        var a = new double[p, p + 1];
        for (int i = 0; i < n; i++)
        {
            double[] row = [1, .. subset.Select(j => x[j].Item2[i])];
            for (int r = 0; r < p; r++)
            {
                for (int c = 0; c < p; c++)
                {
                    a[r, c] += row[r] * row[c];
                }

                a[r, p] += row[r] * y[i];
            }
        }

        for (int c = 0; c < p; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < p; r++)
            {
                if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c]))
                {
                    pivot = r;
                }
            }

            for (int j = 0; j <= p; j++)
            {
                (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            }

            for (int r = 0; r < p; r++)
            {
                if (r != c)
                {
                    double f = a[r, c] / a[c, c];
                    for (int j = 0; j <= p; j++)
                    {
                        a[r, j] -= f * a[c, j];
                    }
                }
            }
        }

        double[] beta = [.. Enumerable.Range(0, p).Select(r => a[r, p] / a[r, r])];
        double mean = y.Average(), sst = 0, sse = 0;
        for (int i = 0; i < n; i++)
        {
            double[] row = [1, .. subset.Select(j => x[j].Item2[i])];
            double fit = row.Zip(beta).Sum(t => t.First * t.Second);
            sse += (y[i] - fit) * (y[i] - fit);
            sst += (y[i] - mean) * (y[i] - mean);
        }

        return 1 - (sse / sst);
    }

    private static IEnumerable<int[]> Permutations(int[] items) => items.Length <= 1
        ? [items]
        : items.SelectMany(first => Permutations([.. items.Where(i => i != first)]).Select(rest => (int[])[first, .. rest]));

    [Fact]
    public void Lmg_EqualsTheAverageGainOverAllOrders_ByBruteForceOls()
    {
        var (scores, attrs) = Data(400, 4, 11, [1.0, 0.5, 0.2, 0]);
        KeyDriverReport report = KeyDrivers.Analyze(scores, attrs, new KeyDriverOptions { Resamples = 0 });
        var brute = new double[4];
        int orders = 0;
        foreach (int[] order in Permutations([0, 1, 2, 3]))
        {
            orders++;
            for (int pos = 0; pos < order.Length; pos++)
            {
                brute[order[pos]] += OlsRSquared(scores, attrs, order[..(pos + 1)]) - (pos == 0 ? 0 : OlsRSquared(scores, attrs, order[..pos]));
            }
        }

        Assert.Equal(24, orders);
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(brute[j] / orders, report.Drivers.Single(d => d.Name == $"a{j}").Importance, 10);
        }

        Assert.Equal(OlsRSquared(scores, attrs, [0, 1, 2, 3]), report.RSquared, 10);
        Assert.Equal(["a0", "a1", "a2", "a3"], report.Drivers.Select(d => d.Name));
    }

    [Fact]
    public void Importances_SumToRSquared_ForBothMethods() => PropertyRunner.Check(Prop.ForAll(Gen.Choose(1, 5).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), (k, seed) =>
    {
        var (scores, attrs) = Data(120, k, (ulong)seed, [.. Enumerable.Range(0, k).Select(j => 1.0 / (j + 1))]);
        KeyDriverReport lmg = KeyDrivers.Analyze(scores, attrs, new KeyDriverOptions { Resamples = 0 });
        KeyDriverReport rw = KeyDrivers.Analyze(scores, attrs, new KeyDriverOptions { Resamples = 0, Method = RelativeImportanceMethod.RelativeWeights });
        return Math.Abs(lmg.Drivers.Sum(d => d.Importance) - lmg.RSquared) < 1e-9
            && Math.Abs(rw.Drivers.Sum(d => d.Importance) - lmg.RSquared) < 1e-9
            && Math.Abs(lmg.Drivers.Sum(d => d.Share) - 1) < 1e-9;
    }), maxTest: 40);

    [Fact]
    public void UncorrelatedAttributes_GetTheirSquaredCorrelation_FromBothMethods()
    {
        // Two orthogonal ±1 patterns: r12 = 0 exactly, so LMG_j = RW_j = r_jy² (Johnson 2000; Grömping 2006).
        int[] scores = [2, 5, 7, 10, 1, 6, 8, 9];
        double[] a = [1, 1, 5, 5, 1, 1, 5, 5];
        double[] b = [1, 5, 1, 5, 1, 5, 1, 5];
        foreach (RelativeImportanceMethod m in Enum.GetValues<RelativeImportanceMethod>())
        {
            KeyDriverReport r = KeyDrivers.Analyze(scores, [("a", a), ("b", b)], new KeyDriverOptions { Resamples = 0, Method = m });
            foreach (KeyDriver d in r.Drivers)
            {
                Assert.Equal(d.Correlation * d.Correlation, d.Importance, 12);
            }
        }
    }

    [Fact]
    public void Bootstrap_IsSeeded_AndItsIntervalsHoldTheEstimate()
    {
        var (scores, attrs) = Data(300, 3, 5, [1.0, 0.3, 0.1]);
        var options = new KeyDriverOptions { Resamples = 200, Seed = 42 };
        KeyDriverReport one = KeyDrivers.Analyze(scores, attrs, options);
        KeyDriverReport two = KeyDrivers.Analyze(scores, attrs, options);
        KeyDriverReport other = KeyDrivers.Analyze(scores, attrs, options with { Seed = 43 });
        Assert.Equal(one.Drivers, two.Drivers);
        Assert.NotEqual(one.Drivers[0].Lower, other.Drivers[0].Lower);
        Assert.All(one.Drivers, d => Assert.InRange(d.Share, d.Lower, d.Upper));
        Assert.StartsWith("<svg", one.ToSvg(), StringComparison.Ordinal);
        Assert.Contains("a0", one.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRatings_AreLeftOutAndCounted_BadInputIsNamed()
    {
        int[] scores = [1, 5, 9, 10, 3, 7];
        double[] a = [1, 3, 5, double.NaN, 2, 4];
        double[] b = [2, 2, 4, 5, 1, 3];
        KeyDriverReport r = KeyDrivers.Analyze(scores, [("a", a), ("b", b)], new KeyDriverOptions { Resamples = 0 });
        Assert.Equal(5, r.Rows);
        Assert.Equal(1, r.ExcludedRows);
        Assert.Contains("'c' has the same rating", Assert.Throws<ArgumentException>(() => KeyDrivers.Analyze(scores, [("a", a), ("c", new double[] { 3, 3, 3, 3, 3, 3 })])).Message, StringComparison.Ordinal);
        Assert.Contains("has 2 ratings but there are 6 scores", Assert.Throws<ArgumentException>(() => KeyDrivers.Analyze(scores, [("a", new double[] { 1, 2 })])).Message, StringComparison.Ordinal);
        Assert.Contains("row 1 is 11", Assert.Throws<ArgumentException>(() => KeyDrivers.Analyze([1, 11], [("a", new double[] { 1, 2 })])).Message, StringComparison.Ordinal);
        var invalid = Assert.Throws<InvalidOptionsException>(() => new KeyDriverOptions { Resamples = 5 }.Validate());
        Assert.Contains("Resamples is 5", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(("Resamples", "5"), (Assert.Single(invalid.Problems).Member, invalid.Problems[0].Value));
    }

    [Fact]
    public void DriverMatrix_SplitsAtTheMedians()
    {
        // a: important, rated low → FixFirst; b: important-ish, rated high → Maintain; c, d: unimportant.
        var rng = new SplitMix64(3);
        int n = 600;
        double[] a = new double[n], b = new double[n], c = new double[n], d = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = 1 + rng.NextInt(3);
            b[i] = 3 + rng.NextInt(3);
            c[i] = 1 + rng.NextInt(2);
            d[i] = 4 + rng.NextInt(2);
            y[i] = (int)Math.Clamp((2 * a[i]) + b[i] - 3 + rng.NextInt(3), 0, 10);
        }

        KeyDriverReport r = KeyDrivers.Analyze(y, [("a", a), ("b", b), ("c", c), ("d", d)], new KeyDriverOptions { Resamples = 0 });
        Assert.Equal(DriverQuadrant.FixFirst, r.Drivers.Single(x => x.Name == "a").Quadrant);
        Assert.Equal(DriverQuadrant.Maintain, r.Drivers.Single(x => x.Name == "b").Quadrant);
        Assert.Equal(DriverQuadrant.Secondary, r.Drivers.Single(x => x.Name == "c").Quadrant);
        Assert.Equal(DriverQuadrant.LowPriority, r.Drivers.Single(x => x.Name == "d").Quadrant);
    }
}
