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

    public NpsDataException Missing(string source, string what) =>
        new($"{source}: the header has no {what}. Columns found: {string.Join(", ", Headers.Select(h => "'" + h + "'"))}.");
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
                    throw columns.Missing(source, $"{role} column '{name}' (set in Columns[\"{role}\"])");
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
    public IngestReport Run(Func<string[], RecordColumns> begin, Func<RecordRow, bool> row, IReadOnlyList<string>? extraColumns = null)
    {
        var malformed = new Queue<SkippedRecord>();
        TokenizerSettings readerOptions = TokenizerSettings.From(_options, malformed.Enqueue);

        IProgress<CsvProgress>? progress = _options.Progress;
        long? total = progress is null ? null : _input.Length;
        long rowsRead = 0;
        using Utf8CsvReader reader = _input.Open(readerOptions);
        RecordColumns columns;
        char delimiter;
        try
        {
            delimiter = reader.Separator;
            columns = begin(reader.Headers.ToArray());
        }
        catch (Exception ex) when (ex is not NpsDataException)
        {
            throw new NpsDataException($"{Source}: the header cannot be read: {ex.Message}", ex);
        }

        var current = new RecordRow(this) { Reader = reader, Columns = columns };
        Action<BadRow> add = Add; // one delegate, not one per row

        // A survey tool's further header rows (CsvReadOptions.HeaderRows, or the layout given or detected, whose rows
        // are recognised by their content) are read as header, never as data.
        string[] header = columns.Headers;
        SourceLayout layout = _options.Source is SurveySource given ? SourceLayouts.Of(given) : SourceLayouts.Detect(header);
        int extraWanted = (_options.HeaderRows ?? layout.MaxHeaderRows) - 1;
        bool pending = false;
        for (int k = 0; k < extraWanted; k++)
        {
            if (!reader.Read())
            {
                break;
            }

            rowsRead += MalformedRows.Drain(malformed, Source, header.Length, add);
            string[] fields = Enumerable.Range(0, header.Length).Select(reader.GetString).ToArray();
            if (_options.HeaderRows is null && !layout.IsHeaderRow(k + 1, header, fields))
            {
                pending = true; // the layout's further header rows are absent: this is the first record
                break;
            }

            HeaderRows++;
        }

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
            row(current);
            if ((rowsRead & (ProgressEvery - 1)) == 0 && progress is not null)
            {
                progress.Report(new CsvProgress(Source, rowsRead, reader.ByteOffset, total));
            }
        }

        progress?.Report(new CsvProgress(Source, rowsRead, reader.ByteOffset, total));
        IReadOnlyList<string> extra = extraColumns ?? [];
        string[] ignored = columns.Unused().Select(i => columns.Headers[i]).Where(h => !extra.Contains(h, StringComparer.Ordinal)).ToArray();
        return new IngestReport(Source, rowsRead, _badRows.AsReadOnly(), Duplicates, delimiter, new Dictionary<string, string>(columns.Roles), extra.ToArray(), ignored);
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
