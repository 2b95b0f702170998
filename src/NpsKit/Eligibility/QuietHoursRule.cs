using System.Runtime.CompilerServices;
using NpsKit.Internal;

namespace NpsKit.Eligibility;

/// <summary>
/// Quiet hours and quiet days in the contact's own time zone: an invitation that would arrive during them is
/// deferred to the first moment after them (never dropped).
/// </summary>
/// <remarks>
/// <para>Times are local to <see cref="Contact.TimeZone"/> (or <see cref="FallbackTimeZone"/>), so "not before 08:00"
/// holds on both sides of a daylight-saving change. When the end of a quiet period falls into a spring-forward gap,
/// the deferral ends at the first valid local time after the gap; when it falls into a fall-back overlap, at the
/// earlier of the two instants.</para>
/// <para>A window with <see cref="QuietFrom"/> after <see cref="QuietUntil"/> wraps midnight (22:00–08:00). Equal
/// times mean no quiet hours (quiet days only). Immutable and thread-safe.</para>
/// </remarks>
public sealed class QuietHoursRule : EligibilityRule
{
    [ThreadStatic]
    private static Memo? t_memo;

    private readonly bool[] _quietDay = new bool[7];

    /// <summary>Creates a quiet-hours rule.</summary>
    /// <param name="quietFrom">Local time the quiet hours begin (inclusive).</param>
    /// <param name="quietUntil">Local time they end (exclusive).</param>
    /// <param name="quietDays">Local days that are quiet all day (for example Sunday); may be empty; not all seven.</param>
    /// <param name="fallbackTimeZone">The policy's zone for contacts without one, reported in each decision that uses it
    /// (<see cref="EligibilityDecision.FallbackTimeZoneId"/>); <see langword="null"/> (the default) for none: deciding a
    /// contact without a zone is then an error, never a silent UTC.</param>
    /// <param name="scope">Which triggers the rule applies to; global by default.</param>
    /// <param name="name">The rule's name; a description is made when omitted.</param>
    /// <exception cref="ArgumentException">Every day of the week is quiet, or a day repeats or is undefined.</exception>
    public QuietHoursRule(TimeOnly quietFrom, TimeOnly quietUntil, IEnumerable<DayOfWeek>? quietDays = null, TimeZoneInfo? fallbackTimeZone = null, RuleScope scope = default, string? name = null)
        : base(name ?? $"Quiet hours {quietFrom:HH\\:mm}-{quietUntil:HH\\:mm}{(quietDays is null ? string.Empty : " and quiet days")} in the contact's time zone ({scope})", scope)
    {
        var days = quietDays?.ToArray() ?? [];
        foreach (DayOfWeek d in days)
        {
            if (!Enum.IsDefined(d))
            {
                ThrowHelper.UndefinedEnum(nameof(quietDays), (int)d, "Sunday..Saturday");
            }

            if (_quietDay[(int)d])
            {
                ThrowHelper.DuplicateId("quiet day", d.ToString(), nameof(quietDays));
            }

            _quietDay[(int)d] = true;
        }

        if (days.Length == 7)
        {
            throw new ArgumentException("All seven days are quiet days, so no invitation could ever be sent: leave at least one day open.", nameof(quietDays));
        }

        QuietFrom = quietFrom;
        QuietUntil = quietUntil;
        QuietDays = days;
        FallbackTimeZone = fallbackTimeZone;
    }

    /// <summary>Gets the local time quiet hours begin.</summary>
    public TimeOnly QuietFrom { get; }

    /// <summary>Gets the local time quiet hours end.</summary>
    public TimeOnly QuietUntil { get; }

    /// <summary>Gets the local days that are quiet all day.</summary>
    public IReadOnlyList<DayOfWeek> QuietDays { get; }

    /// <summary>Gets the zone used for contacts without one; <see langword="null"/> when such a contact is an error.</summary>
    public TimeZoneInfo? FallbackTimeZone { get; }

    internal override bool NeedsZone => true;

    internal override TimeZoneInfo? FallbackZone => FallbackTimeZone;

    internal override string OverrideKey => "quiet";

