using NpsKit.Economics.Internal;

namespace NpsKit.Economics;

/// <summary>
/// Customer lifetime value formulas, each with validated inputs and its source.
/// </summary>
/// <remarks>
/// <para>Gupta, S. &amp; Lehmann, D. R. (2003), "Customers as assets", <i>Journal of Interactive Marketing</i> 17(1),
/// 9–24: with a constant margin m per period, retention r per period and discount rate i per period over an
/// infinite horizon, and margins received at the end of each period, CLV = m·r / (1 + i − r) − AC. With margins
/// growing at g per period the sum is m·r / (1 + i − r(1 + g)), which converges only when 1 + i &gt; r(1 + g)
/// (Gupta &amp; Lehmann 2005, <i>Managing Customers as Investments</i>, Wharton School Publishing).</para>
/// <para>The subscription form ARPA · margin / (churn + i) is the same sum with the first margin certain
/// (m / (1 + i − r) with r = 1 − churn); it is the form SaaS practitioners use.</para>
/// <para><b>One rule for margins</b> in every constructor (<see cref="FromRetention"/>, <see cref="FromSubscription"/>,
/// <see cref="CustomerValueOptions.GrossMarginRate"/>): a margin may be negative — a loss-making customer has a negative
/// lifetime value, which is information, not an error — and a margin rate must be finite and at most 1.</para>
/// <para>All rates and amounts must be for one <see cref="RatePeriod"/>; convert with <see cref="RateConversion"/>
/// first. Money is computed in <see cref="decimal"/>; rates given as <see cref="double"/> are converted to
/// <see cref="decimal"/> (15 significant digits) before use. All members are pure and thread-safe.</para>
/// </remarks>
public static class CustomerLifetimeValue
{
    /// <summary>Computes CLV = m·r / (1 + i − r(1 + g)) − AC (Gupta &amp; Lehmann 2003; growth variant 2005).</summary>
    /// <param name="marginPerPeriod">The margin m a retained customer brings each period; any sign.</param>
    /// <param name="retention">The retention r per period, from 0 to 1.</param>
    /// <param name="discountRate">The discount rate i per period, zero or more.</param>
    /// <param name="period">The period m, r, i and g refer to.</param>
    /// <param name="acquisitionCost">The acquisition cost AC, in the margin's currency; <see langword="null"/> for none.</param>
    /// <param name="growthRate">The margin growth g per period, greater than −1; default 0 (no growth).</param>
    /// <returns>The estimate, with <see cref="ClvFormula.Retention"/> when g = 0, else <see cref="ClvFormula.RetentionWithGrowth"/>.</returns>
    /// <exception cref="InvalidAssumptionsException">Any input is invalid, or the series diverges (1 + i ≤ r(1 + g));
    /// every problem is listed.</exception>
    /// <example><code>
    /// // m = 100 USD a year, r = 0.8, i = 0.1: 100 × 0.8 / 0.3 = 266.67 USD
    /// ClvEstimate clv = CustomerLifetimeValue.FromRetention(Money.From(100m, "USD"), 0.8, 0.1, RatePeriod.Year);
    /// </code></example>
    public static ClvEstimate FromRetention(Money marginPerPeriod, double retention, double discountRate, RatePeriod period, Money? acquisitionCost = null, double growthRate = 0)
    {
        var check = new AssumptionCheck();
        check.Currency(marginPerPeriod, nameof(marginPerPeriod));
        if (acquisitionCost is { } ac)
        {
            check.Currency(ac, nameof(acquisitionCost));
        }

        check.Probability(retention, nameof(retention));
        check.NonNegative(discountRate, nameof(discountRate), " A negative discount rate would value future money above present money.");
        if (!double.IsFinite(growthRate) || growthRate <= -1)
        {
            check.Add($"{nameof(growthRate)} is {growthRate}: it must be finite and greater than -1.");
        }

        check.Period(period, nameof(period));
        if (!check.HasProblems)
        {
            RequireConvergence(check, retention, discountRate, growthRate, "");
        }

        check.ThrowIfAny("The customer lifetime value inputs", nameof(marginPerPeriod));
        return Compute(marginPerPeriod, retention, discountRate, growthRate, period, acquisitionCost ?? Money.Zero(marginPerPeriod.Currency), Money.Zero(marginPerPeriod.Currency));
    }

