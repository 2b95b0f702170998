using System.Globalization;
using System.Text;

namespace NpsKit.Csv.Internal;

/// <summary>Span-based conversion of the UTF-8 fields the tokenizer hands out; no allocation on the common paths.</summary>
internal static class FieldParsers
{
    /// <summary>The first letters of the NPS group names, per group, in the languages whose recommend question is recognised
    /// (<see cref="SourceLayouts.RecommendWords"/>): English, Danish, Norwegian, Swedish, German, Dutch, French, Spanish,
    /// Portuguese, Italian, Finnish and Polish — "Promoter", "Promotorer", "Promoteurs", "Suosittelijat"; "Passive",
    /// "Passif", "Pasivos", "Neutros", "Indifferente", "Passiiviset", "Pasywni"; "Detractor", "Kritikere", "Détracteurs",
    /// "Detratores", "Detrattori", "Arvostelijat", "Krytycy". A value may go on after the name ("Promoters (9-10)").</summary>
    internal static readonly (string Stem, NpsCategory Group)[] GroupStems =
    [
        ("promot", NpsCategory.Promoter), ("suosittelij", NpsCategory.Promoter),
        ("passi", NpsCategory.Passive), ("pasiv", NpsCategory.Passive), ("pasyw", NpsCategory.Passive), ("neutr", NpsCategory.Passive), ("indifferent", NpsCategory.Passive),
        ("detrac", NpsCategory.Detractor), ("détrac", NpsCategory.Detractor), ("detrat", NpsCategory.Detractor), ("detrakt", NpsCategory.Detractor),
        ("kritik", NpsCategory.Detractor), ("critic", NpsCategory.Detractor), ("belackar", NpsCategory.Detractor), ("arvostelij", NpsCategory.Detractor), ("kryty", NpsCategory.Detractor),
    ];

