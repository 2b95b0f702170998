namespace NpsKit.Statistics;

/// <summary>The test statistic used by <see cref="NpsTest"/>.</summary>
public enum NpsTestMethod
{
    /// <summary>
    /// Wald test after adding the pseudo-counts 0.75/1.5/0.75 to each group (Rocks 2016). The default for
    /// <see cref="NpsTest.Compare(NpsTally, NpsTally)"/>: it keeps a sensible standard error when a group has all its
    /// answers in one category.
    /// </summary>
    AdjustedWald = 0,

    /// <summary>The plain Wald test with the estimated variance of each group.</summary>
    Wald = 1,

    /// <summary>
    /// Tango's (1998) score test, with the variance estimated under the null hypothesis. One-sample tests against a
    /// target only (<see cref="NpsTest.AgainstTarget"/>).
    /// </summary>
    Score = 2,
}