    /// <summary>Computes the subscription CLV = ARPA · margin / (churn + i).</summary>
    /// <param name="revenuePerAccount">The average revenue per account per period (ARPA).</param>
    /// <param name="marginRate">The gross margin as a share of revenue: at most 1, and negative for a customer served
    /// below cost (the same rule as <see cref="FromRetention"/>'s margin, which may be negative).</param>
    /// <param name="churn">The churn per period, from 0 to 1.</param>
    /// <param name="discountRate">The discount rate per period, zero or more; churn + discount must be greater than zero.</param>
    /// <param name="period">The period the revenue and rates refer to.</param>
    /// <returns>The estimate, formula <see cref="ClvFormula.Subscription"/>.</returns>
    /// <exception cref="InvalidAssumptionsException">Any input is invalid, or churn + discount is zero (the value
    /// would be infinite); every problem is listed.</exception>
    /// <example><code>
    /// // 50 USD a month, 80% margin, 2% monthly churn, 1% monthly discount: 40 / 0.03 = 1,333.33 USD
    /// CustomerLifetimeValue.FromSubscription(Money.From(50m, "USD"), 0.8, 0.02, 0.01, RatePeriod.Month);
    /// </code></example>
    public static ClvEstimate FromSubscription(Money revenuePerAccount, double marginRate, double churn, double discountRate, RatePeriod period)
    {
        var check = new AssumptionCheck();
        check.Currency(revenuePerAccount, nameof(revenuePerAccount));
        check.MarginRate(marginRate, nameof(marginRate));
        check.Probability(churn, nameof(churn));
        check.NonNegative(discountRate, nameof(discountRate), " A negative discount rate would value future money above present money.");
        check.Period(period, nameof(period));
        if (!check.HasProblems && churn + discountRate <= 0)
        {
            check.Add($"churn + discountRate is 0: with no churn and no discounting the lifetime value is infinite. Give a positive churn or discount rate.");
        }

        check.ThrowIfAny("The subscription lifetime value inputs", nameof(revenuePerAccount));
        decimal margin = (decimal)marginRate;
        Money m = revenuePerAccount * margin;
        Money gross = m * (1m / ((decimal)churn + (decimal)discountRate));
        return new ClvEstimate(ClvFormula.Subscription, period, m, 1 - churn, discountRate, 0, gross, Money.Zero(m.Currency), Money.Zero(m.Currency));
    }

    /// <summary>Checks 1 + i &gt; r(1 + g), adding a problem that says how to fix it when not.</summary>
    internal static void RequireConvergence(AssumptionCheck check, double retention, double discountRate, double growthRate, string where)
    {
        decimal lhs = 1m + (decimal)discountRate;
        decimal rhs = (decimal)retention * (1m + (decimal)growthRate);
        if (lhs <= rhs)
        {
            check.Add($"{where}The lifetime value diverges: 1 + discount ({lhs}) must be greater than retention × (1 + growth) ({rhs}), otherwise discounted margins never shrink and the sum is infinite. Lower the growth or retention, or raise the discount rate.");
        }
    }

    /// <summary>The formula on validated inputs.</summary>
    internal static ClvEstimate Compute(Money margin, double retention, double discountRate, double growthRate, RatePeriod period, Money acquisitionCost, Money wordOfMouth)
    {
        decimal r = (decimal)retention;
        decimal denominator = 1m + (decimal)discountRate - (r * (1m + (decimal)growthRate));
        Money gross = margin * (r / denominator);
        return new ClvEstimate(
            growthRate == 0 ? ClvFormula.Retention : ClvFormula.RetentionWithGrowth,
            period,
            margin,
            retention,
            discountRate,
            growthRate,
            gross,
            acquisitionCost,
            wordOfMouth);
    }
}
