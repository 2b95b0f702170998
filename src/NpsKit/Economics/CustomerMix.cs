using NpsKit.Economics.Internal;
using NpsKit.Internal;

namespace NpsKit.Economics;

/// <summary>
/// How many customers of a customer base are promoters, passives and detractors, as (possibly fractional)
/// expected numbers, with the detractors who answered 0–4 when the scores are known.
/// </summary>
/// <remarks>
/// <para>A survey is a sample; its category shares, applied to the size of the customer base, give the mix
/// (<see cref="FromSample"/>). The shares are uncertain; <see cref="EconomicsUncertainty"/> carries that
/// uncertainty into every money figure.</para>
/// <para>This type is an immutable value and is thread-safe.</para>
/// </remarks>
public readonly record struct CustomerMix
{
    private CustomerMix(double promoters, double passives, double detractors, double lowDetractors, bool hasScoreDetail)
    {
        Promoters = promoters;
        Passives = passives;
        Detractors = detractors;
        DetractorsScoring0To4 = lowDetractors;
        HasScoreDetail = hasScoreDetail;
    }

    /// <summary>Gets the number of promoters.</summary>
    public double Promoters { get; }

    /// <summary>Gets the number of passives.</summary>
    public double Passives { get; }

    /// <summary>Gets the number of detractors (answers 0–6).</summary>
    public double Detractors { get; }

    /// <summary>Gets the number of detractors who answered 0 to 4; meaningful only when <see cref="HasScoreDetail"/>.</summary>
    public double DetractorsScoring0To4 { get; }

    /// <summary>Gets a value indicating whether <see cref="DetractorsScoring0To4"/> is known.</summary>
    public bool HasScoreDetail { get; }

    /// <summary>Gets the number of customers.</summary>
    public double Total => Promoters + Passives + Detractors;

    /// <summary>Gets the Net Promoter Score of the mix, −100 to 100.</summary>
    /// <exception cref="InvalidOperationException">The mix is empty.</exception>
    public double Score => Total > 0
        ? 100.0 * (Promoters - Detractors) / Total
        : throw new InvalidOperationException("The customer mix is empty (no customers), so it has no Net Promoter Score.");

    /// <summary>Makes a mix from numbers of customers per category.</summary>
    /// <param name="promoters">Promoters, zero or more.</param>
    /// <param name="passives">Passives, zero or more.</param>
    /// <param name="detractors">Detractors, zero or more.</param>
    /// <returns>The mix, without score detail.</returns>
    /// <exception cref="InvalidAssumptionsException">A number is negative or not finite; all are listed.</exception>
    public static CustomerMix FromCounts(double promoters, double passives, double detractors)
    {
        var check = new AssumptionCheck();
        check.Count(promoters, nameof(promoters));
        check.Count(passives, nameof(passives));
        check.Count(detractors, nameof(detractors));
        check.ThrowIfAny("The customer mix", nameof(promoters));
        return new CustomerMix(promoters, passives, detractors, 0, false);
    }

    /// <summary>Makes a mix from a survey sample and the size of the customer base it represents.</summary>
    /// <param name="sample">The survey tally; not empty.</param>
    /// <param name="customerBase">The number of customers the sample represents, zero or more.</param>
    /// <returns>customerBase × each category share; with <see cref="DetractorsScoring0To4"/> when the tally has score detail.</returns>
    /// <exception cref="ArgumentException"><paramref name="sample"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customerBase"/> is negative.</exception>
    public static CustomerMix FromSample(NpsTally sample, long customerBase)
    {
        if (!sample.HasScore)
        {
            ThrowHelper.EmptySample(nameof(sample));
        }

        if (customerBase < 0)
        {
            ThrowHelper.NegativeCount("customers in the base", customerBase, nameof(customerBase));
        }

        double n = sample.Count;
        double low = 0;
        if (sample.HasScoreDetail)
        {
            for (int s = 0; s <= 4; s++)
            {
                low += sample.CountOf(s);
            }
        }

        return FromShares(sample.Promoters / n, sample.Passives / n, (sample.Detractors - low) / n, low / n, sample.HasScoreDetail, customerBase);
    }

    /// <summary>Builds a mix from shares already known to be valid (used by the uncertainty draws).</summary>
    internal static CustomerMix FromShares(double promoters, double passives, double otherDetractors, double lowDetractors, bool hasScoreDetail, double customerBase) =>
        new(promoters * customerBase, passives * customerBase, (otherDetractors + lowDetractors) * customerBase, lowDetractors * customerBase, hasScoreDetail);

    /// <summary>Returns the number of customers in one category.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="category"/> is not a defined value.</exception>
    public double CountOf(NpsCategory category) => category switch
    {
        NpsCategory.Promoter => Promoters,
        NpsCategory.Passive => Passives,
        NpsCategory.Detractor => Detractors,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Allowed are NpsCategory.Detractor, Passive and Promoter."),
    };

    /// <summary>Describes the mix in invariant culture, e.g. <c>49440 promoters, 38160 passives, 32400 detractors (11400 of them 0–4)</c>.</summary>
    /// <returns>A one-line description; never throws, even for an empty mix.</returns>
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Promoters:0.##} promoters, {Passives:0.##} passives, {Detractors:0.##} detractors{(HasScoreDetail ? $" ({DetractorsScoring0To4:0.##} of them 0–4)" : string.Empty)}");

    /// <summary>Returns a mix with <paramref name="count"/> customers moved from one category to another.</summary>
    internal CustomerMix Move(NpsCategory from, NpsCategory to, double count)
    {
        double p = Promoters, pa = Passives, d = Detractors, low = DetractorsScoring0To4;
        if (from == NpsCategory.Detractor && d > 0)
        {
            // Moved detractors are taken proportionally from the 0–4 and 5–6 groups.
            low -= count * (low / d);
        }

        Adjust(ref p, ref pa, ref d, from, -count);
        Adjust(ref p, ref pa, ref d, to, count);
        return new CustomerMix(p, pa, d, Math.Max(0, low), HasScoreDetail);
    }

    /// <summary>Returns the mix without the detractors who answered 0–4.</summary>
    internal CustomerMix WithoutLowDetractors() =>
        new(Promoters, Passives, Detractors - DetractorsScoring0To4, 0, HasScoreDetail);

    private static void Adjust(ref double p, ref double pa, ref double d, NpsCategory category, double delta)
    {
        switch (category)
        {
            case NpsCategory.Promoter: p += delta; break;
            case NpsCategory.Passive: pa += delta; break;
            default: d = Math.Max(0, d + delta); break;
        }
    }
}
