using System.Reflection;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

public class ConventionTests : ApiConventionTests
{
    protected override Assembly Library => typeof(NpsCsv).Assembly;

    protected override string ApprovedApiFile => "tests/NpsKit.Csv.Tests/NpsKit.Csv.PublicApi.approved.txt";
}
