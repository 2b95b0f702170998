using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NpsKit.Csv;

namespace NpsKit.Cli;

/// <summary>Reads CSV input for the commands: options, progress on a terminal, and the lenient bad-row summary.</summary>
internal static class Input
{
    /// <summary>The kind of the library's reading problem behind <paramref name="e"/>, which
    /// <see cref="ReadResponses"/> rewords in CLI words (the library's exception is then the inner one).</summary>
    public static NpsDataProblem KindOf(NpsDataException e) =>
        e.Kind != NpsDataProblem.Unclassified ? e.Kind : e.InnerException is NpsDataException inner ? KindOf(inner) : NpsDataProblem.Unclassified;

    private const int BadRowsListed = 10;

    /// <summary>Builds and validates the CSV read options; an invalid option is a usage error. With a context that shows
    /// progress, reading reports rows read and the rate on stderr.</summary>
    public static CsvReadOptions ReadOptions(string? timeZone, bool lenient, CliContext? context = null)
    {
        var options = new CsvReadOptions
        {
            TimeZone = timeZone,
            Mode = lenient ? CsvReadMode.Lenient : CsvReadMode.Strict,
            Progress = context is { ShowProgress: true } ? new TerminalProgress(context.Error) : null,
        };
        Usage.Check(() => options.Validate());
        return options;
    }

