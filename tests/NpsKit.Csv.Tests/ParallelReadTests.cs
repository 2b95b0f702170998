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
    /// <summary>Reads <paramref name="text"/> from a file in parts of <paramref name="partBytes"/> on two threads, and on
    /// one thread; returns both outcomes (the result's text or the exception's) and whether the parts ran.</summary>
    private static (string One, string Two, bool Parallel) OneAndTwo(string text, CsvReadOptions options, long partBytes = 64)
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-parallel-case-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        try
        {
            string Read(int threads)
            {
                try
                {
                    return Describe(NpsCsv.ReadCube(path, BySegment, new AggregationOptions { TimeZoneId = "Etc/UTC", MaxDegreeOfParallelism = threads }, options));
                }
                catch (NpsDataException ex)
                {
                    return ex.Message + " | " + ex.BadRow;
                }
            }

            string one = Read(1);
            long before = ResponseCsvEngine.ParallelRead.Counters.Read;
            ResponseCsvEngine.PartBytesForTests.Value = partBytes;
            try
            {
                string two = Read(2);
                return (one, two, ResponseCsvEngine.ParallelRead.Counters.Read > before);
            }
            finally
            {
                ResponseCsvEngine.PartBytesForTests.Value = null;
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Rows(int count, Func<int, string> row) =>
        "respondent,submitted_at,segment,score,weight\n" + string.Concat(Enumerable.Range(0, count).Select(i => row(i) + "\n"));

    [Fact]
    public void DateContradictingTheFileOrder_LateInTheFile_NamesTheTrueLine_WithoutReadingAgain()
    {
        // Day-first dates; line 402 has 01/25/2025, which only fits month-first: one thread stops there, naming the line.
        string text = Rows(600, i => $"r{i},{(i == 400 ? "01/25/2025" : "25/01/2025")} 10:00,S,9,1");
        var options = new CsvReadOptions { DateOrder = DateOrder.DayFirst, TimeZone = "Etc/UTC", Mode = CsvReadMode.Lenient };
        (string one, string two, bool parallel) = OneAndTwo(text, options);
        Assert.True(parallel);
        Assert.Contains("line 402", one, StringComparison.Ordinal);
        Assert.Equal(one, two);
    }

    [Fact]
    public void InvalidUtf8_LateInTheFile_IsReportedAsOnOneThread()
    {
        // Past the 64 KiB the encoding stage examines, so the file is taken as UTF-8 and the bad byte is met while reading.
        string text = Rows(3000, i => $"r{i},2025-03-01T00:00:00Z,{(i == 2500 ? "S\u00e9" : "S")},9,1");
        string path = Path.Combine(Path.GetTempPath(), $"npskit-parallel-utf8-{Guid.NewGuid():N}.csv");
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        int at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at + 1] = 0x28; // an invalid continuation byte
        File.WriteAllBytes(path, bytes);
        try
        {
            var utc = new AggregationOptions { TimeZoneId = "Etc/UTC", MaxDegreeOfParallelism = 1 };
            NpsDataException one = Assert.Throws<NpsDataException>(() => NpsCsv.ReadCube(path, BySegment, utc));
            ResponseCsvEngine.PartBytesForTests.Value = 64;
            long before = ResponseCsvEngine.ParallelRead.Counters.Read;
            NpsDataException two = Assert.Throws<NpsDataException>(() => NpsCsv.ReadCube(path, BySegment, utc with { MaxDegreeOfParallelism = 2 }));
            Assert.True(ResponseCsvEngine.ParallelRead.Counters.Read > before);
            Assert.Equal(one.Message, two.Message);
            Assert.Contains($"byte offset {at}", two.Message, StringComparison.Ordinal);
        }
        finally
        {
            ResponseCsvEngine.PartBytesForTests.Value = null;
            File.Delete(path);
        }
    }

    /// <summary>Which options read in parallel: all but KeepFirst and Error on a file with respondent ids (whose verdict
    /// on a row depends on every row before it).</summary>
    [Theory]
    [InlineData(DuplicatePolicy.KeepAll, true)]
    [InlineData(DuplicatePolicy.KeepLatest, true)]
    [InlineData(DuplicatePolicy.KeepFirst, false)]
    [InlineData(DuplicatePolicy.Error, false)]
    public void DuplicatePolicies_ThatReadInParallel_GiveWhatOneThreadGives(DuplicatePolicy policy, bool inParallel)
    {
        string text = Rows(500, i => $"r{i % 170},2025-{1 + (i % 12):D2}-01T{i % 24:D2}:00:00Z,S{i % 3},{i % 11},{(i % 4 == 0 ? "2" : "0.5")}");
        var reports = new List<CsvProgress>();
        var options = new CsvReadOptions { Duplicates = policy, Mode = CsvReadMode.Lenient, Progress = new SyncProgress(reports) };
        (string one, string two, bool parallel) = OneAndTwo(text, options);
        Assert.Equal(inParallel, parallel);
        Assert.Equal(one, two);
        Assert.True(reports.Count > (inParallel ? 2 : 0)); // in parallel: one report as each part commits
    }

    private sealed class SyncProgress(List<CsvProgress> into) : IProgress<CsvProgress>
    {
        public void Report(CsvProgress value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