    /// <summary>Reads an NPS group label (see <see cref="GroupStems"/>).</summary>
    /// <returns><see langword="null"/> when the field is blank; otherwise whether it names a group.</returns>
    public static bool? TryParseGroup(ReadOnlySpan<byte> field, out NpsCategory group)
    {
        group = default;
        field = Trim(field);
        if (field.IsEmpty)
        {
            return null;
        }

        Span<char> chars = stackalloc char[64];
        if (field.Length > chars.Length || !Encoding.UTF8.TryGetChars(field, chars, out int n))
        {
            return false;
        }

        Span<char> lower = chars[..n];
        for (int i = 0; i < lower.Length; i++)
        {
            lower[i] = char.ToLowerInvariant(lower[i]);
        }

        foreach ((string stem, NpsCategory g) in GroupStems)
        {
            if (lower.StartsWith(stem, StringComparison.Ordinal))
            {
                group = g;
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a score: an integer 0..10 (a zero fraction such as <c>9.0</c> is allowed), or a label starting with one,
    /// such as <c>10 - Extremely likely</c> or <c>9 (promoter)</c>.</summary>
    /// <returns><see langword="null"/> when valid; otherwise why not.</returns>
    public static BadRowReason? ParseScore(ReadOnlySpan<byte> field, out byte score)
    {
        score = 0;
        field = Trim(field);
        if (field.IsEmpty)
        {
            return BadRowReason.MissingScore;
        }

        // Fast path: "0".."9" and "10".
        if (field.Length == 1 && IsDigit(field[0]))
        {
            score = (byte)(field[0] - '0');
            return null;
        }

        if (field.Length == 2 && field[0] == '1' && field[1] == '0')
        {
            score = 10;
            return null;
        }

        int i = 0;
        bool negative = false;
        if (field[0] is (byte)'+' or (byte)'-')
        {
            negative = field[0] == '-';
            i++;
        }

        int digitsStart = i;
        long value = 0;
        while (i < field.Length && IsDigit(field[i]))
        {
            value = Math.Min((value * 10) + (field[i] - '0'), 1_000_000);
            i++;
        }

        if (i == digitsStart)
        {
            return TrailingScore(field, out score);
        }

        bool fractional = false;
        if (i < field.Length && field[i] is (byte)'.' or (byte)',' && i + 1 < field.Length && IsDigit(field[i + 1]))
        {
            i++;
            while (i < field.Length && IsDigit(field[i]))
            {
                fractional |= field[i] != '0';
                i++;
            }
        }

        // What follows the number must be nothing, or a label separated by space or punctuation (not "10abc" or "1e1").
        if (i < field.Length)
        {
            byte next = field[i];
            if (IsDigit(next) || IsAsciiLetter(next) || next is (byte)'.' or (byte)',')
            {
                return BadRowReason.ScoreNotANumber;
            }
        }

        if (fractional)
        {
            return BadRowReason.ScoreNotAnInteger;
        }

        if (negative && value != 0)
        {
            return BadRowReason.ScoreOutOfRange;
        }

        if (value > Nps.MaxScore)
        {
            return BadRowReason.ScoreOutOfRange;
        }

        score = (byte)value;
        return null;
    }

    /// <summary>Reads a label with the score at its end, as some tools write it: <c>Extremely likely - 10</c>,
    /// <c>Not at all likely 0</c>. The label must start with a letter and the number must follow a space or punctuation.</summary>
    private static BadRowReason? TrailingScore(ReadOnlySpan<byte> field, out byte score)
    {
        score = 0;
        int end = field.Length;
        int start = end;
        while (start > 0 && IsDigit(field[start - 1]))
        {
            start--;
        }

        if (start == end || start == 0 || !(IsAsciiLetter(field[0]) || field[0] >= 0x80) || field[start - 1] is not ((byte)' ' or (byte)'-' or (byte)'=' or (byte)':' or (byte)'(' or (byte)'/'))
        {
            return BadRowReason.ScoreNotANumber;
        }

        long value = 0;
        for (int k = start; k < end; k++)
        {
            value = Math.Min((value * 10) + (field[k] - '0'), 1_000_000);
        }

        if (value > Nps.MaxScore)
        {
            return BadRowReason.ScoreOutOfRange;
        }

        score = (byte)value;
        return null;
    }

    /// <summary>Reads a weight in <paramref name="culture"/>: finite and greater than zero.</summary>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParseWeight(ReadOnlySpan<byte> field, CultureInfo culture, out double weight)
    {
        field = Trim(field);
        Span<char> chars = stackalloc char[64];
        if (field.IsEmpty || field.Length > chars.Length || !Encoding.UTF8.TryGetChars(field, chars, out int n))
        {
            weight = 0;
            return false;
        }

        return double.TryParse(chars[..n], NumberStyles.Float, culture, out weight) && double.IsFinite(weight) && weight > 0;
    }

    /// <summary>Decodes a UTF-8 field to a string, trimmed.</summary>
    public static string Text(ReadOnlySpan<byte> field) => Encoding.UTF8.GetString(Trim(field));

    /// <summary>Trims ASCII spaces and tabs.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> field)
    {
        int start = 0;
        int end = field.Length;
        while (start < end && field[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        while (end > start && field[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        return field[start..end];
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsAsciiLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';
}

/// <summary>
/// Reads times. ISO 8601 (<c>2026-03-14T09:12:33Z</c>, <c>2026-03-14 09:12:33+01:00</c>, <c>2026-03-14</c>) is parsed straight
/// from UTF-8; anything else goes through <see cref="DateTime.TryParse(ReadOnlySpan{char}, IFormatProvider, DateTimeStyles, out DateTime)"/>
/// in the given culture. Times without an offset are local times in the reporting zone:
/// a local time that does not exist (the hour skipped when clocks go forward) is read as if the clocks had not yet moved,
/// i.e. shifted forward by the gap; an ambiguous local time (the hour repeated when clocks go back) is read as its first
/// occurrence (daylight time).
/// </summary>
internal sealed class TimeParser
{
    private readonly TimeZoneInfo? _zone;
    private readonly CultureInfo _culture;
    private long _cachedLocalHour = long.MinValue;
    private long _cachedOffsetTicks;

    public TimeParser(TimeZoneInfo? zone, CultureInfo culture, DateReading? dates = null)
    {
        _zone = zone;
        _culture = culture;
        Dates = dates ?? new DateReading(new CsvReadOptions { Culture = culture });
    }

    /// <summary>Gets how numeric dates, explicit formats and timestamps are read.</summary>
    public DateReading Dates { get; }

    /// <summary>Parses a time to UTC ticks.</summary>
    /// <returns><see langword="null"/> when valid; otherwise why not.</returns>
    public BadRowReason? Parse(ReadOnlySpan<byte> field, out long utcTicks)
    {
        utcTicks = 0;
        field = FieldParsers.Trim(field);
        if (field.IsEmpty)
        {
            return BadRowReason.MissingTime;
        }

        if (TryParseIso(field, out long localTicks, out bool hasOffset, out long offsetTicks, out bool malformedIso))
        {
            return hasOffset ? ToUtc(localTicks - offsetTicks, out utcTicks) : FromLocal(localTicks, out utcTicks);
        }

        if (malformedIso)
        {
            return BadRowReason.TimeUnparsable;
        }

        DateReading dates = Dates;
        if (dates.Formats is not null)
        {
            // Given formats: the .NET ones in order, then the numeric entries (unix, unix-ms, excel), which decide a
            // number whatever its width. (The numeric entries used to be dropped here: no number was ever read by them.)
            if (dates.Formats.Length > 0 && dates.TryFormats(field, _culture, out localTicks, out hasOffset, out offsetTicks))
            {
                return hasOffset ? ToUtc(localTicks - offsetTicks, out utcTicks) : FromLocal(localTicks, out utcTicks);
            }

            if ((dates.Unix || dates.UnixMs || dates.Excel) && dates.TryNumeric(field, out localTicks, out bool utc) is true)
            {
                return utc ? ToUtc(localTicks, out utcTicks) : FromLocal(localTicks, out utcTicks);
            }

            return BadRowReason.TimeUnparsable;
        }

        if (dates.TryNumeric(field, out localTicks, out bool isUtc) is bool numeric)
        {
            return !numeric ? BadRowReason.TimeUnparsable : isUtc ? ToUtc(localTicks, out utcTicks) : FromLocal(localTicks, out utcTicks);
        }

        if (NumericDate.TryParse(field, out NumericDate date))
        {
            if (!date.YearFirst && dates.Order is null)
            {
                return BadRowReason.AmbiguousDate;
            }

            if (!dates.TryOrdered(date, out localTicks))
            {
                return BadRowReason.TimeUnparsable;
            }

            return date.HasOffset ? ToUtc(localTicks - date.OffsetTicks, out utcTicks) : FromLocal(localTicks, out utcTicks);
        }

        return ParseGeneral(field, out utcTicks);
    }

    /// <summary>Reads a zone suffix: optional spaces, then <c>Z</c>, <c>UTC</c> or <c>GMT</c> (optionally followed by an
    /// offset), or an offset <c>±hh</c>, <c>±hhmm</c>, <c>±hh:mm</c>.</summary>
    internal static bool TryParseZone(ReadOnlySpan<byte> s, out long offsetTicks)
    {
        offsetTicks = 0;
        while (!s.IsEmpty && s[0] == ' ')
        {
            s = s[1..];
        }

        if (s.Length == 1 && (s[0] | 0x20) == 'z')
        {
            return true;
        }

        if (s.Length >= 3 && (Ascii.EqualsIgnoreCase(s[..3], "UTC"u8) || Ascii.EqualsIgnoreCase(s[..3], "GMT"u8)))
        {
            s = s[3..];
            if (s.IsEmpty)
            {
                return true;
            }
        }

        if (s.IsEmpty || s[0] is not ((byte)'+' or (byte)'-'))
        {
            return false;
        }

        int sign = s[0] == '-' ? -1 : 1;
        int oh;
        int om = 0;
        if (!((s.Length == 3 && Digits(s, 1, 2, out oh))
            || (s.Length == 5 && Digits(s, 1, 2, out oh) && Digits(s, 3, 2, out om))
            || (s.Length == 6 && Digits(s, 1, 2, out oh) && s[3] == ':' && Digits(s, 4, 2, out om))))
        {
            return false;
        }

        if (oh > 14 || om > 59)
        {
            return false;
        }

        offsetTicks = sign * ((oh * TimeSpan.TicksPerHour) + (om * TimeSpan.TicksPerMinute));
        return true;
    }

    private BadRowReason? ParseGeneral(ReadOnlySpan<byte> field, out long utcTicks)
    {
        utcTicks = 0;
        Span<char> chars = stackalloc char[128];
        if (field.Length > chars.Length || !Encoding.UTF8.TryGetChars(field, chars, out int n))
        {
            return BadRowReason.TimeUnparsable;
        }

        ReadOnlySpan<char> text = chars[..n];
        if (!DateTime.TryParse(text, _culture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out DateTime dt))
        {
            return BadRowReason.TimeUnparsable;
        }

        if (dt.Kind == DateTimeKind.Unspecified)
        {
            return FromLocal(dt.Ticks, out utcTicks);
        }

        // The text carried a zone ('Z' or an offset): read it as an exact instant.
        if (!DateTimeOffset.TryParse(text, _culture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out DateTimeOffset instant))
        {
            return BadRowReason.TimeUnparsable;
        }

        utcTicks = instant.UtcTicks;
        return null;
    }

    private BadRowReason? FromLocal(long localTicks, out long utcTicks)
    {
        utcTicks = 0;
        if (_zone is null)
        {
            return BadRowReason.TimeWithoutZone;
        }

        long hour = localTicks / TimeSpan.TicksPerHour;
        if (hour == _cachedLocalHour)
        {
            return ToUtc(localTicks - _cachedOffsetTicks, out utcTicks);
        }

        var local = new DateTime(localTicks, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (_zone.IsInvalidTime(local))
        {
            // Skipped by a forward transition: the offset from just before the gap gives the later wall-clock reading.
            offset = _zone.GetUtcOffset(local.AddHours(-3));
        }
        else if (_zone.IsAmbiguousTime(local))
        {
            offset = _zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = _zone.GetUtcOffset(local);
            var hourStart = new DateTime(hour * TimeSpan.TicksPerHour, DateTimeKind.Unspecified);
            var hourEnd = hourStart.AddTicks(TimeSpan.TicksPerHour - 1);
            if (!_zone.IsInvalidTime(hourStart) && !_zone.IsAmbiguousTime(hourStart) && !_zone.IsInvalidTime(hourEnd)
                && !_zone.IsAmbiguousTime(hourEnd) && _zone.GetUtcOffset(hourStart) == offset && _zone.GetUtcOffset(hourEnd) == offset)
            {
                _cachedLocalHour = hour;
                _cachedOffsetTicks = offset.Ticks;
            }
        }

        return ToUtc(localTicks - offset.Ticks, out utcTicks);
    }

    private static BadRowReason? ToUtc(long ticks, out long utcTicks)
    {
        utcTicks = ticks;
        return ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks ? BadRowReason.TimeUnparsable : null;
    }

    /// <summary>yyyy-MM-dd[(T| )HH:mm[:ss[.f…]]][Z|±HH[:]mm|±HH]. Sets <paramref name="malformed"/> when the text starts like
    /// ISO 8601 but is not a valid date or time (so the general parser does not reinterpret it).</summary>
    private static bool TryParseIso(ReadOnlySpan<byte> s, out long localTicks, out bool hasOffset, out long offsetTicks, out bool malformed)
    {
        localTicks = 0;
        hasOffset = false;
        offsetTicks = 0;
        malformed = false;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, out int year) || !Digits(s, 5, 2, out int month) || !Digits(s, 8, 2, out int day))
        {
            return false;
        }

        malformed = true;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        long ticks = new DateTime(year, month, day).Ticks;
        int i = 10;
        if (i < s.Length && s[i] is (byte)'T' or (byte)' ' or (byte)'t')
        {
            i++;
            if (!Digits(s, i, 2, out int hh) || i + 2 >= s.Length || s[i + 2] != ':' || !Digits(s, i + 3, 2, out int mm) || hh > 23 || mm > 59)
            {
                return false;
            }

            i += 5;
            int ss = 0;
            if (i < s.Length && s[i] == ':')
            {
                if (!Digits(s, i + 1, 2, out ss) || ss > 59)
                {
                    return false;
                }

                i += 3;
            }

            ticks += (hh * TimeSpan.TicksPerHour) + (mm * TimeSpan.TicksPerMinute) + (ss * TimeSpan.TicksPerSecond);
            if (i < s.Length && s[i] is (byte)'.' or (byte)',')
            {
                i++;
                long fraction = 0;
                int digits = 0;
                while (i < s.Length && (uint)(s[i] - '0') <= 9)
                {
                    if (digits < 7)
                    {
                        fraction = (fraction * 10) + (s[i] - '0');
                        digits++;
                    }

                    i++;
                }

                if (digits == 0)
                {
                    return false;
                }

                for (; digits < 7; digits++)
                {
                    fraction *= 10;
                }

                ticks += fraction;
            }
        }

        if (i < s.Length)
        {
            // Z, an offset, or (as Delighted and others write it) " UTC" / " GMT" / " +00:00".
            if (!TryParseZone(s[i..], out offsetTicks))
            {
                return false;
            }

            hasOffset = true;
        }

        localTicks = ticks;
        malformed = false;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (int i = start; i < start + count; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }
}
