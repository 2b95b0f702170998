using System.Globalization;
using System.Text.RegularExpressions;
using DocSnippetsOutsideNpsKit;
using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Docs.Snippets;

/// <summary>
/// The C# blocks of docs/aggregation.md, compiled and run against samples/data/responses.csv (20 000 answers,
/// November 2024 to October 2026); <see cref="ReadmeTests"/> checks the document shows them.
/// </summary>
[UseInvariantCulture]
public class AggregationDocSnippets
{
    private static readonly Lazy<Answer[]> SampleAnswers = new(LoadSample);

    private static readonly AggregationOptions Options = new() { TimeZoneId = "Europe/Copenhagen", Period = PeriodUnit.Month };

    private static readonly ReportingPeriod March = ReportingPeriod.Containing(new DateOnly(2026, 3, 1), PeriodUnit.Month);

    [Fact]
    public void Usings_AreAllTheCodeNeeds()
    {
        Answer[] answers = SampleAnswers.Value;
        NpsTally north = AggregationUsings.NorthTally(Table(answers));
        Assert.Equal(NpsTally.FromScores(answers.Where(a => a.Region == "North").Select(a => a.Score)), north);
    }

    [Fact]
    public void NpsPerMonthPerDepartment_PrintsEveryMonthAndDepartment()
    {
        Answer[] answers = SampleAnswers.Value;
        var output = new StringWriter();

        #region aggregation-month-department
        var builder = new ResponseTableBuilder("department", "team");
        foreach (var r in answers)                         // any source: objects, a DbDataReader, a parser…
        {
            builder.Add(r.SubmittedAt, r.Score, [r.Department, r.Team]);
        }

        ResponseTable table = builder.ToTable();

        NpsCube cube = NpsCube.FromTable(
            table,
            Segmentation.By("department"),
            new AggregationOptions { TimeZoneId = "Europe/Copenhagen", Period = PeriodUnit.Month });

        foreach (ReportingPeriod month in cube.Periods)                 // 2024-11, 2024-12, … (empty months included)
        {
            foreach (SegmentPath department in cube.Segments)          // department=Billing, department=Delivery, …
            {
                NpsCell cell = cube.Cell(month, department);
                string score = cell.Tally.TryGetScore(out double nps) ? $"{nps:+0.0;-0.0}" : "n/a";
                output.WriteLine($"{month} {department}: {score} (n = {cell.Tally.Count}){(cell.IsBelowMinimumCount ? " too few to read" : "")}");
            }
        }
        #endregion

        string[] lines = Lines(output);
        // The sample runs from 2024-11-01 to 2026-10-31 in UTC; its last answers are on 1 November in Copenhagen.
        Assert.Equal(25 * 5, lines.Length);
        Assert.StartsWith("2024-11 department=Billing: ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("2024-11 department=Delivery: ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2026-11 department=Support: ", lines[^1], StringComparison.Ordinal);
        Assert.All(lines[..^5], l => Assert.Matches(@"^20\d\d-\d\d department=\w+: [+-]\d+\.\d \(n = \d+\)$", l));
        Assert.All(lines[^5..], l => Assert.Matches(@"^2026-11 department=\w+: ([+-]\d+\.\d|n/a) \(n = \d\) too few to read$", l));
        Assert.Equal(answers.Length, lines.Sum(l => int.Parse(Regex.Match(l, @"\(n = (\d+)\)").Groups[1].Value, CultureInfo.InvariantCulture)));
        Assert.Equal(NpsTally.FromScores(answers.Select(a => a.Score)), cube.Total);
    }

    [Fact]
    public void PeriodOf_CountsALateMarchAnswerInApril()
    {
        #region aggregation-time-zone
        var calendar = ReportingCalendar.FromTimeZoneId("Europe/Copenhagen");        // months by default
        ReportingPeriod april = calendar.PeriodOf(new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero)); // 2026-04
        #endregion

        Assert.Equal("2026-04", april.ToString());
    }

