using NpsKit.Employee;

namespace NpsKit.Tests.Docs.Snippets;

/// <summary>The C# block of docs/enps.md, compiled and run; <see cref="ReadmeTests"/> checks the document shows it.</summary>
[UseInvariantCulture]
public class EnpsDocSnippets
{
    [Fact]
    public void QuickStart_ShowsLargeUnitsAndHidesSmallOnes()
    {
        var output = new StringWriter();

        #region enps-quick-start
        OrgUnit[] org =
        [
            new("Co", null),               // the one root
            new("Eng", "Co"),              // any depth: company → division → department → team …
            new("Platform", "Eng"),
            new("Apps", "Eng"),
            new("Sales", "Co"),
        ];
        // One answer per employee: unit, score 0..10, optional comment and attributes.
        EnpsResponse[] answers =
        [
            .. Enumerable.Range(0, 12).Select(i => new EnpsResponse("Platform", 5 + (i % 6),
                Attributes: new Dictionary<string, string> { ["tenure"] = i < 6 ? "<1y" : "1-3y" })),
            .. Enumerable.Range(0, 8).Select(i => new EnpsResponse("Apps", 10 - i, Comment: i < 2 ? "Great team" : null)),
            new("Sales", 3, "Targets are unrealistic"),
            new("Sales", 9),
        ];

        EnpsReport report = EnpsReport.FromResponses(
            new SurveyRound("2026 Q4", new DateOnly(2026, 11, 20)),
            org,
            answers,
            AnonymityPolicy.Default,                                   // 5 for scores, 10 for comments
            new EnpsReportOptions { Dimensions = ["tenure"] });        // optional cross-tabs

        foreach (EnpsCell cell in report.Cells)
        {
            output.WriteLine(cell.TryGetScore(out double enps)
                ? $"{cell.Key}: {enps:+0.0;-0.0} (n = {cell.RespondentCount})"
                : $"{cell.Key}: hidden — {cell.Explanation}");
        }
        // Co: -9.1 (n = 22)
        // Co/Eng: hidden — Suppressed to protect another hidden cell from subtraction (complementary suppression).
        // Co/Eng/Platform: +0.0 (n = 12)
        // Co/Eng/Platform [tenure=<1y]: +0.0 (n = 6)
        // Co/Sales: hidden — Suppressed: fewer respondents than the anonymity minimum.
        // … 15 cells in all
        #endregion

        string[] lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(15, lines.Length);
        Assert.Equal("Co: -9.1 (n = 22)", lines[0]);
        Assert.Contains("Co/Eng: hidden — Suppressed to protect another hidden cell from subtraction (complementary suppression).", lines);
        Assert.Contains("Co/Eng/Platform: +0.0 (n = 12)", lines);
        Assert.Contains("Co/Eng/Platform [tenure=<1y]: +0.0 (n = 6)", lines);
        Assert.Contains("Co/Sales: hidden — Suppressed: fewer respondents than the anonymity minimum.", lines);
        Assert.True(report["Co/Sales"].IsSuppressed && !report["Co/Sales"].TryGetTally(out _));
    }

    [Fact]
    public void PublishingTwice_LiveRerunKeepsTheLastFigures()
    {
        var output = new StringWriter();
        var Console = new { WriteLine = (Action<string>)output.WriteLine };
        SurveyRound round = new("2026 Q4", new DateOnly(2026, 11, 20));
        OrgUnit[] org = [new("Co", null, 0), new("Eng", "Co"), new("Sales", "Co")];
        EnpsResponse[] answersSoFar = [.. Enumerable.Range(0, 12).Select(i => new EnpsResponse(i < 6 ? "Eng" : "Sales", i % 11) { RespondentId = "e" + i })];
        EnpsResponse[] allAnswers = [.. answersSoFar, new EnpsResponse("Sales", 9) { RespondentId = "e12" }];

        #region enps-publish-twice
        EnpsPublicationHistory history = EnpsPublicationHistory.Empty;          // or EnpsPublicationHistory.FromJson(saved)
        EnpsPublication first = EnpsReport.Publish(round, org, answersSoFar, history,
            new EnpsPublishOptions(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero)));
        EnpsPublication later = EnpsReport.Publish(round, org, allAnswers, first.History,
            new EnpsPublishOptions(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero)) { CloseRound = true });
        string saved = later.History.ToJson();       // keep it with the answers: it is the guarantee
        // One more answer changed Co by 1: the dashboard keeps showing the 9:00 figures.
        Console.WriteLine(later.Report.Company.Explanation);
        // Shown as taken at 2026-11-20 09:00 +00:00: changed by fewer answers than the anonymity minimum since.
        #endregion

        Assert.Equal("Shown as taken at 2026-11-20 09:00 +00:00: changed by fewer answers than the anonymity minimum since.", output.ToString().Trim());
        Assert.True(later.Report.Company.IsStale);
        Assert.Equal(first.Report.Company.Tally, later.Report.Company.Tally);
        EnpsPublicationHistory back = EnpsPublicationHistory.FromJson(saved);
        Assert.Equal(2, back.Releases.Count);
        Assert.Equal(saved, back.ToJson());
        Assert.True(back.IsClosed("2026 Q4"));
        EnpsPublication again = EnpsReport.Publish(round, org, allAnswers, back, new EnpsPublishOptions(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero)));
        Assert.True(again.IsFrozen);
        Assert.Equal(later.Report.Cells.Select(c => c.ToString()), again.Report.Cells.Select(c => c.ToString()));
    }
}
