using System.Reflection;
using NpsKit.TestUtilities;

namespace NpsKit.Excel.Tests;

public class ConventionTests : ApiConventionTests
{
    protected override Assembly Library => typeof(NpsExcel).Assembly;

    protected override string ApprovedApiFile => "tests/NpsKit.Excel.Tests/NpsKit.Excel.PublicApi.approved.txt";
}
