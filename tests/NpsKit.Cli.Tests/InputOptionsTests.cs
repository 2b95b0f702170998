using System.Text;

namespace NpsKit.Cli.Tests;

/// <summary>Issue #13: the shared input options of the commands that read responses, and what the CLI says about input.</summary>
public sealed class InputOptionsTests
{
    [Fact]
    public void NamedColumnsCultureAndFormat_AreMappedOntoTheReadOptions()
    {
        string path = CliRunner.TempCsv("Anbefaling;Besvaret;By", "9;14.03.2026 09:12;Odense", "3;02.04.2026 10:00;Aarhus");
        CliResult result = CliRunner.Run("report", path, "--score-column", "Anbefaling", "--time-column", "Besvaret", "--date-format", "dd.MM.yyyy HH:mm", "--culture", "da-DK", "--tz", "Europe/Copenhagen", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("2026-03,", result.Out, StringComparison.Ordinal);
        Assert.Contains("2026-04,", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingScoreColumn_ErrorNamesTheFlagAndTheColumnsFound_NeverAnApiMember()
    {
        string path = CliRunner.TempCsv("a,b", "1,2");
        CliResult result = CliRunner.Run("report", path);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--score-column", result.Error, StringComparison.Ordinal);
        Assert.Contains("'a', 'b'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("CsvReadOptions", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AmbiguousDates_AreRefusedNamingTheFlags()
    {
        string path = CliRunner.TempCsv("score,date", "9,03/04/2026", "7,05/06/2026");
        CliResult result = CliRunner.Run("report", path, "--tz", "Europe/Copenhagen");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--date-order", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("CsvReadOptions", result.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("report", path, "--tz", "Europe/Copenhagen", "--date-order", "day-first").ExitCode);
    }

    [Fact]
    public void LenientRunRejectingEveryRow_ExitsNonZero()
    {
        // Defect: an empty report and exit 0.
        string path = CliRunner.TempCsv("score,submitted_at", "11,2026-03-01T10:00:00Z", "x,2026-03-02T10:00:00Z");
        CliResult result = CliRunner.Run("report", path, "--lenient");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("every one of the 2 rows", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Theory]
    [InlineData("1", ExitCodes.BadInput)]
    [InlineData("2", ExitCodes.Ok)]
    [InlineData("25%", ExitCodes.BadInput)]
    [InlineData("50%", ExitCodes.Ok)]
    public void MaxRejected_FailsPastTheLimit(string limit, int exit)
    {
        string path = CliRunner.TempCsv("score,submitted_at", "11,2026-03-01T10:00:00Z", "x,2026-03-02T10:00:00Z", "9,2026-03-03T10:00:00Z", "8,2026-03-04T10:00:00Z");
        Assert.Equal(exit, CliRunner.Run("report", path, "--lenient", "--max-rejected", limit).ExitCode);
    }

    [Fact]
    public void MaxRejected_WithoutLenient_OrMalformed_IsAUsageError()
    {
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("report", CliRunner.SampleData, "--max-rejected", "5").ExitCode);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("report", CliRunner.SampleData, "--lenient", "--max-rejected", "five").ExitCode);
    }

    [Fact]
    public void Dash_ReadsStandardInput()
    {
        byte[] csv = Encoding.UTF8.GetBytes("score,submitted_at\n9,2026-03-01T10:00:00Z\n0,2026-03-02T10:00:00Z\n");
        CliResult result = CliRunner.RunWithInput(csv, "report", "-", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("2026-03,", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTimeColumn_GivesATotalOnlyReport()
    {
        string path = CliRunner.TempCsv("score,region", "9,North", "10,South", "3,North");
        CliResult result = CliRunner.Run("report", path, "--format", "csv");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("all,", result.Out, StringComparison.Ordinal);
        Assert.Contains("total only", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectedEncodingAndLayout_ArePrintedOnStderr()
    {
        byte[] bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("score,submitted_at,city\n9,2026-03-01T10:00:00Z,København\n");
        CliResult result = CliRunner.Run("report", CliRunner.TempFile(bytes), "--by", "city", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("windows-1252", result.Error, StringComparison.Ordinal);
        Assert.Contains("København", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("CsvReadOptions", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void XlsxGivenAsCsv_IsNamed()
    {
        CliResult result = CliRunner.Run("report", CliRunner.TempFile([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], ".zip"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(".xlsx", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSourceEncodingOrCulture_AreUsageErrors()
    {
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("report", CliRunner.SampleData, "--source", "nope").ExitCode);
        Assert.Contains("--encoding", CliRunner.Run("report", CliRunner.SampleData, "--encoding", "klingon").Error, StringComparison.Ordinal);
        Assert.Contains("--culture", CliRunner.Run("report", CliRunner.SampleData, "--culture", "xx-NOPE").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void InputTz_ReadsLocalTimes_WhileTzStaysTheReportingZone()
    {
        // 23:30 in New York on 31 March is 05:30 on 1 April in Copenhagen.
        string path = CliRunner.TempCsv("score,submitted_at", "9,2026-03-31 23:30");
        CliResult result = CliRunner.Run("report", path, "--input-tz", "America/New_York", "--tz", "Europe/Copenhagen", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("2026-04,", result.Out, StringComparison.Ordinal);
    }
}

/// <summary>Every corpus file through <c>nps report</c> with nothing but the file (and <c>--tz</c> for local times), strict and lenient.</summary>
public sealed class SurveyCorpusCliTests
{
    private static string Folder => Path.Combine(NpsKit.TestUtilities.ApiConventions.RepoRoot(), "tests", "NpsKit.Csv.Tests", "TestData", "surveys");

    public static TheoryData<string, string, long, string> Files()
    {
        var data = new TheoryData<string, string, long, string>();
        foreach (string[] f in File.ReadAllLines(Path.Combine(Folder, "expected.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')))
        {
            data.Add(f[0], f[2], long.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), f[8]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Report_GivesTheExpectedNPerMonth_WithNothingButTheFile(string file, string zone, long n, string months)
    {
        foreach (bool lenient in new[] { false, true })
        {
            var args = new List<string> { "report", Path.Combine(Folder, file), "--format", "csv", "--min-n", "0" };
            if (zone.Length > 0)
            {
                args.AddRange(["--tz", zone]);
            }

            if (lenient)
            {
                args.Add("--lenient");
            }

            CliResult result = CliRunner.Run([.. args]);
            Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
            string[][] rows = [.. result.OutLines.Skip(1).Select(l => l.Split(','))];
            Assert.Equal(n, rows.Sum(r => long.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(months.Split(' '), rows.Where(r => r[2] != "0").Select(r => r[0]));
        }
    }

    /// <summary>The detection line names the tool with the right article ("a AskNicely export" was printed).</summary>
    [Theory]
    [InlineData("asknicely/asknicely.csv", "an AskNicely export")]
    [InlineData("delighted/delighted.csv", "a Delighted export")]
    public void Report_SaysWhichToolsExportItRead(string file, string said)
    {
        CliResult result = CliRunner.Run("report", Path.Combine(Folder, file), "--format", "csv");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Contains(": " + said, result.Error, StringComparison.Ordinal);
    }
}

/// <summary><c>nps report</c> on .xlsx workbooks (Microsoft Forms, Qualtrics, SurveyMonkey and Hotjar export them).</summary>
public sealed class WorkbookInputTests
{
    [Fact]
    public void Report_ReadsAnXlsxWorkbook_AndANamedSheet()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nps-cli-{Guid.NewGuid():N}.xlsx");
        var sheets = new Dictionary<string, object>
        {
            ["About"] = new[] { new Dictionary<string, object> { ["note"] = "Form export" } },
            ["Form1"] = new[]
            {
                new Dictionary<string, object> { ["ID"] = 1, ["Start time"] = new DateTime(2026, 3, 14, 9, 0, 0), ["Completion time"] = new DateTime(2026, 3, 14, 9, 2, 0), ["How likely are you to recommend us?"] = 10 },
                new Dictionary<string, object> { ["ID"] = 2, ["Start time"] = new DateTime(2026, 4, 2, 9, 0, 0), ["Completion time"] = new DateTime(2026, 4, 2, 9, 2, 0), ["How likely are you to recommend us?"] = 2 },
            },
        };
        MiniExcelLibs.MiniExcel.SaveAs(path, sheets);
        CliResult result = CliRunner.Run("report", path, "--sheet", "Form1", "--tz", "Europe/Copenhagen", "--format", "csv");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Contains("2026-03,", result.Out, StringComparison.Ordinal);
        Assert.Contains("2026-04,", result.Out, StringComparison.Ordinal);
        Assert.Contains("MicrosoftForms", result.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("report", CliRunner.SampleData, "--sheet", "Form1").ExitCode);
        Assert.Contains("'About', 'Form1'", CliRunner.Run("report", path, "--sheet", "Nope").Error, StringComparison.Ordinal);
    }
}

/// <summary>Issue #13 item 8 in the CLI's own writers.</summary>
public sealed class OutputSafetyTests
{
    [Fact]
    public void MarkdownReport_EscapesPipesAndLineBreaksInSegmentValues()
    {
        string path = CliRunner.TempCsv("score,submitted_at,team", "9,2026-03-01T10:00:00Z,\"A|B\"", "7,2026-03-01T10:00:00Z,\"line1\nline2\"");
        CliResult result = CliRunner.Run("report", path, "--by", "team", "--format", "markdown");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("A\\|B", result.Out, StringComparison.Ordinal);
        Assert.All(result.OutLines, line => Assert.StartsWith("|", line, StringComparison.Ordinal));
    }

    [Fact]
    public void CsvReport_NeutralisesASegmentLedByALineFeed()
    {
        string path = CliRunner.TempCsv("score,submitted_at,team", "9,2026-03-01T10:00:00Z,\"\n=1+1\"");
        CliResult result = CliRunner.Run("report", path, "--by", "team", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("\"'\n=1+1\"", result.Out, StringComparison.Ordinal);
    }
}
