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

/// <summary>
/// How a churn cost counts a churned customer: the value lost with it, the cost of replacing it, the lesser of the
/// two, or — only when chosen by name — both.
/// </summary>
/// <remarks>
/// <para>A churner either is replaced or is not. If it is not, the firm loses its remaining lifetime value V (Gupta &amp;
/// Lehmann 2003, "Customers as assets", <i>Journal of Interactive Marketing</i> 17(1)). If it is, the firm pays the
/// replacement (acquisition) cost C and the new customer brings back the value stream — the customer-equity view of
/// acquisition and retention as two ways to the same value (Blattberg &amp; Deighton 1996, "Manage marketing by the
/// customer equity test", <i>Harvard Business Review</i> 74(4); Blattberg, Getz &amp; Thomas 2001, <i>Customer
/// Equity</i>, Harvard Business School Press). Adding V and C for the same churner counts it twice: once as lost and
/// once as replaced. That sum is offered only as <see cref="LostValuePlusReplacement"/>, for a user who means it (for
/// example when the replacement is bought only to keep the base's size and is assumed to bring no value).</para>
/// </remarks>
public enum ChurnCostMethod
{
    /// <summary>The churner is not replaced: cost = V, the remaining lifetime value lost (the default).</summary>
    LostValue = 0,

    /// <summary>The churner is replaced by an equivalent customer: cost = C, the replacement cost (Reichheld &amp; Sasser's
    /// "cost of a defection" in acquisition terms).</summary>
    ReplacementCost = 1,

    /// <summary>The firm replaces a churner only when that is cheaper than losing it: cost = min(V, C) per churner.</summary>
    LesserOfLostValueAndReplacement = 2,

    /// <summary>Both, for the same churner: cost = V + C. Counts a replaced customer's value as lost as well; choose it
    /// only when that is what you mean.</summary>
    LostValuePlusReplacement = 3,
}

/// <summary>The churn cost of one segment.</summary>
/// <param name="Name">The segment's label.</param>
/// <param name="ExpectedChurners">Customers × churn probability.</param>
/// <param name="LostValue">Expected churners × value per customer: the cost if none is replaced.</param>
/// <param name="ReplacementCost">Expected churners × replacement cost per customer: the cost if all are replaced.</param>
/// <param name="Method">How <see cref="Total"/> counts a churner.</param>
public sealed record ChurnCostLine(string Name, double ExpectedChurners, Money LostValue, Money ReplacementCost, ChurnCostMethod Method)
{
    /// <summary>Gets the segment's churn cost by <see cref="Method"/>: never both <see cref="LostValue"/> and
    /// <see cref="ReplacementCost"/> unless the method is <see cref="ChurnCostMethod.LostValuePlusReplacement"/>.</summary>
    public Money Total { get; init; } = ChurnCostModel.Combine(LostValue, ReplacementCost, Method);
}

/// <summary>An expected churn cost over one period, by segment and in total.</summary>
/// <param name="Period">The period the churn probabilities refer to: the cost is per this period.</param>
/// <param name="Lines">One line per segment, in the order given.</param>
/// <param name="ExpectedChurners">The expected number of customers lost.</param>
/// <param name="LostValue">The value lost with them if none is replaced.</param>
/// <param name="ReplacementCost">The cost of replacing them all.</param>
/// <param name="Method">How <see cref="Total"/> counts a churner.</param>
/// <param name="Total">The expected churn cost by <paramref name="Method"/>: the sum of the lines' totals.</param>
public sealed record ChurnCostBreakdown(RatePeriod Period, IReadOnlyList<ChurnCostLine> Lines, double ExpectedChurners, Money LostValue, Money ReplacementCost, ChurnCostMethod Method, Money Total);

