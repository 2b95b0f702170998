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

/// <summary>
/// Headless Chromium driven over the DevTools protocol (a WebSocket on a loopback port), for what the command-line
/// switches cannot do: lay a page out with the print media rules at the width of a printed page, measure it, and
/// print it to PDF.
/// </summary>
public static class ChromiumPrint
{
    /// <summary>The width of an A4 page's printable area at the report's 12 mm margins, in CSS pixels (96 per inch):
    /// (210 − 2 × 12) mm = 186 mm = 703 px. US Letter's is wider (725 px), so a page that fits A4 fits both.</summary>
    public const int A4PrintWidth = 703;

    /// <summary>Loads <paramref name="page"/> with the <c>print</c> media type emulated in a viewport
    /// <paramref name="width"/> CSS pixels wide, runs <paramref name="measureScript"/> (a function body given the
    /// page's <c>document</c> as <c>doc</c>, returning a string) and prints the page to PDF (A4, the page's own
    /// <c>@page</c> rules).</summary>
    /// <param name="page">The HTML file to render.</param>
    /// <param name="width">The layout width, in CSS pixels; <see cref="A4PrintWidth"/> for A4.</param>
    /// <param name="measureScript">The body of <c>function (doc) { … }</c>; its return value is the result.</param>
    /// <returns>What the script returned, and the PDF's bytes.</returns>
    public static (string Measured, byte[] Pdf) MeasureAndPrint(string page, int width, string measureScript)
    {
        string binary = HeadlessChromium.Binary() ?? throw new InvalidOperationException(ChromiumFactAttribute.MissingReason);
        string profile = Path.Combine(Path.GetTempPath(), "npskit-chromium-" + Guid.NewGuid().ToString("N"));
        var psi = new System.Diagnostics.ProcessStartInfo(binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--allow-file-access-from-files", $"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank",
        })
        {
            psi.ArgumentList.Add(argument);
        }

        using var chromium = System.Diagnostics.Process.Start(psi) ?? throw new InvalidOperationException("Chromium did not start.");
        var stderr = new System.Text.StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        chromium.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("Chromium exited before it listened: " + stderr));
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            Match m = Regex.Match(e.Data, @"DevTools listening on (ws://\S+)");
            if (m.Success)
            {
                listening.TrySetResult(new Uri(m.Groups[1].Value));
            }
        };
        chromium.BeginErrorReadLine();
        chromium.BeginOutputReadLine();
        try
        {
            return Drive(listening.Task, new Uri(page).AbsoluteUri, width, measureScript).GetAwaiter().GetResult();
        }
        finally
        {
            chromium.Kill(entireProcessTree: true);
            chromium.WaitForExit(10_000);
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

    private static async Task<(string, byte[])> Drive(Task<Uri> listening, string url, int width, string measureScript)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Uri browser = await listening.WaitAsync(timeout.Token);
        using var http = new System.Net.Http.HttpClient();
        string list = await http.GetStringAsync(new Uri($"http://{browser.Authority}/json/list"), timeout.Token);
        using System.Text.Json.JsonDocument targets = System.Text.Json.JsonDocument.Parse(list);
        string socketUrl = targets.RootElement.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page").GetProperty("webSocketDebuggerUrl").GetString()!;
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri(socketUrl), timeout.Token);
        var session = new Session(socket, timeout.Token);

        await session.Send("Emulation.setDeviceMetricsOverride", new { width, height = 1100, deviceScaleFactor = 1, mobile = false });
        await session.Send("Emulation.setScrollbarsHidden", new { hidden = true }); // paper has no scroll bar to take 15 px
        await session.Send("Emulation.setEmulatedMedia", new { media = "print" });
        await session.Send("Page.navigate", new { url });
        for (int i = 0; ; i++)
        {
            using System.Text.Json.JsonDocument state = await session.Send("Runtime.evaluate", new { expression = "document.readyState + '|' + location.href", returnByValue = true });
            string value = state.RootElement.GetProperty("result").GetProperty("value").GetString()!;
            if (value.StartsWith("complete|file:", StringComparison.Ordinal))
            {
                break;
            }

            if (i > 400)
            {
                throw new InvalidOperationException($"the page did not load ({value})");
            }

            await Task.Delay(50, timeout.Token);
        }

        using System.Text.Json.JsonDocument evaluated = await session.Send("Runtime.evaluate", new
        {
            expression = "(function (doc) { " + measureScript + " })(document)",
            returnByValue = true,
        });
        if (evaluated.RootElement.TryGetProperty("exceptionDetails", out System.Text.Json.JsonElement thrown))
        {
            throw new InvalidOperationException("the measuring script failed: " + thrown);
        }

        string measured = evaluated.RootElement.GetProperty("result").GetProperty("value").GetString()!;
        using System.Text.Json.JsonDocument printed = await session.Send("Page.printToPDF", new { paperWidth = 8.27, paperHeight = 11.69, preferCSSPageSize = true, printBackground = true });
        byte[] pdf = Convert.FromBase64String(printed.RootElement.GetProperty("data").GetString()!);
        return (measured, pdf);
    }

    /// <summary>One DevTools protocol connection: a command is sent with an id, and the reply with that id is its
    /// result (events in between are skipped).</summary>
    private sealed class Session(System.Net.WebSockets.ClientWebSocket socket, CancellationToken cancel)
    {
        private int next;

        public async Task<System.Text.Json.JsonDocument> Send(string method, object parameters)
        {
            int id = ++next;
            byte[] message = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters });
            await socket.SendAsync(message, System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, cancel);
            var buffer = new byte[1 << 16];
            while (true)
            {
                using var reply = new MemoryStream();
                System.Net.WebSockets.WebSocketReceiveResult part;
                do
                {
                    part = await socket.ReceiveAsync(buffer, cancel);
                    reply.Write(buffer, 0, part.Count);
                }
                while (!part.EndOfMessage);

                var document = System.Text.Json.JsonDocument.Parse(reply.ToArray());
                if (document.RootElement.TryGetProperty("id", out System.Text.Json.JsonElement replyId) && replyId.GetInt32() == id)
                {
                    if (document.RootElement.TryGetProperty("error", out System.Text.Json.JsonElement error))
                    {
                        document.Dispose();
                        throw new InvalidOperationException($"Chromium refused {method}: {error}");
                    }

                    System.Text.Json.JsonDocument result = System.Text.Json.JsonDocument.Parse(document.RootElement.GetProperty("result").GetRawText());
                    document.Dispose();
                    return result;
                }

                document.Dispose();
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

/// <summary>A theory that runs only where a Chromium binary exists, and otherwise reports itself skipped with the reason.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    /// <summary>Initializes the attribute, skipping when no Chromium binary is found.</summary>
    public ChromiumTheoryAttribute()
    {
        if (HeadlessChromium.Binary() is null)
        {
            Skip = ChromiumFactAttribute.MissingReason;
        }
    }
}
