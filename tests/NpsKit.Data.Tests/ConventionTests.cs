using System.Reflection;
using NpsKit.TestUtilities;

namespace NpsKit.Data.Tests;

public class ConventionTests : ApiConventionTests
{
    protected override Assembly Library => typeof(NpsDb).Assembly;

    protected override string ApprovedApiFile => "tests/NpsKit.Data.Tests/NpsKit.Data.PublicApi.approved.txt";
}