    [Fact]
    public void FiscalQuarters_AreNamedByTheYearTheyEndIn()
    {
        #region aggregation-fiscal-quarters
        // Fiscal quarters of a July–June fiscal year:
        var options = new AggregationOptions { TimeZoneId = "America/New_York", Period = PeriodUnit.FiscalQuarter, FiscalYearStartMonth = 7 };
        #endregion

        NpsCube cube = NpsCube.FromTable(Table(SampleAnswers.Value), Segmentation.Total, options);
        // November 2024 is in the second quarter of the fiscal year July 2024 – June 2025, FY2025.
        Assert.Equal("FY2025-Q2", cube.Periods[0].ToString());
        Assert.Equal("FY2027-Q2", cube.Periods[^1].ToString());
        Assert.Equal(9, cube.Periods.Count);
    }

    [Fact]
    public void Hierarchy_RollsUpExactly()
    {
        ResponseTable table = Table(SampleAnswers.Value);
        AggregationOptions options = Options;
        ReportingPeriod march = March;

        #region aggregation-hierarchy
        NpsCube cube = NpsCube.FromTable(table, Segmentation.Hierarchy("department", "team"), options);

        NpsTally all      = cube.Total;                                                 // level 0
        NpsTally support  = cube.Tally(SegmentPath.Of("department", "Support"));        // level 1, all periods
        NpsTally chatMar  = cube.Tally(march, SegmentPath.Of("department", "Support").Then("team", "Chat"));

        IReadOnlyList<SegmentPath> departments = cube.SegmentsAtLevel(1);   // department=Billing, …
        IReadOnlyList<SegmentPath> teams       = cube.SegmentsAtLevel(2);   // department=Billing / team=Chat, …
        #endregion

        Answer[] answers = SampleAnswers.Value;
        Assert.Equal(NpsTally.FromScores(answers.Select(a => a.Score)), all);
        Assert.Equal(NpsTally.FromScores(answers.Where(a => a.Department == "Support").Select(a => a.Score)), support);
        Assert.Equal(NpsTally.Sum(departments.Select(cube.Tally)), all);
        Assert.Equal(NpsTally.Sum(teams.Where(t => t.ValueAt(0) == "Support").Select(cube.Tally)), support);
        Assert.True(chatMar.Count > 0 && chatMar.Count < support.Count);
        Assert.Equal((5, 15), (departments.Count, teams.Count));
        Assert.Equal("department=Billing / team=Chat", teams[0].ToString());
    }

    [Fact]
    public void CrossTab_HasMarginsOverEveryDimension()
    {
        ResponseTable table = Table(SampleAnswers.Value);
        AggregationOptions options = Options;

        #region aggregation-cross-tab
        NpsCube cube = NpsCube.FromTable(table, Segmentation.CrossTab("region", "channel"), options);
        NpsTally northEmail = cube.Tally(SegmentPath.Of(("region", "North"), ("channel", "Email")));
        NpsTally allEmail   = cube.Tally(SegmentPath.Of("channel", "Email"));   // margin over regions
        IReadOnlyList<SegmentPath> channels = cube.SegmentsBy("channel");
        #endregion

        Answer[] answers = SampleAnswers.Value;
        Assert.Equal(NpsTally.FromScores(answers.Where(a => a.Region == "North" && a.Channel == "Email").Select(a => a.Score)), northEmail);
        Assert.Equal(NpsTally.FromScores(answers.Where(a => a.Channel == "Email").Select(a => a.Score)), allEmail);
        Assert.Equal(["channel=Email", "channel=SMS", "channel=Web"], channels.Select(c => c.ToString()));
    }

    [Fact]
    public void Series_WindowsAndRunningTotals()
    {
        NpsCube cube = NpsCube.FromTable(Table(SampleAnswers.Value), Segmentation.Hierarchy("department", "team"), Options);

        #region aggregation-series
        NpsSeries monthly = cube.Series(SegmentPath.Of("department", "Support"));  // every month, n = 0 where nobody answered
        NpsSeries rolling = monthly.WithWindow(RollingWindow.Periods(3));          // trailing 3 months
        NpsSeries ytd     = monthly.Cumulative();                                   // running total
        #endregion

        Assert.Equal(25, monthly.Points.Count);
        Assert.Equal(monthly.Points[3].Tally + monthly.Points[4].Tally + monthly.Points[5].Tally, rolling.Points[5].Tally);
        Assert.Equal(cube.Tally(SegmentPath.Of("department", "Support")), ytd.Points[^1].Tally);
    }

