using System.Reflection;
using Xunit;

namespace NpsKit.TestUtilities;

/// <summary>
/// The reflection-wide checks every library gets (NodaTime's MutabilityTest/ConsistencyTest, Polly's public API files):
/// derive one class per library test project and name the assembly and its approved API file.
/// </summary>
public abstract class ApiConventionTests
{
    /// <summary>Gets the library under test.</summary>
    protected abstract Assembly Library { get; }

    /// <summary>Gets the approved public API file, relative to the repository root.</summary>
    protected abstract string ApprovedApiFile { get; }

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
        Assert.Equal(string.Empty, ApiConventions.CompareWithApproved(Library, ApprovedApiFile));

    [Fact]
    public void PublicApi_ExposesNoThirdPartyTypes()
    {
        string api = ApiConventions.RenderPublicApi(Library);
        Assert.DoesNotContain("MathNet", api);
        Assert.DoesNotContain("CsvHelper", api);
    }
}
