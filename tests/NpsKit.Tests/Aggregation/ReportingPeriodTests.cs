using NpsKit.Aggregation;

namespace NpsKit.Tests.Aggregation;

// Known answers for ISO weeks: Python 3.11.7 date.isocalendar(); see TestData/period-known-answers.py.
public partial class ReportingPeriodTests
{
    [Theory]
    [InlineData(2026, 3, 5, PeriodUnit.Day, 1, "2026-03-05")]
    [InlineData(2026, 3, 5, PeriodUnit.Month, 1, "2026-03")]
    [InlineData(2026, 3, 5, PeriodUnit.Quarter, 1, "2026-Q1")]
    [InlineData(2026, 3, 5, PeriodUnit.Year, 1, "2026")]
    [InlineData(2026, 2, 23, PeriodUnit.IsoWeek, 1, "2026-W09")]
    [InlineData(2025, 10, 15, PeriodUnit.FiscalQuarter, 7, "FY2026-Q2")]
    [InlineData(2025, 10, 15, PeriodUnit.FiscalYear, 7, "FY2026")]
    public void ToString_PrintsTheUsualLabel(int y, int m, int d, PeriodUnit unit, int fiscal, string expected) =>
        Assert.Equal(expected, ReportingPeriod.Containing(new DateOnly(y, m, d), unit, fiscal).ToString());

    [Theory]
    [InlineData(2020, 12, 31, "2020-W53", 2020, 12, 28)]
    [InlineData(2021, 1, 3, "2020-W53", 2020, 12, 28)]
    [InlineData(2026, 12, 31, "2026-W53", 2026, 12, 28)]
    [InlineData(2027, 1, 3, "2026-W53", 2026, 12, 28)]
    [InlineData(2015, 12, 31, "2015-W53", 2015, 12, 28)]
    [InlineData(2025, 12, 29, "2026-W01", 2025, 12, 29)]
    [InlineData(2025, 12, 28, "2025-W52", 2025, 12, 22)]
    [InlineData(2026, 1, 1, "2026-W01", 2025, 12, 29)]
    [InlineData(2024, 2, 29, "2024-W09", 2024, 2, 26)]
    public void Containing_IsoWeek_Week53AndYearEnds(int y, int m, int d, string label, int fy, int fm, int fd)
    {
        ReportingPeriod week = ReportingPeriod.Containing(new DateOnly(y, m, d), PeriodUnit.IsoWeek);
        Assert.Equal(label, week.ToString());
        Assert.Equal(new DateOnly(fy, fm, fd), week.FirstDay);
        Assert.Equal(week.FirstDay.AddDays(6), week.LastDay);
    }

    [Fact]
    public void Containing_LeapDay_BelongsToFebruaryQ1AndWeek9()
    {
        var leap = new DateOnly(2024, 2, 29);
        ReportingPeriod month = ReportingPeriod.Containing(leap, PeriodUnit.Month);
        Assert.Equal("2024-02", month.ToString());
        Assert.Equal(leap, month.LastDay);
        Assert.Equal("2024-03", month.Next().ToString());
        Assert.Equal("2024-Q1", ReportingPeriod.Containing(leap, PeriodUnit.Quarter).ToString());
        Assert.Equal("2024-02-29", ReportingPeriod.Containing(leap, PeriodUnit.Day).ToString());
        Assert.Equal(60, ReportingPeriod.Containing(leap, PeriodUnit.Day).Number);
        Assert.Equal("2023-02", ReportingPeriod.Containing(new DateOnly(2023, 2, 28), PeriodUnit.Month).ToString());
    }

    [Theory]
    [InlineData(2026, 3, 31, 4, "FY2026-Q4", "FY2026")]
    [InlineData(2026, 4, 1, 4, "FY2027-Q1", "FY2027")]
    [InlineData(2026, 7, 1, 4, "FY2027-Q2", "FY2027")]
    [InlineData(2027, 1, 15, 4, "FY2027-Q4", "FY2027")]
    [InlineData(2025, 7, 1, 7, "FY2026-Q1", "FY2026")]
    [InlineData(2025, 12, 31, 7, "FY2026-Q2", "FY2026")]
    [InlineData(2026, 1, 1, 7, "FY2026-Q3", "FY2026")]
    [InlineData(2026, 6, 30, 7, "FY2026-Q4", "FY2026")]
    [InlineData(2026, 7, 1, 7, "FY2027-Q1", "FY2027")]
    [InlineData(2026, 2, 10, 1, "FY2026-Q1", "FY2026")]
    public void Containing_FiscalYearsStartingInAprilAndJuly(int y, int m, int d, int startMonth, string quarter, string year)
    {
        var date = new DateOnly(y, m, d);
        Assert.Equal(quarter, ReportingPeriod.Containing(date, PeriodUnit.FiscalQuarter, startMonth).ToString());
        Assert.Equal(year, ReportingPeriod.Containing(date, PeriodUnit.FiscalYear, startMonth).ToString());
    }

    [Fact]
    public void FiscalYear_AprilStart_RunsAprilToMarch()
    {
        ReportingPeriod fy = ReportingPeriod.Containing(new DateOnly(2026, 9, 1), PeriodUnit.FiscalYear, 4);
        Assert.Equal(new DateOnly(2026, 4, 1), fy.FirstDay);
        Assert.Equal(new DateOnly(2027, 3, 31), fy.LastDay);
        Assert.Equal(4, fy.FiscalYearStartMonth);
    }

    [Fact]
    public void NextAndPrevious_WalkWithoutGaps()
    {
        foreach (PeriodUnit unit in Enum.GetValues<PeriodUnit>())
        {
            ReportingPeriod p = ReportingPeriod.Containing(new DateOnly(2019, 11, 20), unit, 7);
            for (int i = 0; i < 200; i++)
            {
                ReportingPeriod next = p.Next();
                Assert.Equal(p.LastDay.AddDays(1), next.FirstDay);
                Assert.Equal(p, next.Previous());
                Assert.True(p < next);
                p = next;
            }
        }
    }

    [Fact]
    public void CompareTo_LabelsOfOneUnitSortLikeTime()
    {
        var months = Enumerable.Range(0, 40).Select(i => ReportingPeriod.Containing(new DateOnly(2024, 1, 1).AddMonths(i * 7 % 40), PeriodUnit.Month)).ToList();
        var byValue = months.Order().Select(p => p.ToString()).ToList();
        var byText = months.Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(byText, byValue);
    }

    [Fact]
    public void Containing_FiscalMonthOutOfRange_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ReportingPeriod.Containing(new DateOnly(2026, 1, 1), PeriodUnit.FiscalYear, 13));
        Assert.Contains("1 (January) to 12", ex.Message);
    }

    [Fact]
    public void Next_AtEndOfTime_ThrowsClearly()
    {
        ReportingPeriod last = ReportingPeriod.Containing(DateOnly.MaxValue, PeriodUnit.Month);
        Assert.Equal(DateOnly.MaxValue, last.LastDay);
        Assert.Contains("9999-12-31", Assert.Throws<InvalidOperationException>(() => last.Next()).Message);
    }

    [Fact]
    public void Default_IsDayOne()
    {
        Assert.Equal("0001-01-01", default(ReportingPeriod).ToString());
        Assert.Equal(1, default(ReportingPeriod).FiscalYearStartMonth);
    }
}
