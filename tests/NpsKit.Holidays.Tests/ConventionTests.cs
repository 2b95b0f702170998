using System.Reflection;
using NpsKit.TestUtilities;

namespace NpsKit.Holidays.Tests;

public class ConventionTests : ApiConventionTests
{
    protected override Assembly Library => typeof(PublicHolidayCalendar).Assembly;

    protected override string ApprovedApiFile => "tests/NpsKit.Holidays.Tests/NpsKit.Holidays.PublicApi.approved.txt";
}
