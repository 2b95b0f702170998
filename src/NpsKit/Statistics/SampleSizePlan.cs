using NpsKit.Internal;
using NpsKit.Statistics.Internal;

namespace NpsKit.Statistics;

/// <summary>Survey planning: how many answers a margin of error or a detectable change needs, and the margin of error of a given n.</summary>
/// <remarks>
/// <para>Margins and differences are in NPS points (e.g. 5 for ±5 points). On the −1..1 scale, with e = margin/100,
/// z = Φ⁻¹((1 + level)/2) and V = p + d − (p − d)² from <see cref="PlanningShares"/>:</para>
/// <list type="bullet">
/// <item>n for a margin of error: n₀ = z²V/e² (Cochran 1977, <i>Sampling Techniques</i>, 3rd ed., Wiley, ch. 4, applied to the trinomial mean);</item>
/// <item>n per group to detect a change δ with power 1 − β: n = (z₁₋α/₂ + z₁₋β)² (V₁ + V₂)/δ² (the normal-approximation
/// power formula for two independent means, e.g. Chow, Shao &amp; Wang 2008, <i>Sample Size Calculations in Clinical Research</i>, ch. 3);</item>
/// <item>finite population of N: n = n₀ / (1 + (n₀ − 1)/N), and the margin shrinks by √((N − n)/(N − 1)) (Cochran 1977, ch. 2 and 4).</item>
/// </list>
/// <para>Sample sizes are rounded up. All methods are pure and thread-safe.</para>
/// </remarks>
public static class SampleSizePlan
{
    /// <summary>The number of answers for a margin of error (the half-width of the Wald interval) at a level.</summary>
    /// <param name="marginOfError">The margin in NPS points, greater than 0 and at most 200 (e.g. 5 for ±5 points).</param>
    /// <param name="level">The confidence level, strictly between 0 and 1. Default 0.95.</param>
    /// <param name="shares">The assumed shares; <see langword="null"/> (default) for <see cref="PlanningShares.WorstCase"/>.</param>
    /// <param name="populationSize">The size N of a finite population being surveyed without replacement (e.g. all
    /// 800 employees), at least 1; <see langword="null"/> (default) for an infinite population.</param>
    /// <returns>The sample size, at least 1 (and at most <paramref name="populationSize"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range, or the answer exceeds <see cref="long.MaxValue"/>.</exception>
    /// <example><code>SampleSizePlan.ForMarginOfError(5);   // 1 537 answers for ±5 points at 95%, worst case</code></example>
    public static long ForMarginOfError(double marginOfError, double level = 0.95, PlanningShares? shares = null, long? populationSize = null)
    {
        double e = RequireMargin(marginOfError, nameof(marginOfError));
        NpsTally.RequireLevel(level, nameof(level));
        RequirePopulation(populationSize);
        double z = Numerics.TwoSidedCritical(level);
        double v = (shares ?? PlanningShares.WorstCase).UnitVariance;
        double n0 = z * z * v / (e * e);
        return Finish(n0, populationSize, nameof(marginOfError));
    }

    /// <summary>The number of answers per group to detect a change of the NPS between two independent samples.</summary>
    /// <param name="difference">The smallest change worth detecting, in NPS points; not 0, at most 200 in size.</param>
    /// <param name="level">The confidence level 1 − α of the two-sided test, strictly between 0 and 1. Default 0.95.</param>
    /// <param name="power">The probability 1 − β of detecting the change, strictly between 0 and 1. Default 0.8.</param>
    /// <param name="baselineShares">The baseline group's shares; <see langword="null"/> for <see cref="PlanningShares.WorstCase"/>.</param>
    /// <param name="currentShares">The other group's shares; <see langword="null"/> for the baseline's.</param>
    /// <param name="populationSize">A finite population per group, at least 1; <see langword="null"/> for infinite.</param>
    /// <returns>The sample size per group.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range, or the answer exceeds <see cref="long.MaxValue"/>.</exception>
    public static long PerGroupForDifference(double difference, double level = 0.95, double power = 0.8, PlanningShares? baselineShares = null, PlanningShares? currentShares = null, long? populationSize = null)
    {
        double delta = RequireMargin(Math.Abs(difference), nameof(difference));
        NpsTally.RequireLevel(level, nameof(level));
        if (!(power > 0 && power < 1))
        {
            ThrowHelper.OutOfRange(power, "power", "it must lie strictly between 0 and 1, for example 0.8", nameof(power));
        }

        RequirePopulation(populationSize);
        PlanningShares b = baselineShares ?? PlanningShares.WorstCase;
        PlanningShares c = currentShares ?? b;
        double z = Numerics.TwoSidedCritical(level) + Numerics.NormalQuantile(power);
        double n0 = z * z * (b.UnitVariance + c.UnitVariance) / (delta * delta);
        return Finish(n0, populationSize, nameof(difference));
    }

