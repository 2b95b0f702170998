using System.CommandLine;
using System.Globalization;
using NpsKit.Csv;

namespace NpsKit.Cli;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    /// <summary>The <c>--level</c> option: the confidence level, default 0.95.</summary>
    public static Option<double> Level() => new("--level")
    {
        Description = "The confidence level, strictly between 0 and 1.",
        DefaultValueFactory = _ => 0.95,
    };

    /// <summary>The <c>--interval</c> values and the methods they name.</summary>
    public static readonly IReadOnlyDictionary<string, NpsIntervalMethod> IntervalMethods = new Dictionary<string, NpsIntervalMethod>(StringComparer.OrdinalIgnoreCase)
    {
        ["adjusted-wald"] = NpsIntervalMethod.AdjustedWald,
        ["score"] = NpsIntervalMethod.Score,
        ["exact"] = NpsIntervalMethod.Exact,
        ["bayesian"] = NpsIntervalMethod.Bayesian,
        ["wald"] = NpsIntervalMethod.Wald,
    };

    /// <summary>The <c>--interval</c> option: the confidence-interval method, default adjusted-wald.</summary>
    public static Option<string> Interval()
    {
        Option<string> interval = new("--interval")
        {
            Description = "The confidence-interval method: adjusted-wald (default; coverage on the level on average over the shares, below it near 0 % or 100 % at small n), exact (coverage never below the level at any n: the widest), score (Tango), bayesian (Jeffreys) or wald (spreadsheet parity; under-covers at small n). Measured coverage: docs/statistics.md.",
            DefaultValueFactory = _ => "adjusted-wald",
            HelpName = "method",
        };
        interval.AcceptOnly([.. IntervalMethods.Keys]);
        return interval;
    }

    /// <summary>The method an <c>--interval</c> value names.</summary>
    public static NpsIntervalMethod IntervalMethod(string value) => IntervalMethods[value];

    /// <summary>The <c>--lenient</c> option: skip bad rows and summarise them on stderr.</summary>
    public static Option<bool> Lenient() => new("--lenient")
    {
        Description = "Skip bad rows instead of stopping at the first; a summary of them goes to stderr at the end.",
    };

    /// <summary>The <c>--format</c> option: one of <paramref name="allowed"/>, the first being the default.</summary>
    public static Option<string> Format(string description, params string[] allowed)
    {
        Option<string> format = new("--format", "-f") { Description = description, DefaultValueFactory = _ => allowed[0] };
        format.AcceptOnly(allowed);
        return format;
    }

    /// <summary>
    /// The segment-column option of every command that breaks answers down by a column (<c>report</c>, <c>compare</c>,
    /// <c>drivers</c>, <c>enps</c>): <c>--by</c>/<c>-b</c>, with <c>--segment</c>/<c>-s</c> as a second spelling of
    /// the same thing. The period a report is cut by is <c>--per</c>/<c>-p</c> (<see cref="PeriodOption.Unit"/>), and a
    /// particular period is <c>--period</c>/<c>--vs</c>: one word, one meaning, in every command.
    /// </summary>
    /// <param name="description">What the column does in this command.</param>
    /// <returns>The option, repeatable (a cross-tab of several columns).</returns>
    public static Option<string[]> Segments(string description) => new("--by", "-b", "--segment", "-s")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
        HelpName = "column",
    };

    /// <summary>The one-column form of <see cref="Segments"/>, for commands that break down by a single column.</summary>
    /// <param name="description">What the column does in this command.</param>
    /// <returns>The option.</returns>
    public static Option<string?> Segment(string description) => new("--by", "-b", "--segment", "-s")
    {
        Description = description,
        HelpName = "column",
    };

    /// <summary>The <c>--tz</c> option of the record-file commands: the zone of times written without a UTC offset.</summary>
    public static Option<string?> RecordTimeZone() => new("--tz") { Description = "The IANA time zone of times without a UTC offset in the CSV files." };

    /// <summary>Checks a confidence level; outside (0, 1) is a usage error.</summary>
    public static double CheckLevel(double level) => level is > 0 and < 1
        ? level
        : throw new UsageException(string.Create(
            CultureInfo.InvariantCulture,
            $"--level {level} is not a confidence level: use a value strictly between 0 and 1, such as 0.95."));

    /// <summary>
    /// Restricts <paramref name="option"/> to <paramref name="allowed"/> (offered as completions), and words a wrong
    /// value as the CLI does everywhere: the flag, the value, every allowed value, and the nearest one when it is close
    /// (System.CommandLine's own message, "Argument 'pdf' not recognized", names no flag).
    /// </summary>
    public static void AcceptOnly<T>(this Option<T> option, params string[] allowed)
    {
        option.CompletionSources.Add(allowed);
        option.Validators.Add(result =>
        {
            foreach (System.CommandLine.Parsing.Token token in result.Tokens)
            {
                if (!allowed.Contains(token.Value, StringComparer.Ordinal))
                {
                    string? close = allowed
                        .Select(a => (Value: a, Distance: CliWords.Distance(token.Value.ToLowerInvariant(), a.ToLowerInvariant())))
                        .Where(c => c.Distance <= Math.Max(1, c.Value.Length / 3))
                        .OrderBy(c => c.Distance)
                        .Select(c => c.Value)
                        .FirstOrDefault();
                    result.AddError($"{option.Name} {token.Value} is not allowed: use {string.Join(", ", allowed)}.{(close is null ? string.Empty : $" Did you mean '{close}'?")}");
                }
            }
        });
    }

    /// <summary>The shared input options of every command that reads responses (<see cref="ResponseInputOptions"/>).</summary>
    public static ResponseInputOptions ResponseInput() => new();
}

