using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

/// <summary>Every file of the survey-tool corpus reads to the counts computed independently when it was written, in
/// strict and lenient mode, with nothing but the file (and the zone of its local times where it has no zone).</summary>
public sealed class SurveyCorpusTests
{
    public static TheoryData<string> Files => SurveyCorpusFile.Names();

    [Theory]
    [MemberData(nameof(Files))]
    public void CorpusFile_ReadsToTheExpectedTallyAndMonths_InBothModes(string name)
    {
        SurveyCorpusFile file = SurveyCorpusFile.Named(name);
        foreach (CsvReadMode mode in new[] { CsvReadMode.Strict, CsvReadMode.Lenient })
        {
            var options = new CsvReadOptions { Mode = mode, TimeZone = file.Zone.Length > 0 ? file.Zone : null };
            var aggregation = new AggregationOptions { Period = PeriodUnit.Month, TimeZoneId = file.Zone.Length > 0 ? file.Zone : "Etc/UTC", MinimumCount = 0 };
            CsvCubeResult result = NpsCsv.ReadCube(file.Path, Segmentation.Total, aggregation, options);
            NpsTally total = result.Cube.Total;
            Assert.Equal(file.N, total.Count);
            Assert.Equal(file.Promoters, total.Promoters);
            Assert.Equal(file.Passives, total.Passives);
            Assert.Equal(file.Detractors, total.Detractors);
            Assert.Equal(file.NonResponses, result.Report.NonResponses);
            Assert.Empty(result.Report.BadRows);
            string[] months = [.. result.Cube.Periods.Where(p => result.Cube.Tally(p, default).Count > 0).Select(p => p.ToString())];
            Assert.Equal(file.Months, months);
        }
    }

    [Theory]
    [InlineData("qualtrics/qualtrics_numeric.csv", SurveySource.Qualtrics, 3)]
    [InlineData("surveymonkey/surveymonkey.csv", SurveySource.SurveyMonkey, 2)]
    [InlineData("delighted/delighted.csv", SurveySource.Delighted, 1)]
    [InlineData("typeform/typeform.csv", SurveySource.Typeform, 1)]
    [InlineData("google-forms/google_forms.csv", SurveySource.GoogleForms, 1)]
    [InlineData("microsoft-forms/microsoft_forms.csv", SurveySource.MicrosoftForms, 1)]
    [InlineData("medallia/medallia.csv", SurveySource.Medallia, 1)]
    [InlineData("zendesk/zendesk.csv", SurveySource.Zendesk, 1)]
    [InlineData("asknicely/asknicely.csv", SurveySource.AskNicely, 1)]
    [InlineData("hotjar/hotjar.csv", SurveySource.Hotjar, 1)]
    [InlineData("excel-danish/danish_excel.csv", SurveySource.Generic, 1)]
    public void CorpusFile_LayoutIsDetected_AndCanBeNamed(string name, SurveySource source, int headerRows)
    {
        SurveyCorpusFile file = SurveyCorpusFile.Named(name);
        var options = new CsvReadOptions { TimeZone = file.Zone.Length > 0 ? file.Zone : null };
        IngestReport detected = NpsCsv.ReadTally(file.Path, options).Report;
        Assert.Equal(source, detected.SurveySource);
        Assert.Equal(headerRows, detected.HeaderRows);
        CsvTallyResult named = NpsCsv.ReadTally(file.Path, options with { Source = source });
        Assert.Equal(file.N, named.Tally.Count);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void CorpusFile_ItsFolderReadme_SaysWhereTheLayoutComesFrom_AndTheExpectedCounts(string name)
    {
        SurveyCorpusFile file = SurveyCorpusFile.Named(name);
        string readme = Path.Combine(Path.GetDirectoryName(file.Path)!, "README.md");
        Assert.True(File.Exists(readme), $"{readme} is missing");
        string text = File.ReadAllText(readme);
        Assert.Contains("## Where the layout comes from", text, StringComparison.Ordinal);
        Assert.Contains($"`{Path.GetFileName(file.File)}`", text, StringComparison.Ordinal);
        Assert.Contains($"n {file.N},", text, StringComparison.Ordinal);
        Assert.Contains($"{file.Promoters} / {file.Passives} / {file.Detractors}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DanishExcelFile_ReportsEverythingItDetected()
    {
        SurveyCorpusFile file = SurveyCorpusFile.Named("excel-danish/danish_excel.csv");
        IngestReport report = NpsCsv.ReadTally(file.Path, new CsvReadOptions { TimeZone = file.Zone }).Report;
        Assert.Equal("windows-1252", report.Encoding);
        Assert.Equal(';', report.Delimiter);
        Assert.Equal(DateOrder.DayFirst, report.DateOrder);
        Assert.Equal(3, report.EmptyRows);
        Assert.StartsWith("Hvor sandsynligt", report.Columns["score"], StringComparison.Ordinal);
        var table = NpsCsv.ReadTable(file.Path, new CsvReadOptions { TimeZone = file.Zone }).Table;
        Assert.Contains("København", table.SegmentValues("By"));
        Assert.DoesNotContain(table.SegmentValues("By"), v => v.Contains('\uFFFD'));
    }

    /// <summary>The corpus file whose exporter never quotes: <c>Sa"les</c>, <c>5" screens</c> and unquoted
    /// <c>=HYPERLINK("…","…")</c> links are read literally in strict mode, as segments, and the links are neutralised when
    /// written out.</summary>
    [Fact]
    public void UnquotedQuotesFile_ReadsItsFieldsLiterally_AndNeutralisesTheFormulasOnOutput()
    {
        SurveyCorpusFile file = SurveyCorpusFile.Named("unquoted-quotes/unquoted_quotes.csv");
        var aggregation = new AggregationOptions { TimeZoneId = "Etc/UTC", MinimumCount = 0 };
        CsvCubeResult teams = NpsCsv.ReadCube(file.Path, Segmentation.By("team"), aggregation);
        Assert.Equal(["team=5\" screens", "team=Onboarding", "team=Sa\"les", "team=Support"], teams.Cube.Segments.Select(s => s.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(file.N, teams.Cube.Total.Count);

        CsvCubeResult links = NpsCsv.ReadCube(file.Path, Segmentation.By("link"), aggregation);
        Assert.Contains("link==HYPERLINK(\"https://example.com/r/0\",\"open 0\")", links.Cube.Segments.Select(s => s.ToString()));
        var output = new StringWriter();
        NpsCsv.WriteCube(output, links.Cube);
        string written = output.ToString();
        Assert.Contains("HYPERLINK", written, StringComparison.Ordinal);
        Assert.DoesNotMatch("(^|[,\n])\"?=HYPERLINK", written.Replace("\r", string.Empty, StringComparison.Ordinal));
    }
}
