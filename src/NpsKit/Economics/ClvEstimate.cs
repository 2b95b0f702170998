namespace NpsKit.Economics;

/// <summary>
/// A customer lifetime value with its parts: the discounted expected margin, the word-of-mouth value, and the
/// acquisition cost, all in one currency, with the formula and period that produced them.
/// </summary>
/// <remarks>
/// <para><see cref="Value"/> is the lifetime value of a customer about to be acquired (Gupta &amp; Lehmann 2003:
/// margin stream minus acquisition cost). <see cref="ExistingCustomerValue"/> leaves the acquisition cost out: it is
/// sunk for a customer you already have, so portfolio values and churn costs use it.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record ClvEstimate
{
    internal ClvEstimate(ClvFormula formula, RatePeriod period, Money marginPerPeriod, double retention, double discountRate, double growthRate, Money grossValue, Money acquisitionCost, Money wordOfMouthValue)
    {
        Formula = formula;
        Period = period;
        MarginPerPeriod = marginPerPeriod;
        Retention = retention;
        DiscountRate = discountRate;
        GrowthRate = growthRate;
        GrossValue = grossValue;
        AcquisitionCost = acquisitionCost;
        WordOfMouthValue = wordOfMouthValue;
    }

    /// <summary>Gets the formula used.</summary>
    public ClvFormula Formula { get; }

    /// <summary>Gets the period that the margin, retention, discount and growth rates refer to.</summary>
    public RatePeriod Period { get; }

    /// <summary>Gets the margin per period m (for the subscription form: revenue per account × margin rate).</summary>
    public Money MarginPerPeriod { get; }

    /// <summary>Gets the retention per period r (for the subscription form: 1 − churn).</summary>
    public double Retention { get; }

    /// <summary>Gets the discount rate per period i.</summary>
    public double DiscountRate { get; }

    /// <summary>Gets the margin growth rate per period g (zero unless <see cref="ClvFormula.RetentionWithGrowth"/>).</summary>
    public double GrowthRate { get; }

    /// <summary>Gets the discounted expected margin stream: m·r / (1 + i − r(1 + g)), or ARPA·margin / (churn + i).</summary>
    public Money GrossValue { get; }

    /// <summary>Gets the acquisition cost AC subtracted in <see cref="Value"/> (zero when none was given).</summary>
    public Money AcquisitionCost { get; }

    /// <summary>Gets the word-of-mouth value added per customer (zero unless given; negative for detractors).</summary>
    public Money WordOfMouthValue { get; }

    /// <summary>Gets the value of a customer already acquired: <see cref="GrossValue"/> + <see cref="WordOfMouthValue"/>.</summary>
    public Money ExistingCustomerValue => GrossValue + WordOfMouthValue;

    /// <summary>Gets the lifetime value of a customer to be acquired: <see cref="ExistingCustomerValue"/> − <see cref="AcquisitionCost"/>.</summary>
    public Money Value => ExistingCustomerValue - AcquisitionCost;
}
