using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

/// <summary>Seeded fuzzing of every survey-tool layout: random byte edits of each corpus file only ever raise
/// <see cref="NpsDataException"/>, in both modes, every read accounts for its rows, and each read stays within a bound of
/// time and of memory.</summary>
public sealed class SurveyCorpusFuzzTests
{
    public static TheoryData<string> Files => SurveyCorpusFile.Names();

    private const long MaxAllocatedPerRead = 4 << 20;

    private static readonly TimeSpan MaxTimePerRead = TimeSpan.FromSeconds(5);

    [Theory]
    [MemberData(nameof(Files))]
    public void MutatedCorpusFile_OnlyEverRaisesNpsDataException(string name)
    {
        byte[] original = File.ReadAllBytes(SurveyCorpusFile.Named(name).Path);
        var rng = new SplitMix64(PropertyRunner.Seed ^ (ulong)name.Length);
        for (int round = 0; round < 40; round++)
        {
            var bytes = new List<byte>(original);
            int edits = 1 + rng.NextInt(6);
            for (int e = 0; e < edits; e++)
            {
                int at = rng.NextInt(bytes.Count);
                switch (rng.NextInt(4))
                {
                    case 0:
                        bytes[at] = (byte)rng.NextInt(256);
                        break;
                    case 1:
                        bytes.RemoveAt(at);
                        break;
                    case 2:
                        bytes.Insert(at, "\",;\n\r\t\u00ff0"u8[rng.NextInt(8)]);
                        break;
                    default:
                        int from = rng.NextInt(bytes.Count);
                        bytes.InsertRange(at, bytes.GetRange(from, Math.Min(40, bytes.Count - from)));
                        break;
                }
            }

            foreach (CsvReadMode mode in new[] { CsvReadMode.Strict, CsvReadMode.Lenient })
            {
                long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    IngestReport report = NpsCsv.ReadTally(new MemoryStream([.. bytes]), new CsvReadOptions { Mode = mode, TimeZone = "Europe/Copenhagen" }, name).Report;
                    Assert.Equal(report.RowsRead, report.RowsAccepted + report.RowsRejected + report.NonResponses);
                }
                catch (NpsDataException)
                {
                    // documented: bad data
                }

                // Bounded time and memory: every read of these few-KB files allocated at most 0.35 MB and took at most 71 ms
                // (the first, with the JIT) when this was written; the bounds leave room for a loaded machine. A file this
                // small is read on this thread, so the thread's allocations are the read's.
                long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                Assert.True(allocated < MaxAllocatedPerRead, $"{name} round {round} {mode}: {allocated:N0} bytes allocated");
                Assert.True(clock.Elapsed < MaxTimePerRead, $"{name} round {round} {mode}: {clock.Elapsed.TotalMilliseconds:N0} ms");
            }
        }
    }
}
