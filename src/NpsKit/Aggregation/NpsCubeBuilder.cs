namespace NpsKit.Aggregation;

/// <summary>
/// Aggregates answers as they stream in — from a CSV reader, a database cursor, a message queue — into an
/// <see cref="NpsCube"/>, holding memory proportional to the number of cells, not of answers.
/// </summary>
/// <remarks>
/// <para>Answers are buffered in a small columnar chunk (<see cref="ChunkSize"/> rows, about 12 bytes each); each full
/// chunk is counted by the same one-pass kernel as <see cref="NpsCube.FromTable"/> and merged exactly into the running
/// cube, then cleared. Segment dictionaries persist across chunks. Respondent ids and comments are not kept.</para>
/// <para>Weights are kept as weighted tallies (<see cref="NpsCube.IsWeighted"/>) as soon as one answer has a weight;
/// answers added without one then count with weight 1, exactly as in a <see cref="ResponseTable"/>.</para>
/// <para>Every add validates its input and names the row (0-based, counted from the first add) in any error.
/// This type is mutable and not thread-safe: use one builder per thread and <see cref="NpsCube.Merge"/> the results.</para>
/// </remarks>
public sealed class NpsCubeBuilder
{
    /// <summary>Rows buffered before a chunk is counted and merged.</summary>
    public const int ChunkSize = 1 << 16;

    private readonly Segmentation _segmentation;
    private readonly AggregationOptions _options;
    private readonly ResponseTableBuilder _chunk;
    private NpsCube? _cube;
    private long _count;

    /// <summary>Starts an empty builder.</summary>
    /// <param name="segmentation">The segment dimensions; answers give one value per dimension, in this order.
    /// Default <see cref="Segmentation.Total"/>.</param>
    /// <param name="options">Zone, period and minimum count. Default <see cref="AggregationOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid (all problems listed).</exception>
    public NpsCubeBuilder(Segmentation? segmentation = null, AggregationOptions? options = null)
    {
        _segmentation = segmentation ?? Segmentation.Total;
        _options = (options ?? AggregationOptions.Default) with { MaxDegreeOfParallelism = 1 };
        _ = _options.Validate();
        _chunk = new ResponseTableBuilder(_segmentation.Dimensions);
    }

    /// <summary>Gets the segment dimensions, in the order values are given.</summary>
    public IReadOnlyList<string> Dimensions => _segmentation.Dimensions;

    /// <summary>Gets the number of answers added.</summary>
    public long Count => _count + _chunk.Count;

    /// <summary>Adds one answer.</summary>
    /// <param name="submittedAt">When it was given.</param>
    /// <param name="score">The answer, 0 to 10.</param>
    /// <param name="segmentValues">One value per dimension, in <see cref="Dimensions"/> order.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0..10.</exception>
    /// <exception cref="ArgumentException">The number of values differs from the number of dimensions, or a value is <see langword="null"/>.</exception>
    public NpsCubeBuilder Add(DateTimeOffset submittedAt, int score, params ReadOnlySpan<string> segmentValues)
    {
        _ = _chunk.AddUtcTicks(submittedAt.UtcTicks, score, segmentValues);
        FlushIfFull();
        return this;
    }

    /// <summary>Adds one answer with a survey weight; the cube becomes weighted (<see cref="NpsCube.IsWeighted"/>).</summary>
    /// <param name="submittedAt">When it was given.</param>
    /// <param name="score">The answer, 0 to 10.</param>
    /// <param name="weight">The survey weight: finite and greater than zero.</param>
    /// <param name="segmentValues">One value per dimension, in <see cref="Dimensions"/> order.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0..10, or the weight is not finite and positive.</exception>
    /// <exception cref="ArgumentException">The number of values differs from the number of dimensions, or a value is <see langword="null"/>.</exception>
    public NpsCubeBuilder AddWeighted(DateTimeOffset submittedAt, int score, double weight, params ReadOnlySpan<string> segmentValues)
    {
        _ = _chunk.AddUtcTicks(submittedAt.UtcTicks, score, segmentValues, weight: weight);
        FlushIfFull();
        return this;
    }

    /// <summary>Adds one answer with segment codes from <see cref="GetSegmentCode"/> (the allocation-free path for parsers).</summary>
    /// <param name="utcTicks">The time as UTC ticks.</param>
    /// <param name="score">The answer, 0 to 10.</param>
    /// <param name="segmentCodes">One code per dimension.</param>
    /// <param name="weight">A survey weight (finite, greater than zero), or <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The time, score, weight or a code is out of range.</exception>
    /// <exception cref="ArgumentException">The number of codes differs from the number of dimensions.</exception>
    public NpsCubeBuilder AddCoded(long utcTicks, int score, ReadOnlySpan<int> segmentCodes, double? weight = null)
    {
        _ = _chunk.AddCoded(utcTicks, score, segmentCodes, weight);
        FlushIfFull();
        return this;
    }

    /// <summary>Gets the code of a segment value for <see cref="AddCoded"/>; allocates a string only for a new value.</summary>
    /// <param name="dimension">The dimension's index in <see cref="Dimensions"/>.</param>
    /// <param name="value">The value's characters.</param>
    /// <returns>The code.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is not a dimension index.</exception>
    public int GetSegmentCode(int dimension, ReadOnlySpan<char> value) => _chunk.GetSegmentCode(dimension, value);

    /// <summary>Adds every answer of a table (which must have this builder's dimensions).</summary>
    /// <param name="table">The table.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The table lacks a dimension.</exception>
    public NpsCubeBuilder AddTable(ResponseTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Merge(NpsCube.FromTable(table, _segmentation, _options with { FirstDay = null, LastDay = null }));
        _count += table.Count;
        return this;
    }

    /// <summary>Makes the cube of every answer added so far; the builder stays usable.</summary>
    /// <returns>The cube (including the periods of <see cref="AggregationOptions.FirstDay"/> and <see cref="AggregationOptions.LastDay"/> if set).</returns>
    public NpsCube ToCube()
    {
        Flush();
        NpsCube range = NpsCube.FromTable(new ResponseTableBuilder(_segmentation.Dimensions).ToTable(), _segmentation, _options);
        return _cube is null ? range : _cube.Merge(range);
    }

    private void FlushIfFull()
    {
        if (_chunk.Count >= ChunkSize)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_chunk.Count == 0)
        {
            return;
        }

        NpsCube part = NpsCube.FromTable(_chunk.ToTransientTable(), _segmentation, _options with { FirstDay = null, LastDay = null });
        _count += _chunk.Count;
        _chunk.Clear();
        Merge(part);
    }

    private void Merge(NpsCube part)
    {
        if (_cube is not null && _cube.IsWeighted != part.IsWeighted)
        {
            // Answers without a weight count with weight 1 once any answer has one (exact: Σw = Σw² = count).
            (_cube, part) = _cube.IsWeighted ? (_cube, part.WithUnitWeights()) : (_cube.WithUnitWeights(), part);
        }

        _cube = _cube is null ? part : _cube.Merge(part);
    }
}
