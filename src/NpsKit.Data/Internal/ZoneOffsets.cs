namespace NpsKit.Data.Internal;

/// <summary>
/// A zone's UTC offset over a range of UTC seconds as pieces of constant offset, read from the .NET zone rules — the
/// rules <see cref="NpsKit.Aggregation.ReportingCalendar"/> cuts periods with — so that a database adding the offset of
/// each answer's piece gets the same local date as NpsKit does in process, without the database's own time-zone data.
/// </summary>
internal static class ZoneOffsets
{
    /// <summary>The scan step: offsets are sampled every hour and each change is located to the second by bisection.
    /// Every zone change in the IANA database is at least days from the next one.</summary>
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
