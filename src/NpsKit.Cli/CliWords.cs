using System.CommandLine;
using NpsKit.Csv;

namespace NpsKit.Cli;

/// <summary>
/// Turns what the library reports into CLI words: the flag, the value, what is allowed — never a parameter name, an
/// options type or a member path. It reads the structure the library gives (<see cref="InvalidOptionsException.Problems"/>,
/// <see cref="NpsDataException.Remedies"/>, <see cref="BadRow.Reason"/>, <see cref="ArgumentException.ParamName"/>) and
/// writes its own message from a table of member → flag; it does not rewrite the library's sentences.
/// </summary>
internal static class CliWords
{
    /// <summary>The flag that sets each library parameter, options member or reading-option path.</summary>
    private static readonly Dictionary<string, string> Flags = new(StringComparer.OrdinalIgnoreCase)
    {
        // AggregationOptions
        ["TimeZoneId"] = "--tz",
        ["MinimumCount"] = "--min-n",
        ["FiscalYearStartMonth"] = "--fiscal-start",
        ["Period"] = "--per",

        // CsvReadOptions (paths from the options object)
        ["Mapping.Score"] = "--score-column",
        ["Mapping.Time"] = "--time-column",
        ["Mapping.Respondent"] = "--respondent-column",
        ["Mapping.Weight"] = "--weight-column",
        ["Mapping.Comment"] = "--comment-column",
        ["Mapping.Group"] = "--group-column",
        ["Mapping.Segments"] = "--by",
        ["Delimiter"] = "--delimiter",
        ["Encoding"] = "--encoding",
        ["DateOrder"] = "--date-order",
        ["DateFormats"] = "--date-format",
        ["Culture"] = "--culture",
        ["TimeZone"] = "--input-tz",
        ["HeaderRows"] = "--header-rows",
        ["Source"] = "--source",
        ["Duplicates"] = "--duplicates",

        // EnpsCsvOptions and the other record readers: the column of a role
        ["Columns[\"score\"]"] = "--score-column",
        ["Columns[\"time\"]"] = "--time-column",
        ["Columns[\"respondent\"]"] = "--respondent-column",
        ["Columns[\"comment\"]"] = "--comment-column",

        // KeyDriverOptions, DecompositionOptions, AnonymityPolicy
        ["Resamples"] = "--resamples",
        ["MinimumRespondents"] = "--min-group",
        ["MinimumCommentRespondents"] = "--min-comments",

        // Method parameters
        ["marginOfError"] = "--margin",
        ["level"] = "--level",
        ["power"] = "--power",
        ["detectableDifference"] = "--detect",
    };

    /// <summary>The flag for a library member or parameter, or null when no flag sets it.</summary>
    internal static string? Flag(string member) => Flags.TryGetValue(member, out string? flag) ? flag : null;

    /// <summary>
    /// A value System.CommandLine could not convert to its option's type, in CLI words ("--seed abc is not a whole
    /// number, 0 or more"), found from the error's option and its value, not from the message; null for any other
    /// parse error (System.CommandLine's own words stand: "Cannot parse argument 'abc' for option '--seed' as expected
    /// type 'System.UInt64'" names a .NET type).
    /// </summary>
    internal static string? Describe(System.CommandLine.Parsing.ParseError error)
    {
        var option = error.SymbolResult as System.CommandLine.Parsing.OptionResult
            ?? (error.SymbolResult as System.CommandLine.Parsing.ArgumentResult)?.Parent as System.CommandLine.Parsing.OptionResult;
        if (option is null || option.Tokens.Count == 0)
        {
            return null;
        }

        Type type = Nullable.GetUnderlyingType(option.Option.ValueType) ?? option.Option.ValueType;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        foreach (System.CommandLine.Parsing.Token token in option.Tokens)
        {
            string v = token.Value;
            string? what =
                type == typeof(int) && !int.TryParse(v, System.Globalization.NumberStyles.Integer, invariant, out _) ? "a whole number"
                : type == typeof(long) && !long.TryParse(v, System.Globalization.NumberStyles.Integer, invariant, out _) ? "a whole number"
                : type == typeof(ulong) && !ulong.TryParse(v, System.Globalization.NumberStyles.None, invariant, out _) ? "a whole number, 0 or more"
                : type == typeof(double) && !double.TryParse(v, System.Globalization.NumberStyles.Float, invariant, out _) ? "a number (with a decimal point, e.g. 0.95)"
                : null;
            if (what is not null)
            {
                return $"{option.Option.Name} {v} is not {what}.";
            }
        }

        return null;
    }

    /// <summary>A usage error for an argument the library refused, in CLI words.</summary>
    public static UsageException Usage(ArgumentException e) => new(Describe(e));

    /// <summary>What an argument error says, in CLI words: each invalid setting as "FLAG VALUE REASON: use ALLOWED.",
    /// or the library's reason after the flag of its parameter.</summary>
    internal static string Describe(ArgumentException e)
    {
        if (e is InvalidOptionsException { Problems.Count: > 0 } invalid)
        {
            string[] lines = [.. invalid.Problems.Select(Describe)];
            return lines.Length == 1 ? lines[0] : string.Join("\n  ", lines.Prepend($"{lines.Length} problems:"));
        }

        string text = Reason(e);
        return e.ParamName is { } name && Flag(name) is { } flag ? $"{flag}: {LowerFirst(text)}" : text;
    }

    /// <summary>One invalid setting in CLI words.</summary>
    internal static string Describe(OptionProblem problem)
    {
        string name = Flag(problem.Member) ?? problem.Member;
        string value = problem.Value is null ? string.Empty : " " + problem.Value;
        return $"{name}{value} {problem.Reason}: use {problem.Allowed}.";
    }

