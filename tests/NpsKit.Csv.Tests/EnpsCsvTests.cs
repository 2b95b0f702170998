using System.Text;
using NpsKit.Employee;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

public class EnpsCsvTests
{
    private static EnpsCsvResult Read(string text, EnpsCsvOptions? options = null) =>
        EnpsCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), options, "enps.csv");

    private static readonly EnpsCsvOptions Lenient = new() { Read = new CsvReadOptions { Mode = CsvReadMode.Lenient } };

    [Fact]
    public void Read_LevelColumns_BuildsTheOrgTreeRoundsAndDimensions()
    {
        EnpsCsvResult result = Read(
            "employee_id,round,submitted_at,division,department,team,tenure,score,comment\n" +
            "E1,2026-05,2026-05-04T09:00:00Z,Eng,Platform,Core,1-3y,9,Great\n" +
            "E2,2026-05,2026-05-06T09:00:00Z,Eng,Platform,,<1y,7,\n" +
            "E3,2026-05,2026-05-05T09:00:00Z,Sales,,,,3,\"Pay, mostly\"\n" +
            "E1,2026-11,2026-11-02T09:00:00Z,Eng,Platform,Core,1-3y,10,\n");

        Assert.Equal(["Company", "Eng", "Platform", "Core", "Sales"], result.Units.Select(u => u.Id));
        Assert.Equal([null, "Company", "Eng", "Platform", "Company"], result.Units.Select(u => u.ParentId));
        Assert.Equal(["tenure"], result.Dimensions);
        Assert.Equal(["2026-05", "2026-11"], result.Rounds.Select(r => r.Round.Name));
        EnpsCsvRound may = result.Rounds[0];
        Assert.Equal(new DateOnly(2026, 5, 6), may.Round.Date); // the latest answer's day
        Assert.Equal(["Core", "Platform", "Sales"], may.Responses.Select(r => r.UnitId));
        Assert.Equal([9, 7, 3], may.Responses.Select(r => r.Score));
        Assert.Equal("Pay, mostly", may.Responses[2].Comment);
        Assert.Null(may.Responses[2].Attributes); // empty tenure: not stated
        Assert.Equal("1-3y", may.Responses[0].Attributes!["tenure"]);
        Assert.Equal(4, result.Report.RowsAccepted);
        Assert.Equal(["division", "department", "team", "tenure"], result.Report.SegmentColumns);

        // The result feeds the eNPS report directly.
        EnpsReport report = EnpsReport.FromResponses(may.Round, result.Units, may.Responses);
        Assert.True(report.Company.IsSuppressed); // 3 < 5
    }

    [Fact]
    public void Read_OrgPathColumn_SplitsBySeparatorAndQualifiesRepeatedNames()
    {
        EnpsCsvResult result = Read(
            "org_path;score\nEng>Web;9\nSales>Web;8\nEng;6\n",
            new EnpsCsvOptions { OrgPathSeparator = '>', RootUnit = "Acme", RoundDate = new DateOnly(2026, 11, 20) });

        Assert.Equal(["Acme", "Eng", "Web (Eng)", "Sales", "Web (Sales)"], result.Units.Select(u => u.Id));
        Assert.Equal(new SurveyRound("all", new DateOnly(2026, 11, 20)), Assert.Single(result.Rounds).Round);
        Assert.Equal(["Web (Eng)", "Web (Sales)", "Eng"], result.Rounds[0].Responses.Select(r => r.UnitId));
    }

    [Fact]
    public void Read_NoTimeColumn_DatesRoundsByTheirNames()
    {
        EnpsCsvResult result = Read("round,team,score\n2026-11,A,9\n2026-05-20,A,8\n");
        Assert.Equal(new DateOnly(2026, 5, 20), result.Rounds[0].Round.Date);
        Assert.Equal(new DateOnly(2026, 11, 1), result.Rounds[1].Round.Date);

        var e = Assert.Throws<NpsDataException>(() => Read("round,team,score\nQ4,A,9\n"));
        Assert.Contains("round 'Q4' has no date", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadRowsLenient_ReportsEachWithLineColumnReasonAndNoRawValue()
    {
        EnpsCsvResult result = Read(
            "employee_id,round,division,team,score\n" +
            "E1,R1,Eng,Core,11\n" +          // line 2: out of range
            "E2,R1,,Core,9\n" +              // line 3: level after an empty one
            "E3,,Eng,Core,9\n" +             // line 4: no round
            "E4,R1,Eng,Core,ten\n" +         // line 5: not a number
            "E5,R1,Eng,Core,9\n" +
            "E5,R1,Eng,Core,8\n" +           // line 7: second answer
            "E6,R1,Eng,Core\n",              // line 8: field count
            Lenient with { Columns = new Dictionary<string, string> { ["round"] = "round" }, RoundDate = new DateOnly(2026, 1, 1) });

        Assert.Equal(1, result.Report.RowsAccepted);
        Assert.Equal(
            [
                (2L, "score", BadRowReason.ScoreOutOfRange),
                (3L, "team", BadRowReason.InvalidValue),
                (4L, "round", BadRowReason.MissingValue),
                (5L, "score", BadRowReason.ScoreNotANumber),
                (7L, "employee_id", BadRowReason.DuplicateRespondent),
                (8L, (string?)null, BadRowReason.FieldCountMismatch),
            ],
            result.Report.BadRows.Select(b => (b.LineNumber, b.Column, b.Reason)));
        Assert.All(result.Report.BadRows, b => Assert.Null(b.RawValue));
        Assert.DoesNotContain("11", result.Report.BadRows[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("filled from the top (division, team)", result.Report.BadRows[1].Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StrictBadScore_ThrowsWithLineAndColumnButNotTheAnswer()
    {
        var e = Assert.Throws<NpsDataException>(() => Read("team,score\nA,9\nA,12\n"));
        Assert.Equal(3, e.BadRow!.LineNumber);
        Assert.Contains("enps.csv line 3, column 'score'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("12", e.Message, StringComparison.Ordinal);

        var shown = Assert.Throws<NpsDataException>(() => Read("team,score\nA,9\nA,12\n", new EnpsCsvOptions { IncludeRawValues = true }));
        Assert.Contains("\"12\"", shown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoOrgColumns_SaysWhatItLookedFor()
    {
        var e = Assert.Throws<NpsDataException>(() => Read("site,score\nA,9\n", new EnpsCsvOptions { Dimensions = [] }));
        Assert.Contains("org columns", e.Message, StringComparison.Ordinal);
        Assert.Contains("OrgColumns", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ConfiguredOrgColumnsAndDimensions_UsesThemAndIgnoresTheRest()
    {
        EnpsCsvResult result = Read(
            "unit_a,unit_b,site,gender,score\nX,Y,Oslo,f,9\n",
            new EnpsCsvOptions { OrgColumns = ["unit_a", "unit_b"], Dimensions = ["site"], RoundDate = new DateOnly(2026, 1, 1) });
        Assert.Equal(["Company", "X", "Y"], result.Units.Select(u => u.Id));
        Assert.Equal(["site"], result.Dimensions);
        Assert.Equal(["gender"], result.Report.IgnoredColumns);
    }

    private static readonly EnpsCsvOptions InUtc = new() { Read = new CsvReadOptions { TimeZone = "Etc/UTC" } };

    private const string DatedHeader = "employee_id,round,submitted_at,division,team,score\n";

    [Fact]
    public void Read_DayFirstDates_DecidedFromTheFile_LikeTheResponseReader()
    {
        // Issue #13 item 3: before, every numeric date of an eNPS file was refused as ambiguous (strict: the first row threw).
        string text = DatedHeader +
            "E1,2026-04,03/04/2026 10:00,Sales,North,10\n" +
            "E2,2026-04,14/04/2026 10:00,Sales,North,9\n" +   // line 3: 14 can only be a day
            "E3,2026-04,05/04/2026 10:00,Sales,North,2\n";
        foreach (EnpsCsvResult result in new[] { Read(text, InUtc), EnpsCsv.Read(new StringReader(text), InUtc, "enps.csv") })
        {
            EnpsCsvRound round = Assert.Single(result.Rounds);
            Assert.Equal(new DateOnly(2026, 4, 14), round.Round.Date);
            Assert.Equal(
                [new DateTimeOffset(2026, 4, 3, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 14, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 5, 10, 0, 0, TimeSpan.Zero)],
                round.Responses.Select(r => r.AnsweredAt!.Value));
            Assert.Equal(3, result.Report.RowsAccepted);
            Assert.Equal(DateOrder.DayFirst, result.Report.DateOrder);
            Assert.Contains("enps.csv line 3", result.Report.DateOrderEvidence, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_MonthFirstDates_DecidedFromTheFile()
    {
        EnpsCsvResult result = Read(
            DatedHeader +
            "E1,2026-04,04/03/2026 10:00,Sales,North,10\n" +
            "E2,2026-04,04/14/2026 10:00,Sales,North,9\n",
            InUtc);

        Assert.Equal(DateOrder.MonthFirst, result.Report.DateOrder);
        Assert.Equal(new DateOnly(2026, 4, 14), result.Rounds[0].Round.Date);
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 10, 0, 0, TimeSpan.Zero), result.Rounds[0].Responses[0].AnsweredAt);
    }

    [Fact]
    public void Read_DatesContradictingEachOther_AreRefusedAsAnInconsistentFile()
    {
        string text = DatedHeader +
            "E1,2026-04,14/04/2026 10:00,Sales,North,10\n" +  // day-first
            "E2,2026-04,04/03/2026 10:00,Sales,North,9\n" +
            "E3,2026-04,04/15/2026 10:00,Sales,North,2\n";   // line 4: month-first
        foreach (CsvReadMode mode in new[] { CsvReadMode.Strict, CsvReadMode.Lenient })
        {
            var e = Assert.Throws<NpsDataException>(() => Read(text, new EnpsCsvOptions { Read = InUtc.Read with { Mode = mode } }));
            Assert.Contains("line 4", e.Message, StringComparison.Ordinal);
            Assert.Contains("mixes date orders", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_EveryDateAmbiguous_IsRefusedNamingTheOption_AndReadWhenTold()
    {
        string text = DatedHeader +
            "E1,2026-04,03/04/2026 10:00,Sales,North,10\n" +
            "E2,2026-04,04/03/2026 10:00,Sales,North,9\n";
        var e = Assert.Throws<NpsDataException>(() => Read(text, InUtc));
        Assert.Contains("could be day-first or month-first", e.Message, StringComparison.Ordinal);
        Assert.Contains(e.Remedies, r => r.Member == "DateOrder");

        EnpsCsvResult told = Read(text, new EnpsCsvOptions { Read = InUtc.Read with { DateOrder = DateOrder.MonthFirst } });
        Assert.Equal(DateOrder.MonthFirst, told.Report.DateOrder);
        Assert.Equal("CsvReadOptions.DateOrder", told.Report.DateOrderEvidence);
        Assert.Equal(new DateOnly(2026, 4, 3), told.Rounds[0].Round.Date);
    }

    [Fact]
    public void Read_IsoDates_NeedNoDateOrder()
    {
        EnpsCsvResult result = Read(DatedHeader + "E1,2026-04,2026-04-03T10:00:00Z,Sales,North,10\n");
        Assert.Null(result.Report.DateOrder);
        Assert.Null(result.Report.DateOrderEvidence);
    }

    [Fact]
    public void Read_InvalidOptions_ListsEveryProblem()
    {
        var e = Assert.Throws<InvalidOptionsException>(() => Read("team,score\nA,9\n", new EnpsCsvOptions
        {
            Columns = new Dictionary<string, string> { ["colour"] = "x" },
            OrgColumns = [],
            RootUnit = " ",
        }));
        Assert.Contains("Columns[\"colour\"]", e.Message, StringComparison.Ordinal);
        Assert.Contains("OrgColumns is empty", e.Message, StringComparison.Ordinal);
        Assert.Contains("RootUnit is empty", e.Message, StringComparison.Ordinal);
        Assert.Equal(["Columns[\"colour\"]", "OrgColumns", "RootUnit"], e.Problems.Select(p => p.Member));
    }

    [Fact]
    public void Read_SampleData_TwoRoundsOfAbout600Employees()
    {
        string path = Path.Combine(ApiConventions.RepoRoot(), "samples", "data", "enps.csv");
        EnpsCsvResult result = EnpsCsv.Read(path);
        Assert.Equal(["2026-05", "2026-11"], result.Rounds.Select(r => r.Round.Name));
        Assert.Equal(0, result.Report.RowsRejected);
        Assert.Equal(["tenure"], result.Dimensions);
        Assert.InRange(result.Rounds[1].Responses.Count, 450, 600);
        EnpsReport report = EnpsReport.FromResponses(result.Rounds[1].Round, result.Units, result.Rounds[1].Responses);
        Assert.Contains(report.Cells, c => c.Reason == SuppressionReason.BelowMinimum);
        Assert.False(report.Company.IsSuppressed);
    }
}
