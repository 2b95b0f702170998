using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NpsKit.Internal;

/// <summary>Messages for the statistics area.</summary>
internal static partial class ThrowHelper
{
    [DoesNotReturn]
    public static void InvalidLevel(double level, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            level,
            string.Format(Invariant, "The confidence level is {0}: it must lie strictly between 0 and 1, for example 0.95 for a 95% interval.", level));

    [DoesNotReturn]
    public static void EmptyTallyFor(string what, string paramName) =>
        throw new InvalidOperationException(
            string.Format(Invariant, "The tally '{0}' is empty (no responses), so it has no {1}. Check HasScore first.", paramName, what));

    [DoesNotReturn]
    public static void UnsupportedMethod(string method, string operation, string allowed, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            method,
            string.Format(Invariant, "{0} does not support the method {1}; allowed are {2}.", operation, method, allowed));

    [DoesNotReturn]
    public static void TooFewAnswers(long count, long minimum, string what) =>
        throw new InvalidOperationException(
            string.Format(Invariant, "The weighted tally has {0} answer(s); its {1} needs at least {2} (the n/(n - 1) factor of the design-based variance). Check Count first.", count, what, minimum));

    [DoesNotReturn]
    public static void OutOfRange(double value, string what, string allowed, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            value,
            string.Format(Invariant, "The {0} is {1}: {2}.", what, value.ToString("R", CultureInfo.InvariantCulture), allowed));
}
