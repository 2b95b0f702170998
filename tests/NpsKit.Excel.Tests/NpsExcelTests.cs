using System.Globalization;
using System.Text;
using FsCheck.Fluent;
using MiniExcelLibs;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.TestUtilities;

namespace NpsKit.Excel.Tests;

public sealed class NpsExcelTests
{
    private static readonly AggregationOptions Monthly = new() { Period = PeriodUnit.Month, TimeZoneId = "Europe/Copenhagen", MinimumCount = 0 };

    private static string Workbook(IEnumerable<Dictionary<string, object?>> rows, string sheet = "Sheet1")
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-{Guid.NewGuid():N}.xlsx");
        MiniExcel.SaveAs(path, rows.ToList(), sheetName: sheet);
        return path;
    }

    [Fact]
    public void MicrosoftFormsWorkbook_WithDateCells_ReadsThroughTheCsvRules()
    {
        string path = Workbook(
        [
            new() { ["ID"] = 1, ["Start time"] = new DateTime(2026, 3, 14, 9, 10, 0), ["Completion time"] = new DateTime(2026, 3, 14, 9, 12, 33), ["Email"] = "anonymous", ["How likely are you to recommend Contoso?"] = 10, ["Department"] = "Sales" },
            new() { ["ID"] = 2, ["Start time"] = new DateTime(2026, 4, 1, 8, 0, 0), ["Completion time"] = new DateTime(2026, 4, 1, 8, 1, 0), ["Email"] = "anonymous", ["How likely are you to recommend Contoso?"] = 3, ["Department"] = "Support, EMEA" },
            new() { ["ID"] = 3, ["Start time"] = new DateTime(2026, 4, 2, 8, 0, 0), ["Completion time"] = new DateTime(2026, 4, 2, 8, 1, 0), ["Email"] = "anonymous", ["How likely are you to recommend Contoso?"] = null, ["Department"] = "Sales" },
        ]);
        CsvCubeResult result = NpsExcel.ReadCube(path, Segmentation.By("Department"), Monthly, new CsvReadOptions { TimeZone = "Europe/Copenhagen" });
        Assert.Equal(SurveySource.MicrosoftForms, result.Report.SurveySource);
        Assert.Equal("Completion time", result.Report.Columns["time"]);
        Assert.Equal(2, result.Cube.Total.Count);
        Assert.Equal(1, result.Report.NonResponses);
        Assert.Equal(["2026-03", "2026-04"], result.Cube.Periods.Select(p => p.ToString()));
        Assert.Contains(result.Cube.Segments, s => s.ToString().Contains("Support, EMEA", StringComparison.Ordinal));
    }

    [Fact]
    public void BadRow_IsReportedWithItsSheetRow_InBothModes()
    {
        string path = Workbook(
        [
            new() { ["score"] = 9, ["submitted_at"] = "2026-03-01T10:00:00Z" },
            new() { ["score"] = 11, ["submitted_at"] = "2026-03-02T10:00:00Z" },
            new() { ["score"] = 7, ["submitted_at"] = "2026-03-03T10:00:00Z" },
        ]);
        var ex = Assert.Throws<NpsDataException>(() => NpsExcel.ReadTally(path));
        Assert.Equal(3, ex.BadRow!.LineNumber);
        CsvTallyResult lenient = NpsExcel.ReadTally(path, new CsvReadOptions { Mode = CsvReadMode.Lenient });
        Assert.Equal(NpsTally.FromScores([9, 7]), lenient.Tally);
        Assert.Equal(BadRowReason.ScoreOutOfRange, Assert.Single(lenient.Report.BadRows).Reason);
    }

    [Fact]
    public void NamedSheet_IsRead_AndAMissingOneListsTheSheets()
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-{Guid.NewGuid():N}.xlsx");
        var sheets = new Dictionary<string, object>
        {
            ["Info"] = new[] { new Dictionary<string, object> { ["note"] = "exported" } },
            ["Responses"] = new[] { new Dictionary<string, object> { ["score"] = 10 }, new Dictionary<string, object> { ["score"] = 0 } },
        };
        MiniExcel.SaveAs(path, sheets);
        Assert.Equal(["Info", "Responses"], NpsExcel.SheetNames(path));
        Assert.Equal(NpsTally.FromScores([10, 0]), NpsExcel.ReadTally(path, sheet: "Responses").Tally);
        var ex = Assert.Throws<NpsDataException>(() => NpsExcel.ReadTally(path, sheet: "Answers"));
        Assert.Contains("'Info', 'Responses'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvGivenAsWorkbook_IsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-{Guid.NewGuid():N}.xlsx");
        File.WriteAllText(path, "score\n9\n");
        Assert.Contains("not an .xlsx workbook", Assert.Throws<NpsDataException>(() => NpsExcel.ReadTally(path)).Message, StringComparison.Ordinal);
    }

    /// <summary>Property: any valid response table, written as .xlsx (date cells) and as CSV (ISO 8601 local times),
    /// reads back to the same tally and the same cube.</summary>
    [Fact]
    public void AnyTable_AsXlsxAndAsCsv_ReadsToTheSameTallyAndCube() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(1, 60).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Zip(Gen.Choose(0, 10), Gen.Choose(0, 400 * 24)), Gen.Elements("North", "South", "Øst, Vest", "\"Q\"")).Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2)), n))), rows =>
        {
            var start = new DateTime(2025, 11, 1);
            var records = rows.Select((r, i) => new Dictionary<string, object?>
            {
                ["respondent"] = $"R{i}",
                ["submitted_at"] = start.AddHours(r.Item2),
                ["score"] = r.Item1,
                ["region"] = r.Item3,
            }).ToList();
            string xlsx = Workbook(records);
            var csv = new StringBuilder("respondent,submitted_at,score,region\n");
            foreach (var r in records)
            {
                string region = (string)r["region"]!;
                csv.Append(CultureInfo.InvariantCulture, $"{r["respondent"]},{(DateTime)r["submitted_at"]!:yyyy-MM-ddTHH:mm:ss},{r["score"]},\"{region.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
            }

            var options = new CsvReadOptions { TimeZone = "Europe/Copenhagen" };
            NpsCube fromXlsx = NpsExcel.ReadCube(xlsx, Segmentation.By("region"), Monthly, options).Cube;
            NpsCube fromCsv = NpsCsv.ReadCube(new StringReader(csv.ToString()), Segmentation.By("region"), Monthly, options).Cube;
            File.Delete(xlsx);
            bool same = fromXlsx.Total == fromCsv.Total
                && fromXlsx.Periods.SequenceEqual(fromCsv.Periods)
                && fromXlsx.Cells().Select(c => (c.Period, c.Segment.ToString(), c.Tally)).SequenceEqual(fromCsv.Cells().Select(c => (c.Period, c.Segment.ToString(), c.Tally)));
            return same;
        }), maxTest: 25);
}
