using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using NpsKit.Internal;

namespace NpsKit.Eligibility;

/// <summary>
/// One batch of decisions against one "now": each contact found eligible is recorded as an invitation at "now", so
/// the caps decided later in the same batch (per account, per contact, per channel; rolling and calendar windows) count
/// it as well as the history. This is what <see cref="EligibilityPolicy.DecideMany"/> and
/// <see cref="EligibilityPolicy.Summarize"/> use; start one with <see cref="EligibilityPolicy.StartBatch"/> to decide
/// contacts one at a time with the same guarantee.
/// </summary>
/// <remarks>
/// <para>Deciding a batch at once gives the same decisions as deciding the contacts one by one in the same order and
/// adding each eligible contact's invitation to its (and its account's) history before deciding the next; splitting a
/// batch in two and carrying the first part's invitations into the second's histories gives the same decisions too.</para>
/// <para>A batch is not thread-safe: decide from one thread (the policy itself is).</para>
/// </remarks>
public sealed class EligibilityBatch
{
    private readonly EligibilityPolicy _policy;
    private readonly ContactIdSet? _seen;
    private readonly RawFinding[] _buffer;

    internal EligibilityBatch(EligibilityPolicy policy, DateTimeOffset now, EligibilityBatchOptions options, int capacity)
    {
        _policy = policy;
        Now = now;
        Options = options;
        _seen = options.RejectDuplicateContactIds ? new ContactIdSet(capacity) : null;
        State = new BatchState(policy.HasAccountRules, !options.RejectDuplicateContactIds && policy.HasContactHistoryRules, now);
        _buffer = new RawFinding[32];
    }

    /// <summary>Gets the decision instant of the batch.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Gets the batch settings.</summary>
    public EligibilityBatchOptions Options { get; }

    /// <summary>Gets how many contacts were found eligible (and recorded as invited) so far.</summary>
    public long Invited => State.Invited;

    internal BatchState State { get; }

    /// <summary>Decides the next contact of the batch and, when it is eligible, records its invitation at <see cref="Now"/>.</summary>
    /// <param name="request">The contact, its history, the trigger and its account's history.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">A contact id already decided in this batch (unless duplicates are allowed),
    /// history after "now", or a rule lacking data it needs (an account member without account history, a contact
    /// without a time zone under a rule that needs one).</exception>
    public EligibilityDecision Decide(in EligibilityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Contact, nameof(request));
        if (_seen is not null && !_seen.Add(request.Contact.Id))
        {
            ThrowHelper.DuplicateId("contact id in the batch", request.Contact.Id, "requests");
        }

        return _policy.DecideCore(in request, Now, _buffer, State);
    }
}

/// <summary>The order a batch's contacts are decided in: who gets a capped slot first.</summary>
/// <remarks>
/// <para>Input order is the default. A priority order decides contacts with the higher priority first (ties in input
/// order) and still returns the decisions in input order; it reads the whole batch first. Immutable and thread-safe.</para>
/// </remarks>
public sealed class EligibilityOrder
{
    private readonly Comparison<EligibilityRequest>? _comparison;

    private EligibilityOrder(Comparison<EligibilityRequest>? comparison, string description, string? attribute, bool descending)
    {
        _comparison = comparison;
        Description = description;
        Attribute = attribute;
        Descending = descending;
    }

    /// <summary>Gets the input order: contacts are decided as they come (the default).</summary>
    public static EligibilityOrder InputOrder { get; } = new(null, "input order", null, false);

    /// <summary>Gets whether this is the input order.</summary>
    public bool IsInputOrder => _comparison is null;

    /// <summary>Gets the description, such as <c>priority by attribute 'revenue' (highest first)</c>.</summary>
    public string Description { get; }

    /// <summary>Gets the contact attribute of a <see cref="ByAttribute"/> order; <see langword="null"/> otherwise.</summary>
    public string? Attribute { get; }

    /// <summary>Gets whether a <see cref="ByAttribute"/> order puts the highest value first.</summary>
    public bool Descending { get; }

