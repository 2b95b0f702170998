using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NpsKit.Cli.Tests;

/// <summary>Issue #13 item 2 through the CLI: a group-only export (Qualtrics with only <c>Q1_NPS_GROUP</c>) reported per
/// month and region in every format. Issue #18: <c>nps compare A B --by</c> (and <c>--then</c>) on files without a time column.</summary>
public sealed class GroupOnlyAndUndatedCompareTests
{
    private static string GroupsOnly => Path.Combine(NpsKit.TestUtilities.ApiConventions.RepoRoot(), "tests", "NpsKit.Csv.Tests", "TestData", "surveys", "qualtrics", "qualtrics_groups_only.csv");

    private static string WithScores => Path.Combine(NpsKit.TestUtilities.ApiConventions.RepoRoot(), "tests", "NpsKit.Csv.Tests", "TestData", "surveys", "qualtrics", "qualtrics_numeric.csv");

    [Fact]
    public void Report_GroupsOnlyCorpusFile_ByMonthAndRegion_KnownAnswers_Csv()
    {
        CliResult result = CliRunner.Run("report", GroupsOnly, "--segment", "Region", "--format", "csv");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        string[] header = result.OutLines[0].Split(',');
        var rows = result.OutLines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToDictionary(f => (f[0], f[1]));
        double Nps(string period, string segment) => double.Parse(rows[(period, segment)][Array.IndexOf(header, "nps")], CultureInfo.InvariantCulture);
        long N(string period, string segment) => long.Parse(rows[(period, segment)][Array.IndexOf(header, "n")], CultureInfo.InvariantCulture);

        // From expected_groups_only.csv (make_corpus.py): 2026-02 4/4/3, 2026-03 8/9/4, 2026-04 3/1/2; 2026-03 North 3/2/3.
        Assert.Equal((11, 100.0 / 11), (N("2026-02", "(all)"), Nps("2026-02", "(all)")), new RoundedPair());
        Assert.Equal((21, 400.0 / 21), (N("2026-03", "(all)"), Nps("2026-03", "(all)")), new RoundedPair());
        Assert.Equal((6, 100.0 / 6), (N("2026-04", "(all)"), Nps("2026-04", "(all)")), new RoundedPair());
        Assert.Equal((8, 0.0), (N("2026-03", "North"), Nps("2026-03", "North")), new RoundedPair());
        Assert.Equal((2, 100.0), (N("2026-04", "South"), Nps("2026-04", "South")), new RoundedPair());

        // Changes and intervals are there: they need only the three counts.
        string[] march = rows[("2026-03", "(all)")];
        Assert.NotEqual(string.Empty, march[Array.IndexOf(header, "change")]);
        Assert.NotEqual(string.Empty, march[Array.IndexOf(header, "p_value")]);
        Assert.NotEqual(string.Empty, march[Array.IndexOf(header, "ci_lower")]);
    }

