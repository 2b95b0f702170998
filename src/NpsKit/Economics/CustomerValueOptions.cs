using NpsKit.Economics.Internal;

namespace NpsKit.Economics;

/// <summary>
/// The assumptions of a <see cref="CustomerValueModel"/>: one period, one currency, the discounting, and the
/// economics of promoters, passives and detractors.
/// </summary>
/// <remarks>
/// <para>Every input is explicit: there are no hidden industry percentages. Check the options with
/// <see cref="Validate"/> (or let <see cref="CustomerValueModel.From"/> do it): every problem is reported in one
/// <see cref="InvalidAssumptionsException"/>.</para>
/// <para>This type is immutable and thread-safe; make changed copies with <c>with</c>.</para>
/// </remarks>
public sealed record CustomerValueOptions
{
    /// <summary>Creates options with the stated defaults; set the required category profiles with an object initializer.</summary>
    public CustomerValueOptions()
    {
    }

    /// <summary>Gets the period every rate and per-period amount refers to.</summary>
    /// <value>Required: there is no default, so a monthly rate cannot end up labelled yearly by leaving it out (the same
    /// inputs converted exactly give lifetime values 5–34% apart between a monthly and a yearly model; see docs/economics.md).</value>
    public required RatePeriod Period { get; init; }

    /// <summary>Gets the discount rate per period (the cost of capital), zero or more.</summary>
    /// <value>Default 0.10 (10% per period).</value>
    public double DiscountRate { get; init; } = 0.10;

    /// <summary>Gets the margin growth per period g, greater than −1; 1 + discount must exceed retention × (1 + g) for every category.</summary>
    /// <value>Default 0 (no growth).</value>
    public double GrowthRate { get; init; }

    /// <summary>Gets the gross margin as a share of spend, at most 1 and possibly negative (selling below cost: the same
    /// rule as every margin input, see <see cref="CustomerLifetimeValue"/>); use 1 when the spends given are already margins.</summary>
    /// <value>Default 1.</value>
    public double GrossMarginRate { get; init; } = 1.0;

    /// <summary>Gets the cost of acquiring one new customer, subtracted in <see cref="ClvEstimate.Value"/>.</summary>
    /// <value>Default <see langword="null"/>: zero.</value>
    public Money? AcquisitionCost { get; init; }

    /// <summary>Gets how the churn cost counts a churned customer.</summary>
    /// <value><see cref="ChurnCostMethod.LostValue"/> by default: the value lost, without adding the replacement cost for the same customer.</value>
    public ChurnCostMethod ChurnCostMethod { get; init; }

    /// <summary>Gets the cost of replacing one churned customer, used by churn costs.</summary>
    /// <value>Default <see langword="null"/>: the <see cref="AcquisitionCost"/> (zero when that is not given either).</value>
    public Money? ReplacementCost { get; init; }

    /// <summary>Gets the economics of promoters (answers 9–10).</summary>
    /// <value>Required.</value>
    public required CategoryProfile Promoters { get; init; }

    /// <summary>Gets the economics of passives (answers 7–8).</summary>
    /// <value>Required.</value>
    public required CategoryProfile Passives { get; init; }

    /// <summary>Gets the economics of detractors (answers 0–6).</summary>
    /// <value>Required.</value>
    public required CategoryProfile Detractors { get; init; }

    /// <summary>Gets the currency of the options: that of <see cref="Promoters"/>' spend.</summary>
    public string Currency => Promoters?.SpendPerPeriod.Currency ?? Money.NoCurrency;

    /// <summary>Gets the profile of one category.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="category"/> is not a defined value.</exception>
    public CategoryProfile ProfileOf(NpsCategory category) => category switch
    {
        NpsCategory.Promoter => Promoters,
        NpsCategory.Passive => Passives,
        NpsCategory.Detractor => Detractors,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Allowed are NpsCategory.Detractor, Passive and Promoter."),
    };

