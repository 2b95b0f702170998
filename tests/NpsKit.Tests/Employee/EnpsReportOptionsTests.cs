using NpsKit.Employee;

namespace NpsKit.Tests.Employee;

public class EnpsReportOptionsTests
{
    [Fact]
    public void Validate_EmptyAndRepeatedDimensions_ReportsBoth()
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => new EnpsReportOptions { Dimensions = ["", "site", "site"] }.Validate());
        Assert.Contains("Dimensions[0]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Dimensions[2] 'site' is listed twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_ShufflesCommentsAndHidesRawValues()
    {
        Assert.True(EnpsReportOptions.Default.ShuffleComments);
        Assert.False(EnpsReportOptions.Default.IncludeRawValuesInExceptions);
        Assert.Empty(EnpsReportOptions.Default.Dimensions);
    }

    [Fact]
    public void Dimensions_MissingAttribute_IsReportedAsNotStated()
    {
        OrgUnit[] org = [new("Co", null)];
        EnpsResponse[] answers = Enumerable.Range(0, 6).Select(i => new EnpsResponse("Co", 9)).ToArray();
        EnpsReport report = EnpsReport.FromResponses(new SurveyRound("r", new DateOnly(2026, 1, 1)), org, answers, options: new EnpsReportOptions { Dimensions = ["site"] });
        Assert.Equal(EnpsReport.NotStated, report["Co [site=(not stated)]"].DimensionValue);
        Assert.Equal(6, report["Co [site=(not stated)]"].RespondentCount);
    }

    [Fact]
    public void EnpsResponse_ToString_WithholdsTheAnswer()
    {
        var r = new EnpsResponse("Platform", 3, "my manager", new Dictionary<string, string> { ["site"] = "Oslo" });
        string text = r.ToString();
        Assert.Contains("Platform", text, StringComparison.Ordinal);
        Assert.DoesNotContain("3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("manager", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Oslo", text, StringComparison.Ordinal);
    }
}
