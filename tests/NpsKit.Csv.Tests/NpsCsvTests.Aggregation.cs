using NpsKit.Aggregation;
using NpsKit.TestUtilities;
using static NpsKit.Csv.Tests.CsvTestHelpers;

namespace NpsKit.Csv.Tests;

public partial class NpsCsvTests
{
    private static string SampleData => Path.Combine(ApiConventions.RepoRoot(), "samples", "data", "responses.csv");

    private static readonly AggregationOptions Monthly = new() { TimeZoneId = "Europe/Copenhagen", Period = PeriodUnit.Month };

    [Fact]
    public void ReadCube_BundledSample_EqualsTableThenCubeAndTallyTotal()
    {
        CsvCubeResult streamed = NpsCsv.ReadCube(SampleData, Segmentation.Hierarchy("region", "department"), Monthly);
        CsvTableResult table = NpsCsv.ReadTable(SampleData);
        NpsCube fromTable = NpsCube.FromTable(table.Table, Segmentation.Hierarchy("region", "department"), Monthly);

        Assert.Equal(20_000, streamed.Report.RowsAccepted);
        Assert.Equal(NpsCsv.ReadTally(SampleData).Tally, streamed.Cube.Total);
        Assert.Equal(fromTable.Periods, streamed.Cube.Periods);
        Assert.Equal(fromTable.Segments, streamed.Cube.Segments);
        Assert.Equal(fromTable.Cells(), streamed.Cube.Cells());
        Assert.Equal(["region", "department", "touchpoint", "channel"], table.Table.Dimensions);
        Assert.Equal(25, streamed.Cube.Periods.Count); // Nov 2024 .. Oct 2026 UTC spans 25 Copenhagen months at the edges
    }

    [Fact]
    public void ReadCube_WeightColumn_GivesAWeightedCubeThatAgreesWithTheTallyAndTheTable()
    {
        const string csv = "submitted_at,score,region,weight\n"
            + "2026-03-02T10:00:00Z,10,North,2\n"
            + "2026-03-03T10:00:00Z,9,North,1.5\n"
            + "2026-03-04T10:00:00Z,3,South,0.5\n"
            + "2026-04-02T10:00:00Z,7,South,1\n";
        CsvCubeResult cube = NpsCsv.ReadCube(new StringReader(csv), Segmentation.By("region"), Monthly);
        CsvTallyResult tally = NpsCsv.ReadTally(new StringReader(csv));
        NpsCube fromTable = NpsCube.FromTable(NpsCsv.ReadTable(new StringReader(csv)).Table, Segmentation.By("region"), Monthly);

        Assert.True(cube.Cube.IsWeighted);
        Assert.Equal(tally.Weighted!.Value.Score, cube.Cube.WeightedTotal.Score, 12);
        Assert.Equal(100.0 * (3.5 - 0.5) / 5.0, cube.Cube.WeightedTotal.Score, 12);
        Assert.Equal(fromTable.WeightedTally(SegmentPath.Of("region", "South")), cube.Cube.WeightedTally(SegmentPath.Of("region", "South")));
    }

    [Fact]
    public void ReadCube_LateUtcOnMarch31_BelongsToAprilInCopenhagen()
    {
        var result = Read("submitted_at,score,team\n2026-03-31T23:30:00Z,9,A\n2026-03-31T21:30:00Z,3,A\n");
        Assert.Equal(2, result.Report.RowsAccepted);
        CsvCubeResult cube = NpsCsv.ReadCube(new StringReader("submitted_at,score,team\n2026-03-31T23:30:00Z,9,A\n2026-03-31T21:30:00Z,3,A\n"), Segmentation.By("team"), Monthly);
        Assert.Equal(["2026-03", "2026-04"], cube.Cube.Periods.Select(p => p.ToString()));
        Assert.Equal(NpsTally.FromScores([9]), cube.Cube.Tally(cube.Cube.Periods[1], SegmentPath.Total));
    }

