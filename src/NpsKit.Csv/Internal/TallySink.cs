
namespace NpsKit.Csv.Internal;

/// <summary>Counts accepted rows per score, and their weights when the file has a weight column.</summary>
internal sealed class TallySink : IResponseSink
{
    private readonly long[] _counts = new long[Nps.ScaleLength];
    private readonly double[] _weights = new double[Nps.ScaleLength];
    private readonly double[] _squaredWeights = new double[Nps.ScaleLength];
    private bool _weighted;
    private bool _groupOnly;
    private string _source = "input";

    public void Begin(ColumnMap map)
    {
        _weighted = map.Weight >= 0;
        _groupOnly = map.GroupOnly;
        if (_groupOnly && _weighted)
        {
            throw new NpsDataException($"{_source}: the file has a weight column ('{map.HeaderOf(map.Weight)}') and only NPS groups ('{map.HeaderOf(map.Group)}'), no 0-10 score; a weighted tally keeps its weights per 0-10 score, so weighted group-only answers cannot be tallied. Export the 0-10 score with the weights.");
        }
    }

    /// <summary>Sets the input's name for messages.</summary>
    public TallySink For(string source)
    {
        _source = source;
        return this;
    }

    public void Accept(Utf8CsvReader reader, ColumnMap map, in RowValues row)
    {
        _counts[row.Score]++;
        if (row.HasWeight)
        {
            _weights[row.Score] += row.Weight;
            _squaredWeights[row.Score] += row.Weight * row.Weight;
        }
    }

    /// <summary>The tally: by score, or by group (<see cref="NpsTally.FromCounts"/>) for a file read by group only.</summary>
    public CsvTallyResult Result(IngestReport report) => new(
        _groupOnly ? NpsTally.FromCounts(_counts[10], _counts[8], _counts[0]) : NpsTally.FromHistogram(_counts),
        _weighted ? WeightedNpsTally.FromSums(_counts, _weights, _squaredWeights) : null,
        report);
}
