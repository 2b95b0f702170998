using NpsKit.Economics.Internal;
using NpsKit.Internal;

namespace NpsKit.Economics;

/// <summary>
/// The value of promoters, passives and detractors and of a customer base made of them: lifetime value per
/// category, portfolio value, churn cost, and what-if scenarios for closing the loop.
/// </summary>
/// <remarks>
/// <para>Per category c, the margin per period is m<sub>c</sub> = spend<sub>c</sub> × gross margin rate − cost to
/// serve<sub>c</sub>, and the lifetime value is CLV<sub>c</sub> = m<sub>c</sub> r<sub>c</sub> / (1 + i − r<sub>c</sub>(1 + g))
/// + word of mouth<sub>c</sub> − AC (Gupta &amp; Lehmann 2003, <i>Journal of Interactive Marketing</i> 17(1), 9–24;
/// word of mouth after Reichheld 2006, <i>The Ultimate Question</i>, Harvard Business School Press, ch. 3).
/// The value of an existing customer leaves out AC, which is sunk.</para>
/// <para>Make one with <see cref="From"/>; it is immutable and thread-safe.</para>
/// </remarks>
public sealed class CustomerValueModel
{
    private readonly ClvEstimate _promoter;
    private readonly ClvEstimate _passive;
    private readonly ClvEstimate _detractor;

    private CustomerValueModel(CustomerValueOptions options)
    {
        Options = options;
        Money zero = Money.Zero(options.Currency);
        AcquisitionCost = options.AcquisitionCost ?? zero;
        ReplacementCost = options.ReplacementCost ?? AcquisitionCost;
        _promoter = Estimate(options, options.Promoters, AcquisitionCost, zero);
        _passive = Estimate(options, options.Passives, AcquisitionCost, zero);
        _detractor = Estimate(options, options.Detractors, AcquisitionCost, zero);
    }

    /// <summary>Gets the validated assumptions.</summary>
    public CustomerValueOptions Options { get; }

    /// <summary>Gets the currency of every figure.</summary>
    public string Currency => Options.Currency;

    /// <summary>Gets the period of every rate and of churn costs.</summary>
    public RatePeriod Period => Options.Period;

    /// <summary>Gets the acquisition cost per new customer (zero when not given).</summary>
    public Money AcquisitionCost { get; }

    /// <summary>Gets the replacement cost per churned customer (the acquisition cost when not given).</summary>
    public Money ReplacementCost { get; }

    /// <summary>Builds a model from validated assumptions.</summary>
    /// <param name="options">The assumptions.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidAssumptionsException">Any assumption is invalid; all problems are listed (see <see cref="CustomerValueOptions.Validate"/>).</exception>
    public static CustomerValueModel From(CustomerValueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new CustomerValueModel(options);
    }

    /// <summary>Gets the lifetime value of one customer of a category.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The estimate with its parts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="category"/> is not a defined value.</exception>
    public ClvEstimate LifetimeValue(NpsCategory category) => category switch
    {
        NpsCategory.Promoter => _promoter,
        NpsCategory.Passive => _passive,
        NpsCategory.Detractor => _detractor,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Allowed are NpsCategory.Detractor, Passive and Promoter."),
    };

    /// <summary>Gets the value of a customer base: Σ over categories of customers × existing-customer value.</summary>
    /// <param name="mix">The customers per category.</param>
    /// <returns>The value, in <see cref="Currency"/>.</returns>
    public Money PortfolioValue(CustomerMix mix) =>
        CategoryValue(mix, NpsCategory.Promoter) + CategoryValue(mix, NpsCategory.Passive) + CategoryValue(mix, NpsCategory.Detractor);

    /// <summary>Gets the value of one category of a customer base: customers × existing-customer value.</summary>
    /// <param name="mix">The customers per category.</param>
    /// <param name="category">The category.</param>
    /// <returns>The value, in <see cref="Currency"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="category"/> is not a defined value.</exception>
    public Money CategoryValue(CustomerMix mix, NpsCategory category) =>
        LifetimeValue(category).ExistingCustomerValue * (decimal)mix.CountOf(category);

