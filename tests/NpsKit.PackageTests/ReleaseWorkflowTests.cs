using System.Text.RegularExpressions;
using NpsKit.TestUtilities;
using YamlDotNet.RepresentationModel;

namespace NpsKit.PackageTests;

/// <summary>
/// The code host's workflows cannot run here, so this reads them and runs what they run: <c>ci.yml</c> runs
/// <c>.ci/run</c> (which runs this suite); <c>release.yml</c>, on a version tag, runs <c>.ci/run</c>, then its pack
/// and push steps, which this test runs verbatim in a tagged fresh clone, with a folder standing in for the public feed
/// and a dummy key for the secret.
/// </summary>
[Collection(FreshCloneCollection.Name)]
public sealed partial class ReleaseWorkflowTests(FreshClone clone)
{
    [Fact]
    public void CiWorkflow_RunsTheCiScript_OnPushesAndPullRequests()
    {
        YamlMappingNode workflow = Load("ci.yml");
        YamlMappingNode on = Map(workflow, "on");
        Assert.True(on.Children.ContainsKey("pull_request"), "ci.yml must run on pull requests");
        Assert.Equal(["main"], Sequence(Map(on, "push"), "branches"));
        List<YamlMappingNode> steps = Steps(workflow);
        Assert.Contains(steps, s => Scalar(s, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true && FetchesAllHistory(s));
        Assert.Contains(steps, s => Scalar(s, "run") == "bash .ci/run");
    }

    [Fact]
    public void ReleaseWorkflow_OnAVersionTag_TestsPacksAndPushesWithTheSecretKey()
    {
        YamlMappingNode workflow = Load("release.yml");
        string pattern = Assert.Single(Sequence(Map(Map(workflow, "on"), "push"), "tags"));
        foreach (string tag in new[] { "v1.2.3", "v0.1.0", "v2.0.0-rc.1" })
        {
            Assert.True(GlobMatches(pattern, tag), $"release.yml's tag filter {pattern} does not match {tag}");
        }

        Assert.False(GlobMatches(pattern, "release-1"), pattern);
        List<YamlMappingNode> steps = Steps(workflow);
        Assert.Contains(steps, s => Scalar(s, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true && FetchesAllHistory(s));
        int test = steps.FindIndex(s => Scalar(s, "run") == "bash .ci/run");
        int pack = steps.FindIndex(s => Scalar(s, "name") == "Pack");
        int push = steps.FindIndex(s => Scalar(s, "name") == "Push");
        Assert.True(test >= 0 && pack > test && push > pack, "release.yml must run .ci/run, then Pack, then Push");
        Assert.Equal("${{ secrets.NUGET_API_KEY }}", Scalar(Map(steps[push], "env"), "NUGET_API_KEY"));
        Assert.Contains("$NUGET_API_KEY", Scalar(steps[push], "run"), StringComparison.Ordinal);

        // The feed is the repository's setting, not a host written into the workflow.
        YamlMappingNode job = Map(Map(workflow, "jobs"), "release");
        Assert.Equal("${{ vars.NUGET_SOURCE }}", Scalar(Map(job, "env"), "NUGET_SOURCE"));
        Assert.Contains("--source \"$NUGET_SOURCE\"", Scalar(steps[push], "run"), StringComparison.Ordinal);
    }

    [Fact]
    public void ReleaseWorkflow_PackAndPushSteps_RunLocally_PublishTheTagsVersion()
    {
        YamlMappingNode workflow = Load("release.yml");
        List<YamlMappingNode> steps = Steps(workflow);
        string packRun = Scalar(steps.Single(s => Scalar(s, "name") == "Pack"), "run")!;
        YamlMappingNode pushStep = steps.Single(s => Scalar(s, "name") == "Push");

        // What the host does: a fresh clone (its origin is the clone above: a local path), checked out at the tag.
        string release = Path.Combine(clone.Workspace, "release-clone");
        SdkProcess.Check("git", ["clone", "-q", clone.Root, release], clone.Workspace);
        SdkProcess.Check("git", ["-c", "user.name=t", "-c", "user.email=t@npskit.invalid", "tag", "-a", "v1.4.2", "-m", "1.4.2"], release);

        var env = new Dictionary<string, string?>(clone.ConsumerEnvironment);
        foreach (YamlMappingNode job in Map(workflow, "jobs").Children.Values.Cast<YamlMappingNode>())
        {
            if (job.Children.TryGetValue(new YamlScalarNode("env"), out YamlNode? jobEnv))
            {
                foreach ((YamlNode key, YamlNode value) in ((YamlMappingNode)jobEnv).Children)
                {
                    env[key.ToString()] = value.ToString();
                }
            }
        }

        ProcessResult packed = SdkProcess.Bash(packRun, release, env);
        Assert.True(packed.ExitCode == 0, packed.Describe());
        Assert.DoesNotContain("warning", packed.Stdout, StringComparison.OrdinalIgnoreCase);
        string output = Path.Combine(release, "artifacts", "release");
        string[] nupkgs = [.. Directory.GetFiles(output, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Superset(new HashSet<string>(["NpsKit.1.4.2.nupkg", "NpsKit.Csv.1.4.2.nupkg", "NpsKit.Excel.1.4.2.nupkg", "NpsKit.Cli.1.4.2.nupkg"]), nupkgs.ToHashSet());
        Assert.All(nupkgs, n => Assert.EndsWith(".1.4.2.nupkg", n, StringComparison.Ordinal));

        // The push step as written; the job's feed name replaced by a folder, the secret by a dummy key.
        string published = Path.Combine(clone.Workspace, "published");
        Directory.CreateDirectory(published);
        env["NUGET_SOURCE"] = published;
        env["NUGET_API_KEY"] = "local-test-key";
        ProcessResult pushed = SdkProcess.Bash(Scalar(pushStep, "run")!, release, env);
        Assert.True(pushed.ExitCode == 0, pushed.Describe());
        foreach (string nupkg in nupkgs)
        {
            Assert.True(Directory.EnumerateFiles(published, nupkg, SearchOption.AllDirectories).Any(), $"{nupkg} was not pushed:\n{pushed.Describe()}");
        }
    }

    private static YamlMappingNode Load(string file)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(ApiConventions.RepoRoot(), ".github", "workflows", file));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static List<YamlMappingNode> Steps(YamlMappingNode workflow) =>
        [.. Map(workflow, "jobs").Children.Values.Cast<YamlMappingNode>().SelectMany(job => ((YamlSequenceNode)job.Children["steps"]).Children.Cast<YamlMappingNode>())];

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? ((YamlScalarNode)value).Value?.Trim() : null;

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children.Select(c => ((YamlScalarNode)c).Value!)];

    private static bool FetchesAllHistory(YamlMappingNode checkout) =>
        checkout.Children.TryGetValue(new YamlScalarNode("with"), out YamlNode? with) && Scalar((YamlMappingNode)with, "fetch-depth") == "0";

    /// <summary>The code host's tag filter: <c>*</c> any run of characters, <c>[0-9]+</c> one or more digits.</summary>
    private static bool GlobMatches(string pattern, string tag)
    {
        string regex = "^" + Regex.Escape(pattern).Replace(@"\[0-9]\+", "[0-9]+", StringComparison.Ordinal).Replace(@"\*", ".*", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(tag, regex);
    }
}
