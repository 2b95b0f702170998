using System.Globalization;
using System.Text.Json;

namespace NpsKit.Cli.Tests;

public class ReportCommandTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Fact]
    public void Report_SampleDataWithNoOptions_PrintsOneRowPerMonthAndExitsZero()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        string[] lines = result.OutLines;
        Assert.StartsWith("period", lines[0], StringComparison.Ordinal);
        Assert.Contains("95% CI", lines[0], StringComparison.Ordinal);
        Assert.Equal(2 + 24, lines.Length); // header, rule, 2024-11 .. 2026-10
        Assert.StartsWith("2024-11", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("2026-10", lines[^1], StringComparison.Ordinal);

        var (p, q, d) = CliRunner.CountMonth("2024-11");
        long n = p + q + d;
        string nps = (100.0 * (p - d) / n).ToString("0.0", Invariant);
        string[] first = lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(n.ToString("N0", Invariant), first[1]);
        Assert.Equal(nps, first[2]);
    }

    [Fact]
    public void Report_FileWithWeights_ReportsWeightedFiguresAndSaysSo()
    {
        // March: promoters weigh 2 + 1.5, the detractor 0.5, the passive 1 → weighted NPS 100 × (3.5 − 0.5) / 5 = 60,
        // against 25 unweighted. April: two promoters (weights 1 and 3) → +100, a change of +40 from March. A weighted
        // interval needs two answers, so a month with one would have none (its linearization SE is undefined).
        string file = Path.Combine(Path.GetTempPath(), $"npskit-weighted-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "submitted_at,score,weight\n2026-03-02T10:00:00Z,10,2\n2026-03-03T10:00:00Z,9,1.5\n"
            + "2026-03-04T10:00:00Z,3,0.5\n2026-03-05T10:00:00Z,7,1\n2026-04-02T10:00:00Z,9,1\n2026-04-03T10:00:00Z,10,3\n");
        try
        {
            CliResult result = CliRunner.Run("report", file, "--format", "json", "--min-n", "1");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Contains("has a weight column: NPS, shares, intervals and changes are weighted", result.Error, StringComparison.Ordinal);
            using JsonDocument json = JsonDocument.Parse(result.Out);
            Assert.True(json.RootElement.GetProperty("weighted").GetBoolean());
            JsonElement march = json.RootElement.GetProperty("rows")[0];
            JsonElement april = json.RootElement.GetProperty("rows")[1];
            Assert.Equal(4, march.GetProperty("n").GetInt64());
            Assert.Equal(60.0, march.GetProperty("nps").GetDouble(), 9);
            Assert.Equal(0.7, march.GetProperty("promoterShare").GetDouble(), 9);
            Assert.Equal(100.0, april.GetProperty("nps").GetDouble(), 9);
            Assert.Equal(40.0, april.GetProperty("change").GetProperty("difference").GetDouble(), 9);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Report_WeightedMonthWithOneAnswer_HasAScoreButNoInterval()
    {
        string file = Path.Combine(Path.GetTempPath(), $"npskit-weighted-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "submitted_at,score,weight\n2026-03-02T10:00:00Z,10,2\n");
        try
        {
            CliResult result = CliRunner.Run("report", file, "--format", "csv");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            string[] header = result.OutLines[0].Split(',');
            string[] row = result.OutLines[1].Split(',');
            Assert.Equal("100", row[Array.IndexOf(header, "nps")]);
            Assert.Equal(string.Empty, row[Array.IndexOf(header, "ci_lower")]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Report_FormatCsv_MatchesCountsTakenStraightFromTheFile()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--format", "csv");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        string[] header = result.OutLines[0].Split(',');
        string[] row = result.OutLines.Single(line => line.StartsWith("2025-09,", StringComparison.Ordinal)).Split(',');
        var (p, q, d) = CliRunner.CountMonth("2025-09");
        long n = p + q + d;
        Assert.Equal(n, long.Parse(row[Array.IndexOf(header, "n")], Invariant));
        Assert.Equal(100.0 * (p - d) / n, double.Parse(row[Array.IndexOf(header, "nps")], Invariant), 4);
        Assert.Equal((double)p / n, double.Parse(row[Array.IndexOf(header, "promoter_share")], Invariant), 5);
        Assert.Equal((double)q / n, double.Parse(row[Array.IndexOf(header, "passive_share")], Invariant), 5);
        double lower = double.Parse(row[Array.IndexOf(header, "ci_lower")], Invariant);
        double upper = double.Parse(row[Array.IndexOf(header, "ci_upper")], Invariant);
        Assert.InRange(100.0 * (p - d) / n, lower, upper);
        Assert.NotEqual(string.Empty, row[Array.IndexOf(header, "p_value")]);
        Assert.Equal("false", row[^1]);
    }

    [Fact]
    public void Report_FormatCsv_ChangeMatchesTheDifferenceOfConsecutiveMonths()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--format", "csv");

        string[] header = result.OutLines[0].Split(',');
        var rows = result.OutLines.Skip(1).Select(line => line.Split(',')).ToList();
        int nps = Array.IndexOf(header, "nps");
        int change = Array.IndexOf(header, "change");
        Assert.Equal(string.Empty, rows[0][change]);
        for (int i = 1; i < rows.Count; i++)
        {
            double expected = double.Parse(rows[i][nps], Invariant) - double.Parse(rows[i - 1][nps], Invariant);
            Assert.Equal(expected, double.Parse(rows[i][change], Invariant), 1e-5);
        }
    }

    [Fact]
    public void Report_FormatJson_IsValidJsonWithIntervalsAndChanges()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--per", "quarter", "--level", "0.9", "--format", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Out);
        JsonElement root = json.RootElement;
        Assert.Equal("Quarter", root.GetProperty("period").GetString());
        Assert.Equal(0.9, root.GetProperty("level").GetDouble());
        JsonElement[] rows = [.. root.GetProperty("rows").EnumerateArray()];
        Assert.Equal(9, rows.Length); // 2024-Q4 .. 2026-Q4
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("change").ValueKind);
        JsonElement change = rows[2].GetProperty("change");
        Assert.InRange(change.GetProperty("pValue").GetDouble(), 0, 1);
        Assert.True(change.GetProperty("lower").GetDouble() < change.GetProperty("upper").GetDouble());
        Assert.Equal(20_000, rows.Sum(row => row.GetProperty("n").GetInt64()));
    }

    /// <summary>Issue #17: the report's intervals used adjusted Wald whatever the data, whose coverage at small n near
    /// 0 % or 100 % is below the level; <c>--interval exact</c> gives the guaranteed-coverage interval in every row
    /// (the library's, to the last digit) and the JSON, table note and HTML name the method.</summary>
    [Fact]
    public void Report_IntervalExact_EveryRowHasTheLibrarysExactInterval_AndNamesTheMethod()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--per", "month", "--by", "region", "--interval", "exact", "--format", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Out);
        Assert.Equal("Exact", json.RootElement.GetProperty("intervalMethod").GetString());
        JsonElement row = json.RootElement.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("period").GetString() == "2025-09" && r.GetProperty("segment").GetString() == "(all)");
        var (p, q, d) = CliRunner.CountMonth("2025-09");
        NpsInterval expected = NpsTally.FromCounts(p, q, d).ConfidenceInterval(0.95, NpsIntervalMethod.Exact);
        Assert.Equal(expected.Lower, row.GetProperty("interval").GetProperty("lower").GetDouble());
        Assert.Equal(expected.Upper, row.GetProperty("interval").GetProperty("upper").GetDouble());

        CliResult html = CliRunner.Run("report", CliRunner.SampleData, "--interval", "exact", "--format", "html");
        Assert.Contains("exact, coverage never below the level", html.Out, StringComparison.Ordinal);
        Assert.Equal("AdjustedWald", JsonDocument.Parse(CliRunner.Run("report", CliRunner.SampleData, "--format", "json").Out).RootElement.GetProperty("intervalMethod").GetString());
    }

    [Fact]
    public void Report_IntervalUnknown_IsAUsageErrorNamingTheAllowedMethods()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--interval", "bootstrap");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--interval", result.Error, StringComparison.Ordinal);
        Assert.Contains("exact", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Issue #19: a value outside an option's list got System.CommandLine's "Argument 'jsno' not recognized",
    /// which names no flag; every listed option now says the flag, the value, what is allowed and the nearest.</summary>
    [Theory]
    [InlineData("--format", "jsno", "Did you mean 'json'?")]
    [InlineData("--per", "quartr", "Did you mean 'quarter'?")]
    [InlineData("--adjust", "bonferroni", "use holm, bh, none.")]
    public void Report_ValueNotInTheList_NamesTheFlagTheValueAndWhatIsAllowed(string flag, string value, string hint)
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, flag, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"{flag} {value} is not allowed: use ", result.Error, StringComparison.Ordinal);
        Assert.Contains(hint, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not recognized", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_FormatMarkdown_WritesAPipeTableWithAlignedNumbers()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--per", "year", "--format", "markdown");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("| period | n | NPS | 95% CI | promoters | passives | detractors | change | p | p adj. | note |", result.OutLines[0]);
        Assert.Equal("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|", result.OutLines[1]);
        Assert.Equal(2 + 3, result.OutLines.Length); // 2024, 2025, 2026
    }

    [Fact]
    public void Report_Segmented_FlagsCellsBelowTheMinimumCountAndSegmentsSumToTheTotal()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--per", "month", "--by", "region", "--min-n", "200", "--format", "csv");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var rows = result.OutLines.Skip(1).Select(line => line.Split(',')).ToList();
        Assert.Contains(rows, row => row[1] == "(all)");
        Assert.All(rows, row => Assert.Equal(long.Parse(row[2], Invariant) < 200 ? "true" : "false", row[^1]));
        Assert.Contains(rows, row => row[^1] == "true");
        long total = rows.Where(row => row[1] == "(all)").Sum(row => long.Parse(row[2], Invariant));
        long segments = rows.Where(row => row[1] != "(all)").Sum(row => long.Parse(row[2], Invariant));
        Assert.Equal(total, segments);
    }

    [Fact]
    public void Report_TableTooSmallCell_SaysSoInTheNoteColumn()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--per", "month", "--min-n", "850");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        string row = result.OutLines.Single(line => line.StartsWith("2024-11", StringComparison.Ordinal));
        Assert.EndsWith("too small (n < 850)", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_TimeZoneOption_MovesAnswersAcrossMonthBoundaries()
    {
        string path = CliRunner.TempCsv("respondent_id,submitted_at,score", "A,2026-01-31T23:30:00Z,10", "B,2026-01-15T12:00:00Z,0");

        CliResult utc = CliRunner.Run("report", path, "--format", "csv", "--min-n", "0");
        CliResult copenhagen = CliRunner.Run("report", path, "--format", "csv", "--min-n", "0", "--tz", "Europe/Copenhagen");

        Assert.Equal(["2026-01"], utc.OutLines.Skip(1).Select(line => line.Split(',')[0]));
        Assert.Equal(["2026-01", "2026-02"], copenhagen.OutLines.Skip(1).Select(line => line.Split(',')[0]));
    }

    [Fact]
    public void Report_StrictBadRow_ExitsOneNamingFileLineAndColumn()
    {
        string path = CliRunner.TempCsv("respondent_id,submitted_at,score", "A,2026-01-01T00:00:00Z,9", "B,2026-01-02T00:00:00Z,eleven");

        CliResult result = CliRunner.Run("report", path);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.Contains(Path.GetFileName(path), result.Error, StringComparison.Ordinal);
        Assert.Contains("line 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("column 'score'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_LenientBadRows_ReportsTheGoodRowsAndSummarisesTheBadOnesOnStderr()
    {
        string path = CliRunner.TempCsv(
            "respondent_id,submitted_at,score",
            "A,2026-01-01T00:00:00Z,9",
            "B,2026-01-02T00:00:00Z,eleven",
            "C,2026-01-03T00:00:00Z,12",
            "D,2026-01-04T00:00:00Z,3");

        CliResult result = CliRunner.Run("report", path, "--lenient", "--format", "csv");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("2", result.OutLines[1].Split(',')[2]);
        string[] errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("nps: skipped 2 of 4 rows in " + Path.GetFileName(path), errors[0], StringComparison.Ordinal);
        Assert.Contains("the score is not a number: 1", errors[0], StringComparison.Ordinal);
        Assert.Contains("the score is outside 0 to 10: 1", errors[0], StringComparison.Ordinal);
        Assert.Contains("line 3", errors[1], StringComparison.Ordinal);
        Assert.Contains("line 4", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Report_MissingFile_ExitsOneNamingTheFile()
    {
        CliResult result = CliRunner.Run("report", "no-such-file.csv");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("no-such-file.csv", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_UnknownSegmentColumn_ExitsOneListingTheColumns()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--by", "planet");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("'planet'", result.Error, StringComparison.Ordinal);
        Assert.Contains("'region'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tz", "Mars/Olympus_Mons")]
    [InlineData("--per", "fortnight")]
    [InlineData("--level", "95")]
    [InlineData("--fiscal-start", "13")]
    [InlineData("--format", "pdf")]
    [InlineData("--min-n", "many")]
    public void Report_BadOptionValue_ExitsTwo(string option, string value)
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.StartsWith("nps: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ChangePValues_AreHolmAdjustedAcrossTheReportByDefault()
    {
        CliResult holm = CliRunner.Run("report", CliRunner.SampleData, "--per", "month", "--by", "region", "--format", "csv");
        CliResult none = CliRunner.Run("report", CliRunner.SampleData, "--per", "month", "--by", "region", "--format", "csv", "--adjust", "none");
        CliResult bh = CliRunner.Run("report", CliRunner.SampleData, "--per", "month", "--by", "region", "--format", "csv", "--adjust", "bh");
        Assert.Equal(ExitCodes.Ok, holm.ExitCode);
        string[] header = holm.OutLines[0].Split(',');
        int raw = Array.IndexOf(header, "p_value");
        int adjusted = Array.IndexOf(header, "p_adjusted");
        int flag = Array.IndexOf(header, "significant");
        Assert.True(raw >= 0 && adjusted == raw + 1 && flag == raw + 2);

        List<string[]> Rows(CliResult r) => [.. r.OutLines.Skip(1).Select(line => line.Split(',')).Where(f => f[raw].Length > 0)];
        List<string[]> h = Rows(holm), n = Rows(none), b = Rows(bh);
        Assert.True(h.Count > 10);
        double[] p = [.. h.Select(f => double.Parse(f[raw], System.Globalization.CultureInfo.InvariantCulture))];
        double[] expected = NpsKit.Statistics.MultipleComparisons.Adjust(p);
        for (int i = 0; i < h.Count; i++)
        {
            double ph = double.Parse(h[i][adjusted], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected[i], ph, 1e-4); // the CSV rounds the raw p to 6 decimals
            Assert.True(ph >= p[i]);
            Assert.Equal(h[i][raw], n[i][adjusted]); // none: adjusted = raw
            Assert.True(double.Parse(b[i][adjusted], System.Globalization.CultureInfo.InvariantCulture) <= ph + 1e-12);
            Assert.Equal(ph < 0.05, h[i][flag] == "true");
        }
    }

    [Fact]
    public void Report_WeightedChangeWithZeroStandardError_PrintsADashAndANote()
    {
        string file = CliRunner.TempCsv(
            "submitted_at,score,weight",
            "2026-03-02T10:00:00Z,10,2",
            "2026-03-03T10:00:00Z,9,1.5",
            "2026-04-02T10:00:00Z,0,1",
            "2026-04-03T10:00:00Z,3,2");
        CliResult result = CliRunner.Run("report", file, "--per", "month");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        string april = Assert.Single(result.OutLines, line => line.StartsWith("2026-04", StringComparison.Ordinal));
        Assert.Contains("–", april, StringComparison.Ordinal);
        Assert.Contains("cannot be computed", april, StringComparison.Ordinal);
        Assert.DoesNotContain("<0.001", april, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Html_SaysWhichCorrectionWasApplied()
    {
        CliResult result = CliRunner.Run("report", CliRunner.SampleData, "--per", "quarter", "--by", "region", "--format", "html");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Multiple comparisons", result.Out, StringComparison.Ordinal);
        Assert.Contains("Holm (1979) across the", result.Out, StringComparison.Ordinal);
        Assert.Contains("p adj.", result.Out, StringComparison.Ordinal);
    }
}
