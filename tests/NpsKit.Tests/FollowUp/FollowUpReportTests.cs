using NpsKit.FollowUp;
using static NpsKit.Tests.FollowUp.FollowUpPlannerTests;

namespace NpsKit.Tests.FollowUp;

public class FollowUpReportTests
{
    [Fact]
    public void From_KnownTasks_GivesRatesAndType7Percentiles()
    {
        // Times to first contact 1, 2, 3, 4, 30 h. Type 7: median = 3 h; p90: h = 4 * 0.9 = 3.6 -> 4 + 0.6 * (30 - 4) = 19.6 h
        // (R: quantile(c(1, 2, 3, 4, 30), c(.5, .9)) gives 3 and 19.6).
        var tasks = FollowUpPlanner.CreateTasks(
            Enumerable.Range(0, 7).Select(i => R("r" + i, 2, T0)), new FollowUpOptions { DefaultOwner = Care }).ToArray();
        int[] hours = [1, 2, 3, 4, 30];
        for (int i = 0; i < hours.Length; i++)
        {
            tasks[i] = tasks[i].MarkContacted(T0.AddHours(hours[i]));
        }

        tasks[0] = tasks[0].Close(T0.AddHours(5));
        tasks[1] = tasks[1].Close(T0.AddHours(6));
        FollowUpReport report = FollowUpReport.From(tasks, T0.AddHours(48));
        Assert.Equal(7, report.Total);
        Assert.Equal(2.0 / 7, report.ClosedLoopRate, 12);
        Assert.Equal(4.0 / 7, report.WithinSlaShare, 12); // 4 within 24 h; 1 late; 2 overdue
        Assert.Equal(TimeSpan.FromHours(3), report.MedianTimeToFirstContact);
        Assert.Equal(TimeSpan.FromHours(19.6), report.P90TimeToFirstContact);
        Assert.Equal(["followup-r5", "followup-r6"], report.Overdue.Select(t => t.Id));
    }

    [Fact]
    public void From_NoTasks_HasNoRatesAndSaysWhy()
    {
        FollowUpReport report = FollowUpReport.From([], T0);
        Assert.False(report.HasTasks);
        Assert.False(report.HasTimeToFirstContact);
        Assert.Contains("HasTasks", Assert.Throws<InvalidOperationException>(() => report.ClosedLoopRate).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => report.MedianTimeToFirstContact);
        Assert.Throws<InvalidOperationException>(() => report.WithinSlaShare);
    }

    [Fact]
    public void From_DuplicateTaskIds_Throws()
    {
        var task = FollowUpPlanner.CreateTasks([R("a", 1, T0)], new FollowUpOptions { DefaultOwner = Care })[0];
        Assert.Throws<ArgumentException>(() => FollowUpReport.From([task, task.MarkContacted(T0.AddHours(1))], T0.AddDays(1)));
    }
}
