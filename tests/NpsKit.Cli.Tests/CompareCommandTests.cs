using System.Globalization;
using System.Text.Json;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Statistics;

namespace NpsKit.Cli.Tests;

public class CompareCommandTests
{
    private static string Csv(int promoters, int passives, int detractors)
    {
        var lines = new List<string> { "respondent_id,submitted_at,score" };
        int id = 0;
        foreach ((int count, int score) in new[] { (promoters, 10), (passives, 8), (detractors, 2) })
        {
            for (int i = 0; i < count; i++)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"R{id++},2026-03-01T10:00:00Z,{score}"));
            }
        }

        return CliRunner.TempCsv([.. lines]);
    }

    [Fact]
    public void Compare_TwoFilesWithARealChange_SaysUpAndLikelyReal()
    {
        string a = Csv(400, 300, 300); // NPS 10
        string b = Csv(500, 250, 250); // NPS 25

        CliResult result = CliRunner.Run("compare", a, b);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        NpsComparison expected = NpsTest.Compare(NpsTally.FromCounts(400, 300, 300), NpsTally.FromCounts(500, 250, 250), 0.95, NpsTestMethod.AdjustedWald);
        Assert.Equal($"up 15.0 points, likely real: {Words.P(expected.PValue)}", result.OutLines[^1]);
        Assert.StartsWith("baseline", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("n   1,000  NPS   10.0", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("NPS   25.0", result.OutLines[1], StringComparison.Ordinal);
        Assert.Contains(Words.Interval(expected.Interval, signed: true), result.OutLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_TwoFilesWithASmallChange_SaysCouldBeChance()
    {
        string a = Csv(40, 30, 30);
        string b = Csv(38, 30, 32);

        CliResult result = CliRunner.Run("compare", a, b);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("down 4.0 points, could be chance: p = 0.", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_TwoPeriodsOfOneFile_MatchesTheLibraryOnTheSameTallies()
    {
        CliResult result = CliRunner.Run("compare", CliRunner.SampleData, "--period", "2025-09", "--vs", "2025-10", "--format", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        NpsCube cube = NpsCsv.ReadCube(CliRunner.SampleData).Cube;
        NpsTally september = cube.Tally(ReportingPeriod.Containing(new DateOnly(2025, 9, 1), PeriodUnit.Month), SegmentPath.Total);
        NpsTally october = cube.Tally(ReportingPeriod.Containing(new DateOnly(2025, 10, 1), PeriodUnit.Month), SegmentPath.Total);
        NpsComparison expected = NpsTest.Compare(september, october, 0.95, NpsTestMethod.AdjustedWald);

        using JsonDocument json = JsonDocument.Parse(result.Out);
        JsonElement root = json.RootElement;
        Assert.Equal(september.Count, root.GetProperty("baseline").GetProperty("n").GetInt64());
        Assert.Equal(october.Count, root.GetProperty("current").GetProperty("n").GetInt64());
        Assert.Equal(expected.Difference, root.GetProperty("difference").GetDouble(), 10);
        Assert.Equal(expected.PValue, root.GetProperty("pValue").GetDouble(), 10);
        Assert.Equal(expected.Interval.Lower, root.GetProperty("lower").GetDouble(), 10);
        Assert.Equal(Words.Describe(expected, 0.95), root.GetProperty("summary").GetString());
    }

    [Fact]
    public void Compare_TwoQuarters_InfersTheUnitFromThePeriodText()
    {
        CliResult result = CliRunner.Run("compare", CliRunner.SampleData, "--period", "2025-Q1", "--vs", "2025-Q2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("2025-Q1  n   2,458", result.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("up 6.0 points, likely real: p = 0.01", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_PeriodWithoutAnswers_ExitsOneSayingWhatTheFileCovers()
    {
        CliResult result = CliRunner.Run("compare", CliRunner.SampleData, "--period", "2019-01", "--vs", "2026-10");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("2019-01 has no answers in", result.Error, StringComparison.Ordinal);
        Assert.Contains("the file covers 2024-11 to 2026-10", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--period", "2026-09")]
    [InlineData("--vs", "2026-09")]
    public void Compare_OneFileWithoutBothPeriods_ExitsTwo(string option, string value)
    {
        CliResult result = CliRunner.Run("compare", CliRunner.SampleData, option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--period and --vs", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_PeriodsOfDifferentUnits_ExitsTwo()
    {
        CliResult result = CliRunner.Run("compare", CliRunner.SampleData, "--period", "2025-09", "--vs", "2025-Q4");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    [Fact]
    public void Compare_TwoFilesWithPeriods_ExitsTwo()
    {
        CliResult result = CliRunner.Run("compare", CliRunner.SampleData, CliRunner.SampleData, "--period", "2025-09", "--vs", "2025-10");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    [Fact]
    public void Compare_ThreeFiles_ExitsTwo()
    {
        CliResult result = CliRunner.Run("compare", "a.csv", "b.csv", "c.csv");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    [Theory]
    [InlineData("2026", PeriodUnit.Year)]
    [InlineData("2026-Q3", PeriodUnit.Quarter)]
    [InlineData("2026-09", PeriodUnit.Month)]
    [InlineData("2026-W38", PeriodUnit.IsoWeek)]
    [InlineData("2026-09-14", PeriodUnit.Day)]
    [InlineData("FY2026", PeriodUnit.FiscalYear)]
    [InlineData("FY2026-Q2", PeriodUnit.FiscalQuarter)]
    public void PeriodOption_EveryLabelTheCliPrints_IsAPeriodOfItsUnit(string text, PeriodUnit unit) =>
        Assert.Equal(unit, PeriodOption.Parse(text, "--period").Unit);

    [Fact]
    public void PeriodOption_NotAPeriod_ThrowsUsageExceptionWithExamples()
    {
        var error = Assert.Throws<UsageException>(() => PeriodOption.Parse("September", "--period"));
        Assert.StartsWith("--period September is not a period: use 2026 (year), 2026-Q3 (quarter)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MonthThirteen_SaysTheMonthDoesNotExist_NotDifferentKinds()
    {
        // Issue 19: `--period 2025-13` was called "different kinds of period".
        CliResult result = CliRunner.Run("compare", CliRunner.SampleData, "--period", "2025-13", "--vs", "2025-12");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--period 2025-13 is not a period: month 13 does not exist: months run from 01 to 12.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("different kinds", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_PeriodWithNoAnswers_SaysWhichPeriodsTheFileCovers_NotCannotReadInput()
    {
        // Issue 19: a period with no answers was reported as "cannot read input".
        CliResult result = CliRunner.Run("compare", CliRunner.SampleData, "--period", "2020-01", "--vs", "2025-01");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("2020-01 has no answers in", result.Error, StringComparison.Ordinal);
        Assert.Contains("the file covers 2024-11 to 2026-10", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot read", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Compare_FiscalAndCalendarLabels_SayTheyAreDifferentUnits()
    {
        CliResult result = CliRunner.Run("compare", CliRunner.SampleData, "--period", "2025-Q1", "--vs", "2025-03");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--period 2025-Q1 is a quarter and --vs 2025-03 is a month", result.Error, StringComparison.Ordinal);
    }
}

public class ComparePairedCommandTests
{
    // Baseline → current per respondent: 50 P→P, 8 P→M, 2 P→D, 10 M→P, 25 M→M, 5 M→D, 3 D→P, 7 D→M, 10 D→D
    // (PairedTests.ComparePaired_KnownAnswer: Δ = +5.0, SE 5.87), plus respondents found in one wave only.
    private static (string Baseline, string Current) Waves(bool shuffleIds = false)
    {
        var baseline = new List<string> { "respondent_id,submitted_at,score" };
        var current = new List<string> { "respondent_id,submitted_at,score" };
        int id = 0;
        int[] score = [10, 8, 2];
        long[,] cells = { { 50, 8, 2 }, { 10, 25, 5 }, { 3, 7, 10 } };
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < cells[i, j]; k++, id++)
                {
                    baseline.Add($"R{id},2026-03-01T10:00:00Z,{score[i]}");
                    current.Add($"{(shuffleIds ? "X" : "R")}{id},2026-06-01T10:00:00Z,{score[j]}");
                }
            }
        }

        baseline.Add("ONLY-B1,2026-03-01T10:00:00Z,9");
        current.Add("ONLY-C1,2026-06-01T10:00:00Z,0");
        current.Add("ONLY-C2,2026-06-01T10:00:00Z,0");
        return (CliRunner.TempCsv([.. baseline]), CliRunner.TempCsv([.. current]));
    }

    [Fact]
    public void Paired_TwoFiles_MatchesTheLibraryAndPrintsTheTransitionTable()
    {
        (string a, string b) = Waves();
        CliResult result = CliRunner.Run("compare", a, b, "--paired");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        NpsComparison expected = NpsTest.ComparePaired(NpsTransitions.FromCounts(new long[,] { { 50, 8, 2 }, { 10, 25, 5 }, { 3, 7, 10 } }));
        Assert.Contains("matched   120 respondents in both waves; 1 only in the baseline and 2 only in the current wave (not used)", result.Out, StringComparison.Ordinal);
        Assert.Contains("promoter             50          8          2", result.Out, StringComparison.Ordinal);
        Assert.Contains("detractor             3          7         10", result.Out, StringComparison.Ordinal);
        Assert.Contains($"change    +5.0 points (paired; SE {Words.Points(expected.StandardError)})", result.Out, StringComparison.Ordinal);
        Assert.Contains(Words.Interval(expected.Interval, signed: true), result.Out, StringComparison.Ordinal);
        Assert.Equal(Words.Describe(expected, 0.95), result.OutLines[^1]);
    }

    [Fact]
    public void Paired_Json_CarriesTheTransitionsAndTheTest()
    {
        (string a, string b) = Waves();
        CliResult result = CliRunner.Run("compare", a, b, "--paired", "--format", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        JsonElement root = doc.RootElement;
        NpsComparison expected = NpsTest.ComparePaired(NpsTransitions.FromCounts(new long[,] { { 50, 8, 2 }, { 10, 25, 5 }, { 3, 7, 10 } }));
        Assert.True(root.GetProperty("paired").GetBoolean());
        Assert.Equal(120, root.GetProperty("pairs").GetInt64());
        Assert.Equal(2, root.GetProperty("transitions").GetProperty("promoter").GetProperty("detractor").GetInt64());
        Assert.Equal(expected.StandardError, root.GetProperty("standardError").GetDouble(), 1e-12);
        Assert.Equal(expected.PValue, root.GetProperty("pValue").GetDouble(), 1e-12);
    }

    [Fact]
    public void Paired_IdsThatNeverMatch_SayWhatToCheck()
    {
        (string a, string b) = Waves(shuffleIds: true);
        CliResult result = CliRunner.Run("compare", a, b, "--paired");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("no respondent id appears in both waves", result.Error, StringComparison.Ordinal);
        Assert.Contains("--respondent-column", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Paired_AFileWithoutIds_IsRefusedWithTheFix()
    {
        string a = CliRunner.TempCsv("submitted_at,score", "2026-03-01T10:00:00Z,9", "2026-03-01T10:00:00Z,3");
        (_, string b) = Waves();
        CliResult result = CliRunner.Run("compare", a, b, "--paired");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("has no respondent id column", result.Error, StringComparison.Ordinal);
        Assert.Contains("--respondent-column", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Paired_MissingIdsAndRepeatedIds_AreRefusedByRow()
    {
        string missing = CliRunner.TempCsv("respondent_id,submitted_at,score", "R1,2026-03-01T10:00:00Z,9", ",2026-03-01T10:00:00Z,3");
        string twice = CliRunner.TempCsv("respondent_id,submitted_at,score", "R1,2026-03-01T10:00:00Z,9", "R1,2026-03-02T10:00:00Z,3");
        string other = CliRunner.TempCsv("respondent_id,submitted_at,score", "R1,2026-06-01T10:00:00Z,9");

        CliResult noId = CliRunner.Run("compare", missing, other, "--paired");
        Assert.Equal(ExitCodes.BadInput, noId.ExitCode);
        Assert.Contains("1 answer(s) have no respondent id (the first is accepted row 2)", noId.Error, StringComparison.Ordinal);

        CliResult repeated = CliRunner.Run("compare", twice, other, "--paired");
        Assert.Equal(ExitCodes.BadInput, repeated.ExitCode);
        Assert.Contains("R1", repeated.Error, StringComparison.Ordinal);
        Assert.Contains("--duplicates keep-latest", repeated.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Paired_TwoPeriodsOfOneFile_AndNoChangeIsNotComputable()
    {
        string file = CliRunner.TempCsv(
            "respondent_id,submitted_at,score",
            "R1,2026-03-01T10:00:00Z,9", "R2,2026-03-01T10:00:00Z,3", "R3,2026-03-02T10:00:00Z,8",
            "R1,2026-06-01T10:00:00Z,10", "R2,2026-06-01T10:00:00Z,5", "R3,2026-06-02T10:00:00Z,7");
        CliResult result = CliRunner.Run("compare", file, "--paired", "--period", "2026-Q1", "--vs", "2026-Q2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("matched   3 respondents in both waves", result.Out, StringComparison.Ordinal);
        Assert.Contains("CI –, p –", result.Out, StringComparison.Ordinal);

        CliResult both = CliRunner.Run("compare", file, "--paired", "--period", "2026-Q1", "--vs", "2026-Q2", "--by", "region");
        Assert.Equal(ExitCodes.Usage, both.ExitCode);
    }
}
