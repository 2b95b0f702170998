using NpsKit.Aggregation;

namespace NpsKit.Cli;

/// <summary>
/// Reads a period given on the command line with <see cref="ReportingPeriod.Parse(string, int)"/>, the inverse of the
/// labels every command prints, and says what is wrong in CLI words (the flag, the value, what is allowed).
/// </summary>
internal static class PeriodOption
{
    private const string LibraryPrefix = " is not a reporting period: ";

    /// <summary>The period <paramref name="text"/> names.</summary>
    /// <param name="text">The value given.</param>
    /// <param name="option">The flag it was given with, e.g. <c>--period</c>.</param>
    /// <param name="fiscalYearStartMonth">The month fiscal years start in, for FY labels.</param>
    /// <exception cref="UsageException">The text is not a period label, or names no period.</exception>
    public static ReportingPeriod Parse(string text, string option, int fiscalYearStartMonth = 1)
    {
        try
        {
            return ReportingPeriod.Parse(text, fiscalYearStartMonth);
        }
        catch (FormatException ex)
        {
            // The library says "'x' is not a reporting period: <reason>."; the CLI names the flag instead.
            int at = ex.Message.IndexOf(LibraryPrefix, StringComparison.Ordinal);
            string reason = at >= 0 ? ex.Message[(at + LibraryPrefix.Length)..] : ex.Message;
            throw new UsageException($"{option} {text} is not a period: {reason}");
        }
    }
}
