using FsCheck;
using FsCheck.Fluent;
using NpsKit.Economics;
using NpsKit.TestUtilities;
using static NpsKit.Tests.Economics.EconomicsExamples;

namespace NpsKit.Tests.Economics;

// Known answers: TestData/economics_known_answers.txt (Python 3 fractions, exact).
public class CustomerLifetimeValueTests
{
    [Fact]
    public void FromRetention_GuptaLehmann_KnownAnswer()
    {
        ClvEstimate clv = CustomerLifetimeValue.FromRetention(Usd(100m), 0.8, 0.1, RatePeriod.Year);
        AssertMoney(800m / 3m, clv.Value);
        Assert.Equal(ClvFormula.Retention, clv.Formula);
        Assert.Equal(RatePeriod.Year, clv.Period);
    }

    [Fact]
    public void FromRetention_WithAcquisitionCost_SubtractsIt()
    {
        ClvEstimate clv = CustomerLifetimeValue.FromRetention(Usd(100m), 0.8, 0.1, RatePeriod.Year, Usd(50m));
        AssertMoney(650m / 3m, clv.Value);
        AssertMoney(800m / 3m, clv.ExistingCustomerValue);
    }

    [Fact]
    public void FromRetention_WithGrowth_KnownAnswer()
    {
        ClvEstimate clv = CustomerLifetimeValue.FromRetention(Usd(100m), 0.8, 0.1, RatePeriod.Year, growthRate: 0.05);
        AssertMoney(4000m / 13m, clv.Value);
        Assert.Equal(ClvFormula.RetentionWithGrowth, clv.Formula);
    }

    [Fact]
    public void FromSubscription_KnownAnswer()
    {
        ClvEstimate clv = CustomerLifetimeValue.FromSubscription(Usd(50m), 0.8, 0.02, 0.01, RatePeriod.Month);
        AssertMoney(4000m / 3m, clv.Value);
        Assert.Equal(ClvFormula.Subscription, clv.Formula);
        Assert.Equal(0.98, clv.Retention, 12);
    }

    [Fact]
    public void FromSubscription_EqualsRetentionFormWithFirstMarginCertain()
    {
        // ARPA·margin/(churn + i) = m/(1 + i − r) = (m·r/(1 + i − r)) / r.
        ClvEstimate sub = CustomerLifetimeValue.FromSubscription(Usd(50m), 0.8, 0.02, 0.01, RatePeriod.Month);
        ClvEstimate ret = CustomerLifetimeValue.FromRetention(Usd(40m), 0.98, 0.01, RatePeriod.Month);
        AssertMoney(ret.Value.Amount / 0.98m, sub.Value);
    }

    [Fact]
    public void FromRetention_DivergingGrowth_ThrowsSayingHowToFix()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(() =>
            CustomerLifetimeValue.FromRetention(Usd(100m), 0.95, 0.05, RatePeriod.Year, growthRate: 0.12));
        string problem = Assert.Single(ex.Problems);
        Assert.Contains("diverges", problem, StringComparison.Ordinal);
        Assert.Contains("1.05", problem, StringComparison.Ordinal);
        Assert.Contains("1.0640", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRetention_FullRetentionNoDiscount_Diverges() =>
        Assert.Throws<InvalidAssumptionsException>(() => CustomerLifetimeValue.FromRetention(Usd(1m), 1.0, 0.0, RatePeriod.Year));

    [Fact]
    public void FromRetention_SeveralBadInputs_ReportsAllInOneException()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(() =>
            CustomerLifetimeValue.FromRetention(Usd(100m), 1.2, -0.1, (RatePeriod)7, Money.From(5m, "EUR"), -1.5));
        Assert.Equal(5, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.StartsWith("retention is 1.2", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("discountRate is -0.1", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("EUR", StringComparison.Ordinal) && p.Contains("USD", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("growthRate", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("period", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void FromRetention_RetentionOutsideZeroOne_Throws(double r)
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(() => CustomerLifetimeValue.FromRetention(Usd(1m), r, 0.1, RatePeriod.Year));
        Assert.Contains("from 0 to 1", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void FromSubscription_NoChurnNoDiscount_ThrowsInfinite()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(() => CustomerLifetimeValue.FromSubscription(Usd(50m), 0.8, 0, 0, RatePeriod.Month));
        Assert.Contains("infinite", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void FromRetention_DefaultMoney_ThrowsNoCurrency() =>
        Assert.Contains("no currency", Assert.Single(Assert.Throws<InvalidAssumptionsException>(() =>
            CustomerLifetimeValue.FromRetention(default, 0.5, 0.1, RatePeriod.Year)).Problems), StringComparison.Ordinal);

    private static readonly Arbitrary<(int Margin, int Retention, int Discount)> Inputs =
        (from m in Gen.Choose(1, 10_000)
         from r in Gen.Choose(0, 990)
         from i in Gen.Choose(0, 500)
         select (m, r, i)).ToArbitrary();

    [Fact]
    public void FromRetention_ValueRisesWithRetention() => PropertyRunner.Check(
        Prop.ForAll(Inputs, Gen.Choose(1, 9).ToArbitrary(), (x, step) =>
        {
            double r = x.Retention / 1000.0, i = x.Discount / 1000.0;
            Money lo = CustomerLifetimeValue.FromRetention(Usd(x.Margin), r, i, RatePeriod.Year).Value;
            Money hi = CustomerLifetimeValue.FromRetention(Usd(x.Margin), r + (step / 1000.0), i, RatePeriod.Year).Value;
            return hi > lo;
        }));

    [Fact]
    public void FromRetention_ValueRisesWithMargin() => PropertyRunner.Check(
        Prop.ForAll(Inputs, Gen.Choose(1, 1000).ToArbitrary(), (x, extra) =>
        {
            double r = Math.Max(x.Retention, 1) / 1000.0, i = x.Discount / 1000.0;
            Money lo = CustomerLifetimeValue.FromRetention(Usd(x.Margin), r, i, RatePeriod.Year).Value;
            Money hi = CustomerLifetimeValue.FromRetention(Usd(x.Margin + extra), r, i, RatePeriod.Year).Value;
            return hi > lo;
        }));

    [Fact]
    public void FromRetention_ZeroRetention_IsMinusAcquisitionCost() => PropertyRunner.Check(
        Prop.ForAll(Inputs, x =>
            CustomerLifetimeValue.FromRetention(Usd(x.Margin), 0, x.Discount / 1000.0, RatePeriod.Year, Usd(10m)).Value == Usd(-10m)));
}
