namespace NpsKit.Economics;

/// <summary>One named part of a value change, such as the margin gained or the follow-up cost.</summary>
/// <param name="Name">What the part is.</param>
/// <param name="Amount">Its amount; negative for costs and losses.</param>
public readonly record struct ValueComponent(string Name, Money Amount);

/// <summary>Which move raises the NPS in <see cref="CustomerValueModel.RaiseNps"/>.</summary>
public enum NpsLever
{
    /// <summary>Turn detractors into passives: each moved customer adds 1 / n to the NPS share difference.</summary>
    DetractorsToPassives,

    /// <summary>Turn passives into promoters.</summary>
    PassivesToPromoters,
}

/// <summary>
/// What a what-if scenario does to the value of a customer base: the customers moved or lost, the NPS before and
/// after, and the value change split into its components.
/// </summary>
/// <remarks>
/// <para><see cref="ValueChange"/> is the sum of <see cref="Components"/>. It equals
/// <see cref="PortfolioValueAfter"/> − <see cref="PortfolioValueBefore"/> plus any cost components (such as the cost
/// of following up detractors), which are not part of the customers' value.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
/// <param name="Name">A description of the scenario.</param>
/// <param name="CustomersAffected">The customers moved between categories or lost.</param>
/// <param name="Before">The customer mix before.</param>
/// <param name="After">The customer mix after.</param>
/// <param name="PortfolioValueBefore">Σ customers × existing-customer value, before.</param>
/// <param name="PortfolioValueAfter">The same, after.</param>
/// <param name="Components">The parts of the value change.</param>
public sealed record ScenarioOutcome(
    string Name,
    double CustomersAffected,
    CustomerMix Before,
    CustomerMix After,
    Money PortfolioValueBefore,
    Money PortfolioValueAfter,
    IReadOnlyList<ValueComponent> Components)
{
    /// <summary>Gets the net value change: the sum of <see cref="Components"/>.</summary>
    public Money ValueChange => Components.Aggregate(Money.Zero(PortfolioValueBefore.Currency), (sum, c) => sum + c.Amount);

    /// <summary>Gets the NPS of <see cref="Before"/>.</summary>
    /// <exception cref="InvalidOperationException">The mix before is empty.</exception>
    public double NpsBefore => Before.Score;

    /// <summary>Gets the NPS of <see cref="After"/>.</summary>
    /// <exception cref="InvalidOperationException">The mix after is empty.</exception>
    public double NpsAfter => After.Score;

    /// <summary>Describes the outcome in invariant culture: the name, the customers affected and the value change.</summary>
    /// <returns>A one-line description; never throws, even for an empty mix.</returns>
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Name}: {CustomersAffected:0.##} customers, value change {ValueChange}");
}
