using System.Text;
using NpsKit.Csv.Internal;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

/// <summary>Issue #13: deciding the date order, and KeepLatest's two passes, read standard input (or any forward-only
/// stream) once, with memory bounded: what must be read again is kept in memory up to a limit, then in a temporary file.</summary>
public sealed class ReplaySpoolTests
{
    /// <summary>Dates that fit both orders until the last row, which proves day-first: the probe must read it all.</summary>
    private static byte[] LateDecidedFile(int rows, out long promoters)
    {
        var sb = new StringBuilder("respondent,date,score\n");
        promoters = 0;
        for (int i = 0; i < rows; i++)
        {
            int score = i % 11;
            promoters += score >= 9 ? 1 : 0;
            sb.Append('r').Append(i).Append(",0").Append((i % 9) + 1).Append("/0").Append((i % 8) + 1).Append("/2026 10:00,").Append(score).Append('\n');
        }

        sb.Append("last,13/02/2026 10:00,10\n");
        promoters++;
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static readonly CsvReadOptions InCopenhagen = new() { TimeZone = "Europe/Copenhagen", Mode = CsvReadMode.Lenient };

    private static long Allocated(Func<CsvTallyResult> read)
    {
        long before = GC.GetAllocatedBytesForCurrentThread(); // this thread only: other tests run in parallel
        _ = read();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>What deciding the date order from a forward-only input costs beyond reading it with the order given.</summary>
    private static long ProbeCost(byte[] bytes) =>
        Allocated(() => NpsCsv.ReadTally(new ForwardOnlyStream(bytes), InCopenhagen, "stdin"))
        - Allocated(() => NpsCsv.ReadTally(new ForwardOnlyStream(bytes), InCopenhagen with { DateOrder = DateOrder.DayFirst }, "stdin"));

    [Fact]
    public void StandardInput_DateOrderDecidedOnTheLastLine_ReadOnce_SpooledToATemporaryFile()
    {
        byte[] bytes = LateDecidedFile(400_000, out long promoters); // about 10 MB
        Assert.True(bytes.Length > 8 * ReplaySpool.MemoryLimit);
        var stdin = new ForwardOnlyStream(bytes);
        long files = ReplaySpool.FilesCreated;

        CsvTallyResult result = NpsCsv.ReadTally(stdin, InCopenhagen, "stdin");

        Assert.Empty(result.Report.BadRows);
        Assert.Equal(400_001, result.Tally.Count);
        Assert.Equal(promoters, result.Tally.Promoters);
        Assert.Equal(DateOrder.DayFirst, result.Report.DateOrder);
        Assert.Contains("line 400002", result.Report.DateOrderEvidence, StringComparison.Ordinal);
        Assert.Equal(bytes.Length, stdin.BytesRead); // the source is read once
        Assert.True(ReplaySpool.FilesCreated > files, "the prefix past the memory limit goes to a temporary file");
    }

    [Fact]
    public void StandardInput_DateOrderProbe_MemoryDoesNotGrowWithTheInput()
    {
        long small = ProbeCost(LateDecidedFile(200_000, out _)); // about 5 MB, decided on the last line
        long large = ProbeCost(LateDecidedFile(400_000, out _)); // about 10 MB

        Assert.True(large < 3 * ReplaySpool.MemoryLimit, $"probing a 10 MB input allocated {large:N0} bytes more than reading it");
        Assert.True(Math.Abs(large - small) < ReplaySpool.MemoryLimit / 2, $"probe cost {small:N0} bytes at 5 MB and {large:N0} at 10 MB: it grows with the input");
    }

    [Fact]
    public void StandardInput_DecidedByTheFirstLines_KeepsOnlyThatPrefix_InMemory()
    {
        byte[] body = LateDecidedFile(200_000, out _);
        byte[] bytes = [.. Encoding.UTF8.GetBytes("respondent,date,score\nfirst,25/12/2025 10:00,9\n"), .. body.AsSpan("respondent,date,score\n".Length)];

        using var input = CsvInput.FromStream(new ForwardOnlyStream(bytes), "stdin");
        var engine = new ResponseCsvEngine(input, InCopenhagen);
        IngestReport report = engine.Run(new TallySink());

        Assert.Equal(DateOrder.DayFirst, report.DateOrder);
        Assert.Contains("line 2", report.DateOrderEvidence, StringComparison.Ordinal);
        Assert.NotNull(input.Spool);
        Assert.True(input.Spool!.Length <= ReplaySpool.MemoryLimit, $"kept {input.Spool.Length:N0} bytes for a decision on line 2");
        Assert.Null(input.Spool.FilePath); // this input's spool never needed a temporary file (the global count is shared by parallel tests)
    }

    [Fact]
    public void File_DateOrderProbe_DoesNotReadTheFileTwice()
    {
        byte[] bytes = LateDecidedFile(50_000, out long promoters);
        string path = Path.Combine(Path.GetTempPath(), $"npskit-spool-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var input = CsvInput.FromPath(path);
            IngestReport report = new ResponseCsvEngine(input, InCopenhagen).Run(new TallySink());
            Assert.Equal(DateOrder.DayFirst, report.DateOrder);
            Assert.Equal(50_001, report.RowsAccepted);
            Assert.NotNull(input.Spool); // the probe's bytes were read again from the spool, the rest from where it stopped
            Assert.Equal(bytes.Length, input.Spool!.Length);
            Assert.Equal(promoters, NpsCsv.ReadTally(path, InCopenhagen).Tally.Promoters);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void StandardInput_KeepLatest_TwoPassesFromTheSpool_MemoryBounded()
    {
        var sb = new StringBuilder("respondent,submitted_at,score\n");
        for (int i = 0; i < 200_000; i++)
        {
            sb.Append('r').Append(i % 1000).Append(",2026-03-01T10:").Append((i / 1000 % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append(":00Z,").Append(i % 11).Append('\n');
        }

        byte[] bytes = Encoding.UTF8.GetBytes(sb.ToString());
        var options = new CsvReadOptions { Duplicates = DuplicatePolicy.KeepLatest, Mode = CsvReadMode.Lenient };
        var stdin = new ForwardOnlyStream(bytes);

        CsvTallyResult result = NpsCsv.ReadTally(stdin, options, "stdin");
        CsvTallyResult expected = NpsCsv.ReadTally(new MemoryStream(bytes), options, "stdin");
        Assert.Equal(expected.Tally, result.Tally);
        Assert.Equal(1000, result.Tally.Count);
        Assert.Equal(bytes.Length, stdin.BytesRead);

        // Beyond what reading a seekable stream twice costs, at most the spool's memory part.
        long forward = Allocated(() => NpsCsv.ReadTally(new ForwardOnlyStream(bytes), options, "stdin"));
        long seekable = Allocated(() => NpsCsv.ReadTally(new MemoryStream(bytes), options, "stdin"));
        Assert.True(forward - seekable < 2 * ReplaySpool.MemoryLimit, $"a forward-only input allocated {forward - seekable:N0} bytes more than a seekable one of {bytes.Length:N0}");
    }

    [Fact]
    public void TextReader_ProbedAndCounted_WithoutReadingItAllIntoAString()
    {
        byte[] bytes = LateDecidedFile(200_000, out long promoters);
        string text = Encoding.UTF8.GetString(bytes);

        CsvTallyResult result = NpsCsv.ReadTally(new StringReader(text), InCopenhagen);
        long probing = Allocated(() => NpsCsv.ReadTally(new StringReader(text), InCopenhagen));
        long given = Allocated(() => NpsCsv.ReadTally(new StringReader(text), InCopenhagen with { DateOrder = DateOrder.DayFirst }));

        Assert.Equal(promoters, result.Tally.Promoters);
        Assert.True(probing - given < 3 * ReplaySpool.MemoryLimit, $"probing {text.Length:N0} characters of text allocated {probing - given:N0} bytes more than reading them");
    }
}
