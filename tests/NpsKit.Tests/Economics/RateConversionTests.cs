using NpsKit.Economics;

namespace NpsKit.Tests.Economics;

public class RateConversionTests
{
    [Fact]
    public void ConvertRetention_MonthlyToYearly_IsTwelfthPower() =>
        Assert.Equal(Math.Pow(0.98, 12), RateConversion.ConvertRetention(0.98, RatePeriod.Month, RatePeriod.Year), 12);

    [Fact]
    public void ConvertChurn_YearlyToMonthly_RoundTrips()
    {
        double monthly = RateConversion.ConvertChurn(0.348, RatePeriod.Year, RatePeriod.Month);
        Assert.Equal(1 - Math.Pow(0.652, 1.0 / 12), monthly, 12);
        Assert.Equal(0.348, RateConversion.ConvertChurn(monthly, RatePeriod.Month, RatePeriod.Year), 12);
    }

    [Fact]
    public void ConvertCompoundRate_TenPercentYearly_ToQuarterly() =>
        Assert.Equal(Math.Pow(1.1, 0.25) - 1, RateConversion.ConvertCompoundRate(0.10, RatePeriod.Year, RatePeriod.Quarter), 12);

    [Fact]
    public void ConvertAmount_MonthlyToYearly_TimesTwelve() =>
        Assert.Equal(Money.From(600m, "USD"), RateConversion.ConvertAmount(Money.From(50m, "USD"), RatePeriod.Month, RatePeriod.Year));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void ConvertRetention_OutsideZeroOne_Throws(double r) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RateConversion.ConvertRetention(r, RatePeriod.Month, RatePeriod.Year));

    [Fact]
    public void ConvertCompoundRate_MinusOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RateConversion.ConvertCompoundRate(-1, RatePeriod.Month, RatePeriod.Year));

    [Fact]
    public void ConvertRetention_UndefinedPeriod_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RateConversion.ConvertRetention(0.5, (RatePeriod)5, RatePeriod.Year));
}
