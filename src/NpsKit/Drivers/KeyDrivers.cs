using System.Globalization;
using NpsKit.Statistics.Internal;

namespace NpsKit.Drivers;

/// <summary>
/// Key drivers: which rated attributes (for example 1–5 satisfaction with delivery, price and support) matter most for
/// the 0–10 NPS answer, by relative importance (LMG/Shapley or Johnson's relative weights), with seeded bootstrap intervals
/// and a driver matrix of importance × current performance.
/// </summary>
/// <remarks>
/// <para>The model is the linear regression of the 0–10 answer on the ratings; importance splits its R² among the
/// attributes (Grömping 2007, <i>The American Statistician</i> 61:139–147, on why R² decomposition is the defensible
/// meaning of "importance" with correlated predictors). LMG (Lindeman, Merenda &amp; Gold 1980) averages each attribute's
/// gain in R² over all k! orders of entry, computed exactly over the 2^k subsets with Shapley weights |S|!(k−|S|−1)!/k!;
/// it equals R package relaimpo's <c>calc.relimp(type = "lmg")</c>. Johnson's (2000) relative weights are offered for
/// many attributes. Intervals: rows resampled with replacement, <see cref="KeyDriverOptions.Resamples"/> times, percentile
/// intervals of each share (Efron &amp; Tibshirani 1993; relaimpo's <c>boot.relimp</c> does the same).</para>
/// <para>Rows with a missing rating (NaN) are left out (listwise deletion) and counted. It is an association in
/// observational data: an attribute that merely travels with satisfaction ranks high too.</para>
/// <para>Every method is deterministic for a given seed and thread-safe.</para>
/// </remarks>
public static class KeyDrivers
{
    /// <summary>Ranks the attributes by relative importance for the 0–10 answer.</summary>
    /// <param name="scores">The 0–10 answers, one per row.</param>
    /// <param name="attributes">Each attribute's name and ratings, one per row (NaN for missing); 1 to 12 attributes for LMG.</param>
    /// <param name="options">Method, resamples, seed, level; default <see cref="KeyDriverOptions.Default"/>.</param>
    /// <returns>The report, drivers ranked by importance.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A column's length differs from the scores', a name repeats, a score is outside
    /// 0..10, an attribute does not vary, fewer complete rows than attributes + 2 remain, or the options are invalid.</exception>
    public static KeyDriverReport Analyze(IReadOnlyList<int> scores, IReadOnlyList<(string Name, IReadOnlyList<double> Ratings)> attributes, KeyDriverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(attributes);
        options ??= KeyDriverOptions.Default;
        options.Validate();
        int k = attributes.Count;
        if (k == 0)
        {
            throw new ArgumentException("Give at least one rated attribute.", nameof(attributes));
        }

        if (options.Method == RelativeImportanceMethod.Lmg && k > KeyDriverOptions.MaxLmgAttributes)
        {
            throw new ArgumentException($"{k} attributes are more than exact LMG takes ({KeyDriverOptions.MaxLmgAttributes}: 2^k subsets per resample); use RelativeImportanceMethod.RelativeWeights.", nameof(attributes));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, ratings) in attributes)
        {
            ArgumentNullException.ThrowIfNull(ratings, nameof(attributes));
            if (!names.Add(name))
            {
                throw new ArgumentException($"Attribute '{name}' is given twice.", nameof(attributes));
            }

            if (ratings.Count != scores.Count)
            {
                throw new ArgumentException($"Attribute '{name}' has {ratings.Count} ratings but there are {scores.Count} scores: give one rating (or NaN) per answer.", nameof(attributes));
            }
        }

        // Complete rows only: y then the k ratings, row-major.
        var data = new List<double>();
        int excluded = 0;
        for (int r = 0; r < scores.Count; r++)
        {
            if (!Nps.IsValidScore(scores[r]))
            {
                throw new ArgumentException($"Score at row {r} is {scores[r]}: answers are 0..10.", nameof(scores));
            }

            bool complete = true;
            for (int j = 0; j < k && complete; j++)
            {
                complete = double.IsFinite(attributes[j].Ratings[r]);
            }

            if (!complete)
            {
                excluded++;
                continue;
            }

            data.Add(scores[r]);
            for (int j = 0; j < k; j++)
            {
                data.Add(attributes[j].Ratings[r]);
            }
        }