/// <summary>
/// The input options every command that reads survey responses shares, mapped one to one onto
/// <see cref="CsvReadOptions"/>: the layout (<c>--source</c>, <c>--header-rows</c>), the columns (<c>--score-column</c>,
/// <c>--time-column</c>, <c>--respondent-column</c>, <c>--weight-column</c>, <c>--comment-column</c>, <c>--group-column</c>), how values are
/// written (<c>--encoding</c>, <c>--culture</c>, <c>--date-format</c>, <c>--date-order</c>, <c>--delimiter</c>,
/// <c>--input-tz</c>), <c>--duplicates</c>, <c>--sheet</c> for .xlsx, <c>--lenient</c> and <c>--max-rejected</c>.
/// A command adds them with <see cref="AddTo"/> and builds its read options with <see cref="Input.ReadOptions(ResponseInputOptions, ParseResult, string?, CliContext?)"/>.
/// </summary>
internal sealed class ResponseInputOptions
{
    /// <summary>The <c>--source</c> values and the layouts they name.</summary>
    public static readonly IReadOnlyDictionary<string, SurveySource> Sources = new Dictionary<string, SurveySource>(StringComparer.OrdinalIgnoreCase)
    {
        ["generic"] = SurveySource.Generic,
        ["qualtrics"] = SurveySource.Qualtrics,
        ["surveymonkey"] = SurveySource.SurveyMonkey,
        ["delighted"] = SurveySource.Delighted,
        ["typeform"] = SurveySource.Typeform,
        ["google-forms"] = SurveySource.GoogleForms,
        ["microsoft-forms"] = SurveySource.MicrosoftForms,
        ["medallia"] = SurveySource.Medallia,
        ["zendesk"] = SurveySource.Zendesk,
        ["asknicely"] = SurveySource.AskNicely,
        ["hotjar"] = SurveySource.Hotjar,
    };

    /// <summary>The <c>--duplicates</c> values.</summary>
    public static readonly IReadOnlyDictionary<string, DuplicatePolicy> DuplicatePolicies = new Dictionary<string, DuplicatePolicy>(StringComparer.OrdinalIgnoreCase)
    {
        ["keep-all"] = DuplicatePolicy.KeepAll,
        ["keep-first"] = DuplicatePolicy.KeepFirst,
        ["keep-latest"] = DuplicatePolicy.KeepLatest,
        ["error"] = DuplicatePolicy.Error,
    };

