using System.Globalization;
using System.Text;
using FsCheck.Fluent;
using NpsKit.Aggregation;
using NpsKit.Csv.Internal;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

/// <summary>
/// Issue #14: the law of the parallel reader — a file read in parts on two threads gives exactly what one thread gives
/// (cells, weighted sums, rows, duplicates, every bad row with its line, strict mode's exception, the last progress
/// report), for random small files with quoted fields (commas, doubled quotes, LF, CRLF and lone CR inside), CRLF or LF
/// line ends, a byte order mark, repeated and empty respondent ids, weights, bad scores, times and weights, field-count
/// mismatches, unclosed quotes, text after a closing quote and empty lines — at every number of parts, from one part to
/// a cut after every line (most of them inside quoted fields, found and read again). Seeded (NPSKIT_FSCHECK_SEED).
/// </summary>
public sealed class ParallelReadProperties
{
    private static readonly Segmentation BySegment = Segmentation.By("segment");

    /// <summary>A random file and the options to read it with.</summary>
    private sealed record Case(string Text, bool Bom, CsvReadOptions Options, string Describe)
    {
        public override string ToString() => Describe + "\n" + Text;
    }

    private static Case MakeCase(int seed)
    {
        var rng = new SplitMix64((ulong)seed);
        bool weighted = rng.NextInt(2) == 0;
        bool crlf = rng.NextInt(2) == 0;
        string eol = crlf ? "\r\n" : "\n";
        int rows = 5 + rng.NextInt(200);
        var sb = new StringBuilder("respondent,submitted_at,segment,score" + (weighted ? ",weight" : string.Empty) + ",comment" + eol);
        for (int i = 0; i < rows; i++)
        {
            int kind = rng.NextInt(100);
            string id = kind == 0 ? string.Empty : "r" + rng.NextInt(Math.Max(2, rows / 3)).ToString(CultureInfo.InvariantCulture);
            string time = kind == 1 ? "not a time" : $"2025-{1 + rng.NextInt(12):D2}-{1 + rng.NextInt(28):D2}T{rng.NextInt(24):D2}:{rng.NextInt(60):D2}:00Z";
            string segment = rng.NextInt(6) switch
            {
                0 => "\"Sales, EU\"",
                1 => "Sa\"les",
                2 => "\"multi\r\nline\"",
                _ => rng.NextInt(2) == 0 ? "A" : "B",
            };
            string score = kind switch
            {
                2 => "11",
                3 => "x",
                4 => string.Empty, // a non-response
                _ => rng.NextInt(11).ToString(CultureInfo.InvariantCulture),
            };
            string weight = kind == 5 ? "-1" : new[] { "0.5", "1", "1.25", "2", "3" }[rng.NextInt(5)]; // dyadic: sums exact in any order
            string comment = rng.NextInt(12) switch
            {
                0 => "\"a, \"\"quoted\"\"\nsecond line\"",
                1 => "\"crlf\r\ninside, and a lone\rcr\"",
                2 => "\"" + string.Concat(Enumerable.Repeat("long,\n", 1 + rng.NextInt(30))) + "\"",
                3 => kind == 6 ? "\"never closed" : "\"closed\"",
                4 => kind == 7 ? "\"text\"after" : "plain",
                _ => "ok",
            };
            sb.Append(id).Append(',').Append(time).Append(',').Append(segment).Append(',').Append(score);
            if (weighted)
            {
                sb.Append(',').Append(weight);
            }

            sb.Append(',').Append(comment);
            if (kind == 8)
            {
                sb.Append(",extra field");
            }

            if (i < rows - 1 || rng.NextInt(2) == 0)
            {
                sb.Append(kind == 9 ? eol + eol : kind == 10 ? "\r\n" : eol);
            }
        }

        DuplicatePolicy duplicates = rng.NextInt(4) switch
        {
            0 => DuplicatePolicy.KeepLatest,
            1 => DuplicatePolicy.KeepFirst,
            _ => DuplicatePolicy.KeepAll,
        };
        var options = new CsvReadOptions
        {
            Mode = rng.NextInt(4) == 0 ? CsvReadMode.Strict : CsvReadMode.Lenient,
            Duplicates = duplicates,
            ExactDuplicateCount = rng.NextInt(2) == 0,
        };
        return new Case(sb.ToString(), rng.NextInt(3) == 0, options, $"seed {seed}: {options.Mode}, {duplicates}, weighted {weighted}, {rows} rows");
    }

