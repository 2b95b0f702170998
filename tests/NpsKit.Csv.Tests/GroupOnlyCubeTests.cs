using System.Globalization;
using System.Text;
using FsCheck.Fluent;
using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

/// <summary>Issue #13 item 2: a file with only the NPS group (Promoter / Passive / Detractor, <c>Q1_NPS_GROUP</c>) reads
/// into a category-only cube — per period and segment, with the statistics that need only the three counts, and no 0–10
/// histogram. Issue #18: a file without a time column reads into a single-period cube when
/// <see cref="CsvReadOptions.UndatedDay"/> is set.</summary>
public sealed class GroupOnlyCubeTests
{
    private static readonly AggregationOptions Monthly = new() { Period = PeriodUnit.Month, TimeZoneId = "Etc/UTC", MinimumCount = 0 };

    private static string GroupsOnlyFile => Path.Combine(SurveyCorpusFile.Folder, "qualtrics", "qualtrics_groups_only.csv");

    /// <summary>The counts make_corpus.py computed per UTC month and region from the answers it wrote.</summary>
    private static IReadOnlyList<(string Month, string Region, long Promoters, long Passives, long Detractors)> Expected() =>
        [.. File.ReadAllLines(Path.Combine(SurveyCorpusFile.Folder, "qualtrics", "expected_groups_only.csv")).Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .Select(f => (f[0], f[1], long.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture)))];

    [Theory]
    [InlineData(CsvReadMode.Strict)]
    [InlineData(CsvReadMode.Lenient)]
    public void QualtricsGroupsOnly_ByMonthAndRegion_MatchesTheCorpusCounts(CsvReadMode mode)
    {
        CsvCubeResult result = NpsCsv.ReadCube(GroupsOnlyFile, Segmentation.By("Region"), Monthly, new CsvReadOptions { Mode = mode });
        NpsCube cube = result.Cube;

        Assert.False(cube.HasScoreDetail);
        Assert.Equal(["2026-02", "2026-03", "2026-04"], cube.Periods.Select(p => p.ToString()));
        Assert.Equal(NpsTally.FromCounts(15, 14, 9), cube.Total);
        Assert.Equal(2, result.Report.NonResponses);
        Assert.Empty(result.Report.BadRows);
        var expected = Expected();
        foreach ((string month, string region, long p, long q, long d) in expected)
        {
            NpsTally cell = cube.Tally(ReportingPeriod.Parse(month), SegmentPath.Of("Region", region));
            Assert.Equal(NpsTally.FromCounts(p, q, d), cell);
            Assert.Equal(100.0 * (p - d) / (p + q + d), cell.Score, 10);
        }

        // Known answers, by hand from expected_groups_only.csv: 2026-03 is 8 promoters, 9 passives, 4 detractors (n 21,
        // NPS +19.05); South over all months is 6 / 7 / 2 (n 15, NPS +26.67).
        NpsTally march = cube.Tally(ReportingPeriod.Parse("2026-03"), SegmentPath.Total);
        Assert.Equal(21, march.Count);
        Assert.Equal(100.0 * 4 / 21, march.Score, 10);
        NpsTally south = cube.Tally(SegmentPath.Of("Region", "South"));
        Assert.Equal(NpsTally.FromCounts(6, 7, 2), south);
        Assert.Equal(100.0 * 4 / 15, south.Score, 10);

        // Every cell of the cube is one of the corpus's cells or empty.
        foreach (NpsCell cell in cube.Cells().Where(c => c.Tally.Count > 0))
        {
            Assert.Contains(expected, e => e.Month == cell.Period.ToString() && e.Region == cell.Segment.ValueAt(0));
        }
    }

    [Fact]
    public void GroupOnlyCube_HasNoHistogram_NeverAnInventedScore()
    {
        NpsCube cube = NpsCsv.ReadCube(GroupsOnlyFile, Segmentation.By("Region"), Monthly).Cube;

        foreach (NpsTally tally in cube.Cells().Select(c => c.Tally).Append(cube.Total).Where(t => t.Count > 0))
        {
            Assert.False(tally.HasScoreDetail);
            Assert.False(tally.TryCopyHistogramTo(new long[11]));
            Assert.False(tally.TryGetMeanScore(out _));
            Assert.Throws<InvalidOperationException>(() => tally.MeanScore);
            // A single score's count is unknown in every category that has answers (a category without any is known: 0).
            Assert.Equal(tally.Promoters > 0, Throws(() => tally.CountOf(10)));
            Assert.Equal(tally.Passives > 0, Throws(() => tally.CountOf(8)));
            Assert.Equal(tally.Detractors > 0, Throws(() => tally.CountOf(0)));
        }

        // Intervals and tests need only the three counts: they are there.
        NpsSeries series = cube.Series();
        Assert.All(series.Points, p => Assert.True(p.Tally.ConfidenceInterval(0.95).Upper > p.Tally.Score));
        Assert.Equal(2, series.Changes().Count(c => c.HasDifference));
        Assert.Contains("by category only", cube.ToString(), StringComparison.Ordinal);
    }

    private static bool Throws(Func<long> read)
    {
        try
        {
            _ = read();
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    [Fact]
    public void QualtricsGroupsOnly_SameCellsAsTheExportWithScores_ReducedToCategories()
    {
        string withScores = Path.Combine(SurveyCorpusFile.Folder, "qualtrics", "qualtrics_numeric.csv");
        NpsCube scores = NpsCsv.ReadCube(withScores, Segmentation.By("Region"), Monthly).Cube;
        NpsCube groups = NpsCsv.ReadCube(GroupsOnlyFile, Segmentation.By("Region"), Monthly).Cube;

        Assert.True(scores.HasScoreDetail);
        Assert.Equal(scores.ToCategoryOnly().Cells(), groups.Cells());
    }

    /// <summary>Any table of answers, written once with 0–10 scores and once with only each answer's NPS group, reads
    /// back to the same category counts in every period × segment cell — and to equal cubes once the scores are reduced.</summary>
    [Fact]
    public void ScoreFile_AndTheSameFileReducedToGroups_GiveIdenticalTalliesPerCell() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Zip(Gen.Choose(0, 60), Gen.Choose(0, int.MaxValue))), input =>
        {
            (int n, int seed) = input;
            var rng = new Random(seed);
            string[] labels = ["Promoter", "Passive", "Detractor", "promoters (9-10)", "Passives", "DETRACTOR"];
            var scores = new StringBuilder("id,submitted_at,score,region\n");
            var groups = new StringBuilder("id,submitted_at,nps_group,region\n");
            for (int i = 0; i < n; i++)
            {
                int score = rng.Next(11);
                string time = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(rng.Next(200 * 24 * 60)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                string region = rng.Next(3) switch { 0 => "North", 1 => "South", _ => "East" };
                string label = Nps.Classify(score) switch
                {
                    NpsCategory.Promoter => labels[rng.Next(2) == 0 ? 0 : 3],
                    NpsCategory.Passive => labels[rng.Next(2) == 0 ? 1 : 4],
                    _ => labels[rng.Next(2) == 0 ? 2 : 5],
                };
                scores.Append(CultureInfo.InvariantCulture, $"{i},{time},{score},{region}\n");
                groups.Append(CultureInfo.InvariantCulture, $"{i},{time},{label},{region}\n");
            }

            NpsCube byScore = NpsCsv.ReadCube(new StringReader(scores.ToString()), Segmentation.By("region"), Monthly).Cube;
            NpsCube byGroup = NpsCsv.ReadCube(new StringReader(groups.ToString()), Segmentation.By("region"), Monthly).Cube;
            bool sameCounts = byScore.Cells().Zip(byGroup.Cells()).All(pair =>
                pair.First.Period == pair.Second.Period && pair.First.Segment == pair.Second.Segment
                && pair.First.Tally.Promoters == pair.Second.Tally.Promoters && pair.First.Tally.Passives == pair.Second.Tally.Passives
                && pair.First.Tally.Detractors == pair.Second.Tally.Detractors
                && (pair.First.Tally.Count == 0 || pair.First.Tally.Score == pair.Second.Tally.Score));
            return (n == 0 || !byGroup.HasScoreDetail)
                && byScore.Cells().Count() == byGroup.Cells().Count()
                && sameCounts
                && byScore.ToCategoryOnly().Cells().SequenceEqual(byGroup.Cells())
                && byScore.Total.Promoters == byGroup.Total.Promoters && byScore.Total.Detractors == byGroup.Total.Detractors;
        }),
        maxTest: 60);

    [Fact]
    public void GroupOnly_BadGroup_StrictThrowsWithTheLine_LenientSkipsOnlyThatRow()
    {
        const string csv = "id,submitted_at,nps_group,region\n1,2026-03-01T10:00:00Z,Promoter,N\n2,2026-03-02T10:00:00Z,Maybe,N\n3,2026-04-01T10:00:00Z,Detractor,S\n";

        NpsDataException strict = Assert.Throws<NpsDataException>(() => NpsCsv.ReadCube(new StringReader(csv), Segmentation.By("region"), Monthly));
        Assert.Equal(3, strict.BadRow?.LineNumber);
        Assert.Equal(BadRowReason.InvalidGroup, strict.BadRow?.Reason);

        CsvCubeResult lenient = NpsCsv.ReadCube(new StringReader(csv), Segmentation.By("region"), Monthly, CsvTestHelpers.Lenient);
        Assert.False(lenient.Cube.HasScoreDetail);
        Assert.Equal(NpsTally.FromCounts(1, 0, 1), lenient.Cube.Total);
        Assert.Equal(BadRowReason.InvalidGroup, Assert.Single(lenient.Report.BadRows).Reason);
        Assert.Equal(NpsTally.FromCounts(1, 0, 0), lenient.Cube.Tally(ReportingPeriod.Parse("2026-03"), SegmentPath.Of("region", "N")));
    }

    [Fact]
    public void GroupOnly_Table_IsRefusedNamingTheCube_AndWeightsAreRefused()
    {
        const string csv = "id,submitted_at,nps_group\n1,2026-03-01T10:00:00Z,Promoter\n";
        NpsDataException table = Assert.Throws<NpsDataException>(() => NpsCsv.ReadTable(new StringReader(csv)));
        Assert.Equal(NpsDataProblem.GroupsWithoutScore, table.Kind);
        Assert.Contains("ReadCube", table.Message, StringComparison.Ordinal);

        const string weighted = "id,submitted_at,nps_group,weight\n1,2026-03-01T10:00:00Z,Promoter,1.5\n";
        NpsDataException cube = Assert.Throws<NpsDataException>(() => NpsCsv.ReadCube(new StringReader(weighted)));
        Assert.Contains("weight", cube.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupOnlyCube_LargeFileReadInParallel_EqualsTheSerialRead()
    {
        var text = new StringBuilder("id,submitted_at,nps_group,region\n");
        var rng = new Random(18);
        string[] groups = ["Promoter", "Passive", "Detractor"];
        for (int i = 0; i < 120_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},2026-{1 + rng.Next(12):00}-{1 + rng.Next(28):00}T10:00:00Z,{groups[rng.Next(3)]},region-{rng.Next(20)}\n");
        }

        string path = Path.Combine(Path.GetTempPath(), $"npskit-groups-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text.ToString());
        try
        {
            Assert.True(new FileInfo(path).Length > 4 << 20); // large enough to be read in parts
            NpsCube parallel = NpsCsv.ReadCube(path, Segmentation.By("region"), Monthly with { MaxDegreeOfParallelism = 2 }).Cube;
            NpsCube serial = NpsCsv.ReadCube(path, Segmentation.By("region"), Monthly with { MaxDegreeOfParallelism = 1 }).Cube;
            Assert.False(parallel.HasScoreDetail);
            Assert.Equal(serial.Cells(), parallel.Cells());
            Assert.Equal(120_000, parallel.Total.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NoTimeColumn_Cube_IsRefusedByDefault_NamingBothOptions()
    {
        const string csv = "id,score,region\n1,10,N\n2,3,S\n";

        NpsDataException e = Assert.Throws<NpsDataException>(() => NpsCsv.ReadCube(new StringReader(csv), Segmentation.By("region")));

        Assert.Equal(NpsDataProblem.NoTimeColumn, e.Kind);
        Assert.Contains("Mapping.Time", e.Message, StringComparison.Ordinal);
        Assert.Contains("UndatedDay", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,score,region\n1,10,N\n2,3,S\n3,9,N\n4,7,S\n5,2,N\n", true)]
    [InlineData("id,nps_group,region\n1,Promoter,N\n2,Detractor,S\n3,Promoter,N\n4,Passive,S\n5,Detractor,N\n", false)]
    public void NoTimeColumn_WithUndatedDay_IsASinglePeriodCube_BySegment(string csv, bool scores)
    {
        var options = new CsvReadOptions { UndatedDay = new DateOnly(2026, 5, 17) };
        var zoned = Monthly with { TimeZoneId = "Pacific/Kiritimati" }; // UTC+14: the day is placed in the reporting zone

        CsvCubeResult result = NpsCsv.ReadCube(new StringReader(csv), Segmentation.By("region"), zoned, options);

        Assert.Equal("2026-05", Assert.Single(result.Cube.Periods).ToString());
        Assert.Equal(scores, result.Cube.HasScoreDetail);
        Assert.Equal(5, result.Cube.Total.Count);
        Assert.Equal((2, 0, 1), (result.Cube.Tally(SegmentPath.Of("region", "N")).Promoters, result.Cube.Tally(SegmentPath.Of("region", "N")).Passives, result.Cube.Tally(SegmentPath.Of("region", "N")).Detractors));
        Assert.Equal((0, 1, 1), (result.Cube.Tally(SegmentPath.Of("region", "S")).Promoters, result.Cube.Tally(SegmentPath.Of("region", "S")).Passives, result.Cube.Tally(SegmentPath.Of("region", "S")).Detractors));
        Assert.Equal(new DateOnly(2026, 5, 17), result.Report.UndatedDay);
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("no time column", StringComparison.Ordinal) && w.Message.Contains("2026-05-17", StringComparison.Ordinal));
    }

    [Fact]
    public void UndatedDay_IsNotUsed_WhenTheFileHasATimeColumn()
    {
        const string csv = "id,submitted_at,score\n1,2026-03-01T10:00:00Z,10\n2,,9\n";
        var options = new CsvReadOptions { UndatedDay = new DateOnly(2026, 5, 17), Mode = CsvReadMode.Lenient };

        CsvCubeResult result = NpsCsv.ReadCube(new StringReader(csv), null, Monthly, options);

        Assert.Equal("2026-03", Assert.Single(result.Cube.Periods).ToString());
        Assert.Single(result.Report.BadRows); // a blank time stays a bad row
        Assert.Null(result.Report.UndatedDay);
    }
}
