using System.Diagnostics.CodeAnalysis;

namespace NpsKit.Internal;

/// <summary>Messages for the eNPS area. Scores, comments and attribute values are personal data: they appear only when
/// the caller opts in (<c>EnpsReportOptions.IncludeRawValuesInExceptions</c>).</summary>
internal static partial class ThrowHelper
{
    [DoesNotReturn]
    public static void SuppressedCell(string key, string what) =>
        throw new InvalidOperationException(
            string.Format(Invariant, "Cell '{0}' is suppressed by the anonymity policy, so its {1} is not published. Check IsSuppressed (or HasRespondentCount) first, or use the TryGet method; Reason says why.", key, what));

    [DoesNotReturn]
    public static void BadOrgTree(string message) =>
        throw new ArgumentException("Invalid org tree: " + message, "units");

    [DoesNotReturn]
    public static void BadResponse(long index, string problem, string? rawValue, bool includeRaw) =>
        throw new ArgumentException(
            string.Format(Invariant, "The response at index {0} {1}{2}", index, problem, includeRaw && rawValue is not null ? " (value: '" + rawValue + "')." : ". The value is not shown (eNPS answers are personal data); set EnpsReportOptions.IncludeRawValuesInExceptions to see it."),
            "responses");
}
