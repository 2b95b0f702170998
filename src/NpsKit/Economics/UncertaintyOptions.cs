using NpsKit.Economics.Internal;

namespace NpsKit.Economics;

/// <summary>
/// How <see cref="EconomicsUncertainty"/> carries the sampling uncertainty of the category shares into money
/// figures: the number of seeded Dirichlet-posterior draws, the interval level and the prior.
/// </summary>
/// <remarks>This type is immutable and thread-safe; make changed copies with <c>with</c>.</remarks>
public sealed record UncertaintyOptions
{
    /// <summary>Creates options with the stated defaults.</summary>
    public UncertaintyOptions()
    {
    }

    /// <summary>Gets the default options.</summary>
    public static UncertaintyOptions Default { get; } = new();

    /// <summary>Gets the number of posterior draws, from 100 to 1,000,000.</summary>
    /// <value>Default 4000.</value>
    public int Draws { get; init; } = 4000;

    /// <summary>Gets the seed of the random draws; the same seed gives the same intervals on every machine.</summary>
    /// <value>Default 20261123.</value>
    public ulong Seed { get; init; } = 20261123;

    /// <summary>Gets the level of the equal-tailed intervals, strictly between 0 and 1.</summary>
    /// <value>Default 0.95.</value>
    public double Level { get; init; } = 0.95;

    /// <summary>Gets the concentration a of the symmetric Dirichlet(a, …, a) prior on the category shares, greater than zero.</summary>
    /// <value>Default 0.5 (Jeffreys' prior), as in the Bayesian NPS interval.</value>
    public double PriorConcentration { get; init; } = 0.5;

    /// <summary>Checks every option and throws once, listing all problems.</summary>
    /// <exception cref="InvalidAssumptionsException">An option is out of range.</exception>
    public void Validate()
    {
        var check = new AssumptionCheck();
        if (Draws is < 100 or > 1_000_000)
        {
            check.Add($"{nameof(Draws)} is {Draws}: use from 100 to 1,000,000 draws (4000 gives intervals stable to about 1% of their width).");
        }

        if (!double.IsFinite(Level) || Level <= 0 || Level >= 1)
        {
            check.Add($"{nameof(Level)} is {Level}: it must be strictly between 0 and 1, for example 0.95.");
        }

        check.Positive(PriorConcentration, nameof(PriorConcentration), " Use 0.5 for Jeffreys' prior or 1 for a uniform prior.");
        check.ThrowIfAny("The uncertainty options", "options");
    }
}

/// <summary>A money figure with an equal-tailed interval for the sampling uncertainty of the NPS category shares.</summary>
/// <param name="Point">The figure at the observed shares.</param>
/// <param name="Lower">The lower bound: the (1 − level) / 2 quantile of the figure over the posterior draws.</param>
/// <param name="Upper">The upper bound: the (1 + level) / 2 quantile.</param>
/// <param name="Level">The interval level, such as 0.95.</param>
/// <param name="Draws">The number of posterior draws.</param>
public readonly record struct MoneyInterval(Money Point, Money Lower, Money Upper, double Level, int Draws)
{
    /// <summary>Tells whether <paramref name="value"/> lies within the interval (bounds included).</summary>
    /// <param name="value">An amount in the interval's currency.</param>
    /// <returns><see langword="true"/> when Lower ≤ value ≤ Upper.</returns>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public bool Contains(Money value) => Lower <= value && value <= Upper;

    /// <summary>Describes the interval, e.g. <c>USD 1200.00 (95% interval USD 1100.00 to USD 1300.00)</c>.</summary>
    /// <returns>The description in invariant culture.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Point} ({Level * 100:0.#}% interval {Lower} to {Upper})");
}
