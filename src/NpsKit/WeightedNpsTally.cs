using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using NpsKit.Internal;

namespace NpsKit;

/// <summary>
/// The mergeable statistic of a weighted survey: per score 0..10, the number of answers, the sum of their
/// weights Σw and the sum of their squared weights Σw².
/// </summary>
/// <remarks>
/// <para>Survey weights (for example post-stratification weights that make a sample match the customer base)
/// change the estimate to the weighted NPS = 100 × (Σw promoters − Σw detractors) / Σw. The squared weights give
/// Kish's (1965, <i>Survey Sampling</i>, Wiley) effective sample size n_eff = (Σw)² / Σw², the size of an
/// unweighted sample with the same precision.</para>
/// <para>Tallies merge by addition. The unweighted counts merge exactly; the weight sums are IEEE doubles, so
/// merging in a different order may change them in the last bits (relative error about 1e−15 per addition).</para>
/// <para>Every statistic is invariant to scaling all weights by one factor, so the sums are kept rescaled by a power
/// of two (exactly, with the exponent held beside them): weights from 1e−300 to 1e300 give the same score, standard
/// error and effective sample size as the same weights scaled to around 1 — Σw² can neither overflow nor underflow.
/// Only the reported <see cref="SumOfSquaredWeights"/> of weights beyond about 1e154 is +∞, as the true value is.</para>
/// <para><c>default(WeightedNpsTally)</c> is the empty tally, equal to <see cref="Empty"/>; it has no score.
/// This type is an immutable value and is thread-safe.</para>
/// </remarks>
public readonly partial struct WeightedNpsTally :
    IEquatable<WeightedNpsTally>,
    IEqualityOperators<WeightedNpsTally, WeightedNpsTally, bool>,
    IAdditionOperators<WeightedNpsTally, WeightedNpsTally, WeightedNpsTally>,
    IAdditiveIdentity<WeightedNpsTally, WeightedNpsTally>
{
    private readonly Counts _counts;
    private readonly Sums _weights;
    private readonly Sums _squaredWeights;

    /// <summary>The binary exponent E: a true sum of weights is the stored sum × 2^E, of squared weights × 2^(2E).</summary>
    private readonly int _scale;

    private WeightedNpsTally(in Counts counts, in Sums weights, in Sums squaredWeights, int scale)
    {
        // Canonical form: stored Σw in [1, 2) (so equal true sums are stored equally), or everything 0 when empty.
        double total = SumRange(weights, 0, Nps.MaxScore);
        if (!(total > 0))
        {
            _counts = counts;
            return;
        }

        int k = Math.ILogB(total);
        Sums w = weights;
        Sums w2 = squaredWeights;
        if (k != 0)
        {
            for (int s = 0; s < Nps.ScaleLength; s++)
            {
                w[s] = Math.ScaleB(w[s], -k);
                w2[s] = Math.ScaleB(w2[s], -2 * k);
            }
        }

        _counts = counts;
        _weights = w;
        _squaredWeights = w2;
        _scale = scale + k;
    }

    /// <summary>Gets the empty weighted tally; the same as <c>default(WeightedNpsTally)</c> and the identity of <c>+</c>.</summary>
    public static WeightedNpsTally Empty => default;

    /// <summary>Gets the additive identity, <see cref="Empty"/>.</summary>
    static WeightedNpsTally IAdditiveIdentity<WeightedNpsTally, WeightedNpsTally>.AdditiveIdentity => default;

    /// <summary>Tallies weighted answers.</summary>
    /// <param name="scores">Answers, each from 0 to 10.</param>
    /// <param name="weights">One weight per answer, each finite and greater than zero.</param>
    /// <returns>The weighted tally.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0..10, or a weight is zero, negative, NaN or
    /// infinite; the message names the index and value.</exception>
    public static WeightedNpsTally FromResponses(ReadOnlySpan<int> scores, ReadOnlySpan<double> weights)
    {
        if (scores.Length != weights.Length)
        {
            ThrowHelper.LengthMismatch(nameof(scores), scores.Length, nameof(weights), weights.Length, nameof(weights));
        }

        Counts counts = default;
        Sums w = default;
        Sums w2 = default;
        double largest = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            int s = scores[i];
            double weight = weights[i];
            if (!Nps.IsValidScore(s))
            {
                ThrowHelper.ScoreOutOfRangeAt(s, i, nameof(scores));
            }

            if (!IsValidWeight(weight))
            {
                ThrowHelper.InvalidWeight(weight, i, nameof(weights));
            }

            largest = Math.Max(largest, weight);
        }

        // Sum weights scaled by 2^−E (E the exponent of the largest), so neither Σw nor Σw² can overflow.
        int scale = largest > 0 ? Math.ILogB(largest) : 0;
        for (int i = 0; i < scores.Length; i++)
        {
            int s = scores[i];
            double weight = Math.ScaleB(weights[i], -scale);
            counts[s]++;
            w[s] += weight;
            w2[s] += weight * weight;
        }

        return new WeightedNpsTally(counts, w, w2, scale);
    }

    /// <summary>Makes a weighted tally from per-score sums, as a database query returns them
    /// (<c>SELECT score, COUNT(*), SUM(w), SUM(w*w) … GROUP BY score</c>).</summary>
    /// <param name="counts">11 unweighted counts, one per score 0..10; each zero or more.</param>
    /// <param name="sumOfWeights">11 sums of weights; each finite, zero exactly when the count is zero, otherwise positive.</param>
    /// <param name="sumOfSquaredWeights">11 sums of squared weights; the same rules as <paramref name="sumOfWeights"/>.</param>
    /// <returns>The weighted tally.</returns>
    /// <exception cref="ArgumentException">A span does not have 11 elements, or a sum is inconsistent with its count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or a sum is negative, NaN or infinite.</exception>
    /// <exception cref="OverflowException">The counts add up to more than <see cref="long.MaxValue"/>.</exception>
    public static WeightedNpsTally FromSums(ReadOnlySpan<long> counts, ReadOnlySpan<double> sumOfWeights, ReadOnlySpan<double> sumOfSquaredWeights)
    {
        if (counts.Length != Nps.ScaleLength)
        {
            ThrowHelper.HistogramLength(counts.Length, nameof(counts));
        }

        if (sumOfWeights.Length != Nps.ScaleLength)
        {
            ThrowHelper.HistogramLength(sumOfWeights.Length, nameof(sumOfWeights));
        }

        if (sumOfSquaredWeights.Length != Nps.ScaleLength)
        {
            ThrowHelper.HistogramLength(sumOfSquaredWeights.Length, nameof(sumOfSquaredWeights));
        }

        _ = NpsTally.FromHistogram(counts); // validates signs and overflow
        Counts c = default;
        Sums w = default;
        Sums w2 = default;
        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            RequireSum(sumOfWeights[s], counts[s], s, "sum of weights", nameof(sumOfWeights));
            RequireSum(sumOfSquaredWeights[s], counts[s], s, "sum of squared weights", nameof(sumOfSquaredWeights));
            c[s] = counts[s];
            w[s] = sumOfWeights[s];
            w2[s] = sumOfSquaredWeights[s];
        }

        return new WeightedNpsTally(c, w, w2, 0);
    }

    /// <summary>A tally from per-score sums already scaled by 2^−<paramref name="exponent"/> (Σw) and 2^−2E (Σw²), as
    /// the cube keeps them; the caller guarantees they are consistent (sums from positive weights).</summary>
    internal static WeightedNpsTally FromScaledSums(ReadOnlySpan<long> counts, ReadOnlySpan<double> sumOfWeights, ReadOnlySpan<double> sumOfSquaredWeights, int exponent)
    {
        Counts c = default;
        Sums w = default;
        Sums w2 = default;
        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            c[s] = counts[s];
            w[s] = sumOfWeights[s];
            w2[s] = sumOfSquaredWeights[s];
        }

        return new WeightedNpsTally(c, w, w2, exponent);
    }

    /// <summary>Returns a tally with one more answer.</summary>
    /// <param name="score">The answer, from 0 to 10.</param>
    /// <param name="weight">Its weight: finite and greater than zero.</param>
    /// <returns>The new tally; this one is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0..10 or the weight is not finite and positive.</exception>
    public WeightedNpsTally AddResponse(int score, double weight)
    {
        if (!Nps.IsValidScore(score))
        {
            ThrowHelper.ScoreOutOfRange(score, nameof(score));
        }

        if (!IsValidWeight(weight))
        {
            ThrowHelper.InvalidWeight(weight, -1, nameof(weight));
        }

        // Bring this tally and the new weight to one exponent, the larger, before adding.
        int scale = HasScore ? Math.Max(_scale, Math.ILogB(weight)) : Math.ILogB(weight);
        Counts c = _counts;
        Sums w = default;
        Sums w2 = default;
        Rescaled(scale, ref w, ref w2);
        double scaled = Math.ScaleB(weight, -scale);
        c[score] = checked(c[score] + 1);
        w[score] += scaled;
        w2[score] += scaled * scaled;
        return new WeightedNpsTally(c, w, w2, scale);
    }

    /// <summary>Merges two weighted tallies by adding counts and weight sums per score.</summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>The merged tally.</returns>
    /// <exception cref="OverflowException">The total count would exceed <see cref="long.MaxValue"/>.</exception>
    public WeightedNpsTally Add(in WeightedNpsTally other)
    {
        if (unchecked(Count + other.Count) < 0)
        {
            ThrowHelper.CountOverflow("Merging weighted tallies");
        }

        int scale = !HasScore ? other._scale : !other.HasScore ? _scale : Math.Max(_scale, other._scale);
        Counts c = default;
        Sums w = default;
        Sums w2 = default;
        Sums ow = default;
        Sums ow2 = default;
        Rescaled(scale, ref w, ref w2);
        other.Rescaled(scale, ref ow, ref ow2);
        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            c[s] = _counts[s] + other._counts[s];
            w[s] += ow[s];
            w2[s] += ow2[s];
        }

        return new WeightedNpsTally(c, w, w2, scale);
    }

    /// <summary>Merges two weighted tallies; see <see cref="Add(in WeightedNpsTally)"/>.</summary>
    /// <param name="left">The first tally.</param>
    /// <param name="right">The second tally.</param>
    /// <returns>The merged tally.</returns>
    public static WeightedNpsTally operator +(WeightedNpsTally left, WeightedNpsTally right) => left.Add(right);

    /// <summary>Compares two weighted tallies for exact equality of counts and sums.</summary>
    /// <param name="left">The first tally.</param>
    /// <param name="right">The second tally.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(WeightedNpsTally left, WeightedNpsTally right) => left.Equals(right);

    /// <summary>Compares two weighted tallies for inequality.</summary>
    /// <param name="left">The first tally.</param>
    /// <param name="right">The second tally.</param>
    /// <returns><see langword="true"/> when any count or sum differs.</returns>
    public static bool operator !=(WeightedNpsTally left, WeightedNpsTally right) => !left.Equals(right);

    /// <summary>Gets the unweighted number of answers.</summary>
    public long Count
    {
        get
        {
            long n = 0;
            for (int s = 0; s < Nps.ScaleLength; s++)
            {
                n += _counts[s];
            }

            return n;
        }
    }

    /// <summary>Gets Σw, the sum of all weights.</summary>
    public double SumOfWeights => Math.ScaleB(SumRange(_weights, 0, Nps.MaxScore), _scale);

    /// <summary>Gets Σw², the sum of all squared weights.</summary>
    public double SumOfSquaredWeights => Math.ScaleB(SumRange(_squaredWeights, 0, Nps.MaxScore), 2 * _scale);

    /// <summary>Gets a value indicating whether the tally has any answers, and so a score.</summary>
    public bool HasScore => Count > 0;

    /// <summary>Gets the weighted Net Promoter Score: 100 × (Σw promoters − Σw detractors) / Σw, from −100 to +100.</summary>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double Score
    {
        get
        {
            if (!TryGetScore(out double score))
            {
                ThrowHelper.EmptyTally("weighted Net Promoter Score");
            }

            return score;
        }
    }

    /// <summary>Gets the weighted promoter share Σw promoters / Σw, from 0 to 1.</summary>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double PromoterShare => WeightedShare(NpsCategory.Promoter, "weighted promoter share");

    /// <summary>Gets the weighted passive share Σw passives / Σw, from 0 to 1.</summary>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double PassiveShare => WeightedShare(NpsCategory.Passive, "weighted passive share");

    /// <summary>Gets the weighted detractor share Σw detractors / Σw, from 0 to 1.</summary>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double DetractorShare => WeightedShare(NpsCategory.Detractor, "weighted detractor share");

    /// <summary>Gets Kish's effective sample size (Σw)² / Σw² (Kish 1965). Equals <see cref="Count"/> when all weights are equal.</summary>
    /// <exception cref="InvalidOperationException">The tally is empty.</exception>
    public double EffectiveSampleSize
    {
        get
        {
            if (!HasScore)
            {
                ThrowHelper.EmptyTally("effective sample size");
            }

            double w = SumRange(_weights, 0, Nps.MaxScore);
            return w * w / SumRange(_squaredWeights, 0, Nps.MaxScore);
        }
    }

    /// <summary>Gets the weighted score if the tally has any answers.</summary>
    /// <param name="score">The weighted NPS, from −100 to +100, when this returns <see langword="true"/>; otherwise 0.</param>
    /// <returns><see langword="true"/> when the tally is not empty.</returns>
    public bool TryGetScore(out double score)
    {
        if (!HasScore)
        {
            score = 0;
            return false;
        }

        double total = SumRange(_weights, 0, Nps.MaxScore);
        double promoters = ScaledWeightOf(NpsCategory.Promoter);
        double detractors = ScaledWeightOf(NpsCategory.Detractor);
        score = Math.Clamp(100.0 * (promoters - detractors) / total, -100.0, 100.0);
        return true;
    }

    /// <summary>Gets the unweighted number of answers of one score.</summary>
    /// <param name="score">A score from 0 to 10.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside 0..10.</exception>
    public long CountOf(int score)
    {
        if (!Nps.IsValidScore(score))
        {
            ThrowHelper.ScoreOutOfRange(score, nameof(score));
        }

        return _counts[score];
    }

    /// <summary>Gets Σw over the answers of one score.</summary>
    /// <param name="score">A score from 0 to 10.</param>
    /// <returns>The sum of weights.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside 0..10.</exception>
    public double SumOfWeightsOf(int score)
    {
        if (!Nps.IsValidScore(score))
        {
            ThrowHelper.ScoreOutOfRange(score, nameof(score));
        }

        return Math.ScaleB(_weights[score], _scale);
    }

    /// <summary>Gets Σw² over the answers of one score.</summary>
    /// <param name="score">A score from 0 to 10.</param>
    /// <returns>The sum of squared weights.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside 0..10.</exception>
    public double SumOfSquaredWeightsOf(int score)
    {
        if (!Nps.IsValidScore(score))
        {
            ThrowHelper.ScoreOutOfRange(score, nameof(score));
        }

        return Math.ScaleB(_squaredWeights[score], 2 * _scale);
    }

    /// <summary>Gets Σw over one category.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The sum of the weights of the answers in that category.</returns>
    public double WeightOf(NpsCategory category) => Math.ScaleB(ScaledWeightOf(category), _scale);

    /// <summary>Gets Σw² over one category.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The sum of the squared weights of the answers in that category (+∞ if it exceeds a double).</returns>
    public double SquaredWeightOf(NpsCategory category) => Math.ScaleB(ScaledSquaredWeightOf(category), 2 * _scale);

    /// <summary>Σw over one category in the stored scale (× 2^−E); ratios of these are the statistics.</summary>
    internal double ScaledWeightOf(NpsCategory category) => category switch
    {
        NpsCategory.Detractor => SumRange(_weights, 0, Nps.LowestPassiveScore - 1),
        NpsCategory.Passive => SumRange(_weights, Nps.LowestPassiveScore, Nps.LowestPromoterScore - 1),
        NpsCategory.Promoter => SumRange(_weights, Nps.LowestPromoterScore, Nps.MaxScore),
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Allowed are NpsCategory.Detractor, Passive and Promoter."),
    };

    /// <summary>Σw² over one category in the stored scale (× 2^−2E).</summary>
    internal double ScaledSquaredWeightOf(NpsCategory category) => category switch
    {
        NpsCategory.Detractor => SumRange(_squaredWeights, 0, Nps.LowestPassiveScore - 1),
        NpsCategory.Passive => SumRange(_squaredWeights, Nps.LowestPassiveScore, Nps.LowestPromoterScore - 1),
        NpsCategory.Promoter => SumRange(_squaredWeights, Nps.LowestPromoterScore, Nps.MaxScore),
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Allowed are NpsCategory.Detractor, Passive and Promoter."),
    };

    /// <summary>The binary exponent E of the stored sums (true Σw = stored × 2^E).</summary>
    internal int Exponent => _scale;

    /// <summary>Σw over one category × 2^−<paramref name="exponent"/>, rescaled exactly (a power of two) so that sums of
    /// tallies with different exponents can be combined without overflow.</summary>
    internal double WeightOf(NpsCategory category, int exponent) => Math.ScaleB(ScaledWeightOf(category), _scale - exponent);

    /// <summary>Σw² over one category × 2^−2·<paramref name="exponent"/> (see <see cref="WeightOf(NpsCategory, int)"/>).</summary>
    internal double SquaredWeightOf(NpsCategory category, int exponent) => Math.ScaleB(ScaledSquaredWeightOf(category), 2 * (_scale - exponent));

    /// <summary>Gets the unweighted tally of the same answers (weights dropped).</summary>
    public NpsTally Unweighted
    {
        get
        {
            Span<long> c = stackalloc long[Nps.ScaleLength];
            for (int s = 0; s < Nps.ScaleLength; s++)
            {
                c[s] = _counts[s];
            }

            return NpsTally.FromValidatedHistogram(c);
        }
    }

    /// <summary>Tells whether <paramref name="other"/> holds exactly the same counts and sums (bitwise equal doubles).</summary>
    /// <param name="other">The tally to compare with.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(WeightedNpsTally other)
    {
        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            if (_counts[s] != other._counts[s]
                || !_weights[s].Equals(other._weights[s])
                || !_squaredWeights[s].Equals(other._squaredWeights[s]))
            {
                return false;
            }
        }

        return _scale == other._scale;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WeightedNpsTally other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            hash.Add(_counts[s]);
            hash.Add(_weights[s]);
            hash.Add(_squaredWeights[s]);
        }

        hash.Add(_scale);

        return hash.ToHashCode();
    }

    /// <summary>Describes the tally in invariant culture, e.g. <c>weighted NPS +12.3 (n = 400, effective n = 311.2)</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => TryGetScore(out double score)
        ? string.Create(CultureInfo.InvariantCulture, $"weighted NPS {score:+0.0;-0.0;0.0} (n = {Count}, effective n = {EffectiveSampleSize:0.0})")
        : "weighted NPS n/a (n = 0)";

    internal static bool IsValidWeight(double weight) => double.IsFinite(weight) && weight > 0;

    private double WeightedShare(NpsCategory category, string what)
    {
        if (!HasScore)
        {
            ThrowHelper.EmptyTally(what);
        }

        return ScaledWeightOf(category) / SumRange(_weights, 0, Nps.MaxScore);
    }

    /// <summary>Copies the sums rescaled to exponent <paramref name="scale"/> (≥ this tally's) into the buffers.</summary>
    private void Rescaled(int scale, ref Sums weights, ref Sums squaredWeights)
    {
        int shift = _scale - scale;
        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            weights[s] = Math.ScaleB(_weights[s], shift);
            squaredWeights[s] = Math.ScaleB(_squaredWeights[s], 2 * shift);
        }
    }

    private static double SumRange(in Sums sums, int from, int to)
    {
        double total = 0;
        for (int s = from; s <= to; s++)
        {
            total += sums[s];
        }

        return total;
    }

    private static void RequireSum(double sum, long count, int score, string what, string paramName)
    {
        if (!double.IsFinite(sum) || sum < 0)
        {
            ThrowHelper.InvalidSum(string.Create(CultureInfo.InvariantCulture, $"The {what} for score {score}"), sum, paramName);
        }

        if ((count == 0) != (sum == 0))
        {
            ThrowHelper.Argument(
                string.Create(CultureInfo.InvariantCulture, $"The {what} for score {score} is {sum} but its count is {count}: a sum must be zero exactly when the count is zero."),
                paramName);
        }
    }

    [InlineArray(Nps.ScaleLength)]
    private struct Counts
    {
        private long _element0;
    }

    [InlineArray(Nps.ScaleLength)]
    private struct Sums
    {
        private double _element0;
    }
}
