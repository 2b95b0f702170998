namespace NpsKit.TestUtilities;

/// <summary>One generated survey answer.</summary>
/// <param name="RespondentId">A stable respondent id such as <c>C004211</c>.</param>
/// <param name="SubmittedAt">When the answer was given (UTC offset).</param>
/// <param name="Score">The 0–10 answer.</param>
/// <param name="Region">Region segment.</param>
/// <param name="Department">Department responsible for the touchpoint.</param>
/// <param name="Touchpoint">The touchpoint that triggered the survey.</param>
/// <param name="Channel">The channel the survey was sent through.</param>
public readonly record struct SyntheticResponse(
    string RespondentId,
    DateTimeOffset SubmittedAt,
    byte Score,
    string Region,
    string Department,
    string Touchpoint,
    string Channel);

/// <summary>
/// Deterministic, realistic synthetic NPS data: a believable score distribution per segment, a slow trend, a
/// seasonal dip, and repeat respondents. The same seed always gives the same rows.
/// </summary>
public static class SyntheticResponses
{
    /// <summary>The regions used.</summary>
    public static readonly IReadOnlyList<string> Regions = ["North", "South", "East", "West", "Central"];

    /// <summary>The departments used, with their baseline NPS.</summary>
    public static readonly IReadOnlyList<(string Name, double BaseNps)> Departments =
    [
        ("Sales", 32), ("Support", 18), ("Billing", -4), ("Delivery", 24), ("Onboarding", 41),
    ];

    /// <summary>The touchpoints used.</summary>
    public static readonly IReadOnlyList<string> Touchpoints = ["Purchase", "Support case", "Store visit", "Renewal"];

    /// <summary>The channels used.</summary>
    public static readonly IReadOnlyList<string> Channels = ["Email", "SMS", "Web"];

    /// <summary>Generates <paramref name="count"/> responses spread over <paramref name="months"/> months from <paramref name="start"/>.</summary>
    /// <param name="count">How many rows.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="start">The first instant (inclusive).</param>
    /// <param name="months">How many calendar months the data spans.</param>
    /// <returns>The rows in time order.</returns>
    public static IEnumerable<SyntheticResponse> Generate(int count, ulong seed, DateTimeOffset start, int months)
    {
        var rng = new SplitMix64(seed);
        DateTimeOffset end = start.AddMonths(months);
        long spanTicks = (end - start).Ticks;
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++)
        {
            offsets[i] = (long)(rng.NextDouble() * spanTicks) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond;
        }

        Array.Sort(offsets);
        int customers = Math.Max(1, count * 2 / 3);
        for (int i = 0; i < count; i++)
        {
            DateTimeOffset at = start.AddTicks(offsets[i]);
            int region = rng.NextInt(Regions.Count);
            int department = rng.NextInt(Departments.Count);
            int touchpoint = rng.NextInt(Touchpoints.Count);
            int channel = rng.NextWeighted([0.6, 0.15, 0.25]);
            double progress = (double)offsets[i] / spanTicks;
            double targetNps = Departments[department].BaseNps
                + (8 * progress)                       // slow improvement over the period
                - (at.Month is 12 or 1 ? 6 : 0)         // seasonal dip in the holiday rush
                + ((region - 2) * 2.5)                  // regional spread
                + (touchpoint == 1 ? -7 : 0);           // support cases score lower
            byte score = DrawScore(rng, targetNps);
            string respondent = "C" + rng.NextInt(customers).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            yield return new SyntheticResponse(
                respondent, at, score, Regions[region], Departments[department].Name, Touchpoints[touchpoint], Channels[channel]);
        }
    }

    /// <summary>Draws one score whose category probabilities give <paramref name="targetNps"/> on average.</summary>
    /// <param name="rng">The generator.</param>
    /// <param name="targetNps">The intended NPS, −100..100.</param>
    /// <returns>A score 0..10.</returns>
    public static byte DrawScore(SplitMix64 rng, double targetNps)
    {
        double t = Math.Clamp(targetNps, -90, 90) / 100.0;
        double passive = 0.30 * (1 - Math.Abs(t));
        double promoter = Math.Clamp((1 - passive + t) / 2, 0, 1);
        double detractor = Math.Max(0, 1 - passive - promoter);
        int category = rng.NextWeighted([detractor, passive, promoter]);
        return category switch
        {
            0 => (byte)rng.NextWeighted([0.05, 0.02, 0.03, 0.06, 0.08, 0.30, 0.46]),
            1 => (byte)(7 + rng.NextWeighted([0.42, 0.58])),
            _ => (byte)(9 + rng.NextWeighted([0.45, 0.55])),
        };
    }

    /// <summary>Generates <paramref name="count"/> scores quickly, for benchmarks of tallying.</summary>
    /// <param name="count">How many scores.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>Scores 0..10 with a realistic distribution (NPS around +20).</returns>
    public static byte[] Scores(int count, ulong seed)
    {
        var rng = new SplitMix64(seed);
        byte[] scores = new byte[count];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = DrawScore(rng, 20);
        }

        return scores;
    }
}
