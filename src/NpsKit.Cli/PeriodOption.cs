using System.CommandLine;
using NpsKit.Aggregation;

namespace NpsKit.Cli;

/// <summary>
/// Reads a period given on the command line with <see cref="ReportingPeriod.Parse(string, int)"/>, the inverse of the
/// labels every command prints, and says what is wrong in CLI words (the flag, the value, what is allowed).
/// </summary>
internal static class PeriodOption
{
    private const string LibraryPrefix = " is not a reporting period: ";

    /// <summary>The <c>--per</c> values and the units they name.</summary>
    public static readonly IReadOnlyDictionary<string, PeriodUnit> Units = new Dictionary<string, PeriodUnit>(StringComparer.OrdinalIgnoreCase)
    {
        ["day"] = PeriodUnit.Day,
        ["week"] = PeriodUnit.IsoWeek,
        ["month"] = PeriodUnit.Month,
        ["quarter"] = PeriodUnit.Quarter,
        ["year"] = PeriodUnit.Year,
        ["fiscal-quarter"] = PeriodUnit.FiscalQuarter,
        ["fiscal-year"] = PeriodUnit.FiscalYear,
    };

    /// <summary>The <c>--per</c>/<c>-p</c> option: the unit a report is cut by, default month. It was <c>--by</c>
    /// until <c>--by</c> came to mean a segment column in every command; <see cref="ResolveUnit"/> still reads the
    /// old spelling, with a warning.</summary>
    public static Option<string> Unit()
    {
        Option<string> per = new("--per", "-p")
        {
            Description = "The reporting period: NPS per day, week, month, quarter, year, fiscal-quarter or fiscal-year.",
            DefaultValueFactory = _ => "month",
            HelpName = "unit",
        };
        per.AcceptOnly([.. Units.Keys]);
        return per;
    }

    /// <summary>
    /// The unit of <paramref name="per"/> and the segment columns of <paramref name="by"/>. A <c>--by</c> value that is
    /// a unit name (<c>--by quarter</c>, the spelling before <c>--per</c>) is still read as the unit when <c>--per</c>
    /// is not given, with a deprecation warning on <paramref name="error"/>; with <c>--per</c> given it is a column.
    /// </summary>
    /// <param name="parse">The command's parse result.</param>
    /// <param name="per">The command's <see cref="Unit"/> option.</param>
    /// <param name="by">The command's <see cref="CommonOptions.Segments"/> option.</param>
    /// <param name="error">Where the deprecation warning goes.</param>
    /// <returns>The unit and the segment columns.</returns>
    /// <exception cref="UsageException"><c>--by</c> names two units.</exception>
    public static (PeriodUnit Unit, string[] Segments) ResolveUnit(ParseResult parse, Option<string> per, Option<string[]> by, TextWriter error)
    {
        string[] columns = parse.GetValue(by) ?? [];
        string unit = parse.GetRequiredValue(per);
        if (parse.GetResult(per) is { Implicit: false })
        {
            return (Units[unit], columns);
        }

        string[] old = [.. columns.Where(Units.ContainsKey)];
        if (old.Length == 0)
        {
            return (Units[unit], columns);
        }

        if (old.Length > 1)
        {
            throw new UsageException($"--by {string.Join(" --by ", old)}: a report has one period unit; give it as --per (e.g. --per {old[0]}), and segment columns with --by.");
        }

        error.WriteLine($"nps: warning: --by {old[0]} for the period is deprecated: write --per {old[0]} (or -p {old[0]}); --by names segment columns in every command. To break down by a column called '{old[0]}', give --per as well.");
        return (Units[old[0]], [.. columns.Where(c => !Units.ContainsKey(c))]);
    }

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
