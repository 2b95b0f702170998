using System.Text;

namespace NpsKit.Cli.Tests;

/// <summary>Issue #13: <c>nps enps</c> takes the shared input options of every command that reads responses.</summary>
public sealed class EnpsInputOptionsTests
{
    private static readonly string Enps = CliRunner.Sample("enps.csv");

    /// <summary>The company row's n and eNPS of a table run.</summary>
    private static string Company(CliResult result)
    {
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        return result.OutLines.Single(l => l.StartsWith("Company ", StringComparison.Ordinal));
    }

    [Fact]
    public void Enps_ReadsStandardInput_AsItReadsTheFile()
    {
        string fromFile = CliRunner.Run("enps", Enps, "--format", "csv").Out;
        CliResult fromStdin = CliRunner.RunWithInput(File.ReadAllBytes(Enps), "enps", "-", "--format", "csv");

        Assert.True(fromStdin.ExitCode == ExitCodes.Ok, fromStdin.Error);
        Assert.Equal(fromFile, fromStdin.Out);
    }

    [Fact]
    public void Enps_DanishExcelFile_ReadWithEncodingDelimiterCultureAndNamedColumns()
    {
        // Windows-1252, ';', dd-MM-yyyy dates, Danish headers: only the options say which column is which.
        var text = new StringBuilder("Medarbejder;Runde;Besvaret;division;department;team;Anbefaling;Kommentar\r\n");
        int[] scores = [10, 9, 9, 7, 3, 10, 8, 6, 9, 10];
        for (int i = 0; i < scores.Length; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"E{i};2026-03;{13 + i}-03-2026 10:00;Salg;København;Øst;{scores[i]};\r\n");
        }

        byte[] bytes = CodePagesEncoding().GetBytes(text.ToString());
        string path = CliRunner.TempFile(bytes);
        CliResult result = CliRunner.Run(
            "enps", path, "--encoding", "windows-1252", "--delimiter", ";", "--culture", "da-DK", "--score-column", "Anbefaling",
            "--respondent-column", "Medarbejder", "--time-column", "Besvaret", "--comment-column", "Kommentar", "--tz", "Europe/Copenhagen", "--min-group", "3");

