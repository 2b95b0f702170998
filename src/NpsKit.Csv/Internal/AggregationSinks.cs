using System.Text;
using NpsKit.Aggregation;

namespace NpsKit.Csv.Internal;

/// <summary>Shared by the aggregation sinks: turns segment fields into dictionary codes without allocating for known values.</summary>
internal abstract class SegmentCodingSink : IResponseSink
{
    private readonly string _source;
    private int[] _columns = [];
    private int[] _codes = [];
    private char[] _spill = new char[256];
    private Utf8CodeCache[] _caches = [];

    protected SegmentCodingSink(string source) => _source = source;

    protected abstract IReadOnlyList<string> Dimensions { get; }

    protected string Source => _source;

    public void Begin(ColumnMap map)
    {
        if (map.GroupOnly)
        {
            BeginGroupOnly(map);
        }

        if (map.Time < 0 && !AcceptsUndated)
        {
            string problem = $"aggregating by period needs a time column, and none was found among {string.Join(", ", map.Headers.Select(h => "'" + h + "'"))}";
            throw new NpsDataException(NpsDataProblem.NoTimeColumn, $"{_source}: {problem}. Name it in CsvReadOptions.Mapping.Time{UndatedRemedy}.", _source, problem, [new ReadOptionRemedy("Mapping.Time")]);
        }

        Prepare(map);
        _columns = new int[Dimensions.Count];
        for (int d = 0; d < _columns.Length; d++)
        {
            int index = Array.FindIndex(map.SegmentNames, n => string.Equals(n.Trim(), Dimensions[d], StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new NpsDataException($"{_source}: the segment dimension '{Dimensions[d]}' is not a segment column of the file. Segment columns: {string.Join(", ", map.SegmentNames.Select(n => "'" + n + "'"))}.");
            }

            _columns[d] = map.Segments[index];
        }

        _codes = new int[_columns.Length];
        _caches = [.. _columns.Select(_ => new Utf8CodeCache())];
        Started(map);
    }

    public void Accept(Utf8CsvReader reader, ColumnMap map, in RowValues row)
    {
        for (int d = 0; d < _columns.Length; d++)
        {
            ReadOnlySpan<byte> field = FieldParsers.Trim(reader.GetSpan(_columns[d]));
            if (_caches[d].TryGet(field, out int known))
            {
                _codes[d] = known;
                continue;
            }

            int max = Encoding.UTF8.GetMaxCharCount(field.Length);
            if (max > _spill.Length)
            {
                _spill = new char[max];
            }

            int n = Encoding.UTF8.GetChars(field, _spill);
            _codes[d] = Code(d, _spill.AsSpan(0, n));
            _caches[d].Add(field, _codes[d]);
        }

        Add(reader, map, row, _codes);
    }

    /// <summary>Gets whether a file without a time column is read (every answer dated on one day).</summary>
    protected virtual bool AcceptsUndated => false;

    /// <summary>The end of the no-time-column message: the other option that fixes it, if any.</summary>
    protected virtual string UndatedRemedy => string.Empty;

    /// <summary>Called in <see cref="Begin"/> for a file that has only NPS groups, no 0-10 score: accept it or throw.</summary>
    protected abstract void BeginGroupOnly(ColumnMap map);

    /// <summary>Called first in <see cref="Begin"/>, before <see cref="Dimensions"/> is read.</summary>
    protected virtual void Prepare(ColumnMap map)
    {
    }

    protected virtual void Started(ColumnMap map)
    {
    }

    protected abstract int Code(int dimension, ReadOnlySpan<char> value);

    protected abstract void Add(Utf8CsvReader reader, ColumnMap map, in RowValues row, ReadOnlySpan<int> codes);
}

/// <summary>Streams accepted rows into an <see cref="NpsCubeBuilder"/>: memory grows with cells, not rows. Parts read in
/// parallel each fill a builder of their own; their cubes are merged (exactly: counts add) in input order.</summary>
/// <remarks>A file with only NPS groups (no 0-10 score) gives a category-only cube (<see cref="NpsCube.HasScoreDetail"/>
/// false): the rows arrive with their group's representative score and the cube is reduced to category counts, so no
/// 0-10 score is ever shown for them. A file without a time column is read when <see cref="CsvReadOptions.UndatedDay"/>
/// is set: every answer is dated at the start of the period that contains that day, giving a single-period cube.</remarks>
internal sealed class CubeSink : SegmentCodingSink, IParallelSink
{
    private readonly AggregationOptions _aggregation;
    private readonly Segmentation? _segmentation;
    private readonly string _source;
    private readonly DateOnly? _undatedDay;
    private readonly NpsCubeBuilder _builder;
    private NpsCube? _parts;
    private long _undatedTicks = -1;

