using NpsKit.Employee;

namespace NpsKit.Tests.Employee;

/// <summary><see cref="EnpsReportOptions.Validate"/> reports every bad setting as a structured
/// <see cref="OptionProblem"/>, as <c>AggregationOptions</c> and <c>CsvReadOptions</c> do.</summary>
public sealed class EnpsReportOptionsValidationTests
{
    [Fact]
    public void Validate_EmptyAndRepeatedDimensions_ListsEachProblemWithMemberValueAndAllowed()
    {
        var options = new EnpsReportOptions { Dimensions = ["tenure", " ", "tenure"] };

        var e = Assert.Throws<InvalidOptionsException>(() => options.Validate());

        Assert.Equal(2, e.Problems.Count);
        Assert.Equal("Dimensions[1]", e.Problems[0].Member);
        Assert.Equal("is empty", e.Problems[0].Reason);
        Assert.Equal("Dimensions[2]", e.Problems[1].Member);
        Assert.Equal("tenure", e.Problems[1].Value);
        Assert.Equal("each dimension once", e.Problems[1].Allowed);
        Assert.Contains("Dimensions[2] 'tenure' is listed twice", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ArgumentException>(e); // callers catching ArgumentException still do
    }

    [Fact]
    public void Validate_ValuesForAnUndeclaredDimension_NamesIt()
    {
        var options = new EnpsReportOptions { DimensionValues = new Dictionary<string, IReadOnlyList<string>> { ["site"] = ["A"] } };

        var e = Assert.Throws<InvalidOptionsException>(() => options.Validate());

        OptionProblem problem = Assert.Single(e.Problems);
        Assert.Equal("DimensionValues", problem.Member);
        Assert.Equal("site", problem.Value);
    }
}
