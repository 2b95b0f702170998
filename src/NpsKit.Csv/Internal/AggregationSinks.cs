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

    protected SegmentCodingSink(string source) => _source = source;

    protected abstract IReadOnlyList<string> Dimensions { get; }

    public void Begin(ColumnMap map)
    {
        if (map.Time < 0)
        {
            throw new NpsDataException($"{_source}: aggregating by period needs a time column, and none was found among {string.Join(", ", map.Headers.Select(h => "'" + h + "'"))}. Name it in CsvReadOptions.Mapping.Time.");
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
        Started(map);
    }

    public void Accept(Utf8CsvReader reader, ColumnMap map, in RowValues row)
    {
        for (int d = 0; d < _columns.Length; d++)
        {
            ReadOnlySpan<byte> field = FieldParsers.Trim(reader.GetSpan(_columns[d]));
            int max = Encoding.UTF8.GetMaxCharCount(field.Length);
            if (max > _spill.Length)
            {
                _spill = new char[max];
            }

            int n = Encoding.UTF8.GetChars(field, _spill);
            _codes[d] = Code(d, _spill.AsSpan(0, n));
        }

        Add(reader, map, row, _codes);
    }

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

/// <summary>Streams accepted rows into an <see cref="NpsCubeBuilder"/>: memory grows with cells, not rows.</summary>
internal sealed class CubeSink(NpsCubeBuilder builder, string source) : SegmentCodingSink(source)
{
    protected override IReadOnlyList<string> Dimensions => builder.Dimensions;

    protected override int Code(int dimension, ReadOnlySpan<char> value) => builder.GetSegmentCode(dimension, value);

    protected override void Add(Utf8CsvReader reader, ColumnMap map, in RowValues row, ReadOnlySpan<int> codes) =>
        builder.AddCoded(row.UtcTicks, row.Score, codes, row.HasWeight ? row.Weight : null);
}

/// <summary>Collects accepted rows into a <see cref="ResponseTableBuilder"/> with every segment column as a dimension.</summary>
internal sealed class TableSink(string source) : SegmentCodingSink(source)
{
    private ResponseTableBuilder? _builder;
    private string[] _dimensions = [];

    public ResponseTable ToTable() => (_builder ?? new ResponseTableBuilder(_dimensions)).ToTable();

    protected override IReadOnlyList<string> Dimensions => _dimensions;

    protected override void Started(ColumnMap map) => _builder = new ResponseTableBuilder(_dimensions);

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
