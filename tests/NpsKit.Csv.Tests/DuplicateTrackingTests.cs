using System.Text;
using FsCheck.Fluent;
using NpsKit.Csv.Internal;
using NpsKit.TestUtilities;
using static NpsKit.Csv.Tests.CsvTestHelpers;

namespace NpsKit.Csv.Tests;

/// <summary>Issue #14: counting repeated respondents in bounded memory, and exact decisions in 16 bytes a respondent.</summary>
public sealed class DuplicateTrackingTests
{
    /// <summary>A file of <paramref name="distinct"/> respondents, every <paramref name="repeatEvery"/>-th row a repeat.</summary>
    private static (string Text, int Duplicates) File(int distinct, int repeatEvery, string prefix)
    {
        var sb = new StringBuilder("respondent,score\n");
        int duplicates = 0;
        var rng = new SplitMix64(14);
        for (int i = 0; i < distinct; i++)
        {
            sb.Append(prefix).Append(i).Append(",9\n");
            if (i > 0 && i % repeatEvery == 0)
            {
                sb.Append(prefix).Append(rng.NextInt(i)).Append(",3\n");
                duplicates++;
            }
        }

        return (sb.ToString(), duplicates);
    }

    [Fact]
    public void KeepAll_SmallFile_CountsExactly()
    {
        (string text, int duplicates) = File(5_000, 10, "R");
        CsvTallyResult result = Read(text);
        Assert.Equal(duplicates, result.Report.DuplicateRows);
        Assert.False(result.Report.DuplicateRowsEstimated);
    }

    [Fact]
    public void KeepAll_ManyRespondents_EstimatesInFixedMemoryAndSaysSo()
    {
        (string text, int duplicates) = File(200_000, 20, "respondent-with-a-long-id-");
        CsvTallyResult result = Read(text);
        Assert.True(result.Report.DuplicateRowsEstimated);
        Assert.Equal(200_000 + duplicates, result.Report.RowsAccepted); // every row kept: the estimate changes no row
        // The estimate is rows with an id less the estimated distinct ids: its error is that of the distinct count,
        // 0.81 % standard error; 4 standard errors of 200 000 distinct ids is 6 500 rows.
        Assert.InRange(result.Report.DuplicateRows, duplicates - 6_500, duplicates + 6_500);
        Assert.Contains("estimated", result.Report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void KeepAll_ExactDuplicateCount_CountsExactlyPastTheLimit()
    {
        (string text, int duplicates) = File(200_000, 20, "R");
        CsvTallyResult result = Read(text, new CsvReadOptions { ExactDuplicateCount = true });
        Assert.Equal(duplicates, result.Report.DuplicateRows);
        Assert.False(result.Report.DuplicateRowsEstimated);
    }

    [Theory]
    [InlineData("R")]
    [InlineData("a-respondent-id-longer-than-twelve-bytes-")]
    public void KeepFirst_ManyRespondents_RejectsExactlyTheRepeats(string prefix)
    {
        (string text, int duplicates) = File(100_000, 7, prefix);
        CsvTallyResult result = Read(text, new CsvReadOptions { Duplicates = DuplicatePolicy.KeepFirst, Mode = CsvReadMode.Lenient });
        Assert.Equal(duplicates, result.Report.DuplicateRows);
        Assert.Equal(duplicates, result.Report.RowsRejected);
        Assert.Equal(100_000, result.Tally.Count);
        Assert.All(result.Report.BadRows, b => Assert.Equal(BadRowReason.DuplicateRespondent, b.Reason));
    }

    [Fact]
    public void KeepLatest_ManyRespondents_KeepsTheLatestOfEach()
    {
        var sb = new StringBuilder("respondent,submitted_at,score\n");
        for (int i = 0; i < 30_000; i++)
        {
            sb.Append("id-").Append(i % 10_000).Append(",2026-01-0").Append((i / 10_000) + 1).Append("T00:00:00Z,").Append(i / 10_000).Append('\n');
        }

        CsvTallyResult result = Read(sb.ToString(), new CsvReadOptions { Duplicates = DuplicatePolicy.KeepLatest, Mode = CsvReadMode.Lenient });
        Assert.Equal(NpsTally.FromHistogram(Enumerable.Range(0, 11).Select(s => s == 2 ? 10_000L : 0L).ToArray()), result.Tally);
        Assert.Equal(20_000, result.Report.RowsRejected);
    }

    [Fact]
    public void RespondentKey_EqualExactlyWhenIdAndPeriodAreEqual() => PropertyRunner.Check(
        Prop.ForAll(
            Arb.From(Gen.ArrayOf(Gen.Elements<byte>((byte)'a', (byte)'b', (byte)'\u00C3', (byte)'0', (byte)' '))),
            Arb.From(Gen.ArrayOf(Gen.Elements<byte>((byte)'a', (byte)'b', (byte)'\u00C3', (byte)'0', (byte)' '))),
            Arb.From(Gen.Choose(0, 15)),
            (a, b, periods) =>
            {
                int pa = periods & 3;
                int pb = periods >> 2;
                if (a.Length == 0 || b.Length == 0)
                {
                    return true;
                }

                bool same = a.AsSpan().SequenceEqual(b) && pa == pb;
                return same == (RespondentKey.Of(a, pa * 739_000) == RespondentKey.Of(b, pb * 739_000));
            }),
        maxTest: 2_000);

    [Fact]
    public void RespondentSet_AgreesWithAHashSet() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 5_000))), Arb.From(Gen.Choose(1, 40)), (ids, width) =>
        {
            var set = new RespondentSet(withValues: false);
            var reference = new HashSet<string>(StringComparer.Ordinal);
            foreach (int id in ids)
            {
                string text = id.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, 'x');
                if (set.Add(RespondentKey.Of(Encoding.UTF8.GetBytes(text), 0)) != reference.Add(text))
                {
                    return false;
                }
            }

            return set.Count == reference.Count;
        }));

    [Fact]
    public void Tracker_Bounded_StopsGrowingAtTheLimit()
    {
        var tracker = new DuplicateTracker(bounded: true);
        for (int i = 0; i < 3 * DuplicateTracker.ExactLimit; i++)
        {
            Assert.False(tracker.Seen(RespondentKey.Of(Encoding.UTF8.GetBytes("r" + i), 0)));
        }

        Assert.True(tracker.Estimated);
        Assert.InRange(tracker.Duplicates, 0, 3 * DuplicateTracker.ExactLimit * 4 * DistinctSketch.RelativeStandardError);
    }
}
