using System.Diagnostics.CodeAnalysis;
using NpsKit.Aggregation;

namespace NpsKit.Internal;

/// <summary>Exceptions of the aggregation area: each says what, where (row, dimension, zone) and how to fix it.</summary>
internal static partial class ThrowHelper
{
    [DoesNotReturn]
    public static void NoPeriodAfter(string period) =>
        throw new InvalidOperationException($"There is no period after {period}: it ends on 9999-12-31, the last date .NET can represent.");

    [DoesNotReturn]
    public static void NoPeriodBefore(string period) =>
        throw new InvalidOperationException($"There is no period before {period}: it starts on 0001-01-01, the first date .NET can represent.");

    /// <summary>The forms <see cref="ReportingPeriod.Parse(string, int)"/> reads, for messages.</summary>
    public const string PeriodForms = "2026 (year), 2026-Q3 (quarter), 2026-09 (month), 2026-W38 (ISO week), 2026-09-14 (day), FY2026 (fiscal year) or FY2026-Q2 (fiscal quarter)";

    [DoesNotReturn]
    public static void PeriodLabel(string text, PeriodParseError error, int number, int fiscalYearStartMonth)
    {
        string year = text.StartsWith("FY", StringComparison.OrdinalIgnoreCase) ? text.Substring(2, 4) : text[..Math.Min(4, text.Length)];
        string reason = error switch
        {
            PeriodParseError.YearZero => "there is no year 0000: years run from 0001 to 9999",
            PeriodParseError.Month => string.Format(Invariant, "month {0:D2} does not exist: months run from 01 to 12", number),
            PeriodParseError.Day => string.Format(Invariant, "day {0:D2} does not exist in that month", number),
            PeriodParseError.Quarter => string.Format(Invariant, "quarter {0} does not exist: quarters run from Q1 to Q4", number),
            PeriodParseError.Week => string.Format(Invariant, "week {0:D2} does not exist: ISO year {1} has weeks W01 to W{2:D2}", number, year, System.Globalization.ISOWeek.GetWeeksInYear(int.Parse(year, Invariant))),
            PeriodParseError.BeforeFirstDay => string.Format(Invariant, "with fiscal years starting in month {0} it would begin before 0001-01-01", fiscalYearStartMonth),
            _ => "use " + PeriodForms,
        };
        throw new FormatException($"'{text}' is not a reporting period: {reason}.");
    }

    [DoesNotReturn]
    public static void UnknownPeriodUnit(PeriodUnit unit) =>
        throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a PeriodUnit: use Day, IsoWeek, Month, Quarter, Year, FiscalQuarter or FiscalYear.");

    [DoesNotReturn]
    public static void FiscalYearStartMonth(int month, string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, month, string.Format(Invariant, "The fiscal year start month is {0}: use a month number from 1 (January) to 12 (December), e.g. 4 for April or 7 for July.", month));

    [DoesNotReturn]
    public static void TimeOutOfRange(long utcTicks, long row, string? zone)
    {
        string where = row >= 0 ? string.Format(Invariant, "The time of row {0}", row) : "The time";
        string what = (ulong)utcTicks <= (ulong)DateTime.MaxValue.Ticks
            ? new DateTime(utcTicks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Invariant)
            : string.Format(Invariant, "{0} ticks", utcTicks);
        string message = zone is null
            ? string.Format(Invariant, "{0} ({1}) is outside the supported range: times must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z (UTC ticks 0 to {2}). Check the source's time column and its parsing.", where, what, DateTime.MaxValue.Ticks)
            : string.Format(Invariant, "{0} ({1}) falls before year 1 or after year 9999 in the reporting time zone '{2}', so it has no local date. Check the source's time column, or report in a zone where it has one (e.g. Etc/UTC).", where, what, zone);
        throw new ArgumentOutOfRangeException(row >= 0 ? "table" : "utcTicks", utcTicks, message);
    }

    [DoesNotReturn]
    public static void UnknownTimeZone(string? id, string paramName, Exception? inner, string? owner = null) =>
        throw new ArgumentException(
            string.Format(Invariant, "The time zone id '{0}'{1} is not known to this system's time-zone database. Give an IANA id such as 'Europe/Copenhagen', 'America/New_York' or 'Etc/UTC' (on Linux, install the tzdata package if none is found).", id, owner is null ? string.Empty : $" (for '{owner}')"),
            paramName,
            inner);

