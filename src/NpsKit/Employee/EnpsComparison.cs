namespace NpsKit.Employee;

/// <summary>A shown eNPS cell compared with a baseline: the same cell in an earlier round, or the customer NPS of the same
/// period.</summary>
/// <param name="CellKey">The key of the compared cell.</param>
/// <param name="Baseline">The baseline tally (earlier round, or customer NPS).</param>
/// <param name="Current">The current tally.</param>
/// <remarks>
/// <para>Both tallies are published figures (a comparison is only made when both cells are shown), so a comparison
/// reveals nothing the two reports do not. Significance (standard error, z, p, interval) comes from
/// <c>NpsTest.Compare(Baseline, Current)</c> in the statistics area.</para>
/// <para>An immutable value; thread-safe.</para>
/// </remarks>
public sealed record EnpsComparison(string CellKey, NpsTally Baseline, NpsTally Current)
{
    /// <summary>Gets the change in points, current minus baseline, from −200 to +200.</summary>
    public double Difference => Current.Score - Baseline.Score;
}
