using System.Globalization;
using NpsKit.Aggregation;
using NpsKit.Csv.Internal;

namespace NpsKit.Csv;

/// <summary>
/// Reads NPS responses from CSV. Every good row is used and every bad one is reported (lenient mode) or thrown on
/// (strict mode, the default); see <see cref="CsvReadOptions"/> for delimiters, encodings, cultures, time zones,
/// column mapping and duplicate handling.
/// </summary>
/// <remarks>
/// <para>Reading streams: memory does not grow with the number of rows (except for respondent ids when duplicates are
/// tracked, see <see cref="DuplicatePolicy"/>).</para>
/// <para>The one exception type for bad data is <see cref="NpsDataException"/>; invalid options throw
/// <see cref="ArgumentException"/>, a missing file <see cref="FileNotFoundException"/>. All members are thread-safe.</para>
/// </remarks>
public static class NpsCsv
{
    /// <summary>Reads a CSV file and tallies the accepted rows.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read it; <see langword="null"/> for <see cref="CsvReadOptions.Default"/>.</param>
    /// <returns>The tally (and weighted tally, if there is a weight column) and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid (every problem is listed).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NpsDataException">The file has no usable header, or (strict mode) a row is bad.</exception>
    public static CsvTallyResult ReadTally(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Tally(CsvInput.FromPath(path), options);
    }

    /// <summary>Reads CSV from a stream and tallies the accepted rows. The stream is left open.</summary>
    /// <param name="stream">The input; its encoding is detected from a byte order mark or given by <see cref="CsvReadOptions.Encoding"/>.</param>
    /// <param name="options">How to read it; <see langword="null"/> for <see cref="CsvReadOptions.Default"/>.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>stream</c>.</param>
    /// <returns>The tally and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    /// <exception cref="NpsDataException">The input has no usable header, or (strict mode) a row is bad.</exception>
    public static CsvTallyResult ReadTally(Stream stream, CsvReadOptions? options = null, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Tally(CsvInput.FromStream(stream, sourceName), options);
    }

