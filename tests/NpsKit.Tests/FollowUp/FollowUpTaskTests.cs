using NpsKit.FollowUp;
using static NpsKit.Tests.FollowUp.FollowUpPlannerTests;

namespace NpsKit.Tests.FollowUp;

public class FollowUpTaskTests
{
    private static readonly EscalationStep[] Ladder = [new(TimeSpan.Zero, "team-lead"), new(TimeSpan.FromHours(24), "head-of-care")];

    private static FollowUpTask NewTask() => FollowUpPlanner.CreateTasks([R("x", 3, T0)], new FollowUpOptions { DefaultOwner = Care }).Single();

    [Fact]
    public void Lifecycle_OpenContactedClosed_RecordsEachStepImmutably()
    {
        FollowUpTask open = NewTask();
        FollowUpTask contacted = open.MarkContacted(T0.AddHours(3), "called, apologised");
        FollowUpTask closed = contacted.Close(T0.AddDays(2), "refund issued");
        Assert.Equal(FollowUpState.Open, open.State);
        Assert.Equal(FollowUpState.Contacted, contacted.State);
        Assert.Equal(FollowUpState.Closed, closed.State);
        Assert.True(closed.ContactedWithinSla);
        Assert.Equal(T0.AddHours(3), closed.FirstContactAt);
        Assert.Equal(T0.AddDays(2), closed.ClosedAt);
        Assert.Equal([FollowUpState.Contacted, FollowUpState.Closed], closed.Transitions.Select(t => t.To));
        Assert.Empty(open.Transitions);
    }

    [Fact]
    public void Close_WhileOpen_ThrowsNamingStateAndAllowed()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => NewTask().Close(T0.AddHours(1)));
        Assert.Contains("it is Open", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Allowed only from Contacted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkContacted_Twice_OrBackInTime_Throws()
    {
        FollowUpTask contacted = NewTask().MarkContacted(T0.AddHours(1));
        Assert.Throws<InvalidOperationException>(() => contacted.MarkContacted(T0.AddHours(2)));
        Assert.Contains("before its last change", Assert.Throws<InvalidOperationException>(() => contacted.Close(T0)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => contacted.Close(T0.AddHours(2)).Close(T0.AddHours(3)));
    }

    [Fact]
    public void Escalate_WhenOverdue_ClimbsLadderAndChangesOwner()
    {
        FollowUpTask task = NewTask();
        Assert.Contains("cannot escalate", Assert.Throws<InvalidOperationException>(() => task.Escalate(T0.AddHours(23), Ladder)).Message, StringComparison.Ordinal);
        FollowUpTask first = task.EscalateIfOverdue(T0.AddHours(25), Ladder);
        Assert.Equal((FollowUpState.Escalated, 1, "team-lead"), (first.State, first.EscalationLevel, first.OwnerId));
        FollowUpTask second = first.EscalateIfOverdue(T0.AddHours(49), Ladder);
        Assert.Equal((2, "head-of-care"), (second.EscalationLevel, second.OwnerId));
        Assert.Throws<InvalidOperationException>(() => second.Escalate(T0.AddDays(5), Ladder));
        Assert.Same(second, second.EscalateIfOverdue(T0.AddDays(5), Ladder));
        FollowUpTask contacted = second.MarkContacted(T0.AddDays(3));
        Assert.False(contacted.ContactedWithinSla);
        Assert.Throws<InvalidOperationException>(() => contacted.Escalate(T0.AddDays(4), Ladder));
    }

    [Fact]
    public void EscalateIfOverdue_LongOverdue_ClimbsSeveralRungsAtOnce()
    {
        FollowUpTask task = NewTask().EscalateIfOverdue(T0.AddDays(3), Ladder);
        Assert.Equal(2, task.EscalationLevel);
        Assert.True(task.IsOverdueAt(T0.AddDays(3)));
    }
}
