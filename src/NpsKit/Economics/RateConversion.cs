namespace NpsKit.Economics;

/// <summary>
/// Explicit conversions of rates and per-period amounts between periods, so that monthly and yearly figures are
/// never mixed silently: convert first, then build the model in one period.
/// </summary>
/// <remarks>
/// <para>Retention converts geometrically under a constant per-period hazard: r<sub>to</sub> = r<sub>from</sub><sup>k</sup>
/// with k = months(to) / months(from), so a monthly retention of 0.98 is a yearly retention of 0.98<sup>12</sup> ≈ 0.785.
/// Churn is 1 − retention. Discount and growth rates compound: (1 + i)<sup>k</sup> − 1. Amounts per period (spend,
/// margin, cost to serve) scale linearly: a × k.</para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class RateConversion
{
    /// <summary>Converts a retention probability (the chance a customer stays for one more period) to another period.</summary>
    /// <param name="retention">The retention per <paramref name="from"/> period, from 0 to 1.</param>
    /// <param name="from">The period <paramref name="retention"/> refers to.</param>
    /// <param name="to">The period wanted.</param>
    /// <returns>The retention per <paramref name="to"/> period: retention<sup>k</sup>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retention"/> is outside [0, 1] or not finite, or a period is undefined.</exception>
    /// <example><code>RateConversion.ConvertRetention(0.98, RatePeriod.Month, RatePeriod.Year) // 0.7847</code></example>
    public static double ConvertRetention(double retention, RatePeriod from, RatePeriod to)
    {
        RequireProbability(retention, nameof(retention));
        return Math.Pow(retention, Ratio(from, to));
    }

    /// <summary>Converts a churn probability (the chance a customer leaves within one period) to another period.</summary>
    /// <param name="churn">The churn per <paramref name="from"/> period, from 0 to 1.</param>
    /// <param name="from">The period <paramref name="churn"/> refers to.</param>
    /// <param name="to">The period wanted.</param>
    /// <returns>1 − (1 − churn)<sup>k</sup>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="churn"/> is outside [0, 1] or not finite, or a period is undefined.</exception>
    public static double ConvertChurn(double churn, RatePeriod from, RatePeriod to)
    {
        RequireProbability(churn, nameof(churn));
        return 1 - Math.Pow(1 - churn, Ratio(from, to));
    }

    /// <summary>Converts a discount (or growth) rate per period to another period, compounding.</summary>
    /// <param name="rate">The rate per <paramref name="from"/> period; greater than −1.</param>
    /// <param name="from">The period <paramref name="rate"/> refers to.</param>
    /// <param name="to">The period wanted.</param>
    /// <returns>(1 + rate)<sup>k</sup> − 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is −1 or less or not finite, or a period is undefined.</exception>
    public static double ConvertCompoundRate(double rate, RatePeriod from, RatePeriod to)
    {
        if (!double.IsFinite(rate) || rate <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A compounding rate must be finite and greater than -1 (a rate of -1 or less would wipe out all value in one period).");
        }

        return Math.Pow(1 + rate, Ratio(from, to)) - 1;
    }

    /// <summary>Converts an amount per period (spend, margin, cost to serve) to another period, linearly.</summary>
    /// <param name="amount">The amount per <paramref name="from"/> period.</param>
    /// <param name="from">The period <paramref name="amount"/> refers to.</param>
    /// <param name="to">The period wanted.</param>
    /// <returns>amount × months(to) / months(from), in the same currency.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A period is undefined.</exception>
    public static Money ConvertAmount(Money amount, RatePeriod from, RatePeriod to)
    {
        RequirePeriod(from, nameof(from));
        RequirePeriod(to, nameof(to));
        return amount * ((decimal)(int)to / (int)from);
    }

    internal static bool IsDefined(RatePeriod period) => period is RatePeriod.Month or RatePeriod.Quarter or RatePeriod.Year;

    private static double Ratio(RatePeriod from, RatePeriod to)
    {
        RequirePeriod(from, nameof(from));
        RequirePeriod(to, nameof(to));
        return (double)(int)to / (int)from;
    }

    private static void RequirePeriod(RatePeriod period, string paramName)
    {
        if (!IsDefined(period))
        {
            throw new ArgumentOutOfRangeException(paramName, period, "Allowed are RatePeriod.Month, Quarter and Year.");
        }
    }

    private static void RequireProbability(double p, string paramName)
    {
        if (!double.IsFinite(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(paramName, p, "A probability must be a finite number from 0 to 1 inclusive.");
        }
    }
}
