using System.Reflection;
using NpsKit.TestUtilities;

namespace NpsKit.Text.Tests;

public class ConventionTests : ApiConventionTests
{
    protected override Assembly Library => typeof(ThemeTagger).Assembly;

    protected override string ApprovedApiFile => "tests/NpsKit.Text.Tests/NpsKit.Text.PublicApi.approved.txt";
}
