namespace NpsKit.Csv;

/// <summary>How NpsKit writes CSV.</summary>
/// <remarks>An immutable value; thread-safe. Output is always in invariant culture with a header row.</remarks>
public sealed record CsvWriteOptions
{
    /// <summary>Gets the default options.</summary>
    public static CsvWriteOptions Default { get; } = new();

    /// <summary>Gets the field delimiter.</summary>
    /// <value>Default <c>,</c>.</value>
    public char Delimiter { get; init; } = ',';

    /// <summary>Gets a value indicating whether text cells that a spreadsheet would run as a formula (starting with
    /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR) are neutralised by a leading apostrophe (OWASP's advice).
    /// Numbers are written as numbers and never changed, so <c>-12.5</c> stays a number.</summary>
    /// <value>Default <see langword="true"/>. Turn off only for files that no spreadsheet will open.</value>
    public bool EscapeFormulas { get; init; } = true;

    /// <summary>Gets the line ending.</summary>
    /// <value>Default <c>\n</c>.</value>
    public string NewLine { get; init; } = "\n";
}
