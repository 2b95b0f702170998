using NpsKit.Aggregation;
using NpsKit.Employee;
using NpsKit.Statistics;
using NpsKit.TestUtilities;

namespace NpsKit.Text.Tests;

public class ThemeAnalysisTests
{
    private static readonly ThemeTagger Tagger = new(Codebook.English, Codebook.Danish);

    /// <summary>Planted: comments about late delivery come from detractors; price comments from everyone alike; some detractors
    /// write "the box was dented" (no theme) — a candidate.</summary>
    private static List<SurveyResponse> Planted(int n, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var list = new List<SurveyResponse>();
        for (int i = 0; i < n; i++)
        {
            string team = $"T{rng.NextInt(6)}";
            int score;
            string? comment;
            double u = rng.NextDouble();
            if (u < 0.2)
            {
                score = rng.NextInt(5);
                comment = rng.NextInt(2) == 0 ? "The delivery was late" : "Pakken kom for sent";
            }
            else if (u < 0.4)
            {
                score = rng.NextInt(11);
                comment = "Fair price";
            }
            else if (u < 0.45)
            {
                score = rng.NextInt(4);
                comment = rng.NextInt(2) == 0 ? "The box was dented." : "Honestly the box was dented again";
            }
            else if (u < 0.7)
            {
                score = 6 + rng.NextInt(5);
                comment = "Friendly staff";
            }
            else
            {
                score = 5 + rng.NextInt(6);
                comment = null;
            }

            list.Add(new SurveyResponse(null, new DateTimeOffset(2026, 9 + (i % 2), 1 + (i % 28), 10, 0, 0, TimeSpan.Zero), score,
                new Dictionary<string, string> { ["team"] = team }, comment: comment));
        }

        return list;
    }