    /// <summary>Returns a copy with one category's profile replaced.</summary>
    /// <param name="category">The category.</param>
    /// <param name="profile">The new profile.</param>
    /// <returns>The changed copy; this instance is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="category"/> is not a defined value.</exception>
    public CustomerValueOptions WithProfile(NpsCategory category, CategoryProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return category switch
        {
            NpsCategory.Promoter => this with { Promoters = profile },
            NpsCategory.Passive => this with { Passives = profile },
            NpsCategory.Detractor => this with { Detractors = profile },
            _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Allowed are NpsCategory.Detractor, Passive and Promoter."),
        };
    }

    /// <summary>Checks every assumption and throws once, listing all problems.</summary>
    /// <exception cref="InvalidAssumptionsException">Any assumption is invalid: a retention or margin rate outside
    /// [0, 1], a negative discount rate, growth of −1 or less, a category whose lifetime value diverges, a negative
    /// cost, an undefined period, or amounts in different currencies.</exception>
    public void Validate()
    {
        var check = new AssumptionCheck();
        check.Period(Period, nameof(Period));
        check.NonNegative(DiscountRate, nameof(DiscountRate), " A negative discount rate would value future money above present money.");
        if (!double.IsFinite(GrowthRate) || GrowthRate <= -1)
        {
            check.Add($"{nameof(GrowthRate)} is {GrowthRate}: it must be finite and greater than -1.");
        }

        check.MarginRate(GrossMarginRate, nameof(GrossMarginRate));
        if (!Enum.IsDefined(ChurnCostMethod))
        {
            check.Add($"ChurnCostMethod is {(int)ChurnCostMethod}: allowed are LostValue, ReplacementCost, LesserOfLostValueAndReplacement and LostValuePlusReplacement.");
        }
        bool ratesValid = !check.HasProblems;
        foreach (NpsCategory category in Categories)
        {
            CategoryProfile? p = category switch
            {
                NpsCategory.Promoter => Promoters,
                NpsCategory.Passive => Passives,
                _ => Detractors,
            };
            string name = Plural(category);
            if (p is null)
            {
                check.Add($"{name} is null: give a CategoryProfile for every category.");
                continue;
            }

            check.Currency(p.SpendPerPeriod, $"{name}.SpendPerPeriod");
            check.NonNegative((double)p.SpendPerPeriod.Amount, $"{name}.SpendPerPeriod");
            if (p.CostToServePerPeriod is { } cost)
            {
                check.Currency(cost, $"{name}.CostToServePerPeriod");
                check.NonNegative((double)cost.Amount, $"{name}.CostToServePerPeriod");
            }

            if (p.WordOfMouthValue is { } wom)
            {
                check.Currency(wom, $"{name}.WordOfMouthValue");
            }

            bool retentionValid = double.IsFinite(p.Retention) && p.Retention is >= 0 and <= 1;
            check.Probability(p.Retention, $"{name}.Retention");
            if (ratesValid && retentionValid)
            {
                CustomerLifetimeValue.RequireConvergence(check, p.Retention, DiscountRate, GrowthRate, $"{name}: ");
            }
        }

        if (AcquisitionCost is { } ac)
        {
            check.Currency(ac, nameof(AcquisitionCost));
            check.NonNegative((double)ac.Amount, nameof(AcquisitionCost));
        }

        if (ReplacementCost is { } rc)
        {
            check.Currency(rc, nameof(ReplacementCost));
            check.NonNegative((double)rc.Amount, nameof(ReplacementCost));
        }

        check.ThrowIfAny("The customer value options", "options");
    }

    internal static ReadOnlySpan<NpsCategory> Categories => [NpsCategory.Promoter, NpsCategory.Passive, NpsCategory.Detractor];

    internal static string Plural(NpsCategory category) => category switch
    {
        NpsCategory.Promoter => nameof(Promoters),
        NpsCategory.Passive => nameof(Passives),
        _ => nameof(Detractors),
    };
}
