using System.Runtime.CompilerServices;

namespace NpsKit.Eligibility;

/// <summary>
/// A per-thread cache of UTC offsets by (zone, UTC day), so that deciding millions of contacts does not pay for a
/// <see cref="TimeZoneInfo"/> conversion each. A day is cached only when the offset at its first and last tick agree
/// (no transition that day); days with a transition are always computed exactly.
/// </summary>
/// <remarks>The few zones a batch uses each get a run of days (<see cref="Span"/> days from the first day asked, less a
/// margin) in an array indexed by day, found by reference with the last zone asked checked first: a lookup is a compare,
/// a subtraction and one array read, where a hashed cache needed the zone's identity hash and three arrays. Days outside
/// a zone's run, and zones beyond <see cref="MaxZones"/>, go to the hashed cache.</remarks>
internal static class ZoneOffsets
{
    private const int Size = 4096;
    private const int Span = 1024;
    private const int Margin = 256;
    private const int MaxZones = 16;
    private const long Unknown = long.MinValue;

    [ThreadStatic]
    private static Cache? t_cache;

    /// <summary>The offset of <paramref name="zone"/> at <paramref name="utcTicks"/>; <paramref name="stable"/> tells
    /// whether the offset is the same for the whole UTC day around it.</summary>
    public static long OffsetTicks(TimeZoneInfo zone, long utcTicks, out bool stable)
    {
        stable = true;
        if (ReferenceEquals(zone, TimeZoneInfo.Utc))
        {
            return 0;
        }

        Cache cache = t_cache ??= new Cache();
        long day = utcTicks / TimeSpan.TicksPerDay;
        ZoneDays? days = cache.Last;
        if (days is null || !ReferenceEquals(days.Zone, zone))
        {
            days = cache.Find(zone, day);
        }

        if (days is not null)
        {
            ulong index = (ulong)(day - days.FirstDay);
            if (index < Span)
            {
                long cached = days.Offsets[index];
                if (cached != Unknown)
                {
                    return cached;
                }

                long offset = DayOffset(zone, day, utcTicks, out stable);
                if (stable)
                {
                    days.Offsets[index] = offset;
                }

                return offset;
            }
        }

        return Hashed(cache, zone, day, utcTicks, out stable);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Hashed(Cache cache, TimeZoneInfo zone, long day, long utcTicks, out bool stable)
    {
        int slot = (int)((uint)(RuntimeHelpers.GetHashCode(zone) ^ (int)(day * 0x9E3779B1)) % Size);
        if (ReferenceEquals(cache.Zones[slot], zone) && cache.Days[slot] == day)
        {
            stable = true;
            return cache.Offsets[slot];
        }

        long offset = DayOffset(zone, day, utcTicks, out stable);
        if (stable)
        {
            cache.Zones[slot] = zone;
            cache.Days[slot] = day;
            cache.Offsets[slot] = offset;
        }

        return offset;
    }

    /// <summary>The offset at <paramref name="utcTicks"/>, computed; stable when the UTC day has one offset throughout.</summary>
    private static long DayOffset(TimeZoneInfo zone, long day, long utcTicks, out bool stable)
    {
        long start = day * TimeSpan.TicksPerDay;
        long first = zone.GetUtcOffset(new DateTime(start, DateTimeKind.Utc)).Ticks;
        long last = zone.GetUtcOffset(new DateTime(start + TimeSpan.TicksPerDay - 1, DateTimeKind.Utc)).Ticks;
        stable = first == last;
        return stable ? first : zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
    }

    /// <summary>One zone's offsets for a run of UTC days (<see cref="Unknown"/> where not computed yet or not stable).</summary>
    private sealed class ZoneDays
    {
        public ZoneDays(TimeZoneInfo zone, long firstDay)
        {
            Zone = zone;
            FirstDay = firstDay;
            Array.Fill(Offsets, Unknown);
        }

        public TimeZoneInfo Zone { get; }

        public long FirstDay { get; }

        public long[] Offsets { get; } = new long[Span];
    }

    private sealed class Cache
    {
        private readonly ZoneDays[] _zones = new ZoneDays[MaxZones];
        private int _count;

        /// <summary>The zone asked last (most batches ask the same few zones over and over).</summary>
        public ZoneDays? Last { get; private set; }

        public TimeZoneInfo?[] Zones { get; } = new TimeZoneInfo?[Size];

        public long[] Days { get; } = new long[Size];

        public long[] Offsets { get; } = new long[Size];

        /// <summary>The run of days of <paramref name="zone"/>, made (starting a margin before <paramref name="day"/>)
        /// when there is room; <see langword="null"/> when the table is full.</summary>
        public ZoneDays? Find(TimeZoneInfo zone, long day)
        {
            for (int i = 0; i < _count; i++)
            {
                if (ReferenceEquals(_zones[i].Zone, zone))
                {
                    return Last = _zones[i];
                }
            }

            if (_count == MaxZones)
            {
                return null;
            }

            var days = new ZoneDays(zone, day - Margin);
            _zones[_count++] = days;
            return Last = days;
        }
    }
}