    [Fact]
    public void DailyCube_WindowsDaysAndRegroupsToMonths()
    {
        ResponseTable table = Table(SampleAnswers.Value);
        AggregationOptions options = Options;

        #region aggregation-daily
        NpsCube daily = NpsCube.FromTable(table, Segmentation.By("department"), options with { Period = PeriodUnit.Day });
        NpsSeries last28 = daily.Series().WithWindow(RollingWindow.Days(28));
        NpsCube monthlyFromDaily = daily.Regroup(PeriodUnit.Month);   // exact: days nest in every unit
        #endregion

        NpsCube monthly = NpsCube.FromTable(table, Segmentation.By("department"), options);
        Assert.Equal(monthly.Periods, monthlyFromDaily.Periods);
        Assert.All(monthly.Cells(), c => Assert.Equal(c.Tally, monthlyFromDaily.Tally(c.Period, c.Segment)));
        Assert.Equal(NpsTally.Sum(daily.Series().Points.TakeLast(28).Select(p => p.Tally)), last28.Points[^1].Tally);
    }

    [Fact]
    public void Changes_PrintThePointsBetweenConsecutiveMonths()
    {
        NpsCube cube = NpsCube.FromTable(Table(SampleAnswers.Value), Segmentation.By("department"), Options);
        NpsSeries monthly = cube.Series(SegmentPath.Of("department", "Support"));
        var output = new StringWriter();

        #region aggregation-changes
        foreach (PeriodChange change in monthly.Changes())
        {
            if (change.TryGetDifference(out double points))
            {
                output.WriteLine($"{change.PreviousPeriod} → {change.Period}: {points:+0.0;-0.0} points");
            }
        }
        #endregion

        string[] lines = Lines(output);
        Assert.True(lines.Length >= 23, output.ToString());
        double first = monthly.Points[1].Tally.Score - monthly.Points[0].Tally.Score;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"2024-11 → 2024-12: {first:+0.0;-0.0} points"), lines[0]);
        Assert.StartsWith("2026-09 → 2026-10: ", lines[22], StringComparison.Ordinal);
    }

    [Fact]
    public void TopAndBottom_RankTheReadableCells()
    {
        NpsCube cube = NpsCube.FromTable(Table(SampleAnswers.Value), Segmentation.Hierarchy("department", "team"), Options);
        ReportingPeriod march = March;

        #region aggregation-top-bottom
        IReadOnlyList<NpsCell> best  = cube.Top(3, period: march);              // finest segments by default
        IReadOnlyList<NpsCell> worst = cube.Bottom(3, level: 1);                // departments, all periods
        #endregion

        Assert.Equal(3, best.Count);
        Assert.All(best, c => Assert.Equal((march, 2), (c.Period, c.Segment.Depth)));
        double thirdBest = best[2].Tally.Score;
        IEnumerable<NpsCell> others = cube.SegmentsAtLevel(2).Where(s => !best.Any(b => b.Segment == s)).Select(s => cube.Cell(march, s));
        Assert.All(others, c => Assert.True(c.IsBelowMinimumCount || c.Tally.Score <= thirdBest, c.ToString()));
        Assert.True(best[0].Tally.Score >= best[1].Tally.Score && best[1].Tally.Score >= thirdBest);
        Assert.All(worst, c => Assert.Equal(1, c.Segment.Depth));
        Assert.True(worst[0].Tally.Score <= worst[1].Tally.Score && worst[1].Tally.Score <= worst[2].Tally.Score);
    }

    [Fact]
    public void StreamingBuilder_CountsTheCsvLikeATable()
    {
        string csvPath = SamplePath();
        AggregationOptions options = Options;

        #region aggregation-streaming
        var builder = new NpsCubeBuilder(Segmentation.By("department"), options);
        Span<Range> fields = stackalloc Range[8];
        foreach (string line in File.ReadLines(csvPath).Skip(1))   // C002227,2024-11-01T01:35:13Z,5,South,Onboarding,…
        {
            ReadOnlySpan<char> row = line;
            row.Split(fields, ',');
            DateTimeOffset time = DateTimeOffset.Parse(row[fields[1]], CultureInfo.InvariantCulture);
            int score = int.Parse(row[fields[2]], CultureInfo.InvariantCulture);
            int department = builder.GetSegmentCode(0, row[fields[4]]);   // allocates only for a new value
            builder.AddCoded(time.UtcTicks, score, [department]);
        }

        NpsCube cube = builder.ToCube();
        #endregion

        NpsCube fromTable = NpsCube.FromTable(Table(SampleAnswers.Value), Segmentation.By("department"), options);
        Assert.Equal(fromTable.Segments.Select(s => s.ToString()).Order(), cube.Segments.Select(s => s.ToString()).Order());
        Assert.All(fromTable.Cells(), c => Assert.Equal(c.Tally, cube.Tally(c.Period, c.Segment)));
        Assert.Equal(20_000, cube.Total.Count);
    }

    [Fact]
    public void Merge_AddsTheCountsOfTwoParts()
    {
        Answer[] answers = SampleAnswers.Value;
        ResponseTable firstFile = Table(answers[..12_345]);
        ResponseTable secondFile = Table(answers[12_345..]);
        AggregationOptions options = Options;

        #region aggregation-merge
        NpsCube first  = NpsCube.FromTable(firstFile, Segmentation.By("department"), options);   // one file, thread or machine
        NpsCube second = NpsCube.FromTable(secondFile, Segmentation.By("department"), options);  // another
        NpsCube all = first.Merge(second);                                                     // exact: the counts add
        #endregion

        NpsCube whole = NpsCube.FromTable(Table(answers), Segmentation.By("department"), options);
        Assert.Equal(whole.Periods, all.Periods);
        Assert.All(whole.Cells(), c => Assert.Equal(c.Tally, all.Tally(c.Period, c.Segment)));
    }

    [Fact]
    public void WeightedAnswers_PrintTheWeightedScoreAndEffectiveSampleSize()
    {
        var output = new StringWriter();

        #region aggregation-weighted
        var table = new ResponseTableBuilder("region");
        table.Add(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), 10, ["North"], weight: 2.0);
        table.Add(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), 3, ["North"], weight: 0.5);
        table.Add(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero), 8, ["South"]);   // no weight: weight 1

        NpsCube cube = NpsCube.FromTable(table.ToTable(), Segmentation.By("region"));
        WeightedNpsTally north = cube.WeightedTally(SegmentPath.Of("region", "North"));
        output.WriteLine($"{north.Score:0.0} (n = {north.Count}, effective n = {north.EffectiveSampleSize:0.00})");
        // 60.0 (n = 2, effective n = 1.47)
        output.WriteLine(north.ConfidenceInterval());   // weighted interval from the linearization SE

        // The weighted trend: one point per period, empty periods included; windows as for Series.
        foreach (WeightedNpsCell point in cube.WeightedSeries(window: RollingWindow.Cumulative))
        {
            output.WriteLine($"{point.Period}: {point.Tally.Score:0.0} (effective n = {point.Tally.EffectiveSampleSize:0.00})");
        }

        // 2026-03: 42.9 (effective n = 2.33): (2 − 0.5) / 3.5 = 42.9; 3.5² / 5.25 = 2.33
        #endregion

        string[] lines = Lines(output);
        Assert.Equal("60.0 (n = 2, effective n = 1.47)", lines[0]);
        Assert.Equal(north.ConfidenceInterval().ToString(), lines[1]);
        Assert.Equal("2026-03: 42.9 (effective n = 2.33)", lines[2]);
        Assert.True(cube.IsWeighted);
    }

    private static string[] Lines(StringWriter output) => output.ToString().TrimEnd().Split(Environment.NewLine);

    private static string SamplePath() => Path.Combine(ApiConventions.RepoRoot(), "samples", "data", "responses.csv");

    private static ResponseTable Table(IEnumerable<Answer> answers)
    {
        var builder = new ResponseTableBuilder("department", "team", "region", "channel");
        foreach (Answer a in answers)
        {
            builder.Add(a.SubmittedAt, a.Score, [a.Department, a.Team, a.Region, a.Channel]);
        }

        return builder.ToTable();
    }

    /// <summary>
    /// The bundled sample. It has no team column, so the channel stands in for one (Web → Chat, Email → Email, SMS → Phone)
    /// to give the docs' department → team hierarchy.
    /// </summary>
    private static Answer[] LoadSample() =>
        [.. File.ReadLines(SamplePath()).Skip(1).Select(line =>
        {
            string[] f = line.Split(',');
            string team = f[6] switch { "Web" => "Chat", "SMS" => "Phone", _ => f[6] };
            return new Answer(DateTimeOffset.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), f[4], team, f[3], f[6]);
        })];

    private sealed record Answer(DateTimeOffset SubmittedAt, int Score, string Department, string Team, string Region, string Channel);
}
