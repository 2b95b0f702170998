using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using NpsKit.Internal;
using NpsKit.Scoring;

namespace NpsKit;

/// <summary>
/// The exact, mergeable statistic behind every Net Promoter figure: how many answers fell on each score 0..10.
/// </summary>
/// <remarks>
/// <para>The NPS, the category shares, the mean score, and every variance, interval and test NpsKit reports
/// depend only on these counts. Tallies therefore merge by addition: <c>a + b</c> is associative and commutative,
/// and <see cref="Empty"/> is the identity. Partial tallies from threads, files, machines or a database's
/// <c>GROUP BY score</c> combine exactly.</para>
/// <para>A tally may also hold answers known only by category (see <see cref="FromCounts"/>), for sources that
/// report promoters, passives and detractors but not the individual scores. Such answers count in every
/// category figure and the NPS; the per-score detail is then unknown for their category
/// (<see cref="HasScoreDetail"/>), and <see cref="MeanScore"/> is unavailable.</para>
/// <para><c>default(NpsTally)</c> is the empty tally, equal to <see cref="Empty"/>. An empty tally has no score:
/// <see cref="Score"/> throws, <see cref="HasScore"/> is <see langword="false"/> and <see cref="TryGetScore"/>
/// returns <see langword="false"/>; NpsKit never reports NaN.</para>
/// <para>Counts are 64-bit. Any construction or merge whose total would exceed <see cref="long.MaxValue"/>
/// throws <see cref="OverflowException"/> rather than wrapping.</para>
/// <para>This type is an immutable value and is thread-safe. It is 112 bytes; pass it by <see langword="in"/>
/// on hot paths.</para>
/// </remarks>
public readonly partial struct NpsTally :
    IEquatable<NpsTally>,
    IEqualityOperators<NpsTally, NpsTally, bool>,
    IAdditionOperators<NpsTally, NpsTally, NpsTally>,
    IAdditiveIdentity<NpsTally, NpsTally>
{
    /// <summary>Slots 0..10: answers per score; slots 11..13: answers known only as detractor, passive, promoter.</summary>
    private const int SlotCount = Nps.ScaleLength + 3;
    private const int CategoryOnlyBase = Nps.ScaleLength;

    private readonly Slots _slots;

    private NpsTally(in Slots slots) => _slots = slots;

    /// <summary>Gets the empty tally: no answers. The same as <c>default(NpsTally)</c> and the identity of <c>+</c>.</summary>
    public static NpsTally Empty => default;

    /// <summary>Gets the additive identity, <see cref="Empty"/> (for generic math).</summary>
    static NpsTally IAdditiveIdentity<NpsTally, NpsTally>.AdditiveIdentity => default;

    /// <summary>Tallies answers given as bytes, one per answer.</summary>
    /// <param name="scores">Answers, each from 0 to 10. Large spans are counted with SIMD instructions.</param>
    /// <returns>The tally of the answers; <see cref="Empty"/> for an empty span.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A byte is above 10; the message names its index and value.</exception>
    /// <example><code>var tally = NpsTally.FromScores(new byte[] { 10, 9, 7, 3 }); // NPS +25</code></example>
    public static NpsTally FromScores(ReadOnlySpan<byte> scores)
    {
        Span<long> counts = stackalloc long[Nps.ScaleLength];
        long bad = ScoreCounter.Count(scores, counts);
        if (bad >= 0)
        {
            ThrowHelper.ScoreOutOfRangeAt(scores[(int)bad], bad, nameof(scores));
        }

        return FromValidatedHistogram(counts);
    }

    /// <summary>Tallies answers given as integers, one per answer.</summary>
    /// <param name="scores">Answers, each from 0 to 10.</param>
    /// <returns>The tally of the answers; <see cref="Empty"/> for an empty span.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An answer is outside 0..10; the message names its index and value.</exception>
    public static NpsTally FromScores(ReadOnlySpan<int> scores)
    {
        Span<long> counts = stackalloc long[Nps.ScaleLength];
        long bad = ScoreCounter.Count(scores, counts);
        if (bad >= 0)
        {
            ThrowHelper.ScoreOutOfRangeAt(scores[(int)bad], bad, nameof(scores));
        }

        return FromValidatedHistogram(counts);
    }

    /// <summary>Tallies answers from any sequence of integers.</summary>
    /// <param name="scores">Answers, each from 0 to 10.</param>
    /// <returns>The tally of the answers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An answer is outside 0..10; the message names its index and value.</exception>
    public static NpsTally FromScores(IEnumerable<int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        Slots slots = default;
        long index = 0;
        foreach (int score in scores)
        {
            if (!Nps.IsValidScore(score))
            {
                ThrowHelper.ScoreOutOfRangeAt(score, index, nameof(scores));
            }

            slots[score]++;
            index++;
        }

        return new NpsTally(slots);
    }

    /// <summary>
    /// Makes a tally from category counts alone, for sources that report promoters, passives and detractors but
    /// not the individual scores.
    /// </summary>
    /// <param name="promoters">The number of promoters (answers 9–10); zero or more.</param>
    /// <param name="passives">The number of passives (answers 7–8); zero or more.</param>
    /// <param name="detractors">The number of detractors (answers 0–6); zero or more.</param>
    /// <returns>A tally whose category counts are as given and whose <see cref="HasScoreDetail"/> is
    /// <see langword="false"/> unless all three counts are zero.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    /// <exception cref="OverflowException">The three counts add up to more than <see cref="long.MaxValue"/>.</exception>
    public static NpsTally FromCounts(long promoters, long passives, long detractors)
    {
        RequireNonNegative(promoters, "promoters", nameof(promoters));
        RequireNonNegative(passives, "passives", nameof(passives));
        RequireNonNegative(detractors, "detractors", nameof(detractors));
        _ = CheckedSum(CheckedSum(promoters, passives, "FromCounts"), detractors, "FromCounts");

        Slots slots = default;
        slots[CategoryOnlyBase + (int)NpsCategory.Detractor] = detractors;
        slots[CategoryOnlyBase + (int)NpsCategory.Passive] = passives;
        slots[CategoryOnlyBase + (int)NpsCategory.Promoter] = promoters;
        return new NpsTally(slots);
    }

    /// <summary>Makes a tally from the number of answers on each score, as a <c>GROUP BY score</c> returns them.</summary>
    /// <param name="countsByScore">Exactly 11 counts: element <c>s</c> is the number of answers of score <c>s</c>;
    /// each zero or more.</param>
    /// <returns>The tally with exactly these counts.</returns>
    /// <exception cref="ArgumentException">The span does not have 11 elements.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative; the message names the score.</exception>
    /// <exception cref="OverflowException">The counts add up to more than <see cref="long.MaxValue"/>.</exception>
    public static NpsTally FromHistogram(ReadOnlySpan<long> countsByScore)
    {
        if (countsByScore.Length != Nps.ScaleLength)
        {
            ThrowHelper.HistogramLength(countsByScore.Length, nameof(countsByScore));
        }

        long total = 0;
        for (int s = 0; s < countsByScore.Length; s++)
        {
            long c = countsByScore[s];
            if (c < 0)
            {
                ThrowHelper.NegativeCount(string.Create(CultureInfo.InvariantCulture, $"score {s}"), c, nameof(countsByScore));
            }

            total = CheckedSum(total, c, "FromHistogram");
        }

        return FromValidatedHistogram(countsByScore);
    }

    /// <summary>Gets the total number of answers.</summary>
    public long Count
    {
        get
        {
            long total = 0;
            for (int i = 0; i < SlotCount; i++)
            {
                total += _slots[i];
            }

            return total;
        }
    }

    /// <summary>Gets the number of promoters: answers of 9 or 10 (including promoters known only by category).</summary>
    public long Promoters => _slots[9] + _slots[10] + _slots[CategoryOnlyBase + (int)NpsCategory.Promoter];

    /// <summary>Gets the number of passives: answers of 7 or 8 (including passives known only by category).</summary>
    public long Passives => _slots[7] + _slots[8] + _slots[CategoryOnlyBase + (int)NpsCategory.Passive];

    /// <summary>Gets the number of detractors: answers of 0 to 6 (including detractors known only by category).</summary>
    public long Detractors =>
        _slots[0] + _slots[1] + _slots[2] + _slots[3] + _slots[4] + _slots[5] + _slots[6]
        + _slots[CategoryOnlyBase + (int)NpsCategory.Detractor];

    /// <summary>Gets a value indicating whether the tally has any answers, and so a score.</summary>
    public bool HasScore => Count > 0;

    /// <summary>
    /// Gets a value indicating whether every answer's exact score is known, so that <see cref="CountOf(int)"/>
    /// and <see cref="MeanScore"/> are available for all scores. <see langword="false"/> only when the tally holds
    /// answers made with <see cref="FromCounts"/>.
    /// </summary>
    public bool HasScoreDetail =>
        _slots[CategoryOnlyBase] == 0 && _slots[CategoryOnlyBase + 1] == 0 && _slots[CategoryOnlyBase + 2] == 0;

    /// <summary>Gets the Net Promoter Score: 100 × (promoters − detractors) / count, from −100 to +100.</summary>
    /// <remarks>Reichheld (2003). Computed as <c>100.0 * (Promoters - Detractors) / Count</c>.</remarks>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double Score
    {
        get
        {
            if (!TryGetScore(out double score))
            {
                ThrowHelper.EmptyTally("Net Promoter Score");
            }

            return score;
        }
    }

    /// <summary>Gets the promoters' share of all answers, from 0 to 1.</summary>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double PromoterShare => Share(Promoters, "promoter share");

    /// <summary>Gets the passives' share of all answers, from 0 to 1.</summary>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double PassiveShare => Share(Passives, "passive share");

    /// <summary>Gets the detractors' share of all answers, from 0 to 1.</summary>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double DetractorShare => Share(Detractors, "detractor share");

    /// <summary>Gets the arithmetic mean of the answers on the 0–10 scale.</summary>
    /// <exception cref="InvalidOperationException">The tally is empty, or holds answers known only by category
    /// (<see cref="HasScoreDetail"/> is <see langword="false"/>).</exception>
    public double MeanScore
    {
        get
        {
            if (!HasScore)
            {
                ThrowHelper.EmptyTally("mean score");
            }

            if (!HasScoreDetail)
            {
                ThrowHelper.NoScoreDetail("mean score");
            }

            _ = TryGetMeanScore(out double mean);
            return mean;
        }
    }

    /// <summary>Gets the Net Promoter Score if the tally has any answers.</summary>
    /// <param name="score">The score from −100 to +100 when this method returns <see langword="true"/>; otherwise 0.</param>
    /// <returns><see langword="true"/> when the tally is not empty.</returns>
    public bool TryGetScore(out double score)
    {
        long n = Count;
        if (n == 0)
        {
            score = 0;
            return false;
        }

        score = 100.0 * (Promoters - Detractors) / n;
        return true;
    }

    /// <summary>Gets the mean answer if the tally has answers and all their scores are known.</summary>
    /// <param name="mean">The mean from 0 to 10 when this method returns <see langword="true"/>; otherwise 0.</param>
    /// <returns><see langword="true"/> when the tally is not empty and <see cref="HasScoreDetail"/> is <see langword="true"/>.</returns>
    public bool TryGetMeanScore(out double mean)
    {
        long n = Count;
        if (n == 0 || !HasScoreDetail)
        {
            mean = 0;
            return false;
        }

        Int128 sum = 0;
        for (int s = 1; s < Nps.ScaleLength; s++)
        {
            sum += (Int128)_slots[s] * s;
        }

        mean = (double)sum / n;
        return true;
    }

    /// <summary>Gets the number of answers of one score.</summary>
    /// <param name="score">A score from 0 to 10.</param>
    /// <returns>The number of answers with exactly that score.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside 0..10.</exception>
    /// <exception cref="InvalidOperationException">The tally holds answers of <paramref name="score"/>'s category
    /// known only by category, so the count for the single score is unknown.</exception>
    public long CountOf(int score)
    {
        NpsCategory category = Nps.Classify(score);
        if (_slots[CategoryOnlyBase + (int)category] != 0)
        {
            ThrowHelper.NoScoreDetail(string.Create(CultureInfo.InvariantCulture, $"count of score {score}"));
        }

        return _slots[score];
    }

    /// <summary>Gets the number of answers in one category.</summary>
    /// <param name="category">The category.</param>
    /// <returns><see cref="Promoters"/>, <see cref="Passives"/> or <see cref="Detractors"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="category"/> is not a defined value.</exception>
    public long CountOf(NpsCategory category) => category switch
    {
        NpsCategory.Detractor => Detractors,
        NpsCategory.Passive => Passives,
        NpsCategory.Promoter => Promoters,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Allowed are NpsCategory.Detractor, Passive and Promoter."),
    };

    /// <summary>Copies the number of answers per score 0..10 into <paramref name="destination"/>.</summary>
    /// <param name="destination">A span of at least 11 elements.</param>
    /// <returns><see langword="false"/> (and nothing copied) when <see cref="HasScoreDetail"/> is <see langword="false"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 11.</exception>
    public bool TryCopyHistogramTo(Span<long> destination)
    {
        if (destination.Length < Nps.ScaleLength)
        {
            ThrowHelper.HistogramLength(destination.Length, nameof(destination));
        }

        if (!HasScoreDetail)
        {
            return false;
        }

        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            destination[s] = _slots[s];
        }

        return true;
    }

    /// <summary>Returns a tally with <paramref name="count"/> more answers of <paramref name="score"/>.</summary>
    /// <param name="score">A score from 0 to 10.</param>
    /// <param name="count">How many answers to add; zero or more. Default 1.</param>
    /// <returns>The new tally; this one is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside 0..10 or <paramref name="count"/> is negative.</exception>
    /// <exception cref="OverflowException">The total would exceed <see cref="long.MaxValue"/>.</exception>
    public NpsTally AddScore(int score, long count = 1)
    {
        if (!Nps.IsValidScore(score))
        {
            ThrowHelper.ScoreOutOfRange(score, nameof(score));
        }

        RequireNonNegative(count, "answers to add", nameof(count));
        _ = CheckedSum(Count, count, "AddScore");
        Slots slots = _slots;
        slots[score] += count;
        return new NpsTally(slots);
    }

    /// <summary>Merges two tallies: the counts are added score by score.</summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>The merged tally. The operation is associative and commutative, with <see cref="Empty"/> as identity.</returns>
    /// <exception cref="OverflowException">The total would exceed <see cref="long.MaxValue"/>.</exception>
    public NpsTally Add(in NpsTally other)
    {
        _ = CheckedSum(Count, other.Count, "Merging tallies");
        Slots slots = default;
        for (int i = 0; i < SlotCount; i++)
        {
            slots[i] = _slots[i] + other._slots[i];
        }

        return new NpsTally(slots);
    }

    /// <summary>Merges many tallies.</summary>
    /// <param name="tallies">The tallies to merge.</param>
    /// <returns>Their sum; <see cref="Empty"/> when there are none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tallies"/> is <see langword="null"/>.</exception>
    /// <exception cref="OverflowException">The total would exceed <see cref="long.MaxValue"/>.</exception>
    public static NpsTally Sum(IEnumerable<NpsTally> tallies)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        NpsTally total = Empty;
        foreach (NpsTally t in tallies)
        {
            total = total.Add(t);
        }

        return total;
    }

    /// <summary>Merges two tallies; see <see cref="Add(in NpsTally)"/>.</summary>
    /// <param name="left">The first tally.</param>
    /// <param name="right">The second tally.</param>
    /// <returns>The merged tally.</returns>
    /// <exception cref="OverflowException">The total would exceed <see cref="long.MaxValue"/>.</exception>
    public static NpsTally operator +(NpsTally left, NpsTally right) => left.Add(right);

    /// <summary>Compares two tallies for equality of every count.</summary>
    /// <param name="left">The first tally.</param>
    /// <param name="right">The second tally.</param>
    /// <returns><see langword="true"/> when the tallies hold the same counts.</returns>
    public static bool operator ==(NpsTally left, NpsTally right) => left.Equals(right);

    /// <summary>Compares two tallies for inequality.</summary>
    /// <param name="left">The first tally.</param>
    /// <param name="right">The second tally.</param>
    /// <returns><see langword="true"/> when any count differs.</returns>
    public static bool operator !=(NpsTally left, NpsTally right) => !left.Equals(right);

    /// <summary>Tells whether <paramref name="other"/> holds exactly the same counts, per score and per category-only slot.</summary>
    /// <param name="other">The tally to compare with.</param>
    /// <returns><see langword="true"/> when all counts are equal.</returns>
    public bool Equals(NpsTally other)
    {
        for (int i = 0; i < SlotCount; i++)
        {
            if (_slots[i] != other._slots[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NpsTally other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        for (int i = 0; i < SlotCount; i++)
        {
            hash.Add(_slots[i]);
        }

        return hash.ToHashCode();
    }

    /// <summary>Describes the tally in invariant culture, e.g. <c>NPS +25.0 (n = 4: 2 promoters, 1 passive, 1 detractor)</c>.</summary>
    /// <returns>A one-line description; <c>NPS n/a (n = 0)</c> for an empty tally.</returns>
    public override string ToString()
    {
        if (!TryGetScore(out double score))
        {
            return "NPS n/a (n = 0)";
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"NPS {score:+0.0;-0.0;0.0} (n = {Count}: {Promoters} {Plural(Promoters, "promoter")}, {Passives} {Plural(Passives, "passive")}, {Detractors} {Plural(Detractors, "detractor")})");
    }

    /// <summary>Gets the answers known only by category (made with <see cref="FromCounts"/>), for serializers.</summary>
    internal long CategoryOnlyCount(NpsCategory category) => _slots[CategoryOnlyBase + (int)category];

    /// <summary>Gets the raw per-score slot without the category-only check, for serializers and aggregation.</summary>
    internal long ScoreSlot(int score) => _slots[score];

    /// <summary>Builds a tally from 11 counts already known to be non-negative and to sum within range.</summary>
    internal static NpsTally FromValidatedHistogram(ReadOnlySpan<long> counts)
    {
        Slots slots = default;
        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            slots[s] = counts[s];
        }

        return new NpsTally(slots);
    }

    /// <summary>Builds a tally from 11 score counts and 3 category-only counts, validating both.</summary>
    internal static NpsTally FromParts(ReadOnlySpan<long> countsByScore, long categoryOnlyPromoters, long categoryOnlyPassives, long categoryOnlyDetractors)
    {
        NpsTally detail = FromHistogram(countsByScore);
        NpsTally categories = FromCounts(categoryOnlyPromoters, categoryOnlyPassives, categoryOnlyDetractors);
        return detail + categories;
    }

    private double Share(long part, string what)
    {
        long n = Count;
        if (n == 0)
        {
            ThrowHelper.EmptyTally(what);
        }

        return (double)part / n;
    }

    private static string Plural(long n, string word) => n == 1 ? word : word + "s";

    private static void RequireNonNegative(long count, string what, string paramName)
    {
        if (count < 0)
        {
            ThrowHelper.NegativeCount(what, count, paramName);
        }
    }

    private static long CheckedSum(long a, long b, string operation)
    {
        long sum = unchecked(a + b);
        if (sum < 0)
        {
            ThrowHelper.CountOverflow(operation);
        }

        return sum;
    }

    [InlineArray(SlotCount)]
    private struct Slots
    {
        private long _element0;
    }
}
