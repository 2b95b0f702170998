using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using NpsKit.Internal;

namespace NpsKit.Aggregation;

/// <summary>
/// One reporting period: a run of whole local days (a day, an ISO week, a month, a quarter, a year, or a fiscal
/// quarter or year), identified by its unit and first day. Periods sort in time order and print the usual way:
/// <c>2026-03-05</c>, <c>2026-W09</c>, <c>2026-03</c>, <c>2026-Q1</c>, <c>2026</c>, <c>FY2026-Q2</c>, <c>FY2026</c>.
/// </summary>
/// <remarks>
/// <para>A period is a calendar notion: it knows its local dates, not the instants they cover. Which instants fall
/// in it depends on the reporting time zone; see <see cref="ReportingCalendar"/>.</para>
/// <para>ISO weeks follow ISO 8601: weeks start on Monday and week 1 is the week holding the year's first Thursday,
/// so some ISO week-years have 53 weeks (2020, 2026) and 29 December–3 January may belong to the neighbouring
/// week-year. The label's year is the ISO week-year (<c>2026-W01</c> starts on 29 December 2025).</para>
/// <para>Fiscal years start on the first day of <see cref="FiscalYearStartMonth"/> and are named by the calendar
/// year in which they <em>end</em>, the convention of the US federal government and of most companies (a fiscal
/// year starting 1 July 2025 is <c>FY2026</c>). With a January start the fiscal year is the calendar year.</para>
/// <para><c>default(ReportingPeriod)</c> is the day 0001-01-01. This type is an immutable value and is thread-safe.</para>
/// </remarks>
public readonly struct ReportingPeriod :
    IEquatable<ReportingPeriod>,
    IComparable<ReportingPeriod>,
    IComparable,
    IComparisonOperators<ReportingPeriod, ReportingPeriod, bool>,
    ISpanParsable<ReportingPeriod>
{
    private readonly DateOnly _firstDay;
    private readonly PeriodUnit _unit;
    private readonly byte _fiscalMonthOffset; // FiscalYearStartMonth - 1, so default means January

    private ReportingPeriod(DateOnly firstDay, PeriodUnit unit, int fiscalYearStartMonth)
    {
        _firstDay = firstDay;
        _unit = unit;
        _fiscalMonthOffset = (byte)(fiscalYearStartMonth - 1);
    }

    /// <summary>Gets the period's unit.</summary>
    public PeriodUnit Unit => _unit;

    /// <summary>Gets the month (1–12) in which fiscal years start. Meaningful for fiscal units; 1 for the others.</summary>
    public int FiscalYearStartMonth => _fiscalMonthOffset + 1;

    /// <summary>Gets the first local day of the period.</summary>
    public DateOnly FirstDay => _firstDay;

    /// <summary>Gets the last local day of the period (inclusive).</summary>
    public DateOnly LastDay => _unit switch
    {
        PeriodUnit.Day => _firstDay,
        PeriodUnit.IsoWeek => _firstDay.AddDays(6),
        PeriodUnit.Month => AddMonthsOrMax(_firstDay, 1),
        PeriodUnit.Quarter or PeriodUnit.FiscalQuarter => AddMonthsOrMax(_firstDay, 3),
        _ => AddMonthsOrMax(_firstDay, 12),
    };

    /// <summary>Gets the year shown in the label: the calendar year, the ISO week-year for <see cref="PeriodUnit.IsoWeek"/>,
    /// or the fiscal year (named by the year it ends in) for fiscal units.</summary>
    public int Year => _unit switch
    {
        PeriodUnit.IsoWeek => ISOWeek.GetYear(_firstDay.ToDateTime(TimeOnly.MinValue)),
        PeriodUnit.FiscalQuarter or PeriodUnit.FiscalYear => FiscalYearOf(_firstDay, FiscalYearStartMonth),
        _ => _firstDay.Year,
    };

    /// <summary>Gets the number within the year shown in the label: day of year for days, ISO week 1–53, month 1–12,
    /// quarter 1–4 (calendar or fiscal); 0 for years.</summary>
    public int Number => _unit switch
    {
        PeriodUnit.Day => _firstDay.DayOfYear,
        PeriodUnit.IsoWeek => ISOWeek.GetWeekOfYear(_firstDay.ToDateTime(TimeOnly.MinValue)),
        PeriodUnit.Month => _firstDay.Month,
        PeriodUnit.Quarter => ((_firstDay.Month - 1) / 3) + 1,
        PeriodUnit.FiscalQuarter => ((_firstDay.Month - FiscalYearStartMonth + 12) % 12 / 3) + 1,
        _ => 0,
    };

    /// <summary>Gets the period of <paramref name="unit"/> that contains a local date.</summary>
    /// <param name="date">The local date.</param>
    /// <param name="unit">The period unit.</param>
    /// <param name="fiscalYearStartMonth">For fiscal units, the month (1–12) in which fiscal years start; ignored
    /// (and stored as 1) for the other units. Default 1.</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not defined, or
    /// <paramref name="fiscalYearStartMonth"/> is outside 1..12.</exception>
    public static ReportingPeriod Containing(DateOnly date, PeriodUnit unit, int fiscalYearStartMonth = 1)
    {
        ValidateUnit(unit, fiscalYearStartMonth);
        switch (unit)
        {
            case PeriodUnit.Day:
                return new ReportingPeriod(date, unit, 1);
            case PeriodUnit.IsoWeek:
                int sinceMonday = ((int)date.DayOfWeek + 6) % 7;
                return new ReportingPeriod(date.DayNumber >= sinceMonday ? date.AddDays(-sinceMonday) : DateOnly.MinValue, unit, 1);
            case PeriodUnit.Month:
                return new ReportingPeriod(new DateOnly(date.Year, date.Month, 1), unit, 1);
            case PeriodUnit.Quarter:
                return new ReportingPeriod(new DateOnly(date.Year, (((date.Month - 1) / 3) * 3) + 1, 1), unit, 1);
            case PeriodUnit.Year:
                return new ReportingPeriod(new DateOnly(date.Year, 1, 1), unit, 1);
            default:
                int m = fiscalYearStartMonth;
                int monthsIntoYear = (date.Month - m + 12) % 12;
                int stepMonths = unit == PeriodUnit.FiscalQuarter ? (monthsIntoYear / 3) * 3 : 0;
                int firstMonthIndex = (date.Year * 12) + (date.Month - 1) - monthsIntoYear + stepMonths;
                if (firstMonthIndex < 12)
                {
                    // Before 1 January 0001: the period starts in year 0, which DateOnly cannot hold; clamp its first day.
                    return new ReportingPeriod(DateOnly.MinValue, unit, m);
                }

                return new ReportingPeriod(new DateOnly(firstMonthIndex / 12, (firstMonthIndex % 12) + 1, 1), unit, m);
        }
    }

    /// <summary>Gets the period that follows this one.</summary>
    /// <returns>The next period of the same unit.</returns>
    /// <exception cref="InvalidOperationException">This period ends on 9999-12-31, the last representable date.</exception>
    public ReportingPeriod Next()
    {
        DateOnly last = LastDay;
        if (last == DateOnly.MaxValue)
        {
            ThrowHelper.NoPeriodAfter(ToString());
        }

        return Containing(last.AddDays(1), _unit, FiscalYearStartMonth);
    }

    /// <summary>Gets the period that precedes this one.</summary>
    /// <returns>The previous period of the same unit.</returns>
    /// <exception cref="InvalidOperationException">This period starts on 0001-01-01, the first representable date.</exception>
    public ReportingPeriod Previous()
    {
        if (_firstDay == DateOnly.MinValue)
        {
            ThrowHelper.NoPeriodBefore(ToString());
        }

        return Containing(_firstDay.AddDays(-1), _unit, FiscalYearStartMonth);
    }

    /// <summary>Tells whether a local date falls in this period.</summary>
    /// <param name="date">The local date.</param>
    /// <returns><see langword="true"/> when <see cref="FirstDay"/> ≤ <paramref name="date"/> ≤ <see cref="LastDay"/>.</returns>
    public bool Contains(DateOnly date) => date >= _firstDay && date <= LastDay;

    /// <summary>Prints the period the usual way: <c>2026-03-05</c>, <c>2026-W09</c>, <c>2026-03</c>, <c>2026-Q1</c>,
    /// <c>2026</c>, <c>FY2026-Q2</c> or <c>FY2026</c> (invariant culture, zero-padded, so labels of one unit sort
    /// as text in time order).</summary>
    /// <returns>The label.</returns>
    public override string ToString() => _unit switch
    {
        PeriodUnit.Day => _firstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodUnit.IsoWeek => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Number:D2}"),
        PeriodUnit.Month => _firstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodUnit.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        PeriodUnit.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
        PeriodUnit.FiscalQuarter => string.Create(CultureInfo.InvariantCulture, $"FY{Year:D4}-Q{Number}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"FY{Year:D4}"),
    };

    /// <summary>
    /// Reads a period label, the inverse of <see cref="ToString"/>: <c>2026-03-05</c> (day), <c>2026-W09</c> (ISO
    /// week), <c>2026-03</c> (month), <c>2026-Q1</c> (quarter), <c>2026</c> (year), <c>FY2026-Q2</c> (fiscal
    /// quarter) or <c>FY2026</c> (fiscal year). Letters may be lower case; nothing else is accepted (no spaces, no
    /// other separators), so a label is never guessed.
    /// </summary>
    /// <param name="text">The label.</param>
    /// <param name="fiscalYearStartMonth">For fiscal labels, the month (1–12) fiscal years start in (the label
    /// names the year the fiscal year ends in, so <c>FY2026</c> with 7 is 1 July 2025 – 30 June 2026); ignored for
    /// the other labels. Default 1.</param>
    /// <returns>The period; <c>Parse(p.ToString(), p.FiscalYearStartMonth) == p</c> for every period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fiscalYearStartMonth"/> is outside 1..12.</exception>
    /// <exception cref="FormatException">The text is not a label, or names no period (month 13, week 54 of a
    /// 52-week year, 30 February, quarter 5); the message says which part is wrong and what is allowed.</exception>
    public static ReportingPeriod Parse(string text, int fiscalYearStartMonth = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan(), fiscalYearStartMonth);
    }

    /// <inheritdoc cref="Parse(string, int)"/>
    public static ReportingPeriod Parse(ReadOnlySpan<char> text, int fiscalYearStartMonth = 1)
    {
        ValidateUnit(PeriodUnit.Day, fiscalYearStartMonth);
        PeriodParseError error = TryParseCore(text, fiscalYearStartMonth, out ReportingPeriod period, out int number);
        if (error != PeriodParseError.None)
        {
            ThrowHelper.PeriodLabel(text.ToString(), error, number, fiscalYearStartMonth);
        }

        return period;
    }

    /// <summary>Reads a period label without throwing; see <see cref="Parse(string, int)"/> for the forms.</summary>
    /// <param name="text">The label (null gives <see langword="false"/>).</param>
    /// <param name="period">The period, or <c>default</c>.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a label of an existing period.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out ReportingPeriod period) => TryParse(text, 1, out period);

    /// <summary>Reads a period label without throwing; see <see cref="Parse(string, int)"/> for the forms.</summary>
    /// <param name="text">The label (null gives <see langword="false"/>).</param>
    /// <param name="fiscalYearStartMonth">For fiscal labels, the month (1–12) fiscal years start in.</param>
    /// <param name="period">The period, or <c>default</c>.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a label of an existing period.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fiscalYearStartMonth"/> is outside 1..12 (a
    /// programming error, not bad text).</exception>
    public static bool TryParse([NotNullWhen(true)] string? text, int fiscalYearStartMonth, out ReportingPeriod period)
    {
        ValidateUnit(PeriodUnit.Day, fiscalYearStartMonth);
        if (text is null)
        {
            period = default;
            return false;
        }

        return TryParseCore(text, fiscalYearStartMonth, out period, out _) == PeriodParseError.None;
    }

    /// <summary>Reads a period label without throwing; see <see cref="Parse(string, int)"/> for the forms.</summary>
    /// <param name="text">The label.</param>
    /// <param name="fiscalYearStartMonth">For fiscal labels, the month (1–12) fiscal years start in.</param>
    /// <param name="period">The period, or <c>default</c>.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a label of an existing period.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fiscalYearStartMonth"/> is outside 1..12.</exception>
    public static bool TryParse(ReadOnlySpan<char> text, int fiscalYearStartMonth, out ReportingPeriod period)
    {
        ValidateUnit(PeriodUnit.Day, fiscalYearStartMonth);
        return TryParseCore(text, fiscalYearStartMonth, out period, out _) == PeriodParseError.None;
    }

    /// <inheritdoc/>
    static ReportingPeriod IParsable<ReportingPeriod>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<ReportingPeriod>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ReportingPeriod result) => TryParse(s, out result);

    /// <inheritdoc/>
    static ReportingPeriod ISpanParsable<ReportingPeriod>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool ISpanParsable<ReportingPeriod>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out ReportingPeriod result) => TryParse(s, 1, out result);

    private static PeriodParseError TryParseCore(ReadOnlySpan<char> s, int fiscalStart, out ReportingPeriod period, out int number)
    {
        period = default;
        number = 0;
        bool fiscal = s.Length >= 2 && (s[0] | 0x20) == 'f' && (s[1] | 0x20) == 'y';
        ReadOnlySpan<char> rest = fiscal ? s[2..] : s;
        if (rest.Length < 4 || !Digits(rest[..4], out int year))
        {
            return PeriodParseError.Shape;
        }

        if (year == 0)
        {
            return PeriodParseError.YearZero;
        }

        rest = rest[4..];
        if (rest.IsEmpty)
        {
            if (!fiscal)
            {
                period = new ReportingPeriod(new DateOnly(year, 1, 1), PeriodUnit.Year, 1);
                return PeriodParseError.None;
            }

            return FiscalStart(year, fiscalStart, 0, PeriodUnit.FiscalYear, out period);
        }

        if (rest[0] != '-' || rest.Length < 2)
        {
            return PeriodParseError.Shape;
        }

        rest = rest[1..];
        char tag = (char)(rest[0] | 0x20);
        if (tag == 'q')
        {
            if (rest.Length != 2 || !Digits(rest[1..], out number))
            {
                return PeriodParseError.Shape;
            }

            if (number is < 1 or > 4)
            {
                return PeriodParseError.Quarter;
            }

            if (fiscal)
            {
                return FiscalStart(year, fiscalStart, (number - 1) * 3, PeriodUnit.FiscalQuarter, out period);
            }

            period = new ReportingPeriod(new DateOnly(year, ((number - 1) * 3) + 1, 1), PeriodUnit.Quarter, 1);
            return PeriodParseError.None;
        }

        if (fiscal)
        {
            return PeriodParseError.Shape; // FY labels are FY2026 or FY2026-Q2 only
        }

        if (tag == 'w')
        {
            if (rest.Length != 3 || !Digits(rest[1..], out number))
            {
                return PeriodParseError.Shape;
            }

            if (number < 1 || number > ISOWeek.GetWeeksInYear(year))
            {
                return PeriodParseError.Week;
            }

            DateTime monday = ISOWeek.ToDateTime(year, number, DayOfWeek.Monday);
            period = new ReportingPeriod(DateOnly.FromDateTime(monday), PeriodUnit.IsoWeek, 1);
            return PeriodParseError.None;
        }

        if (rest.Length < 2 || !Digits(rest[..2], out number))
        {
            return PeriodParseError.Shape;
        }

        if (number is < 1 or > 12)
        {
            return PeriodParseError.Month;
        }

        int month = number;
        rest = rest[2..];
        if (rest.IsEmpty)
        {
            period = new ReportingPeriod(new DateOnly(year, month, 1), PeriodUnit.Month, 1);
            return PeriodParseError.None;
        }

        if (rest.Length != 3 || rest[0] != '-' || !Digits(rest[1..], out number))
        {
            return PeriodParseError.Shape;
        }

        if (number < 1 || number > DateTime.DaysInMonth(year, month))
        {
            return PeriodParseError.Day;
        }

        period = new ReportingPeriod(new DateOnly(year, month, number), PeriodUnit.Day, 1);
        return PeriodParseError.None;
    }

    /// <summary>The fiscal period of fiscal year <paramref name="fiscalYear"/> that starts <paramref name="monthsIn"/> months in.</summary>
    private static PeriodParseError FiscalStart(int fiscalYear, int startMonth, int monthsIn, PeriodUnit unit, out ReportingPeriod period)
    {
        // FY y with a start month m > 1 begins on 1 m of y - 1 (it is named by the year it ends in).
        int firstMonthIndex = ((startMonth == 1 ? fiscalYear : fiscalYear - 1) * 12) + (startMonth - 1) + monthsIn;
        if (firstMonthIndex < 12)
        {
            period = default;
            return PeriodParseError.BeforeFirstDay;
        }

        period = new ReportingPeriod(new DateOnly(firstMonthIndex / 12, (firstMonthIndex % 12) + 1, 1), unit, startMonth);
        return PeriodParseError.None;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>Compares by unit, then fiscal start month, then first day: periods of one unit sort in time order.</summary>
    /// <param name="other">The period to compare with.</param>
    /// <returns>Negative, zero or positive.</returns>
    public int CompareTo(ReportingPeriod other)
    {
        int c = _unit.CompareTo(other._unit);
        if (c != 0)
        {
            return c;
        }

        c = _fiscalMonthOffset.CompareTo(other._fiscalMonthOffset);
        return c != 0 ? c : _firstDay.CompareTo(other._firstDay);
    }

    /// <inheritdoc/>
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        ReportingPeriod p => CompareTo(p),
        _ => throw new ArgumentException("The object is not a ReportingPeriod.", nameof(obj)),
    };

    /// <summary>Tells whether two periods have the same unit, fiscal start month and first day.</summary>
    /// <param name="other">The period to compare with.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(ReportingPeriod other) =>
        _firstDay == other._firstDay && _unit == other._unit && _fiscalMonthOffset == other._fiscalMonthOffset;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ReportingPeriod other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_firstDay, _unit, _fiscalMonthOffset);

    /// <summary>Equality; see <see cref="Equals(ReportingPeriod)"/>.</summary>
    /// <param name="left">The first period.</param>
    /// <param name="right">The second period.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(ReportingPeriod left, ReportingPeriod right) => left.Equals(right);

    /// <summary>Inequality; see <see cref="Equals(ReportingPeriod)"/>.</summary>
    /// <param name="left">The first period.</param>
    /// <param name="right">The second period.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(ReportingPeriod left, ReportingPeriod right) => !left.Equals(right);

    /// <summary>Order; see <see cref="CompareTo(ReportingPeriod)"/>.</summary>
    /// <param name="left">The first period.</param>
    /// <param name="right">The second period.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) < 0;

    /// <summary>Order; see <see cref="CompareTo(ReportingPeriod)"/>.</summary>
    /// <param name="left">The first period.</param>
    /// <param name="right">The second period.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first or equal.</returns>
    public static bool operator <=(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) <= 0;

    /// <summary>Order; see <see cref="CompareTo(ReportingPeriod)"/>.</summary>
    /// <param name="left">The first period.</param>
    /// <param name="right">The second period.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last.</returns>
    public static bool operator >(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) > 0;

    /// <summary>Order; see <see cref="CompareTo(ReportingPeriod)"/>.</summary>
    /// <param name="left">The first period.</param>
    /// <param name="right">The second period.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last or equal.</returns>
    public static bool operator >=(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) >= 0;

    internal static void ValidateUnit(PeriodUnit unit, int fiscalYearStartMonth)
    {
        if ((uint)unit > (uint)PeriodUnit.FiscalYear)
        {
            ThrowHelper.UnknownPeriodUnit(unit);
        }

        if (fiscalYearStartMonth is < 1 or > 12)
        {
            ThrowHelper.FiscalYearStartMonth(fiscalYearStartMonth, nameof(fiscalYearStartMonth));
        }
    }

    private static int FiscalYearOf(DateOnly firstDay, int startMonth) =>
        startMonth == 1 || firstDay.Month < startMonth ? firstDay.Year : firstDay.Year + 1;

    private static DateOnly AddMonthsOrMax(DateOnly first, int months) =>
        (first.Year * 12) + first.Month - 1 + months > (9999 * 12) + 11 ? DateOnly.MaxValue : first.AddMonths(months).AddDays(-1);
}
