namespace NpsKit.Statistics;

/// <summary>
/// How p-values of a family of tests (the cells of a segment table, the change column of a trend, the entries of a
/// ranking) are adjusted so that "significant" keeps its meaning across the whole family.
/// </summary>
public enum PValueAdjustment
{
    /// <summary>
    /// Holm's (1979) step-down procedure: controls the family-wise error rate (the chance of any false flag) at the
    /// chosen level under any dependence between the tests. Uniformly more powerful than Bonferroni. The default.
    /// Equivalent to R's <c>p.adjust(p, "holm")</c>.
    /// </summary>
    Holm = 0,

    /// <summary>
    /// Benjamini and Hochberg's (1995) step-up procedure: controls the false discovery rate (the expected share of
    /// false flags among the flags) for independent or positively dependent tests. More flags than
    /// <see cref="Holm"/>, with a weaker promise. Equivalent to R's <c>p.adjust(p, "BH")</c>.
    /// </summary>
    BenjaminiHochberg = 1,

    /// <summary>
    /// No adjustment: each p-value is used as it is, and a family of m tests at level α flags about α·m cells when
    /// nothing changed. An explicit opt-out; equivalent to R's <c>p.adjust(p, "none")</c>.
    /// </summary>
    None = 2,
}

/// <summary>
/// Multiple-comparison adjustment of p-values (Holm 1979; Benjamini &amp; Hochberg 1995). Stateless and thread-safe.
/// </summary>
/// <remarks>
/// A cell is significant at level α after adjustment when its adjusted p-value is ≤ α; the adjusted p-value is the
/// smallest family-wise (Holm) or false-discovery (Benjamini–Hochberg) level at which that cell would be flagged.
/// Adjusted p-values are never below the raw ones, never above 1, and keep the order of the raw ones.
/// </remarks>
public static class MultipleComparisons
{
    /// <summary>
    /// Adjusts the p-values of one family of tests.
    /// </summary>
    /// <remarks>
    /// With the raw p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎:
    /// <list type="bullet">
    /// <item><description>Holm (1979): p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎).</description></item>
    /// <item><description>Benjamini–Hochberg (1995): p̃₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎ / j).</description></item>
    /// </list>
    /// Ties get equal adjusted values whatever their order. An entry that is <see cref="double.NaN"/> is a test that
    /// could not be computed (a zero standard error, say): it is left out of the
    /// family — m counts only the other entries — and stays NaN in the result, as R's <c>p.adjust</c> treats NA.
    /// The results equal R's <c>p.adjust(p, method)</c> for "holm", "BH" and "none".
    /// </remarks>
    /// <param name="pValues">The raw p-values, each in [0, 1] or NaN for a test that could not be computed.</param>
    /// <param name="method">The adjustment; <see cref="PValueAdjustment.Holm"/> by default.</param>
    /// <returns>A new array, in the order of <paramref name="pValues"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is outside [0, 1] (the message names its index), or
    /// <paramref name="method"/> is not a defined value.</exception>
    public static double[] Adjust(ReadOnlySpan<double> pValues, PValueAdjustment method = PValueAdjustment.Holm)
    {
        if (method is not (PValueAdjustment.Holm or PValueAdjustment.BenjaminiHochberg or PValueAdjustment.None))
        {
            throw new ArgumentOutOfRangeException(
                nameof(method), method, "Allowed: Holm, BenjaminiHochberg or None.");
        }

        var result = new double[pValues.Length];
        int m = 0;
        for (int i = 0; i < pValues.Length; i++)
        {
            double p = pValues[i];
            if (double.IsNaN(p))
            {
                continue;
            }

            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(pValues),
                    p,
                    $"The p-value at index {i} is {p}; p-values must lie in [0, 1] (NaN marks a test that could not be computed).");
            }

            m++;
        }

        if (method == PValueAdjustment.None)
        {
            pValues.CopyTo(result);
            return result;
        }

        // Indices of the tested entries, sorted by p ascending. Ties end with equal adjusted values, so the sort's
        // instability cannot change the result.
        var order = new int[m];
        var sorted = new double[m];
        for (int i = 0, k = 0; i < pValues.Length; i++)
        {
            if (!double.IsNaN(pValues[i]))
            {
                order[k] = i;
                sorted[k] = pValues[i];
                k++;
            }
            else
            {
                result[i] = double.NaN;
            }
        }

        Array.Sort(sorted, order);
        if (method == PValueAdjustment.Holm)
        {
            double running = 0;
            for (int k = 0; k < m; k++)
            {
                running = Math.Max(running, Math.Min(1, (m - k) * sorted[k]));
                result[order[k]] = running;
            }
        }
        else
        {
            double running = 1;
            for (int k = m - 1; k >= 0; k--)
            {
                // m·p / j ≥ p exactly, but m·p / j can round below p when j = m: never let it.
                double step = Math.Max(sorted[k], m * sorted[k] / (k + 1));
                running = Math.Min(running, Math.Min(1, step));
                result[order[k]] = running;
            }
        }

        return result;
    }
}
