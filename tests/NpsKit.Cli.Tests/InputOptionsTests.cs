using System.Text;
using NpsKit.TestUtilities;

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

    /// <summary>The shared options <c>report</c> had no test of its own for: <c>--header-rows</c>, <c>--source</c>,
    /// <c>--delimiter</c>, <c>--respondent-column</c> with each <c>--duplicates</c> policy, <c>--weight-column</c>, and
    /// the flag named when a column it names is missing.</summary>
    [Fact]
    public void HeaderRowsSourceDelimiterDuplicatesAndWeight_AreMappedOntoTheReadOptions()
    {
        string path = CliRunner.TempCsv(
            "ref;answered;q7;wt;region;remark",
            ";When answered;How likely are you to recommend us? (0-10);Weight;Region;Open-Ended Response",
            "R1;2026-03-01T10:00:00Z;9;2;North;fine",
            "R1;2026-03-05T10:00:00Z;3;2;North;changed my mind",
            "R2;2026-03-02T10:00:00Z;10;1;South;",
            "R3;2026-04-01T10:00:00Z;0;1;South;no");
        string[] columns = ["--delimiter", ";", "--respondent-column", "ref", "--time-column", "answered", "--score-column", "q7", "--format", "csv", "--min-n", "0"];
        string[][] Rows(params string[] more)
        {
            CliResult result = CliRunner.Run(["report", path, .. columns, .. more]);
            Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
            return [.. result.OutLines.Skip(1).Select(l => l.Split(','))];
        }

        // (period, n, nps) per row.
        static string[] Cells(string[][] rows) => [.. rows.Select(r => $"{r[0]} {r[2]} {r[3]}")];

        Assert.Equal(["2026-03 3 33.333333", "2026-04 1 -100"], Cells(Rows("--header-rows", "2")));
        Assert.Equal(["2026-03 2 100", "2026-04 1 -100"], Cells(Rows("--header-rows", "2", "--duplicates", "keep-first", "--lenient")));
        Assert.Equal(["2026-03 2 0", "2026-04 1 -100"], Cells(Rows("--header-rows", "2", "--duplicates", "keep-latest", "--lenient")));

        // A strict run does what keep-first and keep-latest ask (the repeats are left out, not bad data) and lists each
        // repeat on stderr; --duplicates error stops at the first one, naming the flags, not the policy member.
        Assert.Equal(["2026-03 2 100", "2026-04 1 -100"], Cells(Rows("--header-rows", "2", "--duplicates", "keep-first")));
        Assert.Equal(["2026-03 2 0", "2026-04 1 -100"], Cells(Rows("--header-rows", "2", "--duplicates", "keep-latest")));
        CliResult kept = CliRunner.Run(["report", path, .. columns, "--header-rows", "2", "--duplicates", "keep-first"]);
        Assert.Contains("line 4, column 'ref': \"R1\" — the respondent answered already", kept.Error, StringComparison.Ordinal);
        CliResult strict = CliRunner.Run(["report", path, .. columns, "--header-rows", "2", "--duplicates", "error"]);
        Assert.Equal(ExitCodes.BadInput, strict.ExitCode);
        Assert.Contains("line 4, column 'ref': \"R1\" — the respondent answered already; allowed: one answer per respondent and period, as --duplicates asks (keep-all counts every answer); add --lenient", strict.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("KeepFirst", strict.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("policy Error", strict.Error, StringComparison.Ordinal);

        // Weighted: March has promoters of weight 2 + 1 and a detractor of weight 2, so NPS 20; n still counts answers.
        Assert.Equal(["2026-03 3 20", "2026-04 1 -100"], Cells(Rows("--header-rows", "2", "--weight-column", "wt")));

        // SurveyMonkey's layout has two header rows: --source says so without --header-rows.
        CliResult monkey = CliRunner.Run(["report", path, .. columns, "--source", "surveymonkey"]);
        Assert.True(monkey.ExitCode == ExitCodes.Ok, monkey.Error);
        Assert.Contains("a SurveyMonkey export", monkey.Error, StringComparison.Ordinal);
        Assert.Equal(["2026-03 3 33.333333", "2026-04 1 -100"], Cells([.. monkey.OutLines.Skip(1).Select(l => l.Split(','))]));

        // Without them the second header row is an answer, and a bad one; with the wrong delimiter there is one column.
        CliResult oneHeader = CliRunner.Run(["report", path, .. columns]);
        Assert.Equal(ExitCodes.BadInput, oneHeader.ExitCode);
        Assert.Contains("line 2", oneHeader.Error, StringComparison.Ordinal);
        CliResult comma = CliRunner.Run("report", path, "--delimiter", ",", "--header-rows", "2", "--score-column", "q7");
        Assert.Equal(ExitCodes.BadInput, comma.ExitCode);
        Assert.Contains("--score-column", comma.Error, StringComparison.Ordinal);

        foreach (string flag in new[] { "--respondent-column", "--weight-column", "--comment-column", "--time-column", "--score-column", "--group-column" })
        {
            string[] rest = [.. columns.Where((_, i) => i >= 2 && columns[i - (i % 2)] != flag)];
            CliResult missing = CliRunner.Run(["report", path, "--delimiter", ";", "--header-rows", "2", .. rest, flag, "nope"]);
            Assert.Equal(ExitCodes.BadInput, missing.ExitCode);
            Assert.Contains(flag, missing.Error, StringComparison.Ordinal);
            Assert.Contains("'ref', 'answered', 'q7', 'wt', 'region', 'remark'", missing.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("CsvReadOptions", missing.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Mapping", missing.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DateFormatUnix_ReadsNumbersTheirWidthLeavesOpen()
    {
        // 9-digit Unix seconds (before September 2001) are not read by their width: refused, and read with --date-format unix.
        string path = CliRunner.TempCsv("score,submitted_at", "9,988000000", "3,999999999");
        CliResult refused = CliRunner.Run("report", path);
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Contains("--date-format", refused.Error, StringComparison.Ordinal);
        CliResult read = CliRunner.Run("report", path, "--date-format", "unix", "--format", "csv", "--min-n", "0");
        Assert.True(read.ExitCode == ExitCodes.Ok, read.Error);
        Assert.Equal(["2001-04 1", "2001-09 1"], read.OutLines.Skip(1).Select(l => l.Split(',')).Where(f => f[2] != "0").Select(f => $"{f[0]} {f[2]}"));
    }

    private static readonly string[] SharedInputFlags =
    [
        "--source", "--header-rows", "--score-column", "--time-column", "--respondent-column", "--weight-column", "--comment-column",
        "--group-column", "--encoding", "--culture", "--date-format", "--date-order", "--delimiter", "--input-tz", "--duplicates",
        "--sheet", "--lenient", "--max-rejected",
    ];

    /// <summary>Every command that reads responses takes the one shared set of input options (its help lists each), and a
    /// column flag naming a missing column is refused in each, naming the flag.</summary>
    [Theory]
    [InlineData("report")]
    [InlineData("compare")]
    [InlineData("drivers")]
    [InlineData("enps")]
    public void EveryCommandThatReadsResponses_TakesTheSharedInputOptions(string command)
    {
        CliResult help = CliRunner.Run(command, "--help");
        Assert.Equal(ExitCodes.Ok, help.ExitCode);
        Assert.All(SharedInputFlags, flag => Assert.Matches($@"(^|\s){flag}(\s|,|$)", help.Out));

        string[] input = command switch
        {
            "enps" => [CliRunner.Sample("enps.csv")],
            "compare" => [CliRunner.SampleData, CliRunner.SampleData],
            _ => [CliRunner.SampleData],
        };
        CliResult missing = CliRunner.Run([command, .. input, "--score-column", "nope"]);
        Assert.NotEqual(ExitCodes.Ok, missing.ExitCode);
        Assert.Contains("--score-column", missing.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("CsvReadOptions", missing.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Columns[", missing.Error, StringComparison.Ordinal);
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
    private static string Folder => SurveyCorpusFile.Folder;

    public static TheoryData<string> Files => SurveyCorpusFile.Names();

    /// <summary>The n per month, the months, and the promoters, passives and detractors (so the NPS) of each file, from
    /// the report's rows (share × n per month, summed).</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Report_GivesTheExpectedNpsAndNPerMonth_WithNothingButTheFile(string name)
    {
        SurveyCorpusFile corpus = SurveyCorpusFile.Named(name);
        (string file, string zone) = (corpus.File, corpus.Zone);
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
            double Parse(string v) => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture);
            long Sum(int share) => rows.Sum(r => (long)Math.Round(Parse(r[share]) * Parse(r[2])));
            Assert.Equal(corpus.N, rows.Sum(r => long.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(corpus.Months, rows.Where(r => r[2] != "0").Select(r => r[0]));
            Assert.Equal([corpus.Promoters, corpus.Passives, corpus.Detractors], new[] { Sum(6), Sum(7), Sum(8) });

            // Each month's NPS is its promoter share minus its detractor share.
            Assert.All(rows, r => Assert.Equal(100 * (Parse(r[6]) - Parse(r[8])), Parse(r[3]), 1e-3));
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
