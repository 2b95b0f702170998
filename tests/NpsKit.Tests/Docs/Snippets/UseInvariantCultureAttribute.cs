using System.Globalization;
using System.Reflection;
using Xunit.Sdk;

namespace NpsKit.Tests.Docs.Snippets;

/// <summary>
/// Runs a test under the invariant culture, so that numbers a snippet formats with the current culture print as the
/// docs show them ("60.0", "10.0 %") on every machine (after xunit's UseCultureAttribute sample).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class UseInvariantCultureAttribute : BeforeAfterTestAttribute
{
    private CultureInfo? _culture;
    private CultureInfo? _uiCulture;

    public override void Before(MethodInfo methodUnderTest)
    {
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }

    public override void After(MethodInfo methodUnderTest)
    {
        CultureInfo.CurrentCulture = _culture ?? CultureInfo.CurrentCulture;
        CultureInfo.CurrentUICulture = _uiCulture ?? CultureInfo.CurrentUICulture;
    }
}
