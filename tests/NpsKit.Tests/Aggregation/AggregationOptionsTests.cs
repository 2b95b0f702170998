using NpsKit.Aggregation;

namespace NpsKit.Tests.Aggregation;

public class AggregationOptionsTests
{
    [Fact]
    public void Default_IsMonthsInUtcMinimum30AllCores()
    {
        AggregationOptions o = AggregationOptions.Default;
        Assert.Equal("Etc/UTC", o.TimeZoneId);
        Assert.Equal(PeriodUnit.Month, o.Period);
        Assert.Equal(1, o.FiscalYearStartMonth);
        Assert.Equal(30, o.MinimumCount);
        Assert.Equal(-1, o.MaxDegreeOfParallelism);
        Assert.Equal(PeriodUnit.Month, o.Validate().Unit);
    }

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var bad = new AggregationOptions
        {
            TimeZoneId = "Nowhere/Atlantis",
            Period = (PeriodUnit)42,
            FiscalYearStartMonth = 0,
            MinimumCount = -1,
            MaxDegreeOfParallelism = 0,
            FirstDay = new DateOnly(2026, 2, 1),
            LastDay = new DateOnly(2026, 1, 1),
        };
        var ex = Assert.Throws<InvalidOptionsException>(() => bad.Validate());
        Assert.Contains("6 problem(s)", ex.Message);
        Assert.Equal(["TimeZoneId", "Period", "FiscalYearStartMonth", "MinimumCount", "MaxDegreeOfParallelism", "FirstDay"], ex.Problems.Select(p => p.Member));
        Assert.Equal(["Nowhere/Atlantis", "42", "0", "-1", "0", "2026-02-01"], ex.Problems.Select(p => p.Value));
        foreach (string part in new[] { "Nowhere/Atlantis", "Period is 42", "FiscalYearStartMonth is 0", "MinimumCount is -1", "MaxDegreeOfParallelism is 0", "FirstDay" })
        {
            Assert.Contains(part, ex.Message);
        }
    }
}

public class SegmentationTests
{
    [Fact]
    public void Factories_SetKindAndDimensions()
    {
        Assert.Equal(SegmentationKind.Total, Segmentation.Total.Kind);
        Assert.Equal(["region"], Segmentation.By("region").Dimensions);
        Assert.Equal(SegmentationKind.CrossTab, Segmentation.CrossTab("region", "channel").Kind);
        Assert.Equal("Hierarchy(company → department → team)", Segmentation.Hierarchy("company", "department", "team").ToString());
    }

    [Fact]
    public void Hierarchy_NoLevels_Throws() =>
        Assert.Contains("Segmentation.Total", Assert.Throws<ArgumentException>(() => Segmentation.Hierarchy()).Message);
}

public class SegmentPathTests
{
    [Fact]
    public void Then_BuildsPathsThatCompareByValue()
    {
        SegmentPath p = SegmentPath.Of("department", "Support").Then("team", "Chat");
        Assert.Equal(2, p.Depth);
        Assert.Equal("department=Support / team=Chat", p.ToString());
        Assert.Equal(SegmentPath.Of(("department", "Support"), ("team", "Chat")), p);
        Assert.Equal(SegmentPath.Of("department", "Support"), p.Prefix(1));
        Assert.True(p.Prefix(0).IsTotal);
        Assert.Equal(default, SegmentPath.Total);
        Assert.True(p.TryGetValue("team", out string? team) && team == "Chat");
    }

    [Fact]
    public void Then_SameDimensionTwice_Throws() =>
        Assert.Throws<ArgumentException>(() => SegmentPath.Of("a", "1").Then("a", "2"));
}

public class RollingWindowTests
{
    [Fact]
    public void Factories_DescribeThemselves()
    {
        Assert.Equal("single period", default(RollingWindow).ToString());
        Assert.Equal(1, RollingWindow.Single.Length);
        Assert.Equal("trailing 28 days", RollingWindow.Days(28).ToString());
        Assert.Equal("trailing 3 periods", RollingWindow.Periods(3).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => RollingWindow.Periods(0));
    }
}

public class SurveyResponseTests
{
    [Fact]
    public void Constructor_CopiesSegmentsAndClassifies()
    {
        var segments = new Dictionary<string, string> { ["region"] = "North" };
        var r = new SurveyResponse("C1", DateTimeOffset.UnixEpoch, 9, segments);
        segments["region"] = "South";
        Assert.Equal("North", r.Segments["region"]);
        Assert.Equal(NpsCategory.Promoter, r.Category);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SurveyResponse("C1", DateTimeOffset.UnixEpoch, 11));
    }
}
