
namespace NpsKit.Csv.Internal;

/// <summary>Counts accepted rows per score, and their weights when the file has a weight column.</summary>
internal sealed class TallySink : IResponseSink
{
    private readonly long[] _counts = new long[Nps.ScaleLength];
    private readonly double[] _weights = new double[Nps.ScaleLength];
    private readonly double[] _squaredWeights = new double[Nps.ScaleLength];
    private bool _weighted;

    public void Begin(ColumnMap map) => _weighted = map.Weight >= 0;

    public void Accept(Utf8CsvReader reader, ColumnMap map, in RowValues row)
    {
        _counts[row.Score]++;
        if (row.HasWeight)
        {
            _weights[row.Score] += row.Weight;
            _squaredWeights[row.Score] += row.Weight * row.Weight;
        }
    }

    public CsvTallyResult Result(IngestReport report) => new(
        NpsTally.FromHistogram(_counts),
        _weighted ? WeightedNpsTally.FromSums(_counts, _weights, _squaredWeights) : null,
        report);
}