/// <summary>
/// The expected cost of churn: per segment, customers × churn probability churners, each counted by a named
/// <see cref="ChurnCostMethod"/> — the value lost with it, the cost of replacing it, the lesser of the two, or (only
/// when chosen) both.
/// </summary>
/// <remarks>
/// <para>Expected loss = Σ<sub>s</sub> N<sub>s</sub> q<sub>s</sub> k<sub>s</sub>, with N customers, churn probability q
/// per period and k the cost of one churner: V (remaining lifetime value; Gupta &amp; Lehmann 2003), C (replacement
/// cost), min(V, C), or V + C (see <see cref="ChurnCostMethod"/> for the sources). The churn-cost framing follows
/// Reichheld &amp; Sasser (1990), "Zero defections: quality comes to services", <i>Harvard Business Review</i> 68(5).
/// <see cref="ChurnCostBreakdown.LostValue"/> and <see cref="ChurnCostBreakdown.ReplacementCost"/> are always reported
/// side by side, whatever the method.</para>
/// <para>Example inputs: UK mobile operators lose from 14% (the best) to 34.8% of their customers a year, and
/// replacing one costs about 162.3 USD (figures as quoted in NpsKit issue #6; see docs/economics.md). A base of
/// 1,000,000 customers then costs 22,722,000 USD a year under <see cref="ChurnCostMethod.ReplacementCost"/> at 14% churn,
/// and 56,480,400 USD at 34.8%.</para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class ChurnCostModel
{
    /// <summary>Estimates the expected churn cost of some customer segments over one period.</summary>
    /// <param name="segments">The segments; at least one, all in one currency and one period.</param>
    /// <param name="method">How a churner is counted; a required choice, so that no total counts a churner twice by accident.</param>
    /// <returns>The cost by segment and in total.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> or a segment is <see langword="null"/>.</exception>
    /// <exception cref="InvalidAssumptionsException">A segment has a negative or non-finite customer count, a churn
    /// probability outside [0, 1], a negative replacement cost, or segments mix currencies or periods, or the method is
    /// undefined; all problems are listed.</exception>
    /// <example><code>
    /// var uk = ChurnCostModel.Estimate([new ChurnSegment("Best UK operator", 1_000_000, 0.14, RatePeriod.Year,
    ///     Money.Zero("USD"), Money.From(162.3m, "USD"))], ChurnCostMethod.ReplacementCost);   // Total = USD 22,722,000
    /// </code></example>
    public static ChurnCostBreakdown Estimate(IEnumerable<ChurnSegment> segments, ChurnCostMethod method)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ChurnSegment[] list = segments.ToArray();
        var check = new AssumptionCheck();
        if (list.Length == 0)
        {
            check.Add($"No segments were given: give at least one ChurnSegment.");
        }

        if (!Enum.IsDefined(method))
        {
            check.Add($"method is {(int)method}: allowed are LostValue, ReplacementCost, LesserOfLostValueAndReplacement and LostValuePlusReplacement.");
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
        return Compute(list, period!.Value, method);
    }

    /// <summary>The cost of some churners by <paramref name="method"/>, from their lost value and their replacement cost.</summary>
    internal static Money Combine(Money lost, Money replace, ChurnCostMethod method) => method switch
    {
        ChurnCostMethod.ReplacementCost => replace,
        ChurnCostMethod.LesserOfLostValueAndReplacement => lost <= replace ? lost : replace,
        ChurnCostMethod.LostValuePlusReplacement => lost + replace,
        _ => lost,
    };

    internal static ChurnCostBreakdown Compute(IReadOnlyList<ChurnSegment> segments, RatePeriod period, ChurnCostMethod method)
    {
        var lines = new ChurnCostLine[segments.Count];
        string currency = segments[0].ValuePerCustomer.Currency;
        Money lost = Money.Zero(currency), replace = Money.Zero(currency), total = Money.Zero(currency);
        double churners = 0;
        for (int i = 0; i < segments.Count; i++)
        {
            ChurnSegment s = segments[i];
            double expected = s.Customers * s.ChurnProbability;
            decimal n = (decimal)s.Customers * (decimal)s.ChurnProbability;
            var line = new ChurnCostLine(s.Name, expected, s.ValuePerCustomer * n, s.ReplacementCostPerCustomer * n, method);
            lines[i] = line;
            total += line.Total;
            lost += line.LostValue;
            replace += line.ReplacementCost;
            churners += expected;
        }

        return new ChurnCostBreakdown(period, lines, churners, lost, replace, method, total);
    }
}
