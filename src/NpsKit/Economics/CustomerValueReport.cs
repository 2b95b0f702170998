namespace NpsKit.Economics;

/// <summary>
/// The money figures of a surveyed customer base, each with an interval for the sampling uncertainty of the
/// category shares: the value per category and in total, and the churn cost per period.
/// </summary>
/// <remarks>
/// The lifetime values per customer do not depend on the shares and so carry no interval; the figures that add
/// customers up do. Made by <see cref="CustomerValueModel.Analyze"/>. This type is immutable and thread-safe.
/// </remarks>
/// <param name="Mix">The customer mix at the observed shares.</param>
/// <param name="Promoter">The lifetime value of one promoter.</param>
/// <param name="Passive">The lifetime value of one passive.</param>
/// <param name="Detractor">The lifetime value of one detractor.</param>
/// <param name="PromoterValue">Promoters × existing-customer value, with interval.</param>
/// <param name="PassiveValue">Passives × existing-customer value, with interval.</param>
/// <param name="DetractorValue">Detractors × existing-customer value, with interval.</param>
/// <param name="PortfolioValue">The value of the whole base, with interval.</param>
/// <param name="ChurnCost">The expected churn cost per period (lost value plus replacement), with interval.</param>
/// <param name="ChurnCostBreakdown">The churn cost at the observed shares, by category.</param>
public sealed record CustomerValueReport(
    CustomerMix Mix,
    ClvEstimate Promoter,
    ClvEstimate Passive,
    ClvEstimate Detractor,
    MoneyInterval PromoterValue,
    MoneyInterval PassiveValue,
    MoneyInterval DetractorValue,
    MoneyInterval PortfolioValue,
    MoneyInterval ChurnCost,
    ChurnCostBreakdown ChurnCostBreakdown);