    /// <summary>Priority by a contact attribute (<see cref="Contact.Attributes"/>): values that are numbers (invariant
    /// culture) compare as numbers and come before values that are not, which compare ordinally; contacts without the
    /// attribute come last; ties keep input order.</summary>
    /// <param name="attribute">The attribute, for example <c>revenue</c> or <c>priority</c>.</param>
    /// <param name="descending">Whether the highest value goes first; <see langword="true"/> by default.</param>
    /// <returns>The order.</returns>
    public static EligibilityOrder ByAttribute(string attribute, bool descending = true)
    {
        ThrowHelper.ThrowIfNullOrEmpty(attribute, nameof(attribute));
        int sign = descending ? -1 : 1;
        return new EligibilityOrder(
            (a, b) =>
            {
                bool hasA = a.Contact.Attributes.TryGetValue(attribute, out string? va);
                bool hasB = b.Contact.Attributes.TryGetValue(attribute, out string? vb);
                if (!hasA || !hasB)
                {
                    return hasA == hasB ? 0 : hasA ? -1 : 1;
                }

                bool numA = double.TryParse(va, NumberStyles.Float, CultureInfo.InvariantCulture, out double xa) && double.IsFinite(xa);
                bool numB = double.TryParse(vb, NumberStyles.Float, CultureInfo.InvariantCulture, out double xb) && double.IsFinite(xb);
                if (numA != numB)
                {
                    return numA ? -1 : 1;
                }

                return sign * (numA ? xa.CompareTo(xb) : string.CompareOrdinal(va, vb));
            },
            $"priority by attribute '{attribute}' ({(descending ? "highest" : "lowest")} first)",
            attribute,
            descending);
    }

    /// <summary>Priority by any comparison of requests (negative: the first goes first); ties keep input order.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="description">What it orders by, for reports.</param>
    /// <returns>The order.</returns>
    public static EligibilityOrder By(Comparison<EligibilityRequest> comparison, string description)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ThrowHelper.ThrowIfNullOrEmpty(description, nameof(description));
        return new EligibilityOrder(comparison, description, null, false);
    }

    /// <summary>Describes the order.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Description;

    /// <summary>The indices of <paramref name="requests"/> in decision order (a stable sort).</summary>
    internal int[] Sort(EligibilityRequest[] requests)
    {
        int[] index = new int[requests.Length];
        for (int i = 0; i < index.Length; i++)
        {
            index[i] = i;
        }

        Comparison<EligibilityRequest> c = _comparison!;
        Array.Sort(index, (x, y) =>
        {
            int r = c(requests[x], requests[y]);
            return r != 0 ? r : x.CompareTo(y);
        });
        return index;
    }
}

/// <summary>The invitations decided so far in one batch, per account and (when ids may repeat) per contact.</summary>
internal sealed class BatchState(bool accounts, bool contacts, DateTimeOffset now)
{
    private readonly BatchInvitations? _accounts = accounts ? new() : null;
    private readonly BatchInvitations? _contacts = contacts ? new() : null;

    public long Invited { get; private set; }

    /// <summary>Gets the batch's memo of quiet-hours answers (a batch is decided on one thread).</summary>
    public QuietHoursRule.Memo QuietMemo { get; } = new(now.UtcTicks);

    /// <summary>Gets whether the batch tracks invitations per account (the policy has an account rule).</summary>
    public bool TracksAccounts => _accounts is not null;

    // Dense mode (array or list input, decided in input order): each request's account as an index into _dense,
    // assigned in one pass before deciding, so that the per-contact loop reads a sequential int and a small array slot
    // instead of hashing the account id and probing a table that grows as it goes.
    private int[]? _accountOf;
    private AccountInvitations[]? _dense;

    // The one invitation of an account slot holding one (the usual case under a cap of 1), rebuilt here when the
    // slot is read so that the slot needs no room for its instant (the batch's "now") and kind: the span handed to the
    // rules points at this field and is read before the next request is decided.
    private ContactEvent _single;
    private DateTimeOffset _now;

    /// <summary>The position of the request being decided in the span given to <see cref="IndexAccounts"/>; set by the
    /// caller before deciding each request in dense mode.</summary>
    public int Position { get; set; }

    /// <summary>Gives each request's account a dense index (in order of first appearance) in one pass, before the batch
    /// is decided in the order of <paramref name="requests"/>; from then on <see cref="Position"/> names the request
    /// being decided. The hashes of the pass do not wait on one another, so their cache misses overlap, and the batch's
    /// per-account state is one array sized once. Requests without a contact or an account get no index.</summary>
    public void IndexAccounts(ReadOnlySpan<EligibilityRequest> requests)
    {
        if (_accounts is null || Invited != 0 || requests.Length == 0)
        {
            return;
        }

        _accountOf = AccountInterner.Index(requests, out int count);
        _dense = new AccountInvitations[count];
    }

    /// <summary>The invitations decided so far in the batch for <paramref name="contact"/>'s account.</summary>
    public ReadOnlySpan<ContactEvent> Account(Contact contact)
    {
        if (_accountOf is not null)
        {
            int a = _accountOf[Position];
            return a < 0 ? default : _dense![a].Span(_now, ref _single);
        }

        return _accounts is null || contact.AccountId is not { } account ? default : _accounts.Get(account, contact.AccountIdHash);
    }