    /// <summary>Progress reports made synchronously on the reporting thread.</summary>
    private sealed class Reports : IProgress<CsvProgress>
    {
        public List<CsvProgress> Seen { get; } = [];

        public void Report(CsvProgress value)
        {
            lock (Seen)
            {
                Seen.Add(value);
            }
        }
    }

    /// <summary>Everything a read gives, as text: the cells, the weighted sums of each, the report and every bad row —
    /// or the exception.</summary>
    private static string Outcome(string path, CsvReadOptions options, int threads, long? partBytes, out Reports reports)
    {
        reports = new Reports();
        long? saved = ResponseCsvEngine.PartBytesForTests.Value;
        ResponseCsvEngine.PartBytesForTests.Value = partBytes;
        try
        {
            CsvCubeResult r = NpsCsv.ReadCube(path, BySegment, new AggregationOptions { TimeZoneId = "Etc/UTC", MaxDegreeOfParallelism = threads }, options with { Progress = reports });
            var sb = new StringBuilder();
            foreach (NpsCell cell in r.Cube.Cells())
            {
                sb.Append(cell).Append('\n');
                if (r.Cube.IsWeighted)
                {
                    WeightedNpsTally w = r.Cube.WeightedTally(cell.Period, cell.Segment);
                    for (int s = 0; s <= 10; s++)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $" {w.SumOfWeightsOf(s):R}/{w.SumOfSquaredWeightsOf(s):R}");
                    }

                    sb.Append('\n');
                }
            }

            sb.Append(r.Report).Append('\n').Append(r.Report.DuplicateRows).Append(r.Report.DuplicateRowsEstimated).Append('\n');
            sb.AppendJoin("\n", r.Report.BadRows);
            return sb.ToString();
        }
        catch (NpsDataException ex)
        {
            return $"{ex.GetType().Name}: {ex.Message} | {ex.BadRow}";
        }
        finally
        {
            ResponseCsvEngine.PartBytesForTests.Value = saved;
        }
    }

    private static bool PartsReadLikeOneThread(Case c)
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-parallel-law-{Guid.NewGuid():N}.csv");
        byte[] text = Encoding.UTF8.GetBytes(c.Text);
        File.WriteAllBytes(path, c.Bom ? [0xEF, 0xBB, 0xBF, .. text] : text);
        try
        {
            string one = Outcome(path, c.Options, threads: 1, partBytes: null, out Reports oneReports);
            long length = new FileInfo(path).Length;
            var rng = new SplitMix64((ulong)c.Text.Length);
            long[] partSizes = [1, 1 + rng.NextInt(64), Math.Max(1, length / 7), Math.Max(1, length / 3), Math.Max(1, length / 2), length];
            foreach (long size in partSizes)
            {
                long before = ResponseCsvEngine.ParallelRead.Counters.Read;
                string two = Outcome(path, c.Options, threads: 2, partBytes: size, out Reports twoReports);
                bool parallel = ResponseCsvEngine.ParallelRead.Counters.Read > before;
                if (two != one)
                {
                    throw new InvalidOperationException($"parts of {size} bytes (read in parallel: {parallel}) differ from one thread.\n--- one thread:\n{one}\n--- parts:\n{two}");
                }

                if (c.Options.Duplicates != DuplicatePolicy.KeepFirst && !parallel)
                {
                    throw new InvalidOperationException($"parts of {size} bytes: the file was not read in parallel.");
                }

                if (oneReports.Seen.Count > 0 && !one.StartsWith(nameof(NpsDataException), StringComparison.Ordinal))
                {
                    CsvProgress last = twoReports.Seen[^1];
                    bool ordered = twoReports.Seen.Zip(twoReports.Seen.Skip(1)).All(p => p.First.RowsRead <= p.Second.RowsRead && p.First.BytesRead <= p.Second.BytesRead);
                    if (!ordered || last.RowsRead != oneReports.Seen[^1].RowsRead || last.BytesRead != length)
                    {
                        throw new InvalidOperationException($"parts of {size} bytes: progress {string.Join("; ", twoReports.Seen)} against one thread's {string.Join("; ", oneReports.Seen)}.");
                    }
                }
            }

            return true;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ParallelRead_EqualsOneThread_AtEveryNumberOfParts() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue).Select(MakeCase)), PartsReadLikeOneThread),
        maxTest: 60);
}
