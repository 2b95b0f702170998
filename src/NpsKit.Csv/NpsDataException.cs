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

    /// <summary>Creates the exception for a problem of a known <paramref name="kind"/> with the input as a whole that a
    /// reading option would fix.</summary>
    /// <param name="kind">What kind of problem it is, for callers that handle it (see <see cref="Kind"/>).</param>
    /// <param name="message">The whole message in the library's words (naming the <see cref="CsvReadOptions"/> members).</param>
    /// <param name="input">The input's name, as in <see cref="IngestReport.Source"/>.</param>
    /// <param name="problem">What is wrong, naming no option.</param>
    /// <param name="remedies">The reading options that would fix it, at least one.</param>
    public NpsDataException(NpsDataProblem kind, string message, string input, string problem, IReadOnlyList<ReadOptionRemedy> remedies)
        : this(message, input, problem, remedies) => Kind = kind;

    /// <summary>Creates the exception for a problem of a known <paramref name="kind"/> with the input as a whole.</summary>
    /// <param name="kind">What kind of problem it is, for callers that handle it (see <see cref="Kind"/>).</param>
    /// <param name="message">What is wrong, where, and how to fix it.</param>
    public NpsDataException(NpsDataProblem kind, string message)
        : base(message) => Kind = kind;

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

    /// <summary>Gets what kind of problem this is, so that a caller can handle one kind (fall back to the total when a
    /// file has no time column, say) without reading the message, whose words may change.</summary>
    /// <value><see cref="NpsDataProblem.Unclassified"/> for problems no caller needs to tell apart yet, and for bad rows
    /// (see <see cref="BadRow"/>).</value>
    public NpsDataProblem Kind { get; }
}

/// <summary>The kinds of whole-input reading problem a caller may want to handle (<see cref="NpsDataException.Kind"/>).</summary>
/// <remarks>More kinds may be added in minor versions: a <c>switch</c> over them needs a default case.</remarks>
public enum NpsDataProblem
{
    /// <summary>A problem that has no kind of its own (yet); read the message, <see cref="NpsDataException.BadRow"/>
    /// and <see cref="NpsDataException.Remedies"/>.</summary>
    Unclassified = 0,

    /// <summary>Aggregating by period (a cube or response table) needs a time column, and the file has none. The file
    /// can still be read as one total tally (<see cref="NpsCsv"/>'s <c>ReadTally</c>).</summary>
    NoTimeColumn,

    /// <summary>The file has NPS groups (Promoter/Passive/Detractor) but no 0-10 score, so it cannot fill a cube or a
    /// response table, which keep each cell's 0-10 distribution. The total, counted by group, can still be read
    /// (<see cref="NpsCsv"/>'s <c>ReadTally</c>).</summary>
    GroupsWithoutScore,
}

/// <summary>A setting of <see cref="CsvReadOptions"/> that would fix a reading problem.</summary>
/// <param name="Member">The member's path from <see cref="CsvReadOptions"/>, e.g. <c>Mapping.Time</c>, <c>Encoding</c> or
/// <c>DateOrder</c>.</param>
/// <param name="Example">A value to try, as text (e.g. <c>windows-1252</c>, <c>DayFirst</c>); <see langword="null"/> when the
/// value depends on the file (a column's name).</param>
/// <remarks>An immutable value; thread-safe.</remarks>
public sealed record ReadOptionRemedy(string Member, string? Example = null);