    /// <summary>Builds the read options of a command that reads responses from its shared input options; an invalid value
    /// is a usage error naming the flag. <paramref name="reportingZone"/> (<c>--tz</c>) is the zone of times without an
    /// offset unless <c>--input-tz</c> names another.</summary>
    public static ResponseReading ReadOptions(ResponseInputOptions input, ParseResult parse, string? reportingZone, CliContext? context = null)
    {
        string? Flag(Option<string?> option) => parse.GetValue(option) is { Length: > 0 } value ? value : null;
        var mapping = new CsvResponseMapping
        {
            Score = Flag(input.ScoreColumn),
            Time = Flag(input.TimeColumn),
            Respondent = Flag(input.RespondentColumn),
            Weight = Flag(input.WeightColumn),
            Comment = Flag(input.CommentColumn),
            Group = Flag(input.GroupColumn),
        };
        Encoding? encoding = null;
        if (Flag(input.Encoding) is string encodingName)
        {
            encoding = EncodingNamed(encodingName) ?? throw new UsageException(
                $"--encoding {encodingName} is not a known encoding: use one such as utf-8, utf-16, windows-1252, iso-8859-1 or iso-8859-15.");
        }

        CultureInfo culture = CultureInfo.InvariantCulture;
        if (Flag(input.Culture) is string cultureName)
        {
            try
            {
                culture = CultureInfo.GetCultureInfo(cultureName, predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
                throw new UsageException($"--culture {cultureName} is not a known culture: use a name such as da-DK, en-US or de-DE.");
            }
        }

        char? delimiter = Flag(input.Delimiter) switch
        {
            null => null,
            "tab" or "\\t" or "\t" => '\t',
            { Length: 1 } one => one[0],
            string other => throw new UsageException($"--delimiter {other} is not one character: use , ; | or tab."),
        };
        string[] formats = parse.GetValue(input.DateFormat) ?? [];
        int? headerRows = parse.GetValue(input.HeaderRows);
        string? inputZone = Flag(input.InputTimeZone);
        var options = new CsvReadOptions
        {
            Source = Flag(input.Source) is string source ? ResponseInputOptions.Sources[source] : null,
            HeaderRows = headerRows,
            Mapping = mapping,
            Encoding = encoding,
            Culture = culture,
            DateFormats = formats.Length > 0 ? formats : null,
            DateOrder = Flag(input.DateOrder) switch { "day-first" => DateOrder.DayFirst, "month-first" => DateOrder.MonthFirst, _ => null },
            Delimiter = delimiter,
            TimeZone = inputZone ?? reportingZone,
            Duplicates = ResponseInputOptions.DuplicatePolicies[parse.GetValue(input.Duplicates) ?? "keep-all"],
            Mode = parse.GetValue(input.Lenient) ? CsvReadMode.Lenient : CsvReadMode.Strict,
            Progress = context is { ShowProgress: true } ? new TerminalProgress(context.Error) : null,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw CliWords.Usage(e);
        }

        RejectLimit? limit = Flag(input.MaxRejected) is string max ? RejectLimit.Parse(max) : null;
        if (limit is not null && options.Mode == CsvReadMode.Strict)
        {
            throw new UsageException("--max-rejected sets how many bad rows a lenient run may skip: add --lenient (a strict run stops at the first bad row).");
        }

        return new ResponseReading(options, limit, Flag(input.Sheet));
    }

    /// <summary>An encoding by its name or code page, including the Windows and ISO code pages.</summary>
    internal static Encoding? EncodingNamed(string name)
    {
        try
        {
            return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int page)
                ? CodePagesEncodingProvider.Instance.GetEncoding(page) ?? Encoding.GetEncoding(page)
                : CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Reads responses from a file, or standard input for <c>-</c>, with the shared options: progress, the bad-row
    /// report, what was detected (on stderr), and the rejected-row limits (every row rejected always fails).</summary>
    public static T ReadResponses<T>(CliContext context, ResponseReading reading, string path, Func<string, T> readFile, Func<Stream, string, T> readStream, Func<string, string?, T> readWorkbook, Func<T, IngestReport> report, List<IngestReport> reports)
    {
        bool workbook = path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
        if (reading.Sheet is not null && !workbook)
        {
            throw new UsageException($"--sheet {reading.Sheet} names a worksheet of an .xlsx file, and {path} is not one.");
        }

        T result;
        try
        {
            result = path == "-"
                ? ReadStdin(context, reading, readStream, report, reports)
                : workbook
                ? Read(context, path, p => readWorkbook(p, reading.Sheet), report, reports)
                : Read(context, path, readFile, report, reports);
        }
        catch (NpsDataException e)
        {
            // Reworded in CLI words; the library's exception stays the inner one, with its Kind (see KindOf).
            throw new NpsDataException(CliWords.Describe(e, inputOptions: true), e);
        }

        IngestReport ingest = reports[^1];
        WriteDetected(context, ingest);
        if (ingest.RowsRejected > 0 && ingest.RowsAccepted == 0)
        {
            WriteBadRowSummary(context, [ingest]);
            throw new NpsDataException(string.Create(CultureInfo.InvariantCulture, $"{ingest.Source}: every one of the {ingest.RowsRejected:N0} rows read was rejected, so there is nothing to report (the reasons are listed above)."));
        }

        if (reading.MaxRejected is RejectLimit limit && limit.IsExceeded(ingest.RowsRejected, ingest.RowsRead))
        {
            WriteBadRowSummary(context, [ingest]);
            throw new NpsDataException(string.Create(CultureInfo.InvariantCulture, $"{ingest.Source}: {ingest.RowsRejected:N0} of {ingest.RowsRead:N0} rows were rejected, more than --max-rejected {limit} allows."));
        }

        return result;
    }

    private static T ReadStdin<T>(CliContext context, ResponseReading reading, Func<Stream, string, T> readStream, Func<T, IngestReport> report, List<IngestReport> reports)
    {
        _ = reading;
        using Stream stdin = context.OpenStandardInput();
        T result;
        try
        {
            result = readStream(stdin, "stdin");
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"stdin: {e.Message}", e);
        }

        reports.Add(report(result));
        return result;
    }

    /// <summary>Writes what reading detected to stderr: a layout, header rows, an encoding or date order decided from the
    /// file, a declared time zone, skipped questions, and every warning. Nothing when the file was plain.</summary>
    public static void WriteDetected(CliContext context, IngestReport report)
    {
        var parts = new List<string>();
        if (report.SurveySource != SurveySource.Generic)
        {
            string tool = report.SurveySource.ToString();
            parts.Add($"{("AEIOU".Contains(tool[0], StringComparison.Ordinal) ? "an" : "a")} {tool} export");
        }

        if (report.HeaderRows > 1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{report.HeaderRows} header rows"));
        }

        if (parts.Count > 0 || report.DateOrderEvidence is not null)
        {
            parts.Add(string.Join(", ", report.Columns.Select(pair => $"{pair.Key} '{pair.Value}'")));
        }

        if (report.Encoding is string encoding && report.EncodingEvidence is not null)
        {
            parts.Add($"encoding {encoding}");
        }

        if (report.DateOrder is DateOrder order && report.DateOrderEvidence is string why && why.Contains(" line ", StringComparison.Ordinal))
        {
            parts.Add($"dates {(order == DateOrder.DayFirst ? "day-first" : "month-first")} ({why})");
        }

        if (report.TimeZone is string zone && report.SurveySource == SurveySource.Qualtrics)
        {
            parts.Add($"times in {zone}");
        }

        if (report.NonResponses > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{report.NonResponses:N0} rows without a score (skipped question, not counted)"));
        }

        if (parts.Count > 0)
        {
            context.Error.WriteLine($"nps: {report.Source}: {string.Join("; ", parts)}.");
        }

        foreach (IngestWarning warning in report.Warnings)
        {
            // Warnings that name a reading option (CsvReadOptions.UndatedDay, .Encoding) are said again from the report's own
            // fields, in CLI words; the rest are printed as they are.
            context.Error.WriteLine(warning.Kind switch
            {
                // The day is the command's own placeholder: say what it means here instead.
                IngestWarningKind.NoTimeColumn => $"nps: {report.Source} has no time column: its answers are taken together, as one period (name one with --time-column to cut them into periods).",
                IngestWarningKind.DetectedEncoding when report.EncodingEvidence is not null => $"nps: warning: {report.Source} was read as {report.Encoding}: {report.EncodingEvidence}. If that is wrong, give --encoding (e.g. --encoding windows-1250).",
                _ => $"nps: warning: {warning.Message}",
            });
        }
    }

    /// <summary>Reads one file with <paramref name="read"/>, showing progress when asked and collecting the report.</summary>
    public static T Read<T>(CliContext context, string path, Func<string, T> read, Func<T, IngestReport> report, List<IngestReport> reports)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }

