using System.Globalization;

namespace NpsKit.Internal;

/// <summary>Builds <see cref="OptionProblem"/>s whose texts are formatted with the invariant culture, for the options
/// types' <c>Validate()</c>.</summary>
internal static class OptionProblems
{
    /// <summary>Adds a problem: the member, its value as text, what is wrong, what is allowed and the whole sentence.</summary>
    public static void Add(List<OptionProblem> problems, string member, string? value, FormattableString reason, FormattableString allowed, FormattableString message) =>
        problems.Add(new(member, value, reason.ToString(CultureInfo.InvariantCulture), allowed.ToString(CultureInfo.InvariantCulture), message.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The value as invariant text.</summary>
    public static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