    /// <summary>A reading problem in CLI words: the bad row with the CLI's allowed values, or the problem and the flags
    /// that fix it; other problems name no option, so the library's message stands.</summary>
    /// <param name="e">The problem.</param>
    /// <param name="inputOptions">Whether the command reads responses with the shared input options (<c>--date-format</c>
    /// and the rest), which a bad row's message may then name.</param>
    internal static string Describe(NpsDataException e, bool inputOptions = false)
    {
        if (e.BadRow is { } row)
        {
            // A repeat that --duplicates leaves out is a rejected row, which stops a strict run: say how to go on.
            return row.Reason == BadRowReason.DuplicateRespondent
                ? Row(row, inputOptions) + "; add --lenient to leave out the repeats (listed on stderr) and count the rest"
                : Row(row, inputOptions);
        }

        if (e.Remedies.Count > 0 && e.Problem is { } problem)
        {
            return $"{e.Input}: {problem}. Fix: {string.Join(" or ", e.Remedies.Select(Fix))}.";
        }

        return e.Message;
    }

    /// <summary>A bad row in one line, as <see cref="BadRow.ToString"/> does, with the allowed values in CLI words where
    /// the library's name a reading option.</summary>
    /// <param name="row">The bad row.</param>
    /// <param name="inputOptions">Whether the shared input options apply, so an unreadable time can name
    /// <c>--date-format</c>.</param>
    internal static string Row(BadRow row, bool inputOptions = false)
    {
        string allowed = row.Reason switch
        {
            BadRowReason.TimeUnparsable when inputOptions => row.Allowed + "; or give its format with --date-format (a .NET format such as 'dd.MM.yyyy HH:mm', or unix, unix-ms, excel) or --culture",
            BadRowReason.TimeWithoutZone => "a time with a UTC offset (e.g. 2026-03-14T09:12:33Z or …+01:00), or give --input-tz (or --tz) to read local times",
            BadRowReason.AmbiguousDate => "a date whose order is known: an ISO 8601 date (2026-03-14), or give --date-order, --date-format or --culture",

            // The library's words name its policy member (KeepFirst); the flag and the fix instead.
            BadRowReason.DuplicateRespondent => "one answer per respondent and period, as --duplicates asks (keep-all counts every answer)",
            _ => row.Allowed,
        };
        string column = row.Column is null ? string.Empty : $", column '{row.Column}'";
        string value = row.RawValue is null ? string.Empty : $": \"{row.RawValue}\"";
        return $"{row.Source} line {row.LineNumber}{column}{value} — {Problem(row.Reason)}; allowed: {allowed}";
    }

    /// <summary>What is wrong with a row, in words (the library's <see cref="BadRow.ToString"/> names the enum member).</summary>
    internal static string Problem(BadRowReason reason) => reason switch
    {
        BadRowReason.MissingScore => "no score",
        BadRowReason.ScoreNotANumber => "the score is not a number",
        BadRowReason.ScoreNotAnInteger => "the score is not a whole number",
        BadRowReason.ScoreOutOfRange => "the score is outside 0 to 10",
        BadRowReason.MissingTime => "no time",
        BadRowReason.TimeUnparsable => "the time cannot be read",
        BadRowReason.TimeWithoutZone => "the time has no UTC offset",
        BadRowReason.InvalidWeight => "the weight is not a positive number",
        BadRowReason.FieldCountMismatch => "the row has more or fewer fields than the header",
        BadRowReason.MalformedQuoting => "a stray or unclosed quote",
        BadRowReason.DuplicateRespondent => "the respondent answered already",
        BadRowReason.MissingValue => "a needed field is empty",
        BadRowReason.InvalidValue => "a value that is not allowed",
        BadRowReason.DuplicateId => "the id was already read",
        BadRowReason.AmbiguousDate => "the date could be day-first or month-first",
        BadRowReason.InvalidGroup => "not an NPS group",
        BadRowReason.GroupMismatch => "the NPS group disagrees with the score",
        _ => Kebab(reason.ToString()).Replace('-', ' '),
    };

    /// <summary>A remedy as a flag with its example value, e.g. "--encoding windows-1252" or "--time-column NAME".</summary>
    private static string Fix(ReadOptionRemedy remedy)
    {
        string flag = Flag(remedy.Member) ?? remedy.Member;
        string value = remedy.Example switch
        {
            null => "NAME",
            { } example when example.Length > 1 && example.All(char.IsAsciiLetter) && char.IsUpper(example[0]) => Kebab(example), // an enum member: DayFirst → day-first
            { } example => example.Contains(' ', StringComparison.Ordinal) ? $"'{example}'" : example,
        };
        return $"{flag} {value}";
    }

    /// <summary>"DayFirst" → "day-first", as the CLI spells enum values.</summary>
    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>The reason of an argument error without the suffixes .NET adds from the exception's own fields: the
    /// " (Parameter 'name')" of <see cref="ArgumentException.ParamName"/> and the "Actual value was …" line of
    /// <see cref="ArgumentOutOfRangeException.ActualValue"/>.</summary>
    private static string Reason(ArgumentException e)
    {
        string text = e.Message;
        if (e is ArgumentOutOfRangeException { ActualValue: { } actual })
        {
            string line = Environment.NewLine + $"Actual value was {actual}.";
            int at = text.IndexOf(line, StringComparison.Ordinal);
            text = at >= 0 ? text.Remove(at, line.Length) : text;
        }

        string suffix = $" (Parameter '{e.ParamName}')";
        return (e.ParamName is not null && text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : text).Trim();
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
}