        string[] company = Company(result).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("10", company[1]);
        Assert.Equal("+40.0", company[2]); // 6 promoters, 2 passives, 2 detractors of 10
        Assert.Contains("København", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Enps_AmbiguousDates_RefusedNamingDateOrder_ReadWithIt()
    {
        string path = CliRunner.TempCsv(
            "employee_id,round,submitted_at,division,team,score",
            "E1,2026-03,03/04/2026 10:00,Sales,North,10",
            "E2,2026-03,04/03/2026 10:00,Sales,North,9",
            "E3,2026-03,05/03/2026 10:00,Sales,North,2");

        CliResult refused = CliRunner.Run("enps", path, "--tz", "Europe/Copenhagen", "--min-group", "2");
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Contains("--date-order", refused.Error, StringComparison.Ordinal);

        CliResult read = CliRunner.Run("enps", path, "--tz", "Europe/Copenhagen", "--min-group", "2", "--date-order", "day-first");
        Assert.Contains(" 3 ", Company(read), StringComparison.Ordinal);
        CliResult formatted = CliRunner.Run("enps", path, "--tz", "Europe/Copenhagen", "--min-group", "2", "--date-format", "dd/MM/yyyy HH:mm");
        Assert.Contains(" 3 ", Company(formatted), StringComparison.Ordinal);
    }

    [Fact]
    public void Enps_MaxRejected_FailsPastTheLimit_AndEveryRowRejectedFails()
    {
        string path = CliRunner.TempCsv(
            "employee_id,round,submitted_at,division,team,score",
            "E1,2026-03,2026-03-01T10:00:00Z,Sales,North,10",
            "E2,2026-03,2026-03-01T10:00:00Z,Sales,North,11",
            "E3,2026-03,2026-03-01T10:00:00Z,Sales,North,9",
            "E4,2026-03,2026-03-01T10:00:00Z,Sales,North,8");

        Assert.Equal(ExitCodes.Ok, CliRunner.Run("enps", path, "--lenient", "--max-rejected", "1", "--min-group", "2").ExitCode);
        CliResult over = CliRunner.Run("enps", path, "--lenient", "--max-rejected", "10%", "--min-group", "2");
        Assert.Equal(ExitCodes.BadInput, over.ExitCode);
        Assert.Contains("--max-rejected 10%", over.Error, StringComparison.Ordinal);

        string allBad = CliRunner.TempCsv("employee_id,round,division,team,score", "E1,2026-03,Sales,North,x", "E2,2026-03,Sales,North,12");
        CliResult none = CliRunner.Run("enps", allBad, "--lenient");
        Assert.Equal(ExitCodes.BadInput, none.ExitCode);
        Assert.Contains("every one of the 2 rows", none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Enps_SurveyToolHeaderRows_AreHeaderNotBadRows()
    {
        string path = CliRunner.TempCsv(
            "employee_id,round,submitted_at,division,team,score",
            "Employee,Survey round,Submitted,Division,Team,How likely are you to recommend working here?",
            "E1,2026-03,2026-03-01T10:00:00Z,Sales,North,10",
            "E2,2026-03,2026-03-01T10:00:00Z,Sales,North,6");

        CliResult strict = CliRunner.Run("enps", path, "--min-group", "2");
        Assert.Equal(ExitCodes.BadInput, strict.ExitCode); // the question-text row is no answer
        Assert.Contains(" 2 ", Company(CliRunner.Run("enps", path, "--min-group", "2", "--header-rows", "2")), StringComparison.Ordinal);
    }

    [Fact]
    public void Enps_ReadsAnXlsxSheet()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nps-cli-{Guid.NewGuid():N}.xlsx");
        var rows = Enumerable.Range(0, 6).Select(i => new Dictionary<string, object>
        {
            ["employee_id"] = $"E{i}",
            ["round"] = "2026-03",
            ["submitted_at"] = new DateTime(2026, 3, 2 + i, 9, 0, 0),
            ["division"] = "Sales",
            ["team"] = "North",
            ["score"] = i < 4 ? 10 : 0,
        }).ToArray();
        MiniExcelLibs.MiniExcel.SaveAs(path, new Dictionary<string, object> { ["Answers"] = rows });

        string[] company = Company(CliRunner.Run("enps", path, "--sheet", "Answers", "--tz", "Europe/Copenhagen", "--min-group", "3")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("6", company[1]);
        Assert.Equal("+33.3", company[2]); // 4 promoters, 2 detractors
    }

    [Fact]
    public void Enps_OptionsWithoutMeaningForEnps_AreUsageErrors()
    {
        CliResult weight = CliRunner.Run("enps", Enps, "--weight-column", "w");
        Assert.Equal(ExitCodes.Usage, weight.ExitCode);
        Assert.Contains("--weight-column", weight.Error, StringComparison.Ordinal);
        CliResult duplicates = CliRunner.Run("enps", Enps, "--duplicates", "keep-first");
        Assert.Equal(ExitCodes.Usage, duplicates.ExitCode);
        Assert.Contains("--duplicates", duplicates.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("enps", Enps, "--source", "nope").ExitCode);
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}

/// <summary>Issue #13: <c>nps report</c> on an export that carries only the NPS group.</summary>
public sealed class GroupOnlyReportTests
{
    [Fact]
    public void Report_GroupOnlyFile_IsCountedByGroupPerPeriod_AndSaysWhatCannotBeComputed()
    {
        string path = CliRunner.TempCsv(
            "ResponseId,RecordedDate,Q1_NPS_GROUP",
            "R1,2026-03-01T10:00:00Z,Promoter",
            "R2,2026-03-01T10:00:00Z,Promoter",
            "R3,2026-03-02T10:00:00Z,Passive",
            "R4,2026-03-02T10:00:00Z,Detractor");

        CliResult result = CliRunner.Run("report", path, "--format", "csv");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Contains("only each answer's NPS group", result.Error, StringComparison.Ordinal);
        Assert.Contains("0-10 distribution", result.Error, StringComparison.Ordinal);
        string row = result.OutLines.Single(l => l.StartsWith("2026-03,", StringComparison.Ordinal)); // by period now, not only the total
        Assert.Contains(",4,", row, StringComparison.Ordinal);
        Assert.Contains("25", row, StringComparison.Ordinal); // NPS = (2 - 1) / 4 = +25
    }

    [Fact]
    public void Report_GroupOnlyFile_BySegment_FromStdin_AndAsHtml_AllWork_NamingNoApi()
    {
        string[] lines =
        [
            "ResponseId,RecordedDate,Q1_NPS_GROUP,Region",
            "R1,2026-03-01T10:00:00Z,Promoter,North",
            "R2,2026-04-01T10:00:00Z,Detractor,South",
        ];
        string path = CliRunner.TempCsv(lines);

        // Before, --segment was refused ("results by period or segment are not available for a group-only file yet").
        CliResult bySegment = CliRunner.Run("report", path, "--segment", "Region", "--format", "csv", "--min-n", "0");
        Assert.True(bySegment.ExitCode == ExitCodes.Ok, bySegment.Error);
        Assert.Contains(bySegment.OutLines, l => l.StartsWith("2026-03,North,1,100,", StringComparison.Ordinal));
        Assert.Contains(bySegment.OutLines, l => l.StartsWith("2026-04,South,1,-100,", StringComparison.Ordinal));
        Assert.DoesNotContain("NpsCsv", bySegment.Error, StringComparison.Ordinal);

        CliResult stdin = CliRunner.RunWithInput(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"), "report", "-", "--format", "csv");
        Assert.True(stdin.ExitCode == ExitCodes.Ok, stdin.Error);
        Assert.Contains(stdin.OutLines, l => l.StartsWith("2026-04,(all),1,-100,", StringComparison.Ordinal));

        // Before, --format html was refused; now the page is drawn and says the single scores are unknown.
        CliResult html = CliRunner.Run("report", path, "--format", "html");
        Assert.True(html.ExitCode == ExitCodes.Ok, html.Error);
        Assert.Contains("category counts only", html.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg class=\"distribution\"", html.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_GroupColumnOption_AndDisagreeingRowsListed()
    {
        string path = CliRunner.TempCsv("id,score,Kategori", "1,10,Promotor", "2,3,Promotor", "3,8,Passiv");

        CliResult strict = CliRunner.Run("report", path, "--group-column", "Kategori");
        Assert.Equal(ExitCodes.BadInput, strict.ExitCode);
        Assert.Contains("line 3", strict.Error, StringComparison.Ordinal);
        Assert.Contains("the NPS group disagrees with the score: 1", CliRunner.Run("report", path, "--group-column", "Kategori", "--lenient").Error, StringComparison.Ordinal);
    }
}
