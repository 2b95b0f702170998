using System.Runtime.CompilerServices;

namespace NpsKit.Eligibility;

/// <summary>
/// A per-thread cache of UTC offsets by (zone, UTC day), so that deciding millions of contacts does not pay for a
/// <see cref="TimeZoneInfo"/> conversion each. A day is cached only when the offset at its first and last tick agree
/// (no transition that day); days with a transition are always computed exactly.
/// </summary>
internal static class ZoneOffsets
{
    private const int Size = 4096;

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
        int slot = (int)((uint)(RuntimeHelpers.GetHashCode(zone) ^ (int)(day * 0x9E3779B1)) % Size);
        if (ReferenceEquals(cache.Zones[slot], zone) && cache.Days[slot] == day)
        {
            return cache.Offsets[slot];
        }

        long start = day * TimeSpan.TicksPerDay;
        long first = zone.GetUtcOffset(new DateTime(start, DateTimeKind.Utc)).Ticks;
        long last = zone.GetUtcOffset(new DateTime(start + TimeSpan.TicksPerDay - 1, DateTimeKind.Utc)).Ticks;
        if (first != last)
        {
            stable = false;
            return zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
        }

        cache.Zones[slot] = zone;
        cache.Days[slot] = day;
        cache.Offsets[slot] = first;
        return first;
    }

    private sealed class Cache
    {
        public TimeZoneInfo?[] Zones { get; } = new TimeZoneInfo?[Size];

        public long[] Days { get; } = new long[Size];

        public long[] Offsets { get; } = new long[Size];
    }
}
