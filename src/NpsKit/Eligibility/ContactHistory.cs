namespace NpsKit.Eligibility;

/// <summary>
/// The survey history of one contact (or of one B2B account): invitations, reminders and responses, held in a
/// canonical order so that decisions never depend on the order the entries were given in.
/// </summary>
/// <remarks>Entries are sorted by instant, then kind, survey id and channel. This type is immutable and thread-safe.</remarks>
public sealed class ContactHistory
{
    private readonly ContactEvent[] _events;

    private ContactHistory(ContactEvent[] events) => _events = events;

    /// <summary>Gets the empty history: a contact never invited.</summary>
    public static ContactHistory Empty { get; } = new([]);

    /// <summary>Gets the entries in canonical (chronological) order.</summary>
    public IReadOnlyList<ContactEvent> Events => _events;

    /// <summary>Gets the number of entries.</summary>
    public int Count => _events.Length;

    /// <summary>Gets the latest entry's instant, when there is one.</summary>
    /// <param name="latest">The latest instant; <c>default</c> when the history is empty.</param>
    /// <returns><see langword="true"/> when the history has at least one entry.</returns>
    public bool TryGetLatest(out DateTimeOffset latest)
    {
        latest = _events.Length == 0 ? default : _events[^1].At;
        return _events.Length > 0;
    }

    internal ReadOnlySpan<ContactEvent> Span => _events;

    /// <summary>Gets the entries' array itself (for prefetching; never written).</summary>
    internal ContactEvent[] Entries => _events;

    /// <summary>Builds a history from entries in any order.</summary>
    /// <param name="events">The entries; each must have been made with a <see cref="ContactEvent"/> constructor or factory.</param>
    /// <returns>The history; <see cref="Empty"/> when there are no entries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is <c>default</c> (no survey id); the message names its index.</exception>
    public static ContactHistory From(IEnumerable<ContactEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        ContactEvent[] array = [.. events];
        if (array.Length == 0)
        {
            return Empty;
        }

        for (int i = 0; i < array.Length; i++)
        {
            if (array[i].SurveyId is null)
            {
                throw new ArgumentException(
                    $"The history entry at index {i} is an uninitialised ContactEvent (no survey id). Create entries with ContactEvent.Invitation, .Reminder or .Response.",
                    nameof(events));
            }
        }

        Array.Sort(array, Compare);
        return new ContactHistory(array);
    }

    /// <summary>Builds a history from entries in any order.</summary>
    /// <param name="events">The entries.</param>
    /// <returns>The history.</returns>
    public static ContactHistory From(params ContactEvent[] events) => From((IEnumerable<ContactEvent>)events);

    /// <summary>Returns a copy with more entries.</summary>
    /// <param name="more">The entries to add.</param>
    /// <returns>A new history holding the entries of both.</returns>
    public ContactHistory WithEvents(IEnumerable<ContactEvent> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        return From(_events.Concat(more));
    }

    /// <summary>Returns a copy with one more entry.</summary>
    /// <param name="entry">The entry to add.</param>
    /// <returns>A new history.</returns>
    public ContactHistory WithEvent(ContactEvent entry) => WithEvents([entry]);

    private static int Compare(ContactEvent a, ContactEvent b)
    {
        int c = a.At.UtcTicks.CompareTo(b.At.UtcTicks);
        if (c != 0)
        {
            return c;
        }

        c = a.Kind.CompareTo(b.Kind);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.SurveyId, b.SurveyId);
        if (c != 0)
        {
            return c;
        }

        c = a.Channel.CompareTo(b.Channel);
        return c != 0 ? c : a.At.Offset.CompareTo(b.At.Offset);
    }
}
