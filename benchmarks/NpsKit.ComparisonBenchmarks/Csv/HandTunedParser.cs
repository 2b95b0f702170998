using System.Text;
using Microsoft.Win32.SafeHandles;

namespace NpsKit.ComparisonBenchmarks.Csv;

/// <summary>
/// The reference of issue #14: a parser written for exactly the yardstick's shape
/// (<c>respondent_id,responded_at,segment,score</c>, no quotes), as fast as plain C# goes, that still validates every
/// field: four fields a row, a non-empty id, an exact <c>yyyy-MM-ddTHH:mm:ssZ</c> time with every digit and range
/// checked, a score of 0–10, a known or new segment. Months are found in Europe/Copenhagen by a binary search of the
/// precomputed month starts. The file is split in halves at a line break, each read by one thread in 1 MiB blocks.
/// It is what NpsKit is measured against, not a CSV reader: it throws on anything outside that shape.
/// </summary>
public static class HandTunedParser
{
    private const int Block = 1 << 20;

    /// <summary>Counts answers per (month, segment, score) and returns the total counted.</summary>
    /// <param name="path">The yardstick file.</param>
    /// <param name="threads">1 or 2.</param>
    /// <param name="zone">The reporting zone.</param>
    /// <returns>Rows counted.</returns>
    public static long Count(string path, int threads, TimeZoneInfo zone)
    {
        long[] starts = MonthStarts(zone, 2020, 2030);
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long length = RandomAccess.GetLength(file);
        long headerEnd = FindLineEnd(file, 0, length);
        var bounds = new List<long> { headerEnd };
        for (int t = 1; t < threads; t++)
        {
            bounds.Add(FindLineEnd(file, length * t / threads, length));
        }

        bounds.Add(length);
        var workers = new Worker[threads];
        var tasks = new Task[threads];
        for (int t = 0; t < threads; t++)
        {
            var worker = workers[t] = new Worker(starts);
            long from = bounds[t];
            long to = bounds[t + 1];
            tasks[t] = t == threads - 1 ? Task.CompletedTask : Task.Run(() => worker.Run(file, from, to));
        }

        workers[threads - 1].Run(file, bounds[threads - 1], length);
        Task.WaitAll(tasks);
        long total = 0;
        foreach (Worker w in workers)
        {
            foreach (long c in w.Counts)
            {
                total += c;
            }
        }

        return total;
    }

    /// <summary>The UTC ticks at which each local month starts, from January of <paramref name="fromYear"/>.</summary>
    private static long[] MonthStarts(TimeZoneInfo zone, int fromYear, int toYear)
    {
        var list = new List<long>();
        for (int y = fromYear; y < toYear; y++)
        {
            for (int m = 1; m <= 12; m++)
            {
                var local = new DateTime(y, m, 1, 0, 0, 0, DateTimeKind.Unspecified);
                list.Add(local.Ticks - zone.GetUtcOffset(local).Ticks);
            }
        }

        return [.. list];
    }

    private static long FindLineEnd(SafeFileHandle file, long from, long length)
    {
        Span<byte> buffer = stackalloc byte[4096];
        while (from < length)
        {
            int n = RandomAccess.Read(file, buffer, from);
            int i = buffer[..n].IndexOf((byte)'\n');
            if (i >= 0)
            {
                return from + i + 1;
            }

            from += n;
        }

        return length;
    }

    private sealed class Worker(long[] starts)
    {
        private readonly Dictionary<string, int> _segments = new(StringComparer.Ordinal);
        private readonly byte[][] _segmentBytes = new byte[64][];
        private readonly ulong[] _slotKeys = new ulong[256];
        private readonly int[] _slotCodes = new int[256];

        public long[] Counts { get; private set; } = new long[120 * 64 * 11];

        public void Run(SafeFileHandle file, long from, long to)
        {
            byte[] buffer = new byte[Block + 256];
            int carry = 0;
            long position = from;
            while (position < to || carry > 0)
            {
                int read = position < to ? RandomAccess.Read(file, buffer.AsSpan(carry, (int)Math.Min(Block, to - position)), position) : 0;
                position += read;
                int available = carry + read;
                bool last = position >= to;
                Span<byte> data = buffer.AsSpan(0, available);
                int consumed = 0;
                while (true)
                {
                    int nl = data[consumed..].IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        if (last && consumed < available)
                        {
                            Line(data[consumed..]);
                            consumed = available;
                        }

                        break;
                    }

                    Line(data.Slice(consumed, nl));
                    consumed += nl + 1;
                }

                carry = available - consumed;
                data[consumed..].CopyTo(buffer);
                if (last)
                {
                    break;
                }
            }
        }

