using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>
/// Survey answers stored by column for fast aggregation: scores as bytes, times as UTC ticks, segment values
/// dictionary-encoded to small integers, and optional weights, respondent ids and comments.
/// </summary>
/// <remarks>
/// <para>Memory per answer is 8 bytes of time, 1 of score and 1 per segment dimension while a dimension has at most
/// 256 distinct values (2 up to 65 536, 4 beyond): about 12 bytes with three dimensions. Respondent ids add 4 bytes
/// per answer plus each distinct id's UTF-8 bytes once (and a length byte): dictionary-encoded, no string per id
/// until one is asked for. Weights add 8 bytes, comments only where present.</para>
/// <para>Build one with <see cref="FromResponses"/> or, for large or streamed data, a <see cref="ResponseTableBuilder"/>.
/// Aggregate it with <see cref="NpsCube.FromTable"/>.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class ResponseTable
{
    private readonly long[] _ticks;
    private readonly byte[] _scores;
    private readonly CodeColumn[] _segments;
    private readonly string[][] _dictionaries;
    private readonly string[] _dimensions;
    private readonly int[]? _respondents;
    private readonly byte[]? _respondentIds; // distinct ids as UTF-8, once each; a row's code is an offset (Utf8IdDictionary)
    private readonly double[]? _weights;
    private readonly Dictionary<int, string>? _comments;

    internal ResponseTable(
        long[] ticks, byte[] scores, string[] dimensions, CodeColumn[] segments, string[][] dictionaries,
        int[]? respondents, byte[]? respondentIds, double[]? weights, Dictionary<int, string>? comments,
        int minRow, int maxRow)
    {
        _ticks = ticks;
        _scores = scores;
        _dimensions = dimensions;
        _segments = segments;
        _dictionaries = dictionaries;
        _respondents = respondents;
        _respondentIds = respondentIds;
        _weights = weights;
        _comments = comments;
        MinRow = minRow;
        MaxRow = maxRow;
    }

    /// <summary>Gets the number of answers.</summary>
    public int Count => _scores.Length;

    /// <summary>Gets the segment dimension names, in the order given when the table was built.</summary>
    public IReadOnlyList<string> Dimensions => _dimensions;

    /// <summary>Gets the scores, one byte (0–10) per answer, in row order.</summary>
    public ReadOnlySpan<byte> Scores => _scores;

    /// <summary>Gets the times as UTC ticks (see <see cref="DateTime.Ticks"/>), one per answer, in row order.</summary>
    public ReadOnlySpan<long> UtcTicks => _ticks;

    /// <summary>Gets a value indicating whether any answer carries a survey weight (the others then weigh 1).</summary>
    public bool HasWeights => _weights is not null;

    /// <summary>Gets a value indicating whether any answer carries a respondent id.</summary>
    public bool HasRespondentIds => _respondents is not null;

    /// <summary>Gets the number of answers with a comment.</summary>
    public int CommentCount => _comments?.Count ?? 0;

    /// <summary>Gets the approximate memory held by the table's columns and dictionaries, in bytes.</summary>
    public long ApproximateSizeInBytes
    {
        get
        {
            long bytes = (_ticks.LongLength * 8) + _scores.LongLength;
            foreach (CodeColumn c in _segments)
            {
                bytes += (long)c.Capacity * c.Width;
            }

            bytes += _respondents is null ? 0 : (_respondents.LongLength * 4) + _respondentIds!.LongLength;
            bytes += _weights is null ? 0 : _weights.LongLength * 8;
            foreach (string[] d in _dictionaries)
            {
                bytes += d.Sum(v => 24L + (2L * v.Length));
            }

            return bytes;
        }
    }

    /// <summary>Row of the earliest time (−1 when empty), for error messages.</summary>
    internal int MinRow { get; }

    /// <summary>Row of the latest time (−1 when empty), for error messages.</summary>
    internal int MaxRow { get; }

    internal long[] TicksArray => _ticks;

    internal byte[] ScoresArray => _scores;

    internal double[]? WeightsArray => _weights;

    internal CodeColumn SegmentColumn(int dimension) => _segments[dimension];

    /// <summary>The one-byte code column of a dimension (empty if the dimension uses wider codes), for benchmarks.</summary>
    internal ReadOnlySpan<byte> SegmentCodeBytes(int dimension) => _segments[dimension].U8;

    /// <summary>Builds a table from row-oriented responses.</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="dimensions">The segment dimensions to keep, in order; every response must have a value for each.
    /// <see langword="null"/> (the default) takes the dimensions of the first response, in its enumeration order.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="responses"/> or an element is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A response lacks a value for one of the dimensions; the message names the row.</exception>
    public static ResponseTable FromResponses(IEnumerable<SurveyResponse> responses, IEnumerable<string>? dimensions = null)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ResponseTableBuilder? builder = dimensions is null ? null : new ResponseTableBuilder(dimensions);
        foreach (SurveyResponse response in responses)
        {
            builder ??= new ResponseTableBuilder(response?.Segments.Keys ?? []);
            builder.Add(response!);
        }

        return (builder ?? new ResponseTableBuilder()).ToTable();
    }

    /// <summary>Builds a table from any sequence of objects, reading each answer's time, score and segment values
    /// through the given functions (no intermediate row objects are made).</summary>
    /// <typeparam name="T">The source row type.</typeparam>
    /// <param name="rows">The source rows.</param>
    /// <param name="submittedAt">Reads a row's time.</param>
    /// <param name="score">Reads a row's score (0 to 10).</param>
    /// <param name="segments">The dimensions: a name and a function reading the row's value (never <see langword="null"/>).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0..10; the message names the row.</exception>
    /// <exception cref="ArgumentException">A segment value is <see langword="null"/>, or dimension names repeat.</exception>
    /// <example><code>
    /// var table = ResponseTable.From(tickets, t =&gt; t.ClosedAt, t =&gt; t.Rating,
    ///     ("department", t =&gt; t.Department), ("channel", t =&gt; t.Channel));
    /// </code></example>
    public static ResponseTable From<T>(
        IEnumerable<T> rows, Func<T, DateTimeOffset> submittedAt, Func<T, int> score, params (string Dimension, Func<T, string> Value)[] segments)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(submittedAt);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(segments);
        var builder = new ResponseTableBuilder(segments.Select(s => s.Dimension));
        string[] values = new string[segments.Length];
        foreach (T row in rows)
        {
            for (int d = 0; d < segments.Length; d++)
            {
                values[d] = segments[d].Value(row);
            }

            _ = builder.Add(submittedAt(row), score(row), values);
        }

        return builder.ToTable();
    }

    /// <summary>Gets the distinct values of one segment dimension, in first-seen order (the code order).</summary>
    /// <param name="dimension">A dimension name from <see cref="Dimensions"/>.</param>
    /// <returns>The values.</returns>
    /// <exception cref="ArgumentException">The table has no such dimension.</exception>
    public IReadOnlyList<string> SegmentValues(string dimension) => _dictionaries[DimensionIndex(dimension, nameof(dimension))];

    /// <summary>Gets one answer back as a row.</summary>
    /// <param name="row">The row index, 0 to <see cref="Count"/> − 1.</param>
    /// <returns>The response (times with offset zero).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the table.</exception>
    public SurveyResponse GetResponse(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        var segments = new Dictionary<string, string>(_dimensions.Length, StringComparer.Ordinal);
        for (int d = 0; d < _dimensions.Length; d++)
        {
            segments[_dimensions[d]] = _dictionaries[d][_segments[d].Get(row)];
        }

        string? respondent = _respondents is null || _respondents[row] < 0 ? null : Utf8IdDictionary.Decode(_respondentIds!, _respondents[row]);
        double? weight = _weights is null ? null : _weights[row];
        string? comment = _comments is not null && _comments.TryGetValue(row, out string? c) ? c : null;
        return new SurveyResponse(respondent, new DateTimeOffset(_ticks[row], TimeSpan.Zero), _scores[row], segments, weight, comment);
    }

    /// <summary>Tallies all answers (vectorized).</summary>
    /// <returns>The tally of every score in the table.</returns>
    public NpsTally Tally() => NpsTally.FromScores(_scores);

    internal int DimensionIndex(string dimension, string paramName)
    {
        ArgumentNullException.ThrowIfNull(dimension, paramName);
        int index = Array.IndexOf(_dimensions, dimension);
        if (index < 0)
        {
            ThrowHelper.UnknownDimension(dimension, _dimensions, paramName);
        }

        return index;
    }

    internal string[] Dictionary(int dimension) => _dictionaries[dimension];
}
