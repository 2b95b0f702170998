using System.Globalization;
using NpsKit.Internal;

namespace NpsKit.Statistics;

/// <summary>
/// The promoter and detractor shares assumed when planning a survey; they fix the unit variance
/// V = p + d − (p − d)² that sample sizes depend on.
/// </summary>
/// <remarks>
/// When nothing is known use <see cref="WorstCase"/> (p = d = ½, V = 1, the largest possible). A previous survey's
/// tally gives realistic shares (<see cref="FromTally"/>) and usually a much smaller n. Immutable and thread-safe;
/// <c>default</c> is the all-passive case V = 0, so always make values with a factory.
/// </remarks>
public readonly record struct PlanningShares
{
    private PlanningShares(double promoterShare, double detractorShare)
    {
        PromoterShare = promoterShare;
        DetractorShare = detractorShare;
    }

    /// <summary>Gets the worst case p = d = ½ (no passives), whose unit variance 1 is the maximum over all shares.</summary>
    public static PlanningShares WorstCase { get; } = new(0.5, 0.5);

    /// <summary>Gets the assumed promoter share, from 0 to 1.</summary>
    public double PromoterShare { get; }

    /// <summary>Gets the assumed detractor share, from 0 to 1.</summary>
    public double DetractorShare { get; }

    /// <summary>Gets the assumed passive share 1 − p − d.</summary>
    public double PassiveShare => Math.Max(0, 1 - PromoterShare - DetractorShare);

    /// <summary>Gets the unit variance V = p + d − (p − d)² on the −1..1 scale (0 to 1).</summary>
    public double UnitVariance => Math.Max(0, PromoterShare + DetractorShare - ((PromoterShare - DetractorShare) * (PromoterShare - DetractorShare)));

    /// <summary>Makes planning shares from assumed promoter and detractor shares.</summary>
    /// <param name="promoterShare">The promoter share, from 0 to 1.</param>
    /// <param name="detractorShare">The detractor share, from 0 to 1; with <paramref name="promoterShare"/> at most 1.</param>
    /// <returns>The shares.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A share is outside 0..1, not finite, or the two add up to more than 1.</exception>
    public static PlanningShares From(double promoterShare, double detractorShare)
    {
        if (!(promoterShare >= 0 && promoterShare <= 1))
        {
            ThrowHelper.OutOfRange(promoterShare, "promoter share", "it must be a finite share from 0 to 1", nameof(promoterShare));
        }

        if (!(detractorShare >= 0 && detractorShare <= 1))
        {
            ThrowHelper.OutOfRange(detractorShare, "detractor share", "it must be a finite share from 0 to 1", nameof(detractorShare));
        }

        if (promoterShare + detractorShare > 1 + 1e-12)
        {
            ThrowHelper.OutOfRange(
                detractorShare,
                "detractor share",
                string.Create(CultureInfo.InvariantCulture, $"with a promoter share of {promoterShare} the two shares add up to more than 1; the passive share 1 - p - d cannot be negative"),
                nameof(detractorShare));
        }

        return new PlanningShares(promoterShare, detractorShare);
    }

    /// <summary>Takes the shares observed in a previous survey.</summary>
    /// <param name="tally">A non-empty tally.</param>
    /// <returns>Its promoter and detractor shares.</returns>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public static PlanningShares FromTally(NpsTally tally) => new(tally.PromoterShare, tally.DetractorShare);
}
