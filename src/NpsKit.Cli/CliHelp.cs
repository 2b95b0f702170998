using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace NpsKit.Cli;

/// <summary>
/// What every <c>--help</c> ends with: examples to copy (on the bundled sample data, from the repository root), the exit
/// codes, and the link to the command's section of the CLI documentation.
/// </summary>
internal static class CliHelp
{
    /// <summary>The CLI documentation; each command has a section named after it.</summary>
    public const string DocsUrl = "https://github.com/npskit/npskit/blob/main/docs/cli.md";

    /// <summary>Examples per command (the root's under the empty name), each a line to type and what it does.</summary>
    internal static readonly Dictionary<string, (string Line, string Does)[]> Examples = new(StringComparer.Ordinal)
    {
        [string.Empty] =
        [
            ("nps report samples/data/responses.csv", "NPS per month with intervals and changes"),
            ("nps compare samples/data/responses.csv --period 2026-09 --vs 2026-10", "is the change between two months real?"),
            ("nps sample-size --margin 5", "how many answers for ±5 points"),
            ("nps <command> --help", "options, examples and exit codes of one command"),
        ],
        ["report"] =
        [
            ("nps report samples/data/responses.csv", "NPS per month, with the interval and the change vs the month before"),
            ("nps report samples/data/responses.csv -p quarter -b region", "per quarter (-p, --per) and region (-b, --by: a segment column, as in every command)"),
            ("nps report samples/data/responses.csv -b region -f html -o report.html", "a self-contained page for managers"),
            ("nps report samples/data/responses.csv -f csv --adjust bh", "CSV, changes flagged with false-discovery-rate control"),
        ],
        ["compare"] =
        [
            ("nps compare samples/data/responses.csv --period 2026-09 --vs 2026-10", "two months of one file"),
            ("nps compare before.csv after.csv", "two files: baseline, then current"),
            ("nps compare samples/data/responses.csv --period 2026-Q2 --vs 2026-Q3 -f json", "two quarters, as JSON"),
        ],
        ["sample-size"] =
        [
            ("nps sample-size --margin 5", "answers needed for a ±5-point interval"),
            ("nps sample-size --detect 8 --power 0.8", "answers per group to detect an 8-point change"),
        ],
        ["enps"] =
        [
            ("nps enps samples/data/enps.csv", "the latest round per team, small groups suppressed"),
            ("nps enps samples/data/enps.csv -b tenure --show-comments", "cross-tab by tenure, with the comments that may be shown"),
        ],
        ["eligible"] =
        [
            ("nps eligible samples/data/contacts.csv --history samples/data/contact-history.csv --policy samples/data/eligibility-policy.json --survey relationship --at 2026-11-24T09:00:00Z", "who may be invited now"),
            ("nps eligible … --survey relationship --strict", "fail (exit 1) if the policy and history do not know the survey"),
        ],
        ["plan"] =
        [
            ("nps plan samples/data/accounts.csv --history samples/data/contact-history.csv --months 12 --per-month 10 --start 2027-01", "every account asked once in 12 months, revenue spread evenly"),
            ("nps plan samples/data/accounts.csv --per-month 8 --start 2027-01 -f csv", "8 accounts a month, one CSV row per account"),
        ],
        ["drivers"] =
        [
            ("nps drivers samples/data/feedback.csv", "comment themes and key drivers of the whole file"),
            ("nps drivers samples/data/feedback.csv --by department --period 2026-09 --vs 2026-10", "what moved NPS between two months, by department"),
        ],
    };

    /// <summary>Makes <paramref name="root"/>'s help option end every help text with the examples, exit codes and docs link.</summary>
    public static void Extend(RootCommand root)
    {
        HelpOption help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard)
        {
            help.Action = new ExtendedHelp(standard);
        }
    }

    /// <summary>Whether the command line asks for help (then its other errors, such as a missing argument, are not reported).</summary>
    public static bool IsHelp(ParseResult parsed) => parsed.Action is ExtendedHelp or HelpAction;

    /// <summary>Writes the closing sections for <paramref name="command"/>.</summary>
    internal static void WriteClosing(TextWriter output, Command command)
    {
        string name = command is RootCommand ? string.Empty : command.Name;
        if (Examples.TryGetValue(name, out (string Line, string Does)[]? examples))
        {
            output.WriteLine("Examples:");
            foreach ((string line, string does) in examples)
            {
                output.WriteLine($"  {line}");
                output.WriteLine($"      {does}");
            }

            output.WriteLine();
        }

        output.WriteLine("Exit codes:");
        output.WriteLine($"  {ExitCodes.Ok}  done: the result was written");
        output.WriteLine($"  {ExitCodes.BadInput}  bad input: a file is missing or unreadable, a row is invalid (strict reading), a named period or round has no answers, or --strict and a warning");
        output.WriteLine($"  {ExitCodes.Usage}  usage: an unknown command or option, a missing argument, or a value out of range");
        output.WriteLine();
        output.WriteLine($"Docs: {DocsUrl}{(name.Length == 0 ? string.Empty : "#nps-" + name)}");
    }

    private sealed class ExtendedHelp(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            int code = standard.Invoke(parseResult);
            TextWriter output = parseResult.InvocationConfiguration.Output;
            WriteClosing(output, parseResult.CommandResult.Command);
            return code;
        }
    }
}
