using System.Globalization;
using System.Text;
using MiniExcelLibs;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.TestUtilities;

namespace NpsKit.Excel.Tests;

/// <summary>
/// Issue #13: the corpus files of the tools that also export .xlsx (Microsoft Forms, Qualtrics, SurveyMonkey, Hotjar)
/// as workbooks — each CSV's fields written into a sheet's cells (whole numbers as number cells, Microsoft Forms' times as
/// the date cells its workbook has, the rest as text), header rows included — read by <see cref="NpsExcel"/> to the
/// counts and months the corpus script computed, in strict and lenient mode, with the layout detected as from the CSV.
/// </summary>
public sealed class SurveyCorpusWorkbookTests
{
    [Theory]
    [InlineData("microsoft-forms/microsoft_forms.csv", SurveySource.MicrosoftForms, 1)]
    [InlineData("qualtrics/qualtrics_numeric.csv", SurveySource.Qualtrics, 3)]
    [InlineData("surveymonkey/surveymonkey.csv", SurveySource.SurveyMonkey, 2)]
    [InlineData("hotjar/hotjar.csv", SurveySource.Hotjar, 1)]
    public void CorpusFile_AsAWorkbook_ReadsToTheExpectedTallyAndMonths_InBothModes(string name, SurveySource source, int headerRows)
    {
        SurveyCorpusFile file = SurveyCorpusFile.Named(name);
        string path = Workbook(Fields(File.ReadAllText(file.Path)), dateColumns: source == SurveySource.MicrosoftForms ? ["Start time", "Completion time"] : []);
        try
        {
            foreach (CsvReadMode mode in new[] { CsvReadMode.Strict, CsvReadMode.Lenient })
            {
                var options = new CsvReadOptions { Mode = mode, TimeZone = file.Zone.Length > 0 ? file.Zone : null };
                var aggregation = new AggregationOptions { Period = PeriodUnit.Month, TimeZoneId = file.Zone.Length > 0 ? file.Zone : "Etc/UTC", MinimumCount = 0 };
                CsvCubeResult result = NpsExcel.ReadCube(path, Segmentation.Total, aggregation, options);
                Assert.Equal(source, result.Report.SurveySource);
                Assert.Equal(headerRows, result.Report.HeaderRows);
                NpsTally total = result.Cube.Total;
                Assert.Equal((file.N, file.Promoters, file.Passives, file.Detractors), (total.Count, total.Promoters, total.Passives, total.Detractors));
                Assert.Equal(file.NonResponses, result.Report.NonResponses);
                Assert.Empty(result.Report.BadRows);
                Assert.Equal(file.Months, result.Cube.Periods.Where(p => result.Cube.Tally(p, default).Count > 0).Select(p => p.ToString()));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The records of a CSV text (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes).</summary>
    private static List<List<string>> Fields(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }

    /// <summary>A workbook of the records, every record a sheet row (no header row of MiniExcel's own): whole numbers
    /// as numbers, the named columns' US-written times as date cells, empty fields as empty cells, the rest as text.</summary>
    private static string Workbook(List<List<string>> records, string[] dateColumns)
    {
        int width = records.Max(r => r.Count);
        int[] dates = [.. dateColumns.Select(c => records[0].IndexOf(c))];
        var rows = records.Select((record, row) =>
        {
            var cells = new Dictionary<string, object?>();
            for (int i = 0; i < width; i++)
            {
                string value = i < record.Count ? record[i] : string.Empty;
                cells[$"c{i}"] = value.Length == 0 ? null
                    : row > 0 && dates.Contains(i) ? DateTime.Parse(value, CultureInfo.GetCultureInfo("en-US"))
                    : value.Length < 16 && value.All(char.IsAsciiDigit) && (value == "0" || value[0] != '0') ? long.Parse(value, CultureInfo.InvariantCulture)
                    : value;
            }

            return cells;
        }).ToList();
        string path = Path.Combine(Path.GetTempPath(), $"npskit-corpus-{Guid.NewGuid():N}.xlsx");
        MiniExcel.SaveAs(path, rows, printHeader: false);
        return path;
    }
}
