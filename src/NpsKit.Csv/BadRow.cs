using System.Globalization;

namespace NpsKit.Csv;

/// <summary>One rejected row: where it is, which column, the raw value, why, and what would have been accepted.</summary>
/// <param name="Source">The file name or source description the row came from.</param>
/// <param name="LineNumber">The 1-based line of the input where the row starts (the header is line 1).</param>
/// <param name="Column">The column at fault (its header name), or <see langword="null"/> when the whole row is at fault.</param>
/// <param name="RawValue">The offending value as read, or <see langword="null"/> when withheld
/// (<see cref="CsvReadOptions.IncludeRawValues"/> is <see langword="false"/>) or when the whole row is at fault.</param>
/// <param name="Reason">Why the row was rejected.</param>
/// <param name="Allowed">What would have been accepted, in words.</param>
/// <remarks>An immutable value; thread-safe.</remarks>
public sealed record BadRow(string Source, long LineNumber, string? Column, string? RawValue, BadRowReason Reason, string Allowed)
{
    /// <summary>Describes the row in one line, e.g. <c>responses.csv line 42, column 'score': "11" — ScoreOutOfRange; allowed: integers 0 to 10</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        string column = Column is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", column '{Column}'");
        string value = RawValue is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $": \"{RawValue}\"");
        return string.Create(CultureInfo.InvariantCulture, $"{Source} line {LineNumber}{column}{value} — {Reason}; allowed: {Allowed}");
    }
}