    /// <summary>The group-only file reports exactly what the same export with its scores reports, in every table format.</summary>
    [Theory]
    [InlineData("table")]
    [InlineData("csv")]
    [InlineData("markdown")]
    public void Report_GroupsOnly_EqualsTheReportOfTheExportWithScores(string format)
    {
        CliResult groups = CliRunner.Run("report", GroupsOnly, "--segment", "Region", "--format", format);
        CliResult scores = CliRunner.Run("report", WithScores, "--segment", "Region", "--format", format);

        Assert.True(groups.ExitCode == ExitCodes.Ok, groups.Error);
        Assert.True(scores.ExitCode == ExitCodes.Ok, scores.Error);
        Assert.Equal(scores.Out, groups.Out);
        Assert.Contains("0-10 distribution", groups.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_GroupsOnly_Json_SaysThereIsNoScoreDetail()
    {
        CliResult groups = CliRunner.Run("report", GroupsOnly, "--segment", "Region", "--format", "json");
        CliResult scores = CliRunner.Run("report", WithScores, "--segment", "Region", "--format", "json");

        Assert.True(groups.ExitCode == ExitCodes.Ok, groups.Error);
        using JsonDocument g = JsonDocument.Parse(groups.Out);
        using JsonDocument s = JsonDocument.Parse(scores.Out);
        Assert.False(g.RootElement.GetProperty("scoreDetail").GetBoolean());
        Assert.True(s.RootElement.GetProperty("scoreDetail").GetBoolean());
        Assert.Equal(s.RootElement.GetProperty("rows").GetRawText(), g.RootElement.GetProperty("rows").GetRawText());
    }

    [Fact]
    public void Report_GroupsOnly_HtmlAndSvg_DrawTheTrend_AndSayTheDistributionIsUnknown()
    {
        CliResult html = CliRunner.Run("report", GroupsOnly, "--segment", "Region", "--format", "html");
        CliResult svg = CliRunner.Run("report", GroupsOnly, "--segment", "Region", "--format", "svg");

        Assert.True(html.ExitCode == ExitCodes.Ok, html.Error);
        Assert.True(svg.ExitCode == ExitCodes.Ok, svg.Error);
        Assert.Contains("category counts only", html.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg class=\"distribution\"", html.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("data-score=", html.Out, StringComparison.Ordinal);
        Assert.Contains("2026-03", svg.Out, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"distribution\"", CliRunner.Run("report", WithScores, "--format", "html").Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CsvKind.Strict)]
    [InlineData(CsvKind.Lenient)]
    public void Report_GroupOnly_BadGroup_StrictFails_LenientReportsTheRest(CsvKind kind)
    {
        string path = CliRunner.TempCsv(
            "id,submitted_at,nps_group,region",
            "1,2026-03-01T10:00:00Z,Promoter,N",
            "2,2026-03-02T10:00:00Z,Maybe,N",
            "3,2026-04-01T10:00:00Z,Detractor,S");

        CliResult result = kind == CsvKind.Strict
            ? CliRunner.Run("report", path, "--segment", "region", "--format", "csv")
            : CliRunner.Run("report", path, "--segment", "region", "--format", "csv", "--lenient");

        if (kind == CsvKind.Strict)
        {
            Assert.Equal(ExitCodes.BadInput, result.ExitCode);
            Assert.Contains("line 3", result.Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
            Assert.Contains(result.OutLines, l => l.StartsWith("2026-03,N,1,100,", StringComparison.Ordinal));
            Assert.Contains(result.OutLines, l => l.StartsWith("2026-04,S,1,-100,", StringComparison.Ordinal));
            Assert.Contains("1", result.Error, StringComparison.Ordinal);
        }
    }

    /// <summary>Two answer files without a time column, by department and team.</summary>
    private static (string Before, string After, string BeforeDated, string AfterDated) UndatedPair(bool groups)
    {
        var rng = new Random(18);
        string[] departments = ["Billing", "Sales", "Support"];
        string Label(int score) => score >= 9 ? "Promoter" : score >= 7 ? "Passive" : "Detractor";
        (string Plain, string Dated) Write(int n, int shift, string month)
        {
            var plain = new StringBuilder(groups ? "id,nps_group,department,team\n" : "id,score,department,team\n");
            var dated = new StringBuilder(groups ? "id,submitted_at,nps_group,department,team\n" : "id,submitted_at,score,department,team\n");
            for (int i = 0; i < n; i++)
            {
                string department = departments[rng.Next(departments.Length)];
                int score = Math.Clamp(rng.Next(11) + (department == "Billing" ? shift : 0), 0, 10);
                string answer = groups ? Label(score) : score.ToString(CultureInfo.InvariantCulture);
                string team = rng.Next(2) == 0 ? "A" : "B";
                plain.Append(CultureInfo.InvariantCulture, $"{i},{answer},{department},{team}\n");
                dated.Append(CultureInfo.InvariantCulture, $"{i},{month}-{1 + rng.Next(28):00}T10:00:00Z,{answer},{department},{team}\n");
            }

            return (plain.ToString(), dated.ToString());
        }

        (string before, string beforeDated) = Write(400, 2, "2026-09");
        (string after, string afterDated) = Write(450, -3, "2026-10");
        return (Temp(before), Temp(after), Temp(beforeDated), Temp(afterDated));
    }

    private static string Temp(string text) => CliRunner.TempFile(Encoding.UTF8.GetBytes(text));

    /// <summary>Before, two files without a time column could not be compared by segment: reading each into a cube
    /// needed a time column (NoTimeColumn). Now the decomposition, its intervals and its words are those of the same
    /// answers with times.</summary>
    [Theory]
    [InlineData(false, "text")]
    [InlineData(false, "json")]
    [InlineData(false, "csv")]
    [InlineData(false, "markdown")]
    [InlineData(true, "json")]
    [InlineData(true, "text")]
    public void CompareTwoFiles_By_WithoutATimeColumn_IsTheSameAsWithTimes(bool groups, string format)
    {
        (string before, string after, string beforeDated, string afterDated) = UndatedPair(groups);

        CliResult undated = CliRunner.Run("compare", before, after, "--by", "department", "--format", format);
        CliResult dated = CliRunner.Run("compare", beforeDated, afterDated, "--by", "department", "--format", format);

        Assert.True(undated.ExitCode == ExitCodes.Ok, undated.Error);
        Assert.True(dated.ExitCode == ExitCodes.Ok, dated.Error);
        Assert.Equal(dated.Out.Replace(beforeDated, before, StringComparison.Ordinal).Replace(afterDated, after, StringComparison.Ordinal), undated.Out);
        Assert.Contains("no time column", undated.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("UndatedDay", undated.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("2000-01-01", undated.Error + undated.Out, StringComparison.Ordinal);
        if (format == "text")
        {
            Assert.Contains(undated.OutLines, l => l.StartsWith("why", StringComparison.Ordinal) && l.Contains("Billing", StringComparison.Ordinal));
        }

        if (format == "json")
        {
            using JsonDocument doc = JsonDocument.Parse(undated.Out);
            JsonElement d = doc.RootElement.GetProperty("decomposition");
            double change = doc.RootElement.GetProperty("difference").GetDouble();
            Assert.Equal(change, d.GetProperty("parts").EnumerateArray().Sum(p => p.GetProperty("contribution").GetDouble()), 9);
            Assert.All(d.GetProperty("parts").EnumerateArray(), p => Assert.True(p.GetProperty("performance").GetProperty("lower").GetDouble() <= p.GetProperty("performance").GetProperty("upper").GetDouble()));
        }
    }

    [Fact]
    public void CompareTwoFiles_ByThen_WithoutATimeColumn_DrillsLikeWithTimes()
    {
        (string before, string after, string beforeDated, string afterDated) = UndatedPair(groups: false);

        CliResult undated = CliRunner.Run("compare", before, after, "--by", "department", "--then", "team", "--format", "json");
        CliResult dated = CliRunner.Run("compare", beforeDated, afterDated, "--by", "department", "--then", "team", "--format", "json");

        Assert.True(undated.ExitCode == ExitCodes.Ok, undated.Error);
        using JsonDocument u = JsonDocument.Parse(undated.Out);
        using JsonDocument t = JsonDocument.Parse(dated.Out);
        Assert.Equal(t.RootElement.GetProperty("decomposition").GetRawText(), u.RootElement.GetProperty("decomposition").GetRawText());
        Assert.Equal(3, u.RootElement.GetProperty("decomposition").GetProperty("drill").GetArrayLength());
    }

    [Fact]
    public void CompareTwoFiles_WithoutATimeColumn_NoBy_StillWorks_AndOneFileModeStillNeedsTimes()
    {
        (string before, string after, _, _) = UndatedPair(groups: false);

        CliResult plain = CliRunner.Run("compare", before, after);
        Assert.True(plain.ExitCode == ExitCodes.Ok, plain.Error);
        Assert.Contains(plain.OutLines, l => l.StartsWith("change", StringComparison.Ordinal));

        CliResult periods = CliRunner.Run("compare", before, "--period", "2026-09", "--vs", "2026-10");
        Assert.Equal(ExitCodes.BadInput, periods.ExitCode);
        Assert.Contains("--time-column", periods.Error, StringComparison.Ordinal);
    }

    public enum CsvKind
    {
        Strict,
        Lenient,
    }

    private sealed class RoundedPair : IEqualityComparer<(long N, double Nps)>
    {
        public bool Equals((long N, double Nps) x, (long N, double Nps) y) => x.N == y.N && Math.Abs(x.Nps - y.Nps) < 1e-5;

        public int GetHashCode((long N, double Nps) obj) => obj.N.GetHashCode();
    }
}
