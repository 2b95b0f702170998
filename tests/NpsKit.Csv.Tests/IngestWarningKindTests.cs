using System.Text;
using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

/// <summary>Issue #13: each warning of <see cref="IngestReport.Warnings"/> carries its <see cref="IngestWarningKind"/>, so
/// the CLI (and any application) acts on the kind instead of matching the message's first words.</summary>
public sealed class IngestWarningKindTests
{
    private static readonly AggregationOptions Monthly = new() { Period = PeriodUnit.Month, TimeZoneId = "Etc/UTC", MinimumCount = 0 };

    [Fact]
    public void Windows1252FileWithoutATimeColumn_WarnsDetectedEncodingAndNoTimeColumn()
    {
        byte[] bytes = EncodingStageTestData.Windows1252("score,city\n9,København\n7,Århus\n");

        CsvCubeResult result = NpsCsv.ReadCube(new MemoryStream(bytes), Segmentation.By("city"), Monthly, new CsvReadOptions { UndatedDay = new DateOnly(2026, 5, 17) }, "dk.csv");

        Assert.Equal([IngestWarningKind.NoTimeColumn, IngestWarningKind.DetectedEncoding], result.Report.Warnings.Select(w => w.Kind));
        IngestWarning encoding = result.Report.Warnings[1];
        Assert.StartsWith("dk.csv was read as windows-1252: ", encoding.Message, StringComparison.Ordinal);
        Assert.Equal(encoding.Message, encoding.ToString());
        Assert.Contains("2026-05-17", result.Report.Warnings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QualtricsGroupsOnly_InAnotherZone_WarnsDeclaredTimeZoneAndGroupOnly()
    {
        string path = Path.Combine(SurveyCorpusFile.Folder, "qualtrics", "qualtrics_groups_only.csv");

        CsvCubeResult result = NpsCsv.ReadCube(path, Segmentation.Total, Monthly, new CsvReadOptions { TimeZone = "Europe/Copenhagen" });

        Assert.Equal([IngestWarningKind.DeclaredTimeZone, IngestWarningKind.GroupOnly], result.Report.Warnings.Select(w => w.Kind));
        Assert.Contains("America/Denver", result.Report.Warnings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplacementCharacters_AreTheirOwnKind()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("score,city\n9,K\uFFFDbenhavn\n");

        CsvTallyResult result = NpsCsv.ReadTally(new MemoryStream(bytes));

        Assert.Equal(IngestWarningKind.ReplacementCharacters, Assert.Single(result.Report.Warnings).Kind);
    }
}
