namespace NpsKit.Economics;

/// <summary>
/// The economics of one NPS category (promoters, passives or detractors): how many stay each period, what they
/// spend, what they cost to serve, and what their word of mouth is worth.
/// </summary>
/// <remarks>
/// <para>The margin per period of a customer in the category is
/// <c>SpendPerPeriod × CustomerValueOptions.GrossMarginRate − CostToServePerPeriod</c>. All amounts must be in the
/// currency, and all rates and per-period amounts in the period, of the <see cref="CustomerValueOptions"/> they are
/// part of; the options check this.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record CategoryProfile
{
    /// <summary>Creates a profile; set the required properties with an object initializer.</summary>
    public CategoryProfile()
    {
    }

    /// <summary>Gets the share of customers in the category who stay for another period, from 0 to 1.</summary>
    /// <value>Required.</value>
    public required double Retention { get; init; }

    /// <summary>Gets the spend (revenue) per customer per period.</summary>
    /// <value>Required.</value>
    public required Money SpendPerPeriod { get; init; }

    /// <summary>Gets the cost to serve one customer per period (support calls, returns, handling).</summary>
    /// <value>Default <see langword="null"/>: no cost to serve, zero in the spend's currency.</value>
    public Money? CostToServePerPeriod { get; init; }

    /// <summary>Gets the value of the category's word of mouth per customer, a one-off amount added to its lifetime
    /// value (positive for promoters, usually negative for detractors); see <see cref="WordOfMouth"/>.</summary>
    /// <value>Default <see langword="null"/>: no word-of-mouth value, zero in the spend's currency.</value>
    public Money? WordOfMouthValue { get; init; }
}
