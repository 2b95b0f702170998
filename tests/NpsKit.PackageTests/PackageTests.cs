using System.IO.Compression;
using System.Xml.Linq;
using NpsKit.TestUtilities;

namespace NpsKit.PackageTests;

/// <summary>
/// Proves that users can install NpsKit: inspects the packages the README's pack command makes in a fresh clone, and
/// runs a consumer and the tool restored by version from that local feed.
/// </summary>
[Collection(FreshCloneCollection.Name)]
public sealed class PackageTests(FreshClone clone) : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("npskit-package-test-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void ReadmePack_MakesEveryPackage_AtOneGitVersion_WithSymbols()
    {
        foreach (string id in new[] { "NpsKit", "NpsKit.Csv", "NpsKit.Excel", "NpsKit.Data", "NpsKit.Text", "NpsKit.Holidays", "NpsKit.Cli" })
        {
            Assert.True(File.Exists(Path.Combine(clone.Feed, $"{id}.{clone.Version}.nupkg")), $"{id} {clone.Version} was not packed:\n{clone.PackOutput}");
        }

        Assert.True(File.Exists(Path.Combine(clone.Feed, $"NpsKit.{clone.Version}.snupkg")), "symbol package (.snupkg) was not produced");
        Assert.Matches(@"^0\.1\.0-alpha\.0(\.\d+)?$", clone.Version); // untagged: MinVer's prerelease of the minimum 0.1
        Assert.DoesNotContain("warning", clone.PackOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("NpsKit", "lib/net10.0/NpsKit.dll", "MathNet.Numerics")]
    [InlineData("NpsKit.Csv", "lib/net10.0/NpsKit.Csv.dll", "CsvHelper")]
    [InlineData("NpsKit.Excel", "lib/net10.0/NpsKit.Excel.dll", "NpsKit.Csv")]
    [InlineData("NpsKit.Data", "lib/net10.0/NpsKit.Data.dll", "DuckDB.NET.Data.Full")]
    [InlineData("NpsKit.Text", "lib/net10.0/NpsKit.Text.dll", "Lucene.Net.Analysis.Common")]
    [InlineData("NpsKit.Holidays", "lib/net10.0/NpsKit.Holidays.dll", "PublicHoliday")]
    [InlineData("NpsKit.Cli", "tools/net10.0/any/nps.dll", null)]
    public void Package_HasDocsReadmeLicenseIconAndMetadata(string id, string assembly, string? dependency)
    {
        using ZipArchive zip = ZipFile.OpenRead(Path.Combine(clone.Feed, $"{id}.{clone.Version}.nupkg"));
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(assembly, names);
        if (!assembly.StartsWith("tools/", StringComparison.Ordinal))
        {
            Assert.Contains(Path.ChangeExtension(assembly, ".xml"), names);
        }

        Assert.Contains("README.md", names);
        Assert.Contains("LICENSE", names);
        Assert.Contains("icon.png", names);

        using Stream nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        XElement metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal(id, Value("id"));
        Assert.Equal(clone.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("icon.png", Value("icon"));
        Assert.Contains("CHANGELOG.md", Value("releaseNotes"), StringComparison.Ordinal);
        Assert.Contains("nps", Value("tags"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains(metadata.Elements(), e => e.Name.LocalName == "repository");
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
        if (dependency is not null)
        {
            Assert.Contains(dependency, dependencies);
        }

        if (id == "NpsKit.Csv")
        {
            Assert.Contains(metadata.Descendants(), e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "NpsKit" && (string?)e.Attribute("version") == clone.Version);
        }

        // Build-only packages never leak to users.
        Assert.DoesNotContain("MinVer", dependencies);
        Assert.DoesNotContain("Microsoft.SourceLink.GitHub", dependencies);
        Assert.DoesNotContain("Microsoft.DotNet.ApiCompat.Task", dependencies);
    }

    [Fact]
    public void Consumer_RestoresThePackagesByVersion_AndRunsAgainstThem()
    {
        string consumer = Path.Combine(clone.Root, "tests", "NpsKit.PackageTests", "Consumer", "Consumer.csproj");
        string output = Path.Combine(_scratch, "out");
        SdkProcess.Check(SdkProcess.Dotnet, ["build", consumer, "-c", "Release", "-o", output, $"-p:NpsKitVersion={clone.Version}"], clone.Root, clone.ConsumerEnvironment);

        Assert.True(Directory.Exists(Path.Combine(clone.PackagesCache, "npskit", clone.Version)), "the consumer did not restore NpsKit from the package feed");
        string stdout = SdkProcess.Check(SdkProcess.Dotnet, [Path.Combine(output, "Consumer.dll")], _scratch).Stdout;
        Assert.Contains("NPS +20.0 (n = 10: 5 promoters, 2 passives, 3 detractors)", stdout, StringComparison.Ordinal);
        Assert.Contains("category of 9: Promoter", stdout, StringComparison.Ordinal);
        Assert.Contains("merged: NPS -40.0 (n = 20", stdout, StringComparison.Ordinal);
        Assert.Contains("csv: NPS +25.0 (n = 4: 2 promoters, 1 passive, 1 detractor) from text: 4 rows read", stdout, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(clone.PackagesCache, "npskit.text", clone.Version)), "the consumer did not restore NpsKit.Text from the package feed");
        Assert.True(Directory.Exists(Path.Combine(clone.PackagesCache, "lucene.net.analysis.common")), "NpsKit.Text's stemmer dependency was not restored");
        Assert.Contains("themes en: delivery,staff", stdout, StringComparison.Ordinal);
        Assert.Contains("themes da: delivery,support,staff", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PackedTool_InstallsWithDotnetTool_AndReportsOnTheSampleData()
    {
        // The tool package carries NpsKit and NpsKit.Csv inside it; only System.CommandLine and CsvHelper's own
        // dependencies come from the feed.
        using (ZipArchive zip = ZipFile.OpenRead(Path.Combine(clone.Feed, $"NpsKit.Cli.{clone.Version}.nupkg")))
        {
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("tools/net10.0/any/NpsKit.dll", names);
            Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", names);
        }

        string tools = Path.Combine(_scratch, "tools");
        SdkProcess.Check(SdkProcess.Dotnet, ["tool", "install", "NpsKit.Cli", "--prerelease", "--tool-path", tools, "--add-source", clone.Feed], _scratch, clone.ConsumerEnvironment);
        string nps = Path.Combine(tools, OperatingSystem.IsWindows() ? "nps.exe" : "nps");
        string report = SdkProcess.Check(nps, ["report", Path.Combine(clone.Root, "samples", "data", "responses.csv"), "--by", "quarter", "--format", "csv"], _scratch).Stdout;
        Assert.StartsWith("period,segment,n,nps,ci_lower,ci_upper,", report, StringComparison.Ordinal);
        Assert.Contains("2025-Q1,", report, StringComparison.Ordinal);
        Assert.Contains(clone.Version, SdkProcess.Check(nps, ["--version"], _scratch).Stdout, StringComparison.Ordinal);
    }
}
