using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace NpsKit.Csv;

/// <summary>What reading did: how many rows it read, accepted and rejected (by reason), every bad row, and the mapping it used.</summary>
/// <remarks>An immutable result; thread-safe. <c>RowsRead = RowsAccepted + RowsRejected + NonResponses</c> always holds.</remarks>
public sealed class IngestReport
{
    internal IngestReport(
        string source,
        long rowsRead,
        IReadOnlyList<BadRow> badRows,
        long duplicateRows,
        char delimiter,
        IReadOnlyDictionary<string, string> columns,
        IReadOnlyList<string> segmentColumns,
        IReadOnlyList<string> ignoredColumns,
        IngestDetails? details = null,
        bool duplicateRowsEstimated = false)
    {
        DuplicateRowsEstimated = duplicateRowsEstimated;
        details ??= IngestDetails.None;
        SurveySource = details.SurveySource;
        HeaderRows = details.HeaderRows;
        Encoding = details.Encoding;
        EncodingEvidence = details.EncodingEvidence;
        TimeZone = details.TimeZone;
        DateOrder = details.DateOrder;
        DateOrderEvidence = details.DateOrderEvidence;
        NonResponses = details.NonResponses;
        EmptyRows = details.EmptyRows;
        Warnings = details.Warnings.ToArray();
        UndatedDay = details.UndatedDay;
        Source = source;
        RowsRead = rowsRead;
        BadRows = badRows;
        DuplicateRows = duplicateRows;
        Delimiter = delimiter;
        Columns = columns;
        SegmentColumns = segmentColumns;
        IgnoredColumns = ignoredColumns;
        var byReason = new SortedDictionary<BadRowReason, long>();
        foreach (BadRow row in badRows)
        {
            byReason[row.Reason] = byReason.GetValueOrDefault(row.Reason) + 1;
        }

        RejectedByReason = new ReadOnlyDictionary<BadRowReason, long>(byReason);
    }

    /// <summary>Gets the day every answer was dated on because the input has no time column
    /// (<see cref="CsvReadOptions.UndatedDay"/>); a cube of it has a single period.</summary>
    /// <value><see langword="null"/> when the input has a time column or the option was not set.</value>
    public DateOnly? UndatedDay { get; }

    /// <summary>Gets the file name or source description.</summary>
    public string Source { get; }

    /// <summary>Gets the number of data rows read (header rows and rows with nothing in them not counted).</summary>
    public long RowsRead { get; }

    /// <summary>Gets the number of rows accepted.</summary>
    public long RowsAccepted => RowsRead - RowsRejected - NonResponses;

    /// <summary>Gets the number of rows whose score is blank: the respondent skipped the question. They are neither
    /// answers nor errors, and are not in any tally.</summary>
    public long NonResponses { get; }

    /// <summary>Gets the number of rows with every field empty (such as the <c>,,,</c> rows Excel leaves at the end), skipped.</summary>
    public long EmptyRows { get; }

    /// <summary>Gets the survey tool whose layout was used (given in <see cref="CsvReadOptions.Source"/> or detected).</summary>
    public SurveySource SurveySource { get; }

    /// <summary>Gets the number of header rows (1, or the layout's further rows when present).</summary>
    public int HeaderRows { get; }

    /// <summary>Gets the text encoding the input was read in (<c>utf-8</c>, <c>utf-16LE</c>, <c>windows-1252</c> …), or
    /// <see langword="null"/> for text (already decoded) input.</summary>
    public string? Encoding { get; }

    /// <summary>Gets why <see cref="Encoding"/> was chosen when it was detected from the bytes rather than given or marked by a
    /// byte order mark; <see langword="null"/> otherwise.</summary>
    public string? EncodingEvidence { get; }

    /// <summary>Gets the time zone in which times without a UTC offset were read: <see cref="CsvReadOptions.TimeZone"/>, or
    /// the one the export declared (Qualtrics' <c>timeZone</c>); <see langword="null"/> when neither.</summary>
    public string? TimeZone { get; }

    /// <summary>Gets the order of day and month used for dates written with numbers only, or <see langword="null"/> when none
    /// was needed.</summary>
    public DateOrder? DateOrder { get; }

    /// <summary>Gets what decided <see cref="DateOrder"/>: an option, a culture, or the line of the file that proved it.</summary>
    public string? DateOrderEvidence { get; }

