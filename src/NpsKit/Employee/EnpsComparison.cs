namespace NpsKit.Employee;

/// <summary>A shown eNPS cell compared with a baseline: the same cell in an earlier round, or the customer NPS of the same
/// period.</summary>
/// <param name="CellKey">The key of the compared cell.</param>
/// <param name="Baseline">The baseline tally (earlier round, or customer NPS).</param>
/// <param name="Current">The current tally.</param>
/// <remarks>
/// <para>Both tallies are published figures (a comparison is only made when both cells are shown), so a comparison
/// reveals nothing the two reports do not. <see cref="Compare()"/> gives the significance (standard error, z, p, interval)
/// with <see cref="NpsTest.Compare(NpsTally, NpsTally)"/>.</para>
/// <para>An immutable value; thread-safe.</para>
/// </remarks>
public sealed record EnpsComparison(string CellKey, NpsTally Baseline, NpsTally Current)
{
    /// <summary>Gets the change in points, current minus baseline, from −200 to +200.</summary>
    public double Difference => Current.Score - Baseline.Score;

    /// <summary>Tests the difference: <see cref="NpsTest.Compare(NpsTally, NpsTally)"/> of <see cref="Baseline"/> and
    /// <see cref="Current"/> (adjusted Wald, 95 %).</summary>
    /// <returns>The comparison with signed difference, standard error, z, two-sided p and interval.</returns>
    public NpsComparison Compare() => NpsTest.Compare(Baseline, Current);

    /// <summary>Tests the difference at another level or with another method.</summary>
    /// <param name="level">The confidence level of the interval, in (0, 1).</param>
    /// <param name="method">The test method.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside (0, 1).</exception>
    public NpsComparison Compare(double level, Statistics.NpsTestMethod method = Statistics.NpsTestMethod.AdjustedWald) =>
        NpsTest.Compare(Baseline, Current, level, method);
}
