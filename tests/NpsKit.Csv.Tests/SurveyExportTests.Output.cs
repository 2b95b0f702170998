using NpsKit.Aggregation;

namespace NpsKit.Csv.Tests;

/// <summary>Issue #13 item 8: what NpsKit writes cannot run as a formula or break a table.</summary>
public sealed class SurveyExportOutputTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("\n=1+1")]
    [InlineData("+1")]
    [InlineData("@SUM(A1)")]
    public void WriteTallies_NeutralisesFormulas_IncludingThoseLedByCrLfOrTab(string key)
    {
        var output = new StringWriter();
        NpsCsv.WriteTallies(output, [new KeyValuePair<string, NpsTally>(key, NpsTally.FromScores([9]))]);
        string body = output.ToString().Split('\n', 2)[1];
        Assert.True(body.StartsWith("\"'", StringComparison.Ordinal) || body.StartsWith('\''), body);
    }

    [Fact]
    public void WriteCube_NeverWritesTwoColumnsWithTheSameHeader()
    {
        var builder = new NpsCubeBuilder(Segmentation.CrossTab("n", "period", "N"), new AggregationOptions { Period = PeriodUnit.Month });
        builder.Add(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), 9, ["a", "b", "c"]);
        var output = new StringWriter();
        NpsCsv.WriteCube(output, builder.ToCube());
        string[] header = output.ToString().Split('\n')[0].TrimEnd('\r').Split(',');
        Assert.Equal(header.Length, header.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("dimension_n", header);
        Assert.Contains("dimension_period", header);
        Assert.Contains("dimension_N_2", header);
    }
}
