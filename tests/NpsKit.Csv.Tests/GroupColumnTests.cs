using NpsKit.Aggregation;
using static NpsKit.Csv.Tests.CsvTestHelpers;

namespace NpsKit.Csv.Tests;

/// <summary>Issue #13 item 2: exports that carry only the NPS group (Promoter / Passive / Detractor) are counted by group
/// with <see cref="NpsTally.FromCounts"/>; where a score sits beside the group, the two must agree.</summary>
public sealed class GroupColumnTests
{
    [Fact]
    public void GroupOnlyFile_IsCountedByGroup_WithTheStatisticsThatNeedNoScore()
    {
        const string csv = """
            ResponseId,RecordedDate,Q1_NPS_GROUP,Region
            R1,2026-03-01T10:00:00Z,Promoter,North
            R2,2026-03-01T10:00:00Z,Promoter,South
            R3,2026-03-02T10:00:00Z,Passive,North
            R4,2026-03-02T10:00:00Z,Detractor,North
            R5,2026-03-03T10:00:00Z,,North
            R6,2026-03-03T10:00:00Z,promoters (9-10),South
            """;

        CsvTallyResult result = Read(csv);

        Assert.False(result.Tally.HasScoreDetail);
        Assert.Equal(NpsTally.FromCounts(promoters: 3, passives: 1, detractors: 1), result.Tally);
        Assert.Equal(40, result.Tally.Score, 10);
        NpsInterval ci = result.Tally.ConfidenceInterval(0.95);
        Assert.True(ci.Lower < 40 && ci.Upper > 40);
        Assert.Throws<InvalidOperationException>(() => result.Tally.MeanScore); // the 0-10 mean is unknown, never guessed
        Assert.Equal("Q1_NPS_GROUP", result.Report.Columns["group"]);
        Assert.False(result.Report.Columns.ContainsKey("score"));
        Assert.Equal(1, result.Report.NonResponses); // a blank group is a skipped question
        Assert.DoesNotContain("Q1_NPS_GROUP", result.Report.SegmentColumns);
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("only each answer's NPS group", StringComparison.Ordinal) && w.Message.Contains("0-10 distribution", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Promotorer", "Passive", "Kritikere")] // Danish / Norwegian
    [InlineData("Promotorer", "Passiva", "Belackare")] // Swedish
    [InlineData("Promotoren", "Indifferente", "Detraktoren")] // German
    [InlineData("Promotors", "Passieven", "Criticasters")] // Dutch
    [InlineData("Promoteurs", "Passifs", "Détracteurs")] // French
    [InlineData("Promotores", "Pasivos", "Detractores")] // Spanish
    [InlineData("Promotores", "Neutros", "Detratores")] // Portuguese
    [InlineData("Promotori", "Passivi", "Detrattori")] // Italian
    [InlineData("Suosittelijat", "Passiiviset", "Arvostelijat")] // Finnish
    [InlineData("Promotorzy", "Pasywni", "Krytycy")] // Polish
    public void GroupNames_InEveryLanguageOfTheRecommendQuestion(string promoter, string passive, string detractor)
    {
        string csv = $"id,nps_category\n1,{promoter}\n2,{promoter}\n3,{passive}\n4,{detractor}\n";

        Assert.Equal(NpsTally.FromCounts(2, 1, 1), Read(csv).Tally);
    }

    [Fact]
    public void GroupColumn_NamedByOption()
    {
        const string csv = "id,Kategori\n1,Promotor\n2,Kritiker\n";

        Assert.Throws<NpsDataException>(() => Read(csv)); // no score, no group name the reader knows
        var options = new CsvReadOptions { Mapping = new CsvResponseMapping { Group = "Kategori" } };
        Assert.Equal(NpsTally.FromCounts(1, 0, 1), Read(csv, options).Tally);
        NpsDataException missing = Assert.Throws<NpsDataException>(() => Read(csv, new CsvReadOptions { Mapping = new CsvResponseMapping { Group = "Gruppe" } }));
        Assert.Contains("group column 'Gruppe'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("'Kategori'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupOnly_UnknownGroup_IsABadRow_StrictThrows_LenientReports()
    {
        const string csv = "id,nps_group\n1,Promoter\n2,Fan\n3,Detractor\n";

        NpsDataException strict = Assert.Throws<NpsDataException>(() => Read(csv));
        Assert.Equal(BadRowReason.InvalidGroup, strict.BadRow!.Reason);
        Assert.Equal(3, strict.BadRow.LineNumber);
        CsvTallyResult lenient = Read(csv, Lenient);
        Assert.Equal(NpsTally.FromCounts(1, 0, 1), lenient.Tally);
        BadRow bad = Assert.Single(lenient.Report.BadRows);
        Assert.Equal("nps_group", bad.Column);
        Assert.Contains("Promoter, Passive or Detractor", bad.Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupOnly_Cube_IsCountedByCategory_TheTableIsRefusedNamingWhatCannotBeKept()
    {
        const string csv = "id,submitted_at,nps_group\n1,2026-03-01T10:00:00Z,Promoter\n";

        // Before, the cube was refused as well (only the total could be read); see GroupOnlyCubeTests.
        NpsCube cube = NpsCsv.ReadCube(new StringReader(csv)).Cube;
        Assert.False(cube.HasScoreDetail);
        Assert.Equal(NpsTally.FromCounts(1, 0, 0), cube.Total);
        NpsDataException table = Assert.Throws<NpsDataException>(() => NpsCsv.ReadTable(new StringReader(csv)));
        Assert.Contains("only NPS groups", table.Message, StringComparison.Ordinal);
        Assert.Contains("0-10 score", table.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupOnly_WithWeights_IsRefused()
    {
        const string csv = "id,nps_group,weight\n1,Promoter,1.5\n";

        NpsDataException e = Assert.Throws<NpsDataException>(() => Read(csv));
        Assert.Contains("weight", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreAndGroup_Agree_AreCountedByScore_AndTheGroupIsNoSegment()
    {
        const string csv = "id,score,nps_group,region\n1,10,Promoter,N\n2,7,Passive,N\n3,6,Detractor,S\n4,,,S\n";

        CsvTallyResult result = Read(csv);

        Assert.True(result.Tally.HasScoreDetail);
        Assert.Equal(NpsTally.FromScores([10, 7, 6]), result.Tally);
        Assert.Equal("nps_group", result.Report.Columns["group"]);
        Assert.Equal(["region"], result.Report.SegmentColumns);
        Assert.Equal(1, result.Report.NonResponses);
    }

    [Fact]
    public void ScoreAndGroup_Disagree_EveryDisagreeingRowIsReported_NoneCounted()
    {
        const string csv = "id,score,nps_group\n1,10,Promoter\n2,6,Promoter\n3,9,Passive\n4,,Detractor\n5,8,Passive\n6,3,Kritiker\n";

        NpsDataException strict = Assert.Throws<NpsDataException>(() => Read(csv));
        Assert.Equal(BadRowReason.GroupMismatch, strict.BadRow!.Reason);
        Assert.Equal(3, strict.BadRow.LineNumber);

        CsvTallyResult lenient = Read(csv, Lenient);
        Assert.Equal(NpsTally.FromScores([10, 8, 3]), lenient.Tally);
        Assert.Equal([3L, 4L, 5L], lenient.Report.BadRows.Select(b => b.LineNumber));
        Assert.All(lenient.Report.BadRows, b => Assert.Equal(BadRowReason.GroupMismatch, b.Reason));
        Assert.Contains("score 6", lenient.Report.BadRows[0].Allowed, StringComparison.Ordinal);
        Assert.Contains("blank score", lenient.Report.BadRows[2].Allowed, StringComparison.Ordinal);
        Assert.Equal(lenient.Report.RowsRead, lenient.Report.RowsAccepted + lenient.Report.RowsRejected + lenient.Report.NonResponses);
    }

    [Fact]
    public void QualtricsGroupOnlyExport_ThreeHeaderRows_CountedByGroup()
    {
        const string csv = """
            StartDate,EndDate,Status,RecordedDate,ResponseId,Q1_NPS_GROUP
            Start Date,End Date,Response Type,Recorded Date,Response ID,How likely are you to recommend us? - Group
            "{""ImportId"":""startDate"",""timeZone"":""UTC""}","{""ImportId"":""endDate"",""timeZone"":""UTC""}","{""ImportId"":""status""}","{""ImportId"":""recordedDate"",""timeZone"":""UTC""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1_NPS_GROUP""}"
            2026-03-01 10:00:00,2026-03-01 10:02:00,IP Address,2026-03-01 10:02:00,R_1,Promoter
            2026-03-01 11:00:00,2026-03-01 11:02:00,IP Address,2026-03-01 11:02:00,R_2,Detractor
            """;

        CsvTallyResult result = Read(csv);

        Assert.Equal(SurveySource.Qualtrics, result.Report.SurveySource);
        Assert.Equal(3, result.Report.HeaderRows);
        Assert.Equal(NpsTally.FromCounts(1, 0, 1), result.Tally);
    }
}

/// <summary>Laws of the group column (FsCheck, seeded by <see cref="NpsKit.TestUtilities.PropertyRunner"/>).</summary>
public sealed class GroupColumnProperties
{
    private static readonly string[][] Words =
    [
        ["Detractor", "Kritiker", "Détracteur", "detractores"],
        ["Passive", "Passiv", "Passif", "neutro"],
        ["Promoter", "Promotor", "Promoteur", "promotores"],
    ];

    /// <summary>For any scores with groups written beside them, some of them wrong: the tally is exactly that of the rows
    /// whose group is right, every wrong row is reported at its line as <see cref="BadRowReason.GroupMismatch"/>, and
    /// the file read by its groups alone gives the same NPS and group counts as its scores.</summary>
    [Fact]
    public void GroupBesideScore_OnlyDisagreeingRowsAreRejected_AndGroupsAloneGiveTheSameNps() => NpsKit.TestUtilities.PropertyRunner.Check(
        FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Zip(FsCheck.Fluent.Gen.Choose(1, 60), FsCheck.Fluent.Gen.Choose(0, int.MaxValue))), input =>
        {
            (int n, int seed) = input;
            var rng = new Random(seed);
            var scores = Enumerable.Range(0, n).Select(_ => rng.Next(11)).ToArray();
            var wrong = Enumerable.Range(0, n).Select(_ => rng.Next(5) == 0).ToArray();
            string GroupOf(int i)
            {
                int g = (int)Nps.Classify(scores[i]);
                int written = wrong[i] ? (g + 1 + rng.Next(2)) % 3 : g;
                string[] words = Words[written];
                return words[rng.Next(words.Length)];
            }

            string[] groups = Enumerable.Range(0, n).Select(GroupOf).ToArray();
            string both = "id,score,nps_group\n" + string.Join('\n', Enumerable.Range(0, n).Select(i => $"{i},{scores[i]},{groups[i]}")) + "\n";
            CsvTallyResult lenient = NpsCsv.ReadTally(new StringReader(both), new CsvReadOptions { Mode = CsvReadMode.Lenient });
            long[] expectedLines = Enumerable.Range(0, n).Where(i => wrong[i]).Select(i => (long)i + 2).ToArray();
            bool rejectedExactly = lenient.Report.BadRows.Select(b => b.LineNumber).SequenceEqual(expectedLines)
                && lenient.Report.BadRows.All(b => b.Reason == BadRowReason.GroupMismatch);
            bool talliedExactly = lenient.Tally == NpsTally.FromScores(Enumerable.Range(0, n).Where(i => !wrong[i]).Select(i => scores[i]));

            string groupsOnly = "id,nps_group\n" + string.Join('\n', Enumerable.Range(0, n).Where(i => !wrong[i]).Select(i => $"{i},{groups[i]}")) + "\n";
            NpsTally byGroup = NpsCsv.ReadTally(new StringReader(groupsOnly)).Tally;
            bool sameNps = byGroup.Promoters == lenient.Tally.Promoters && byGroup.Passives == lenient.Tally.Passives
                && byGroup.Detractors == lenient.Tally.Detractors && (byGroup.Count == 0 || !byGroup.HasScoreDetail);
            return rejectedExactly && talliedExactly && sameNps;
        }));
}
