using NpsKit.Eligibility;
using NpsKit.FollowUp;

namespace NpsKit.Tests.Docs.Snippets;

/// <summary>The C# blocks of docs/follow-up.md, compiled and run; <see cref="ReadmeTests"/> checks the document shows them.</summary>
[UseInvariantCulture]
public class FollowUpDocSnippets
{
    private static readonly DateTimeOffset Monday = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CreateTasks_RoutesDetractorsAndFlagsCriticalOnes()
    {
        FollowUpResponse[] newResponses =
        [
            new("r-1", "anna", 3, Monday, "web"),
            new("r-2", "ben", 8, Monday, "web"),
            new("r-3", "carl", 6, Monday.AddHours(1), "b2b"),
            new("r-4", "dora", 10, Monday.AddHours(2), "web"),
        ];

        IReadOnlyList<FollowUpTask> tasks = CreateTasks(newResponses);

        Assert.Equal(["followup-r-1", "followup-r-3"], tasks.Select(t => t.Id));
        Assert.Equal(["care-team", "key-accounts"], tasks.Select(t => t.OwnerId));
        Assert.Equal([true, false], tasks.Select(t => t.IsCritical));
        Assert.Equal([Monday.AddHours(24), Monday.AddHours(25)], tasks.Select(t => t.DueAt));
        Assert.All(tasks, t => Assert.Equal(FollowUpState.Open, t.State));
    }

    [Fact]
    public void Report_MeasuresTheLoop()
    {
        IReadOnlyList<FollowUpTask> created = CreateTasks([new("r-1", "anna", 3, Monday, "web"), new("r-3", "carl", 6, Monday.AddHours(1), "b2b")]);
        FollowUpTask[] tasks = [created[0].MarkContacted(Monday.AddHours(2)).Close(Monday.AddHours(3)), created[1]];
        DateTimeOffset now = Monday.AddHours(30);

        #region follow-up-metrics
        FollowUpReport report = FollowUpReport.From(tasks, now);
        double closedLoop = report.ClosedLoopRate;           // closed / all tasks
        double withinSla = report.WithinSlaShare;            // contacted by due time / tasks contacted or past due
        TimeSpan median = report.MedianTimeToFirstContact;   // Hyndman & Fan (1996) type 7, as R's quantile() and Excel's PERCENTILE.INC
        TimeSpan p90 = report.P90TimeToFirstContact;
        IReadOnlyList<FollowUpTask> overdue = report.Overdue; // not contacted, past due, most overdue first
        #endregion

        Assert.Equal((0.5, 0.5), (closedLoop, withinSla));
        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(2)), (median, p90));
        Assert.Equal("followup-r-3", Assert.Single(overdue).Id);
    }

    [Fact]
    public void RecoveryMatrix_CountsMigrationsBetweenConsecutiveAnswers()
    {
        DateTimeOffset june = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
        DateTimeOffset october = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        FollowUpResponse[] allResponses =
        [
            new("a-1", "anna", 3, june), new("a-2", "anna", 9, october),   // detractor → promoter
            new("b-1", "ben", 5, june), new("b-2", "ben", 7, october),     // detractor → passive
            new("c-1", "carl", 2, june), new("c-2", "carl", 4, october),   // detractor → detractor
            new("d-1", "dora", 9, june), new("d-2", "dora", 10, october),  // promoter → promoter
        ];

        #region follow-up-recovery
        RecoveryMatrix m = RecoveryMatrix.From(allResponses);
        long recovered = m.Count(NpsCategory.Detractor, NpsCategory.Promoter); // detractors whose next answer was a promoter
        double rate = m.RecoveryRate;                                         // detractors whose next answer is passive or promoter
        #endregion

        Assert.Equal(1, recovered);
        Assert.Equal(2.0 / 3, rate, 1e-12);
        Assert.Equal(4, m.Pairs);
    }

    private static IReadOnlyList<FollowUpTask> CreateTasks(IEnumerable<FollowUpResponse> newResponses)
    {
        #region follow-up-tasks
        var care = new FollowUpOwner("care-team", TimeZones.FromId("Europe/Berlin"));
        var keyAccounts = new FollowUpOwner("key-accounts", TimeZones.FromId("America/New_York"));
        var options = new FollowUpOptions
        {
            DefaultOwner = care,
            Routes = new Dictionary<string, FollowUpOwner> { ["b2b"] = keyAccounts },
            IncludePassives = false,          // default: detractors (0–6) only
            CriticalMaxScore = 4,             // default: 0–4 flagged critical
            Sla = TimeSpan.FromHours(24),     // default
            SlaClock = SlaClock.Calendar,     // or BusinessHours
            Calendar = BusinessCalendar.Standard.WithHolidays([new DateOnly(2026, 5, 1)]),
            Escalation = [new(TimeSpan.Zero, "team-lead"), new(TimeSpan.FromHours(24), "head-of-care")],
        };
        IReadOnlyList<FollowUpTask> tasks = FollowUpPlanner.CreateTasks(newResponses, options);
        #endregion
        return tasks;
    }

    [Fact]
    public void SeedRule_DetractorsHandledWithin24Hours_OnTheSlaClock()
    {
        #region follow-up-seed-rules
        // "Detractors handled within 24 hours": first contact and closing the loop within 24 business hours
        // (Mon-Fri 09-17 in Copenhagen, public holidays and the company's own closing days off).
        BusinessCalendar calendar = BusinessCalendar.Standard
            .WithHolidays([new DateOnly(2026, 12, 24)])   // the company's closing day
            .WithHolidayCalendar(new HolidayList("DK 2026", [new DateOnly(2026, 5, 25), new DateOnly(2026, 12, 25)]));  // or PublicHolidayCalendar.For("DK")
        var options = new FollowUpOptions
        {
            Sla = TimeSpan.FromHours(24),
            CloseSla = TimeSpan.FromHours(24),
            SlaClock = SlaClock.BusinessHours,
            Calendar = calendar,
            DefaultOwner = new FollowUpOwner("care-dk", TimeZones.FromId("Europe/Copenhagen")),
            Escalation = [new EscalationStep(TimeSpan.FromHours(4), "team-lead")],   // 4 business hours late
        };
        FollowUpTask task = FollowUpPlanner.CreateTasks([new FollowUpResponse("r-9", "erik", 2, new DateTimeOffset(2026, 5, 22, 13, 0, 0, TimeSpan.Zero))], options).Single();
        // Answered Fri 22 May 15:00; Whit Monday 25 May is off: due Thu 28 May 15:00 (Fri 2 + Tue 8 + Wed 8 + Thu 6 h)
        // task.EscalatesAt(options.Escalation[0]) = Fri 29 May 11:00, 4 business hours later on the same clock
        #endregion

        Assert.Equal(new DateTimeOffset(2026, 5, 28, 13, 0, 0, TimeSpan.Zero), task.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 5, 29, 9, 0, 0, TimeSpan.Zero), task.EscalatesAt(options.Escalation[0]));
        FollowUpTask handled = task.MarkContacted(new DateTimeOffset(2026, 5, 26, 8, 0, 0, TimeSpan.Zero)).Close(new DateTimeOffset(2026, 5, 27, 12, 0, 0, TimeSpan.Zero));
        Assert.True(handled.ClosedWithinSla);
        Assert.Equal(TimeSpan.FromHours(3), handled.TimeToFirstContact); // Fri 2 h + Tue 09-10 1 h
    }
}
