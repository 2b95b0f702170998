using NpsKit.Eligibility;
using NpsKit.FollowUp;

namespace NpsKit.Tests.FollowUp;

public class FollowUpPlannerTests
{
    internal static readonly DateTimeOffset T0 = new(2026, 5, 8, 13, 0, 0, TimeSpan.Zero); // Friday 15:00 in Berlin
    internal static readonly FollowUpOwner Care = new("care-team", TimeZones.FromId("Europe/Berlin"));
    internal static readonly FollowUpOwner B2b = new("key-accounts", TimeZones.FromId("America/New_York"));

    internal static FollowUpResponse R(string id, int score, DateTimeOffset at, string segment = "", string? who = null) => new(id, who ?? "p-" + id, score, at, segment);

    [Fact]
    public void CreateTasks_Default_DetractorsOnlyCriticalUpToFourDueIn24Hours()
    {
        var tasks = FollowUpPlanner.CreateTasks(
            [R("a", 0, T0), R("b", 4, T0), R("c", 5, T0), R("d", 6, T0), R("e", 7, T0), R("f", 9, T0)],
            new FollowUpOptions { DefaultOwner = Care });
        Assert.Equal(["a", "b", "c", "d"], tasks.Select(t => t.Response.ResponseId));
        Assert.Equal([true, true, false, false], tasks.Select(t => t.IsCritical));
        Assert.All(tasks, t => Assert.Equal(T0.AddHours(24), t.DueAt));
        Assert.All(tasks, t => Assert.Equal(FollowUpState.Open, t.State));
    }

    [Fact]
    public void CreateTasks_PassivesAndRoutesAndBusinessHours_UseOwnersZone()
    {
        var options = new FollowUpOptions
        {
            IncludePassives = true,
            DefaultOwner = Care,
            Routes = new Dictionary<string, FollowUpOwner> { ["b2b"] = B2b },
            SlaClock = SlaClock.BusinessHours,
            Sla = TimeSpan.FromHours(8),
        };
        var tasks = FollowUpPlanner.CreateTasks([R("a", 8, T0), R("b", 2, T0, "b2b")], options);
        Assert.Equal("care-team", tasks[0].OwnerId);
        Assert.Equal(new DateTimeOffset(2026, 5, 11, 13, 0, 0, TimeSpan.Zero), tasks[0].DueAt); // Berlin: 2 h Fri + 6 h Mon
        Assert.Equal("key-accounts", tasks[1].OwnerId);
        // New York: Fri 09:00 EDT start is 13:00Z, 8 h -> Fri 17:00 EDT = 21:00Z.
        Assert.Equal(new DateTimeOffset(2026, 5, 8, 21, 0, 0, TimeSpan.Zero), tasks[1].DueAt);
    }

    [Fact]
    public void CreateTasks_DuplicateResponseIds_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => FollowUpPlanner.CreateTasks([R("a", 1, T0), R("a", 2, T0)], new FollowUpOptions { DefaultOwner = Care }));
        Assert.Contains("Duplicate response id 'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateTasks_SegmentWithoutRoute_ThrowsNamingIt()
    {
        var options = new FollowUpOptions { Routes = new Dictionary<string, FollowUpOwner> { ["b2b"] = B2b } };
        var ex = Assert.Throws<ArgumentException>(() => FollowUpPlanner.CreateTasks([R("a", 1, T0, "retail")], options));
        Assert.Contains("'retail'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAll()
    {
        var options = new FollowUpOptions { Sla = TimeSpan.Zero, CriticalMaxScore = 9, Escalation = [new(TimeSpan.FromHours(2), "lead"), new(TimeSpan.FromHours(1), "head")] };
        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("Sla", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CriticalMaxScore", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no owner", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Escalation[1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FollowUpResponse_ScoreOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FollowUpResponse("r", "p", 11, T0));
}
