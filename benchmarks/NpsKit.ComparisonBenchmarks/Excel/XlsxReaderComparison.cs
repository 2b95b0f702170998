using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ExcelDataReader;
using NpsKit.Benchmarks.Csv;
using NpsKit.Csv;
using NpsKit.Excel;
using NpsKit.Excel.Internal;

namespace NpsKit.ComparisonBenchmarks.Excel;

/// <summary>
/// Issue #13: the .xlsx readers compared on the 1M-row survey workbook of <c>XlsxReadBenchmarks</c>, and where
/// NpsKit.Excel's time goes. Each reader runs in a fresh process (peak working set is per process): a warm-up read,
/// then timed reads; it prints the median time, the bytes allocated per read (all threads) and the process's peak
/// working set.
/// <code>
/// dotnet run -c Release --project benchmarks/NpsKit.ComparisonBenchmarks -- xlsx 1000000 3           (every reader)
/// dotnet run -c Release --project benchmarks/NpsKit.ComparisonBenchmarks -- xlsx 1000000 3 openxml   (one)
/// </code>
/// The library readers visit every cell and take what NpsKit needs of it (its text or number, its type and style; a
/// date as a date), summing the score column so nothing is optimised away; NpsKit's rows are the full
/// <see cref="NpsExcel.ReadTally"/> (mapping, validation, tally) and its stages.
/// </summary>
internal static class XlsxReaderComparison
{
    /// <summary>The readers and stages, in the order the table lists them.</summary>
    public static readonly string[] Modes =
    [
        "csv-tally",        // NpsCsv.ReadTally of the same rows as CSV: the yardstick
        "inflate",          // the sheet part inflated, nothing parsed: the floor of any .xlsx reader
        "xmlreader",        // XmlReader.Read over the sheet, no values: the floor of an XmlReader-based reader
        "tokens",           // NpsKit.Excel's XML tokenizer over the sheet, no values: its floor
        "own-cells",        // NpsKit.Excel's sheet reader alone: the sheet as CSV bytes, not parsed
        "own-tally",        // NpsExcel.ReadTally: the whole read
        "sheetcsv-tally",   // NpsCsv.ReadTally of the CSV text the sheet reader writes (saved once): the CSV side's share
        "sheetcsv-stream",  // the same text as a Stream (as NpsExcel hands it over): one thread, no file
        "openxml",          // DocumentFormat.OpenXml 3.3.0, OpenXmlReader (SAX)
        "exceldatareader",  // ExcelDataReader 3.6.0, IExcelDataReader.Read + GetValue
        "miniexcel",        // MiniExcel 1.46.0, Query (dynamic rows)
    ];

    private static readonly CsvReadOptions InUtc = new() { TimeZone = "Etc/UTC" };

    public static void Run(string[] args)
    {
        int rows = int.Parse(args[1], CultureInfo.InvariantCulture);
        int reads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        if (args.Length > 3)
        {
            Measure(args[3], rows, reads);
            return;
        }

        string xlsx = SurveyFiles.Xlsx(rows);
        SurveyFiles.Csv(rows);
        Console.WriteLine($"{rows:N0} rows; .xlsx {new FileInfo(xlsx).Length / 1e6:N1} MB; {Environment.ProcessorCount} CPUs; load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| Reader | Median | Reads (ms) | Allocated per read | Peak working set | Check |");
        Console.WriteLine("|---|---:|---|---:|---:|---|");
        foreach (string mode in Modes)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            if (!Environment.ProcessPath!.EndsWith(typeof(XlsxReaderComparison).Assembly.GetName().Name!, StringComparison.Ordinal))
            {
                start.ArgumentList.Add(typeof(XlsxReaderComparison).Assembly.Location);
            }

            foreach (string arg in (string[])["xlsx", args[1], reads.ToString(CultureInfo.InvariantCulture), mode])
            {
                start.ArgumentList.Add(arg);
            }

            using Process child = Process.Start(start)!;
            Console.WriteLine(child.StandardOutput.ReadToEnd().TrimEnd());
            child.WaitForExit();
        }

        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static void Measure(string mode, int rows, int reads)
    {
        string xlsx = SurveyFiles.Xlsx(rows);
        string csv = SurveyFiles.Csv(rows);
        Func<long> read = mode switch
        {
            "csv-tally" => () => NpsCsv.ReadTally(csv, InUtc).Tally.Count,
            "inflate" => () => Inflate(xlsx),
            "xmlreader" => () => XmlOnly(xlsx),
            "own-cells" => () => OwnCells(xlsx),
            "own-tally" => () => NpsExcel.ReadTally(xlsx, InUtc).Tally.Count,
            "sheetcsv-tally" => SheetCsv(xlsx),
            "sheetcsv-stream" => SheetCsvStream(xlsx),
            "tokens" => () => Tokens(xlsx),
            "openxml" => () => OpenXml(xlsx),
            "exceldatareader" => () => ExcelData(xlsx),
            "miniexcel" => () => Mini(xlsx),
            _ => throw new ArgumentException($"unknown mode '{mode}'; modes: {string.Join(", ", Modes)}"),
        };

        long check = read(); // warm-up (JIT, file cache)
        var times = new List<double>();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < reads; i++)
        {
            var watch = Stopwatch.StartNew();
            long again = read();
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (again != check)
            {
                throw new InvalidOperationException($"{mode}: read {i} gave {again}, the warm-up {check}");
            }
        }

        allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / reads;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        double median = times.Order().ElementAt(times.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {mode} | {median:N0} ms | {string.Join(", ", times.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))} | {allocated / 1e6:N1} MB | {process.PeakWorkingSet64 / 1e6:N0} MB | {check} |"));
    }

    private static ZipArchiveEntry SheetEntry(ZipArchive zip) => zip.GetEntry("xl/worksheets/sheet1.xml")!;

    private static long Inflate(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        using Stream sheet = SheetEntry(zip).Open();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = sheet.Read(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    private static long XmlOnly(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        using XmlReader xml = XmlReader.Create(SheetEntry(zip).Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        long elements = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element)
            {
                elements++;
            }
        }

        return elements;
    }

    private static Func<long> SheetCsv(string xlsx)
    {
        string path = Path.ChangeExtension(xlsx, ".sheet.csv");
        using (SheetStream sheet = SheetStream.Open(xlsx, null))
        using (FileStream file = File.Create(path))
        {
            sheet.CopyTo(file);
        }

        return () => NpsCsv.ReadTally(path, InUtc).Tally.Count;
    }

    private static Func<long> SheetCsvStream(string xlsx)
    {
        Func<long> file = SheetCsv(xlsx);
        string path = Path.ChangeExtension(xlsx, ".sheet.csv");
        return () =>
        {
            using FileStream stream = File.OpenRead(path);
            return NpsCsv.ReadTally(stream, InUtc, "sheet").Tally.Count;
        };
    }

    private static long Tokens(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        using var xml = new SheetXml(SheetEntry(zip).Open());
        long tokens = 0;
        while (xml.Next() != XmlToken.End)
        {
            tokens++;
        }

        return tokens;
    }

    private static long OwnCells(string path)
    {
        using SheetStream sheet = SheetStream.Open(path, null);
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = sheet.Read(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    /// <summary>OpenXmlReader over the first sheet: per cell its attributes (type, style) and its value's text; shared
    /// strings looked up in the table (read once); a date-styled number converted to a date.</summary>
    private static long OpenXml(string path)
    {
        using SpreadsheetDocument document = SpreadsheetDocument.Open(path, false);
        WorkbookPart book = document.WorkbookPart!;
        Sheet first = book.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)book.GetPartById(first.Id!.Value!);
        string[] shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        uint[] formats = book.WorkbookStylesPart?.Stylesheet.CellFormats?.Elements<CellFormat>().Select(f => f.NumberFormatId?.Value ?? 0).ToArray() ?? [];
        long sum = 0;
        using OpenXmlReader reader = OpenXmlReader.Create(part);
        string? type = null;
        int style = 0;
        int column = 0;
        while (reader.Read())
        {
            if (!reader.IsStartElement)
            {
                continue;
            }

            if (reader.ElementType == typeof(Row))
            {
                column = 0;
            }
            else if (reader.ElementType == typeof(Cell))
            {
                type = null;
                style = 0;
                foreach (OpenXmlAttribute attribute in reader.Attributes)
                {
                    if (attribute.LocalName == "t")
                    {
                        type = attribute.Value;
                    }
                    else if (attribute.LocalName == "s")
                    {
                        style = int.Parse(attribute.Value!, CultureInfo.InvariantCulture);
                    }
                }

                column++;
            }
            else if (reader.ElementType == typeof(CellValue))
            {
                string text = reader.GetText();
                object value = type switch
                {
                    "s" => shared[int.Parse(text, CultureInfo.InvariantCulture)],
                    "str" or "inlineStr" => text,
                    _ when style < formats.Length && formats[style] is >= 14 and <= 22 => DateTime.FromOADate(double.Parse(text, CultureInfo.InvariantCulture)),
                    _ => double.Parse(text, CultureInfo.InvariantCulture),
                };
                if (column == 3 && value is double score)
                {
                    sum += (long)score;
                }
            }
        }

        return sum;
    }

    private static long ExcelData(string path)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance); // ExcelDataReader asks for code page 1252
        using FileStream file = File.OpenRead(path);
        using IExcelDataReader reader = ExcelReaderFactory.CreateOpenXmlReader(file);
        long sum = 0;
        while (reader.Read())
        {
            for (int i = 0; i < reader.FieldCount; i++)
            {
                object? value = reader.GetValue(i);
                if (i == 2 && value is double score)
                {
                    sum += (long)score;
                }
            }
        }

        return sum;
    }

    private static long Mini(string path)
    {
        long sum = 0;
        foreach (IDictionary<string, object?> row in MiniExcelLibs.MiniExcel.Query(path).Cast<IDictionary<string, object?>>())
        {
            foreach (KeyValuePair<string, object?> cell in row)
            {
                if (cell.Key == "C" && cell.Value is double score)
                {
                    sum += (long)score;
                }
            }
        }

        return sum;
    }
}
