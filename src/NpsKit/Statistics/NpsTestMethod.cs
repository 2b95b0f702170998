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
    /// Score tests, with the variance estimated under the null hypothesis: Tango's (1998) test against a target
    /// (<see cref="NpsTest.AgainstTarget"/>, the default there); for two samples
    /// (<see cref="NpsTest.Compare(NpsTally, NpsTally, double, NpsTestMethod)"/>) the pooled-variance test of equal
    /// distributions with Newcombe's (1998) MOVER interval of the difference built from the two Tango intervals.
    /// </summary>
    Score = 2,
}
