using NpsKit.Eligibility;
using static NpsKit.Tests.Eligibility.EligibilityScenarios;

namespace NpsKit.Tests.Eligibility;

public class ContactHistoryTests
{
    [Fact]
    public void From_AnyOrder_HoldsEntriesChronologically()
    {
        var history = ContactHistory.From(
            ContactEvent.Response(At(2026, 3, 2), "shop"),
            ContactEvent.Invitation(At(2026, 3, 1), "shop"),
            ContactEvent.Reminder(At(2026, 3, 1, 12), "shop"));
        Assert.Equal([ContactEventKind.Invitation, ContactEventKind.Reminder, ContactEventKind.Response], history.Events.Select(e => e.Kind));
        Assert.True(history.TryGetLatest(out DateTimeOffset latest));
        Assert.Equal(At(2026, 3, 2), latest);
    }

    [Fact]
    public void From_SameInstantDifferentOffsets_IsStillCanonical()
    {
        var a = ContactEvent.Invitation(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)), "shop");
        var b = ContactEvent.Invitation(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), "shop");
        Assert.Equal(ContactHistory.From(a, b).Events, ContactHistory.From(b, a).Events);
    }

    [Fact]
    public void Empty_HasNoLatest_AndWithEventAddsWithoutChangingOriginal()
    {
        Assert.False(ContactHistory.Empty.TryGetLatest(out _));
        ContactHistory one = ContactHistory.Empty.WithEvent(ContactEvent.Invitation(At(2026, 1, 1), "s"));
        Assert.Equal(1, one.Count);
        Assert.Equal(0, ContactHistory.Empty.Count);
    }
}
