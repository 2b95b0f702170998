namespace NpsKit.Csv;

/// <summary>What an <see cref="IngestWarning"/> is about, so an application can act on it (reword it, name its own
/// control, show it or not) without matching the message's text.</summary>
public enum IngestWarningKind
{
    /// <summary>The text contains U+FFFD replacement characters: the file was mis-decoded before it was saved, so some
    /// text (segment names, comments) has lost its letters. <see cref="IngestReport.Encoding"/> was read as given or detected.</summary>
    ReplacementCharacters,

    /// <summary>The export declares the time zone of its times (Qualtrics' <c>timeZone</c>), and they were read in that
    /// zone rather than in <see cref="CsvReadOptions.TimeZone"/> (<see cref="IngestReport.TimeZone"/>).</summary>
    DeclaredTimeZone,

    /// <summary>The input has no 0–10 score, only each answer's NPS group: it was counted by group (the 0–10 distribution
    /// and the mean score are unknown).</summary>
    GroupOnly,

    /// <summary>The input has no time column, and every answer was dated on <see cref="CsvReadOptions.UndatedDay"/>
    /// (<see cref="IngestReport.UndatedDay"/>): a cube of it has a single period.</summary>
    NoTimeColumn,

    /// <summary>The encoding was detected from the bytes rather than given (<see cref="IngestReport.Encoding"/>, with the
    /// evidence in <see cref="IngestReport.EncodingEvidence"/>); <see cref="CsvReadOptions.Encoding"/> names another.</summary>
    DetectedEncoding,
}

/// <summary>One thing a reader should know about the input though nothing was rejected: its kind and its message.</summary>
/// <param name="Kind">What the warning is about.</param>
/// <param name="Message">The message, in English, naming the input and (where one helps) the <see cref="CsvReadOptions"/> member that changes it.</param>
/// <remarks>This type is immutable.</remarks>
public sealed record IngestWarning(IngestWarningKind Kind, string Message)
{
    /// <summary>Returns the message.</summary>
    /// <returns><see cref="Message"/>.</returns>
    public override string ToString() => Message;
}
