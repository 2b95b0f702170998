using System.Diagnostics;
using System.Globalization;
using NpsKit.Csv;

namespace NpsKit.Cli;

/// <summary>Reads CSV input for the commands: options, progress on a terminal, and the lenient bad-row summary.</summary>
internal static class Input
{
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
                .Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value:N0}")));
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"nps: skipped {report.RowsRejected:N0} of {report.RowsRead:N0} rows in {report.Source} ({reasons}):"));
            foreach (BadRow row in report.BadRows.Take(BadRowsListed))
            {
                context.Error.WriteLine($"  {row}");
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
            throw new UsageException(e.Message);
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
            throw new UsageException(e.Message);
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