    [Fact]
    public void ReadCube_UnknownDimensionOrNoTime_ThrowsNamingColumns()
    {
        var ex = Assert.Throws<NpsDataException>(() => NpsCsv.ReadCube(new StringReader("submitted_at,score,team\n2026-01-01T00:00:00Z,9,A\n"), Segmentation.By("region")));
        Assert.Contains("'region'", ex.Message);
        Assert.Contains("'team'", ex.Message);
        var noTime = Assert.Throws<NpsDataException>(() => NpsCsv.ReadCube(new StringReader("score,team\n9,A\n"), Segmentation.By("team")));
        Assert.Contains("time column", noTime.Message);
    }

    [Fact]
    public void ReadCube_Lenient_BadRowsReportedAndRestAggregated()
    {
        var cube = NpsCsv.ReadCube(
            new StringReader("submitted_at,score,team\n2026-01-01T00:00:00Z,9,A\nnot a date,9,A\n2026-01-02T00:00:00Z,11,B\n2026-01-03T00:00:00Z,0,B\n"),
            Segmentation.By("team"),
            options: Lenient);
        Assert.Equal(2, cube.Cube.Total.Count);
        Assert.Equal([3L, 4L], cube.Report.BadRows.Select(b => b.LineNumber));
    }

    [Fact]
    public void ReadTable_KeepsRespondentsWeightsAndComments()
    {
        var result = NpsCsv.ReadTable(new StringReader("id,submitted_at,score,weight,comment,team\nC1,2026-01-01T00:00:00Z,9,2,Great service,A\nC2,2026-01-02T00:00:00Z,3,0.5,,B\n"));
        ResponseTable t = result.Table;
        Assert.Equal(2, t.Count);
        Assert.Equal(["team"], t.Dimensions);
        SurveyResponse first = t.GetResponse(0);
        Assert.Equal("C1", first.RespondentId);
        Assert.Equal(2.0, first.Weight);
        Assert.Equal("Great service", first.Comment);
        Assert.Null(t.GetResponse(1).Comment);
    }

    [Fact]
    public void DuplicatePeriod_Month_RepeatsInOtherMonthsAreNotDuplicates()
    {
        string text = "respondent,submitted_at,score\nA,2026-01-05T00:00:00Z,3\nA,2026-01-20T00:00:00Z,9\nA,2026-02-05T00:00:00Z,10\n";
        var options = new CsvReadOptions { Duplicates = DuplicatePolicy.KeepFirst, DuplicatePeriod = PeriodUnit.Month, Mode = CsvReadMode.Lenient, TimeZone = "Europe/Copenhagen" };
        var result = Read(text, options);
        Assert.Equal(NpsTally.FromScores([3, 10]), result.Tally);
        Assert.Equal(3, Assert.Single(result.Report.BadRows).LineNumber);
    }

    [Fact]
    public void WriteCube_AndWriteSeries_OneRowPerCellWithDimensionColumns()
    {
        CsvCubeResult result = NpsCsv.ReadCube(SampleData, Segmentation.By("department"), Monthly with { Period = PeriodUnit.Quarter });
        var output = new StringWriter();
        NpsCsv.WriteCube(output, result.Cube);
        string[] lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal("period,segment,department,n,promoters,passives,detractors,promoter_share,passive_share,detractor_share,nps,below_minimum", lines[0]);
        Assert.Equal(1 + (result.Cube.Periods.Count * result.Cube.Segments.Count), lines.Length);
        Assert.StartsWith("2024-Q4,department=Billing,Billing,", lines[1]);

        var series = new StringWriter();
        NpsCsv.WriteSeries(series, result.Cube.Series(SegmentPath.Of("department", "Sales")));
        string[] seriesLines = series.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(1 + result.Cube.Periods.Count, seriesLines.Length);
        Assert.All(seriesLines.Skip(1), l => Assert.Contains(",department=Sales,Sales,", "," + l));
    }
}