        private void Line(ReadOnlySpan<byte> line)
        {
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }

            int c1 = line.IndexOf((byte)',');
            if (c1 <= 0)
            {
                throw Bad(line);
            }

            ReadOnlySpan<byte> rest = line[(c1 + 1)..];
            if (rest.Length < 21 || rest[20] != ',')
            {
                throw Bad(line);
            }

            long ticks = Time(rest[..20], line);
            rest = rest[21..];
            int c3 = rest.IndexOf((byte)',');
            if (c3 <= 0)
            {
                throw Bad(line);
            }

            int segment = Segment(rest[..c3]);
            ReadOnlySpan<byte> s = rest[(c3 + 1)..];
            int score;
            if (s.Length == 1 && (uint)(s[0] - '0') <= 9)
            {
                score = s[0] - '0';
            }
            else if (s.Length == 2 && s[0] == '1' && s[1] == '0')
            {
                score = 10;
            }
            else
            {
                throw Bad(line);
            }

            int month = Array.BinarySearch(starts, ticks);
            month = month >= 0 ? month : ~month - 1;
            if (month < 0 || month >= 120)
            {
                throw Bad(line);
            }

            Counts[(((month * 64) + segment) * 11) + score]++;
        }

        private static long Time(ReadOnlySpan<byte> t, ReadOnlySpan<byte> line)
        {
            if (t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z')
            {
                throw Bad(line);
            }

            int year = (D(t[0], line) * 1000) + (D(t[1], line) * 100) + (D(t[2], line) * 10) + D(t[3], line);
            int month = (D(t[5], line) * 10) + D(t[6], line);
            int day = (D(t[8], line) * 10) + D(t[9], line);
            int hour = (D(t[11], line) * 10) + D(t[12], line);
            int minute = (D(t[14], line) * 10) + D(t[15], line);
            int second = (D(t[17], line) * 10) + D(t[18], line);
            if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            {
                throw Bad(line);
            }

            return new DateTime(year, month, day).Ticks + (((hour * 3600L) + (minute * 60L) + second) * TimeSpan.TicksPerSecond);
        }

        private static int D(byte b, ReadOnlySpan<byte> line)
        {
            uint d = (uint)(b - '0');
            return d <= 9 ? (int)d : throw Bad(line);
        }

        private int Segment(ReadOnlySpan<byte> name)
        {
            // Names of up to 8 bytes are one 64-bit key in a 256-slot open-addressing table; longer names take the list.
            if (name.Length <= 8)
            {
                ulong key = (ulong)name.Length << 56;
                for (int i = 0; i < name.Length; i++)
                {
                    key |= (ulong)name[i] << (8 * i);
                }

                uint slot = (uint)((key * 0x9E3779B97F4A7C15UL) >> 56);
                while (true)
                {
                    int code = _slotCodes[slot];
                    if (code == 0)
                    {
                        code = NewSegment(name);
                        _slotKeys[slot] = key;
                        _slotCodes[slot] = code + 1;
                        return code;
                    }

                    if (_slotKeys[slot] == key)
                    {
                        return code - 1;
                    }

                    slot = (slot + 1) & 255;
                }
            }

            for (int i = 0; i < _segments.Count; i++)
            {
                if (name.SequenceEqual(_segmentBytes[i]))
                {
                    return i;
                }
            }

            return NewSegment(name);
        }

        private int NewSegment(ReadOnlySpan<byte> name)
        {
            if (_segments.Count == 64)
            {
                throw new InvalidDataException("more than 64 segments");
            }

            int code = _segments.Count;
            _segments.Add(Encoding.UTF8.GetString(name), code);
            _segmentBytes[code] = name.ToArray();
            return code;
        }

        private static InvalidDataException Bad(ReadOnlySpan<byte> line) => new("not a yardstick row: " + Encoding.UTF8.GetString(line));
    }
}
