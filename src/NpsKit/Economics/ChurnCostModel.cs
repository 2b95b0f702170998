using NpsKit.Economics.Internal;

namespace NpsKit.Economics;

/// <summary>One group of customers in a churn-cost estimate: how many, how likely to leave, and what each is worth.</summary>
/// <param name="Name">A label for the group, such as <c>Detractors</c>.</param>
/// <param name="Customers">The number of customers, zero or more.</param>
/// <param name="ChurnProbability">The chance one leaves within <paramref name="Period"/>, from 0 to 1.</param>
/// <param name="Period">The period the churn probability refers to.</param>
/// <param name="ValuePerCustomer">The value lost when one leaves (its remaining lifetime value); any sign.</param>
/// <param name="ReplacementCostPerCustomer">The cost of acquiring a replacement, zero or more.</param>
public sealed record ChurnSegment(string Name, double Customers, double ChurnProbability, RatePeriod Period, Money ValuePerCustomer, Money ReplacementCostPerCustomer);

/// <summary>The churn cost of one segment.</summary>
/// <param name="Name">The segment's label.</param>
/// <param name="ExpectedChurners">Customers × churn probability.</param>
/// <param name="LostValue">Expected churners × value per customer.</param>
/// <param name="ReplacementCost">Expected churners × replacement cost per customer.</param>
public sealed record ChurnCostLine(string Name, double ExpectedChurners, Money LostValue, Money ReplacementCost)
{
    /// <summary>Gets <see cref="LostValue"/> + <see cref="ReplacementCost"/>.</summary>
    public Money Total => LostValue + ReplacementCost;
}

/// <summary>An expected churn cost over one period, by segment and in total.</summary>
/// <param name="Period">The period the churn probabilities refer to: the cost is per this period.</param>
/// <param name="Lines">One line per segment, in the order given.</param>
/// <param name="ExpectedChurners">The expected number of customers lost.</param>
/// <param name="LostValue">The value lost with them.</param>
/// <param name="ReplacementCost">The cost of replacing them.</param>
public sealed record ChurnCostBreakdown(RatePeriod Period, IReadOnlyList<ChurnCostLine> Lines, double ExpectedChurners, Money LostValue, Money ReplacementCost)
{
    /// <summary>Gets the expected churn cost: <see cref="LostValue"/> + <see cref="ReplacementCost"/>.</summary>
    public Money Total => LostValue + ReplacementCost;
}

/// <summary>
/// The expected cost of churn: Σ over segments of customers × churn probability × value per customer, plus the
/// replacement (acquisition) cost of each churned customer.
/// </summary>
/// <remarks>
/// <para>Expected loss = Σ<sub>s</sub> N<sub>s</sub> q<sub>s</sub> (V<sub>s</sub> + C<sub>s</sub>), with N customers,
/// churn probability q per period, remaining lifetime value V (Gupta &amp; Lehmann 2003, "Customers as assets",
/// <i>Journal of Interactive Marketing</i> 17(1)) and replacement cost C. The churn-cost framing follows
/// Reichheld &amp; Sasser (1990), "Zero defections: quality comes to services", <i>Harvard Business Review</i> 68(5).</para>
/// <para>Example inputs: UK mobile operators lose from 14% (the best) to 34.8% of their customers a year, and
/// replacing one costs about 162.3 USD (figures as quoted in NpsKit issue #6; see docs/economics.md). A base of
/// 1,000,000 customers then costs 22,722,000 USD a year in replacement alone at 14% churn, and 56,480,400 USD at 34.8%.</para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class ChurnCostModel
{
    /// <summary>Estimates the expected churn cost of some customer segments over one period.</summary>
    /// <param name="segments">The segments; at least one, all in one currency and one period.</param>
    /// <returns>The cost by segment and in total.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> or a segment is <see langword="null"/>.</exception>
    /// <exception cref="InvalidAssumptionsException">A segment has a negative or non-finite customer count, a churn
    /// probability outside [0, 1], a negative replacement cost, or segments mix currencies or periods; all problems are listed.</exception>
    /// <example><code>
    /// var uk = ChurnCostModel.Estimate([new ChurnSegment("Best UK operator", 1_000_000, 0.14, RatePeriod.Year,
    ///     Money.Zero("USD"), Money.From(162.3m, "USD"))]);   // Total = USD 22,722,000
    /// </code></example>
    public static ChurnCostBreakdown Estimate(IEnumerable<ChurnSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ChurnSegment[] list = segments.ToArray();
        var check = new AssumptionCheck();
        if (list.Length == 0)
        {
            check.Add($"No segments were given: give at least one ChurnSegment.");
        }

        RatePeriod? period = null;
        for (int i = 0; i < list.Length; i++)
        {
            ChurnSegment? s = list[i];
            if (s is null)
            {
                check.Add($"Segment {i} is null.");
                continue;
            }

            string name = $"Segment {i} ('{s.Name}')";
            check.Count(s.Customers, $"{name} Customers");
            check.Probability(s.ChurnProbability, $"{name} ChurnProbability");
            check.Period(s.Period, $"{name} Period");
            check.Currency(s.ValuePerCustomer, $"{name} ValuePerCustomer");
            check.Currency(s.ReplacementCostPerCustomer, $"{name} ReplacementCostPerCustomer");
            check.NonNegative((double)s.ReplacementCostPerCustomer.Amount, $"{name} ReplacementCostPerCustomer");
            if (period is null)
            {
                period = s.Period;
            }
            else if (period != s.Period)
            {
                check.Add($"{name} is per {s.Period} but segment 0 is per {period}: convert churn to one period with RateConversion.ConvertChurn first.");
            }
        }

        check.ThrowIfAny("The churn segments", nameof(segments));
        return Compute(list, period!.Value);
    }

    internal static ChurnCostBreakdown Compute(IReadOnlyList<ChurnSegment> segments, RatePeriod period)
    {
        var lines = new ChurnCostLine[segments.Count];
        string currency = segments[0].ValuePerCustomer.Currency;
        Money lost = Money.Zero(currency), replace = Money.Zero(currency);
        double churners = 0;
        for (int i = 0; i < segments.Count; i++)
        {
            ChurnSegment s = segments[i];
            double expected = s.Customers * s.ChurnProbability;
            decimal n = (decimal)s.Customers * (decimal)s.ChurnProbability;
            var line = new ChurnCostLine(s.Name, expected, s.ValuePerCustomer * n, s.ReplacementCostPerCustomer * n);
            lines[i] = line;
            lost += line.LostValue;
            replace += line.ReplacementCost;
            churners += expected;
        }

        return new ChurnCostBreakdown(period, lines, churners, lost, replace);
    }
}
