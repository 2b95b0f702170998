namespace NpsKit.Csv;

/// <summary>
/// The one exception type reading throws for bad input: a bad row in strict mode (<see cref="BadRow"/> set), or a problem
/// with the file as a whole, such as no header or no score column (<see cref="BadRow"/> is <see langword="null"/>).
/// </summary>
/// <remarks>Messages name the source, line and column. Raw values appear only when
/// <see cref="CsvReadOptions.IncludeRawValues"/> is <see langword="true"/>.</remarks>
public sealed class NpsDataException : Exception
{
    /// <summary>Creates the exception for a problem with the input as a whole.</summary>
    /// <param name="message">What is wrong, where, and how to fix it.</param>
    public NpsDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception for a problem with the input as a whole, caused by another exception.</summary>
    /// <param name="message">What is wrong, where, and how to fix it.</param>
    /// <param name="innerException">The underlying cause.</param>
    public NpsDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem with the input as a whole that a reading option would fix, with its
    /// parts kept apart so that a caller can name its own control for each option instead of parsing the message.</summary>
    /// <param name="message">The whole message in the library's words (naming the <see cref="CsvReadOptions"/> members).</param>
    /// <param name="input">The input's name, as in <see cref="IngestReport.Source"/>.</param>
    /// <param name="problem">What is wrong, naming no option (e.g. "the header has no score column … Columns found: 'a', 'b'").</param>
    /// <param name="remedies">The reading options that would fix it, at least one.</param>
    public NpsDataException(string message, string input, string problem, IReadOnlyList<ReadOptionRemedy> remedies)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(remedies);
        Input = input;
        Problem = problem;
        Remedies = [.. remedies];
    }

    /// <summary>Creates the exception for a bad row.</summary>
    /// <param name="badRow">The row.</param>
    public NpsDataException(BadRow badRow)
        : base((badRow ?? throw new ArgumentNullException(nameof(badRow))).ToString()) => BadRow = badRow;

    /// <summary>Creates the exception without details (required by convention; prefer the other constructors).</summary>
    public NpsDataException()
        : base("The input is not valid NPS data.")
    {
    }

    /// <summary>Gets the bad row, or <see langword="null"/> when the problem concerns the whole input.</summary>
    public BadRow? BadRow { get; }

    /// <summary>Gets the input's name when the problem has <see cref="Remedies"/>; otherwise <see langword="null"/>.</summary>
    public string? Input { get; }

    /// <summary>Gets what is wrong, naming no option, when the problem has <see cref="Remedies"/>; otherwise <see langword="null"/>.</summary>
    public string? Problem { get; }

    /// <summary>Gets the reading options that would fix the problem; empty when none would (fix the file).</summary>
    public IReadOnlyList<ReadOptionRemedy> Remedies { get; } = [];
}

/// <summary>A setting of <see cref="CsvReadOptions"/> that would fix a reading problem.</summary>
/// <param name="Member">The member's path from <see cref="CsvReadOptions"/>, e.g. <c>Mapping.Time</c>, <c>Encoding</c> or
/// <c>DateOrder</c>.</param>
/// <param name="Example">A value to try, as text (e.g. <c>windows-1252</c>, <c>DayFirst</c>); <see langword="null"/> when the
/// value depends on the file (a column's name).</param>
/// <remarks>An immutable value; thread-safe.</remarks>
public sealed record ReadOptionRemedy(string Member, string? Example = null);