    public ResponseInputOptions()
    {
        Source.AcceptOnly([.. Sources.Keys]);
        Source.HelpName = "tool"; // the eleven names in the usage column made every --help 200 characters wide
        Source.Description += " One of: " + string.Join(", ", Sources.Keys.Order(StringComparer.Ordinal)) + ".";
        Duplicates.AcceptOnly([.. DuplicatePolicies.Keys]);
        DateOrder.AcceptOnly("day-first", "month-first");
    }

    public Option<string?> Source { get; } = new("--source") { Description = "The survey tool the export comes from (its header rows and columns); detected from the header when left out." };

    public Option<int?> HeaderRows { get; } = new("--header-rows") { Description = "How many header rows come before the first answer (the first names the columns). Default: 1, or the tool's layout (Qualtrics 3, SurveyMonkey 2)." };

    public Option<string?> ScoreColumn { get; } = new("--score-column") { Description = "The header of the 0-10 score column. Default: detected from common names, the tool's layout, or the recommend question's text." };

    public Option<string?> TimeColumn { get; } = new("--time-column") { Description = "The header of the time column. Default: detected; without one the report is the total only." };

    public Option<string?> RespondentColumn { get; } = new("--respondent-column") { Description = "The header of the respondent id column (for --duplicates). Default: detected." };

    public Option<string?> WeightColumn { get; } = new("--weight-column") { Description = "The header of the survey weight column. Default: detected (weight, survey_weight, w)." };

    public Option<string?> CommentColumn { get; } = new("--comment-column") { Description = "The header of the open comment column. Default: detected." };

    public Option<string?> GroupColumn { get; } = new("--group-column") { Description = "The header of the NPS group column (Promoter/Passive/Detractor). Default: detected (e.g. Q1_NPS_GROUP). Checked against the score; without a score column the answers are counted by group (NPS, shares, intervals and tests per period and segment; no 0-10 distribution). With --db or Parquet: the table is counted by this column instead of a score (not with --score-column or a weight column)." };

    public Option<string?> Encoding { get; } = new("--encoding") { Description = "The text encoding, e.g. utf-8, windows-1252, iso-8859-15, utf-16. Default: detected (and reported on stderr when it is not UTF-8)." };

    public Option<string?> Culture { get; } = new("--culture") { Description = "The culture of numbers and dates that are not ISO 8601, e.g. da-DK or en-US (it also sets the day/month order)." };

    public Option<string[]> DateFormat { get; } = new("--date-format")
    {
        Description = "A .NET date format of the time column, e.g. dd.MM.yyyy HH:mm; repeat for several. Also: unix, unix-ms, excel.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> DateOrder { get; } = new("--date-order") { Description = "The order of day and month in dates written with numbers only. Default: decided from the file, or refused when the file cannot tell." };

    public Option<string?> Delimiter { get; } = new("--delimiter") { Description = "The field delimiter: , ; | or tab. Default: detected." };

    public Option<string?> InputTimeZone { get; } = new("--input-tz") { Description = "The IANA time zone of times written without a UTC offset. Default: the zone the export declares, else --tz." };

    public Option<string> Duplicates { get; } = new("--duplicates")
    {
        Description = "What to do with a respondent's repeated answers: keep-all, keep-first, keep-latest or error.",
        DefaultValueFactory = _ => "keep-all",
    };

    public Option<string?> Sheet { get; } = new("--sheet") { Description = "The worksheet of an .xlsx file to read. Default: the first." };

    public Option<bool> Lenient { get; } = CommonOptions.Lenient();

    public Option<string?> MaxRejected { get; } = new("--max-rejected") { Description = "With --lenient: fail (exit 1) when more rows than this are rejected, as a count (50) or a share (2%). A run that rejects every row always fails." };

    /// <summary>Gets every option, in help order.</summary>
    public IEnumerable<Option> All =>
    [
        Source, HeaderRows, ScoreColumn, TimeColumn, RespondentColumn, WeightColumn, CommentColumn, GroupColumn, Encoding, Culture,
        DateFormat, DateOrder, Delimiter, InputTimeZone, Duplicates, Sheet, Lenient, MaxRejected,
    ];

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in All)
        {
            command.Options.Add(option);
        }
    }
}
