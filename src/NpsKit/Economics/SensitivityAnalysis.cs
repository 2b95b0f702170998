using NpsKit.Economics.Internal;

namespace NpsKit.Economics;

/// <summary>One row of a tornado chart: a money figure with one assumption moved down and up, the others held.</summary>
/// <param name="Assumption">The assumption's name, such as <c>Detractors.Retention</c>.</param>
/// <param name="BaseInput">The assumption's value in the options.</param>
/// <param name="LowInput">The lower value used.</param>
/// <param name="HighInput">The higher value used.</param>
/// <param name="BaseValue">The figure at the base options.</param>
/// <param name="LowValue">The figure with the assumption at <paramref name="LowInput"/>.</param>
/// <param name="HighValue">The figure with the assumption at <paramref name="HighInput"/>.</param>
public sealed record SensitivityRow(string Assumption, double BaseInput, double LowInput, double HighInput, Money BaseValue, Money LowValue, Money HighValue)
{
    /// <summary>Gets the width of the bar: |<see cref="HighValue"/> − <see cref="LowValue"/>|.</summary>
    public Money Swing => HighValue >= LowValue ? HighValue - LowValue : LowValue - HighValue;
}

/// <summary>
/// One-at-a-time sensitivity analysis (tornado data) of a money figure over every assumption of a
/// <see cref="CustomerValueOptions"/>.
/// </summary>
/// <remarks>
/// <para>Each assumption in turn is moved by ± a relative swing (default ±10%) while all others stay at their base
/// values, and the figure is recomputed (Saltelli et al. 2008, <i>Global Sensitivity Analysis: The Primer</i>, Wiley,
/// §1.2 on one-at-a-time designs; Clemen &amp; Reilly 2014, <i>Making Hard Decisions</i>, on tornado diagrams).
/// Rows come sorted by swing, widest first. One-at-a-time analysis ignores interactions between assumptions.</para>
/// <para>Rates stay in their valid range: a move that would leave it (a retention above 1, a margin rate above 1) or
/// make a lifetime value diverge is halved until it is valid, and the inputs actually used are reported.
/// Assumptions at zero stay at zero (a relative move of zero is zero).</para>
/// <para>All members are thread-safe when the figure function is.</para>
/// </remarks>
public static class SensitivityAnalysis
{
    /// <summary>Computes tornado data for a figure over every assumption.</summary>
    /// <param name="options">The base assumptions; valid.</param>
    /// <param name="figure">The figure as a function of a model, such as <c>m =&gt; m.PortfolioValue(mix)</c>.</param>
    /// <param name="relativeSwing">The relative move, greater than 0 and at most 1; default 0.10 (±10%).</param>
    /// <returns>One row per assumption, widest swing first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="figure"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidAssumptionsException">The base options are invalid, or the swing is out of range.</exception>
    public static IReadOnlyList<SensitivityRow> Tornado(CustomerValueOptions options, Func<CustomerValueModel, Money> figure, double relativeSwing = 0.10)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(figure);
        var check = new AssumptionCheck();
        if (!double.IsFinite(relativeSwing) || relativeSwing <= 0 || relativeSwing > 1)
        {
            check.Add($"relativeSwing is {relativeSwing}: it must be greater than 0 and at most 1, for example 0.10 for ±10%.");
        }

        check.ThrowIfAny("The sensitivity inputs", nameof(relativeSwing));
        Money baseValue = figure(CustomerValueModel.From(options));
        string currency = options.Currency;
        var rows = new List<SensitivityRow>();
        foreach ((string name, double value, Func<double, CustomerValueOptions> with) in Assumptions(options, currency))
        {
            double low = Valid(value, -relativeSwing, with);
            double high = Valid(value, relativeSwing, with);
            rows.Add(new SensitivityRow(
                name, value, low, high, baseValue, figure(CustomerValueModel.From(with(low))), figure(CustomerValueModel.From(with(high)))));
        }

        rows.Sort((a, b) => b.Swing.Amount.CompareTo(a.Swing.Amount));
        return rows;
    }

    private static double Valid(double value, double swing, Func<double, CustomerValueOptions> with)
    {
        for (int i = 0; i < 60; i++)
        {
            double candidate = value * (1 + swing);
            try
            {
                with(candidate).Validate();
                return candidate;
            }
            catch (InvalidAssumptionsException)
            {
                swing /= 2;
            }
        }

        return value;
    }

    private static IEnumerable<(string Name, double Value, Func<double, CustomerValueOptions> With)> Assumptions(CustomerValueOptions o, string currency)
    {
        yield return (nameof(o.DiscountRate), o.DiscountRate, v => o with { DiscountRate = v });
        yield return (nameof(o.GrowthRate), o.GrowthRate, v => o with { GrowthRate = v });
        yield return (nameof(o.GrossMarginRate), o.GrossMarginRate, v => o with { GrossMarginRate = v });
        yield return (nameof(o.AcquisitionCost), (double)(o.AcquisitionCost?.Amount ?? 0m), v => o with { AcquisitionCost = Money.From((decimal)v, currency) });
        yield return (nameof(o.ReplacementCost), (double)((o.ReplacementCost ?? o.AcquisitionCost)?.Amount ?? 0m), v => o with { ReplacementCost = Money.From((decimal)v, currency) });
        foreach (NpsCategory c in new[] { NpsCategory.Promoter, NpsCategory.Passive, NpsCategory.Detractor })
        {
            CategoryProfile p = o.ProfileOf(c);
            string prefix = CustomerValueOptions.Plural(c) + ".";
            yield return (prefix + nameof(p.Retention), p.Retention, v => o.WithProfile(c, p with { Retention = v }));
            yield return (prefix + nameof(p.SpendPerPeriod), (double)p.SpendPerPeriod.Amount, v => o.WithProfile(c, p with { SpendPerPeriod = Money.From((decimal)v, currency) }));
            yield return (prefix + nameof(p.CostToServePerPeriod), (double)(p.CostToServePerPeriod?.Amount ?? 0m), v => o.WithProfile(c, p with { CostToServePerPeriod = Money.From((decimal)v, currency) }));
            yield return (prefix + nameof(p.WordOfMouthValue), (double)(p.WordOfMouthValue?.Amount ?? 0m), v => o.WithProfile(c, p with { WordOfMouthValue = Money.From((decimal)v, currency) }));
        }
    }
}