    /// <summary>The invitations decided so far in the batch for a contact id (tracked only when ids may repeat).</summary>
    public ReadOnlySpan<ContactEvent> Contact(string contactId) =>
        _contacts is null ? default : _contacts.Get(contactId, BatchInvitations.HashOf(contactId));

    /// <summary>Starts loading what deciding <paramref name="requests"/>[<paramref name="i"/>] will read, a few
    /// requests ahead (group prefetching, Chen, Ailamaki, Gibbons and Mowry 2004): a million contacts in 200,000
    /// accounts are a random walk over the heap, and each of the chained reads (contact, account id, account slot,
    /// histories) would otherwise stall on memory. A hint only: it changes no result, and it is skipped where the CPU has
    /// no prefetch instruction the runtime exposes.</summary>
    /// <remarks>Inlined into the batch loops, with the dense case's few loads inline too: a call per contact cost its
    /// frame and the pushes and pops of six registers.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchAhead(ReadOnlySpan<EligibilityRequest> requests, int i, BatchState? state)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        if (state?._accountOf is { } dense)
        {
            PrefetchAccounts(requests, i, dense, state._dense!);
            return;
        }

        PrefetchSparse(requests, i, state);
    }

    /// <summary>Without a dense account index: the request's own objects and, when accounts are hashed per contact,
    /// the account id and the table slot.</summary>
    private static void PrefetchSparse(ReadOnlySpan<EligibilityRequest> requests, int i, BatchState? state)
    {
        if (i + 12 < requests.Length)
        {
            ref readonly EligibilityRequest far = ref requests[i + 12];
            Prefetch(far.Contact);
            Prefetch(far.History);
            Prefetch(far.AccountHistory);
        }

        if (i + 6 < requests.Length)
        {
            ref readonly EligibilityRequest near = ref requests[i + 6];
            if (near.History is { } history)
            {
                Prefetch(history.Entries);
            }

            if (near.AccountHistory is { } account)
            {
                Prefetch(account.Entries);
            }

            // The account id's characters are read only where accounts are hashed per contact (a batch not indexed
            // densely); the few time zones of a batch stay in cache by themselves.
            if (state is { TracksAccounts: true } && near.Contact is { } contact)
            {
                Prefetch(contact.AccountId);
            }
        }

        if (state?._accounts is { } accounts && i + 3 < requests.Length && requests[i + 3].Contact is { AccountId: not null } next)
        {
            accounts.Prefetch(next.AccountIdHash);
        }
    }

    /// <summary>Dense mode: prefetches only what lies at random places in the heap — the account's history (shared by
    /// the account's contacts, so not allocated next to the request) and the account's batch slot. The request's own
    /// contact and history are usually allocated in input order, which the hardware prefetcher follows by itself;
    /// prefetching them too only adds loads to the loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchAccounts(ReadOnlySpan<EligibilityRequest> requests, int i, int[] accountOf, AccountInvitations[] slots)
    {
        if (i + 12 < requests.Length)
        {
            Prefetch(requests[i + 12].AccountHistory);
        }

        if (i + 6 < requests.Length && requests[i + 6].AccountHistory is { } account)
        {
            Prefetch(account.Entries);
        }

        if (i + 3 < accountOf.Length && accountOf[i + 3] is int a and >= 0)
        {
            Prefetch(ref slots[a]);
        }
    }

    /// <summary>Hints the CPU to load the start of <paramref name="obj"/> (its header, first fields or characters).</summary>
    internal static unsafe void Prefetch(object? obj)
    {
        if (obj is not null)
        {
            Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref obj));
        }
    }

    private static unsafe void Prefetch(ref AccountInvitations slot) => Sse.Prefetch0(Unsafe.AsPointer(ref slot));

    public void Record(in EligibilityRequest request, DateTimeOffset now)
    {
        Invited++;
        if (_accounts is null && _contacts is null)
        {
            return;
        }

        var invitation = ContactEvent.Invitation(now, request.Trigger.SurveyId, request.Trigger.Channel);
        if (_accountOf is not null)
        {
            _now = now;
            int a = _accountOf[Position];
            if (a >= 0)
            {
                _dense![a].Add(in invitation, now);
            }
        }
        else if (_accounts is not null && request.Contact.AccountId is { } account)
        {
            _accounts.Add(account, request.Contact.AccountIdHash, in invitation);
        }

        _contacts?.Add(request.Contact.Id, BatchInvitations.HashOf(request.Contact.Id), in invitation);
    }
}

