namespace NpsKit;

/// <summary>How <see cref="NpsTally.ConfidenceInterval(double, NpsIntervalMethod)"/> computes a confidence interval for the NPS.</summary>
/// <remarks>
/// Each answer is coded +1 (promoter), 0 (passive) or −1 (detractor) and the NPS is their mean; the methods differ in
/// how they treat that trinomial mean. docs/statistics.md compares their exact coverage and width.
/// </remarks>
public enum NpsIntervalMethod
{
    /// <summary>
    /// The default. Adds pseudo-counts (¾ promoter, 1½ passives, ¾ detractor; n + 3) and then applies the Wald formula,
    /// clipped to the scale (Rocks 2016, <i>The American Statistician</i> 70:365–372). The best coverage for its width
    /// in the literature; at tiny n it may exclude a raw score of ±100.
    /// </summary>
    AdjustedWald = 0,

    /// <summary>
    /// The plain normal interval NPS ± z·√(V/n). Offered for parity with other tools; it under-covers at small n and
    /// has zero width when all answers fall in one category. Never the default.
    /// </summary>
    Wald = 1,

    /// <summary>
    /// The score interval for a paired difference of proportions (Tango 1998, <i>Statistics in Medicine</i> 17:891–908),
    /// found by root finding: always inside the scale and always contains the estimate.
    /// </summary>
    Score = 2,

    /// <summary>
    /// The equal-tailed credible interval of θP − θD under a Dirichlet(a, a, a) prior (Jeffreys a = ½ by default),
    /// computed exactly by one-dimensional quadrature (to about 1e−9 on the −1..1 scale), or by seeded Monte Carlo on
    /// request. Above 10⁷ answers the posterior is normal to O(1/√n) and the Cornish–Fisher quantile (error below
    /// 1e−9) replaces the quadrature.
    /// </summary>
    Bayesian = 3,

    /// <summary>The percentile interval of seeded multinomial bootstrap resamples of the tally (Efron &amp; Tibshirani 1993).</summary>
    Bootstrap = 4,

    /// <summary>
    /// Guaranteed coverage: never below the nominal level, at any n and any true shares. Up to 100 answers, the exact
    /// unconditional interval: the δ = θP − θD not rejected by two one-sided exact tests over the whole trinomial,
    /// ordered by Tango's score statistic, with the nuisance share maximised out (the exact unconditional construction
    /// of Chan &amp; Zhang 1999, <i>Biometrics</i> 55:1202–1209, applied to the trinomial) — about 20 % narrower than the Bonferroni construction at n = 10. From 101 answers to 10⁶ (and for the non-integer
    /// design-effective counts of weighted tallies) the Clopper–Pearson (1934, <i>Biometrika</i> 26:404–413) intervals
    /// of the promoter and detractor shares, each at level 1 − α/2, combined by Bonferroni's inequality into
    /// [p_L − d_U, p_U − d_L] — also guaranteed, but wider. Both verified by exact enumeration on a grid of shares down
    /// to 1 % (docs/statistics.md has the measured coverage and widths). Above 10⁶ answers the Score interval is
    /// returned (the difference is then a small fraction of a point). Bounds are rounded outwards.
    /// </summary>
    Exact = 5,
}
