using System.Globalization;
using System.Text;
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
    void Accept(Utf8CsvReader reader, ColumnMap map, in RowValues row);
}

/// <summary>What the tokenizer needs from the options: the encoding, the separator (null: detect), the longest quoted
/// field, and where skipped records are reported.</summary>
internal sealed record TokenizerSettings(Encoding? Encoding, char? Separator, int MaxFieldLength, Action<SkippedRecord> Skipped)
{
    /// <summary>The settings of <paramref name="options"/>, reporting skipped records to <paramref name="skipped"/>.</summary>
    public static TokenizerSettings From(CsvReadOptions options, Action<SkippedRecord> skipped) =>
        new(options.Encoding, options.Delimiter, options.MaxFieldLength, skipped);

    public Utf8CsvReader Open(Stream stream, bool leaveOpen) => Utf8CsvReader.Open(stream, leaveOpen, Encoding, Separator, MaxFieldLength, Skipped);
}

/// <summary>Something that can be read once or twice (the <see cref="DuplicatePolicy.KeepLatest"/> policy reads twice).</summary>
internal abstract class CsvInput
{
    public abstract string Source { get; }

    public abstract Utf8CsvReader Open(TokenizerSettings settings);

    /// <summary>The input's length in bytes when known (a file, a seekable stream), for progress.</summary>
    public virtual long? Length => null;

    public static CsvInput FromPath(string path) => new PathInput(path);

    public static CsvInput FromStream(Stream stream, string source) => new StreamInput(stream, source);

    public static CsvInput FromText(TextReader reader, string source) => new TextInput(reader, source);

    private sealed class PathInput(string path) : CsvInput
    {
        public override string Source { get; } = Path.GetFileName(path);

        public override long? Length => File.Exists(path) ? new FileInfo(path).Length : null;

        public override Utf8CsvReader Open(TokenizerSettings settings)
        {
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new FileNotFoundException($"The CSV file '{path}' does not exist.", path, ex);
            }

            return settings.Open(file, leaveOpen: false);
        }
    }

    private sealed class StreamInput(Stream stream, string source) : CsvInput
    {
        private long _start = stream.CanSeek ? stream.Position : -1;
        private bool _opened;
        private Stream _stream = stream;

        public override string Source => source;

        public override long? Length => _stream.CanSeek ? _stream.Length - _start : null;

        public override Utf8CsvReader Open(TokenizerSettings settings)
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
            return settings.Open(_stream, leaveOpen: true);
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

        public override Utf8CsvReader Open(TokenizerSettings settings)
        {
            // Text is UTF-16 already: it is handed to the tokenizer as UTF-8, whatever the options' encoding says.
            settings = settings with { Encoding = Encoding.UTF8 };
            if (_opened || _text is not null)
            {
                _text ??= reader.ReadToEnd();
                return settings.Open(new MemoryStream(Encoding.UTF8.GetBytes(_text)), leaveOpen: false);
            }

            _opened = true;
            return settings.Open(new TextUtf8Stream(reader), leaveOpen: false);
        }

        public void EnsureRereadable() => _text ??= reader.ReadToEnd();
    }

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