/// <summary>
/// The invitations decided in one batch, by key (an account or a contact id): an open-addressing table whose slot holds
/// the key's hash, its first invitation inline and the rest (rare: a cap above 1) in a side array, so that looking a key
/// up — once per contact in a B2B batch — touches one slot instead of a dictionary's bucket, entry and value array.
/// </summary>
internal sealed class BatchInvitations
{
    private Slot[] _slots = new Slot[16];
    private int _count;

    /// <summary>The hash every key of these tables is found by: the ordinal string hash, randomised per process (so ids
    /// made to collide cannot be crafted in advance). <see cref="Contact.AccountIdHash"/> is this hash of the account id,
    /// kept by the contact.</summary>
    public static int HashOf(string key) => string.GetHashCode(key.AsSpan());

    /// <summary>The invitations recorded for <paramref name="key"/> (whose <see cref="HashOf"/> is
    /// <paramref name="hash"/>), oldest first; empty when none.</summary>
    public ReadOnlySpan<ContactEvent> Get(string key, int hash)
    {
        if (_count == 0)
        {
            return default;
        }

        Slot[] slots = _slots;
        int mask = slots.Length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask)
        {
            ref Slot s = ref slots[i];
            if (s.Key is null)
            {
                return default;
            }

            if (s.Hash == hash && (ReferenceEquals(s.Key, key) || string.Equals(s.Key, key, StringComparison.Ordinal)))
            {
                return s.Count == 1 ? MemoryMarshal.CreateReadOnlySpan(ref s.First, 1) : s.More.AsSpan(0, s.Count);
            }
        }
    }

    /// <summary>Hints the CPU to load the slot a key of hash <paramref name="hash"/> would be found in first.</summary>
    public unsafe void Prefetch(int hash)
    {
        if (_count != 0)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[hash & (_slots.Length - 1)]));
        }
    }

    /// <summary>Records one more invitation for <paramref name="key"/> (whose <see cref="HashOf"/> is <paramref name="hash"/>).</summary>
    public void Add(string key, int hash, in ContactEvent invitation)
    {
        if ((_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        int mask = _slots.Length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask)
        {
            ref Slot s = ref _slots[i];
            if (s.Key is null)
            {
                s.Key = key;
                s.Hash = hash;
                s.First = invitation;
                s.Count = 1;
                _count++;
                return;
            }

            if (s.Hash == hash && string.Equals(s.Key, key, StringComparison.Ordinal))
            {
                if (s.More is null)
                {
                    s.More = new ContactEvent[4];
                    s.More[0] = s.First;
                }
                else if (s.Count == s.More.Length)
                {
                    Array.Resize(ref s.More, s.Count * 2);
                }

                s.More[s.Count++] = invitation;
                return;
            }
        }
    }

    private void Grow()
    {
        Slot[] old = _slots;
        _slots = new Slot[old.Length * 2];
        int mask = _slots.Length - 1;
        foreach (ref readonly Slot s in old.AsSpan())
        {
            if (s.Key is null)
            {
                continue;
            }

            int i = s.Hash & mask;
            while (_slots[i].Key is not null)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = s;
        }
    }

    private struct Slot
    {
        public string? Key;
        public int Hash;
        public int Count;
        public ContactEvent First;
        public ContactEvent[]? More;
    }
}

/// <summary>One account's invitations in a batch in dense mode, in 24 bytes: the first one's survey and channel (every
/// invitation of a batch is at its "now"), the rest (a cap above 1) with the first in a side array.</summary>
internal struct AccountInvitations
{
    private string? _survey;
    private ContactChannel _channel;
    private int _count;
    private ContactEvent[]? _more;

    /// <summary>The invitations, oldest first; empty when none. A single invitation is rebuilt in
    /// <paramref name="single"/> at <paramref name="now"/> (the batch's instant) and the span points there.</summary>
    public readonly ReadOnlySpan<ContactEvent> Span(DateTimeOffset now, ref ContactEvent single)
    {
        if (_count == 0)
        {
            return default;
        }

        if (_count > 1)
        {
            return _more.AsSpan(0, _count);
        }

        single = ContactEvent.Unchecked(ContactEventKind.Invitation, now, _survey!, _channel);
        return MemoryMarshal.CreateReadOnlySpan(ref single, 1);
    }