    public CubeSink(Segmentation? segmentation, AggregationOptions? aggregation, string source, DateOnly? undatedDay)
        : base(source)
    {
        _segmentation = segmentation;
        _aggregation = aggregation ?? AggregationOptions.Default;
        _source = source;
        _undatedDay = undatedDay;
        _builder = new NpsCubeBuilder(segmentation, _aggregation);
    }

    /// <summary>Gets whether the file had only NPS groups: the cube is then counted by category.</summary>
    public bool GroupOnly { get; private set; }

    public IResponseSink NewPart() => new CubeSink(_segmentation, _aggregation, _source, _undatedDay);

    public void AddPart(IResponseSink part)
    {
        var cube = (CubeSink)part;
        if (cube._builder.Count > 0)
        {
            NpsCube counted = cube._builder.ToCube();
            _parts = _parts is null ? counted : _parts.Merge(counted);
        }
    }

    /// <summary>The cube of every accepted row (the range of <see cref="AggregationOptions.FirstDay"/> and
    /// <see cref="AggregationOptions.LastDay"/> included).</summary>
    public NpsCube ToCube()
    {
        NpsCube cube = _parts is null ? _builder.ToCube() : _builder.ToCube().Merge(_parts);
        return GroupOnly ? cube.ToCategoryOnly() : cube;
    }

    protected override IReadOnlyList<string> Dimensions => _builder.Dimensions;

    protected override bool AcceptsUndated => _undatedDay is not null;

    protected override string UndatedRemedy => ", or set CsvReadOptions.UndatedDay to read it into a single-period (total-only) cube";

    protected override void BeginGroupOnly(ColumnMap map)
    {
        if (map.Weight >= 0)
        {
            throw new NpsDataException(NpsDataProblem.GroupsWithoutScore, $"{_source}: the file has a weight column ('{map.HeaderOf(map.Weight)}') and only NPS groups ('{map.HeaderOf(map.Group)}'), no 0-10 score; a weighted tally keeps its weights per 0-10 score, so weighted group-only answers cannot be aggregated. Export the 0-10 score with the weights.");
        }

        GroupOnly = true;
    }

    protected override void Started(ColumnMap map)
    {
        if (map.Time < 0 && _undatedDay is DateOnly day)
        {
            ReportingCalendar calendar = _aggregation.Validate();
            _undatedTicks = calendar.StartOf(ReportingPeriod.Containing(day, calendar.Unit, calendar.FiscalYearStartMonth)).UtcTicks;
        }
    }

    protected override int Code(int dimension, ReadOnlySpan<char> value) => _builder.GetSegmentCode(dimension, value);

    protected override void Add(Utf8CsvReader reader, ColumnMap map, in RowValues row, ReadOnlySpan<int> codes) =>
        _builder.AddCoded(_undatedTicks >= 0 ? _undatedTicks : row.UtcTicks, row.Score, codes, row.HasWeight ? row.Weight : null);
}

/// <summary>Collects accepted rows into a <see cref="ResponseTableBuilder"/> with every segment column as a dimension.</summary>
internal sealed class TableSink(string source) : SegmentCodingSink(source)
{
    private ResponseTableBuilder? _builder;
    private string[] _dimensions = [];

