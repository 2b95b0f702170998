using System.Globalization;
using System.Text;
using CsvHelper;
using NpsKit.Aggregation;

namespace NpsKit.Csv.Internal;

/// <summary>The values of one valid row that every sink needs; segment and comment fields are read from the reader by index.</summary>
internal readonly record struct RowValues(long LineNumber, byte Score, long UtcTicks, bool HasTime, double Weight, bool HasWeight);

/// <summary>Receives the valid rows of a CSV read, in input order.</summary>
internal interface IResponseSink
{
    /// <summary>Called once, after the header is resolved and before the first row.</summary>
    void Begin(ColumnMap map);

    /// <summary>Called for every accepted row; spans read from <paramref name="reader"/> are valid only during the call.</summary>
    void Accept(CsvReader reader, ColumnMap map, in RowValues row);
}

/// <summary>Something that can be read once or twice (the <see cref="DuplicatePolicy.KeepLatest"/> policy reads twice).</summary>
internal abstract class CsvInput
{
    public abstract string Source { get; }

    public abstract CsvReader Open(CsvReaderOptions options);

    /// <summary>The input's length in bytes when known (a file, a seekable stream), for progress.</summary>
    public virtual long? Length => null;

    /// <summary>What the encoding stage decided when the input was last opened; <see langword="null"/> for text input.</summary>
    public EncodingDecision? Encoding { get; private set; }

    /// <summary>Runs the encoding stage (<see cref="EncodingStage"/>) over <paramref name="bytes"/> and opens the tokenizer on its output.</summary>
    private protected CsvReader OpenBytes(Stream bytes, CsvReaderOptions options, bool leaveOpen)
    {
        (Stream stream, EncodingDecision decision) = EncodingStage.Prepare(bytes, options.Encoding, Source, leaveOpen);
        Encoding = decision;
        return CsvReader.Create(stream, options with { Encoding = decision.ForReader }, leaveOpen: false);
    }

    public static CsvInput FromPath(string path) => new PathInput(path);

    public static CsvInput FromStream(Stream stream, string source) => new StreamInput(stream, source);

    public static CsvInput FromText(TextReader reader, string source) => new TextInput(reader, source);

    private sealed class PathInput(string path) : CsvInput
    {
        public override string Source { get; } = Path.GetFileName(path);

        public override long? Length => File.Exists(path) ? new FileInfo(path).Length : null;

        public override CsvReader Open(CsvReaderOptions options)
        {
            try
            {
                return OpenBytes(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan), options, leaveOpen: false);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new FileNotFoundException($"The CSV file '{path}' does not exist.", path, ex);
            }
        }
    }

    private sealed class StreamInput(Stream stream, string source) : CsvInput
    {
        private long _start = stream.CanSeek ? stream.Position : -1;
        private bool _opened;
        private Stream _stream = stream;

        public override string Source => source;

        public override long? Length => _stream.CanSeek ? _stream.Length - _start : null;

        public override CsvReader Open(CsvReaderOptions options)
        {
            if (_opened)
            {
                if (_start >= 0)
                {
                    _stream.Position = _start;
                }
                else
                {
                    throw new InvalidOperationException("A non-seekable stream cannot be read twice; this is a bug in the buffering of NpsKit.Csv.");
                }
            }

            _opened = true;
            return OpenBytes(_stream, options, leaveOpen: true);
        }

        /// <summary>Copies a non-seekable stream into memory so it can be read twice.</summary>
        public void EnsureRereadable()
        {
            if (_start < 0)
            {
                var copy = new MemoryStream();
                _stream.CopyTo(copy);
                copy.Position = 0;
                _stream = copy;
                _start = 0;
            }
        }
    }

    private sealed class TextInput(TextReader reader, string source) : CsvInput
    {
        private string? _text;
        private bool _opened;

        public override string Source => source;

        public override CsvReader Open(CsvReaderOptions options)
        {
            if (_opened || _text is not null)
            {
                _text ??= reader.ReadToEnd();
                return CsvReader.FromText(_text, options);
            }

            _opened = true;
            return CsvReader.Create(reader, options, leaveOpen: true);
        }

        public void EnsureRereadable() => _text ??= reader.ReadToEnd();
    }

    /// <summary>Makes the input readable again from the start with as little copying as possible: a file or a seekable
    /// stream already is; a non-seekable stream or a text reader is buffered.</summary>
    internal void PrepareForRereading() => PrepareForTwoPasses();

    internal void PrepareForTwoPasses()
    {
        switch (this)
        {
            case StreamInput s:
                s.EnsureRereadable();
                break;
            case TextInput t:
                t.EnsureRereadable();
                break;
        }
    }
}

