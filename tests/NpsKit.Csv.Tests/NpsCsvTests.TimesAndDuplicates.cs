using NpsKit.TestUtilities;
using static NpsKit.Csv.Tests.CsvTestHelpers;

namespace NpsKit.Csv.Tests;

public partial class NpsCsvTests
{
    private static readonly CsvReadOptions Copenhagen = new() { TimeZone = "Europe/Copenhagen" };

    private static long Utc(int y, int mo, int d, int h, int mi) => new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc).Ticks;

    [Theory]
    [InlineData("2026-01-15 12:00", 2026, 1, 15, 11, 0)]   // CET, UTC+1
    [InlineData("2026-07-15 12:00", 2026, 7, 15, 10, 0)]   // CEST, UTC+2
    [InlineData("2026-03-29 02:30", 2026, 3, 29, 1, 30)]   // skipped hour: read as 03:30 CEST
    [InlineData("2026-10-25 02:30", 2026, 10, 25, 0, 30)]  // repeated hour: first occurrence (CEST)
    [InlineData("2026-03-31", 2026, 3, 30, 22, 0)]         // date only: local midnight
    public void TimeParser_LocalTimesInCopenhagen_FollowDstRules(string local, int y, int mo, int d, int h, int mi)
    {
        var parser = new Internal.TimeParser(TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Null(parser.Parse(System.Text.Encoding.UTF8.GetBytes(local), out long ticks));
        Assert.Equal(Utc(y, mo, d, h, mi), ticks);
    }

    [Fact]
    public void TimeParser_CachedHour_DoesNotLeakAcrossTransition()
    {
        var parser = new Internal.TimeParser(TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"), System.Globalization.CultureInfo.InvariantCulture);
        string[] locals = ["2026-03-29 01:10", "2026-03-29 01:50", "2026-03-29 03:10", "2026-03-29 01:20"];
        long[] expected = [Utc(2026, 3, 29, 0, 10), Utc(2026, 3, 29, 0, 50), Utc(2026, 3, 29, 1, 10), Utc(2026, 3, 29, 0, 20)];
        for (int i = 0; i < locals.Length; i++)
        {
            Assert.Null(parser.Parse(System.Text.Encoding.UTF8.GetBytes(locals[i]), out long ticks));
            Assert.Equal(expected[i], ticks);
        }
    }

    [Fact]
    public void ReadTally_LocalTimesWithZone_AreAccepted()
    {
        var result = Read("score,date\n9,2026-03-29 02:30\n8,2026-10-25 02:30\n", Copenhagen);
        Assert.Equal(2, result.Report.RowsAccepted);
    }

    private const string Repeats = "respondent,submitted_at,score\nA,2026-01-01T00:00:00Z,3\nB,2026-01-02T00:00:00Z,9\nA,2026-02-01T00:00:00Z,10\nA,2026-01-15T00:00:00Z,7\n";

    [Fact]
    public void Duplicates_KeepAll_KeepsEveryRowAndCountsRepeats()
    {
        var result = Read(Repeats);
        Assert.Equal(NpsTally.FromScores([3, 9, 10, 7]), result.Tally);
        Assert.Equal(2, result.Report.DuplicateRows);
        Assert.Empty(result.Report.BadRows);
    }

    [Fact]
    public void Duplicates_KeepFirst_RejectsLaterAnswersAsBadRows()
    {
        var result = Read(Repeats, new CsvReadOptions { Duplicates = DuplicatePolicy.KeepFirst, Mode = CsvReadMode.Lenient });
        Assert.Equal(NpsTally.FromScores([3, 9]), result.Tally);
        Assert.Equal([4L, 5L], result.Report.BadRows.Select(b => b.LineNumber));
        Assert.All(result.Report.BadRows, b => Assert.Equal(BadRowReason.DuplicateRespondent, b.Reason));
    }

    [Fact]
    public void Duplicates_KeepLatest_KeepsTheLatestByTimeNotByPosition()
    {
        var result = Read(Repeats, new CsvReadOptions { Duplicates = DuplicatePolicy.KeepLatest, Mode = CsvReadMode.Lenient });
        Assert.Equal(NpsTally.FromScores([9, 10]), result.Tally);
        Assert.Equal([2L, 5L], result.Report.BadRows.Select(b => b.LineNumber));
        Assert.Equal(2, result.Report.DuplicateRows);
    }

    [Fact]
    public void Duplicates_KeepLatest_WorksOnNonSeekableStreamsAndText()
    {
        var options = new CsvReadOptions { Duplicates = DuplicatePolicy.KeepLatest, Mode = CsvReadMode.Lenient };
        var fromText = NpsCsv.ReadTally(new StringReader(Repeats), options);
        var fromPipe = NpsCsv.ReadTally(new ForwardOnlyStream(System.Text.Encoding.UTF8.GetBytes(Repeats)), options);
        Assert.Equal(NpsTally.FromScores([9, 10]), fromText.Tally);
        Assert.Equal(fromText.Tally, fromPipe.Tally);
    }

    [Theory]
    [InlineData(DuplicatePolicy.KeepFirst)]
    [InlineData(DuplicatePolicy.KeepLatest)]
    public void Duplicates_KeepFirstOrLatest_InStrictMode_LeaveTheRepeatsOutAndListThem_AsLenientDoes(DuplicatePolicy policy)
    {
        // Leaving a repeat out is what the policy asks for, not bad data: a strict read goes on (it used to throw at
        // the first repeat, so --duplicates keep-first needed --lenient) and lists each repeat as a lenient read does.
        var strict = Read(Repeats, new CsvReadOptions { Duplicates = policy });
        var lenient = Read(Repeats, new CsvReadOptions { Duplicates = policy, Mode = CsvReadMode.Lenient });
        Assert.Equal(lenient.Tally, strict.Tally);
        Assert.Equal(lenient.Report.BadRows, strict.Report.BadRows);
        Assert.Equal(2, strict.Report.BadRows.Count);

        // Any other bad row still stops it.
        var ex = Assert.Throws<NpsDataException>(() => Read(Repeats + "C,2026-01-03T00:00:00Z,11\n", new CsvReadOptions { Duplicates = policy }));
        Assert.Equal(6, ex.BadRow!.LineNumber);
        Assert.Equal(BadRowReason.ScoreOutOfRange, ex.BadRow.Reason);
    }

    [Fact]
    public void Duplicates_Error_StrictThrowsOnTheSecondAnswer()
    {
        var ex = Assert.Throws<NpsDataException>(() => Read(Repeats, new CsvReadOptions { Duplicates = DuplicatePolicy.Error }));
        Assert.Equal(4, ex.BadRow!.LineNumber);
        Assert.Equal(BadRowReason.DuplicateRespondent, ex.BadRow.Reason);
    }

    [Fact]
    public void Duplicates_KeepLatestWithoutTimeColumn_ThrowsSayingWhy()
    {
        var ex = Assert.Throws<NpsDataException>(() => Read("respondent,score\nA,9\nA,3\n", new CsvReadOptions { Duplicates = DuplicatePolicy.KeepLatest }));
        Assert.Contains("time column", ex.Message);
    }
}