    public ResponseTable ToTable() => (_builder ?? new ResponseTableBuilder(_dimensions)).ToTable();

    protected override IReadOnlyList<string> Dimensions => _dimensions;

    protected override void Started(ColumnMap map) => _builder = new ResponseTableBuilder(_dimensions);

    protected override void BeginGroupOnly(ColumnMap map) =>
        throw new NpsDataException(NpsDataProblem.GroupsWithoutScore, $"{Source} has no 0-10 score, only NPS groups ('{map.HeaderOf(map.Group)}'): a response table keeps each answer's 0-10 score, which the file does not have. Read it into a cube with NpsCsv.ReadCube (counted by category: NPS, counts, shares, intervals and tests per period and segment are exact; NpsCube.HasScoreDetail is false), or export the 0-10 score.");

    protected override int Code(int dimension, ReadOnlySpan<char> value) => _builder!.GetSegmentCode(dimension, value);

    protected override void Add(Utf8CsvReader reader, ColumnMap map, in RowValues row, ReadOnlySpan<int> codes)
    {
        string? respondent = map.Respondent >= 0 ? NullIfEmpty(FieldParsers.Text(reader.GetSpan(map.Respondent))) : null;
        string? comment = map.Comment >= 0 ? NullIfEmpty(FieldParsers.Text(reader.GetSpan(map.Comment))) : null;
        _builder!.AddCoded(row.UtcTicks, row.Score, codes, row.HasWeight ? row.Weight : null, respondent, comment);
    }

    /// <summary>Takes the file's segment columns (in file order) as the table's dimensions.</summary>
    protected override void Prepare(ColumnMap map) => _dimensions = map.SegmentNames.Select(n => n.Trim()).ToArray();

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

/// <summary>
/// Segment codes by the value's UTF-8 bytes, for values of up to 15 bytes (most segment names): the bytes themselves
/// are the key (two 64-bit words and the length, so a hit is exact), in an open-addressing table of at most 4 096
/// values; longer or further values take the decoding path. Saves decoding to UTF-16 and hashing a string per row.
/// </summary>
internal sealed class Utf8CodeCache
{
    private const int Slots = 8192;
    private readonly ulong[] _keys = new ulong[2 * Slots];
    private readonly int[] _codes = new int[Slots];
    private int _count;

    public bool TryGet(ReadOnlySpan<byte> value, out int code)
    {
        code = 0;
        if (!Key(value, out ulong a, out ulong b))
        {
            return false;
        }

        for (int i = Slot(a, b); ; i = (i + 1) & (Slots - 1))
        {
            int stored = _codes[i];
            if (stored == 0)
            {
                return false;
            }

            if (_keys[2 * i] == a && _keys[(2 * i) + 1] == b)
            {
                code = stored - 1;
                return true;
            }
        }
    }

    public void Add(ReadOnlySpan<byte> value, int code)
    {
        if (_count >= Slots / 2 || !Key(value, out ulong a, out ulong b))
        {
            return;
        }

        int i = Slot(a, b);
        while (_codes[i] != 0)
        {
            i = (i + 1) & (Slots - 1);
        }

        _keys[2 * i] = a;
        _keys[(2 * i) + 1] = b;
        _codes[i] = code + 1;
        _count++;
    }

    /// <summary>The bytes (at most 15) as two words, the length + 1 in the top byte of the second; false for longer values.</summary>
    private static bool Key(ReadOnlySpan<byte> value, out ulong a, out ulong b)
    {
        a = b = 0;
        if (value.Length > 15)
        {
            return false;
        }

        Span<byte> key = stackalloc byte[16];
        key.Clear();
        value.CopyTo(key);
        a = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(key);
        b = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(key[8..]) | ((ulong)(value.Length + 1) << 56);
        return true;
    }

    private static int Slot(ulong a, ulong b) => (int)(((a * 0x9E37_79B9_7F4A_7C15UL) ^ (b * 0xC2B2_AE3D_27D4_EB4FUL)) >> 51) & (Slots - 1);
}
