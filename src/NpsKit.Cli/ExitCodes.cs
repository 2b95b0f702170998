namespace NpsKit.Cli;

/// <summary>The process exit codes of <c>nps</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command ran and wrote its result.</summary>
    public const int Ok = 0;

    /// <summary>The input data is bad: a file is missing or unreadable, or a row is invalid in strict mode.</summary>
    public const int BadInput = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing argument, or a value out of range.</summary>
    public const int Usage = 2;
}

/// <summary>A usage problem found after parsing (e.g. two options that exclude each other); exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A named period, segment or survey that the data has no answers for; exits with <see cref="ExitCodes.BadInput"/>
/// and says what the data does cover.</summary>
internal sealed class NoAnswersException(string message) : Exception(message);