    /// <summary>
    /// Gets the expected churn cost over one <see cref="Period"/>: Σ over categories of customers × (1 − retention) ×
    /// existing-customer value and the replacement cost of each churned customer, side by side, and the total by
    /// <see cref="CustomerValueOptions.ChurnCostMethod"/> (the value lost, by default: never both unless chosen; see <see cref="ChurnCostModel"/>).
    /// </summary>
    /// <param name="mix">The customers per category.</param>
    /// <returns>The churn cost by category (promoters, passives, detractors) and in total.</returns>
    public ChurnCostBreakdown ChurnCost(CustomerMix mix)
    {
        var segments = new ChurnSegment[3];
        int i = 0;
        foreach (NpsCategory c in CustomerValueOptions.Categories)
        {
            segments[i++] = new ChurnSegment(
                CustomerValueOptions.Plural(c), mix.CountOf(c), 1 - Options.ProfileOf(c).Retention, Period, LifetimeValue(c).ExistingCustomerValue, ReplacementCost);
        }

        return ChurnCostModel.Compute(segments, Period, Options.ChurnCostMethod);
    }

    /// <summary>
    /// Values a surveyed customer base: lifetime value per category, value per category and in total, and churn
    /// cost, each money total with an interval for the sampling uncertainty of the shares (see <see cref="EconomicsUncertainty"/>).
    /// </summary>
    /// <param name="sample">The survey tally; not empty.</param>
    /// <param name="customerBase">The number of customers the sample represents, zero or more.</param>
    /// <param name="options">The draws, seed, level and prior; <see langword="null"/> for <see cref="UncertaintyOptions.Default"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException"><paramref name="sample"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customerBase"/> is negative.</exception>
    /// <exception cref="InvalidAssumptionsException">The options are invalid.</exception>
    public CustomerValueReport Analyze(NpsTally sample, long customerBase, UncertaintyOptions? options = null)
    {
        CustomerMix mix = CustomerMix.FromSample(sample, customerBase);
        IReadOnlyList<MoneyInterval> intervals = EconomicsUncertainty.Intervals(
            sample,
            customerBase,
            [
                m => CategoryValue(m, NpsCategory.Promoter),
                m => CategoryValue(m, NpsCategory.Passive),
                m => CategoryValue(m, NpsCategory.Detractor),
                PortfolioValue,
                m => ChurnCost(m).Total,
            ],
            options);
        return new CustomerValueReport(
            mix, _promoter, _passive, _detractor, intervals[0], intervals[1], intervals[2], intervals[3], intervals[4], ChurnCost(mix));
    }

