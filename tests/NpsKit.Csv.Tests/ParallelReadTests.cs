using System.Globalization;
using System.Text;
using FsCheck.Fluent;
using NpsKit.Aggregation;
using NpsKit.Csv.Internal;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

/// <summary>Issue #14: a file read on two threads gives exactly what one thread gives — cube, rows, bad rows and their
/// lines — also when quoted fields with line breaks straddle the places where the file is cut.</summary>
public sealed class ParallelReadTests
{
    private static readonly Segmentation BySegment = Segmentation.By("segment");

    /// <summary>About 6 MB: quoted comments with commas, doubled quotes and line breaks (some of 100 000 lines, which
    /// straddle the 1 MiB cuts), bad scores, bad times, a stray quote, a field-count mismatch, empty lines, CRLF.</summary>
    private static string WriteFile(ulong seed)
    {
        var rng = new SplitMix64(seed);
        var sb = new StringBuilder("respondent,submitted_at,segment,score,comment\n");
        int rows = 120_000;
        for (int i = 0; i < rows; i++)
        {
            int kind = rng.NextInt(1000);
            string comment = kind switch
            {
                < 5 => "\"" + string.Concat(Enumerable.Repeat("long, \"\"quoted\"\"\r\nline\n", 1 + rng.NextInt(20_000))) + "\"",
                < 50 => "\"a, b\nand \"\"c\"\"\"",
                _ => "ok",
            };
            string score = kind == 900 ? "11" : (rng.NextInt(11)).ToString(CultureInfo.InvariantCulture);
            string time = kind == 901 ? "not a time" : $"2025-{1 + rng.NextInt(12):D2}-{1 + rng.NextInt(28):D2}T{rng.NextInt(24):D2}:00:00Z";
            string segment = kind == 902 ? "\"Sales" : kind == 903 ? "Sa\"les" : rng.NextInt(2) == 0 ? "Sales" : "Support";
            sb.Append('r').Append(rng.NextInt(rows)).Append(',').Append(time).Append(',').Append(segment).Append(',').Append(score).Append(',').Append(comment);
            if (kind == 904)
            {
                sb.Append(",extra");
            }

            sb.Append(kind == 905 ? "\r\n\n" : "\n");
        }

        string path = Path.Combine(Path.GetTempPath(), $"npskit-parallel-{seed}-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
        return path;
    }

    private static string Describe(CsvCubeResult r) =>
        string.Join("\n", r.Cube.Cells().Select(c => c.ToString())) + "\n" + r.Report + "\n" + string.Join("\n", r.Report.BadRows);

    private static void CheckOneFile(ulong seed)
    {
        string path = WriteFile(seed);
        try
        {
            var lenient = new CsvReadOptions { Mode = CsvReadMode.Lenient };
            var utc = new AggregationOptions { TimeZoneId = "Etc/UTC", MaxDegreeOfParallelism = 1 };
            CsvCubeResult one = NpsCsv.ReadCube(path, BySegment, utc, lenient);
            var before = ResponseCsvEngine.ParallelRead.Counters;
            CsvCubeResult two = NpsCsv.ReadCube(path, BySegment, utc with { MaxDegreeOfParallelism = 2 }, lenient);
            Assert.True(ResponseCsvEngine.ParallelRead.Counters.Read >= before.Read + 4); // it did read in parts
            Assert.Equal(Describe(one), Describe(two));
            Assert.True(one.Report.RowsRejected > 0);

            // Strict mode: the same first bad row, whichever part of the file it is in.
            NpsDataException first = Assert.Throws<NpsDataException>(() => NpsCsv.ReadCube(path, BySegment, utc));
            NpsDataException firstOfTwo = Assert.Throws<NpsDataException>(() => NpsCsv.ReadCube(path, BySegment, utc with { MaxDegreeOfParallelism = 2 }));
            Assert.Equal(first.BadRow, firstOfTwo.BadRow);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TwoThreads_GiveExactlyWhatOneThreadGives() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            CheckOneFile((ulong)seed);
            return true;
        }),
        maxTest: 2);

    [Fact]
    public void CutsInsideQuotedFields_AreFoundAndReadAgain()
    {
        var before = ResponseCsvEngine.ParallelRead.Counters;
        CheckOneFile(14);
        Assert.True(ResponseCsvEngine.ParallelRead.Counters.ReadAgain > before.ReadAgain);
    }

    [Fact]
    public void TwoThreads_DuplicateCountAgrees()
    {
        var sb = new StringBuilder("respondent,submitted_at,segment,score\n");
        for (int i = 0; i < 200_000; i++)
        {
            sb.Append("id").Append(i % 50_000).Append(",2025-03-01T00:00:00Z,S,9\n");
        }

        string path = Path.Combine(Path.GetTempPath(), $"npskit-parallel-dups-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, sb.ToString());
        try
        {
            var utc = new AggregationOptions { TimeZoneId = "Etc/UTC", MaxDegreeOfParallelism = 2 };
            CsvCubeResult two = NpsCsv.ReadCube(path, BySegment, utc);
            Assert.Equal(150_000, two.Report.DuplicateRows);
            Assert.False(two.Report.DuplicateRowsEstimated);
            Assert.Equal(200_000, two.Cube.Total.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
