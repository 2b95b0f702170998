using NpsKit.Charts;

namespace NpsKit.Tests.Charts;

public class TrendChartOptionsTests
{
    [Fact]
    public void Default_HasTheDocumentedValues()
    {
        TrendChartOptions o = TrendChartOptions.Default;

        Assert.Equal((720, 360, 0.95, NpsIntervalMethod.AdjustedWald, TrendScale.Zoomed, "nps-trend"), (o.Width, o.Height, o.Level, o.IntervalMethod, o.Scale, o.IdPrefix));
        Assert.Null(o.Title);
        Assert.Null(o.Subtitle);
        Assert.Null(o.ScaleMinimum);
        Assert.Null(o.ScaleMaximum);
        o.Validate();
    }

    [Fact]
    public void Validate_EveryProblem_ListedInOneException()
    {
        var options = new TrendChartOptions
        {
            Width = 100,
            Height = 5000,
            Level = 1,
            IntervalMethod = (NpsIntervalMethod)42,
            Scale = (TrendScale)7,
            IdPrefix = "1 bad",
            ScaleMinimum = 120,
            ScaleMaximum = double.NaN,
        };

        var e = Assert.Throws<InvalidOptionsException>(options.Validate);

        Assert.Equal(["Width", "Height", "Level", "IntervalMethod", "Scale", "ScaleMinimum", "ScaleMaximum", "IdPrefix"], e.Problems.Select(p => p.Member));
        Assert.Equal(["100", "5000", "1", "42", "7", "120", "NaN", "1 bad"], e.Problems.Select(p => p.Value));
        Assert.All(e.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason) || string.IsNullOrWhiteSpace(p.Allowed)));
        Assert.Contains("8 problem(s)", e.Message, StringComparison.Ordinal);
        Assert.Contains("ScaleMinimum is 120", e.Message, StringComparison.Ordinal);
        Assert.Contains("ScaleMaximum is NaN", e.Message, StringComparison.Ordinal);
        Assert.Contains("Width is 100: use 320 to 4000 pixels", e.Message, StringComparison.Ordinal);
        Assert.Contains("Height is 5000", e.Message, StringComparison.Ordinal);
        Assert.Contains("Level is 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("IntervalMethod is 42", e.Message, StringComparison.Ordinal);
        Assert.Contains("Scale is 7", e.Message, StringComparison.Ordinal);
        Assert.Contains("IdPrefix is \"1 bad\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ScaleMinimumNotBelowMaximum_Throws()
    {
        var e = Assert.Throws<InvalidOptionsException>(new TrendChartOptions { ScaleMinimum = 20, ScaleMaximum = 20 }.Validate);

        Assert.Contains("ScaleMinimum 20 is not below ScaleMaximum 20", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(-0.5)]
    public void Validate_LevelOutsideZeroToOne_Throws(double level) =>
        Assert.Equal("Level", Assert.Single(Assert.Throws<InvalidOptionsException>(new TrendChartOptions { Level = level }.Validate).Problems).Member);

    [Fact]
    public void With_ChangesOneSettingAndKeepsTheRest()
    {
        TrendChartOptions o = TrendChartOptions.Default with { Title = "T" };

        Assert.Equal("T", o.Title);
        Assert.Equal(TrendChartOptions.Default.Width, o.Width);
        Assert.Null(TrendChartOptions.Default.Title);
    }
}