    /// <remarks>The answer depends on the rule, the zone and the instant alone, and a batch asks the same few (every
    /// contact of a zone at "now"), so those answers are kept (<see cref="Memo"/>: the batch's, or the thread's outside a
    /// batch): a hit costs a few reference compares instead of the offset lookups and the walk to the next open
    /// instant.</remarks>
    internal override bool Check(in EvaluationContext ctx, long t, ref RawFinding finding)
    {
        TimeZoneInfo zone = ctx.Contact.TimeZone ?? FallbackTimeZone ?? ZoneOf(in ctx, null, "quiet hours");
        Memo memo = ctx.QuietMemo ?? (t_memo ??= new Memo());
        long until, local;
        int slot = memo.Find(this, zone, t);
        if (slot >= 0)
        {
            ref readonly Memo.Entry answer = ref memo.At(slot);
            until = answer.Until;
            local = answer.Local;
        }
        else
        {
            until = Answer(memo, zone, t, out local);
        }

        if (until == 0)
        {
            return true;
        }

        finding.Effect = EligibilityOutcome.Deferred;
        finding.Until = until;
        finding.Since = local;
        return false;
    }

    /// <summary>Works the answer out (the local time, and the next open instant or 0) and offers it to the memo: the
    /// memo's miss, kept out of line so that the hit inlined into the per-contact loop stays small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long Answer(Memo memo, TimeZoneInfo zone, long t, out long local)
    {
        local = t + ZoneOffsets.OffsetTicks(zone, t, out _);
        long until = IsQuiet(local) ? NextOpenInstant(local, zone, t) : 0;
        memo.Keep(this, zone, t, local, until);
        return until;
    }