    [DoesNotReturn]
    public static void NullSegmentValue(string dimension, long row, string paramName) =>
        throw new ArgumentException(
            row >= 0
                ? string.Format(Invariant, "Row {0} has no value (null) for dimension '{1}'. Give every answer a value for every dimension; use a placeholder such as \"(unknown)\" for missing ones.", row, dimension)
                : string.Format(Invariant, "The value for dimension '{0}' is null. Use a placeholder such as \"(unknown)\" for missing values.", dimension),
            paramName);

    [DoesNotReturn]
    public static void MissingSegment(string dimension, long row, string paramName) =>
        throw new ArgumentException(
            string.Format(Invariant, "Row {0} has no value for dimension '{1}'. Every response added to this table needs a value for each of its dimensions; use a placeholder such as \"(unknown)\" for missing ones.", row, dimension),
            paramName);

    [DoesNotReturn]
    public static void SegmentCount(int given, string[] dimensions, long row, string paramName) =>
        throw new ArgumentException(
            string.Format(Invariant, "{0}{1} segment values were given but the table has {2} dimension(s) ({3}): give one value per dimension, in that order.", row >= 0 ? string.Format(Invariant, "Row {0}: ", row) : string.Empty, given, dimensions.Length, dimensions.Length == 0 ? "none" : string.Join(", ", dimensions)),
            paramName);

    [DoesNotReturn]
    public static void UnknownSegmentCode(int code, string dimension, int known, long row, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            code,
            string.Format(Invariant, "Row {0}: segment code {1} for dimension '{2}' was not issued: codes come from GetSegmentCode and run from 0 to {3}.", row, code, dimension, known - 1));

    [DoesNotReturn]
    public static void UnknownDimension(string dimension, string[] known, string paramName) =>
        throw new ArgumentException(
            string.Format(Invariant, "There is no dimension '{0}'. Known dimensions: {1} (names are case-sensitive).", dimension, known.Length == 0 ? "none" : string.Join(", ", known)),
            paramName);

    [DoesNotReturn]
    public static void TooManyPeriods(string first, string last, int max) =>
        throw new InvalidOperationException(
            string.Format(Invariant, "The answers span {0} to {1}, more than {2} periods. Check for wrong times (e.g. year 1 or 9999 from a parsing error) or use a coarser period.", first, last, max));

    [DoesNotReturn]
    public static void TooManyCells(long periods, long segments, long maxCells) =>
        throw new InvalidOperationException(
            string.Format(Invariant, "The cube would have {0} periods × {1} segment combinations, more than {2} cells. Use a coarser period, fewer or smaller dimensions, or filter the table first.", periods, segments, maxCells));

    [DoesNotReturn]
    public static void DaysWindowNeedsDays(int days, PeriodUnit unit) =>
        throw new InvalidOperationException(
            string.Format(Invariant, "A trailing window of {0} days needs a series by day, but this series is by {1}. Aggregate with Period = PeriodUnit.Day, or use RollingWindow.Periods.", days, unit));

    [DoesNotReturn]
    public static void CubesDiffer(string mine, string theirs, string paramName) =>
        throw new ArgumentException(
            string.Format(Invariant, "Only cubes with the same time zone, period unit, fiscal year start and dimensions merge: this cube is {0}, the other {1}.", mine, theirs),
            paramName);

    [DoesNotReturn]
    public static void WeightedMergesUnweighted(string weighted) =>
        throw new ArgumentException(
            string.Format(Invariant, "A weighted cube and an unweighted cube do not merge ({0} is the weighted one): the merged weighted tallies would leave out answers. Aggregate both from tables with weights, or neither.", weighted),
            "other");

    [DoesNotReturn]
    public static void CubeNotWeighted() =>
        throw new InvalidOperationException(
            "This cube has no weighted tallies: it was aggregated from a table without weights. Give the answers weights (SurveyResponse.Weight, or a weight column in the CSV) to get weighted results; the unweighted counts are in Tally and Cells.");

    [DoesNotReturn]
    public static void CannotRegroup(string period, PeriodUnit unit) =>
        throw new InvalidOperationException(
            string.Format(Invariant, "Period {0} straddles two periods of unit {1}, so the cube cannot be regrouped exactly. Aggregate by day, which regroups into any unit.", period, unit));

    [DoesNotReturn]
    public static void PeriodUnitMismatch(string period, PeriodUnit given, PeriodUnit expected, string paramName) =>
        throw new ArgumentException(
            string.Format(Invariant, "Period {0} is a {1} period but the cube is by {2} (with its fiscal year start): use a period of the cube's unit, e.g. from cube.Periods.", period, given, expected),
            paramName);
}
