using System.Globalization;
using System.Text;

namespace NpsKit.Csv.Internal;

/// <summary>A date written with numbers only and separators (<c>14/03/2026</c>, <c>3.14.2026 9:12 PM</c>), split into its parts
/// before anyone decides which part is the day.</summary>
internal readonly record struct NumericDate(int First, int Second, int Year, bool YearFirst, long TimeOfDayTicks, bool HasOffset, long OffsetTicks)
{
    /// <summary>Whether the parts fit either order (both the first and second part at most 12).</summary>
    public bool IsAmbiguous => !YearFirst && First <= 12 && Second <= 12 && First != Second;

    /// <summary>The order the parts themselves prove, if any.</summary>
    public DateOrder? Evidence => YearFirst ? null
        : First > 12 && Second <= 12 ? DateOrder.DayFirst
        : Second > 12 && First <= 12 ? DateOrder.MonthFirst
        : null;

    /// <summary>Parses <c>a/b/yyyy</c> (separator <c>/</c>, <c>.</c> or <c>-</c>, the same twice) or <c>yyyy/m/d</c>, optionally
    /// followed (after a space, a comma or <c>T</c>) by <c>H:mm[:ss[.fff]]</c>, an AM/PM marker and a zone (<c>Z</c>, <c>UTC</c>,
    /// <c>GMT</c>, <c>±hh[:mm]</c>).</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out NumericDate date)
    {
        date = default;
        int i = 0;
        if (!Number(s, ref i, 1, 4, out int a, out int aDigits) || i >= s.Length || s[i] is not ((byte)'/' or (byte)'.' or (byte)'-'))
        {
            return false;
        }

        byte sep = s[i++];
        if (!Number(s, ref i, 1, 2, out int b, out _) || i >= s.Length || s[i] != sep)
        {
            return false;
        }

        i++;
        bool yearFirst = aDigits == 4;
        if (!Number(s, ref i, yearFirst ? 1 : 4, yearFirst ? 2 : 4, out int c, out _))
        {
            return false;
        }

        if (!yearFirst && aDigits > 2)
        {
            return false;
        }

        long time = 0;
        bool hasOffset = false;
        long offset = 0;
        if (i < s.Length)
        {
            if (s[i] is not ((byte)' ' or (byte)'T' or (byte)','))
            {
                return false;
            }

            while (i < s.Length && s[i] is (byte)' ' or (byte)'T' or (byte)',')
            {
                i++;
            }

            if (!Number(s, ref i, 1, 2, out int hh, out _) || i >= s.Length || s[i] != ':')
            {
                return false;
            }

            i++;
            if (!Number(s, ref i, 2, 2, out int mm, out _))
            {
                return false;
            }

            int ss = 0;
            long fraction = 0;
            if (i < s.Length && s[i] == ':')
            {
                i++;
                if (!Number(s, ref i, 2, 2, out ss, out _))
                {
                    return false;
                }

                if (i < s.Length && s[i] == '.')
                {
                    i++;
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

                    for (; digits < 7; digits++)
                    {
                        fraction *= 10;
                    }
                }
            }

            while (i < s.Length && s[i] == ' ')
            {
                i++;
            }

            if (i + 1 < s.Length && (s[i] | 0x20) is (byte)'a' or (byte)'p' && (s[i + 1] | 0x20) == 'm')
            {
                if (hh is < 1 or > 12)
                {
                    return false;
                }

                hh = (hh % 12) + ((s[i] | 0x20) == 'p' ? 12 : 0);
                i += 2;
                while (i < s.Length && s[i] == ' ')
                {
                    i++;
                }
            }

            if (hh > 23 || mm > 59 || ss > 59)
            {
                return false;
            }

            time = (hh * TimeSpan.TicksPerHour) + (mm * TimeSpan.TicksPerMinute) + (ss * TimeSpan.TicksPerSecond) + fraction;
            if (i < s.Length)
            {
                if (!TimeParser.TryParseZone(s[i..], out offset))
                {
                    return false;
                }

                hasOffset = true;
            }
        }

        date = yearFirst
            ? new NumericDate(b, c, a, true, time, hasOffset, offset)
            : new NumericDate(a, b, c, false, time, hasOffset, offset);
        return true;
    }

    /// <summary>The local ticks of the date in <paramref name="order"/>, or <see langword="false"/> when it is no date in that order.</summary>
    public bool TryGetTicks(DateOrder order, out long ticks)
    {
        ticks = 0;
        (int month, int day) = YearFirst || order == DateOrder.MonthFirst ? (First, Second) : (Second, First);
        if (Year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Year, month))
        {
            return false;
        }

        ticks = new DateTime(Year, month, day).Ticks + TimeOfDayTicks;
        return true;
    }

    private static bool Number(ReadOnlySpan<byte> s, ref int i, int min, int max, out int value, out int digits)
    {
        value = 0;
        digits = 0;
        while (i < s.Length && digits < max && (uint)(s[i] - '0') <= 9)
        {
            value = (value * 10) + (s[i] - '0');
            digits++;
            i++;
        }

        return digits >= min && (i >= s.Length || (uint)(s[i] - '0') > 9);
    }
}