    /// <summary>Gets what a reader should know about the input though nothing was rejected: an encoding that was detected
    /// rather than given, U+FFFD replacement characters in the text, a declared time zone, a file counted by NPS group, a
    /// file without a time column dated on <see cref="CsvReadOptions.UndatedDay"/>.</summary>
    /// <value>Each warning's <see cref="IngestWarning.Kind"/> says what it is about (switch on it rather than on the
    /// message's text) and <see cref="IngestWarning.Message"/> says it in English; in the order found, at most one of each kind.</value>
    public IReadOnlyList<IngestWarning> Warnings { get; }

    /// <summary>Gets the number of rows rejected; each is in <see cref="BadRows"/>.</summary>
    public long RowsRejected => BadRows.Count;

    /// <summary>Gets every rejected row in input order (a row rejected as an earlier duplicate under
    /// <see cref="DuplicatePolicy.KeepLatest"/> is listed when its later answer is read).</summary>
    public IReadOnlyList<BadRow> BadRows { get; }

    /// <summary>Gets the number of rejected rows per reason.</summary>
    public IReadOnlyDictionary<BadRowReason, long> RejectedByReason { get; }

    /// <summary>Gets the number of rows that repeated a respondent already seen, whatever the duplicate policy did with them.</summary>
    /// <value>Exact under the deduplicating policies and for up to 65 536 distinct respondents; beyond that, under
    /// <see cref="DuplicatePolicy.KeepAll"/>, an estimate unless <see cref="CsvReadOptions.ExactDuplicateCount"/> is set
    /// (see <see cref="DuplicateRowsEstimated"/>).</value>
    public long DuplicateRows { get; }

    /// <summary>Gets a value indicating whether <see cref="DuplicateRows"/> is an estimate: rows with an id less a
    /// HyperLogLog estimate of the distinct ids, whose standard error is about 0.8 % of the distinct ids (so the
    /// duplicate count is off by about 0.008 × distinct respondents, typically). Only under
    /// <see cref="DuplicatePolicy.KeepAll"/> without <see cref="CsvReadOptions.ExactDuplicateCount"/>, past 65 536
    /// distinct respondents; no accepted or rejected row depends on it.</summary>
    public bool DuplicateRowsEstimated { get; }

    /// <summary>Gets the delimiter used (given or detected).</summary>
    public char Delimiter { get; }

    /// <summary>Gets the header used for each role found: keys <c>score</c>, <c>time</c>, <c>respondent</c>, <c>weight</c>,
    /// <c>comment</c> for responses; for <see cref="EnpsCsv"/> and <see cref="ContactCsv"/>, the role keys of their
    /// options' <c>Columns</c> (e.g. <c>id</c>, <c>account</c>, <c>kind</c>).</summary>
    public IReadOnlyDictionary<string, string> Columns { get; }

    /// <summary>Gets the headers read as segment dimensions, in file order; for <see cref="EnpsCsv"/> the org level and
    /// demographic columns, for contacts the attribute columns.</summary>
    public IReadOnlyList<string> SegmentColumns { get; }

    /// <summary>Gets the headers that were not used.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>Summarises the report, e.g. <c>responses.csv: 1000 rows read, 997 accepted, 3 rejected (ScoreOutOfRange 2, TimeUnparsable 1)</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Source}: {RowsRead} rows read, {RowsAccepted} accepted, {RowsRejected} rejected");
        if (RejectedByReason.Count > 0)
        {
            sb.Append(" (").AppendJoin(", ", RejectedByReason.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value}"))).Append(')');
        }

        if (NonResponses > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; {NonResponses} without a score (skipped the question)");
        }

        if (DuplicateRows > 0)
        {
            sb.Append(DuplicateRowsEstimated
                ? string.Create(CultureInfo.InvariantCulture, $"; about {DuplicateRows} duplicate respondent rows (estimated; set CsvReadOptions.ExactDuplicateCount to count exactly)")
                : string.Create(CultureInfo.InvariantCulture, $"; {DuplicateRows} duplicate respondent rows"));
        }

        return sb.ToString();
    }
}

/// <summary>What a response reader detected, passed to <see cref="IngestReport"/>.</summary>
internal sealed record IngestDetails(
    SurveySource SurveySource,
    int HeaderRows,
    string? Encoding,
    string? EncodingEvidence,
    string? TimeZone,
    DateOrder? DateOrder,
    string? DateOrderEvidence,
    long NonResponses,
    long EmptyRows,
    IReadOnlyList<IngestWarning> Warnings,
    DateOnly? UndatedDay = null)
{
    public static IngestDetails None { get; } = new(SurveySource.Generic, 1, null, null, null, null, null, 0, 0, []);
}
