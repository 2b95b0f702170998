namespace NpsKit.Tests.Employee;

public partial class EnpsReportTests
{
}