        int n = data.Count / (k + 1);
        if (n < k + 2)
        {
            throw new ArgumentException($"Only {n} rows have every rating ({excluded} have a missing one); {k} attributes need at least {k + 2}.", nameof(attributes));
        }

        double[] rows = [.. data];
        double[,] corr = Correlations(rows, n, k, Enumerable.Range(0, n).ToArray());
        for (int j = 0; j < k; j++)
        {
            if (double.IsNaN(corr[j + 1, j + 1]))
            {
                throw new ArgumentException($"Attribute '{attributes[j].Name}' has the same rating in every complete row, so it cannot explain anything: leave it out.", nameof(attributes));
            }
        }

        if (double.IsNaN(corr[0, 0]))
        {
            throw new ArgumentException("Every answer has the same score, so there is nothing to explain.", nameof(scores));
        }

        double[] importance = Importance(corr, k, options.Method);
        double r2 = importance.Sum();
        var shares = new double[k][];
        for (int j = 0; j < k; j++)
        {
            shares[j] = new double[options.Resamples];
        }

        if (options.Resamples > 0)
        {
            Random random = Numerics.CreateRandom(options.Seed);
            var pick = new int[n];
            for (int b = 0; b < options.Resamples; b++)
            {
                for (int i = 0; i < n; i++)
                {
                    pick[i] = random.Next(n);
                }

                double[,] c = Correlations(rows, n, k, pick);
                double[] imp = Degenerate(c, k) ? new double[k] : Importance(c, k, options.Method);
                double total = imp.Sum();
                for (int j = 0; j < k; j++)
                {
                    shares[j][b] = total > 0 ? imp[j] / total : 0;
                }
            }
        }