/// <summary>A read-only stream of the UTF-8 bytes of a <see cref="TextReader"/>'s text (the reader is not disposed).</summary>
internal sealed class TextUtf8Stream(TextReader reader) : Stream
{
    private readonly char[] _chars = new char[8192];
    private readonly byte[] _bytes = new byte[8192 * 3];
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
    private int _pos;
    private int _count;
    private bool _done;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_pos == _count)
        {
            if (_done)
            {
                return 0;
            }

            int n = reader.Read(_chars, 0, _chars.Length);
            _done = n == 0;
            _count = _encoder.GetBytes(_chars, 0, n, _bytes, 0, flush: _done);
            _pos = 0;
        }

        int take = Math.Min(buffer.Length, _count - _pos);
        _bytes.AsSpan(_pos, take).CopyTo(buffer);
        _pos += take;
        return take;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
        RespondentSet? winners = null;
        if (_options.Duplicates == DuplicatePolicy.KeepLatest)
        {
            _input.PrepareForTwoPasses();
            winners = FindLatest();
        }

        return Pass(sink, winners, collect: true)!;
    }

    private RespondentSet FindLatest()
    {
        var latest = new RespondentSet(withValues: true);
        var finder = new LatestFinder(latest, this);
        Pass(finder, winners: null, collect: false);
        return latest;
    }

    private IngestReport? Pass(IResponseSink sink, RespondentSet? winners, bool collect)
    {
        var badRows = new List<BadRow>();
        var malformed = new Queue<SkippedRecord>();
        TokenizerSettings readerOptions = TokenizerSettings.From(_options, malformed.Enqueue);

        string source = _input.Source;
        IProgress<CsvProgress>? progress = collect ? _options.Progress : null; // the first pass of KeepLatest reports nothing
        long? total = progress is null ? null : _input.Length;
        long rowsRead = 0;
        long duplicates = 0;
        DuplicateTracker? seen = winners is null && collect
            ? new DuplicateTracker(bounded: _options.Duplicates == DuplicatePolicy.KeepAll && !_options.ExactDuplicateCount)
            : null;
        using Utf8CsvReader reader = _input.Open(readerOptions);
        ColumnMap map;
        char delimiter;
        try
        {
            delimiter = reader.Separator;
            map = ColumnMap.Resolve(reader.Headers, _options.Mapping, source, delimiter);
        }
        catch (Exception ex) when (ex is not NpsDataException)
        {
            throw new NpsDataException($"{source}: the header cannot be read: {ex.Message}", ex);
        }

        if (_duplicatePeriodOf is not null && map.Respondent >= 0 && map.Time < 0)
        {
            throw new NpsDataException($"{source}: CsvReadOptions.DuplicatePeriod needs a time column to place answers in periods, and none was found. Name it in CsvReadOptions.Mapping.Time.");
        }

        sink.Begin(map);
        var times = new TimeParser(_zone, _options.Culture);
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
        while (true)
        {
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (Exception ex) when (ex is not NpsDataException)
            {
                rowsRead += MalformedRows.Drain(malformed, source, map.Headers.Length, reject);
                throw new NpsDataException($"{source}: reading failed after line {reader.LineNumber}: {ex.Message}", ex);
            }

            rowsRead += MalformedRows.Drain(malformed, source, map.Headers.Length, reject);
            if (!more)
            {
                break;
            }

            rowsRead++;
            if ((rowsRead & (RecordCsvEngine.ProgressEvery - 1)) == 0 && progress is not null)
            {
                progress.Report(new CsvProgress(source, rowsRead, reader.ByteOffset, total));
            }

            long line = reader.LineNumber;

            BadRowReason? scoreProblem = FieldParsers.ParseScore(reader.GetSpan(map.Score), out byte score);
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
                    RespondentKey id = KeyOf(idBytes, ticks);
                    if (winners is not null)
                    {
                        if (!winners.Slot(id, insert: false, out int slot) && winners.Value(slot, 1) != line)
                        {
                            duplicates++;
                            Reject(Bad(source, line, map.HeaderOf(map.Respondent), idBytes, BadRowReason.DuplicateRespondent, "one answer per respondent and period (policy KeepLatest keeps the latest)"));
                            continue;
                        }
                    }
                    else if (seen is not null)
                    {
                        if (seen.Seen(id))
                        {
                            if (_options.Duplicates != DuplicatePolicy.KeepAll)
                            {
                                Reject(Bad(source, line, map.HeaderOf(map.Respondent), idBytes, BadRowReason.DuplicateRespondent, _options.Duplicates == DuplicatePolicy.KeepFirst
                                    ? "one answer per respondent and period (policy KeepFirst keeps the first)"
                                    : "one answer per respondent and period (policy Error)"));
                                continue;
                            }
                        }
                    }
                }
            }

            sink.Accept(reader, map, new RowValues(line, score, ticks, hasTime, weight, hasWeight));
        }

        progress?.Report(new CsvProgress(source, rowsRead, reader.ByteOffset, total));
        duplicates += seen?.Duplicates ?? 0;
        return collect
            ? new IngestReport(source, rowsRead, badRows.AsReadOnly(), duplicates, delimiter, new Dictionary<string, string>(map.Roles), map.SegmentNames, map.Ignored.ToArray(), seen?.Estimated ?? false)
            : null;
    }

    /// <summary>The duplicate key: the respondent id, plus the survey period's first day when one is set.</summary>
    private RespondentKey KeyOf(ReadOnlySpan<byte> idBytes, long ticks) =>
        RespondentKey.Of(idBytes, _duplicatePeriodOf is { } period ? period(ticks) : 0);

    private BadRow Bad(string source, long line, string column, ReadOnlySpan<byte> raw, BadRowReason reason, string allowed) =>
        new(source, line, column, _options.IncludeRawValues ? Encoding.UTF8.GetString(raw) : null, reason, allowed);

    /// <summary>First pass of <see cref="DuplicatePolicy.KeepLatest"/>: the latest valid row per respondent (ties: the later
    /// line), as (ticks, line) values of a <see cref="RespondentSet"/>: 32 bytes a slot, whatever the id's length.</summary>
    private sealed class LatestFinder(RespondentSet latest, ResponseCsvEngine engine) : IResponseSink
    {
        public void Begin(ColumnMap map)
        {
            if (map.Respondent >= 0 && map.Time < 0)
            {
                throw new NpsDataException($"{engine._input.Source}: DuplicatePolicy.KeepLatest needs a time column to tell which answer is the latest, and none was found. Map one in CsvReadOptions.Mapping.Time, or use KeepFirst.");
            }
        }

        public void Accept(Utf8CsvReader reader, ColumnMap map, in RowValues row)
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

            bool added = latest.Slot(engine.KeyOf(idBytes, row.UtcTicks), insert: true, out int slot);
            if (added || row.UtcTicks >= latest.Value(slot, 0))
            {
                latest.Value(slot, 0) = row.UtcTicks;
                latest.Value(slot, 1) = row.LineNumber;
            }
        }
    }
}
