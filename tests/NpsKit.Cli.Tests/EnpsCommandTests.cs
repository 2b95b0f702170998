using System.Text.Json;
using NpsKit.Csv;
using NpsKit.Employee;

namespace NpsKit.Cli.Tests;

public class EnpsCommandTests
{
    private static readonly string Enps = CliRunner.Sample("enps.csv");

    [Fact]
    public void Enps_SampleData_ShowsTheOrgTreeWithChangeAndSuppressedReasons()
    {
        CliResult result = CliRunner.Run("enps", Enps);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.StartsWith("eNPS 2026-11 (", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("vs 2026-05", result.OutLines[0], StringComparison.Ordinal);
        string company = result.OutLines.Single(l => l.StartsWith("Company ", StringComparison.Ordinal));
        string design = result.OutLines.Single(l => l.TrimStart().StartsWith("Design ", StringComparison.Ordinal));
        Assert.Contains("below the minimum group size", design, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d", design); // never a number for a suppressed cell

        // The company's eNPS and change, counted straight from the file.
        string[] cells = company.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        (double nov, long n) = Enps2("2026-11");
        (double may, _) = Enps2("2026-05");
        Assert.Equal(n.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[1]);
        Assert.Equal(Words.Signed(nov), cells[2]);
        Assert.Equal(Words.Signed(nov - may), cells[5]);
    }

    [Fact]
    public void Enps_FormatJson_SuppressedCellsCarryReasonAndNoFigures()
    {
        CliResult result = CliRunner.Run("enps", Enps, "--format", "json", "--round", "2026-05", "--min-group", "8", "--show-comments");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal("2026-05", doc.RootElement.GetProperty("round").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("compareRound").ValueKind);
        Assert.Equal(8, doc.RootElement.GetProperty("minimumRespondents").GetInt32());
        var cells = doc.RootElement.GetProperty("cells").EnumerateArray().ToList();
        var hidden = cells.Where(c => c.GetProperty("suppressed").GetBoolean()).ToList();
        Assert.NotEmpty(hidden);
        Assert.All(hidden, c =>
        {
            Assert.False(c.TryGetProperty("n", out _));
            Assert.False(c.TryGetProperty("enps", out _));
            Assert.False(c.TryGetProperty("promoters", out _));
            Assert.True(c.TryGetProperty("reason", out _));
        });
        Assert.All(cells.Where(c => !c.GetProperty("suppressed").GetBoolean()), c => Assert.True(c.GetProperty("n").GetInt64() >= 8));
        Assert.NotEmpty(doc.RootElement.GetProperty("comments").EnumerateArray());
    }

    [Fact]
    public void Enps_CompareRoundAndCrossTab_MatchTheLibrary()
    {
        CliResult result = CliRunner.Run("enps", Enps, "--by", "tenure", "--format", "csv");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        EnpsCsvResult data = EnpsCsv.Read(Enps);
        var options = new EnpsReportOptions { Dimensions = ["tenure"] };
        EnpsReport report = EnpsReport.FromResponses(data.Rounds[1].Round, data.Units, data.Rounds[1].Responses, null, options);
        string[] rows = result.OutLines.Skip(1).ToArray();
        Assert.Equal(report.Cells.Count, rows.Length);
        foreach ((EnpsCell cell, string row) in report.Cells.Zip(rows))
        {
            if (cell.IsSuppressed)
            {
                Assert.StartsWith(Table.Csv(cell.Key) + ",,,,,,", row, StringComparison.Ordinal);
                Assert.False(row.EndsWith(',')); // a reason is given
            }
            else
            {
                Assert.StartsWith($"{Table.Csv(cell.Key)},{cell.RespondentCount},{Words.Signed(cell.Score)},", row, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Enps_UnknownRound_IsAUsageErrorListingTheRounds()
    {
        CliResult result = CliRunner.Run("enps", Enps, "--round", "2030-01");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("2026-05, 2026-11", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Enps_MinGroupOfOne_IsAUsageError()
    {
        CliResult result = CliRunner.Run("enps", Enps, "--min-group", "1");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--min-group 1 is below 2", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("MinimumRespondents", result.Error, StringComparison.Ordinal); // the flag, not the API member
    }

    [Fact]
    public void Enps_BadRowStrict_NamesFileLineAndColumnButNotTheAnswer()
    {
        string path = CliRunner.TempCsv("round,team,score", "2026-11,A,9", "2026-11,A,eleven");
        CliResult result = CliRunner.Run("enps", path);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"{Path.GetFileName(path)} line 3, column 'score'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("eleven", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Enps_BadRowLenient_SummarisedAtTheEnd()
    {
        string path = CliRunner.TempCsv(["round,team,score", .. Enumerable.Repeat("2026-11,A,9", 6), "2026-11,A,11"]);
        CliResult result = CliRunner.Run("enps", path, "--lenient");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("skipped 1 of 7 rows", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 8, column 'score'", result.Error, StringComparison.Ordinal);
    }

    /// <summary>eNPS and n of a round, counted from the file's text with no NpsKit code.</summary>
    private static (double Enps, long N) Enps2(string round)
    {
        long p = 0, d = 0, n = 0;
        foreach (string line in File.ReadLines(Enps).Skip(1))
        {
            // The score is the 8th field; comments (9th, maybe quoted) come after it.
            string[] fields = line.Split(',');
            if (fields[1] != round)
            {
                continue;
            }

            int score = int.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
            n++;
            p += score >= 9 ? 1 : 0;
            d += score <= 6 ? 1 : 0;
        }

        return (100.0 * (p - d) / n, n);
    }
}