/// <summary>
/// Reads responses from CSV with CsvHelper's UTF-8 reader: resolves the header, converts fields from spans, collects
/// every bad row (or throws on the first in strict mode), applies the duplicate policy, and hands valid rows to a sink.
/// </summary>
internal sealed class ResponseCsvEngine
{
    private readonly CsvReadOptions _options;
    private readonly TimeZoneInfo? _zone;
    private readonly CsvInput _input;

    public ResponseCsvEngine(CsvInput input, CsvReadOptions? options)
    {
        _options = options ?? CsvReadOptions.Default;
        _zone = _options.Validate();
        _input = input;
        _dates = new DateReading(_options) { Source = input.Source };
        if (_options.DuplicatePeriod is PeriodUnit unit)
        {
            var calendar = ReportingCalendar.FromTimeZoneId(_options.TimeZone ?? "Etc/UTC", unit);
            _duplicatePeriodOf = ticks => calendar.PeriodOf(new DateTimeOffset(ticks, TimeSpan.Zero)).FirstDay.DayNumber;
        }
    }

    /// <summary>Maps a row's UTC ticks to its survey period, so duplicates are per respondent and period; null for the whole input.</summary>
    private readonly Func<long, long>? _duplicatePeriodOf;

    public IngestReport Run(IResponseSink sink)
    {
        Dictionary<string, (long Ticks, long Line)>? winners = null;
        if (_options.Duplicates == DuplicatePolicy.KeepLatest)
        {
            _input.PrepareForTwoPasses();
        }

        if (_dates.NeedsDecision)
        {
            // The date order of numeric dates is decided from the file before any row is counted (DateOrderProbe).
            _input.PrepareForRereading();
            _probe = new DateOrderProbe(_input.Source);
            Pass(new NullSink(), winners: null, collect: false);
            _probe.Decide(_dates);
            _probe = null;
        }

        if (_options.Duplicates == DuplicatePolicy.KeepLatest)
        {
            winners = FindLatest();
        }

        return Pass(sink, winners, collect: true)!;
    }

    /// <summary>How dates are read; its order is decided by the probe when no option decides it.</summary>
    private readonly DateReading _dates;

    /// <summary>Set while the date-order probe runs: the pass hands it each time field and stops when it has decided.</summary>
    private DateOrderProbe? _probe;

    private Dictionary<string, (long Ticks, long Line)> FindLatest()
    {
        var latest = new Dictionary<string, (long Ticks, long Line)>(StringComparer.Ordinal);
        var finder = new LatestFinder(latest, this);
        Pass(finder, winners: null, collect: false);
        return latest;
    }

