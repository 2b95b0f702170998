using NpsKit.Employee;

namespace NpsKit.Tests.Employee;

public class AnonymityPolicyTests
{
    [Fact]
    public void Default_HasDocumentedValues()
    {
        AnonymityPolicy p = AnonymityPolicy.Default;
        Assert.Equal(5, p.MinimumRespondents);
        Assert.Equal(10, p.MinimumCommentRespondents);
        Assert.Null(p.MinimumResponseRate);
        Assert.False(p.ShowCountsForSuppressed);
        Assert.Equal(ComplementaryProtection.HideSmallestSibling, p.Complementary);
        Assert.Same(p, p.Validate());
    }

    [Fact]
    public void Validate_ManyProblems_ReportsAllAtOnce()
    {
        var p = new AnonymityPolicy { MinimumRespondents = 1, MinimumCommentRespondents = 0, MinimumResponseRate = 1.5, Complementary = (ComplementaryProtection)9 };
        var ex = Assert.Throws<InvalidOptionsException>(() => p.Validate());
        Assert.Equal(["MinimumRespondents", "MinimumCommentRespondents", "MinimumResponseRate", "Complementary"], ex.Problems.Select(x => x.Member));
        Assert.Equal(["1", "0", "1.5", "9"], ex.Problems.Select(x => x.Value));
        Assert.Contains("MinimumRespondents is 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MinimumCommentRespondents is 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MinimumResponseRate is 1.5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Complementary is 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NaNRate_IsRejected() =>
        Assert.Equal("MinimumResponseRate", Assert.Single(Assert.Throws<InvalidOptionsException>(() => AnonymityPolicy.Default.WithMinimumResponseRate(double.NaN).Validate()).Problems).Member);

    [Fact]
    public void WithMethods_ReturnChangedCopies_LeaveOriginal()
    {
        AnonymityPolicy p = AnonymityPolicy.Default
            .WithMinimumRespondents(3)
            .WithMinimumCommentRespondents(4)
            .WithMinimumResponseRate(0.4)
            .WithShowCountsForSuppressed(true)
            .WithComplementary(ComplementaryProtection.FoldIntoOther);
        Assert.Equal((3, 4, 0.4, true, ComplementaryProtection.FoldIntoOther), (p.MinimumRespondents, p.MinimumCommentRespondents, p.MinimumResponseRate!.Value, p.ShowCountsForSuppressed, p.Complementary));
        Assert.Equal(5, AnonymityPolicy.Default.MinimumRespondents);
    }

    [Fact]
    public void FromResponses_InvalidPolicy_Throws() =>
        Assert.Throws<InvalidOptionsException>(() => EnpsReport.FromResponses(
            new SurveyRound("r", new DateOnly(2026, 1, 1)), [new OrgUnit("Co", null)], [new EnpsResponse("Co", 5)], new AnonymityPolicy { MinimumRespondents = 0 }));
}
