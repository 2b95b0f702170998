using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using NpsKit.Csv;
using NpsKit.Excel.Internal;

namespace NpsKit.Excel.Tests;

/// <summary>NpsKit.Excel's own sheet reader on workbooks as Excel itself writes them (not only as MiniExcel writes them):
/// shared strings with rich-text runs and phonetic guides, inline strings, formulas' cached values, booleans, built-in
/// and custom date formats, sparse cells, and skipped row numbers.</summary>
public sealed class SheetReaderTests
{
    internal const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook of one sheet named <c>Survey</c> with the given sheet data and shared strings.</summary>
    internal static string ExcelWorkbook(string sheetData, string[] sharedStrings, string? numFmts = null, string cellXfs = "<xf numFmtId=\"0\"/>", string workbookPr = "", string? sheetXml = null, Encoding? sheetEncoding = null)
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-{Guid.NewGuid():N}.xlsx");
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            void Part(string name, string xml, Encoding? encoding = null)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), encoding ?? new UTF8Encoding(false));
                writer.Write($"<?xml version=\"1.0\" encoding=\"{(encoding ?? Encoding.UTF8).WebName}\" standalone=\"yes\"?>\n" + xml);
            }

            Part("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Part("xl/workbook.xml", $"<workbook xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">{workbookPr}<sheets><sheet name=\"Survey\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Part("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>");
            Part("xl/sharedStrings.xml", $"<sst xmlns=\"{Main}\" count=\"{sharedStrings.Length}\">{string.Concat(sharedStrings)}</sst>");
            Part("xl/styles.xml", $"<styleSheet xmlns=\"{Main}\">{(numFmts is null ? string.Empty : $"<numFmts>{numFmts}</numFmts>")}<cellXfs>{cellXfs}</cellXfs></styleSheet>");
            Part("xl/worksheets/sheet1.xml", sheetXml ?? $"<worksheet xmlns=\"{Main}\"><sheetData>{sheetData}</sheetData></worksheet>", sheetEncoding);
        }

        return path;
    }

    internal static string Csv(string path)
    {
        using SheetStream stream = SheetStream.Open(path, null);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Fact]
    public void ExcelWrittenWorkbook_EveryKindOfCell_BecomesTheCsvText()
    {
        string path = ExcelWorkbook(
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"inlineStr\"><is><t>happy</t></is></c><c r=\"E1\" t=\"s\"><v>5</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>46095.5</v></c><c r=\"B2\"><v>10</v></c><c r=\"C2\" t=\"s\"><v>3</v></c><c r=\"D2\" t=\"b\"><v>1</v></c><c r=\"E2\" t=\"str\"><f>A1&amp;\"x\"</f><v>a,b</v></c></row>"
            + "<row r=\"4\"><c r=\"A4\" s=\"2\"><v>46096</v></c><c r=\"B4\"><v>7</v></c><c r=\"D4\" t=\"inlineStr\"><is><r><t>Sa\"</t></r><r><t xml:space=\"preserve\">les </t></r></is></c></row>",
            [
                "<si><t>submitted</t></si>",
                "<si><t>score</t></si>",
                "<si><r><t>de</t></r><r><rPr><b/></rPr><t>partment</t></r><rPh sb=\"0\" eb=\"1\"><t>ブ</t></rPh></si>",
                "<si><t>København</t></si>",
                "<si><t/></si>",
                "<si><t>comment</t></si>",
            ],
            numFmts: "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\\ hh:mm\"/>",
            cellXfs: "<xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/>");

        Assert.Equal(
            "submitted,score,department,happy,comment\n"
            + "2026-03-14T12:00:00,10,København,true,\"a,b\"\n"
            + ",,,,\n" // row 3 is not in the sheet: a blank line keeps each record's line its sheet row
            + "2026-03-15,7,,\"Sa\"\"les \",\n",
            Csv(path));
    }

    /// <summary>A workbook in the 1904 date system (Excel for Mac's default until 2011) stores 2026-03-14 12:00 as
    /// 44633.5, not 46095.5: read with the 1900 epoch every date lands four years and a day early.</summary>
    [Theory]
    [InlineData("<workbookPr date1904=\"1\"/>", "44633.5")]
    [InlineData("<workbookPr date1904=\"true\"/>", "44633.5")]
    [InlineData("<workbookPr date1904=\"0\"/>", "46095.5")]
    [InlineData("", "46095.5")]
    public void DateSystem1904_IsReadFromTheWorkbook(string workbookPr, string serial)
    {
        string path = ExcelWorkbook(
            $"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>{serial}</v></c></row>",
            ["<si><t>submitted</t></si>"],
            cellXfs: "<xf numFmtId=\"0\"/><xf numFmtId=\"22\"/>",
            workbookPr: workbookPr);

        Assert.Equal("submitted\n2026-03-14T12:00:00\n", Csv(path));
    }

    [Fact]
    public void ExcelWrittenWorkbook_ReadsThroughTheCsvRules_WithSheetRowsAsLines()
    {
        string path = ExcelWorkbook(
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\"><v>9</v></c><c r=\"B2\" s=\"1\"><v>46095.25</v></c></row>"
            + "<row r=\"5\"><c r=\"A5\"><v>11</v></c><c r=\"B5\" s=\"1\"><v>46096</v></c></row>",
            ["<si><t>score</t></si>", "<si><t>submitted_at</t></si>"],
            cellXfs: "<xf numFmtId=\"0\"/><xf numFmtId=\"22\"/>");

        CsvTallyResult result = NpsExcel.ReadTally(path, new CsvReadOptions { TimeZone = "Etc/UTC", Mode = CsvReadMode.Lenient });
        Assert.Equal(NpsTally.FromScores([9]), result.Tally);
        Assert.Equal(5, Assert.Single(result.Report.BadRows).LineNumber);
        Assert.Equal(2, result.Report.EmptyRows);
    }

    [Fact]
    public void BrokenWorkbooks_AreNamed_NotCrashes()
    {
        string badIndex = ExcelWorkbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>", ["<si><t>score</t></si>"]);
        Assert.Contains("shared string 7 does not exist", Assert.Throws<NpsDataException>(() => NpsExcel.ReadTally(badIndex)).Message, StringComparison.Ordinal);

        string badXml = ExcelWorkbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></row>", ["<si><t>score</t></si>"]);
        Assert.Contains("the workbook cannot be read", Assert.Throws<NpsDataException>(() => NpsExcel.ReadTally(badXml)).Message, StringComparison.Ordinal);

        string truncated = Path.Combine(Path.GetTempPath(), $"npskit-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(truncated, File.ReadAllBytes(badIndex)[..100]);
        Assert.Contains("cannot be read", Assert.Throws<NpsDataException>(() => NpsExcel.ReadTally(truncated)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yyyy-mm-dd", true)]
    [InlineData("dd/mm/yyyy\\ hh:mm", true)]
    [InlineData("[h]:mm:ss", true)]
    [InlineData("[$-409]mmmm d, yyyy;@", true)]
    [InlineData("0.00", false)]
    [InlineData("General", false)]
    [InlineData("0.0\" days\"", false)]
    [InlineData("[Red]0;[Blue]-0", false)]
    [InlineData("#,##0 [$€-407]", false)]
    public void NumberFormats_AreDatesWhenTheyHaveADateOrTimePart(string code, bool date) =>
        Assert.Equal(date, XlsxWorkbook.IsDateFormat(code));

    /// <summary>Issue #13: the .xlsx read allocated about 10.7 KB per row (MiniExcel's dictionary and boxed cells per row);
    /// the own reader's per-row allocation is small and the same at ten times the rows.</summary>
    [Fact]
    public void Allocation_PerRow_IsSmall_AndDoesNotGrowWithTheRows()
    {
        string small = SurveyWorkbook(10_000);
        string large = SurveyWorkbook(100_000);
        var options = new CsvReadOptions { TimeZone = "Etc/UTC" };
        NpsExcel.ReadTally(small, options); // warm up

        long Allocated(string path)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.True(NpsExcel.ReadTally(path, options).Tally.Count > 0);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long a = Allocated(small);
        long b = Allocated(large);
        double perRow = (b - a) / 90_000.0;
        Assert.True(perRow < 1_500, $"{perRow:F0} bytes allocated per row (10k rows: {a:N0} bytes, 100k: {b:N0}); MiniExcel's path took about 10 700");
        Assert.True(b < 1_500L * 100_000 + (4 << 20), $"100k rows allocated {b:N0} bytes");
    }

    /// <summary>A workbook of <paramref name="rows"/> survey rows (respondent, date cell, score, two segments), written once per size.</summary>
    internal static string SurveyWorkbook(int rows)
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-excel-tests-{rows}.xlsx");
        if (File.Exists(path))
        {
            return path;
        }

        var start = new DateTime(2026, 1, 1);
        IEnumerable<Dictionary<string, object>> Rows()
        {
            for (int i = 0; i < rows; i++)
            {
                yield return new Dictionary<string, object>
                {
                    ["respondent_id"] = $"R{i:D9}",
                    ["submitted_at"] = start.AddMinutes(i % 500_000),
                    ["score"] = i % 11,
                    ["department"] = (i % 3) switch { 0 => "Sales", 1 => "Support", _ => "Engineering" },
                    ["region"] = (i % 2) == 0 ? "North" : "South",
                };
            }
        }

        string temp = $"{path}.{Guid.NewGuid():N}.xlsx";
        MiniExcel.SaveAs(temp, Rows());
        File.Move(temp, path, overwrite: true);
        return path;
    }
}

/// <summary>Whole-heap measurements: run alone, because another test allocating at the same time would be counted.</summary>
[CollectionDefinition(nameof(HeapMeasurementCollection), DisableParallelization = true)]
public sealed class HeapMeasurementCollection;

[Collection(nameof(HeapMeasurementCollection))]
public sealed class SheetReaderHeapTests
{
    /// <summary>Issue #13: a .xlsx read streams — the live heap while reading (sampled at every progress report, after a
    /// full collection) is the same after 16 384 rows as after 147 456: what is held does not grow with the rows.</summary>
    [Fact]
    public void LiveHeap_WhileReading_DoesNotGrowWithTheRows()
    {
        string path = SheetReaderTests.SurveyWorkbook(150_000);
        var samples = new List<(long Rows, long Heap)>();
        var progress = new SynchronousProgress(p => samples.Add((p.RowsRead, GC.GetTotalMemory(forceFullCollection: true))));
        CsvTallyResult result = NpsExcel.ReadTally(path, new CsvReadOptions { TimeZone = "Etc/UTC", Progress = progress });

        Assert.Equal(150_000, result.Tally.Count);
        Assert.True(samples.Count >= 9, $"{samples.Count} progress reports");
        (long firstRows, long first) = samples[0];
        (long lastRows, long last) = samples[^2]; // the last report is the final one, after the read
        Assert.True(last - first < 1 << 20, $"the live heap grew by {last - first:N0} bytes from row {firstRows:N0} ({first:N0}) to row {lastRows:N0} ({last:N0})");
    }

    private sealed class SynchronousProgress(Action<CsvProgress> report) : IProgress<CsvProgress>
    {
        public void Report(CsvProgress value) => report(value);
    }
}