    private IngestReport? Pass(IResponseSink sink, Dictionary<string, (long Ticks, long Line)>? winners, bool collect)
    {
        var badRows = new List<BadRow>();
        var malformed = new Queue<CsvMalformedRecord>();
        CsvReaderOptions readerOptions = new()
        {
            Separator = _options.Delimiter,
            HasHeader = true,
            DetectSeparatorHint = true,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            TrimWhitespace = false, // fields are trimmed where used (FieldParsers.Trim): cheaper than trimming every field
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            IncludeValuesInExceptions = _options.IncludeRawValues,
            Encoding = _options.Encoding,
            OnMalformedRecord = malformed.Enqueue,
        };

        string source = _input.Source;
        IProgress<CsvProgress>? progress = collect ? _options.Progress : null; // the first pass of KeepLatest reports nothing
        long? total = progress is null ? null : _input.Length;
        long rowsRead = 0;
        long duplicates = 0;
        var seen = _options.Duplicates == DuplicatePolicy.KeepAll || _options.Duplicates == DuplicatePolicy.KeepFirst || _options.Duplicates == DuplicatePolicy.Error
            ? new HashSet<string>(StringComparer.Ordinal)
            : null;
        var seenLookup = seen?.GetAlternateLookup<ReadOnlySpan<char>>();
        using CsvReader reader = _input.Open(readerOptions);
        char delimiter;
        string[] header;
        try
        {
            delimiter = reader.Separator;
            header = reader.Headers.ToArray();
        }
        catch (Exception ex) when (ex is not NpsDataException)
        {
            throw new NpsDataException($"{source}: the header cannot be read: {ex.Message}", ex);
        }

        bool strict = _options.Mode == CsvReadMode.Strict;
        void Reject(BadRow bad)
        {
            if (!collect)
            {
                return;
            }

            if (strict)
            {
                throw new NpsDataException(bad);
            }

            badRows.Add(bad);
        }

        Action<BadRow> reject = Reject; // one delegate, not one per row
        bool ReadNext()
        {
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (Exception ex) when (ex is not NpsDataException)
            {
                rowsRead += MalformedRows.Drain(malformed, source, header.Length, reject);
                throw new NpsDataException($"{source}: reading failed after line {reader.LineNumber}: {ex.Message}", ex);
            }

            rowsRead += MalformedRows.Drain(malformed, source, header.Length, reject);
            return more;
        }

        // The survey tool's layout, and its further header rows (read as rows, kept as text for the mapping).
        SourceLayout layout = _options.Source is SurveySource given ? SourceLayouts.Of(given) : SourceLayouts.Detect(header);
        int extraWanted = (_options.HeaderRows ?? layout.MaxHeaderRows) - 1;
        var extraRows = new List<string[]>();
        bool pending = false;
        while (extraRows.Count < extraWanted && ReadNext())
        {
            var fields = new string[header.Length];
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
            }

            if (_options.HeaderRows is null && !layout.IsHeaderRow(extraRows.Count + 1, header, fields))
            {
                pending = true; // the layout's extra header rows are absent: this is the first answer
                break;
            }

            extraRows.Add(fields);
        }

        ColumnMap map = ColumnMap.Resolve(header, _options.Mapping, source, delimiter, layout, extraRows);
        if (_duplicatePeriodOf is not null && map.Respondent >= 0 && map.Time < 0)
        {
            throw new NpsDataException($"{source}: CsvReadOptions.DuplicatePeriod needs a time column to place answers in periods, and none was found. Name it in CsvReadOptions.Mapping.Time.");
        }

