using System.Text.Json;

namespace NpsKit.Cli.Tests;

/// <summary><c>nps enps --history</c>: the joiner/leaver attack of issue #15 through the CLI, and closing a round.</summary>
public class EnpsHistoryCommandTests
{
    // Q3: teams A, B, C of 6. Q4: everyone answers the same, except a1 left A and b7 joined B.
    private static string[] Rows()
    {
        var rows = new List<string> { "employee_id,round,submitted_at,division,team,score" };
        int[] scores = [10, 9, 8, 7, 6, 3];
        foreach (string round in new[] { "2026-Q3", "2026-Q4" })
        {
            string at = round == "2026-Q3" ? "2026-08-10T09:00:00Z" : "2026-11-10T09:00:00Z";
            foreach (string team in new[] { "A", "B", "C" })
            {
                for (int i = 1; i <= 6; i++)
                {
                    if (!(round == "2026-Q4" && team == "A" && i == 1))
                    {
                        rows.Add($"{team.ToLowerInvariant()}{i},{round},{at},Ops,{team},{scores[i - 1]}");
                    }
                }
            }
        }

        rows.Add("b7,2026-Q4,2026-11-10T09:00:00Z,Ops,B,10");
        return [.. rows];
    }

    private static Dictionary<string, JsonElement> Cells(CliResult r)
    {
        using var doc = JsonDocument.Parse(r.Out);
        return doc.RootElement.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.Clone());
    }

    [Fact]
    public void Enps_WithoutHistory_NextRoundChangeGivesTheLeaversAnswer()
    {
        // Reproduces the leak: Q3 team A shows 6 answers, Q4 team A shows the 5 who stayed; the difference is a1's 10.
        string csv = CliRunner.TempCsv(Rows());
        Dictionary<string, JsonElement> q3 = Cells(CliRunner.Run("enps", csv, "--round", "2026-Q3", "--format", "json"));
        Dictionary<string, JsonElement> q4 = Cells(CliRunner.Run("enps", csv, "--round", "2026-Q4", "--format", "json"));
        Assert.Equal(1, q3["Company/Ops/A"].GetProperty("promoters").GetInt64() - q4["Company/Ops/A"].GetProperty("promoters").GetInt64());
        Assert.Equal(1, q3["Company/Ops/A"].GetProperty("n").GetInt64() - q4["Company/Ops/A"].GetProperty("n").GetInt64());
    }

    [Fact]
    public void Enps_WithHistory_NextRoundHidesTeamsThatChangedByOnePerson()
    {
        string csv = CliRunner.TempCsv(Rows());
        string history = Path.Combine(Path.GetTempPath(), $"nps-history-{Guid.NewGuid():N}.json");
        CliResult q3 = CliRunner.Run("enps", csv, "--round", "2026-Q3", "--format", "json", "--history", history, "--published-at", "2026-08-20T17:00:00Z");
        Assert.Equal(ExitCodes.Ok, q3.ExitCode);
        CliResult q4 = CliRunner.Run("enps", csv, "--round", "2026-Q4", "--format", "json", "--history", history, "--published-at", "2026-11-20T17:00:00Z");
        Assert.Equal(ExitCodes.Ok, q4.ExitCode);

        Dictionary<string, JsonElement> cells = Cells(q4);
        Assert.Equal("TooLittleChange", cells["Company/Ops/A"].GetProperty("reason").GetString());
        Assert.Equal("TooLittleChange", cells["Company/Ops/B"].GetProperty("reason").GetString());
        Assert.False(cells["Company/Ops/A"].TryGetProperty("n", out _));
        Assert.False(cells["Company/Ops/C"].GetProperty("suppressed").GetBoolean()); // the same six people: shown, with its change
        using var doc = JsonDocument.Parse(q4.Out);
        Assert.Equal(1, doc.RootElement.GetProperty("audit").GetProperty("earlierReleases").GetInt32());
        Assert.Equal(2, Employee.EnpsPublicationHistory.FromJson(File.ReadAllText(history)).Releases.Count);

        // CSV carries the reasons too.
        CliResult table = CliRunner.Run("enps", csv, "--round", "2026-Q4", "--format", "csv", "--history", history, "--published-at", "2026-11-21T17:00:00Z");
        Assert.Contains(table.OutLines, l => l.StartsWith("Company/Ops/A,", StringComparison.Ordinal) && l.Contains("changed by fewer answers than the minimum", StringComparison.Ordinal));
    }

    [Fact]
    public void Enps_CloseRound_ReRunReturnsTheFrozenFigures()
    {
        string csv = CliRunner.TempCsv(Rows());
        string history = Path.Combine(Path.GetTempPath(), $"nps-history-{Guid.NewGuid():N}.json");
        CliResult closed = CliRunner.Run("enps", csv, "--round", "2026-Q3", "--format", "json", "--history", history, "--published-at", "2026-08-20T17:00:00Z", "--close-round");
        Assert.Equal(ExitCodes.Ok, closed.ExitCode);
        string late = CliRunner.TempCsv([.. Rows(), "c7,2026-Q3,2026-08-25T09:00:00Z,Ops,C,0"]);
        CliResult again = CliRunner.Run("enps", late, "--round", "2026-Q3", "--format", "json", "--history", history, "--published-at", "2026-08-26T17:00:00Z");
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Equal(Cells(closed)["Company"].GetProperty("n").GetInt64(), Cells(again)["Company"].GetProperty("n").GetInt64());
        using var doc = JsonDocument.Parse(again.Out);
        Assert.True(doc.RootElement.GetProperty("audit").GetProperty("frozen").GetBoolean());
        Assert.Equal(1, doc.RootElement.GetProperty("audit").GetProperty("lateAnswers").GetInt32());

        CliResult refused = CliRunner.Run("enps", late, "--round", "2026-Q3", "--history", history, "--refuse-late", "--published-at", "2026-08-27T17:00:00Z");
        Assert.NotEqual(ExitCodes.Ok, refused.ExitCode);
        Assert.Contains("closed", refused.Error, StringComparison.Ordinal);
    }
}