    /// <summary>
    /// Scenario "follow up every detractor within 24 hours and turn a share of them into passives": the value of
    /// the moved customers' new category, less the cost of following up every detractor.
    /// </summary>
    /// <param name="mix">The customers per category before.</param>
    /// <param name="conversionRate">The share of detractors who become passives, from 0 to 1.</param>
    /// <param name="costPerFollowUp">The cost of one follow-up, zero or more; <see langword="null"/> for none.</param>
    /// <returns>The outcome; with a conversion rate and cost of zero, every component is zero.</returns>
    /// <exception cref="InvalidAssumptionsException">The rate is outside [0, 1], or the cost is negative or in another currency.</exception>
    public ScenarioOutcome FollowUpDetractors(CustomerMix mix, double conversionRate, Money? costPerFollowUp = null)
    {
        var check = new AssumptionCheck();
        check.Probability(conversionRate, nameof(conversionRate));
        check.Currency(Money.Zero(Currency), "the model");
        if (costPerFollowUp is { } c)
        {
            check.Currency(c, nameof(costPerFollowUp));
            check.NonNegative((double)c.Amount, nameof(costPerFollowUp));
        }

        check.ThrowIfAny("The follow-up scenario", nameof(conversionRate));
        double moved = mix.Detractors * conversionRate;
        var components = MoveComponents(NpsCategory.Detractor, NpsCategory.Passive, moved);
        Money cost = (costPerFollowUp ?? Money.Zero(Currency)) * (decimal)mix.Detractors;
        components.Add(new ValueComponent("Follow-up cost (every detractor)", -cost));
        return Outcome(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Follow up every detractor within 24 hours; {conversionRate * 100:0.#}% become passives"),
            moved,
            mix,
            mix.Move(NpsCategory.Detractor, NpsCategory.Passive, moved),
            components);
    }

    /// <summary>Scenario "raise the NPS by k points" by moving detractors to passives or passives to promoters.</summary>
    /// <param name="mix">The customers per category before; not empty.</param>
    /// <param name="points">The NPS points to gain, zero or more (on the −100..100 scale).</param>
    /// <param name="lever">Which customers move.</param>
    /// <returns>The outcome: k / 100 × customers move one category up.</returns>
    /// <exception cref="InvalidAssumptionsException"><paramref name="points"/> is negative or not finite, or the lever is undefined.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The source category has too few customers for k points.</exception>
    public ScenarioOutcome RaiseNps(CustomerMix mix, double points, NpsLever lever)
    {
        var check = new AssumptionCheck();
        check.NonNegative(points, nameof(points));
        if (lever is not (NpsLever.DetractorsToPassives or NpsLever.PassivesToPromoters))
        {
            check.Add($"lever is {(int)lever}: allowed are NpsLever.DetractorsToPassives and PassivesToPromoters.");
        }

        if (mix.Total <= 0)
        {
            check.Add($"The customer mix is empty: there are no customers to move.");
        }

        check.ThrowIfAny("The raise-NPS scenario", nameof(points));
        (NpsCategory from, NpsCategory to) = lever == NpsLever.DetractorsToPassives
            ? (NpsCategory.Detractor, NpsCategory.Passive)
            : (NpsCategory.Passive, NpsCategory.Promoter);
        double moved = points / 100.0 * mix.Total;
        double available = mix.CountOf(from);
        if (moved > available * (1 + 1e-12))
        {
            ThrowHelper.NotEnoughCustomers(CustomerValueOptions.Plural(from).ToLowerInvariant(), moved, available, nameof(points));
        }

        moved = Math.Min(moved, available);
        return Outcome(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Raise NPS by {points:0.##} points: {lever}"),
            moved,
            mix,
            mix.Move(from, to, moved),
            MoveComponents(from, to, moved));
    }

    /// <summary>Scenario "lose the detractors who answered 0 to 4": their future margin and their word of mouth leave with them.</summary>
    /// <param name="mix">The customers per category before, with score detail (from a tally built from scores).</param>
    /// <returns>The outcome. When detractors are worth less than nothing (negative margin or word of mouth), losing them raises value.</returns>
    /// <exception cref="InvalidOperationException">The mix has no score detail, so the 0–4 detractors are unknown.</exception>
    public ScenarioOutcome LoseDetractorsScoring0To4(CustomerMix mix)
    {
        if (!mix.HasScoreDetail)
        {
            ThrowHelper.NoScoreDetailForScenario();
        }

        double lost = mix.DetractorsScoring0To4;
        decimal n = (decimal)lost;
        List<ValueComponent> components =
        [
            new("Margin lost with the 0–4 detractors", -(_detractor.GrossValue * n)),
            new("Word of mouth lost with them", -(_detractor.WordOfMouthValue * n)),
        ];
        return Outcome("Lose the detractors who answered 0–4", lost, mix, mix.WithoutLowDetractors(), components);
    }

    private List<ValueComponent> MoveComponents(NpsCategory from, NpsCategory to, double moved)
    {
        decimal n = (decimal)moved;
        ClvEstimate a = LifetimeValue(from), b = LifetimeValue(to);
        return
        [
            new ValueComponent($"Margin change ({CustomerValueOptions.Plural(from)} → {CustomerValueOptions.Plural(to)})", (b.GrossValue - a.GrossValue) * n),
            new ValueComponent("Word-of-mouth change", (b.WordOfMouthValue - a.WordOfMouthValue) * n),
        ];
    }

    private ScenarioOutcome Outcome(string name, double affected, CustomerMix before, CustomerMix after, IReadOnlyList<ValueComponent> components) =>
        new(name, affected, before, after, PortfolioValue(before), PortfolioValue(after), components);

    private static ClvEstimate Estimate(CustomerValueOptions o, CategoryProfile p, Money acquisition, Money zero)
    {
        Money margin = (p.SpendPerPeriod * (decimal)o.GrossMarginRate) - (p.CostToServePerPeriod ?? zero);
        return CustomerLifetimeValue.Compute(margin, p.Retention, o.DiscountRate, o.GrowthRate, o.Period, acquisition, p.WordOfMouthValue ?? zero);
    }
}
