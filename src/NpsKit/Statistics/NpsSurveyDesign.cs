using System.Globalization;
using NpsKit.Internal;
using NpsKit.Statistics.Internal;

namespace NpsKit.Statistics;

/// <summary>
/// A weighted NPS from a complex survey design — strata, clusters (primary sampling units, PSUs) and weights — with
/// its design-based standard error, design effect and intervals.
/// </summary>
/// <remarks>
/// <para>The design is one-stage with PSUs drawn with replacement within strata (no finite-population correction),
/// exactly R's <c>survey::svydesign(ids = ~cluster, strata = ~stratum, weights = ~w, nest = TRUE)</c> (Lumley 2010,
/// <i>Complex Surveys: A Guide to Analysis Using R</i>, Wiley, ch. 2–3). Cluster ids are nested in strata: cluster
/// "C1" of stratum "North" and "C1" of "South" are two PSUs. Without clusters every respondent is its own PSU
/// (<c>ids = ~1</c>); without strata there is one stratum.</para>
/// <para>The weighted NPS is the ratio estimator R̂ = Σwᵢyᵢ / Σwᵢ with yᵢ = +1, 0, −1 (promoter, passive, detractor),
/// i.e. the weighted promoter share minus the weighted detractor share. Its Taylor-linearization variance (Woodruff
/// 1971, <i>JASA</i> 66:411–414; Wolter 2007, <i>Introduction to Variance Estimation</i>, 2nd ed., Springer)
/// uses the linearized values zᵢ = wᵢ(yᵢ − R̂)/Σw: with z_hc the total of PSU c in stratum h and n_h the number of
/// PSUs of stratum h, Var(R̂) = Σ_h n_h/(n_h − 1) · Σ_c (z_hc − z̄_h)² — the with-replacement estimator of R's
/// <c>svymean</c>/<c>svyrecvar</c>. It is the variance of the difference of the two weighted proportions taken
/// jointly (their covariance included), since R̂ is their difference.</para>
/// <para>The design effect (Kish 1965, <i>Survey Sampling</i>, Wiley, §8.2) is Var(R̂) divided by the variance of a
/// simple random sample of the same n drawn with replacement, s²/n with s² = n/(n − 1) · Σwᵢ(yᵢ − R̂)²/Σw
/// (R: <c>svymean(…, deff = "replace")</c>; this choice does not depend on the scale of the weights, which the
/// without-replacement <c>deff = TRUE</c> does through N = Σw).</para>
/// <para>One variance serves every interval and test: Wald is R̂ ± z·SE (<c>confint(svymean(…))</c>); the other
/// methods use the design-effective counts n*·(shares) with n* = V_w / Var(R̂), V_w = p_w + d_w − (p_w − d_w)²
/// (Korn &amp; Graubard 1998, <i>Survey Methodology</i> 24:193–201), as <see cref="WeightedNpsTally"/> does. A
/// stratum with a single PSU has no variance estimate: it is refused (R's default <c>survey.lonely.psu = "fail"</c>)
/// with the stratum named — merge it with a similar stratum.</para>
/// <para>Every statistic is invariant to scaling all weights by one factor (sums are kept rescaled by powers of two).
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class NpsSurveyDesign
{
    private readonly Stratum[] _strata;

    private NpsSurveyDesign(Stratum[] strata, bool hasStrata, bool hasClusters)
    {
        _strata = strata;
        HasStrata = hasStrata;
        HasClusters = hasClusters;
        WeightedNpsTally total = default;
        long psus = 0;
        foreach (Stratum stratum in strata)
        {
            total += stratum.Total;
            psus += stratum.PsuCount;
        }

        Tally = total;
        PrimarySamplingUnits = psus;
    }

    /// <summary>Gets the weighted tally of all respondents (the design ignored): its score is the design's score.</summary>
    public WeightedNpsTally Tally { get; }

    /// <summary>Gets a value indicating whether the design has strata (otherwise it is one stratum).</summary>
    public bool HasStrata { get; }

    /// <summary>Gets a value indicating whether the design has clusters (otherwise every respondent is its own PSU).</summary>
    public bool HasClusters { get; }

    /// <summary>Gets the number of strata (1 without strata).</summary>
    public int StratumCount => _strata.Length;

    /// <summary>Gets the number of primary sampling units: clusters, or respondents when there are no clusters.</summary>
    public long PrimarySamplingUnits { get; }

    /// <summary>Gets the design degrees of freedom, PSUs − strata (Korn &amp; Graubard 1998), as R's <c>degf(design)</c>.</summary>
    public long DegreesOfFreedom => PrimarySamplingUnits - StratumCount;

    /// <summary>Gets the weighted NPS, 100 × (Σw promoters − Σw detractors) / Σw.</summary>
    public double Score => Tally.Score;

    /// <summary>Gets the design-based (linearization) standard error of the weighted NPS, in NPS points — the SE of
    /// R's <c>svymean</c> on this design, × 100.</summary>
    /// <exception cref="InvalidOperationException">A stratum has a single PSU.</exception>
    public double StandardError => 100 * Math.Sqrt(LinearizedVariance());

    /// <summary>Gets the design-based variance of the weighted NPS, <see cref="StandardError"/>², in squared points.</summary>
    /// <exception cref="InvalidOperationException">A stratum has a single PSU.</exception>
    public double Variance => 10_000 * LinearizedVariance();

    /// <summary>
    /// Gets the design effect: the design variance over the variance of a simple random sample of the same n with
    /// replacement (R's <c>deff(svymean(…, deff = "replace"))</c>). NaN when the answers have no spread (all in one
    /// category), where the ratio is 0/0.
    /// </summary>
    /// <exception cref="InvalidOperationException">A stratum has a single PSU, or there is only one respondent.</exception>
    public double DesignEffect
    {
        get
        {
            long n = Tally.Count;
            if (n < 2)
            {
                ThrowHelper.TooFewAnswers(n, 2, "design effect");
            }

            double unit = Tally.UnitVariance / 10_000;
            double srs = unit / (n - 1);
            double v = LinearizedVariance();
            return srs > 0 ? v / srs : double.NaN;
        }
    }

    /// <summary>
    /// Gets the design-effective sample size n* = V_w / Var(R̂) (Korn &amp; Graubard 1998): the size of a simple random
    /// sample whose NPS would be as precise. The interval methods other than Wald use n* times the weighted shares.
    /// Kish's effective n when the variance is 0.
    /// </summary>
    /// <exception cref="InvalidOperationException">A stratum has a single PSU.</exception>
    public double DesignEffectiveSampleSize
    {
        get
        {
            double unit = Tally.UnitVariance / 10_000;
            double v = LinearizedVariance();
            return unit > 0 && v > 0 ? unit / v : Tally.EffectiveSampleSize;
        }
    }

    /// <summary>Makes a design from respondent-level data.</summary>
    /// <param name="scores">The answers, each 0..10.</param>
    /// <param name="weights">One weight per answer, finite and greater than zero.</param>
    /// <param name="strata">One stratum id per answer, or <see langword="null"/> for an unstratified design.</param>
    /// <param name="clusters">One cluster (PSU) id per answer, nested in its stratum, or <see langword="null"/> when every
    /// respondent is its own PSU.</param>
    /// <returns>The design.</returns>
    /// <exception cref="ArgumentException">The lengths differ, there are no answers, or a stratum or cluster id is null
    /// or empty (the message names the row).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score or weight is invalid (the message names the row).</exception>
    public static NpsSurveyDesign FromResponses(
        ReadOnlySpan<int> scores,
        ReadOnlySpan<double> weights,
        IReadOnlyList<string?>? strata = null,
        IReadOnlyList<string?>? clusters = null)
    {
        if (weights.Length != scores.Length)
        {
            ThrowHelper.LengthMismatch(nameof(scores), scores.Length, nameof(weights), weights.Length, nameof(weights));
        }

        if (strata is not null && strata.Count != scores.Length)
        {
            ThrowHelper.LengthMismatch(nameof(scores), scores.Length, nameof(strata), strata.Count, nameof(strata));
        }

        if (clusters is not null && clusters.Count != scores.Length)
        {
            ThrowHelper.LengthMismatch(nameof(scores), scores.Length, nameof(clusters), clusters.Count, nameof(clusters));
        }

        var units = new Dictionary<(string Stratum, string Cluster), WeightedNpsTally>();
        var order = new List<(string Stratum, string Cluster)>();
        for (int i = 0; i < scores.Length; i++)
        {
            if (!Nps.IsValidScore(scores[i]))
            {
                ThrowHelper.ScoreOutOfRangeAt(scores[i], i, nameof(scores));
            }

            if (!WeightedNpsTally.IsValidWeight(weights[i]))
            {
                ThrowHelper.InvalidWeight(weights[i], i, nameof(weights));
            }

            string stratum = strata is null ? string.Empty : RequireId(strata[i], i, "stratum", nameof(strata));
            string cluster = clusters is null ? string.Empty : RequireId(clusters[i], i, "cluster", nameof(clusters));
            var key = (stratum, cluster);
            if (!units.TryGetValue(key, out WeightedNpsTally tally))
            {
                order.Add(key);
            }

            units[key] = tally.AddResponse(scores[i], weights[i]);
        }

        return Build(order.Select(k => (k.Stratum, k.Cluster, units[k])), strata is not null, clusters is not null, nameof(scores));
    }

    /// <summary>
    /// Makes a clustered design from one weighted tally per PSU — what a database returns for
    /// <c>GROUP BY stratum, cluster, score</c> with <c>COUNT(*), SUM(w), SUM(w*w)</c>.
    /// </summary>
    /// <param name="clusters">Per PSU: its stratum (<see langword="null"/> for an unstratified design; then every row's
    /// must be), its cluster id (nested in the stratum), and its weighted tally. Each (stratum, cluster) at most once.</param>
    /// <returns>The design.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clusters"/> is null.</exception>
    /// <exception cref="ArgumentException">No PSU has answers, a PSU appears twice, an id is empty, or some rows have a
    /// stratum and others not (the message names the row).</exception>
    public static NpsSurveyDesign FromClusters(IEnumerable<(string? Stratum, string Cluster, WeightedNpsTally Tally)> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var seen = new HashSet<(string, string)>();
        var rows = new List<(string, string, WeightedNpsTally)>();
        bool? stratified = null;
        int row = 0;
        foreach ((string? stratum, string cluster, WeightedNpsTally tally) in clusters)
        {
            bool has = stratum is not null;
            stratified ??= has;
            if (stratified != has)
            {
                ThrowHelper.Argument(
                    string.Create(CultureInfo.InvariantCulture, $"PSU {row} {(has ? "has" : "has no")} stratum but the ones before it {(has ? "had none" : "had one")}: give a stratum on every row or on none."),
                    nameof(clusters));
            }

            string s = stratum is null ? string.Empty : RequireId(stratum, row, "stratum", nameof(clusters));
            string c = RequireId(cluster, row, "cluster", nameof(clusters));
            if (!seen.Add((s, c)))
            {
                ThrowHelper.Argument(
                    string.Create(CultureInfo.InvariantCulture, $"PSU {row} repeats cluster \"{c}\"{(stratum is null ? string.Empty : $" of stratum \"{s}\"")}: each PSU must appear once (merge its tallies with +)."),
                    nameof(clusters));
            }

            if (tally.HasScore)
            {
                rows.Add((s, c, tally));
            }

            row++;
        }

        return Build(rows, stratified == true, true, nameof(clusters));
    }

    /// <summary>Computes a confidence interval for the weighted NPS with the design variance.</summary>
    /// <param name="level">The confidence level, strictly between 0 and 1. Default 0.95.</param>
    /// <param name="method">Any method but <see cref="NpsIntervalMethod.Bootstrap"/>. Default <see cref="NpsIntervalMethod.AdjustedWald"/>.</param>
    /// <returns>The interval on the −100..100 scale.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level or method is not allowed.</exception>
    /// <exception cref="InvalidOperationException">A stratum has a single PSU.</exception>
    public NpsInterval ConfidenceInterval(double level = 0.95, NpsIntervalMethod method = default)
    {
        NpsTally.RequireLevel(level, nameof(level));
        return ConfidenceInterval(NpsIntervalOptions.For(level, method));
    }

    /// <summary>Computes a confidence interval with every setting given by <paramref name="options"/>; see the
    /// remarks of <see cref="NpsSurveyDesign"/> for how the design variance enters each method.</summary>
    /// <param name="options">The level, method and method parameters; not the bootstrap.</param>
    /// <returns>The interval on the −100..100 scale.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid or ask for the bootstrap.</exception>
    /// <exception cref="InvalidOperationException">A stratum has a single PSU.</exception>
    public NpsInterval ConfidenceInterval(NpsIntervalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        double se = Math.Sqrt(LinearizedVariance());
        double n = DesignEffectiveSampleSize;
        var counts = new Trinomial(
            n * Tally.PromoterShare,
            n * Tally.PassiveShare,
            n * Tally.DetractorShare);
        (double lower, double upper) = IntervalEngine.Compute(counts, options, null, se);
        return new NpsInterval(100 * lower, 100 * upper, options.Level, options.Method);
    }

    /// <summary>Describes the design's estimate in invariant culture, e.g.
    /// <c>weighted NPS +19.4 (SE 17.90, deff 10.49; n = 175 in 20 PSUs, 4 strata)</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString()
    {
        string spread;
        try
        {
            spread = string.Create(CultureInfo.InvariantCulture, $"SE {StandardError:0.00}, deff {DesignEffect:0.00}");
        }
        catch (InvalidOperationException)
        {
            spread = "SE not computable";
        }

        return string.Create(CultureInfo.InvariantCulture, $"weighted NPS {Score:+0.0;-0.0;0.0} ({spread}; n = {Tally.Count} in {PrimarySamplingUnits} PSUs, {StratumCount} strata)");
    }

    /// <summary>Var(R̂) on the −1..1 scale.</summary>
    private double LinearizedVariance()
    {
        // Every PSU's sums are brought to the total's exponent (exact powers of two): the result does not depend on
        // the scale of the weights, and Σw² cannot overflow.
        int exponent = Tally.Exponent;
        double total = Tally.WeightOf(NpsCategory.Promoter, exponent) + Tally.WeightOf(NpsCategory.Passive, exponent) + Tally.WeightOf(NpsCategory.Detractor, exponent);
        double estimate = (Tally.WeightOf(NpsCategory.Promoter, exponent) - Tally.WeightOf(NpsCategory.Detractor, exponent)) / total;
        double ep = 1 - estimate, em = -estimate, ed = -1 - estimate;
        double sum = 0;
        foreach (Stratum stratum in _strata)
        {
            if (stratum.PsuCount < 2)
            {
                throw new InvalidOperationException(stratum.Name.Length == 0
                    ? "The design has a single PSU: a with-replacement variance needs at least two."
                    : string.Create(CultureInfo.InvariantCulture, $"Stratum \"{stratum.Name}\" has a single PSU, so its variance cannot be estimated (R's survey.lonely.psu = \"fail\"): merge it with a similar stratum."));
            }

            double h = stratum.PsuCount;
            double sumE = 0;
            double sumE2 = 0;
            if (stratum.Clusters is { } clusters)
            {
                foreach (WeightedNpsTally psu in clusters)
                {
                    double e = (psu.WeightOf(NpsCategory.Promoter, exponent) * ep) + (psu.WeightOf(NpsCategory.Passive, exponent) * em) + (psu.WeightOf(NpsCategory.Detractor, exponent) * ed);
                    sumE += e;
                    sumE2 += e * e;
                }

                double mean = sumE / h;
                double squares = 0;
                foreach (WeightedNpsTally psu in clusters)
                {
                    double e = (psu.WeightOf(NpsCategory.Promoter, exponent) * ep) + (psu.WeightOf(NpsCategory.Passive, exponent) * em) + (psu.WeightOf(NpsCategory.Detractor, exponent) * ed) - mean;
                    squares += e * e;
                }

                sum += h / (h - 1) * squares;
            }
            else
            {
                // Every respondent a PSU: Σ(eᵢ − ē)² = Σeᵢ² − (Σeᵢ)²/n_h from the stratum's per-category sums.
                WeightedNpsTally t = stratum.Total;
                sumE = (t.WeightOf(NpsCategory.Promoter, exponent) * ep) + (t.WeightOf(NpsCategory.Passive, exponent) * em) + (t.WeightOf(NpsCategory.Detractor, exponent) * ed);
                sumE2 = (t.SquaredWeightOf(NpsCategory.Promoter, exponent) * ep * ep) + (t.SquaredWeightOf(NpsCategory.Passive, exponent) * em * em) + (t.SquaredWeightOf(NpsCategory.Detractor, exponent) * ed * ed);
                sum += h / (h - 1) * Math.Max(0, sumE2 - (sumE * sumE / h));
            }
        }

        return sum / (total * total);
    }

    private static NpsSurveyDesign Build(IEnumerable<(string Stratum, string Cluster, WeightedNpsTally Tally)> units, bool hasStrata, bool hasClusters, string paramName)
    {
        var byStratum = new Dictionary<string, List<WeightedNpsTally>>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach ((string stratum, _, WeightedNpsTally tally) in units)
        {
            if (!byStratum.TryGetValue(stratum, out List<WeightedNpsTally>? list))
            {
                list = [];
                byStratum.Add(stratum, list);
                names.Add(stratum);
            }

            list.Add(tally);
        }

        if (names.Count == 0)
        {
            ThrowHelper.Argument("The design has no answers.", paramName);
        }

        Stratum[] strata = [.. names.Select(name =>
        {
            List<WeightedNpsTally> list = byStratum[name];
            WeightedNpsTally total = default;
            foreach (WeightedNpsTally t in list)
            {
                total += t;
            }

            return hasClusters ? new Stratum(name, total, [.. list], list.Count) : new Stratum(name, total, null, total.Count);
        })];
        return new NpsSurveyDesign(strata, hasStrata, hasClusters);
    }

    private static string RequireId(string? id, int row, string what, string paramName)
    {
        if (string.IsNullOrEmpty(id))
        {
            ThrowHelper.Argument(string.Create(CultureInfo.InvariantCulture, $"Row {row} has no {what} id (null or empty): every row needs one."), paramName);
        }

        return id!;
    }

    /// <summary>One stratum: its total, its PSUs' tallies (null when every respondent is a PSU) and the PSU count.</summary>
    private sealed record Stratum(string Name, WeightedNpsTally Total, WeightedNpsTally[]? Clusters, long PsuCount);
}
