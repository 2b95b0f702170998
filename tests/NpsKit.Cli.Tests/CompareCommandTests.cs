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
