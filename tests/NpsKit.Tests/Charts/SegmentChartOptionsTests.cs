using NpsKit.Charts;

namespace NpsKit.Tests.Charts;

public class SegmentChartOptionsTests
{
    [Fact]
    public void Default_HasTheDocumentedValues()
    {
        SegmentChartOptions o = SegmentChartOptions.Default;

        Assert.Equal((720, 30, SegmentOrder.AsGiven, "nps-segments"), (o.Width, o.RowHeight, o.Order, o.IdPrefix));
        Assert.Null(o.MinimumCount);
        Assert.Null(o.Title);
        o.Validate();
    }

    [Fact]
    public void Validate_EveryProblem_ListedInOneException()
    {
        var options = new SegmentChartOptions { Width = 5000, RowHeight = 10, Order = (SegmentOrder)3, MinimumCount = -1, IdPrefix = "" };

        var e = Assert.Throws<InvalidOptionsException>(options.Validate);

        Assert.Equal(["Width", "RowHeight", "Order", "MinimumCount", "IdPrefix"], e.Problems.Select(p => p.Member));
        Assert.Equal(["5000", "10", "3", "-1", ""], e.Problems.Select(p => p.Value));
        Assert.Equal("16 to 200 pixels (30 is the default)", e.Problems[1].Allowed);
        Assert.All(e.Problems, p => Assert.Contains(Environment.NewLine + "- " + p.Message, e.Message, StringComparison.Ordinal));
        Assert.Contains("5 problem(s)", e.Message, StringComparison.Ordinal);
        Assert.Contains("Width is 5000", e.Message, StringComparison.Ordinal);
        Assert.Contains("RowHeight is 10", e.Message, StringComparison.Ordinal);
        Assert.Contains("Order is 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("MinimumCount is -1", e.Message, StringComparison.Ordinal);
        Assert.Contains("IdPrefix is \"\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("chart-1_b")]
    public void Validate_GoodIdPrefix_Passes(string prefix) => new SegmentChartOptions { IdPrefix = prefix }.Validate();

    [Theory]
    [InlineData("x y")]
    [InlineData("-a")]
    [InlineData("a\"b")]
    public void Validate_BadIdPrefix_Throws(string prefix) =>
        Assert.Equal("IdPrefix", Assert.Single(Assert.Throws<InvalidOptionsException>(new SegmentChartOptions { IdPrefix = prefix }.Validate).Problems).Member);
}
