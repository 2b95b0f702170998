using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using NpsKit.Aggregation;

namespace NpsKit.Csv.Internal;

/// <summary>The values of one valid row that every sink needs; segment and comment fields are read from the reader by index.</summary>
/// <param name="LineNumber">The line the row starts on, counted from the start of the part being read.</param>
/// <param name="Offset">The byte offset in the input where the row starts (the same whichever thread reads it).</param>
/// <param name="Score">The score, 0 to 10.</param>
/// <param name="UtcTicks">The time as UTC ticks (0 without a time column).</param>
/// <param name="HasTime">Whether the file has a time column.</param>
/// <param name="Weight">The weight (1 without a weight column).</param>
/// <param name="HasWeight">Whether the file has a weight column.</param>
internal readonly record struct RowValues(long LineNumber, long Offset, byte Score, long UtcTicks, bool HasTime, double Weight, bool HasWeight);

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

/// <summary>A sink whose work can be split into parts of the input, each read into its own sink on its own thread, and
/// merged exactly in input order.</summary>
internal interface IParallelSink : IResponseSink
{
    /// <summary>A new, empty sink for one part (the engine calls its <see cref="IResponseSink.Begin"/>).</summary>
    IResponseSink NewPart();

    /// <summary>Merges a part's sink made by <see cref="NewPart"/>; called in input order.</summary>
    void AddPart(IResponseSink part);
}

/// <summary>The members every forward-only, read-only stream of the tokenizer's inputs has alike; a subclass reads.</summary>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A read-only stream of a file from an offset to its end, by positioned reads (so parts can be read at once).</summary>
internal sealed class FileRangeStream(SafeFileHandle file, long from) : ReadOnlyStream
{
    private long _position = from;

