using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace NpsKit.TestUtilities;

/// <summary>
/// Headless Chromium (Debian's <c>chromium</c> package; <c>.ci/run</c> installs it when missing) rendering a local page
/// in an iframe of an exact width — the headless window itself cannot be narrower than 500 px — and returning what a
/// script measured in the rendered page.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>The Chromium executable, or null when none is installed (or <c>NPSKIT_NO_CHROMIUM=1</c> asks to behave
    /// as if none were).</summary>
    public static string? Binary()
    {
        if (Environment.GetEnvironmentVariable("NPSKIT_NO_CHROMIUM") == "1" || !OperatingSystem.IsLinux())
        {
            return null;
        }

        string[] names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => names.Select(name => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Renders <paramref name="page"/> in an iframe <paramref name="width"/> CSS pixels wide and returns the
    /// text that <paramref name="measureScript"/> (a JavaScript function body given the iframe's <c>document</c> as
    /// <c>doc</c>, returning a string) computed once the page had loaded.</summary>
    /// <param name="page">The HTML file to render.</param>
    /// <param name="width">The viewport width of the page, in CSS pixels.</param>
    /// <param name="measureScript">The body of <c>function (doc) { … }</c>; its return value is the result.</param>
    /// <returns>What the script returned.</returns>
    public static string Measure(string page, int width, string measureScript)
    {
        string binary = Binary() ?? throw new InvalidOperationException(ChromiumFactAttribute.MissingReason);
        string folder = Path.GetDirectoryName(Path.GetFullPath(page))!;
        string harness = Path.Combine(folder, $"harness-{width}-{Guid.NewGuid():N}.html");
        File.WriteAllText(harness, $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
            <iframe id="page" src="{{Path.GetFileName(page)}}" style="width:{{width}}px;height:900px;border:0;display:block"></iframe>
            <pre id="result"></pre>
            <script>
            document.getElementById("page").addEventListener("load", function () {
              var out = document.getElementById("result");
              try { out.textContent = "RESULT:" + (function (doc) { {{measureScript}} })(this.contentDocument); }
              catch (e) { out.textContent = "ERROR:" + e; }
            });
            </script></body></html>
            """);
        string profile = Path.Combine(Path.GetTempPath(), "npskit-chromium-" + Guid.NewGuid().ToString("N"));
        try
        {
            ProcessResult result = SdkProcess.Run(
                binary,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                    "--allow-file-access-from-files", $"--user-data-dir={profile}", $"--window-size={width + 100},1000",
                    "--virtual-time-budget=15000", "--dump-dom", new Uri(harness).AbsoluteUri,
                ],
                folder,
                timeout: TimeSpan.FromMinutes(2));
            Match match = Regex.Match(result.Stdout, "<pre id=\"result\">(.*?)</pre>", RegexOptions.Singleline);
            string text = match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : string.Empty;
            if (!text.StartsWith("RESULT:", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Chromium did not measure the page ({text}): {result.Describe()}");
            }

            return text["RESULT:".Length..];
        }
        finally
        {
            File.Delete(harness);
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be releasing its profile; a temporary folder left behind is harmless.
            }
        }
    }
}

/// <summary>A fact that renders a page in headless Chromium, reported as skipped (with the reason) when Chromium is not
/// installed — never passed silently (the same rule as <see cref="PostgresFactAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string MissingReason =
        "Chromium not found (chromium, chromium-browser or google-chrome on PATH): install Debian's 'chromium' package (apt-get install -y chromium), as .ci/run does.";

    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Binary() is null)
        {
            Skip = MissingReason;
        }
    }
}
