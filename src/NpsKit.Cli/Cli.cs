using System.CommandLine;
using NpsKit.Csv;

namespace NpsKit.Cli;

/// <summary>The <c>nps</c> command line: parses the arguments, runs a command and maps failures to exit codes.</summary>
internal static class Cli
{
    /// <summary>Runs <c>nps</c> with <paramref name="args"/>, writing results to <paramref name="stdout"/> and
    /// messages to <paramref name="stderr"/>.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors, warnings and progress go.</param>
    /// <param name="showProgress">Whether to write progress lines to <paramref name="stderr"/> (only when it is a terminal).</param>
    /// <param name="clock">The clock commands read "now" from when an instant is not given (<c>nps eligible --at</c>);
    /// <see langword="null"/> makes such options required. NpsKit's sources never read the system clock themselves.</param>
    /// <returns>An exit code from <see cref="ExitCodes"/>.</returns>
    /// <param name="stdin">Standard input, read for the file name <c>-</c>; <see langword="null"/> for the process's own.</param>
    /// <param name="terminalWidth">The width tables are fitted to (the terminal's), or <see langword="null"/> for no limit.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool showProgress = false, TimeProvider? clock = null, Stream? stdin = null, int? terminalWidth = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var context = new CliContext(stdout, stderr, showProgress) { Clock = clock, StandardInput = stdin, TerminalWidth = terminalWidth };
        RootCommand root = new("nps: Net Promoter Score reports, comparisons and survey planning from CSV files.")
        {
            ReportCommand.Create(context),
            CompareCommand.Create(context),
            SampleSizeCommand.Create(context),
            EnpsCommand.Create(context),
            EligibleCommand.Create(context),
            PlanCommand.Create(context),
            DriversCommand.Create(context),
        };
        root.Options.Add(context.Strict);
        root.Options.Add(context.Wide);
        CliHelp.Extend(root);

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !CliHelp.IsHelp(parsed)) // "nps compare --help" is help, not a missing argument
        {
            // An unknown word explains the other errors ("required command was not provided"): say only that, with a suggestion.
            var unknown = parsed.UnmatchedTokens.Count > 0 ? parsed.Errors.Where(e => parsed.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))).ToList() : [];
            foreach (var error in unknown.Count > 0 ? unknown : parsed.Errors)
            {
                string? token = parsed.UnmatchedTokens.FirstOrDefault(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));
                string? suggestion = token is null ? null : CliWords.Suggest(parsed.CommandResult.Command, token);
                stderr.WriteLine($"nps: {CliWords.Describe(error) ?? error.Message}" + (suggestion is null ? string.Empty : " " + suggestion));
            }

            stderr.WriteLine("Run 'nps --help' for usage.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            return parsed.Invoke(configuration);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"nps: {e.Message}");
            stderr.WriteLine("Run 'nps --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (NoAnswersException e)
        {
            stderr.WriteLine($"nps: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (NpsDataException e)
        {
            stderr.WriteLine($"nps: bad input: {CliWords.Describe(e)}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"nps: cannot read input: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}

/// <summary>The writers and switches every command shares.</summary>
/// <param name="Out">Where results go.</param>
/// <param name="Error">Where errors, warnings and progress go.</param>
/// <param name="ShowProgress">Whether to write progress lines.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, bool ShowProgress)
{
    /// <summary>Gets the clock "now" comes from when a command's instant option is left out; <see langword="null"/> when
    /// there is none (the option is then required).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Gets standard input, read for the file name <c>-</c>; <see langword="null"/> for the process's own.</summary>
    public Stream? StandardInput { get; init; }

    /// <summary>Gets the terminal's width, which aligned tables are fitted to unless <c>--wide</c> is given;
    /// <see langword="null"/> for no limit (the output is not a terminal).</summary>
    public int? TerminalWidth { get; init; }

    /// <summary>The layout of this run's aligned tables: the terminal's width, or none under <c>--wide</c>; notes about
    /// a cut table go to <see cref="Error"/>.</summary>
    /// <param name="parse">The command's parse result (for <c>--wide</c>).</param>
    public TableLayout TableLayout(ParseResult parse) => NpsKit.Cli.TableLayout.For(parse.GetValue(Wide) ? null : TerminalWidth, Error);

    /// <summary>Gets the <c>--strict</c> option of every command: a warning that a named survey, segment or period
    /// matches nothing becomes an error (exit <see cref="ExitCodes.BadInput"/>).</summary>
    public Option<bool> Strict { get; } = new("--strict")
    {
        Description = "Fail (exit 1) instead of warning when a named survey, segment or period matches nothing.",
        Recursive = true,
    };

    /// <summary>Gets the <c>--wide</c> option of every command: tables at their full width, never cut to the terminal.</summary>
    public Option<bool> Wide { get; } = new("--wide")
    {
        Description = "Write tables at full width instead of fitting them to the terminal.",
        Recursive = true,
    };

    /// <summary>Says on stderr that <paramref name="what"/> matches nothing, or, under <c>--strict</c>, fails with it.</summary>
    /// <param name="parse">The command's parse result (for <c>--strict</c>).</param>
    /// <param name="what">The warning, in CLI words, without the "nps: warning:" prefix.</param>
    /// <exception cref="NoAnswersException"><c>--strict</c> was given.</exception>
    public void MatchesNothing(ParseResult parse, string what)
    {
        if (parse.GetValue(Strict))
        {
            throw new NoAnswersException(what + " (an error because of --strict)");
        }

        Error.WriteLine($"nps: warning: {what} (--strict makes this an error)");
    }

    /// <summary>Opens standard input (left open when it was given).</summary>
    public Stream OpenStandardInput() => StandardInput is { } given ? new NonClosingStream(given) : Console.OpenStandardInput();

    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