    public override int Read(Span<byte> buffer)
    {
        int n = RandomAccess.Read(file, buffer, _position);
        _position += n;
        return n;
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

    private int _threads = 1;

    /// <summary>Reads the input into <paramref name="sink"/>, on up to <paramref name="threads"/> threads when the sink
    /// can be split (see <see cref="IParallelSink"/>) and the input allows it.</summary>
    public IngestReport Run(IResponseSink sink, int threads = 1)
    {
        _threads = threads;
        RespondentSet? winners = null;
        _input.PlanReads(probe: _dates.NeedsDecision, keepLatest: _options.Duplicates == DuplicatePolicy.KeepLatest);
        using var release = _input;
        if (_dates.NeedsDecision)
        {
            // The date order of numeric dates is decided from the file before any row is counted (DateOrderProbe): the
            // bytes the probe reads are kept (CsvInput.PlanReads) and read again from there, never from the source.
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

    private RespondentSet FindLatest()
    {
        var latest = new RespondentSet(withValues: true);
        var finder = new LatestFinder(latest, this);
        Pass(finder, winners: null, collect: false);
        return latest;
    }

    private IngestReport? Pass(IResponseSink sink, RespondentSet? winners, bool collect)
    {
        var malformed = new Queue<SkippedRecord>();
        TokenizerSettings readerOptions = TokenizerSettings.From(_options, malformed.Enqueue);
        string source = _input.Source;
        IProgress<CsvProgress>? progress = collect ? _options.Progress : null; // the first pass of KeepLatest reports nothing
        long? total = progress is null ? null : _input.Length;
        using Utf8CsvReader reader = _input.Open(readerOptions);
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

        // The survey tool's layout, and its further header rows (read as rows, kept as text for the mapping).
        var headerPart = new Part(this, null, header.Length, null, winners, collect, throwInStrictMode: true);
        SourceLayout layout = _options.Source is SurveySource given ? SourceLayouts.Of(given) : SourceLayouts.Detect(header);
        int extraWanted = (_options.HeaderRows ?? layout.MaxHeaderRows) - 1;
        var extraRows = new List<string[]>();
        bool pending = false;
        while (extraRows.Count < extraWanted && headerPart.ReadNext(reader, malformed))
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
            throw new NpsDataException($"{source}: CsvReadOptions.DuplicatePeriod needs a time column to place answers in periods, and none was found. Name it in CsvReadOptions.Mapping.Time.", source, "finding duplicates per period needs a time column to place answers in periods, and none was found", [new ReadOptionRemedy("Mapping.Time")]);
        }

        // The zone the export declares for its times beats the one given: it is the file's own statement about its times.
        TimeZoneInfo? zone = _zone;
        string? zoneId = _options.TimeZone;
        string? zoneNote = null;
        if (SourceLayout.DeclaredTimeZone(map.Headers, extraRows, map.Time) is string declared)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(declared, out TimeZoneInfo? declaredZone))
            {
                throw new NpsDataException($"{source}: the export declares its times in the zone '{declared}', which is not a known IANA time zone: set CsvReadOptions.TimeZone.", source, $"the export declares its times in the zone '{declared}', which is not a known IANA time zone", [new ReadOptionRemedy("TimeZone", "Europe/Copenhagen")]);
            }

            if (zone is not null && !string.Equals(zone.Id, declaredZone.Id, StringComparison.OrdinalIgnoreCase))
            {
                zoneNote = $"{source}: the export declares its times in {declared}, so they were read in {declared}, not in {zoneId}.";
            }

            zone = declaredZone;
            zoneId = declared;
        }

        sink.Begin(map);
        Part part = headerPart.WithMap(map, zone);
        if (!pending && ParallelPlan(reader, map, sink, winners, collect, progress) is { } plan)
        {
            new ParallelRead(this, plan, map, part, delimiter, zone).Run();
        }
        else
        {
            part.Run(reader, malformed, sink, progress, total, pending);
        }

        if (!collect)
        {
            return null;
        }

        EncodingDecision? encoding = _input.Encoding;
        var warnings = new List<IngestWarning>();
        if (encoding is { SawReplacementCharacter: true })
        {
            warnings.Add(new(IngestWarningKind.ReplacementCharacters, $"{source} contains U+FFFD replacement characters (\uFFFD): the file was mis-decoded before it was saved, so some text (segment names, comments) has lost its letters. Re-export it from the survey tool as UTF-8."));
        }

        if (zoneNote is not null)
        {
            warnings.Add(new(IngestWarningKind.DeclaredTimeZone, zoneNote));
        }

        if (map.GroupOnly)
        {
            warnings.Add(new(IngestWarningKind.GroupOnly, $"{source} has no 0-10 score, only each answer's NPS group ('{map.HeaderOf(map.Group)}'): it was counted by group. The NPS, the group shares, confidence intervals and tests are exact; the 0-10 distribution and the mean score cannot be computed."));
        }

        if (map.Time < 0 && _options.UndatedDay is DateOnly undated)
        {
            warnings.Add(new(IngestWarningKind.NoTimeColumn, string.Create(CultureInfo.InvariantCulture, $"{source} has no time column: every answer was dated {undated:yyyy-MM-dd} (CsvReadOptions.UndatedDay), so a cube of it has a single period, the total of the file.")));
        }

        if (encoding?.Evidence is string evidence)
        {
            warnings.Add(new(IngestWarningKind.DetectedEncoding, $"{source} was read as {encoding.Name}: {evidence}. If that is wrong, name the encoding with CsvReadOptions.Encoding."));
        }

        var details = new IngestDetails(
            layout.Source,
            1 + extraRows.Count,
            encoding?.Name,
            encoding?.Evidence,
            zoneId,
            map.Time >= 0 ? _dates.Order : null,
            _dates.OrderEvidence,
            part.NonResponses,
            part.EmptyRows,
            warnings,
            map.Time < 0 ? _options.UndatedDay : null);
        return new IngestReport(source, part.RowsRead, part.BadRows.AsReadOnly(), part.Duplicates, delimiter, new Dictionary<string, string>(map.Roles), map.SegmentNames, map.Ignored.ToArray(), details, part.Tracker?.Estimated ?? false);
    }

    /// <summary>Whether every field of the current record is empty or blank.</summary>
    private static bool IsBlankRecord(Utf8CsvReader reader, int fields)
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

