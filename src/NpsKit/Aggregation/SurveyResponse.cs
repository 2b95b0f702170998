using System.Collections.ObjectModel;
using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>
/// One survey answer as a row: who answered, when, the 0–10 score, the segments it belongs to (region, department,
/// team, touchpoint, channel…), and an optional survey weight and comment.
/// </summary>
/// <remarks>
/// <para>The convenient, row-oriented form. For millions of answers, load them into a columnar
/// <see cref="ResponseTable"/> (about 10–16 bytes per answer) or stream them into an <see cref="NpsCubeBuilder"/>
/// (memory per cell, not per row).</para>
/// <para>This type is immutable and thread-safe; the constructor copies the segments.</para>
/// </remarks>
public sealed class SurveyResponse
{
    private static readonly ReadOnlyDictionary<string, string> NoSegments = new(new Dictionary<string, string>());

    /// <summary>Makes a response, validating the score and the weight.</summary>
    /// <param name="respondentId">Who answered, or <see langword="null"/> when unknown.</param>
    /// <param name="submittedAt">When the answer was given (any offset; only the instant matters).</param>
    /// <param name="score">The answer, 0 to 10.</param>
    /// <param name="segments">Segment values by dimension name (e.g. <c>region → North</c>); <see langword="null"/> for none.
    /// Values must not be <see langword="null"/>.</param>
    /// <param name="weight">A survey weight, finite and greater than zero, or <see langword="null"/> for an unweighted answer.</param>
    /// <param name="comment">The free-text comment, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside 0..10, or <paramref name="weight"/>
    /// is zero, negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">A segment value is <see langword="null"/>.</exception>
    public SurveyResponse(
        string? respondentId,
        DateTimeOffset submittedAt,
        int score,
        IReadOnlyDictionary<string, string>? segments = null,
        double? weight = null,
        string? comment = null)
    {
        if (!Nps.IsValidScore(score))
        {
            ThrowHelper.ScoreOutOfRange(score, nameof(score));
        }

        if (weight is double w && !(double.IsFinite(w) && w > 0))
        {
            ThrowHelper.InvalidWeight(w, -1, nameof(weight));
        }

        if (segments is not null)
        {
            foreach (KeyValuePair<string, string> kv in segments)
            {
                if (kv.Value is null)
                {
                    ThrowHelper.NullSegmentValue(kv.Key, -1, nameof(segments));
                }
            }
        }

        RespondentId = respondentId;
        SubmittedAt = submittedAt;
        Score = score;
        Segments = segments is null || segments.Count == 0 ? NoSegments : new ReadOnlyDictionary<string, string>(segments.ToDictionary(StringComparer.Ordinal));
        Weight = weight;
        Comment = comment;
    }

    /// <summary>Gets who answered, or <see langword="null"/> when unknown.</summary>
    public string? RespondentId { get; }

    /// <summary>Gets when the answer was given.</summary>
    public DateTimeOffset SubmittedAt { get; }

    /// <summary>Gets the answer, 0 to 10.</summary>
    public int Score { get; }

    /// <summary>Gets the answer's category.</summary>
    public NpsCategory Category => Nps.Classify(Score);

    /// <summary>Gets the segment values by dimension name (ordinal, case-sensitive); empty when none.</summary>
    public IReadOnlyDictionary<string, string> Segments { get; }

    /// <summary>Gets the survey weight, or <see langword="null"/> for an unweighted answer.</summary>
    public double? Weight { get; }

    /// <summary>Gets the comment, or <see langword="null"/>.</summary>
    public string? Comment { get; }

    /// <summary>Describes the response, e.g. <c>C000123 2026-03-05T10:00:00.0000000+00:00 score 9 (region=North)</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"{RespondentId ?? "(anonymous)"} {SubmittedAt:O} score {Score}{(Segments.Count == 0 ? string.Empty : " (" + string.Join(", ", Segments.Select(kv => kv.Key + "=" + kv.Value)) + ")")}";
}
