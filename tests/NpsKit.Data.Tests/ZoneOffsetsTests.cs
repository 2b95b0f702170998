using System.Buffers.Binary;
using FsCheck.Fluent;
using NpsKit.Data.Internal;
using NpsKit.TestUtilities;

namespace NpsKit.Data.Tests;

/// <summary>Skips a test where the IANA time-zone files (TZif) are not installed in the usual place (Windows).</summary>
public sealed class TzifFactAttribute : FactAttribute
{
    public TzifFactAttribute()
    {
        if (!Directory.Exists(ZoneOffsetsTests.ZoneInfo))
        {
            Skip = $"No IANA time-zone files in {ZoneOffsetsTests.ZoneInfo} (Debian's tzdata package): the exact transition list to compare with is missing.";
        }
    }
}

/// <summary>
/// <see cref="ZoneOffsets"/> samples the offset every hour and bisects each change to the second. That is exact when no
/// two changes of offset are an hour or less apart (two inside one step would be missed or merged): checked here for
/// every zone file (the closest two are days apart), and the pieces are compared change by change with the zone files'
/// own transition list — every change .NET's rules make is at a zone-file transition, and none is missed — for zones
/// with half- and quarter-hour offsets, changes not on the hour and historic local mean times.
/// </summary>
public class ZoneOffsetsTests
{
    public const string ZoneInfo = "/usr/share/zoneinfo";

    private static readonly long From1900 = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static readonly long To2037 = new DateTimeOffset(2037, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    [TzifFact]
    public void EveryZoneFile_HasNoTwoOffsetChangesWithinTheScanStep()
    {
        var closest = new List<string>();
        foreach (string zone in TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id))
        {
            List<(long At, long Offset)> changes = Changes(zone);
            for (int i = 1; i < changes.Count; i++)
            {
                if (changes[i].At - changes[i - 1].At <= 3600)
                {
                    closest.Add($"{zone}: {DateTimeOffset.FromUnixTimeSeconds(changes[i - 1].At):O} and {DateTimeOffset.FromUnixTimeSeconds(changes[i].At):O}");
                }
            }
        }

        Assert.Empty(closest);
    }

