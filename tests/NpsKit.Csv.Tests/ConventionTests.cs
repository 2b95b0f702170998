using System.Reflection;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

public class ConventionTests
{
    private static readonly Assembly Library = typeof(NpsCsv).Assembly;

    [Fact]
    public void PublicStructs_AreReadonly_ClassesSealed_NoPublicSetters() =>
        Assert.Empty(ApiConventions.ImmutabilityViolations(Library));

    [Fact]
    public void EquatableTypes_DefineEqualityOperators() =>
        Assert.Empty(ApiConventions.EqualityViolations(Library));

    [Fact]
    public void EveryPublicMember_IsDocumented() =>
        Assert.Empty(ApiConventions.UndocumentedMembers(Library));

    [Fact]
    public void PublicApi_MatchesApprovedFile() =>
        Assert.Equal(string.Empty, ApiConventions.CompareWithApproved(Library, "tests/NpsKit.Csv.Tests/NpsKit.Csv.PublicApi.approved.txt"));

    [Fact]
    public void PublicApi_ExposesNoCsvHelperTypes() =>
        Assert.DoesNotContain("CsvHelper", ApiConventions.RenderPublicApi(Library));
}
