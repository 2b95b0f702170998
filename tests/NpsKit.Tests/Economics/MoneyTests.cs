using FsCheck.Fluent;
using NpsKit.Economics;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Economics;

public class MoneyTests
{
    [Fact]
    public void From_LowerCaseCode_IsUpperCased() => Assert.Equal("EUR", Money.From(1m, "eur").Currency);

    [Theory]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("U$D")]
    [InlineData("")]
    public void From_MalformedCode_ThrowsNamingCodeAndFix(string code)
    {
        var ex = Assert.Throws<ArgumentException>(() => Money.From(1m, code));
        Assert.Equal("currency", ex.ParamName);
        Assert.Contains("three letters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_MismatchedCurrencies_ThrowsNamingBoth()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Money.From(1m, "USD") + Money.From(1m, "EUR"));
        Assert.Contains("USD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("EUR", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MismatchedCurrencies_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Money.From(1m, "USD") < Money.From(2m, "GBP"));

    [Fact]
    public void Default_HasNoCurrencyAndDoesNotMixWithUsd()
    {
        Assert.Equal(Money.NoCurrency, default(Money).Currency);
        Assert.Throws<InvalidOperationException>(() => default(Money) + Money.Zero("USD"));
    }

    [Fact]
    public void Arithmetic_KnownValues()
    {
        Money a = Money.From(210m, "USD");
        Assert.Equal(Money.From(328m, "USD"), a + Money.From(118m, "USD"));
        Assert.Equal(Money.From(-57m, "USD"), a - Money.From(267m, "USD"));
        Assert.Equal(Money.From(42m, "USD"), Money.From(5.25m, "USD") * 8m);
        Assert.Equal(Money.From(-210m, "USD"), -a);
        Assert.Equal(Money.From(0.67m, "USD"), Money.From(0.665m, "USD").Round());
    }

    [Fact]
    public void Equality_SameValueDifferentScale_AreEqualWithSameHash()
    {
        Money a = Money.From(1.0m, "USD"), b = Money.From(1.00m, "USD");
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(Money.From(1m, "USD") != Money.From(1m, "EUR"));
    }

    [Fact]
    public void ToString_IsInvariantWithCode() => Assert.Equal("USD -57.00", Money.From(-57m, "USD").ToString());

    [Fact]
    public void Add_IsCommutativeAndZeroIsIdentity() => PropertyRunner.Check(
        Prop.ForAll(Gen.Choose(-1_000_000, 1_000_000).ToArbitrary(), Gen.Choose(-1_000_000, 1_000_000).ToArbitrary(), (x, y) =>
        {
            Money a = Money.From(x / 100m, "USD"), b = Money.From(y / 100m, "USD");
            return a + b == b + a && a + Money.Zero("USD") == a && a - a == Money.Zero("USD");
        }));
}