    [TzifFact]
    public void Pieces_AreTheZoneFilesTransitions_ForOddOffsetsAndChangesOffTheHour()
    {
        string[] zones =
        [
            "Australia/Lord_Howe", "Asia/Kathmandu", "Asia/Kolkata", "Australia/Eucla", "Pacific/Chatham", "America/St_Johns",
            "Pacific/Marquesas", "Asia/Tehran", "Africa/Monrovia", "Europe/Amsterdam", "Europe/Dublin", "America/Caracas",
            "Asia/Pyongyang", "Pacific/Apia", "America/Santiago", "Europe/Copenhagen", "America/New_York", "Antarctica/Troll",
        ];
        foreach (string zone in zones)
        {
            TimeZoneInfo info = TimeZoneInfo.FindSystemTimeZoneById(zone);
            IReadOnlyList<(long Start, long Offset)> pieces = ZoneOffsets.Pieces(info, From1900, To2037);
            // .NET keeps whole minutes of an offset (St. John's −03:30:52 local mean time is −03:30 to it), so a zone file
            // change that only moves the seconds is no change in the rules NpsKit cuts periods with.
            long Net(long s) => (long)info.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime).TotalSeconds;
            long[] expected = [.. Changes(zone).Where(c => c.At > From1900 && c.At < To2037 && Net(c.At - 1) != Net(c.At)).Select(c => c.At)];
            long[] actual = [.. pieces.Skip(1).Select(p => p.Start)];
            Assert.True(expected.SequenceEqual(actual), $"{zone}: the zone file changes the offset at {Describe(expected.Except(actual))} but the pieces do not; the pieces change at {Describe(actual.Except(expected))} but the zone file does not.");
            foreach ((long start, long offset) in pieces)
            {
                Assert.Equal((long)info.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(start).UtcDateTime).TotalSeconds, offset);
            }
        }
    }

    [Fact]
    public void Pieces_FindAQuarterHourOffsetChangeToTheSecond()
    {
        // Asia/Kathmandu moved from +05:30 to +05:45 at 1986-01-01 00:00 local (1985-12-31 18:30 UTC).
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");
        long from = new DateTimeOffset(1985, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        IReadOnlyList<(long Start, long Offset)> pieces = ZoneOffsets.Pieces(zone, from, from + (62 * 86_400));
        Assert.Equal([(from, 19_800L), (new DateTimeOffset(1985, 12, 31, 18, 30, 0, TimeSpan.Zero).ToUnixTimeSeconds(), 20_700L)], pieces);
    }

    [Fact]
    public void Pieces_FindLordHowesHalfHourShift()
    {
        // Australia/Lord_Howe: +10:30, and +11:00 in summer; the change back on 2026-04-05 is at 02:00 local daylight time.
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById("Australia/Lord_Howe");
        long from = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        IReadOnlyList<(long Start, long Offset)> pieces = ZoneOffsets.Pieces(zone, from, from + (61 * 86_400));
        Assert.Equal([(from, 39_600L), (new DateTimeOffset(2026, 4, 5, 2, 0, 0, TimeSpan.FromHours(11)).ToUnixTimeSeconds(), 37_800L)], pieces);
    }

    [Fact]
    public void PeriodBuckets_GiveEveryInstantTheLocalPeriodOfItsOffset() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            string[] zones = ["Europe/Copenhagen", "America/Santiago", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Apia", "America/Havana", "Africa/Monrovia", "America/St_Johns"];
            var rng = new SplitMix64((ulong)seed);
            TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(zones[rng.NextInt(zones.Length)]);
            var grain = (PeriodGrain)rng.NextInt(3);
            long from = -86_400L * 365 * 10 + rng.NextInt(86_400 * 365) * 60L; // 1960 onwards
            long to = from + (rng.NextInt(3 * 365) * 86_400L) + 1;
            (IReadOnlyList<long> starts, IReadOnlyList<DateOnly> periods) = ZoneOffsets.PeriodBuckets(zone, from, to, grain);
            if (starts.Count != periods.Count + 1 || starts[0] != from || starts[^1] != to || starts.Zip(starts.Skip(1)).Any(p => p.First >= p.Second))
            {
                return false;
            }

            for (int i = 0; i < 300; i++)
            {
                // Half the probes a second either side of a bucket start, where an off-by-one would show.
                long s = i % 2 == 0 ? from + (long)(rng.NextDouble() * (to - from)) : Math.Clamp(starts[rng.NextInt(starts.Count)] - 1 + rng.NextInt(2), from, to - 1);
                long offset = (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime).TotalSeconds;
                int bucket = starts.Count(b => b <= s) - 1;
                if (periods[bucket] != ZoneOffsets.PeriodOf(s + offset, grain))
                {
                    return false;
                }
            }

            return true;
        }),
        maxTest: 100);

    private static string Describe(IEnumerable<long> seconds)
    {
        string[] shown = [.. seconds.Take(5).Select(s => DateTimeOffset.FromUnixTimeSeconds(s).ToString("O"))];
        return shown.Length == 0 ? "no instant" : string.Join(", ", shown);
    }

    /// <summary>The instants (UTC seconds) where a zone file's UTC offset changes, with the new offset — transitions
    /// that change only the DST flag or the abbreviation are left out. Reads the 64-bit section of a TZif file (RFC 8536).</summary>
    private static List<(long At, long Offset)> Changes(string zone)
    {
        byte[] b = File.ReadAllBytes(Path.Combine(ZoneInfo, zone));
        Assert.Equal("TZif"u8.ToArray(), b[..4]);
        int offset = 0;
        (int isUt, int isStd, int leap, int times, int types, int chars) = Header(b, 0);
        if (b[4] >= (byte)'2')
        {
            offset = 44 + (times * 5) + (types * 6) + chars + (leap * 8) + isStd + isUt;
            (isUt, isStd, leap, times, types, chars) = Header(b, offset);
        }

        int size = b[4] >= (byte)'2' ? 8 : 4;
        int at = offset + 44;
        int index = at + (times * size);
        int type = index + times;
        long Utoff(int t) => BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(type + (t * 6)));
        var changes = new List<(long At, long Offset)>();
        long previous = Utoff(0);
        for (int i = 0; i < times; i++)
        {
            long when = size == 8 ? BinaryPrimitives.ReadInt64BigEndian(b.AsSpan(at + (i * 8))) : BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(at + (i * 4)));
            long utoff = Utoff(b[index + i]);
            if (utoff != previous)
            {
                changes.Add((when, utoff));
                previous = utoff;
            }
        }

        return changes;

        static (int, int, int, int, int, int) Header(byte[] b, int o) =>
            (Read(b, o + 20), Read(b, o + 24), Read(b, o + 28), Read(b, o + 32), Read(b, o + 36), Read(b, o + 40));

        static int Read(byte[] b, int o) => BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(o));
    }
}