    [Fact]
    public void PlantedTheme_ComesOutOnTop_Significant()
    {
        ThemeReport report = ThemeAnalysis.Analyze(Planted(3000, 1), Tagger, new ThemeAnalysisOptions { Dimension = "team", Calendar = ReportingCalendar.FromTimeZoneId("Etc/UTC") });
        ThemeStatistics top = report.Ranked()[0];
        Assert.Equal("delivery", top.Theme.Id);
        Assert.True(top.IsSignificant());
        Assert.True(top.Impact > 10, top.ToString());
        Assert.True(top.ImpactLower > 0);
        Assert.True(top.DetractorShare > 0.3 && top.PromoterShare == 0, top.ToString());
        ThemeStatistics price = report.Overall.Single(c => c.Theme.Id == "price");
        Assert.False(price.IsSignificant() && Math.Abs(price.Impact) > 5, price.ToString());
        Assert.Equal(["All", "2026-09", "2026-10", "team=T0", "team=T1", "team=T2", "team=T3", "team=T4", "team=T5"], report.Groups.Select(g => g.Group));
        Assert.Equal(report.Groups.Count * Tagger.Themes.Count, report.Cells.Count);
        Assert.Equal(report.Groups[1].Answers + report.Groups[2].Answers, report.Groups[0].Answers);
        Assert.Equal("box was dented", report.Candidates[0].Phrase);
        Assert.True(report.Groups[0].Untagged >= report.Candidates[0].Comments);
        Assert.Contains("Delivery", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("<td>Delivery</td>", report.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Analysis_IsIndependentOfTheOrderOfTheResponses()
    {
        List<SurveyResponse> data = Planted(800, 2);
        ThemeReport forward = ThemeAnalysis.Analyze(data, Tagger, new ThemeAnalysisOptions { Dimension = "team" });
        var shuffled = data.OrderBy(r => r.GetHashCode()).ToList();
        shuffled.Reverse();
        ThemeReport back = ThemeAnalysis.Analyze(shuffled, Tagger, new ThemeAnalysisOptions { Dimension = "team" });
        Assert.Equal(forward.Cells.Select(c => (c.Group, c.Theme.Id, c.Mentioners, c.Others, c.AdjustedPValue)), back.Cells.Select(c => (c.Group, c.Theme.Id, c.Mentioners, c.Others, c.AdjustedPValue)));
        Assert.Equal(forward.Candidates, back.Candidates);
        Assert.Equal(forward.Groups, back.Groups);
    }

    [Fact]
    public void AdjustedPValues_AreHolmsOverEveryTestedCell_OrBenjaminiHochbergsWhenAsked()
    {
        List<SurveyResponse> data = Planted(600, 3);
        ThemeReport holm = ThemeAnalysis.Analyze(data, Tagger, new ThemeAnalysisOptions { Dimension = "team" });
        ThemeReport bh = ThemeAnalysis.Analyze(data, Tagger, new ThemeAnalysisOptions { Dimension = "team", Adjustment = PValueAdjustment.BenjaminiHochberg });
        double[] raw = [.. holm.Cells.Where(c => c.IsTested).Select(c => c.PValue)];
        Assert.Equal(MultipleComparisons.Adjust(raw, PValueAdjustment.Holm), holm.Cells.Where(c => c.IsTested).Select(c => c.AdjustedPValue));
        Assert.Equal(MultipleComparisons.Adjust(raw, PValueAdjustment.BenjaminiHochberg), bh.Cells.Where(c => c.IsTested).Select(c => c.AdjustedPValue));
        Assert.All(holm.Cells.Where(c => !c.IsTested), c => Assert.Equal(1, c.AdjustedPValue));
    }

    [Fact]
    public void Verbatims_AreShortestFirst_OrSeededAndReproducible()
    {
        List<SurveyResponse> data = Planted(500, 4);
        ThemeReport shortest = ThemeAnalysis.Analyze(data, Tagger);
        Assert.Equal(["Pakken kom for sent", "The delivery was late"], shortest.Verbatims["delivery"].Select(v => v.Text));
        var seeded = new ThemeAnalysisOptions { VerbatimOrder = VerbatimOrder.Seeded, VerbatimSeed = 9, VerbatimsPerTheme = 5 };
        Assert.Equal(ThemeAnalysis.Analyze(data, Tagger, seeded).Verbatims["delivery"], ThemeAnalysis.Analyze(data, Tagger, seeded).Verbatims["delivery"]);
        Assert.NotEqual(
            ThemeAnalysis.Analyze(data, Tagger, seeded).Verbatims["delivery"].Select(v => v.Row),
            ThemeAnalysis.Analyze(data, Tagger, seeded with { VerbatimSeed = 10 }).Verbatims["delivery"].Select(v => v.Row));
    }

    [Fact]
    public void Verbatims_NeverComeFromAnEnpsGroupBelowTheCommentMinimum()
    {
        var responses = new List<SurveyResponse>();
        for (int i = 0; i < 40; i++)
        {
            responses.Add(new SurveyResponse(null, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), 3, new Dictionary<string, string> { ["team"] = "Big" }, comment: $"My manager is rude, week {i}"));
        }

        for (int i = 0; i < 4; i++)
        {
            responses.Add(new SurveyResponse(null, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), 2, new Dictionary<string, string> { ["team"] = "Tiny" }, comment: "Rude"));
        }

        var options = ThemeAnalysisOptions.ForEnps(AnonymityPolicy.Default, "team") with { VerbatimsPerTheme = 50 };
        ThemeReport report = ThemeAnalysis.Analyze(responses, Tagger, options);
        IReadOnlyList<ThemeVerbatim> quotes = report.Verbatims["staff"];
        Assert.Equal(40, quotes.Count);
        Assert.DoesNotContain(quotes, v => v.Text == "Rude");
        Assert.Equal(44, report.Overall.Single(c => c.Theme.Id == "staff").Mentions); // still counted
    }

    [Fact]
    public void Options_AreValidated()
    {
        var e = Assert.Throws<InvalidOptionsException>(() => new ThemeAnalysisOptions { Level = 2, CandidateMinimumComments = 1, MinimumGroupRespondents = 5 }.Validate());
        Assert.Equal(["Level", "CandidateMinimumComments", "AnonymityDimension"], e.Problems.Select(p => p.Member));
        Assert.All(e.Problems, p => Assert.Contains(Environment.NewLine + "- " + p.Message, e.Message, StringComparison.Ordinal));
        Assert.Equal("MaxCandidates", Assert.Single(Assert.Throws<InvalidOptionsException>(() => new ThemeAnalysisOptions { MaxCandidates = -1 }.Validate()).Problems).Member);
        Assert.Contains("Level is 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("CandidateMinimumComments is 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("AnonymityDimension", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ThemeAnalysis.Analyze(ResponseTable.FromResponses(Planted(10, 5), ["team"]), Tagger, new ThemeAnalysisOptions { Dimension = "region" }));
    }
}