    /// <summary>Reads CSV text and tallies the accepted rows. The reader is left open.</summary>
    /// <param name="reader">The input text.</param>
    /// <param name="options">How to read it; <see langword="null"/> for <see cref="CsvReadOptions.Default"/>.
    /// <see cref="CsvReadOptions.Encoding"/> does not apply to text.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>text</c>.</param>
    /// <returns>The tally and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    /// <exception cref="NpsDataException">The input has no usable header, or (strict mode) a row is bad.</exception>
    public static CsvTallyResult ReadTally(TextReader reader, CsvReadOptions? options = null, string sourceName = "text")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Tally(CsvInput.FromText(reader, sourceName), options);
    }

    /// <summary>
    /// Reads a CSV file and aggregates the accepted rows into a period × segment cube while reading: memory grows with
    /// the number of cells (periods × segment combinations) and distinct segment values, not with the number of rows.
    /// </summary>
    /// <remarks>A UTF-8 file of 4 MiB or more is read in parts on <see cref="AggregationOptions.MaxDegreeOfParallelism"/>
    /// threads (default: every core), with exactly the result of one thread — the same cells, counts, bad rows and
    /// lines, strict mode's first bad row, the same exception for any other error; weighted sums equal up to the order
    /// of floating-point addition, as in <see cref="NpsCube.FromTable"/>. It applies with any options except the
    /// duplicate policies <see cref="DuplicatePolicy.KeepFirst"/> and <see cref="DuplicatePolicy.Error"/> on a file
    /// with a respondent column (a row's fate depends on every earlier row), and except files in another encoding,
    /// which are read on one thread. In parallel, <see cref="CsvReadOptions.Progress"/> reports as each part is done,
    /// in file order.</remarks>
    /// <param name="path">The file.</param>
    /// <param name="segmentation">The segment dimensions (column names of the file) and how they combine;
    /// <see langword="null"/> for <see cref="Segmentation.Total"/>.</param>
    /// <param name="aggregation">The period unit, reporting time zone and minimum n; <see langword="null"/> for the defaults.</param>
    /// <param name="options">How to read the file; <see langword="null"/> for <see cref="CsvReadOptions.Default"/>.</param>
    /// <returns>The cube and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NpsDataException">The file has no usable header, no time column, lacks a segment dimension, or (strict mode) a row is bad.</exception>
    public static CsvCubeResult ReadCube(string path, Segmentation? segmentation = null, AggregationOptions? aggregation = null, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Cube(CsvInput.FromPath(path), segmentation, aggregation, options);
    }

    /// <summary>Reads CSV from a stream into a period × segment cube; see <see cref="ReadCube(string, Segmentation?, AggregationOptions?, CsvReadOptions?)"/>. The stream is left open.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="segmentation">The segment dimensions; <see langword="null"/> for the total only.</param>
    /// <param name="aggregation">The period unit, reporting time zone and minimum n.</param>
    /// <param name="options">How to read the input.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>stream</c>.</param>
    /// <returns>The cube and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="NpsDataException">The input has no usable header, no time column, lacks a segment dimension, or (strict mode) a row is bad.</exception>
    public static CsvCubeResult ReadCube(Stream stream, Segmentation? segmentation = null, AggregationOptions? aggregation = null, CsvReadOptions? options = null, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Cube(CsvInput.FromStream(stream, sourceName), segmentation, aggregation, options);
    }

    /// <summary>Reads CSV text into a period × segment cube; see <see cref="ReadCube(string, Segmentation?, AggregationOptions?, CsvReadOptions?)"/>. The reader is left open.</summary>
    /// <param name="reader">The input text.</param>
    /// <param name="segmentation">The segment dimensions; <see langword="null"/> for the total only.</param>
    /// <param name="aggregation">The period unit, reporting time zone and minimum n.</param>
    /// <param name="options">How to read the input.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>text</c>.</param>
    /// <returns>The cube and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="NpsDataException">The input has no usable header, no time column, lacks a segment dimension, or (strict mode) a row is bad.</exception>
    public static CsvCubeResult ReadCube(TextReader reader, Segmentation? segmentation = null, AggregationOptions? aggregation = null, CsvReadOptions? options = null, string sourceName = "text")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Cube(CsvInput.FromText(reader, sourceName), segmentation, aggregation, options);
    }

    /// <summary>Reads a CSV file's accepted rows into a columnar <see cref="ResponseTable"/> (every segment column a dimension;
    /// respondent ids, weights and comments kept when the file has them), for repeated aggregation.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read the file; <see langword="null"/> for <see cref="CsvReadOptions.Default"/>.</param>
    /// <returns>The table and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NpsDataException">The file has no usable header, no time column, or (strict mode) a row is bad.</exception>
    public static CsvTableResult ReadTable(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Table(CsvInput.FromPath(path), options);
    }

    /// <summary>Reads CSV from a stream into a <see cref="ResponseTable"/>; see <see cref="ReadTable(string, CsvReadOptions?)"/>. The stream is left open.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="options">How to read the input.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>stream</c>.</param>
    /// <returns>The table and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="NpsDataException">The input has no usable header, no time column, or (strict mode) a row is bad.</exception>
    public static CsvTableResult ReadTable(Stream stream, CsvReadOptions? options = null, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Table(CsvInput.FromStream(stream, sourceName), options);
    }

    /// <summary>Reads CSV text into a <see cref="ResponseTable"/>; see <see cref="ReadTable(string, CsvReadOptions?)"/>. The reader is left open.</summary>
    /// <param name="reader">The input text.</param>
    /// <param name="options">How to read the input.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>text</c>.</param>
    /// <returns>The table and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="NpsDataException">The input has no usable header, no time column, or (strict mode) a row is bad.</exception>
    public static CsvTableResult ReadTable(TextReader reader, CsvReadOptions? options = null, string sourceName = "text")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Table(CsvInput.FromText(reader, sourceName), options);
    }

    /// <summary>
    /// Writes cells as a CSV table: <c>period, segment, one column per dimension, n, promoters, passives, detractors,
    /// promoter_share, passive_share, detractor_share, nps, below_minimum</c>. Shares and the score are empty for an empty cell.
    /// </summary>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="cells">The cells, written in the order given (e.g. <see cref="NpsCube.Cells"/> or <see cref="NpsSeries.Points"/>).</param>
    /// <param name="dimensions">The dimension columns to write, taken from each cell's segment path (empty where a path lacks one).</param>
    /// <param name="options">How to write; <see langword="null"/> for <see cref="CsvWriteOptions.Default"/> (formula escaping on).</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The delimiter in <paramref name="options"/> cannot separate fields.</exception>
    public static void WriteCells(TextWriter output, IEnumerable<NpsCell> cells, IReadOnlyList<string> dimensions, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(dimensions);
        using var writer = new SafeCsvWriter(output, options);
        writer.Header(UniqueHeaders(dimensions));
        foreach (NpsCell cell in cells)
        {
            writer.Text(cell.Period.ToString());
            writer.Text(cell.Segment.ToString());
            foreach (string dimension in dimensions)
            {
                writer.Text(cell.Segment.TryGetValue(dimension, out string? value) ? value : null);
            }

            WriteTallyFields(writer, cell.Tally);
            writer.Text(cell.IsBelowMinimumCount ? "true" : "false");
            writer.EndRow();
        }
    }

    /// <summary>Writes every finest cell of a cube (all periods × segments, empty cells included); see <see cref="WriteCells"/>.</summary>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="cube">The cube.</param>
    /// <param name="options">How to write; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> or <paramref name="cube"/> is <see langword="null"/>.</exception>
    public static void WriteCube(TextWriter output, NpsCube cube, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cube);
        WriteCells(output, cube.Cells(), cube.Dimensions, options);
    }

    /// <summary>Writes a series, one row per period (empty periods included); see <see cref="WriteCells"/>.</summary>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="series">The series (windowed or not).</param>
    /// <param name="options">How to write; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> or <paramref name="series"/> is <see langword="null"/>.</exception>
    public static void WriteSeries(TextWriter output, NpsSeries series, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var dimensions = Enumerable.Range(0, series.Segment.Depth).Select(series.Segment.DimensionAt).ToArray();
        WriteCells(output, series.Points, dimensions, options);
    }

    /// <summary>
    /// Writes tallies by key (segment, period, team …) as a CSV table: <c>key, n, promoters, passives, detractors,
    /// promoter_share, passive_share, detractor_share, nps</c>. Shares and the score are empty for an empty tally.
    /// </summary>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="tallies">The rows, written in the order given.</param>
    /// <param name="keyHeader">The header of the key column; default <c>segment</c>.</param>
    /// <param name="options">How to write; <see langword="null"/> for <see cref="CsvWriteOptions.Default"/> (formula escaping on).</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/>, <paramref name="tallies"/> or <paramref name="keyHeader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The delimiter in <paramref name="options"/> cannot separate fields.</exception>
    public static void WriteTallies(TextWriter output, IEnumerable<KeyValuePair<string, NpsTally>> tallies, string keyHeader = "segment", CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentNullException.ThrowIfNull(keyHeader);
        using var writer = new SafeCsvWriter(output, options);
        writer.Header([keyHeader, .. TallyColumns]);
        foreach ((string key, NpsTally tally) in tallies)
        {
            writer.Text(key);
            WriteTallyFields(writer, tally);
            writer.EndRow();
        }
    }

    /// <summary>The headers of <see cref="WriteCells"/>, each distinct (ignoring case): a dimension named like a fixed
    /// column (<c>period</c>, <c>n</c>, <c>nps</c> …) or like an earlier dimension gets a <c>dimension_</c> prefix, then a
    /// number, until it is unique.</summary>
    internal static string[] UniqueHeaders(IReadOnlyList<string> dimensions)
    {
        var taken = new HashSet<string>(["period", "segment", .. TallyColumns, "below_minimum"], StringComparer.OrdinalIgnoreCase);
        var names = new List<string>(dimensions.Count);
        foreach (string dimension in dimensions)
        {
            string name = dimension;
            if (taken.Contains(name))
            {
                name = "dimension_" + dimension;
                for (int k = 2; taken.Contains(name); k++)
                {
                    name = string.Create(CultureInfo.InvariantCulture, $"dimension_{dimension}_{k}");
                }
            }

            taken.Add(name);
            names.Add(name);
        }

        return ["period", "segment", .. names, .. TallyColumns, "below_minimum"];
    }

    private static readonly string[] TallyColumns = ["n", "promoters", "passives", "detractors", "promoter_share", "passive_share", "detractor_share", "nps"];

    private static void WriteTallyFields(SafeCsvWriter writer, NpsTally tally)
    {
        writer.Number(tally.Count);
        writer.Number(tally.Promoters);
        writer.Number(tally.Passives);
        writer.Number(tally.Detractors);
        if (tally.HasScore)
        {
            writer.Number(tally.PromoterShare);
            writer.Number(tally.PassiveShare);
            writer.Number(tally.DetractorShare);
            writer.Number(tally.Score);
        }
        else
        {
            writer.Empty();
            writer.Empty();
            writer.Empty();
            writer.Empty();
        }
    }

    private static CsvCubeResult Cube(CsvInput input, Segmentation? segmentation, AggregationOptions? aggregation, CsvReadOptions? options)
    {
        var engine = new ResponseCsvEngine(input, options);
        var sink = new CubeSink(segmentation, aggregation, input.Source, options?.UndatedDay);
        int threads = aggregation?.MaxDegreeOfParallelism ?? -1;
        IngestReport report = engine.Run(sink, threads == -1 ? Environment.ProcessorCount : threads);
        return new CsvCubeResult(sink.ToCube(), report);
    }

    private static CsvTableResult Table(CsvInput input, CsvReadOptions? options)
    {
        var engine = new ResponseCsvEngine(input, options);
        var sink = new TableSink(input.Source);
        IngestReport report = engine.Run(sink);
        return new CsvTableResult(sink.ToTable(), report);
    }

    private static CsvTallyResult Tally(CsvInput input, CsvReadOptions? options)
    {
        var engine = new ResponseCsvEngine(input, options);
        var sink = new TallySink().For(input.Source);
        IngestReport report = engine.Run(sink);
        return sink.Result(report);
    }
}
