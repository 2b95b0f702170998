using NpsKit.Internal;

namespace NpsKit;

/// <summary>
/// Entry points for single answers on the 0–10 Net Promoter scale: validation and classification.
/// </summary>
/// <remarks>
/// <para>The Net Promoter Score (Reichheld 2003) is the percentage of promoters (9–10) minus the percentage of
/// detractors (0–6), a number from −100 to +100. To score many answers, build an <see cref="NpsTally"/>.</para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class Nps
{
    /// <summary>The lowest answer on the scale: 0 ("not at all likely").</summary>
    public const int MinScore = 0;

    /// <summary>The highest answer on the scale: 10 ("extremely likely").</summary>
    public const int MaxScore = 10;

    /// <summary>The number of distinct answers on the scale (0..10 inclusive): 11.</summary>
    public const int ScaleLength = MaxScore - MinScore + 1;

    /// <summary>The lowest score classified as <see cref="NpsCategory.Passive"/>: 7.</summary>
    public const int LowestPassiveScore = 7;

    /// <summary>The lowest score classified as <see cref="NpsCategory.Promoter"/>: 9.</summary>
    public const int LowestPromoterScore = 9;

    /// <summary>Classifies one answer on the 0–10 scale.</summary>
    /// <param name="score">The answer; must be an integer from 0 to 10 inclusive.</param>
    /// <returns><see cref="NpsCategory.Detractor"/> for 0–6, <see cref="NpsCategory.Passive"/> for 7–8 and
    /// <see cref="NpsCategory.Promoter"/> for 9–10.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is below 0 or above 10; the message
    /// names the value and the allowed range.</exception>
    /// <example><code>Nps.Classify(9) // NpsCategory.Promoter</code></example>
    public static NpsCategory Classify(int score)
    {
        if (!IsValidScore(score))
        {
            ThrowHelper.ScoreOutOfRange(score, nameof(score));
        }

        return score >= LowestPromoterScore ? NpsCategory.Promoter
            : score >= LowestPassiveScore ? NpsCategory.Passive
            : NpsCategory.Detractor;
    }

    /// <summary>Tells whether <paramref name="score"/> is a valid answer on the 0–10 scale.</summary>
    /// <param name="score">Any integer.</param>
    /// <returns><see langword="true"/> when 0 ≤ <paramref name="score"/> ≤ 10.</returns>
    public static bool IsValidScore(int score) => (uint)score <= MaxScore;

    /// <summary>Tries to classify one answer without throwing.</summary>
    /// <param name="score">Any integer.</param>
    /// <param name="category">The category when <paramref name="score"/> is on the scale; otherwise
    /// <see cref="NpsCategory.Detractor"/>, which must then be ignored.</param>
    /// <returns><see langword="true"/> when <paramref name="score"/> is from 0 to 10.</returns>
    public static bool TryClassify(int score, out NpsCategory category)
    {
        if (!IsValidScore(score))
        {
            category = default;
            return false;
        }

        category = Classify(score);
        return true;
    }
}