        public void Accept(Utf8CsvReader reader, ColumnMap map, in RowValues row)
        {
        }
    }

    /// <summary>The rows of one part of the input (all of it when read on one thread): the row loop, with the part's
    /// bad rows, counts and duplicate tracker.</summary>
    internal sealed class Part
    {
        private readonly ResponseCsvEngine _engine;
        private readonly int _headerFields;
        private readonly RespondentSet? _winners;
        private readonly bool _collect;
        private readonly bool _strict;
        private readonly bool _throw;
        private readonly bool _repeatsLeftOut;
        private readonly Action<BadRow> _reject;
        private ColumnMap? _map;
        private TimeParser _times;

        public Part(ResponseCsvEngine engine, ColumnMap? map, int headerFields, TimeZoneInfo? zone, RespondentSet? winners, bool collect, bool throwInStrictMode)
        {
            _engine = engine;
            _map = map;
            _headerFields = headerFields;
            _winners = winners;
            _collect = collect;
            _strict = engine._options.Mode == CsvReadMode.Strict;
            _throw = throwInStrictMode;
            _repeatsLeftOut = engine._options.Duplicates is DuplicatePolicy.KeepFirst or DuplicatePolicy.KeepLatest;
            _times = new TimeParser(zone, engine._options.Culture, engine._dates);
            _reject = Reject; // one delegate, not one per row
            Tracker = winners is null && collect
                ? new DuplicateTracker(bounded: engine._options.Duplicates == DuplicatePolicy.KeepAll && !engine._options.ExactDuplicateCount)
                : null;
        }

        public List<BadRow> BadRows { get; } = [];

        /// <summary>Rows with a blank score (a skipped question): read, neither accepted nor rejected.</summary>
        public long NonResponses { get; set; }

        /// <summary>Rows with nothing in them (Excel's trailing <c>,,,</c>): not counted as read.</summary>
        public long EmptyRows { get; set; }

        /// <summary>Sets the map (once the header rows are read) and the zone times are read in; returns this part.</summary>
        public Part WithMap(ColumnMap map, TimeZoneInfo? zone)
        {
            _map = map;
            _times = new TimeParser(zone, _engine._options.Culture, _engine._dates);
            return this;
        }

        /// <summary>Reads the next record, reporting the records the tokenizer skipped before it.</summary>
        public bool ReadNext(Utf8CsvReader reader, Queue<SkippedRecord> malformed)
        {
            string source = _engine._input.Source;
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (Exception ex) when (ex is not NpsDataException)
            {
                RowsRead += MalformedRows.Drain(malformed, source, _headerFields, _reject);
                throw ReadingFailed(source, reader.LineNumber, ex);
            }

            RowsRead += MalformedRows.Drain(malformed, source, _headerFields, _reject);
            return more;
        }

        public long RowsRead { get; set; }

        /// <summary>The error of a tokenizer failure after <paramref name="line"/> (in a part read in parallel: made
        /// at commit with the true line). A method of its own, so the closure is made only when reading fails.</summary>
        private Exception ReadingFailed(string source, long line, Exception ex)
        {
            Func<long, Exception> failure = at => new NpsDataException($"{source}: reading failed after line {at}: {ex.Message}", ex);
            return _throw ? failure(line) : new PartFailure(line, failure);
        }

        /// <summary>Rows rejected as earlier answers under KeepLatest (the tracker counts the others).</summary>
        public long LatestDuplicates { get; set; }

        public DuplicateTracker? Tracker { get; }

        /// <summary>Gets the byte offset in the input where the part's stream starts (0 on one thread).</summary>
        public long ByteBase { get; init; }

        public long Duplicates => LatestDuplicates + (Tracker?.Duplicates ?? 0);

        /// <summary>Set when a part read in parallel met a bad row in strict mode: the part stops there.</summary>
        public bool Stopped { get; private set; }

        public void Reject(BadRow bad)
        {
            if (!_collect)
            {
                return;
            }

            if (_strict && !LeftOutByPolicy(bad))
            {
                if (_throw)
                {
                    throw new NpsDataException(bad);
                }

                Stopped = true;
            }

            BadRows.Add(bad);
        }

        /// <summary>Whether <paramref name="bad"/> is a repeat that <see cref="DuplicatePolicy.KeepFirst"/> or
        /// <see cref="DuplicatePolicy.KeepLatest"/> leaves out: what the caller asked for, so listed with the bad rows
        /// but never stopping a strict read (<see cref="DuplicatePolicy.Error"/> is the policy that does).</summary>
        private bool LeftOutByPolicy(BadRow bad) => _repeatsLeftOut && bad.Reason == BadRowReason.DuplicateRespondent;

        /// <summary>What a group column may hold.</summary>
        private const string GroupAllowed = "an NPS group: Promoter, Passive or Detractor (or the same word in Danish, Norwegian, Swedish, German, Dutch, French, Spanish, Portuguese, Italian, Finnish or Polish), or empty";

        /// <summary>Why a group without a score is rejected when the file has a score column.</summary>
        private const string GroupWithoutScore = "a group only beside a score: the row has a group but a blank score, so the two disagree and the row is not counted";

        public void Run(Utf8CsvReader reader, Queue<SkippedRecord> malformed, IResponseSink sink, IProgress<CsvProgress>? progress, long? total, bool pending = false)
        {
            ColumnMap map = _map!;
            CsvReadOptions options = _engine._options;
            string source = _engine._input.Source;
            RespondentSet? winners = _winners;
            DuplicateTracker? seen = Tracker;
            DateOrderProbe? probe = _engine._probe;
            while (!Stopped)
            {
                if (pending)
                {
                    pending = false; // the first answer was read while looking for further header rows
                }
                else if (!ReadNext(reader, malformed) || Stopped)
                {
                    break;
                }

                long line = reader.LineNumber;
                if (probe is not null)
                {
                    if (map.Time < 0 || probe.See(reader.GetSpan(map.Time), line))
                    {
                        break;
                    }

                    continue;
                }

                BadRowReason? scoreProblem;
                byte score;
                if (map.Score >= 0)
                {
                    scoreProblem = FieldParsers.ParseScore(reader.GetSpan(map.Score), out score);
                }
                else
                {
                    // Read by group only: the score stands for the group (10, 8 or 0), and the tally counts it by group.
                    scoreProblem = FieldParsers.TryParseGroup(reader.GetSpan(map.Group), out NpsCategory group) switch
                    {
                        null => BadRowReason.MissingScore,
                        false => BadRowReason.InvalidGroup,
                        true => null,
                    };
                    score = group switch { NpsCategory.Promoter => 10, NpsCategory.Passive => 8, _ => 0 };
                }

                if (scoreProblem == BadRowReason.MissingScore)
                {
                    // A skipped question, or a row with nothing in it (Excel's trailing ",,,"): neither an answer nor an error.
                    if (IsBlankRecord(reader, _headerFields))
                    {
                        EmptyRows++;
                    }
                    else if (map.Score >= 0 && map.Group >= 0 && !FieldParsers.Trim(reader.GetSpan(map.Group)).IsEmpty)
                    {
                        RowsRead++;
                        Reject(_engine.Bad(source, line, map.HeaderOf(map.Group), reader.GetSpan(map.Group), BadRowReason.GroupMismatch, GroupWithoutScore));
                    }
                    else
                    {
                        RowsRead++;
                        NonResponses++;
                    }

                    continue;
                }

                RowsRead++;
                if ((RowsRead & (RecordCsvEngine.ProgressEvery - 1)) == 0 && progress is not null)
                {
                    progress.Report(new CsvProgress(source, RowsRead, reader.ByteOffset, total));
                }

                if (_throw)
                {
                    _engine._dates.Line = line; // for the message of a date contradicting the file's order (parts: see TimeIn)
                }

                if (scoreProblem is BadRowReason reason)
                {
                    Reject(reason == BadRowReason.InvalidGroup
                        ? _engine.Bad(source, line, map.HeaderOf(map.Group), reader.GetSpan(map.Group), reason, GroupAllowed)
                        : _engine.Bad(source, line, map.HeaderOf(map.Score), reader.GetSpan(map.Score), reason, "an integer from 0 to 10, or a label starting with one such as '10 - Extremely likely'"));
                    continue;
                }

                if (map.Score >= 0 && map.Group >= 0 && FieldParsers.TryParseGroup(reader.GetSpan(map.Group), out NpsCategory stated) is bool named)
                {
                    // Both a score and a group: they must agree, or neither can be trusted.
                    if (!named)
                    {
                        Reject(_engine.Bad(source, line, map.HeaderOf(map.Group), reader.GetSpan(map.Group), BadRowReason.InvalidGroup, GroupAllowed));
                        continue;
                    }

                    if (stated != Nps.Classify(score))
                    {
                        Reject(_engine.Bad(source, line, map.HeaderOf(map.Group), reader.GetSpan(map.Group), BadRowReason.GroupMismatch, string.Create(
                            CultureInfo.InvariantCulture,
                            $"the group of the row's score {score} in '{map.HeaderOf(map.Score)}' ({Nps.Classify(score)}): the score and the group disagree, so the row is not counted")));
                        continue;
                    }
                }

                long ticks = 0;
                bool hasTime = map.Time >= 0;
                if (hasTime)
                {
                    BadRowReason? timeProblem = _throw ? _times.Parse(reader.GetSpan(map.Time), out ticks) : TimeIn(reader.GetSpan(map.Time), line, out ticks);
                    if (timeProblem is BadRowReason tr)
                    {
                        string allowed = tr == BadRowReason.TimeWithoutZone
                            ? "a time with a UTC offset (e.g. 2026-03-14T09:12:33+01:00 or …Z), or set CsvReadOptions.TimeZone to read local times"
                            : tr == BadRowReason.AmbiguousDate
                            ? "a date whose order is known: set CsvReadOptions.DateOrder, CsvReadOptions.DateFormats or CsvReadOptions.Culture"
                            : string.Create(CultureInfo.InvariantCulture, $"an ISO 8601 date and time (e.g. 2026-03-14T09:12:33Z) or a date in the {(options.Culture.Name.Length == 0 ? "invariant" : options.Culture.Name)} culture, from year 1 to 9999");
                        Reject(_engine.Bad(source, line, map.HeaderOf(map.Time), reader.GetSpan(map.Time), tr, allowed));
                        continue;
                    }
                }

                double weight = 1;
                bool hasWeight = map.Weight >= 0;
                if (hasWeight && !FieldParsers.TryParseWeight(reader.GetSpan(map.Weight), options.Culture, out weight))
                {
                    Reject(_engine.Bad(source, line, map.HeaderOf(map.Weight), reader.GetSpan(map.Weight), BadRowReason.InvalidWeight, "a finite number greater than zero"));
                    continue;
                }

                if (map.Respondent >= 0)
                {
                    ReadOnlySpan<byte> idBytes = FieldParsers.Trim(reader.GetSpan(map.Respondent));
                    if (!idBytes.IsEmpty)
                    {
                        RespondentKey id = _engine.KeyOf(idBytes, ticks);
                        if (winners is not null)
                        {
                            if (!winners.Slot(id, insert: false, out int slot) && winners.Value(slot, 1) != ByteBase + reader.RecordOffset)
                            {
                                LatestDuplicates++;
                                Reject(_engine.Bad(source, line, map.HeaderOf(map.Respondent), idBytes, BadRowReason.DuplicateRespondent, "one answer per respondent and period (policy KeepLatest keeps the latest)"));
                                continue;
                            }
                        }
                        else if (seen is not null && seen.Seen(id) && options.Duplicates != DuplicatePolicy.KeepAll)
                        {
                            Reject(_engine.Bad(source, line, map.HeaderOf(map.Respondent), idBytes, BadRowReason.DuplicateRespondent, options.Duplicates == DuplicatePolicy.KeepFirst
                                ? "one answer per respondent and period (policy KeepFirst keeps the first)"
                                : "one answer per respondent and period (policy Error)"));
                            continue;
                        }
                    }
                }

                sink.Accept(reader, map, new RowValues(line, ByteBase + reader.RecordOffset, score, ticks, hasTime, weight, hasWeight));
            }

            progress?.Report(new CsvProgress(source, RowsRead, reader.ByteOffset, total));
        }

        /// <summary>Parses a time in a part read in parallel, where the true line is known only at commit: an error
        /// that names the line (a date contradicting the file's date order) becomes a <see cref="PartFailure"/> that
        /// parses the field again with the true line to make the very exception one thread would have thrown.</summary>
        private BadRowReason? TimeIn(ReadOnlySpan<byte> field, long line, out long ticks)
        {
            try
            {
                return _times.Parse(field, out ticks);
            }
            catch (NpsDataException)
            {
                byte[] raw = field.ToArray();
                TimeParser times = _times;
                DateReading dates = _engine._dates;
                throw new PartFailure(line, trueLine =>
                {
                    dates.Line = trueLine;
                    try
                    {
                        _ = times.Parse(raw, out _);
                    }
                    catch (NpsDataException again)
                    {
                        return again;
                    }

                    throw new InvalidOperationException("A time that failed in a part read in parallel parsed again; this is a bug in NpsKit.Csv.");
                });
            }
        }

        /// <summary>Adds a later part's results (its line numbers shifted by <paramref name="lineOffset"/>); throws its
        /// first bad row in strict mode.</summary>
        public void Absorb(Part later, long lineOffset)
        {
            foreach (BadRow bad in later.BadRows)
            {
                BadRow shifted = bad with { LineNumber = bad.LineNumber + lineOffset };
                if (_strict && !LeftOutByPolicy(shifted))
                {
                    throw new NpsDataException(shifted);
                }

                BadRows.Add(shifted);
            }

            RowsRead += later.RowsRead;
            NonResponses += later.NonResponses;
            EmptyRows += later.EmptyRows;
            LatestDuplicates += later.LatestDuplicates;
            if (later.Tracker is not null)
            {
                Tracker!.Merge(later.Tracker);
            }
        }
    }

    /// <summary>Where a parallel read starts, how it splits the file, and what each part is read with.</summary>
    internal sealed record ParallelPlanData(string Path, long DataStart, long FirstLine, long Length, int Threads, long PartBytes, IParallelSink Sink, RespondentSet? Winners, bool Collect, IProgress<CsvProgress>? Progress);

    /// <summary>For tests: when set, parts of this many bytes (each to the next line break) and no minimum file size, so
    /// a small file can be read in any number of parts.</summary>
    internal static readonly AsyncLocal<long?> PartBytesForTests = new();

    /// <summary>
    /// Decides whether to read in parallel: more than one thread asked for, a UTF-8 file (no transcoding, so byte
    /// offsets are file offsets) of at least <see cref="ParallelRead.MinBytes"/> after its header, a sink that can be
    /// split and merged exactly (a cube, a tally, the first pass of KeepLatest), and a duplicate policy whose decisions
    /// do not depend on rows in other parts: KeepAll (a count that merges), KeepLatest (its winners are found first, in
    /// parts too, so each row's fate is known), or any policy when there is no respondent column. KeepFirst and Error,
    /// whose verdict on a row depends on every earlier row, read on one thread; so do the date-order probe and a file
    /// whose layout's further header rows turned out absent. Weights, progress and lenient mode work in parallel.
    /// </summary>
    private ParallelPlanData? ParallelPlan(Utf8CsvReader reader, ColumnMap map, IResponseSink sink, RespondentSet? winners, bool collect, IProgress<CsvProgress>? progress)
    {
        bool orderDependent = map.Respondent >= 0 && _options.Duplicates is DuplicatePolicy.KeepFirst or DuplicatePolicy.Error;
        if (_threads < 2 || _probe is not null || sink is not IParallelSink split || orderDependent || _input.FilePath is not string path
            || _input.Encoding is not { ForReader: null, Name: "utf-8" } || reader.Transcoded)
        {
            return null;
        }

        long length = new FileInfo(path).Length;
        long bytes = length - reader.Position;
        long? forced = PartBytesForTests.Value;
        if (forced is null && bytes < ParallelRead.MinBytes)
        {
            return null;
        }

        // Four parts a thread evens out the threads' finishing times; KeepLatest's first pass holds a table of each part's
        // respondents until the part is merged, so its parts are smaller.
        long cap = sink is LatestFinder ? 8 << 20 : 64 << 20;
        long size = forced ?? Math.Clamp(bytes / (_threads * 4), 1 << 20, cap);
        return new ParallelPlanData(path, reader.Position, reader.NextLine, length, _threads, Math.Max(1, size), split, winners, collect, progress);
    }

    /// <summary>An error met in a part read in parallel whose message names a line: made with the true line at commit.</summary>
    internal sealed class PartFailure(long line, Func<long, Exception> at) : Exception("A part of a parallel CSV read failed.")
    {
        /// <summary>The exception one thread would have thrown, for a part whose line numbers are shifted by <paramref name="lineOffset"/>.</summary>
        public Exception At(long lineOffset) => at(line + lineOffset);
    }

    /// <summary>
    /// Reads a file in parts on several threads. The file is cut after a line break near every part boundary; such a
    /// cut is only a guess, because a quoted field may contain line breaks. Each part is tokenized from its cut with
    /// line numbers counted from its start, and records that start before the next cut are its own. Parts are then
    /// committed in file order, as soon as the next one in order is done: a part whose cut is exactly where the previous
    /// part's last record ended is proven to start at a record boundary — the tokenizer's state at a record boundary is
    /// only its position — and is taken as it is, its line numbers shifted by the lines before it; a part whose cut was
    /// wrong (inside a quoted field) is thrown away and read again from the true boundary. Bad rows are reported in file
    /// order with exact lines; strict mode throws the file's first bad row; any other error a part meets is thrown when
    /// that part is committed (after the bad rows before it), with the line one thread would name — nothing is read twice.
    /// Progress is reported as each part is committed.
    /// </summary>
    internal sealed class ParallelRead(ResponseCsvEngine engine, ParallelPlanData plan, ColumnMap map, Part total, char separator, TimeZoneInfo? zone)
    {
        /// <summary>Files smaller than this are read on one thread.</summary>
        internal const long MinBytes = 4 << 20;

        /// <summary>The counters of the reads started from the current async context (tests only; null until a test
        /// asks for <see cref="Counters"/>). Per context, not per process: tests reading at the same time in one test
        /// process do not see each other's parallel reads (a process-wide counter made "this read was serial" checks
        /// fail whenever another test read in parallel meanwhile).</summary>
        private static readonly AsyncLocal<ReadCounters?> s_counters = new();

        /// <summary>The counters this read adds to: those of the context that started it, captured at construction
        /// because the parts are read on other threads.</summary>
        private readonly ReadCounters? _counters = s_counters.Value;

        private readonly object _gate = new();
        private long[] _cuts = [];
        private PartRead?[] _done = [];
        private int _next;
        private long _committedEnd;
        private long _committedLine;
        private ExceptionDispatchInfo? _failure;
        private bool _estimated;

        /// <summary>Gets the parts read by all parallel reads so far, and those read again after a cut inside a quoted
        /// field (for tests: that the parallel path ran, and that wrong cuts were met and corrected).</summary>
        internal static (long Read, long ReadAgain) Counters
        {
            get
            {
                ReadCounters counters = s_counters.Value ??= new ReadCounters();
                return (Interlocked.Read(ref counters.Read), Interlocked.Read(ref counters.ReadAgain));
            }
        }

        /// <summary>Reads every part into the plan's sink and <c>total</c>; throws what one thread would have thrown.</summary>
        public void Run()
        {
            using SafeFileHandle file = File.OpenHandle(plan.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            _cuts = Cuts(file);
            int parts = _cuts.Length - 1;
            _done = new PartRead?[parts];
            _committedEnd = plan.DataStart;
            _committedLine = plan.FirstLine;
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = plan.Threads }, (k, state) =>
            {
                if (Volatile.Read(ref _failure) is not null)
                {
                    state.Stop();
                    return;
                }

                PartRead read = ReadPart(file, _cuts[k], _cuts[k + 1]);
                lock (_gate)
                {
                    _done[k] = read;
                    while (_failure is null && _next < parts && _done[_next] is { } ready)
                    {
                        _done[_next] = null;
                        try
                        {
                            Commit(file, _next, ready);
                            _next++;
                        }
                        catch (Exception ex)
                        {
                            Volatile.Write(ref _failure, ExceptionDispatchInfo.Capture(ex));
                            state.Stop();
                        }
                    }
                }
            });

            _failure?.Throw();
            if (_committedEnd != plan.Length || _next != parts)
            {
                throw new InvalidOperationException("Parallel CSV read ended before the end of the file; this is a bug in NpsKit.Csv.");
            }
        }

        /// <summary>Cuts after the first line break at or past each multiple of the part size.</summary>
        private long[] Cuts(SafeFileHandle file)
        {
            var cuts = new List<long> { plan.DataStart };
            byte[] probe = new byte[(int)Math.Min(1 << 16, Math.Max(plan.PartBytes, 256))];
            for (long target = plan.DataStart + plan.PartBytes; target < plan.Length; target += plan.PartBytes)
            {
                if (target < cuts[^1])
                {
                    target = cuts[^1]; // the previous cut's line ran past this target: look from that cut on
                }

                int n = RandomAccess.Read(file, probe, target);
                int nl = probe.AsSpan(0, n).IndexOf((byte)'\n');
                if (nl >= 0 && target + nl + 1 < plan.Length && target + nl + 1 > cuts[^1])
                {
                    cuts.Add(target + nl + 1);
                }
            }

            cuts.Add(plan.Length);
            return [.. cuts];
        }

        /// <summary>Parts read, and parts read again after a cut inside a quoted field.</summary>
        private sealed class ReadCounters
        {
            public long Read;
            public long ReadAgain;
        }

        /// <summary>What reading one part gave: its rows and counts, its sink, where its last record ended, how many lines
        /// it spans, and the error that stopped it (if any).</summary>
        private sealed record PartRead(Part Part, IResponseSink Sink, long End, long Lines, Exception? Failure);

        private PartRead ReadPart(SafeFileHandle file, long from, long to)
        {
            if (_counters is not null)
            {
                Interlocked.Increment(ref _counters.Read);
            }

            var part = new Part(engine, map, map.Headers.Length, zone, plan.Winners, plan.Collect, throwInStrictMode: false) { ByteBase = from };
            if (Volatile.Read(ref _estimated))
            {
                part.Tracker?.StartEstimated(); // the committed parts' count is an estimate already: no exact table to build
            }

            IResponseSink sink = plan.Sink.NewPart();
            try
            {
                sink.Begin(map);
                var malformed = new Queue<SkippedRecord>();
                Stream bytes = EncodingStage.ValidatingPart(new FileRangeStream(file, from), from, engine._input.Encoding!, engine._input.Source);
                using Utf8CsvReader reader = Utf8CsvReader.Continue(bytes, separator, map.Headers.Length, to - from, engine._options.MaxFieldLength, malformed.Enqueue);
                part.Run(reader, malformed, sink, progress: null, total: null);
                return new PartRead(part, sink, from + reader.Position, reader.NextLine - 1, null);
            }
            catch (Exception ex)
            {
                return new PartRead(part, sink, -1, 0, ex);
            }
        }

        private void Commit(SafeFileHandle file, int k, PartRead read)
        {
            if (_cuts[k] != _committedEnd)
            {
                if (_committedEnd >= _cuts[k + 1])
                {
                    return; // the previous part's last record covered this whole part
                }

                if (_counters is not null)
                {
                    Interlocked.Increment(ref _counters.ReadAgain);
                }

                read = ReadPart(file, _committedEnd, _cuts[k + 1]); // the cut was inside a quoted field: read again from the boundary
            }

            long lineOffset = _committedLine - 1;
            total.Absorb(read.Part, lineOffset); // strict mode: throws the part's first bad row
            if (read.Failure is not null)
            {
                if (read.Failure is PartFailure failure)
                {
                    throw failure.At(lineOffset);
                }

                ExceptionDispatchInfo.Capture(read.Failure).Throw();
            }

            plan.Sink.AddPart(read.Sink);
            Volatile.Write(ref _estimated, total.Tracker?.Estimated == true);
            _committedEnd = read.End;
            _committedLine += read.Lines;
            plan.Progress?.Report(new CsvProgress(engine._input.Source, total.RowsRead, _committedEnd, plan.Length));
        }
    }

    /// <summary>The duplicate key: the respondent id, plus the survey period's first day when one is set.</summary>
    private RespondentKey KeyOf(ReadOnlySpan<byte> idBytes, long ticks) =>
        RespondentKey.Of(idBytes, _duplicatePeriodOf is { } period ? period(ticks) : 0);

    private BadRow Bad(string source, long line, string column, ReadOnlySpan<byte> raw, BadRowReason reason, string allowed) =>
        new(source, line, column, _options.IncludeRawValues ? Encoding.UTF8.GetString(raw) : null, reason, allowed);

    /// <summary>First pass of <see cref="DuplicatePolicy.KeepLatest"/>: the latest valid row per respondent (ties: the later
    /// row), as (ticks, byte offset of the row) values of a <see cref="RespondentSet"/>: 32 bytes a slot, whatever the
    /// id's length. Parts read in parallel each find their own winners, merged in file order.</summary>
    private sealed class LatestFinder(RespondentSet latest, ResponseCsvEngine engine) : IParallelSink
    {
        public void Begin(ColumnMap map)
        {
            if (map.Respondent >= 0 && map.Time < 0)
            {
                throw new NpsDataException(
                    $"{engine._input.Source}: DuplicatePolicy.KeepLatest needs a time column to tell which answer is the latest, and none was found. Map one in CsvReadOptions.Mapping.Time, or use KeepFirst.",
                    engine._input.Source,
                    "keeping the latest answer of each respondent needs a time column to tell which is the latest, and none was found",
                    [new ReadOptionRemedy("Mapping.Time"), new ReadOptionRemedy("Duplicates", nameof(DuplicatePolicy.KeepFirst))]);
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
                latest.Value(slot, 1) = row.Offset;
            }
        }

        public IResponseSink NewPart() => new LatestFinder(new RespondentSet(withValues: true), engine);

        /// <summary>Takes a later part's winners: a respondent's answer in the later part wins a tie, as on one thread.</summary>
        public void AddPart(IResponseSink part) => latest.MergeLatest(((LatestFinder)part).Latest);

        private RespondentSet Latest => latest;
    }
}
