namespace NpsKit.Economics;

/// <summary>
/// The period a rate (retention, churn, discount, growth) or a per-period amount (spend, margin, cost to serve)
/// refers to. Each economics input carries its period explicitly; NpsKit never mixes yearly and monthly figures.
/// </summary>
/// <remarks>The numeric value is the number of months in the period.</remarks>
public enum RatePeriod
{
    /// <summary>One calendar month.</summary>
    Month = 1,

    /// <summary>Three months.</summary>
    Quarter = 3,

    /// <summary>Twelve months.</summary>
    Year = 12,
}
