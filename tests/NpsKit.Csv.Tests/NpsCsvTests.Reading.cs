using System.Globalization;
using System.Text;
using static NpsKit.Csv.Tests.CsvTestHelpers;

namespace NpsKit.Csv.Tests;

public partial class NpsCsvTests
{
    [Fact]
    public void ReadTally_SimpleFile_CountsEveryRowAndDetectsColumns()
    {
        var result = Read("respondent_id,submitted_at,score,region\nC1,2026-03-01T10:00:00Z,10,North\nC2,2026-03-02T10:00:00Z,6,South\nC3,2026-03-03T10:00:00+01:00,8,North\n");
        Assert.Equal(NpsTally.FromScores([10, 6, 8]), result.Tally);
        Assert.Null(result.Weighted);
        IngestReport r = result.Report;
        Assert.Equal(3, r.RowsRead);
        Assert.Equal(3, r.RowsAccepted);
        Assert.Equal(0, r.RowsRejected);
        Assert.Equal(',', r.Delimiter);
        Assert.Equal("score", r.Columns["score"]);
        Assert.Equal("submitted_at", r.Columns["time"]);
        Assert.Equal("respondent_id", r.Columns["respondent"]);
        Assert.Equal(["region"], r.SegmentColumns);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    [InlineData(',')]
    public void ReadTally_DelimiterNotGiven_IsDetected(char delimiter)
    {
        string text = string.Join(delimiter, "score", "team") + "\n" + string.Join(delimiter, "9", "A") + "\n" + string.Join(delimiter, "3", "B") + "\n";
        var result = Read(text);
        Assert.Equal(delimiter, result.Report.Delimiter);
        Assert.Equal(NpsTally.FromScores([9, 3]), result.Tally);
    }

    [Fact]
    public void ReadTally_DanishExcelExport_SemicolonsDecimalCommasLocalTimes()
    {
        // Excel in da-DK: ';' delimiter, decimal commas in weights, dd-MM-yyyy HH:mm local times.
        string text = "Respondent;Dato;Score;Vægt;Afdeling\nA1;14-03-2026 09:12;10;1,5;Salg\nA2;15-03-2026 18:00;4;0,5;Support\n";
        var options = new CsvReadOptions
        {
            Culture = new CultureInfo("da-DK"),
            TimeZone = "Europe/Copenhagen",
            Mapping = new CsvResponseMapping { Time = "Dato", Weight = "Vægt" },
        };
        var result = Read(text, options);
        Assert.Equal(NpsTally.FromScores([10, 4]), result.Tally);
        Assert.NotNull(result.Weighted);
        Assert.Equal(2.0, result.Weighted.Value.SumOfWeights, 12);
        Assert.Equal(100.0 * (1.5 - 0.5) / 2.0, result.Weighted.Value.Score, 12);
        Assert.Equal(["Afdeling"], result.Report.SegmentColumns);
    }

    [Fact]
    public void ReadTally_Utf8Bom_HeaderStillDetected()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("score,team\n9,A\n")];
        Assert.Equal(NpsTally.FromScores([9]), ReadBytes(bytes).Tally);
    }

    [Fact]
    public void ReadTally_Utf16WithBom_IsTranscoded()
    {
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("score,city\n10,Århus\n7,Ørsted\n")];
        var result = ReadBytes(bytes);
        Assert.Equal(NpsTally.FromScores([10, 7]), result.Tally);
    }

    [Fact]
    public void ReadTally_Latin1WhenAsked_ReadsNonAsciiLabels()
    {
        byte[] bytes = Encoding.Latin1.GetBytes("score,city\n9 - Meget sandsynligt,Århus\n");
        var result = ReadBytes(bytes, new CsvReadOptions { Encoding = Encoding.Latin1 });
        Assert.Equal(NpsTally.FromScores([9]), result.Tally);
    }

    [Theory]
    [InlineData("10 - Extremely likely", 10)]
    [InlineData("0 - Not at all likely", 0)]
    [InlineData("9 (promoter)", 9)]
    [InlineData("7: fine", 7)]
    [InlineData(" 8 ", 8)]
    [InlineData("9.0", 9)]
    [InlineData("010", 10)]
    [InlineData("+5", 5)]
    public void ReadTally_ScoreLabelsAndForms_AreRead(string field, int expected)
    {
        var result = Read($"score,x\n\"{field}\",a\n");
        Assert.Equal(NpsTally.FromScores([expected]), result.Tally);
    }

    [Theory]
    [InlineData("11", BadRowReason.ScoreOutOfRange)]
    [InlineData("-1", BadRowReason.ScoreOutOfRange)]
    [InlineData("99999999999999", BadRowReason.ScoreOutOfRange)]
    [InlineData("7.5", BadRowReason.ScoreNotAnInteger)]
    [InlineData("\"7,5\"", BadRowReason.ScoreNotAnInteger)]
    [InlineData("abc", BadRowReason.ScoreNotANumber)]
    [InlineData("1e1", BadRowReason.ScoreNotANumber)]
    [InlineData("10abc", BadRowReason.ScoreNotANumber)]
    [InlineData("Extremely likely", BadRowReason.ScoreNotANumber)]
    public void ReadTally_BadScore_LenientReportsLineColumnValueReason(string field, BadRowReason reason)
    {
        var result = Read($"id,score\nA,9\nB,{field}\nC,3\n", Lenient);
        Assert.Equal(NpsTally.FromScores([9, 3]), result.Tally);
        BadRow bad = Assert.Single(result.Report.BadRows);
        Assert.Equal(3, bad.LineNumber);
        Assert.Equal("score", bad.Column);
        Assert.Equal(field.Trim('"'), bad.RawValue);
        Assert.Equal(reason, bad.Reason);
        Assert.Contains("0 to 10", bad.Allowed);
        Assert.Equal(1, result.Report.RejectedByReason[reason]);
        Assert.Equal(3, result.Report.RowsRead);
        Assert.Equal(2, result.Report.RowsAccepted);
    }

    [Fact]
    public void ReadTally_BadScore_StrictThrowsWithTheRow()
    {
        var ex = Assert.Throws<NpsDataException>(() => Read("id,score\nA,9\nB,11\nC,12\n"));
        Assert.NotNull(ex.BadRow);
        Assert.Equal(3, ex.BadRow.LineNumber);
        Assert.Equal(BadRowReason.ScoreOutOfRange, ex.BadRow.Reason);
        Assert.Contains("test.csv line 3, column 'score': \"11\"", ex.Message);
    }

    [Fact]
    public void ReadTally_RawValuesWithheld_ReportsAndMessagesHaveNoValues()
    {
        var options = new CsvReadOptions { IncludeRawValues = false };
        var ex = Assert.Throws<NpsDataException>(() => Read("id,score\nsecret-person,11\n", options));
        Assert.DoesNotContain("11", ex.Message.Replace("line 2", string.Empty, StringComparison.Ordinal).Replace("0 to 10", string.Empty, StringComparison.Ordinal));
        Assert.Null(ex.BadRow!.RawValue);
        var lenient = Read("id,score\nsecret-person,11\n", options with { Mode = CsvReadMode.Lenient });
        Assert.Null(Assert.Single(lenient.Report.BadRows).RawValue);
    }

    [Theory]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2026-03-01T25:00:00Z")]
    [InlineData("yesterday")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2026-03-01T10:00:00+15:00")]
    public void ReadTally_UnparsableTime_IsABadRow(string time)
    {
        var result = Read($"score,submitted_at\n9,2026-03-01T10:00:00Z\n9,{time}\n", Lenient);
        BadRow bad = Assert.Single(result.Report.BadRows);
        Assert.Equal(BadRowReason.TimeUnparsable, bad.Reason);
        Assert.Equal("submitted_at", bad.Column);
    }

    [Fact]
    public void ReadTally_TimesAcrossFormats_AllAccepted()
    {
        string text = "score,submitted_at\n9,2026-03-01T10:00:00Z\n9,2026-03-01 10:00:00+01:00\n9,2026-03-01T10:00:00.1234567-05:00\n9,2024-02-29T23:59:59+0200\n9,2026-03-01T10:00+01\n";
        Assert.Equal(5, Read(text).Report.RowsAccepted);
    }

    [Fact]
    public void ReadTally_LocalTimeWithoutZone_IsABadRowThatSaysHowToFix()
    {
        var result = Read("score,submitted_at\n9,2026-03-01 10:00\n", Lenient);
        BadRow bad = Assert.Single(result.Report.BadRows);
        Assert.Equal(BadRowReason.TimeWithoutZone, bad.Reason);
        Assert.Contains("TimeZone", bad.Allowed);
    }

    [Fact]
    public void ReadTally_EmptyFile_ThrowsInBothModes()
    {
        Assert.Contains("empty", Assert.Throws<NpsDataException>(() => Read(string.Empty)).Message);
        Assert.Throws<NpsDataException>(() => Read(string.Empty, Lenient));
    }

    [Fact]
    public void ReadTally_HeaderOnly_IsAnEmptyResult()
    {
        var result = Read("respondent,score\n");
        Assert.Equal(NpsTally.Empty, result.Tally);
        Assert.Equal(0, result.Report.RowsRead);
    }

    [Fact]
    public void ReadTally_NoScoreColumn_NamesWhatWasFoundAndHowToFix()
    {
        var ex = Assert.Throws<NpsDataException>(() => Read("id,value\nA,9\n"));
        Assert.Contains("has no score column", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'id', 'value'", ex.Message);
        Assert.Contains("Mapping.Score", ex.Message);
        Assert.Null(ex.BadRow);
    }

    [Fact]
    public void ReadTally_WrongDelimiterGiven_MessageSuggestsTheRightOne()
    {
        var ex = Assert.Throws<NpsDataException>(() => Read("id;score\nA;9\n", new CsvReadOptions { Delimiter = ',' }));
        Assert.Contains("delimited by ';'", ex.Message);
    }

    [Fact]
    public void ReadTally_MappedColumnMissing_Throws()
    {
        var ex = Assert.Throws<NpsDataException>(() => Read("id,score\nA,9\n", new CsvReadOptions { Mapping = new CsvResponseMapping { Time = "when" } }));
        Assert.Contains("'when'", ex.Message);
    }

    [Fact]
    public void ReadTally_ExplicitSegments_OtherColumnsIgnoredAndListed()
    {
        var result = Read("score,region,team,notes2\n9,N,A,x\n", new CsvReadOptions { Mapping = new CsvResponseMapping { Segments = ["team"] } });
        Assert.Equal(["team"], result.Report.SegmentColumns);
        Assert.Equal(["region", "notes2"], result.Report.IgnoredColumns);
    }

    [Fact]
    public void ReadTally_ExtraOrMissingFields_AreFieldCountMismatches()
    {
        var result = Read("id,score,team\nA,9,x\nB,9,x,EXTRA\nC,5\nD,3,y\n", Lenient);
        Assert.Equal(NpsTally.FromScores([9, 3]), result.Tally);
        Assert.Equal([3L, 4L], result.Report.BadRows.Select(b => b.LineNumber));
        Assert.All(result.Report.BadRows, b => Assert.Equal(BadRowReason.FieldCountMismatch, b.Reason));
        var ex = Assert.Throws<NpsDataException>(() => Read("id,score,team\nA,9,x\nB,9,x,EXTRA\n"));
        Assert.Equal(3, ex.BadRow!.LineNumber);
    }

    [Fact]
    public void ReadTally_QuotedFieldsWithNewlines_AreOneRowAndLineNumbersStayRight()
    {
        var result = Read("id,score,comment\nA,9,\"line one\nline two\"\nB,11,x\n", Lenient);
        Assert.Equal(NpsTally.FromScores([9]), result.Tally);
        Assert.Equal(4, Assert.Single(result.Report.BadRows).LineNumber);
    }

    [Fact]
    public void ReadTally_TruncatedLastLineAndMixedLineEndings_AllRowsRead()
    {
        var result = Read("id,score\r\nA,9\nB,3\r\nC,10");
        Assert.Equal(NpsTally.FromScores([9, 3, 10]), result.Tally);
    }

    [Fact]
    public void ReadTally_UnterminatedQuote_IsReportedNotThrownInLenientMode()
    {
        // Issue #13 item 6: the unclosed quote costs only the record it starts (line 3); C on line 4 is read.
        var result = Read("id,score\nA,9\nB,\"3\nC,10\n", Lenient);
        Assert.Equal(NpsTally.FromScores([9, 10]), result.Tally);
        BadRow bad = Assert.Single(result.Report.BadRows);
        Assert.Equal(BadRowReason.MalformedQuoting, bad.Reason);
        Assert.Equal(3, bad.LineNumber);
        Assert.Throws<NpsDataException>(() => Read("id,score\nA,9\nB,\"3\nC,10\n"));
    }

    [Fact]
    public void ReadTally_TenMegabyteSingleLine_IsRead()
    {
        string comment = new('x', 10 * 1024 * 1024);
        var result = Read($"score,comment\n9,{comment}\n7,short\n");
        Assert.Equal(NpsTally.FromScores([9, 7]), result.Tally);
    }

    [Fact]
    public void ReadTally_InvalidWeight_IsABadRow()
    {
        var result = Read("score,weight\n9,1\n9,0\n9,-2\n9,NaN\n9,abc\n9,\n", Lenient);
        Assert.Equal(5, result.Report.RejectedByReason[BadRowReason.InvalidWeight]);
        Assert.Equal(1, result.Tally.Count);
    }

    [Fact]
    public void Options_AllProblemsReportedAtOnce()
    {
        var options = new CsvReadOptions { Delimiter = 'x', TimeZone = "Mars/Olympus_Mons" };
        var ex = Assert.Throws<InvalidOptionsException>(() => Read("score\n9\n", options));
        Assert.Contains("Delimiter 'x'", ex.Message);
        Assert.Contains("Mars/Olympus_Mons", ex.Message);

        // The same problems, structured: member, value, reason and what is allowed, each apart.
        Assert.Equal(nameof(CsvReadOptions), ex.OptionsType);
        Assert.Equal(["Delimiter", "TimeZone"], ex.Problems.Select(p => p.Member));
        Assert.Equal(["x", "Mars/Olympus_Mons"], ex.Problems.Select(p => p.Value));
        Assert.Equal("is not a known IANA time zone id", ex.Problems[1].Reason);
        Assert.Contains("Europe/Copenhagen", ex.Problems[1].Allowed, StringComparison.Ordinal);
        Assert.All(ex.Problems, p => Assert.Contains(p.Message, ex.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ReadTally_FromPathAndTextReader_Agree()
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "score\n9\n5\n");
        try
        {
            var fromPath = NpsCsv.ReadTally(path);
            Assert.Equal(Path.GetFileName(path), fromPath.Report.Source);
            Assert.Equal(fromPath.Tally, NpsCsv.ReadTally(new StringReader("score\n9\n5\n")).Tally);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Throws<FileNotFoundException>(() => NpsCsv.ReadTally(path));
    }
}