    internal override string Explain(in RawFinding finding, in EvaluationContext ctx)
    {
        TimeZoneInfo zone = ctx.Contact.TimeZone ?? FallbackTimeZone ?? TimeZoneInfo.Utc;
        var local = new DateTime(finding.Since);
        DateTime openLocal = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(finding.Until, DateTimeKind.Utc), zone);
        string why = _quietDay[(int)local.DayOfWeek] ? $"{local.DayOfWeek} is a quiet day" : $"{local:HH\\:mm} is within quiet hours {QuietFrom:HH\\:mm}-{QuietUntil:HH\\:mm}";
        string fallback = ctx.Contact.TimeZone is null ? " (the policy's fallback zone: the contact has none)" : string.Empty;
        return $"It is {local.ToString("ddd yyyy-MM-dd HH:mm", Invariant)} in {zone.Id}{fallback} and {why}; deferred to {openLocal.ToString("ddd yyyy-MM-dd HH:mm", Invariant)} local ({When(finding.Until)}).";
    }

    private bool IsQuiet(long localTicks)
    {
        // 0001-01-01 was a Monday.
        long day = localTicks / TimeSpan.TicksPerDay;
        if (_quietDay[(int)((day + 1) % 7)])
        {
            return true;
        }

        long time = localTicks - (day * TimeSpan.TicksPerDay);
        long from = QuietFrom.Ticks, until = QuietUntil.Ticks;
        return from < until
            ? time >= from && time < until
            : from > until && (time >= from || time < until);
    }

    private long NextOpenInstant(long local, TimeZoneInfo zone, long t)
    {
        long until = QuietUntil.Ticks;
        for (int guard = 0; guard < 32 && IsQuiet(local); guard++)
        {
            long day = local / TimeSpan.TicksPerDay;
            long time = local - (day * TimeSpan.TicksPerDay);
            local = _quietDay[(int)((day + 1) % 7)] ? (day + 1) * TimeSpan.TicksPerDay
                : time < until ? (day * TimeSpan.TicksPerDay) + until
                : ((day + 1) * TimeSpan.TicksPerDay) + until;
        }

        long utc = EarliestInstant(local, zone);
        return utc > t ? utc : t + TimeSpan.TicksPerMinute;
    }

    /// <summary>A few answers of quiet-hours rules, by (rule, zone, instant): the local time and the next open instant (0
    /// when not quiet), compared zone first (what tells a batch's answers apart).</summary>
    /// <remarks>A batch's memo (<see cref="BatchState.QuietMemo"/>) keeps only answers at the batch's "now", asked for
    /// every contact of a zone; the later candidate instants of deferred contacts are each their own and are worked out
    /// without a search or a store. A thread's memo (a decision outside a batch, where "now" is the caller's) keeps any
    /// instant and replaces by the clock algorithm (second chance): an answer asked again since the hand last passed it
    /// stays.</remarks>
    internal sealed class Memo
    {
        private const int Size = 8;
        private readonly Entry[] _entries = new Entry[Size];
        private readonly bool _onlyAtNow;
        private readonly long _now;
        private int _count;
        private int _next;

        /// <summary>A thread's memo: any instant, replaced by the clock algorithm.</summary>
        public Memo()
        {
        }

        /// <summary>A batch's memo: only the answers at <paramref name="nowTicks"/> (UTC ticks).</summary>
        public Memo(long nowTicks)
        {
            _onlyAtNow = true;
            _now = nowTicks;
        }

        public ref readonly Entry At(int slot) => ref _entries[slot];

        /// <summary>The slot holding the answer; -1 when there is none.</summary>
        public int Find(QuietHoursRule rule, TimeZoneInfo zone, long t)
        {
            if (_onlyAtNow && t != _now)
            {
                return -1;
            }

            Span<Entry> entries = _entries.AsSpan(0, _count);
            for (int i = 0; i < entries.Length; i++)
            {
                ref Entry e = ref entries[i];
                if (ReferenceEquals(e.Zone, zone) && e.Instant == t && ReferenceEquals(e.Rule, rule))
                {
                    e.Used = true;
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Keeps an answer when the memo takes it (a batch's: at its "now", while there is room).</summary>
        public void Keep(QuietHoursRule rule, TimeZoneInfo zone, long t, long local, long until)
        {
            var entry = new Entry { Rule = rule, Zone = zone, Instant = t, Local = local, Until = until };
            if (_onlyAtNow)
            {
                if (t == _now && _count < Size)
                {
                    _entries[_count++] = entry;
                }

                return;
            }

            Span<Entry> entries = _entries;
            int i = _next;
            for (int guard = 0; guard < Size && entries[i].Used; guard++)
            {
                entries[i].Used = false;
                i = (i + 1) & (Size - 1);
            }

            _next = (i + 1) & (Size - 1);
            entries[i] = entry;
            _count = Math.Max(_count, i + 1);
        }

        /// <summary>One answer.</summary>
        internal struct Entry
        {
            public QuietHoursRule? Rule;
            public TimeZoneInfo? Zone;
            public long Instant;
            public long Local;
            public long Until;
            public bool Used;
        }
    }

    /// <summary>The earliest UTC instant whose local time in <paramref name="zone"/> is <paramref name="localTicks"/>, or the first after a gap.</summary>
    internal static long EarliestInstant(long localTicks, TimeZoneInfo zone)
    {
        // Fast path: no offset change within three hours either side, so the local time is valid and unique.
        const long Margin = 3 * TimeSpan.TicksPerHour;
        long o = ZoneOffsets.OffsetTicks(zone, localTicks - ZoneOffsets.OffsetTicks(zone, localTicks, out _), out _);
        long u = localTicks - o;
        if (ZoneOffsets.OffsetTicks(zone, u - Margin, out bool s1) == o && s1
            && ZoneOffsets.OffsetTicks(zone, u + Margin, out bool s2) == o && s2
            && ZoneOffsets.OffsetTicks(zone, u, out _) == o)
        {
            return u;
        }

        var local = new DateTime(localTicks, DateTimeKind.Unspecified);
        for (int guard = 0; guard < 24 * 60 && zone.IsInvalidTime(local); guard++)
        {
            local = local.AddMinutes(1);
        }

        if (zone.IsAmbiguousTime(local))
        {
            TimeSpan max = TimeSpan.MinValue;
            foreach (TimeSpan candidate in zone.GetAmbiguousTimeOffsets(local))
            {
                max = candidate > max ? candidate : max;
            }

            return local.Ticks - max.Ticks;
        }

        return local.Ticks - zone.GetUtcOffset(local).Ticks;
    }
}

/// <summary>
/// An attribute predicate: only contacts for whom the predicate holds may be asked ("only active customers aged 18+").
/// Contacts failing it are blocked.
/// </summary>
/// <remarks>Immutable and thread-safe as long as the predicate is pure.</remarks>
public sealed class AttributeRule : EligibilityRule
{
    private readonly Func<Contact, bool> _predicate;

    private AttributeRule(string name, string description, Func<Contact, bool> predicate, RuleScope scope)
        : base(name, scope)
    {
        _predicate = predicate;
        Description = description;
    }

    /// <summary>Gets what the predicate requires, in words.</summary>
    public string Description { get; }

    /// <summary>The declarative form of the rule when it was made by <see cref="RequireValue"/> or
    /// <see cref="RequireAtLeast"/> (so the policy file format can write it); <see langword="null"/> for a predicate.</summary>
    internal AttributeSpec? Spec { get; private init; }

    internal override string OverrideKey => "attribute:" + Name;

    /// <summary>A rule from any predicate.</summary>
    /// <param name="name">The rule's name (unique in a policy).</param>
    /// <param name="description">What the predicate requires, in words, used in reasons.</param>
    /// <param name="predicate">True when the contact may be asked; must be pure.</param>
    /// <param name="scope">Which triggers the rule applies to; global by default.</param>
    /// <returns>The rule.</returns>
    public static AttributeRule FromPredicate(string name, string description, Func<Contact, bool> predicate, RuleScope scope = default)
    {
        ThrowHelper.ThrowIfNullOrEmpty(description, nameof(description));
        ArgumentNullException.ThrowIfNull(predicate);
        return new AttributeRule(name, description, predicate, scope);
    }

    /// <summary>Requires attribute <paramref name="attribute"/> to have one of <paramref name="allowed"/> (ordinal comparison).</summary>
    /// <param name="attribute">The attribute name.</param>
    /// <param name="allowed">The allowed values; at least one.</param>
    /// <returns>The rule.</returns>
    public static AttributeRule RequireValue(string attribute, params string[] allowed)
    {
        ThrowHelper.ThrowIfNullOrEmpty(attribute, nameof(attribute));
        ArgumentNullException.ThrowIfNull(allowed);
        if (allowed.Length == 0)
        {
            throw new ArgumentException($"No allowed values for attribute '{attribute}': list at least one.", nameof(allowed));
        }

        var set = allowed.ToHashSet(StringComparer.Ordinal);
        string list = string.Join(", ", allowed.Select(a => $"'{a}'"));
        return new AttributeRule($"{attribute} in [{list}]", $"attribute '{attribute}' to be one of {list}", c => c.Attributes.TryGetValue(attribute, out string? v) && set.Contains(v), default)
        {
            Spec = new AttributeSpec(attribute, [.. allowed], null),
        };
    }

    /// <summary>Requires attribute <paramref name="attribute"/> to be a number (invariant culture) at least <paramref name="minimum"/>.</summary>
    /// <param name="attribute">The attribute name, for example <c>age</c>.</param>
    /// <param name="minimum">The minimum, inclusive.</param>
    /// <returns>The rule.</returns>
    public static AttributeRule RequireAtLeast(string attribute, double minimum)
    {
        ThrowHelper.ThrowIfNullOrEmpty(attribute, nameof(attribute));
        return new AttributeRule(
            $"{attribute} >= {minimum.ToString(Invariant)}",
            $"attribute '{attribute}' to be a number of at least {minimum.ToString(Invariant)}",
            c => c.Attributes.TryGetValue(attribute, out string? v) && double.TryParse(v, System.Globalization.NumberStyles.Float, Invariant, out double x) && x >= minimum,
            default)
        {
            Spec = new AttributeSpec(attribute, null, minimum),
        };
    }

    /// <summary>Returns a copy that applies to <paramref name="scope"/>.</summary>
    /// <param name="scope">The new scope.</param>
    /// <returns>The copy.</returns>
    public AttributeRule WithScope(RuleScope scope) => new(Name, Description, _predicate, scope) { Spec = Spec };

    /// <summary>A copy with another name (for the policy file format, where rules carry their own names).</summary>
    internal AttributeRule WithName(string name) => new(name, Description, _predicate, Scope) { Spec = Spec };

    internal override bool Check(in EvaluationContext ctx, long t, ref RawFinding finding)
    {
        if (_predicate(ctx.Contact))
        {
            return true;
        }

        finding.Effect = EligibilityOutcome.Blocked;
        return false;
    }

    internal override string Explain(in RawFinding finding, in EvaluationContext ctx) =>
        $"The contact does not meet the rule '{Name}', which requires {Description}.";
}

/// <summary>The declarative form of an <see cref="AttributeRule"/>: one of the allowed values, or a number at least the minimum.</summary>
internal sealed record AttributeSpec(string Attribute, string[]? Allowed, double? Minimum);
