using System.Globalization;
using NpsKit.Aggregation;

namespace NpsKit.Tests.Aggregation;

public class NpsCellTests
{
    private static readonly ReportingPeriod May = ReportingPeriod.Containing(new DateOnly(2026, 5, 1), PeriodUnit.Month);

    [Fact]
    public void ToString_SaysPeriodSegmentAndTally()
    {
        var cell = new NpsCell(May, SegmentPath.Of("department", "Sales"), NpsTally.FromScores([10, 9, 7, 2]), IsBelowMinimumCount: false);
        Assert.Equal("2026-05, department=Sales: NPS +25.0 (n = 4: 2 promoters, 1 passive, 1 detractor)", cell.ToString());
    }

    [Fact]
    public void ToString_BelowMinimumOrEmpty_SaysSo()
    {
        Assert.Equal("2026-05, Total: NPS n/a (n = 0), below minimum n", new NpsCell(May, SegmentPath.Total, NpsTally.Empty, true).ToString());
    }

    [Fact]
    public void ToString_UnderAnotherCulture_IsInvariant()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            Assert.Equal("2026-05, Total: NPS -66.7 (n = 3: 0 promoters, 1 passive, 2 detractors)",
                new NpsCell(May, SegmentPath.Total, NpsTally.FromScores([8, 1, 0]), false).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
