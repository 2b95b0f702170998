using System.Globalization;

namespace NpsKit;

/// <summary>One invalid setting of an options object: which member, the value it had, what is wrong and what is
/// allowed — the parts a caller (a command line, a form) needs to say it in its own words.</summary>
/// <param name="Member">The member's path from the options object, e.g. <c>TimeZoneId</c> or <c>Mapping.Time</c>.</param>
/// <param name="Value">The value as given, as text; <see langword="null"/> when it was null.</param>
/// <param name="Reason">What is wrong with it, without the member's name (e.g. "is not a known IANA time zone id").</param>
/// <param name="Allowed">What would be accepted, with an example (e.g. "an IANA time zone id such as Europe/Copenhagen").</param>
/// <param name="Message">The whole sentence in the library's words, naming the member; what
/// <see cref="InvalidOptionsException"/>'s message lists.</param>
/// <remarks>An immutable value; thread-safe.</remarks>
public sealed record OptionProblem(string Member, string? Value, string Reason, string Allowed, string Message)
{
    /// <summary>Returns <see cref="Message"/>.</summary>
    /// <returns>The sentence.</returns>
    public override string ToString() => Message;
}

/// <summary>
/// The <see cref="ArgumentException"/> an options type's <c>Validate()</c> throws: every invalid setting at once, each
/// as a structured <see cref="OptionProblem"/>, so a caller can name its own control for each member instead of parsing
/// the message.
/// </summary>
public sealed class InvalidOptionsException : ArgumentException
{
    /// <summary>Creates the exception for the problems of one options object.</summary>
    /// <param name="optionsType">The options type's name, e.g. <c>AggregationOptions</c>.</param>
    /// <param name="problems">At least one problem.</param>
    /// <param name="paramName">The parameter the options object was passed as, if any.</param>
    public InvalidOptionsException(string optionsType, IReadOnlyList<OptionProblem> problems, string? paramName = null)
        : base(Format(optionsType, problems), paramName)
    {
        OptionsType = optionsType;
        Problems = [.. problems];
    }

    /// <summary>Creates the exception without details (required by convention; prefer the other constructor).</summary>
    public InvalidOptionsException()
        : base("The options are not valid.")
    {
        OptionsType = string.Empty;
        Problems = [];
    }

    /// <summary>Creates the exception with a message only (required by convention; prefer the other constructor).</summary>
    /// <param name="message">What is wrong.</param>
    public InvalidOptionsException(string message)
        : base(message)
    {
        OptionsType = string.Empty;
        Problems = [];
    }

    /// <summary>Creates the exception with a message and a cause (required by convention; prefer the other constructor).</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        OptionsType = string.Empty;
        Problems = [];
    }

    /// <summary>Gets the options type's name.</summary>
    public string OptionsType { get; }

    /// <summary>Gets every problem, in the order the members were checked.</summary>
    public IReadOnlyList<OptionProblem> Problems { get; }

    private static string Format(string optionsType, IReadOnlyList<OptionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        ArgumentNullException.ThrowIfNull(problems);
        return string.Format(CultureInfo.InvariantCulture, "{0} has {1} problem(s):{2}", optionsType, problems.Count, string.Concat(problems.Select(p => Environment.NewLine + "- " + p.Message)));
    }
}
