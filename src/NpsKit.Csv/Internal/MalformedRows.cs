using System.Globalization;

namespace NpsKit.Csv.Internal;

/// <summary>The bad-row report of a record the tokenizer skipped as malformed, shared by the response and record readers.</summary>
internal static class MalformedRows
{
    /// <summary>Describes a skipped malformed record: a field count that differs from the header's, or broken quoting.</summary>
    /// <param name="source">The input's name.</param>
    /// <param name="record">The record the tokenizer skipped.</param>
    /// <param name="headerFields">How many fields the header has.</param>
    /// <returns>The bad row.</returns>
    public static BadRow ToBadRow(string source, SkippedRecord record, int headerFields)
    {
        bool countMismatch = record.CountMismatch;
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

    /// <summary>
    /// Reports every record the tokenizer skipped since the last call (the queue its bad-data callback fills): each becomes
    /// a bad row through <paramref name="add"/>, which throws in strict mode.
    /// </summary>
    /// <param name="malformed">The records the callback queued; emptied.</param>
    /// <param name="source">The input's name.</param>
    /// <param name="headerFields">How many fields the header has.</param>
    /// <param name="add">Records (or throws) one bad row.</param>
    /// <returns>How many rows were skipped (they count as read).</returns>
    public static long Drain(Queue<SkippedRecord> malformed, string source, int headerFields, Action<BadRow> add)
    {
        long rows = 0;
        while (malformed.Count > 0)
        {
            SkippedRecord record = malformed.Dequeue();
            rows++;
            add(ToBadRow(source, record, headerFields));
        }

        return rows;
    }
}
