using static NpsKit.Csv.Tests.CsvTestHelpers;

namespace NpsKit.Csv.Tests;

/// <summary>Issue #13 priority 2: skipped questions, Excel's trailing empty rows, and the extra header rows of
/// Qualtrics and SurveyMonkey, which made the default strict mode throw.</summary>
public sealed class SurveyExportRowTests
{
    [Fact]
    public void BlankScore_IsANonResponse_CountedNotRejected_InStrictMode()
    {
        var result = Read("id,score,comment\nA,9,\nB,,no answer\nC,3,\n");
        Assert.Equal(NpsTally.FromScores([9, 3]), result.Tally);
        Assert.Equal(1, result.Report.NonResponses);
        Assert.Equal(3, result.Report.RowsRead);
        Assert.Equal(2, result.Report.RowsAccepted);
        Assert.Empty(result.Report.BadRows);
        Assert.Contains("1 without a score", result.Report.ToString());
    }

    [Fact]
    public void TrailingEmptyRows_AsExcelWritesThem_AreSkipped()
    {
        var result = Read("id,score,region\nA,9,North\nB,6,South\n,,\n,,\n , , \n");
        Assert.Equal(2, result.Tally.Count);
        Assert.Equal(3, result.Report.EmptyRows);
        Assert.Equal(0, result.Report.NonResponses);
        Assert.Equal(2, result.Report.RowsRead);
    }

    [Fact]
    public void QualtricsThreeHeaderRows_ReadInStrictMode_WithTheDeclaredTimeZone()
    {
        string text = string.Join('\n',
            "StartDate,EndDate,Status,RecordedDate,ResponseId,Q1,Q1_NPS_GROUP,Q2",
            "Start Date,End Date,Response Type,Recorded Date,Response ID,How likely are you to recommend Acme to a friend or colleague?,How likely are you to recommend Acme to a friend or colleague? - Group,Why?",
            string.Join(',', new[] { "startDate\",\"timeZone\":\"America/Denver", "endDate\",\"timeZone\":\"America/Denver", "status", "recordedDate\",\"timeZone\":\"America/Denver", "_recordId", "QID1", "QID1_NPS_GROUP", "QID2_TEXT" }
                .Select(id => "\"" + ("{\"ImportId\":\"" + id + "\"}").Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")),
            "2026-03-01 10:00:00,2026-03-01 10:05:00,IP Address,2026-03-01 10:05:01,R_1,10,Promoter,great",
            "2026-03-31 20:00:00,2026-03-31 20:05:00,IP Address,2026-03-31 23:05:01,R_2,3,Detractor,slow",
            "");
        var result = NpsCsv.ReadTable(new StringReader(text));
        IngestReport report = result.Report;
        Assert.Equal(SurveySource.Qualtrics, report.SurveySource);
        Assert.Equal(3, report.HeaderRows);
        Assert.Equal("America/Denver", report.TimeZone);
        Assert.Equal("Q1", report.Columns["score"]);
        Assert.Equal("RecordedDate", report.Columns["time"]);
        Assert.Equal("ResponseId", report.Columns["respondent"]);
        Assert.Equal(2, report.RowsAccepted);

        // 23:05 in Denver on 31 March is 05:05 UTC on 1 April.
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 5, 5, 1, TimeSpan.Zero).UtcTicks, result.Table.UtcTicks[1]);
    }

    [Fact]
    public void SurveyMonkeyTwoHeaderRows_ReadInStrictMode_ScoreFoundByQuestionText()
    {
        string text = string.Join('\n',
            "Respondent ID,Collector ID,Start Date,End Date,IP Address,How likely is it that you would recommend Acme to a friend or colleague?,What is the main reason for your score?",
            ",,,,,Response,Open-Ended Response",
            "114,431,03/01/2026 10:00:00 AM,03/01/2026 10:02:00 AM,10.0.0.1,9,fast",
            "115,431,03/14/2026 09:00:00 PM,03/14/2026 09:01:00 PM,10.0.0.2,4,slow",
            "");
        var result = NpsCsv.ReadTally(new StringReader(text), new CsvReadOptions { TimeZone = "America/New_York" });
        Assert.Equal(SurveySource.SurveyMonkey, result.Report.SurveySource);
        Assert.Equal(2, result.Report.HeaderRows);
        Assert.Equal(NpsTally.FromScores([9, 4]), result.Tally);
        Assert.Equal(DateOrder.MonthFirst, result.Report.DateOrder);
        Assert.StartsWith("How likely", result.Report.Columns["score"], StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderRowsOption_SkipsExactlyThatMany()
    {
        var result = Read("id,score\nIdentifier,Score 0-10\nA,9\n", new CsvReadOptions { HeaderRows = 2 });
        Assert.Equal(2, result.Report.HeaderRows);
        Assert.Equal(NpsTally.FromScores([9]), result.Tally);
        Assert.Equal("HeaderRows", Assert.Throws<InvalidOptionsException>(() => Read("id,score\nA,9\n", new CsvReadOptions { HeaderRows = 0 })).Problems.Single().Member);
    }

    [Theory]
    [InlineData("Hvor sandsynligt er det, at du vil anbefale os til en ven eller kollega?")]
    [InlineData("How likely are you to recommend us to a friend?")]
    [InlineData("Wie wahrscheinlich ist es, dass Sie uns einem Freund empfehlen?")]
    [InlineData("Quelle est la probabilité que vous recommandiez notre entreprise ?")]
    [InlineData("Hur sannolikt är det att du skulle rekommendera oss?")]
    public void RecommendQuestion_IsRecognisedByItsText(string question)
    {
        var result = Read($"\"{question}\",Segment\n10,A\n0,B\n");
        Assert.Equal(question, result.Report.Columns["score"]);
        Assert.Equal(0, result.Tally.Score);
    }

    [Fact]
    public void ScoreLabels_OnEitherSide_AreRead()
    {
        var result = Read("score\n10 - Extremely likely\n9 = Meget sandsynligt\nExtremely likely - 10\n0 - Not at all likely\nNot at all likely 0\n");
        Assert.Equal(NpsTally.FromScores([10, 9, 10, 0, 0]), result.Tally);
    }
}
