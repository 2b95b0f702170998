using FsCheck.Fluent;
using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Aggregation;

public partial class ReportingPeriodTests
{
    [Theory]
    [InlineData("2026-03-05", 1, PeriodUnit.Day, 2026, 3, 5)]
    [InlineData("2026-W09", 1, PeriodUnit.IsoWeek, 2026, 2, 23)]
    [InlineData("2026-W01", 1, PeriodUnit.IsoWeek, 2025, 12, 29)]
    [InlineData("2026-W53", 1, PeriodUnit.IsoWeek, 2026, 12, 28)]
    [InlineData("2026-03", 1, PeriodUnit.Month, 2026, 3, 1)]
    [InlineData("2026-Q3", 1, PeriodUnit.Quarter, 2026, 7, 1)]
    [InlineData("2026", 1, PeriodUnit.Year, 2026, 1, 1)]
    [InlineData("FY2026", 7, PeriodUnit.FiscalYear, 2025, 7, 1)]
    [InlineData("FY2026-Q2", 7, PeriodUnit.FiscalQuarter, 2025, 10, 1)]
    [InlineData("FY2027-Q4", 4, PeriodUnit.FiscalQuarter, 2027, 1, 1)]
    [InlineData("FY2026", 1, PeriodUnit.FiscalYear, 2026, 1, 1)]
    [InlineData("2026-q3", 1, PeriodUnit.Quarter, 2026, 7, 1)]
    [InlineData("fy2026-q1", 7, PeriodUnit.FiscalQuarter, 2025, 7, 1)]
    [InlineData("2024-02-29", 1, PeriodUnit.Day, 2024, 2, 29)]
    public void Parse_EveryLabelForm_GivesThePeriod(string text, int fiscal, PeriodUnit unit, int y, int m, int d)
    {
        ReportingPeriod period = ReportingPeriod.Parse(text, fiscal);
        Assert.Equal(unit, period.Unit);
        Assert.Equal(new DateOnly(y, m, d), period.FirstDay);
        Assert.Equal(ReportingPeriod.Containing(new DateOnly(y, m, d), unit, fiscal), period);
        Assert.True(ReportingPeriod.TryParse(text, fiscal, out ReportingPeriod again));
        Assert.Equal(period, again);
        Assert.Equal(text.ToUpperInvariant(), period.ToString().ToUpperInvariant());
    }

    [Theory]
    [InlineData("2026-13", "month 13 does not exist: months run from 01 to 12")]
    [InlineData("2026-00", "month 00 does not exist")]
    [InlineData("2026-02-30", "day 30 does not exist in that month")]
    [InlineData("2025-02-29", "day 29 does not exist in that month")]
    [InlineData("2026-Q5", "quarter 5 does not exist: quarters run from Q1 to Q4")]
    [InlineData("2025-W53", "week 53 does not exist: ISO year 2025 has weeks W01 to W52")]
    [InlineData("2026-W54", "ISO year 2026 has weeks W01 to W53")]
    [InlineData("0000", "there is no year 0000")]
    [InlineData("26-03", "use 2026 (year), 2026-Q3 (quarter), 2026-09 (month), 2026-W38 (ISO week), 2026-09-14 (day), FY2026 (fiscal year) or FY2026-Q2 (fiscal quarter)")]
    [InlineData("2026/03", "use 2026 (year)")]
    [InlineData(" 2026-03", "use 2026 (year)")]
    [InlineData("2026-03 ", "use 2026 (year)")]
    [InlineData("2026-3", "use 2026 (year)")]
    [InlineData("FY2026-03", "use 2026 (year)")]
    [InlineData("March 2026", "use 2026 (year)")]
    [InlineData("", "use 2026 (year)")]
    public void Parse_NotAPeriod_ThrowsFormatExceptionSayingWhatIsWrong(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => ReportingPeriod.Parse(text));
        Assert.StartsWith($"'{text}' is not a reporting period: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.False(ReportingPeriod.TryParse(text, out _));
    }

    [Fact]
    public void Parse_FiscalYearBeforeTheFirstDay_SaysWhy()
    {
        var ex = Assert.Throws<FormatException>(() => ReportingPeriod.Parse("FY0001", 7));
        Assert.Contains("with fiscal years starting in month 7 it would begin before 0001-01-01", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(1, 1, 1), ReportingPeriod.Parse("FY0001", 1).FirstDay);
    }

    [Fact]
    public void Parse_BadArguments_AreArgumentErrors()
    {
        Assert.Throws<ArgumentNullException>(() => ReportingPeriod.Parse(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportingPeriod.Parse("FY2026", 13));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportingPeriod.TryParse("FY2026", 0, out _));
        Assert.False(ReportingPeriod.TryParse(null, out ReportingPeriod none));
        Assert.Equal(default, none);
    }

    [Fact]
    public void Parse_WorksThroughIParsable() => Assert.Equal(ReportingPeriod.Parse("2026-Q3"), ParseGeneric<ReportingPeriod>("2026-Q3"));

    [Fact]
    public void Parse_OfToString_RoundTrips_ForEveryUnitAndFiscalStart() => PropertyRunner.Check(
        Prop.ForAll(
            Arb.From(Gen.Choose(DateOnly.MinValue.DayNumber + 400, DateOnly.MaxValue.DayNumber - 400)),
            Arb.From(Gen.Elements(Enum.GetValues<PeriodUnit>())),
            Arb.From(Gen.Choose(1, 12)),
            (day, unit, fiscal) =>
            {
                ReportingPeriod period = ReportingPeriod.Containing(DateOnly.FromDayNumber(day), unit, fiscal);
                return ReportingPeriod.Parse(period.ToString(), period.FiscalYearStartMonth) == period
                    && ReportingPeriod.TryParse(period.ToString(), period.FiscalYearStartMonth, out ReportingPeriod parsed) && parsed == period;
            }),
        maxTest: 2000);

    private static T ParseGeneric<T>(string text) where T : IParsable<T> => T.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
