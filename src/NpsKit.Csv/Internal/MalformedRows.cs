using System.Globalization;
using CsvHelper;

namespace NpsKit.Csv.Internal;

/// <summary>The bad-row report of a record CsvHelper skipped as malformed, shared by the response and record readers.</summary>
internal static class MalformedRows
{
    /// <summary>Describes a skipped malformed record: a field count that differs from the header's, or broken quoting.</summary>
    /// <param name="source">The input's name.</param>
    /// <param name="record">The record CsvHelper skipped.</param>
    /// <param name="headerFields">How many fields the header has.</param>
    /// <returns>The bad row.</returns>
    public static BadRow ToBadRow(string source, CsvMalformedRecord record, int headerFields)
    {
        bool countMismatch = record.Reason == CsvMalformedReason.FieldCountMismatch;
        return new BadRow(
            source,
            record.LineNumber,
            null,
            null,
            countMismatch ? BadRowReason.FieldCountMismatch : BadRowReason.MalformedQuoting,
            countMismatch
                ? string.Create(CultureInfo.InvariantCulture, $"{headerFields} fields per row, as in the header")
                : "quotes around whole fields only, with quotes inside doubled (\"\")");
    }
}
