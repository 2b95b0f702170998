using System.Globalization;
using NpsKit.Aggregation;

namespace NpsKit.Tests.Aggregation;

/// <summary><see cref="PeriodChange.ToString"/>: readable in notebooks and logs, never throwing.</summary>
public partial class PeriodChangeTests
{
    [Fact]
    public void ToString_BothPeriodsAnswered_SaysTheChangeScoresAndCounts() =>
        Assert.Equal("Total, 2026-01 → 2026-02: +66.7 points (NPS 0.0 → +66.7, n = 10 → 12)", MonthlySeries().Changes()[0].ToString());

    [Fact]
    public void ToString_EmptyPeriod_SaysNoDifferenceInsteadOfThrowing()
    {
        PeriodChange change = MonthlySeries().Changes()[1];
        Assert.False(change.HasDifference);
        Assert.Equal("Total, 2026-02 → 2026-03: no difference (n = 12 → 0), below minimum n", change.ToString());
    }

    [Fact]
    public void ToString_UnderAnotherCulture_IsInvariant()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("Total, 2026-01 → 2026-02: +66.7 points (NPS 0.0 → +66.7, n = 10 → 12)", MonthlySeries().Changes()[0].ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