        if (context.ShowProgress)
        {
            context.Error.Write($"Reading {path}…");
        }

        var clock = Stopwatch.StartNew();
        T result;
        try
        {
            result = read(path);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }

        IngestReport ingest = report(result);
        reports.Add(ingest);
        if (context.ShowProgress)
        {
            double seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-6);
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"\rRead {ingest.RowsRead:N0} rows from {path} in {seconds:0.00} s ({ingest.RowsRead / seconds:N0} rows/s).{TerminalProgress.Blank}"));
        }

        return result;
    }

    /// <summary>Writes the bad-row summary of a lenient run to stderr (nothing when no row was rejected).</summary>
    public static void WriteBadRowSummary(CliContext context, IReadOnlyList<IngestReport> reports)
    {
        foreach (IngestReport report in reports)
        {
            if (report.RowsRejected == 0)
            {
                continue;
            }

            string reasons = string.Join(", ", report.RejectedByReason
                .OrderByDescending(pair => pair.Value)
                .Select(pair => string.Create(CultureInfo.InvariantCulture, $"{CliWords.Problem(pair.Key)}: {pair.Value:N0}")));
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"nps: skipped {report.RowsRejected:N0} of {report.RowsRead:N0} rows in {report.Source} ({reasons}):"));
            foreach (BadRow row in report.BadRows.Take(BadRowsListed))
            {
                context.Error.WriteLine($"  {CliWords.Row(row, inputOptions: true)}");
            }

            if (report.BadRows.Count > BadRowsListed)
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {report.BadRows.Count - BadRowsListed:N0} more."));
            }
        }
    }
}

/// <summary>Turns argument validation failures of the library into usage errors.</summary>
internal static class Usage
{
    /// <summary>Runs <paramref name="validate"/>; an <see cref="ArgumentException"/> becomes a <see cref="UsageException"/>.</summary>
    public static void Check(Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            throw CliWords.Usage(e);
        }
    }

    /// <summary>Computes <paramref name="compute"/>; an <see cref="ArgumentException"/> becomes a <see cref="UsageException"/>.</summary>
    public static T Check<T>(Func<T> compute)
    {
        try
        {
            return compute();
        }
        catch (ArgumentException e)
        {
            throw CliWords.Usage(e);
        }
    }
}

/// <summary>Shows reading progress on one terminal line (rows read, rows per second, share of the file), rewritten in place.</summary>
/// <param name="error">The terminal's error stream.</param>
internal sealed class TerminalProgress(TextWriter error) : IProgress<CsvProgress>
{
    /// <summary>Spaces that blank the rest of a progress line.</summary>
    internal const string Blank = "          ";

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <inheritdoc/>
    public void Report(CsvProgress value)
    {
        double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-6);
        string share = value.TryGetFraction(out double f) ? string.Create(CultureInfo.InvariantCulture, $", {f:0%}") : string.Empty;
        error.Write(string.Create(CultureInfo.InvariantCulture, $"\rReading {value.Source}: {value.RowsRead:N0} rows ({value.RowsRead / seconds:N0} rows/s{share}){Blank}"));
    }
}

/// <summary>The read options a command's shared input options produced, with the CLI-only limits.</summary>
/// <param name="Options">The library's read options.</param>
/// <param name="MaxRejected">The <c>--max-rejected</c> limit, if any.</param>
/// <param name="Sheet">The <c>--sheet</c> of an .xlsx file, if any.</param>
internal sealed record ResponseReading(CsvReadOptions Options, RejectLimit? MaxRejected, string? Sheet);

/// <summary>A <c>--max-rejected</c> limit: a count of rows, or a share of the rows read.</summary>
/// <param name="Count">The most rows that may be rejected, when a count.</param>
/// <param name="Share">The largest share (0..1) that may be rejected, when a share.</param>
internal sealed record RejectLimit(long? Count, double? Share)
{
    /// <summary>Parses <c>50</c> or <c>2%</c>; anything else is a usage error.</summary>
    public static RejectLimit Parse(string text)
    {
        string t = text.Trim();
        if (t.EndsWith('%') && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) && percent is >= 0 and <= 100)
        {
            return new RejectLimit(null, percent / 100);
        }

        if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long count))
        {
            return new RejectLimit(count, null);
        }

        throw new UsageException($"--max-rejected {text} is not a limit: use a number of rows (50) or a percentage of the rows read (2%).");
    }

    /// <summary>Whether <paramref name="rejected"/> of <paramref name="read"/> rows exceeds the limit.</summary>
    public bool IsExceeded(long rejected, long read) => Count is long c ? rejected > c : read > 0 && rejected > Share!.Value * read;

    /// <inheritdoc/>
    public override string ToString() => Count is long c
        ? c.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Share!.Value * 100:0.##}%");
}