    /// <summary>
    /// The power of the two-sided two-sample test to detect a change of <paramref name="difference"/> points with
    /// <paramref name="perGroup"/> answers in each group — the inverse of <see cref="PerGroupForDifference"/>.
    /// </summary>
    /// <remarks>
    /// With σ = √((V₁ + V₂)/n) on the −1..1 scale and δ = difference/100, power = Φ(|δ|/σ − z₁₋α/₂) + Φ(−|δ|/σ − z₁₋α/₂)
    /// (the normal-approximation power of the Wald test for two independent means; Chow, Shao &amp; Wang 2008, ch. 3;
    /// the second term, the chance of rejecting in the wrong direction, is what <see cref="PerGroupForDifference"/>
    /// neglects, so the power at the n it returns is at least the power asked for). Pure and thread-safe.
    /// </remarks>
    /// <param name="perGroup">Answers per group, at least 2.</param>
    /// <param name="difference">The true change in NPS points; not 0, at most 200 in size.</param>
    /// <param name="level">The confidence level 1 − α of the test, strictly between 0 and 1. Default 0.95.</param>
    /// <param name="baselineShares">The baseline group's shares; <see langword="null"/> for <see cref="PlanningShares.WorstCase"/>.</param>
    /// <param name="currentShares">The other group's shares; <see langword="null"/> for the baseline's.</param>
    /// <returns>The probability of a significant result, above α and at most 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    /// <example><code>SampleSizePlan.Power(400, 10);   // 0.29: 400 per group detect a 10-point change 29% of the time (worst case)</code></example>
    public static double Power(long perGroup, double difference, double level = 0.95, PlanningShares? baselineShares = null, PlanningShares? currentShares = null)
    {
        if (perGroup < 2)
        {
            ThrowHelper.OutOfRange(perGroup, "sample size per group", "it must be at least 2", nameof(perGroup));
        }

        double delta = RequireMargin(Math.Abs(difference), nameof(difference));
        NpsTally.RequireLevel(level, nameof(level));
        PlanningShares b = baselineShares ?? PlanningShares.WorstCase;
        PlanningShares c = currentShares ?? b;
        double sigma = Math.Sqrt((b.UnitVariance + c.UnitVariance) / perGroup);
        double z = Numerics.TwoSidedCritical(level);
        double shift = delta / sigma;
        return Math.Min(1, Numerics.NormalUpperTail(z - shift) + Numerics.NormalUpperTail(z + shift));
    }

    /// <summary>The margin of error (Wald half-width) of a sample of <paramref name="sampleSize"/> answers.</summary>
    /// <param name="sampleSize">The number of answers, at least 1 (at most <paramref name="populationSize"/>).</param>
    /// <param name="level">The confidence level, strictly between 0 and 1. Default 0.95.</param>
    /// <param name="shares">The assumed shares; <see langword="null"/> for <see cref="PlanningShares.WorstCase"/>.</param>
    /// <param name="populationSize">A finite population, at least <paramref name="sampleSize"/>; <see langword="null"/> for infinite.</param>
    /// <returns>z·√(V/n)·√((N − n)/(N − 1)) in NPS points.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    /// <example><code>SampleSizePlan.MarginOfError(400);   // 9.8 points at 95%, worst case</code></example>
    public static double MarginOfError(long sampleSize, double level = 0.95, PlanningShares? shares = null, long? populationSize = null)
    {
        if (sampleSize < 1)
        {
            ThrowHelper.OutOfRange(sampleSize, "sample size", "it must be at least 1", nameof(sampleSize));
        }

        NpsTally.RequireLevel(level, nameof(level));
        RequirePopulation(populationSize);
        if (populationSize is { } big && sampleSize > big)
        {
            ThrowHelper.OutOfRange(sampleSize, "sample size", $"it cannot exceed the population size {big}", nameof(sampleSize));
        }

        double v = (shares ?? PlanningShares.WorstCase).UnitVariance;
        double fpc = populationSize is { } N && N > 1 ? Math.Sqrt((double)(N - sampleSize) / (N - 1)) : 1;
        return 100 * Numerics.TwoSidedCritical(level) * Math.Sqrt(v / sampleSize) * fpc;
    }

    private static long Finish(double n0, long? populationSize, string paramName)
    {
        double n = populationSize is { } N ? n0 / (1 + ((n0 - 1) / N)) : n0;

        // 2^63 is the first double past long.MaxValue: a larger answer cannot be returned, so refuse it rather than
        // saturate to long.MaxValue.
        if (!(n < 9.2233720368547758E18))
        {
            ThrowHelper.OutOfRange(
                n0,
                "required sample size",
                "it exceeds what a long holds (9223372036854775807 answers); ask for a larger " + (paramName == "difference" ? "difference" : "margin of error"),
                paramName);
        }

        // Guard against 1537.0000000001 rounding up to 1538 from floating-point noise.
        long rounded = (long)Math.Ceiling(n - (1e-9 * Math.Max(1, n)));
        rounded = Math.Max(1, rounded);
        return populationSize is { } cap ? Math.Min(rounded, cap) : rounded;
    }

    private static double RequireMargin(double points, string paramName)
    {
        if (!(points > 0 && points <= 200))
        {
            ThrowHelper.OutOfRange(points, paramName == "difference" ? "difference to detect" : "margin of error", "it must be a finite number of NPS points greater than 0 and at most 200 (e.g. 5 for ±5 points)", paramName);
        }

        return points / 100;
    }

    private static void RequirePopulation(long? populationSize)
    {
        if (populationSize is { } n && n < 1)
        {
            ThrowHelper.OutOfRange(n, "population size", "it must be at least 1, or null for an infinite population", nameof(populationSize));
        }
    }
}