        // The zone the export declares for its times beats the one given: it is the file's own statement about its times.
        TimeZoneInfo? zone = _zone;
        string? zoneId = _options.TimeZone;
        string? zoneNote = null;
        if (SourceLayout.DeclaredTimeZone(map.Headers, extraRows, map.Time) is string declared)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(declared, out TimeZoneInfo? declaredZone))
            {
                throw new NpsDataException($"{source}: the export declares its times in the zone '{declared}', which is not a known IANA time zone: set CsvReadOptions.TimeZone.");
            }

            if (zone is not null && !string.Equals(zone.Id, declaredZone.Id, StringComparison.OrdinalIgnoreCase))
            {
                zoneNote = $"{source}: the export declares its times in {declared}, so they were read in {declared}, not in {zoneId}.";
            }

            zone = declaredZone;
            zoneId = declared;
        }

        sink.Begin(map);
        var times = new TimeParser(zone, _options.Culture, _dates);
        Span<char> idBuffer = stackalloc char[256];
        long nonResponses = 0;
        long emptyRows = 0;

        while (true)
        {
            if (pending)
            {
                pending = false;
            }
            else if (!ReadNext())
            {
                break;
            }

            long line = reader.LineNumber;
            if (_probe is not null)
            {
                if (map.Time < 0 || _probe.See(reader.GetSpan(map.Time), line))
                {
                    break;
                }

                continue;
            }

            ReadOnlySpan<byte> scoreField = reader.GetSpan(map.Score);
            BadRowReason? scoreProblem = FieldParsers.ParseScore(scoreField, out byte score);
            if (scoreProblem == BadRowReason.MissingScore)
            {
                // A skipped question, or a row with nothing in it (Excel's trailing ",,,"): neither an answer nor an error.
                if (IsBlankRecord(reader, header.Length))
                {
                    emptyRows++;
                }
                else
                {
                    rowsRead++;
                    nonResponses++;
                }

                continue;
            }

            rowsRead++;
            if ((rowsRead & (RecordCsvEngine.ProgressEvery - 1)) == 0 && progress is not null)
            {
                progress.Report(new CsvProgress(source, rowsRead, reader.ByteOffset, total));
            }

            _dates.Line = line;
            if (scoreProblem is BadRowReason reason)
            {
                Reject(Bad(source, line, map.HeaderOf(map.Score), reader.GetSpan(map.Score), reason, "an integer from 0 to 10, or a label starting with one such as '10 - Extremely likely'"));
                continue;
            }

            long ticks = 0;
            bool hasTime = map.Time >= 0;
            if (hasTime)
            {
                BadRowReason? timeProblem = times.Parse(reader.GetSpan(map.Time), out ticks);
                if (timeProblem is BadRowReason tr)
                {
                    string allowed = tr == BadRowReason.TimeWithoutZone
                        ? "a time with a UTC offset (e.g. 2026-03-14T09:12:33+01:00 or …Z), or set CsvReadOptions.TimeZone to read local times"
                        : tr == BadRowReason.AmbiguousDate
                        ? "a date whose order is known: set CsvReadOptions.DateOrder, CsvReadOptions.DateFormats or CsvReadOptions.Culture"
                        : string.Create(CultureInfo.InvariantCulture, $"an ISO 8601 date and time (e.g. 2026-03-14T09:12:33Z) or a date in the {(_options.Culture.Name.Length == 0 ? "invariant" : _options.Culture.Name)} culture, from year 1 to 9999");
                    Reject(Bad(source, line, map.HeaderOf(map.Time), reader.GetSpan(map.Time), tr, allowed));
                    continue;
                }
            }

            double weight = 1;
            bool hasWeight = map.Weight >= 0;
            if (hasWeight && !FieldParsers.TryParseWeight(reader.GetSpan(map.Weight), _options.Culture, out weight))
            {
                Reject(Bad(source, line, map.HeaderOf(map.Weight), reader.GetSpan(map.Weight), BadRowReason.InvalidWeight, "a finite number greater than zero"));
                continue;
            }

            if (map.Respondent >= 0)
            {
                ReadOnlySpan<byte> idBytes = FieldParsers.Trim(reader.GetSpan(map.Respondent));
                if (!idBytes.IsEmpty)
                {
                    ReadOnlySpan<char> id = IdWithPeriod(idBytes, ticks, idBuffer, out string? longId);
                    if (winners is not null)
                    {
                        if (winners.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(id, out var winner) && winner.Line != line)
                        {
                            duplicates++;
                            Reject(Bad(source, line, map.HeaderOf(map.Respondent), idBytes, BadRowReason.DuplicateRespondent, "one answer per respondent and period (policy KeepLatest keeps the latest)"));
                            continue;
                        }
                    }
                    else if (seenLookup is { } lookup)
                    {
                        if (lookup.Contains(id))
                        {
                            duplicates++;
                            if (_options.Duplicates != DuplicatePolicy.KeepAll)
                            {
                                Reject(Bad(source, line, map.HeaderOf(map.Respondent), idBytes, BadRowReason.DuplicateRespondent, _options.Duplicates == DuplicatePolicy.KeepFirst
                                    ? "one answer per respondent and period (policy KeepFirst keeps the first)"
                                    : "one answer per respondent and period (policy Error)"));
                                continue;
                            }
                        }
                        else
                        {
                            seen!.Add(longId ?? new string(id));
                        }
                    }
                }
            }

            sink.Accept(reader, map, new RowValues(line, score, ticks, hasTime, weight, hasWeight));
        }

        progress?.Report(new CsvProgress(source, rowsRead, reader.ByteOffset, total));
        if (!collect)
        {
            return null;
        }

        EncodingDecision? encoding = _input.Encoding;
        var warnings = new List<string>();
        if (encoding is { SawReplacementCharacter: true })
        {
            warnings.Add($"{source} contains U+FFFD replacement characters (\uFFFD): the file was mis-decoded before it was saved, so some text (segment names, comments) has lost its letters. Re-export it from the survey tool as UTF-8.");
        }

        if (zoneNote is not null)
        {
            warnings.Add(zoneNote);
        }

        if (encoding?.Evidence is string evidence)
        {
            warnings.Add($"{source} was read as {encoding.Name}: {evidence}. If that is wrong, name the encoding with CsvReadOptions.Encoding.");
        }

        var details = new IngestDetails(
            layout.Source,
            1 + extraRows.Count,
            encoding?.Name,
            encoding?.Evidence,
            zoneId,
            map.Time >= 0 ? _dates.Order : null,
            _dates.OrderEvidence,
            nonResponses,
            emptyRows,
            warnings);
        return new IngestReport(source, rowsRead, badRows.AsReadOnly(), duplicates, delimiter, new Dictionary<string, string>(map.Roles), map.SegmentNames, map.Ignored.ToArray(), details);
    }

    /// <summary>Whether every field of the current record is empty or blank.</summary>
    private static bool IsBlankRecord(CsvReader reader, int fields)
    {
        for (int i = 0; i < fields; i++)
        {
            if (!FieldParsers.Trim(reader.GetSpan(i)).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Accepts nothing: the sink of the date-order probe's pass.</summary>
    private sealed class NullSink : IResponseSink
    {
        public void Begin(ColumnMap map)
        {
        }

        public void Accept(CsvReader reader, ColumnMap map, in RowValues row)
        {
        }
    }

    /// <summary>The duplicate key: the respondent id, plus the survey period when one is set.</summary>
    private ReadOnlySpan<char> IdWithPeriod(ReadOnlySpan<byte> idBytes, long ticks, Span<char> buffer, out string? longId)
    {
        // The key is the id, then (when duplicates are per period) a separator and the period's day number: formatted
        // into the stack buffer, so the common path allocates nothing per row.
        longId = null;
        Span<char> suffix = stackalloc char[24];
        int suffixLength = 0;
        if (_duplicatePeriodOf is { } period)
        {
            suffix[0] = '\u001F';
            period(ticks).TryFormat(suffix[1..], out int digits, default, CultureInfo.InvariantCulture);
            suffixLength = 1 + digits;
        }

        if (Encoding.UTF8.GetMaxCharCount(idBytes.Length) + suffixLength <= buffer.Length)
        {
            int n = Encoding.UTF8.GetChars(idBytes, buffer);
            suffix[..suffixLength].CopyTo(buffer[n..]);
            return buffer[..(n + suffixLength)];
        }

        longId = Encoding.UTF8.GetString(idBytes) + new string(suffix[..suffixLength]);
        return longId;
    }

    private BadRow Bad(string source, long line, string column, ReadOnlySpan<byte> raw, BadRowReason reason, string allowed) =>
        new(source, line, column, _options.IncludeRawValues ? Encoding.UTF8.GetString(raw) : null, reason, allowed);

    /// <summary>First pass of <see cref="DuplicatePolicy.KeepLatest"/>: the latest valid row per respondent (ties: the later line).</summary>
    private sealed class LatestFinder(Dictionary<string, (long Ticks, long Line)> latest, ResponseCsvEngine engine) : IResponseSink
    {
        private readonly char[] _buffer = new char[256];

        public void Begin(ColumnMap map)
        {
            if (map.Respondent >= 0 && map.Time < 0)
            {
                throw new NpsDataException($"{engine._input.Source}: DuplicatePolicy.KeepLatest needs a time column to tell which answer is the latest, and none was found. Map one in CsvReadOptions.Mapping.Time, or use KeepFirst.");
            }
        }

        public void Accept(CsvReader reader, ColumnMap map, in RowValues row)
        {
            if (map.Respondent < 0)
            {
                return;
            }

            ReadOnlySpan<byte> idBytes = FieldParsers.Trim(reader.GetSpan(map.Respondent));
            if (idBytes.IsEmpty)
            {
                return;
            }

            ReadOnlySpan<char> id = engine.IdWithPeriod(idBytes, row.UtcTicks, _buffer, out string? longId);
            var lookup = latest.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(id, out var current) || row.UtcTicks >= current.Ticks)
            {
                lookup[id] = (row.UtcTicks, row.LineNumber);
            }

            _ = longId;
        }
    }
}
