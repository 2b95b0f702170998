using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Excel.Internal;

namespace NpsKit.Excel;

/// <summary>
/// Reads NPS responses from an .xlsx workbook: the first sheet, or a named one. Cells stream from the sheet into the
/// reader of <see cref="NpsCsv"/> (<see cref="SheetStream"/>), so mapping, survey-tool layouts, validation, strict and
/// lenient modes and the bad-row report are those of CSV input — one set of rules for both.
/// </summary>
/// <remarks>
/// <para>Date cells are read as local times (an .xlsx date has no zone: set <see cref="CsvReadOptions.TimeZone"/>);
/// numbers as written; a date stored as a plain number is an Excel serial date. Text cells follow the CSV rules
/// (ISO 8601, the decided date order). Numbers are typed in a workbook, so <see cref="CsvReadOptions.Culture"/>,
/// <see cref="CsvReadOptions.Delimiter"/> and <see cref="CsvReadOptions.Encoding"/> do not apply.</para>
/// <para><see cref="BadRow.LineNumber"/> is the sheet's row number as long as no cell holds a line break.</para>
/// <para>A file that is not an .xlsx workbook (a CSV, an old .xls) throws <see cref="NpsDataException"/> naming it.
/// All members are thread-safe.</para>
/// </remarks>
public static class NpsExcel
{
    /// <summary>Reads a sheet and tallies the accepted rows.</summary>
    /// <param name="path">The .xlsx file.</param>
    /// <param name="options">How to read it; <see langword="null"/> for <see cref="CsvReadOptions.Default"/>.</param>
    /// <param name="sheet">The sheet's name; <see langword="null"/> for the first.</param>
    /// <returns>The tally and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NpsDataException">The file is no workbook, the sheet does not exist, the header is unusable, or (strict mode) a row is bad.</exception>
    public static CsvTallyResult ReadTally(string path, CsvReadOptions? options = null, string? sheet = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using SheetStream stream = SheetStream.Open(path, sheet);
        return NpsCsv.ReadTally(stream, AsSheet(options), stream.Name);
    }

    /// <summary>Reads a sheet into a period × segment cube while streaming; see <see cref="NpsCsv.ReadCube(string, Segmentation?, AggregationOptions?, CsvReadOptions?)"/>.</summary>
    /// <param name="path">The .xlsx file.</param>
    /// <param name="segmentation">The segment dimensions; <see langword="null"/> for the total only.</param>
    /// <param name="aggregation">The period unit, reporting time zone and minimum n.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="sheet">The sheet's name; <see langword="null"/> for the first.</param>
    /// <returns>The cube and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NpsDataException">The file is no workbook, the sheet does not exist, there is no time column, or (strict mode) a row is bad.</exception>
    public static CsvCubeResult ReadCube(string path, Segmentation? segmentation = null, AggregationOptions? aggregation = null, CsvReadOptions? options = null, string? sheet = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using SheetStream stream = SheetStream.Open(path, sheet);
        return NpsCsv.ReadCube(stream, segmentation, aggregation, AsSheet(options), stream.Name);
    }

    /// <summary>Reads a sheet's accepted rows into a <see cref="ResponseTable"/>; see <see cref="NpsCsv.ReadTable(string, CsvReadOptions?)"/>.</summary>
    /// <param name="path">The .xlsx file.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="sheet">The sheet's name; <see langword="null"/> for the first.</param>
    /// <returns>The table and the ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NpsDataException">The file is no workbook, the sheet does not exist, there is no time column, or (strict mode) a row is bad.</exception>
    public static CsvTableResult ReadTable(string path, CsvReadOptions? options = null, string? sheet = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using SheetStream stream = SheetStream.Open(path, sheet);
        return NpsCsv.ReadTable(stream, AsSheet(options), stream.Name);
    }

    /// <summary>Reads employee NPS answers from a sheet into an org tree and rounds; see <see cref="EnpsCsv.Read(string, EnpsCsvOptions?)"/>.</summary>
    /// <param name="path">The .xlsx file.</param>
    /// <param name="options">How to read it; <see langword="null"/> for <see cref="EnpsCsvOptions.Default"/>.</param>
    /// <param name="sheet">The sheet's name; <see langword="null"/> for the first.</param>
    /// <returns>The org tree, rounds, dimensions and ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NpsDataException">The file is no workbook, the sheet does not exist, there is no score or org column, or (strict mode) a row is bad.</exception>
    public static EnpsCsvResult ReadEnps(string path, EnpsCsvOptions? options = null, string? sheet = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= EnpsCsvOptions.Default;
        using SheetStream stream = SheetStream.Open(path, sheet);
        return EnpsCsv.Read(stream, options with { Read = AsSheet(options.Read) }, stream.Name);
    }

    /// <summary>The names of a workbook's sheets, in order.</summary>
    /// <param name="path">The .xlsx file.</param>
    /// <returns>The sheet names.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NpsDataException">The file is not an .xlsx workbook.</exception>
    public static IReadOnlyList<string> SheetNames(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return SheetStream.SheetNames(path);
    }

    /// <summary>The options for the CSV text a sheet streams as: comma-delimited UTF-8, invariant numbers.</summary>
    private static CsvReadOptions AsSheet(CsvReadOptions? options) =>
        (options ?? CsvReadOptions.Default) with { Delimiter = ',', Encoding = null, Culture = System.Globalization.CultureInfo.InvariantCulture };
}
