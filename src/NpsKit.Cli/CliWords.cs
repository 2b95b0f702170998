using System.CommandLine;
using System.Text.RegularExpressions;

namespace NpsKit.Cli;

/// <summary>
/// Turns what the library and the parser say into CLI words: the flag, the value, what is allowed — never a parameter
/// name, "Actual value was", an options type or a stack of exception text.
/// </summary>
internal static partial class CliWords
{
    /// <summary>The flag that sets each library parameter or options property, where its name differs.</summary>
    private static readonly Dictionary<string, string> ParameterFlags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TimeZoneId"] = "--tz",
        ["marginOfError"] = "--margin",
        ["MinimumCount"] = "--min-n",
        ["FiscalYearStartMonth"] = "--fiscal-start",
        ["level"] = "--level",
        ["power"] = "--power",
        ["detectableDifference"] = "--detect",
    };

    /// <summary>Read-option members the library names in its messages, and the flags that set them (longest first).</summary>
    private static readonly (string Api, string Flag)[] MemberFlags =
    [
        ("CsvReadOptions.Mapping.Score", "--score-column"),
        ("CsvReadOptions.Mapping.Time", "--time-column"),
        ("CsvReadOptions.Mapping.Respondent", "--respondent-column"),
        ("CsvReadOptions.Mapping.Weight", "--weight-column"),
        ("CsvReadOptions.Mapping.Comment", "--comment-column"),
        ("CsvReadOptions.Mapping.Group", "--group-column"),
        ("Read the total with NpsCsv.ReadTally", "Report the total with nps report and no --segment"),
        ("CsvReadOptions.Mapping.Segments", "--segment"),
        ("(set in CsvReadOptions.Mapping)", "(given with its --…-column option)"),
        ("CsvReadOptions.DateOrder (DayFirst or MonthFirst)", "--date-order day-first|month-first"),
        ("CsvReadOptions.DateOrder", "--date-order"),
        ("CsvReadOptions.DateFormats (e.g. dd/MM/yyyy HH:mm)", "--date-format 'dd/MM/yyyy HH:mm'"),
        ("CsvReadOptions.DateFormats", "--date-format"),
        ("CsvReadOptions.Culture (e.g. da-DK or en-US)", "--culture da-DK (or en-US)"),
        ("CsvReadOptions.Culture", "--culture"),
        ("CsvReadOptions.Encoding, e.g.", "--encoding, e.g."),
        ("CsvReadOptions.Encoding", "--encoding"),
        ("set CsvReadOptions.TimeZone to read local times", "give --input-tz (or --tz) to read local times"),
        ("CsvReadOptions.TimeZone", "--input-tz"),
        ("CsvReadOptions.Delimiter", "--delimiter"),
        ("CsvReadOptions.HeaderRows", "--header-rows"),
        ("CsvReadOptions.Source", "--source"),
        ("DuplicatePolicy.KeepLatest", "--duplicates keep-latest"),
        ("use KeepFirst", "use --duplicates keep-first"),
        ("CsvReadOptions.Mapping", "the --…-column options"),
    ];

    /// <summary>Replaces every option member named in <paramref name="message"/> with its flag.</summary>
    public static string Translate(string message)
    {
        foreach ((string api, string flag) in MemberFlags)
        {
            message = message.Replace(api, flag, StringComparison.Ordinal);
        }

        return message;
    }

    /// <summary>A usage error for an argument the library refused: the flag it came from (when known) and the
    /// library's reason without its parameter and actual-value suffixes.</summary>
    public static UsageException Usage(ArgumentException e)
    {
        string text = Clean(Translate(e.Message));
        string? flag = e.ParamName is not null && ParameterFlags.TryGetValue(e.ParamName, out string? f) ? f : null;
        flag ??= FirstParameter().Match(e.Message) is { Success: true } m && ParameterFlags.TryGetValue(m.Groups[1].Value, out string? g) ? g : null;
        return new UsageException(flag is null ? text : $"{flag}: {LowerFirst(text)}");
    }

    /// <summary>The message without " (Parameter 'x')", "Actual value was …" and an options type's "has N problem(s)" line.</summary>
    internal static string Clean(string message)
    {
        string text = ParameterSuffix().Replace(message, string.Empty);
        text = ActualValue().Replace(text, string.Empty);
        Match problems = ProblemsHeader().Match(text);
        if (problems.Success)
        {
            string[] items = [.. text[problems.Length..].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimStart('-', ' ').Trim())];
            text = items.Length == 1 ? items[0] : string.Join("\n  ", items.Prepend($"{items.Length} problems:"));
        }

        return text.Trim();
    }

    /// <summary>"Did you mean …?" for a mistyped command or option of <paramref name="command"/>, or null when nothing is close.</summary>
    public static string? Suggest(Command command, string token)
    {
        IEnumerable<string> names = token.StartsWith('-')
            ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name))
            : command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name));
        var close = names.Distinct(StringComparer.Ordinal)
            .Select(n => (Name: n, Distance: Distance(token.ToLowerInvariant(), n.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(2, c.Name.Length / 3)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).ToList();
        return close.Count == 0 ? null : $"Did you mean {string.Join(" or ", close.Take(2).Select(n => $"'{n}'"))}?";
    }

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions; Damerau 1964).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)")]
    private static partial Regex ParameterSuffix();

    [GeneratedRegex(@"\(Parameter '([^']*)'\)")]
    private static partial Regex FirstParameter();

    [GeneratedRegex(@"\s*Actual value was [^\n]*\.?$", RegexOptions.Multiline)]
    private static partial Regex ActualValue();

    [GeneratedRegex(@"^\w+ has \d+ problem\(s\):\s*")]
    private static partial Regex ProblemsHeader();
}
