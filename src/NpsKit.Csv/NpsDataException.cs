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
}