        var means = new double[k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++)
            {
                means[j] += rows[(i * (k + 1)) + 1 + j] / n;
            }
        }

        double alpha = 1 - options.Level;
        var drivers = new List<(int J, double Imp, double Share, double Lo, double Hi)>();
        for (int j = 0; j < k; j++)
        {
            double share = r2 > 0 ? importance[j] / r2 : 0;
            double lo = share, hi = share;
            if (options.Resamples > 0)
            {
                Array.Sort(shares[j]);
                lo = Quantile(shares[j], alpha / 2);
                hi = Quantile(shares[j], 1 - (alpha / 2));
            }

            drivers.Add((j, importance[j], share, lo, hi));
        }

        double medianShare = Median(drivers.Select(d => d.Share));
        double medianPerformance = Median(means);
        var ranked = drivers.OrderByDescending(d => d.Share).ThenBy(d => attributes[d.J].Name, StringComparer.Ordinal).ToList();
        var result = new KeyDriver[k];
        for (int i = 0; i < k; i++)
        {
            var d = ranked[i];
            bool important = d.Share > medianShare || (k == 1);
            bool low = means[d.J] < medianPerformance;
            DriverQuadrant q = important ? (low ? DriverQuadrant.FixFirst : DriverQuadrant.Maintain) : (low ? DriverQuadrant.Secondary : DriverQuadrant.LowPriority);
            result[i] = new KeyDriver(attributes[d.J].Name, d.Imp, d.Share, d.Lo, d.Hi, corr[0, d.J + 1], means[d.J], i + 1, q);
        }

        return new KeyDriverReport(result, r2, n, excluded, options);
    }

    /// <summary>R² of the regression of y on the attributes in <paramref name="subset"/> (a bit mask), from the correlation matrix.</summary>
    internal static double RSquared(double[,] corr, int k, int subset)
    {
        int m = System.Numerics.BitOperations.PopCount((uint)subset);
        if (m == 0)
        {
            return 0;
        }

        int[] idx = [.. Enumerable.Range(0, k).Where(j => (subset & (1 << j)) != 0)];
        var a = new double[m, m];
        var b = new double[m];
        for (int i = 0; i < m; i++)
        {
            b[i] = corr[0, idx[i] + 1];
            for (int j = 0; j < m; j++)
            {
                a[i, j] = corr[idx[i] + 1, idx[j] + 1];
            }
        }

        double[] beta = Numerics.SolveSymmetric(a, b);
        double r2 = 0;
        for (int i = 0; i < m; i++)
        {
            r2 += beta[i] * b[i];
        }

        return Math.Clamp(r2, 0, 1);
    }

    private static double[] Importance(double[,] corr, int k, RelativeImportanceMethod method) =>
        method == RelativeImportanceMethod.Lmg ? Lmg(corr, k) : RelativeWeights(corr, k);

    /// <summary>Exact LMG: Shapley values of R² over the 2^k subsets.</summary>
    private static double[] Lmg(double[,] corr, int k)
    {
        int subsets = 1 << k;
        var r2 = new double[subsets];
        for (int s = 1; s < subsets; s++)
        {
            r2[s] = RSquared(corr, k, s);
        }

        var weight = new double[k]; // |S|!(k−|S|−1)!/k! by |S|
        for (int size = 0; size < k; size++)
        {
            weight[size] = Math.Exp(LogFactorial(size) + LogFactorial(k - size - 1) - LogFactorial(k));
        }

        var lmg = new double[k];
        for (int s = 0; s < subsets; s++)
        {
            int size = System.Numerics.BitOperations.PopCount((uint)s);
            for (int j = 0; j < k; j++)
            {
                if ((s & (1 << j)) == 0)
                {
                    lmg[j] += weight[size] * (r2[s | (1 << j)] - r2[s]);
                }
            }
        }

        return lmg;
    }

    /// <summary>Johnson's (2000) relative weights: with R_xx = QΛQᵀ and Λ½ = QΛ^½Qᵀ, β = Λ½⁻¹ r_xy and ε_j = Σ_m (Λ½)²_jm β_m².</summary>
    private static double[] RelativeWeights(double[,] corr, int k)
    {
        var rxx = new double[k, k];
        var rxy = new double[k];
        for (int i = 0; i < k; i++)
        {
            rxy[i] = corr[0, i + 1];
            for (int j = 0; j < k; j++)
            {
                rxx[i, j] = corr[i + 1, j + 1];
            }
        }

        (double[] values, double[,] vectors) = Numerics.SymmetricEigen(rxx);
        var half = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double sum = 0;
                for (int m = 0; m < k; m++)
                {
                    sum += vectors[i, m] * Math.Sqrt(Math.Max(0, values[m])) * vectors[j, m];
                }

                half[i, j] = sum;
            }
        }

        double[] beta = Numerics.SolveSymmetric(half, rxy);
        var eps = new double[k];
        for (int j = 0; j < k; j++)
        {
            for (int m = 0; m < k; m++)
            {
                eps[j] += half[j, m] * half[j, m] * beta[m] * beta[m];
            }
        }

        return eps;
    }

    /// <summary>The (k+1)² Pearson correlation matrix of y and the ratings over the rows <paramref name="pick"/> (NaN on the
    /// diagonal of a column that does not vary).</summary>
    private static double[,] Correlations(double[] rows, int n, int k, int[] pick)
    {
        int w = k + 1;
        var mean = new double[w];
        foreach (int r in pick)
        {
            for (int j = 0; j < w; j++)
            {
                mean[j] += rows[(r * w) + j];
            }
        }

        for (int j = 0; j < w; j++)
        {
            mean[j] /= pick.Length;
        }

        var cov = new double[w, w];
        foreach (int r in pick)
        {
            for (int i = 0; i < w; i++)
            {
                double di = rows[(r * w) + i] - mean[i];
                for (int j = i; j < w; j++)
                {
                    cov[i, j] += di * (rows[(r * w) + j] - mean[j]);
                }
            }
        }

        var corr = new double[w, w];
        for (int i = 0; i < w; i++)
        {
            for (int j = i; j < w; j++)
            {
                double denom = Math.Sqrt(cov[i, i] * cov[j, j]);
                corr[i, j] = corr[j, i] = denom > 0 ? cov[i, j] / denom : (i == j ? double.NaN : 0);
            }
        }

        return corr;
    }

    private static bool Degenerate(double[,] corr, int k)
    {
        for (int j = 0; j <= k; j++)
        {
            if (double.IsNaN(corr[j, j]))
            {
                return true;
            }
        }

        return false;
    }

    private static double LogFactorial(int n) => Numerics.GammaLn(n + 1);

    /// <summary>Quantile of sorted values, R's type 7 (linear interpolation), as <c>quantile()</c> and relaimpo use.</summary>
    private static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    internal static double Median(IEnumerable<double> values)
    {
        double[] v = [.. values.Order()];
        return v.Length == 0 ? 0 : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }

    internal static string Percent(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
