using FsCheck.Fluent;
using NpsKit.Scoring;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Scoring;

public class ScoreCounterTests
{
    private static (long[] Counts, long Bad) Run(ReadOnlySpan<byte> scores, bool vector)
    {
        long[] counts = new long[11];
        long bad = ScoreCounter.Count(scores, counts, vector);
        return (counts, bad);
    }

    [Fact]
    public void VectorAndScalar_AgreeOnAllLengthsAndAlignments() => PropertyRunner.Check(
        Prop.ForAll(NpsGenerators.ByteScoreArrays.ToArbitrary(), Arb.From(Gen.Choose(0, 63)), (scores, skip) =>
        {
            // Odd alignments: start the span at an offset into the array.
            ReadOnlySpan<byte> span = scores.AsSpan(Math.Min(skip, scores.Length));
            var v = Run(span, vector: true);
            var s = Run(span, vector: false);
            return v.Bad == -1 && s.Bad == -1 && v.Counts.SequenceEqual(s.Counts);
        }), maxTest: 300);

    [Fact]
    public void VectorAndScalar_AgreeOnEveryLengthUpTo600()
    {
        byte[] scores = SyntheticResponses.Scores(700, 7);
        for (int start = 0; start < 40; start += 3)
        {
            for (int length = 0; length + start <= 640; length++)
            {
                var span = scores.AsSpan(start, length);
                Assert.Equal(Run(span, false).Counts, Run(span, true).Counts);
            }
        }
    }

    [Fact]
    public void Vector_LongerThanOneBlock_CountsExactly()
    {
        // Blocks flush every 255 vectors; 1 000 003 bytes crosses many flushes and leaves a scalar tail.
        byte[] scores = new byte[1_000_003];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = (byte)(i % 11);
        }

        var v = Run(scores, true);
        Assert.Equal(-1, v.Bad);
        for (int s = 0; s <= 10; s++)
        {
            Assert.Equal(scores.LongLength / 11 + (s < scores.Length % 11 ? 1 : 0), v.Counts[s]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(8_159)]
    [InlineData(8_160)]
    [InlineData(99_999)]
    public void BadByte_FirstIndexReportedOnBothPaths(int badIndex)
    {
        byte[] scores = SyntheticResponses.Scores(100_000, 3);
        scores[badIndex] = 200;
        if (badIndex + 5 < scores.Length)
        {
            scores[badIndex + 5] = 11; // a later bad byte must not be the one reported
        }

        Assert.Equal(badIndex, Run(scores, true).Bad);
        Assert.Equal(badIndex, Run(scores, false).Bad);
    }
}