    /// <summary>Records one more invitation (made at <paramref name="now"/>, the batch's instant).</summary>
    public void Add(in ContactEvent invitation, DateTimeOffset now)
    {
        if (_count == 0)
        {
            _survey = invitation.SurveyId;
            _channel = invitation.Channel;
            _count = 1;
            return;
        }

        if (_more is null)
        {
            _more = new ContactEvent[4];
            _more[0] = ContactEvent.Unchecked(ContactEventKind.Invitation, now, _survey!, _channel);
        }
        else if (_count == _more.Length)
        {
            Array.Resize(ref _more, _count * 2);
        }

        _more[_count++] = invitation;
    }
}

/// <summary>Assigns account ids dense indices in order of first appearance (ordinal equality), in one pass over a batch.</summary>
internal static class AccountInterner
{
    /// <summary>The dense index of each request's account (-1 for a request without a contact or an account).</summary>
    /// <remarks>Software-pipelined: the account id hash of request <c>r + 8</c> is read and its table slot prefetched
    /// while request <c>r</c> is probed, so that the table's cache misses overlap instead of each probe waiting on its own
    /// (the contact of <c>r + 16</c> is prefetched further ahead). The hash is the one the contact computed when it was
    /// made (<see cref="Contact.AccountIdHash"/>), so the pass never reads an id's characters — which lie at a random
    /// place, shared by the account's contacts — except to tell apart equal hashes of different string instances.
    /// Compiled fully optimised at once: it runs once per batch, so tiered compilation would measure its first, unoptimised or
    /// on-stack-replaced code.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe int[] Index(ReadOnlySpan<EligibilityRequest> requests, out int count)
    {
        const int Ahead = 8;
        const int RingMask = Ahead - 1;
        int n = requests.Length;
        int[] index = new int[n];
        Span<int> ring = stackalloc int[Ahead];
        // Sized for one account per four requests or fewer (a table at most half full): B2B batches have a few contacts
        // an account, and growing by doubling from 16 rehashed every account about twice, each a random write the
        // prefetching below does not cover. More accounts still grow the table.
        int size = 16;
        while (size < n / 2 && size < (1 << 26))
        {
            size <<= 1;
        }

        // The table lives for this pass only: rented (and handed back cleared, so every array of this private pool is
        // clean), so a batch decided again does not take megabytes of fresh pages from the kernel each time.
        Entry[] rented = ArrayPool<Entry>.Shared.Rent(size);
        Entry[] table = rented.Length == size ? rented : new Entry[size];
        int mask = table.Length - 1;
        count = 0;
        bool prefetch = Sse.IsSupported;
        for (int r = 0; r < Math.Min(Ahead, n); r++)
        {
            ring[r] = requests[r].Contact?.AccountIdHash ?? 0;
        }

        for (int r = 0; r < n; r++)
        {
            int hash = ring[r & RingMask];
            int ahead = r + Ahead;
            if (ahead < n)
            {
                if (prefetch && ahead + 8 < n)
                {
                    BatchState.Prefetch(requests[ahead + 8].Contact);
                }

                if (requests[ahead].Contact is { AccountId: not null } next)
                {
                    int h = next.AccountIdHash;
                    ring[ahead & RingMask] = h;
                    if (prefetch)
                    {
                        Sse.Prefetch0(Unsafe.AsPointer(ref table[h & mask])); // a hint: the table may grow before the probe
                    }
                }
            }

            if (requests[r].Contact?.AccountId is not { } key)
            {
                index[r] = -1;
                continue;
            }

            int i = hash & mask;
            while (true)
            {
                ref Entry e = ref table[i];
                if (e.Key is null)
                {
                    e.Key = key;
                    e.Hash = hash;
                    e.Index = count;
                    index[r] = count++;
                    if (count * 2 > table.Length)
                    {
                        table = Grow(table);
                        mask = table.Length - 1;
                    }

                    break;
                }

                if (e.Hash == hash && (ReferenceEquals(e.Key, key) || string.Equals(e.Key, key, StringComparison.Ordinal)))
                {
                    index[r] = e.Index;
                    break;
                }

                i = (i + 1) & mask;
            }
        }

        if (rented.Length == size)
        {
            Array.Clear(rented); // used as the table, perhaps before it grew
        }

        ArrayPool<Entry>.Shared.Return(rented);
        return index;
    }

    private static Entry[] Grow(Entry[] old)
    {
        var table = new Entry[old.Length * 2];
        int mask = table.Length - 1;
        foreach (ref readonly Entry e in old.AsSpan())
        {
            if (e.Key is null)
            {
                continue;
            }

            int i = e.Hash & mask;
            while (table[i].Key is not null)
            {
                i = (i + 1) & mask;
            }

            table[i] = e;
        }

        return table;
    }

    private struct Entry
    {
        public string? Key;
        public int Hash;
        public int Index;
    }
}
