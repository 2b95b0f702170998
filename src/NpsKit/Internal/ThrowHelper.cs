using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NpsKit.Internal;

/// <summary>
/// The one place exception messages are written: each says what was wrong, where, what is allowed and how to fix it.
/// </summary>
internal static partial class ThrowHelper
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [DoesNotReturn]
    public static void ScoreOutOfRange(long score, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            score,
            string.Format(Invariant, "Score {0} is not on the Net Promoter scale: allowed are the integers {1} to {2} inclusive.", score, Nps.MinScore, Nps.MaxScore));

    [DoesNotReturn]
    public static void ScoreOutOfRangeAt(long score, long index, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            score,
            string.Format(Invariant, "The score at index {0} is {1}, which is not on the Net Promoter scale: allowed are the integers {2} to {3} inclusive.", index, score, Nps.MinScore, Nps.MaxScore));

    [DoesNotReturn]
    public static void NegativeCount(string what, long count, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            count,
            string.Format(Invariant, "The count of {0} is {1}: counts must be zero or positive.", what, count));

    [DoesNotReturn]
    public static void HistogramLength(int length, string paramName) =>
        throw new ArgumentException(
            string.Format(Invariant, "A score histogram needs exactly {0} counts, one for each score 0..10 in order; {1} were given.", Nps.ScaleLength, length),
            paramName);

    [DoesNotReturn]
    public static void CountOverflow(string operation) =>
        throw new OverflowException(
            string.Format(Invariant, "{0} would make a count exceed {1} (Int64.MaxValue); the counts were left unchanged.", operation, long.MaxValue));

    [DoesNotReturn]
    public static void EmptyTally(string what) =>
        throw new InvalidOperationException(
            string.Format(Invariant, "The tally is empty (no responses), so it has no {0}. Check HasScore first, or use the TryGet method.", what));

    [DoesNotReturn]
    public static void NoScoreDetail(string what) =>
        throw new InvalidOperationException(
            string.Format(Invariant, "The tally holds responses known only by category (made with FromCounts or merged with such a tally), so its {0} is unknown. Check HasScoreDetail first.", what));

    [DoesNotReturn]
    public static void InvalidWeight(double weight, long index, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            weight,
            index < 0
                ? string.Format(Invariant, "The weight is {0}: weights must be finite and greater than zero.", weight)
                : string.Format(Invariant, "The weight at index {0} is {1}: weights must be finite and greater than zero.", index, weight));

    [DoesNotReturn]
    public static void LengthMismatch(string first, int firstLength, string second, int secondLength, string paramName) =>
        throw new ArgumentException(
            string.Format(Invariant, "{0} has {1} elements but {2} has {3}: they must be the same length, one weight per score.", first, firstLength, second, secondLength),
            paramName);

    [DoesNotReturn]
    public static void InvalidSum(string what, double value, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            value,
            string.Format(Invariant, "{0} is {1}: it must be finite and zero or positive.", what, value));

    [DoesNotReturn]
    public static void Argument(string message, string paramName) => throw new ArgumentException(message, paramName);
}