/// <summary>How times are read beyond ISO 8601: the date order of numeric dates, explicit formats, and numeric timestamps.</summary>
internal sealed class DateReading
{
    /// <summary>The <see cref="CsvReadOptions.DateFormats"/> entry for Unix seconds.</summary>
    public const string UnixSeconds = "unix";

    /// <summary>The <see cref="CsvReadOptions.DateFormats"/> entry for Unix milliseconds.</summary>
    public const string UnixMilliseconds = "unix-ms";

    /// <summary>The <see cref="CsvReadOptions.DateFormats"/> entry for Excel serial dates.</summary>
    public const string ExcelSerial = "excel";

    private static readonly DateTime ExcelEpoch = new(1899, 12, 30);

    public DateReading(CsvReadOptions options)
    {
        Order = options.DateOrder;
        if (Order is null && !ReferenceEquals(options.Culture, CultureInfo.InvariantCulture) && options.Culture.Name.Length > 0)
        {
            string pattern = options.Culture.DateTimeFormat.ShortDatePattern;
            int d = pattern.IndexOf('d', StringComparison.Ordinal);
            int m = pattern.IndexOf('M', StringComparison.Ordinal);
            if (d >= 0 && m >= 0)
            {
                Order = d < m ? DateOrder.DayFirst : DateOrder.MonthFirst;
                OrderEvidence = $"the {options.Culture.Name} culture";
            }
        }
        else if (Order is not null)
        {
            OrderEvidence = "CsvReadOptions.DateOrder";
        }

        if (options.DateFormats is { Count: > 0 } formats)
        {
            Formats = formats.Where(f => !IsSpecial(f)).ToArray();
            Unix = formats.Contains(UnixSeconds, StringComparer.OrdinalIgnoreCase);
            UnixMs = formats.Contains(UnixMilliseconds, StringComparer.OrdinalIgnoreCase);
            Excel = formats.Contains(ExcelSerial, StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>Gets or sets the date order of numeric dates: given, from the culture, or decided from the file.</summary>
    public DateOrder? Order { get; set; }

    /// <summary>Gets or sets what decided <see cref="Order"/> (an option, the culture, or a line of the file).</summary>
    public string? OrderEvidence { get; set; }

    /// <summary>Gets the explicit .NET formats (<see langword="null"/> when none were given).</summary>
    public string[]? Formats { get; }

    public bool Unix { get; }

    public bool UnixMs { get; }

    public bool Excel { get; }

    /// <summary>Gets whether a numeric date's order must still be decided from the file.</summary>
    public bool NeedsDecision => Order is null && Formats is null;

    /// <summary>Gets or sets the line being read, for the message of a date that contradicts the decided order.</summary>
    public long Line { get; set; }

    /// <summary>Gets or sets the input's name.</summary>
    public string Source { get; set; } = "input";

    internal static bool IsSpecial(string format) =>
        format.Equals(UnixSeconds, StringComparison.OrdinalIgnoreCase) || format.Equals(UnixMilliseconds, StringComparison.OrdinalIgnoreCase) || format.Equals(ExcelSerial, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads an all-digit field as a timestamp: forced by a format entry, or by its width where that is
    /// unambiguous (10 digits: Unix seconds from 2001-09-09 to 2286; 13 digits: Unix milliseconds; 5 digits with an
    /// optional fraction: an Excel serial date from 1927 to 2173, a local time).</summary>
    /// <returns><see langword="null"/> when the field is not a number; otherwise whether it was read.</returns>
    public bool? TryNumeric(ReadOnlySpan<byte> s, out long ticks, out bool isUtc)
    {
        ticks = 0;
        isUtc = false;
        int i = 0;
        long whole = 0;
        while (i < s.Length && (uint)(s[i] - '0') <= 9 && i < 18)
        {
            whole = (whole * 10) + (s[i] - '0');
            i++;
        }

        int digits = i;
        if (digits == 0)
        {
            return null;
        }

        double fraction = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            double scale = 0.1;
            int start = i;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                fraction += (s[i] - '0') * scale;
                scale /= 10;
                i++;
            }

            if (i == start)
            {
                return null;
            }
        }

        if (i != s.Length)
        {
            return null;
        }

        bool excel = Excel || (!Unix && !UnixMs && digits == 5);
        bool unixMs = UnixMs || (!Unix && !Excel && digits == 13 && fraction == 0);
        bool unix = Unix || (!UnixMs && !Excel && digits == 10);
        if (excel)
        {
            double days = whole + fraction;
            if (days < 1 || days >= 2958466)
            {
                return false;
            }

            // Rounded to the millisecond: a serial's binary fraction is never exactly a second.
            ticks = ExcelEpoch.Ticks + (long)Math.Round(days * TimeSpan.TicksPerDay / TimeSpan.TicksPerMillisecond) * TimeSpan.TicksPerMillisecond;
            return true;
        }

        if (unixMs || unix)
        {
            double seconds = unixMs ? (whole + fraction) / 1000 : whole + fraction;
            if (seconds is < -62135596800 or > 253402300799)
            {
                return false;
            }

            ticks = DateTime.UnixEpoch.Ticks + (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
            isUtc = true;
            return true;
        }

        return null;
    }

    /// <summary>Reads a field with the explicit formats; <see langword="false"/> when none fits.</summary>
    public bool TryFormats(ReadOnlySpan<byte> field, CultureInfo culture, out long ticks, out bool hasOffset, out long offsetTicks)
    {
        ticks = 0;
        hasOffset = false;
        offsetTicks = 0;
        Span<char> chars = stackalloc char[128];
        if (field.Length > chars.Length || !Encoding.UTF8.TryGetChars(field, chars, out int n))
        {
            return false;
        }

        foreach (string format in Formats!)
        {
            if (DateTimeOffset.TryParseExact(chars[..n], format, culture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out DateTimeOffset value))
            {
                hasOffset = format.Contains('z', StringComparison.Ordinal) || format.Contains('K', StringComparison.Ordinal);
                offsetTicks = value.Offset.Ticks;
                ticks = value.Ticks;
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a numeric date in the decided order; a date that only fits the other order stops the read.</summary>
    public bool TryOrdered(in NumericDate date, out long ticks)
    {
        if (date.YearFirst)
        {
            return date.TryGetTicks(DateOrder.MonthFirst, out ticks); // yyyy/mm/dd: the order is written
        }

        DateOrder order = Order ?? throw new InvalidOperationException("The date order was not decided.");
        if (date.Evidence is DateOrder proven && proven != order)
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"{Source}{(Line > 0 ? $" line {Line}" : string.Empty)}");
            string problem = $"the date is {Describe(proven)}, but the file's dates were read as {Describe(order)}{(OrderEvidence == "CsvReadOptions.DateOrder" ? " (as told)" : $" ({OrderEvidence})")}: the file mixes date orders; fix the file, or name the formats";
            throw new NpsDataException(
                $"{where}: the date is {Describe(proven)}, but the file's dates were read as {Describe(order)} ({OrderEvidence}): the file mixes date orders. Fix the file, or name the order with CsvReadOptions.DateFormats.",
                where,
                problem,
                [new ReadOptionRemedy("DateFormats", "dd/MM/yyyy HH:mm")]);
        }

        return date.TryGetTicks(order, out ticks);
    }

    internal static string Describe(DateOrder order) => order == DateOrder.DayFirst ? "day-first (dd/mm/yyyy)" : "month-first (mm/dd/yyyy)";
}

/// <summary>
/// Decides the date order of a file's numeric dates from the file itself: a first part above 12 proves day-first, a
/// second part above 12 proves month-first. It reads time fields until one proves an order (the main pass then stops
/// at any date proving the other), or to the end when every numeric date fits both orders; it gives up after
/// <see cref="GiveUpAfter"/> time fields without a numeric date (an ISO 8601 file), so such files cost a bounded prefix.
/// The one implementation for every reader: the response reader (<see cref="ResponseCsvEngine"/>) and the record readers
/// that date their rows (<see cref="RecordCsvEngine"/>, used by <see cref="EnpsCsv"/>).
/// </summary>
internal sealed class DateOrderProbe(string source)
{
    /// <summary>How many time fields without a numeric date end the probe.</summary>
    internal const int GiveUpAfter = 1000;

    private int _withoutNumeric;
    private long _numeric;
    private long _firstAmbiguousLine;
    private string? _firstAmbiguousValue;

    /// <summary>Gets the order proven, or <see langword="null"/>.</summary>
    public DateOrder? Proven { get; private set; }

    /// <summary>Gets the line and value that proved it.</summary>
    public string? Evidence { get; private set; }

    /// <summary>Looks at one time field; returns <see langword="true"/> when the probe is done.</summary>
    public bool See(ReadOnlySpan<byte> field, long line)
    {
        field = FieldParsers.Trim(field);
        if (!NumericDate.TryParse(field, out NumericDate date) || date.YearFirst)
        {
            return _numeric == 0 && ++_withoutNumeric >= GiveUpAfter;
        }

        _numeric++;
        if (date.Evidence is DateOrder order)
        {
            Proven = order;
            Evidence = $"{source} line {line}: '{Encoding.UTF8.GetString(field)}' can only be {DateReading.Describe(order)}";
            return true;
        }

        if (_firstAmbiguousLine == 0)
        {
            _firstAmbiguousLine = line;
            _firstAmbiguousValue = Encoding.UTF8.GetString(field);
        }

        return false;
    }

    /// <summary>Sets the decided order on <paramref name="dates"/>, or refuses a file whose every numeric date fits both orders.</summary>
    public void Decide(DateReading dates)
    {
        if (Proven is DateOrder order)
        {
            dates.Order = order;
            dates.OrderEvidence = Evidence;
            return;
        }

        if (_numeric > 0)
        {
            string problem = string.Create(CultureInfo.InvariantCulture, $"the dates are written with numbers only (line {_firstAmbiguousLine}: '{_firstAmbiguousValue}') and all {_numeric} of them could be day-first or month-first");
            throw new NpsDataException(
                $"{source}: {problem}: name the order with CsvReadOptions.DateOrder (DayFirst or MonthFirst), CsvReadOptions.DateFormats (e.g. dd/MM/yyyy HH:mm) or CsvReadOptions.Culture (e.g. da-DK or en-US).",
                source,
                problem,
                [new ReadOptionRemedy("DateOrder", nameof(NpsKit.Csv.DateOrder.DayFirst)), new ReadOptionRemedy("DateFormats", "dd/MM/yyyy HH:mm"), new ReadOptionRemedy("Culture", "da-DK")]);
        }
    }
}
