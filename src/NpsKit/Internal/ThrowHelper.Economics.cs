using System.Diagnostics.CodeAnalysis;
using NpsKit.Economics;

namespace NpsKit.Internal;

/// <summary>Exception messages for the economics area.</summary>
internal static partial class ThrowHelper
{
    [DoesNotReturn]
    public static void CurrencyMismatch(string first, string second, string operation) =>
        throw new InvalidOperationException(
            string.Format(Invariant, "Cannot {0} {1} and {2} amounts: NpsKit never converts or mixes currencies. Convert one amount to the other currency first, or keep the figures apart.", operation, first, second));

    [DoesNotReturn]
    public static void InvalidCurrency(string currency, string paramName) =>
        throw new ArgumentException(
            string.Format(Invariant, "Currency code '{0}' is not an ISO 4217 code: use exactly three letters, such as USD, EUR or GBP.", currency),
            paramName);

    [DoesNotReturn]
    public static void InvalidAssumptions(string what, IReadOnlyList<string> problems, string paramName) =>
        throw new InvalidAssumptionsException(what, problems, paramName);

    [DoesNotReturn]
    public static void EmptySample(string paramName) =>
        throw new ArgumentException(
            "The sample tally is empty (no responses), so it gives no category shares to value. Pass a tally with at least one response.",
            paramName);

    [DoesNotReturn]
    public static void NotEnoughCustomers(string source, double needed, double available, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            string.Format(Invariant, "The scenario needs to move {0:0.##} {1} but the customer mix has only {2:0.##}. Ask for fewer NPS points, or use the other lever.", needed, source, available));

    [DoesNotReturn]
    public static void NoScoreDetailForScenario() =>
        throw new InvalidOperationException(
            "Losing the detractors who answered 0 to 4 needs per-score counts, but the tally holds answers known only by category (made with NpsTally.FromCounts). Build the tally from scores or a histogram.");
}
