using System.Globalization;
using System.Text;

namespace NpsKit.Csv.Internal;

/// <summary>One column role of a record file: its key (as used in the options' <c>Columns</c>), the header names it is
/// detected by, and whether a file must have it.</summary>
internal sealed record ColumnRole(string Key, string[] Candidates, bool Required);

/// <summary>The header resolved against the roles: the index of each role (−1 when absent) and the columns left over.</summary>
internal sealed class RecordColumns
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public RecordColumns(string[] headers) => Headers = headers;

    public string[] Headers { get; }

    public Dictionary<string, string> Roles { get; } = new(StringComparer.Ordinal);

    public HashSet<int> Used { get; } = [];

    /// <summary>Gets the index of <paramref name="role"/>, or −1 when the file has no such column.</summary>
    public int this[string role] => _index.TryGetValue(role, out int i) ? i : -1;

    public void Set(string role, int index)
    {
        _index[role] = index;
        Roles[role] = Headers[index];
        Used.Add(index);
    }

    /// <summary>The indexes not assigned to a role, in file order.</summary>
    public IEnumerable<int> Unused() => Enumerable.Range(0, Headers.Length).Where(i => !Used.Contains(i));

    /// <summary>Finds a header by exact name (case-insensitive, trimmed); −1 when absent.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Headers.Length; i++)
        {
            if (string.Equals(Headers[i].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Finds the first unused header whose normalised name is one of <paramref name="candidates"/>; −1 when none.</summary>
    public int Detect(IEnumerable<string> candidates)
    {
        foreach (string candidate in candidates)
        {
            for (int i = 0; i < Headers.Length; i++)
            {
                if (!Used.Contains(i) && ColumnMap.Normalize(Headers[i]) == candidate)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>A header without a column; with <paramref name="member"/> (the option that named it) the message says
    /// where it was set, and the problem and its remedy are structured, so a caller such as the CLI can say it in its
    /// own words.</summary>
    public NpsDataException Missing(string source, string what, string? member = null)
    {
        string found = string.Join(", ", Headers.Select(h => "'" + h + "'"));
        return member is null
            ? new($"{source}: the header has no {what}. Columns found: {found}.")
            : new($"{source}: the header has no {what} (set in {member}). Columns found: {found}.", source, $"the header has no {what}. Columns found: {found}", [new ReadOptionRemedy(member)]);
    }
}

/// <summary>The current row of a record read: trimmed fields by index, and the way to reject it.</summary>
internal sealed class RecordRow
{
    private readonly RecordCsvEngine _engine;

    internal RecordRow(RecordCsvEngine engine) => _engine = engine;

    internal Utf8CsvReader Reader { get; set; } = null!;

    public long Line { get; internal set; }

    public RecordColumns Columns { get; internal set; } = null!;

    /// <summary>The field as UTF-8 bytes, trimmed; empty when <paramref name="index"/> is −1.</summary>
    public ReadOnlySpan<byte> Span(int index) => index < 0 ? default : FieldParsers.Trim(Reader.GetSpan(index));

    /// <summary>The field as text, trimmed; empty when <paramref name="index"/> is −1.</summary>
    public string Text(int index) => index < 0 ? string.Empty : FieldParsers.Text(Reader.GetSpan(index));

    /// <summary>The field as text, or <see langword="null"/> when empty or absent.</summary>
    public string? TextOrNull(int index)
    {
        string text = Text(index);
        return text.Length == 0 ? null : text;
    }

    /// <summary>Rejects the row for the field at <paramref name="index"/>; returns <see langword="false"/> so handlers can
    /// <c>return row.Reject(…)</c>. Throws in strict mode.</summary>
    public bool Reject(int index, BadRowReason reason, string allowed) => _engine.Reject(this, index, reason, allowed);
}

/// <summary>
/// Reads record files (eNPS answers, contacts, contact history, accounts) with the conventions of <see cref="NpsCsv"/>:
/// NpsKit's UTF-8 tokenizer (<see cref="Utf8CsvReader"/>), header detection or configured names, strict or lenient mode with every bad row reported
/// (line, column, reason, what is allowed), raw values withheld on request, and progress every
/// <see cref="ProgressEvery"/> rows.
/// </summary>
internal sealed class RecordCsvEngine
{
    /// <summary>Progress is reported when the row count is a multiple of this (a power of two: one mask test per row).</summary>
    internal const long ProgressEvery = 16_384;

    private readonly CsvInput _input;
    private readonly CsvReadOptions _options;
    private readonly bool _includeRaw;
    private readonly List<BadRow> _badRows = [];
    private readonly bool _strict;

    public RecordCsvEngine(CsvInput input, CsvReadOptions? options, bool includeRawValues)
    {
        _input = input;
        _options = options ?? CsvReadOptions.Default;
        Zone = _options.Validate();
        _includeRaw = includeRawValues;
        _strict = _options.Mode == CsvReadMode.Strict;
        Times = new TimeParser(Zone, _options.Culture, new DateReading(_options) { Source = input.Source });
    }

    public string Source => _input.Source;

    public TimeZoneInfo? Zone { get; }

    public TimeParser Times { get; }

    public CultureInfo Culture => _options.Culture;

    public long Duplicates { get; set; }

    /// <summary>Gets how many header rows the file had besides the first (a survey tool's question texts, ImportIds).</summary>
    public int HeaderRows { get; private set; }

    /// <summary>Resolves the roles against the header: configured names first (each must exist), then detection.</summary>
    public static RecordColumns Resolve(string source, string[] header, IReadOnlyDictionary<string, string>? configured, IEnumerable<ColumnRole> roles)
    {
        if (header.Length == 0 || (header.Length == 1 && string.IsNullOrWhiteSpace(header[0])))
        {
            throw new NpsDataException($"{source}: the input is empty: expected a header line naming the columns.");
        }

        var columns = new RecordColumns(header);
        ColumnRole[] list = roles.ToArray();
        if (configured is not null)
        {
            foreach ((string role, string name) in configured)
            {
                if (!list.Any(r => r.Key == role))
                {
                    continue; // validated by the options
                }

                int index = columns.IndexOf(name);
                if (index < 0)
                {
                    throw columns.Missing(source, $"{role} column '{name}'", $"Columns[\"{role}\"]");
                }

                if (columns.Used.Contains(index))
                {
                    throw new NpsDataException($"{source}: column '{name}' is mapped to two roles; give each role its own column.");
                }

                columns.Set(role, index);
            }
        }

        foreach (ColumnRole role in list)
        {
            if (columns[role.Key] >= 0)
            {
                continue;
            }

            int index = columns.Detect(role.Candidates);
            if (index >= 0)
            {
                columns.Set(role.Key, index);
            }
            else if (role.Required)
            {
                throw columns.Missing(source, $"{role.Key} column (looked for: {string.Join(", ", role.Candidates)}; set Columns[\"{role.Key}\"] to name it)");
            }
        }

        return columns;
    }

    /// <summary>Reads every row: <paramref name="begin"/> resolves the header once, then <paramref name="row"/> is called
    /// per row and returns whether it accepted it.</summary>
    /// <param name="begin">Resolves the header (called once, whatever the number of passes).</param>
    /// <param name="row">Handles one row.</param>
    /// <param name="extraColumns">The columns read as segments or attributes, for the report.</param>
    /// <param name="dateRole">The role whose column's numeric dates decide the file's date order when no option or
    /// culture decides it: the same <see cref="DateOrderProbe"/> as the response reader, over a kept prefix (see
    /// <see cref="CsvInput.PlanReads"/>), before any row is handed to <paramref name="row"/>. <see langword="null"/>: no
    /// decision (an ambiguous date is then a bad row).</param>
    public IngestReport Run(Func<string[], RecordColumns> begin, Func<RecordRow, bool> row, IReadOnlyList<string>? extraColumns = null, string? dateRole = null)
    {
        DateReading dates = Times.Dates;
        bool probe = dateRole is not null && dates.NeedsDecision;
        _input.PlanReads(probe, keepLatest: false);
        using CsvInput release = _input;
        RecordColumns? resolved = null;
        if (probe)
        {
            resolved = Probe(begin, dateRole!, dates);
        }

        var malformed = new Queue<SkippedRecord>();
        TokenizerSettings readerOptions = TokenizerSettings.From(_options, malformed.Enqueue);

        IProgress<CsvProgress>? progress = _options.Progress;
        long? total = progress is null ? null : _input.Length;
        long rowsRead = 0;
        using Utf8CsvReader reader = _input.Open(readerOptions);
        char delimiter = Separator(reader);
        RecordColumns columns = resolved ?? ReadHeader(reader, begin);
        var current = new RecordRow(this) { Reader = reader, Columns = columns };
        Action<BadRow> add = Add; // one delegate, not one per row
        (SourceLayout layout, bool pending, int headerRows, long drained) = SkipHeaderRows(reader, columns.Headers, malformed, add);
        HeaderRows = headerRows;
        rowsRead += drained;

        while (true)
        {
            bool more;
            try
            {
                if (pending)
                {
                    pending = false;
                    more = true;
                }
                else
                {
                    more = reader.Read();
                }
            }
            catch (Exception ex) when (ex is not NpsDataException)
            {
                rowsRead += MalformedRows.Drain(malformed, Source, columns.Headers.Length, add);
                throw new NpsDataException($"{Source}: reading failed after line {reader.LineNumber}: {ex.Message}", ex);
            }

            rowsRead += MalformedRows.Drain(malformed, Source, columns.Headers.Length, add);
            if (!more)
            {
                break;
            }

            rowsRead++;
            current.Line = reader.LineNumber;
            dates.Line = current.Line; // for the message of a date contradicting the file's order
            row(current);
            if ((rowsRead & (ProgressEvery - 1)) == 0 && progress is not null)
            {
                progress.Report(new CsvProgress(Source, rowsRead, reader.ByteOffset, total));
            }
        }

        progress?.Report(new CsvProgress(Source, rowsRead, reader.ByteOffset, total));
        IReadOnlyList<string> extra = extraColumns ?? [];
        string[] ignored = columns.Unused().Select(i => columns.Headers[i]).Where(h => !extra.Contains(h, StringComparer.Ordinal)).ToArray();
        bool dated = dateRole is not null && columns[dateRole] >= 0;
        EncodingDecision? encoding = _input.Encoding;
        var details = new IngestDetails(
            layout.Source,
            1 + HeaderRows,
            encoding?.Name,
            encoding?.Evidence,
            _options.TimeZone,
            dated ? dates.Order : null,
            dated ? dates.OrderEvidence : null,
            0,
            0,
            []);
        return new IngestReport(Source, rowsRead, _badRows.AsReadOnly(), Duplicates, delimiter, new Dictionary<string, string>(columns.Roles), extra.ToArray(), ignored, details);
    }

    /// <summary>The date-order pass: resolves the header, then hands the <paramref name="dateRole"/> column of each record
    /// to a <see cref="DateOrderProbe"/> until it has decided, and sets the decision on <paramref name="dates"/> (or
    /// refuses a file whose every numeric date fits both orders). Rows are neither counted nor reported here; a record
    /// the tokenizer cannot read ends the probe, and the counting pass reports it.</summary>
    private RecordColumns Probe(Func<string[], RecordColumns> begin, string dateRole, DateReading dates)
    {
        var skipped = new Queue<SkippedRecord>();
        using Utf8CsvReader reader = _input.Open(TokenizerSettings.From(_options, skipped.Enqueue));
        RecordColumns columns = ReadHeader(reader, begin);
        int time = columns[dateRole];
        if (time < 0)
        {
            return columns;
        }

        var probe = new DateOrderProbe(Source);
        try
        {
            (_, bool pending, _, _) = SkipHeaderRows(reader, columns.Headers, skipped, add: null);
            while (pending || reader.Read())
            {
                pending = false;
                skipped.Clear();
                if (probe.See(reader.GetSpan(time), reader.LineNumber))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is not NpsDataException)
        {
            // The counting pass meets the same record and reports it with its line.
        }

        probe.Decide(dates);
        return columns;
    }

    private char Separator(Utf8CsvReader reader)
    {
        try
        {
            return reader.Separator;
        }
        catch (Exception ex) when (ex is not NpsDataException)
        {
            throw new NpsDataException($"{Source}: the header cannot be read: {ex.Message}", ex);
        }
    }

    private RecordColumns ReadHeader(Utf8CsvReader reader, Func<string[], RecordColumns> begin)
    {
        try
        {
            return begin(reader.Headers.ToArray());
        }
        catch (Exception ex) when (ex is not NpsDataException)
        {
            throw new NpsDataException($"{Source}: the header cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a survey tool's further header rows (<see cref="CsvReadOptions.HeaderRows"/>, or the layout given or
    /// detected, whose rows are recognised by their content) as header, never as data.</summary>
    /// <returns>The layout, whether the record last read is the first data record (the layout's further rows were
    /// absent), how many further header rows were read, and how many malformed records were met and reported to
    /// <paramref name="add"/> (dropped when it is <see langword="null"/>: the probe's pass reports nothing).</returns>
    private (SourceLayout Layout, bool Pending, int HeaderRows, long Malformed) SkipHeaderRows(Utf8CsvReader reader, string[] header, Queue<SkippedRecord> malformed, Action<BadRow>? add)
    {
        long drained = 0;
        SourceLayout layout = _options.Source is SurveySource given ? SourceLayouts.Of(given) : SourceLayouts.Detect(header);
        int extraWanted = (_options.HeaderRows ?? layout.MaxHeaderRows) - 1;
        int rows = 0;
        for (int k = 0; k < extraWanted; k++)
        {
            if (!reader.Read())
            {
                break;
            }

            if (add is null)
            {
                malformed.Clear();
            }
            else
            {
                drained += MalformedRows.Drain(malformed, Source, header.Length, add);
            }

            string[] fields = Enumerable.Range(0, header.Length).Select(reader.GetString).ToArray();
            if (_options.HeaderRows is null && !layout.IsHeaderRow(k + 1, header, fields))
            {
                return (layout, true, rows, drained); // the layout's further header rows are absent: this is the first record
            }

            rows++;
        }

        return (layout, false, rows, drained);
    }

    internal bool Reject(RecordRow row, int index, BadRowReason reason, string allowed)
    {
        string? column = index < 0 ? null : row.Columns.Headers[index];
        string? raw = _includeRaw && index >= 0 ? Encoding.UTF8.GetString(row.Span(index)) : null;
        Add(new BadRow(Source, row.Line, column, raw, reason, allowed));
        return false;
    }

    /// <summary>Rejects a row found bad after reading (e.g. a round without a date); the line is given.</summary>
    internal void Add(BadRow bad)
    {
        if (_strict)
        {
            throw new NpsDataException(bad);
        }

        _badRows.Add(bad);
    }
}
