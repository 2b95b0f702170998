using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using NpsKit.TestUtilities;

namespace NpsKit.PackageTests;

/// <summary>
/// Proves that users can install NpsKit: packs it, inspects the package, and runs a consumer that restores it by
/// version from the local feed. Restores go to a fresh packages folder so a stale cached NpsKit can never be used.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private static readonly string Root = ApiConventions.RepoRoot();
    private static readonly string Feed = Path.Combine(Root, "artifacts", "packages");
    private readonly string _scratch = Directory.CreateTempSubdirectory("npskit-package-test-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void PackedNupkg_HasDocsReadmeLicenseAndMetadata_AndConsumerRunsAgainstIt()
    {
        string version = "0.1.0-packagetest";
        Run("dotnet", $"pack \"{Path.Combine(Root, "src", "NpsKit", "NpsKit.csproj")}\" -c Release -o \"{Feed}\" -p:Version={version}", Root);
        Run("dotnet", $"pack \"{Path.Combine(Root, "src", "NpsKit.Csv", "NpsKit.Csv.csproj")}\" -c Release -o \"{Feed}\" -p:Version={version}", Root);
        using (ZipArchive csv = ZipFile.OpenRead(Path.Combine(Feed, $"NpsKit.Csv.{version}.nupkg")))
        {
            Assert.Contains(csv.Entries, e => e.FullName == "lib/net10.0/NpsKit.Csv.xml");
            using Stream nuspec = csv.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            string text = new StreamReader(nuspec).ReadToEnd();
            Assert.Contains($"<dependency id=\"NpsKit\" version=\"{version}\"", text, StringComparison.Ordinal);
            Assert.Contains("<dependency id=\"CsvHelper\" version=\"34.0.0\"", text, StringComparison.Ordinal);
        }

        string nupkg = Path.Combine(Feed, $"NpsKit.{version}.nupkg");
        Assert.True(File.Exists(nupkg), $"{nupkg} was not produced");
        Assert.True(File.Exists(Path.ChangeExtension(nupkg, ".snupkg")), "symbol package (.snupkg) was not produced");

        using (ZipArchive zip = ZipFile.OpenRead(nupkg))
        {
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("lib/net10.0/NpsKit.dll", names);
            Assert.Contains("lib/net10.0/NpsKit.xml", names);
            Assert.Contains("README.md", names);
            Assert.Contains("LICENSE", names);

            using Stream nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            XElement metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
            Assert.Equal("NpsKit", Value("id"));
            Assert.Equal(version, Value("version"));
            Assert.Equal("MIT", Value("license"));
            Assert.Equal("README.md", Value("readme"));
            Assert.Contains("nps", Value("tags"), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(Value("description")));
            Assert.Contains(metadata.Elements(), e => e.Name.LocalName == "repository");
        }

        string consumer = Path.Combine(Root, "tests", "NpsKit.PackageTests", "Consumer", "Consumer.csproj");
        string output = Path.Combine(_scratch, "out");
        string packages = Path.Combine(_scratch, "packages");
        Run("dotnet", $"build \"{consumer}\" -c Release -o \"{output}\" --property:NpsKitVersion={version} --property:RestorePackagesPath=\"{packages}\"", Root);

        Assert.True(Directory.Exists(Path.Combine(packages, "npskit", version)), "the consumer did not restore NpsKit from the package feed");
        string stdout = Run("dotnet", $"\"{Path.Combine(output, "Consumer.dll")}\"", _scratch);
        Assert.Contains("NPS +20.0 (n = 10: 5 promoters, 2 passives, 3 detractors)", stdout, StringComparison.Ordinal);
        Assert.Contains("category of 9: Promoter", stdout, StringComparison.Ordinal);
        Assert.Contains("merged: NPS -40.0 (n = 20", stdout, StringComparison.Ordinal);
        Assert.Contains("csv: NPS +25.0 (n = 4: 2 promoters, 1 passive, 1 detractor) from text: 4 rows read", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PackedTool_InstallsWithDotnetTool_AndReportsOnTheSampleData()
    {
        // The tool package carries NpsKit and NpsKit.Csv inside it; only System.CommandLine and CsvHelper's own
        // dependencies come from the feed. NUGET_PACKAGES points at a fresh folder so no cached build is used.
        string version = "0.1.0-tooltest";
        Run("dotnet", $"pack \"{Path.Combine(Root, "src", "NpsKit.Cli", "NpsKit.Cli.csproj")}\" -c Release -o \"{Feed}\" -p:Version={version}", Root);
        string nupkg = Path.Combine(Feed, $"NpsKit.Cli.{version}.nupkg");
        using (ZipArchive zip = ZipFile.OpenRead(nupkg))
        {
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("tools/net10.0/any/nps.dll", names);
            Assert.Contains("tools/net10.0/any/NpsKit.dll", names);
            Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", names);
        }

        string tools = Path.Combine(_scratch, "tools");
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_scratch, "packages") };
        Run("dotnet", $"tool install NpsKit.Cli --version {version} --tool-path \"{tools}\" --add-source \"{Feed}\"", _scratch, env);
        string nps = Path.Combine(tools, OperatingSystem.IsWindows() ? "nps.exe" : "nps");
        string report = Run(nps, $"report \"{Path.Combine(Root, "samples", "data", "responses.csv")}\" --by quarter --format csv", _scratch, env);
        Assert.StartsWith("period,segment,n,nps,ci_lower,ci_upper,", report, StringComparison.Ordinal);
        Assert.Contains("2025-Q1,", report, StringComparison.Ordinal);
    }

    private static string Run(string file, string arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The test host sets MSBuild variables for itself; a nested SDK command must not inherit them.
        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using Process process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish in 10 minutes");
        }

        string output = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
