using System.Text;
using System.Text.Json;

namespace NpsKit.Cli.Tests;

/// <summary>Issue #13: <c>nps report --segment</c> (and <c>--by</c>) on a file without a time column was refused
/// (NoTimeColumn); it is now a total-only report per segment, one period, with the figures of the same answers dated in
/// one month.</summary>
public sealed class ReportUndatedSegmentTests
{
    private static readonly string[] Answers =
    [
        "9,North", "10,North", "3,North", "8,North", "10,South", "0,South", "6,South", "9,South", "9,South", "2,East",
    ];

    private static (string Undated, string Dated) Pair()
    {
        string undated = CliRunner.TempCsv(["score,region", .. Answers]);
        string dated = CliRunner.TempCsv(["score,region,submitted_at", .. Answers.Select((a, i) => $"{a},2026-03-{i + 1:00}T10:00:00Z")]);
        return (undated, dated);
    }

    [Theory]
    [InlineData("csv", "--segment")]
    [InlineData("csv", "--by")]
    [InlineData("markdown", "--segment")]
    [InlineData("table", "--by")]
    public void Report_BySegment_WithoutATimeColumn_IsTheOnePeriodReportOfTheSameAnswers(string format, string flag)
    {
        (string undated, string dated) = Pair();

        CliResult u = CliRunner.Run("report", undated, flag, "region", "--format", format, "--min-n", "2");
        CliResult d = CliRunner.Run("report", dated, flag, "region", "--format", format, "--min-n", "2");

        Assert.True(u.ExitCode == ExitCodes.Ok, u.Error);
        Assert.True(d.ExitCode == ExitCodes.Ok, d.Error);
        Assert.Equal(Relabel(d.Out, format), format == "table" ? Squeeze(u.Out) : u.Out);
        Assert.Contains("no time column", u.Error, StringComparison.Ordinal);
        Assert.Contains("--time-column", u.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("2000-01", u.Out + u.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("UndatedDay", u.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BySegment_WithoutATimeColumn_Json_HasEverySegmentOnce()
    {
        (string undated, string dated) = Pair();

        CliResult u = CliRunner.Run("report", undated, "--segment", "region", "--format", "json");
        CliResult d = CliRunner.Run("report", dated, "--segment", "region", "--format", "json");

        Assert.True(u.ExitCode == ExitCodes.Ok, u.Error);
        using JsonDocument undatedDoc = JsonDocument.Parse(u.Out);
        using JsonDocument datedDoc = JsonDocument.Parse(d.Out);
        JsonElement[] rows = [.. undatedDoc.RootElement.GetProperty("rows").EnumerateArray()];
        JsonElement[] datedRows = [.. datedDoc.RootElement.GetProperty("rows").EnumerateArray()];
        Assert.Equal(["(all)", "East", "North", "South"], rows.Select(r => r.GetProperty("segment").GetString()).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("all", r.GetProperty("period").GetString()));
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("change").ValueKind));
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(datedRows[i].GetProperty("segment").GetString(), rows[i].GetProperty("segment").GetString());
            Assert.Equal(datedRows[i].GetProperty("n").GetInt64(), rows[i].GetProperty("n").GetInt64());
            Assert.Equal(datedRows[i].GetProperty("nps").GetDouble(), rows[i].GetProperty("nps").GetDouble());
            Assert.Equal(datedRows[i].GetProperty("interval").GetRawText(), rows[i].GetProperty("interval").GetRawText());
        }
    }

    [Fact]
    public void Report_BySegment_WithoutATimeColumn_Html_HasTheSegmentsAndNoTrend()
    {
        (string undated, _) = Pair();

        CliResult u = CliRunner.Run("report", undated, "--segment", "region", "--format", "html");

        Assert.True(u.ExitCode == ExitCodes.Ok, u.Error);
        Assert.Contains("<h2>Segments</h2>", u.Out, StringComparison.Ordinal);
        Assert.Contains("North", u.Out, StringComparison.Ordinal);
        Assert.Contains("South", u.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("<h2>Trend", u.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("2000-01", u.Out, StringComparison.Ordinal);
        Assert.Contains("no time column", u.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BySegment_WithoutATimeColumn_FromStandardInput()
    {
        byte[] csv = Encoding.UTF8.GetBytes(string.Join('\n', ["score,region", .. Answers]) + "\n");

        CliResult u = CliRunner.RunWithInput(csv, "report", "-", "--by", "region", "--format", "csv");

        Assert.True(u.ExitCode == ExitCodes.Ok, u.Error);
        Assert.Contains(u.OutLines, l => l.StartsWith("all,North,4,", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_BySegment_WithoutATimeColumn_Svg_IsTheSegmentBars_AndWithoutSegmentsStillRefused()
    {
        (string undated, _) = Pair();

        CliResult bars = CliRunner.Run("report", undated, "--segment", "region", "--format", "svg");
        CliResult total = CliRunner.Run("report", undated, "--format", "svg");

        Assert.True(bars.ExitCode == ExitCodes.Ok, bars.Error);
        Assert.StartsWith("<svg", bars.Out.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("North", bars.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("2000-01", bars.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, total.ExitCode);
        Assert.Contains("--time-column", total.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BySegment_GroupsOnlyWithoutATimeColumn_IsCountedByGroupPerSegment()
    {
        string groups = CliRunner.TempCsv("nps_group,region", "Promoter,North", "Detractor,North", "Passive,South", "Promoter,South", "Promoter,South");

        CliResult result = CliRunner.Run("report", groups, "--by", "region", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        Assert.False(doc.RootElement.GetProperty("scoreDetail").GetBoolean());
        JsonElement south = doc.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("segment").GetString() == "South");
        Assert.Equal(3, south.GetProperty("n").GetInt64());
        Assert.Equal(200.0 / 3, south.GetProperty("nps").GetDouble(), 9);
        Assert.Equal("all", south.GetProperty("period").GetString());
    }

    /// <summary>The CLI rewords the library's warnings that name a reading option by their kind (was: by matching the
    /// message's first words): the no-time-column and detected-encoding warnings name the flags, never the API.</summary>
    [Fact]
    public void Report_Warnings_NameTheFlags_NotTheApi()
    {
        byte[] bytes = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("score,city\n9,København\n7,Århus\n");
        string path = CliRunner.TempFile(bytes);

        CliResult result = CliRunner.Run("report", path, "--by", "city", "--format", "csv");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Contains($"{Path.GetFileName(path)} has no time column: its answers are taken together, as one period (name one with --time-column", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{Path.GetFileName(path)} was read as windows-1252: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("give --encoding", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("CsvReadOptions", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("2000-01-01", result.Error, StringComparison.Ordinal);
        Assert.Contains("all,København,1,", result.Out, StringComparison.Ordinal);
    }

    private static string Relabel(string dated, string format) => format switch
    {
        "csv" => dated.Replace("\n2026-03,", "\nall,", StringComparison.Ordinal),
        "markdown" => dated.Replace("| 2026-03 |", "| all |", StringComparison.Ordinal),
        _ => Squeeze(dated.Replace("2026-03", "all", StringComparison.Ordinal)),
    };

    /// <summary>The table's alignment depends on the period column's width: compared with runs of spaces and rules as one.</summary>
    private static string Squeeze(string table) => System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(table, "-{2,}", "-"), " {2,}", " ");
}
