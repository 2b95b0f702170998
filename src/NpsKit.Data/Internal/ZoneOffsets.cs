namespace NpsKit.Data.Internal;

/// <summary>
/// A zone's UTC offset over a range of UTC seconds as pieces of constant offset, read from the .NET zone rules — the
/// rules <see cref="NpsKit.Aggregation.ReportingCalendar"/> cuts periods with — so that a database adding the offset of
/// each answer's piece gets the same local date as NpsKit does in process, without the database's own time-zone data.
/// </summary>
internal static class ZoneOffsets
{
    /// <summary>The scan step: offsets are sampled every hour and each change is located to the second by bisection,
    /// which is exact as long as no two changes of offset are an hour or less apart (two inside one step would be missed
    /// or merged). In the IANA zone files the closest two changes of any zone are days apart, and .NET changes a zone's
    /// offset only at a zone-file transition — both checked by ZoneOffsetsTests over every zone file from 1900 to 2037,
    /// including half- and quarter-hour offsets (Lord Howe, Kathmandu, Chatham) and local mean times.</summary>
    private const long Step = 3600;

    /// <summary>The pieces of constant offset covering [<paramref name="fromSeconds"/>, <paramref name="toSeconds"/>):
    /// each piece's first UTC second and its offset in seconds, the first piece starting at <paramref name="fromSeconds"/>.</summary>
    public static IReadOnlyList<(long Start, long Offset)> Pieces(TimeZoneInfo zone, long fromSeconds, long toSeconds)
    {
        var pieces = new List<(long Start, long Offset)> { (fromSeconds, OffsetAt(zone, fromSeconds)) };
        long previous = fromSeconds;
        long offset = pieces[0].Offset;
        while (previous < toSeconds - 1)
        {
            long next = Math.Min(previous + Step, toSeconds - 1);
            long o = OffsetAt(zone, next);
            if (o != offset)
            {
                long lo = previous, hi = next; // offset(lo) = offset, offset(hi) != offset
                while (hi - lo > 1)
                {
                    long mid = lo + ((hi - lo) / 2);
                    if (OffsetAt(zone, mid) == offset)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                offset = OffsetAt(zone, hi);
                pieces.Add((hi, offset));
                previous = hi;
                continue;
            }

            previous = next;
        }

        return pieces;
    }

    /// <summary>The UTC seconds at which the local period (day, ISO week or month in the zone) of an instant changes over
    /// [<paramref name="fromSeconds"/>, <paramref name="toSeconds"/>): each bucket's first UTC second and the first day of
    /// its local period, the first bucket starting at <paramref name="fromSeconds"/>, then <paramref name="toSeconds"/> as
    /// the end. Within a piece of constant offset the local time only rises, so a bucket starts at every local period start
    /// inside the piece and where a change of offset moves the local time into another period — also backwards, so a
    /// period may own several buckets and the buckets' periods need not rise.</summary>
    public static (IReadOnlyList<long> Starts, IReadOnlyList<DateOnly> Periods) PeriodBuckets(TimeZoneInfo zone, long fromSeconds, long toSeconds, PeriodGrain grain)
    {
        IReadOnlyList<(long Start, long Offset)> pieces = Pieces(zone, fromSeconds, toSeconds);
        var starts = new List<long>();
        var periods = new List<DateOnly>();
        for (int i = 0; i < pieces.Count; i++)
        {
            (long start, long offset) = pieces[i];
            long end = i + 1 < pieces.Count ? pieces[i + 1].Start : toSeconds;
            DateOnly period = PeriodOf(start + offset, grain);
            if (periods.Count == 0 || periods[^1] != period)
            {
                starts.Add(start);
                periods.Add(period);
            }

            for (DateOnly next = Next(period, grain); ; next = Next(next, grain))
            {
                long local = ((long)next.DayNumber - UnixDay) * 86_400;
                if (local - offset >= end)
                {
                    break;
                }

                starts.Add(local - offset);
                periods.Add(next);
            }
        }

        starts.Add(toSeconds);
        return (starts, periods);
    }

    /// <summary><see cref="DateOnly.DayNumber"/> of 1970-01-01.</summary>
    private const long UnixDay = 719_162;

    /// <summary>The first day of the day, ISO week or month holding a local wall-clock time (seconds since 1970 local).</summary>
    internal static DateOnly PeriodOf(long localSeconds, PeriodGrain grain)
    {
        var day = DateOnly.FromDayNumber((int)(Math.DivRem(localSeconds, 86_400, out long rest) - (rest < 0 ? 1 : 0) + UnixDay));
        return grain switch
        {
            PeriodGrain.Day => day,
            PeriodGrain.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            _ => new DateOnly(day.Year, day.Month, 1),
        };
    }

    private static DateOnly Next(DateOnly period, PeriodGrain grain) => grain switch
    {
        PeriodGrain.Day => period.AddDays(1),
        PeriodGrain.Week => period.AddDays(7),
        _ => period.AddMonths(1),
    };

    private static long OffsetAt(TimeZoneInfo zone, long seconds)
    {
        long ticks = Math.Clamp(DateTimeOffset.UnixEpoch.UtcTicks + (seconds * TimeSpan.TicksPerSecond), 0, DateTime.MaxValue.Ticks);
        TimeSpan offset = zone.GetUtcOffset(new DateTime(ticks, DateTimeKind.Utc));
        if (offset.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new NotSupportedException($"{zone.Id}: the UTC offset {offset} has a fraction of a second, which no database adds exactly.");
        }

        return offset.Ticks / TimeSpan.TicksPerSecond;
    }
}
