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
        writer.Header(keyHeader, "n", "promoters", "passives", "detractors", "promoter_share", "passive_share", "detractor_share", "nps");
        foreach ((string key, NpsTally tally) in tallies)
        {
            writer.Text(key);
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

            writer.EndRow();
        }
    }

    private static CsvTallyResult Tally(CsvInput input, CsvReadOptions? options)
    {
        var engine = new ResponseCsvEngine(input, options);
        var sink = new TallySink();
        IngestReport report = engine.Run(sink);
        return sink.Result(report);
    }
}
