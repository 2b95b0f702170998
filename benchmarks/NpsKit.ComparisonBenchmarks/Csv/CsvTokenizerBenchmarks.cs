using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CsvHelper;
using NpsKit.Csv.Internal;
using nietras.SeparatedValues;

namespace NpsKit.ComparisonBenchmarks.Csv;

/// <summary>
/// Issue #14: the record tokenizer alone, on the yardstick file — every record split into its four fields and every
/// field's bytes (or chars) touched, no value parsed. Sep 0.17.1 (UTF-16 spans, its own parallel enumeration), the
/// CsvHelper 34 UTF-8 reader NpsKit used until issue #14, and NpsKit's own <see cref="Utf8CsvReader"/>, in one run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CsvTokenizerBenchmarks
{
    private string _path = string.Empty;

    /// <summary>Rows in the file.</summary>
    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    /// <summary>Writes the file once.</summary>
    [GlobalSetup]
    public void Setup() => _path = YardstickFile.Path(N);

    /// <summary>CsvHelper 34's UTF-8 span reader.</summary>
    /// <returns>Field bytes seen.</returns>
    [Benchmark(Baseline = true)]
    public long CsvHelperSpans()
    {
        using CsvReader reader = CsvReader.FromFile(_path, new CsvReaderOptions { Separator = ',', HasHeader = true, TrackLineNumbers = true });
        long sum = 0;
        while (reader.Read())
        {
            for (int i = 0; i < 4; i++)
            {
                sum += reader.GetSpan(i).Length;
            }
        }

        return sum;
    }

    /// <summary>Sep 0.17.1, one thread.</summary>
    /// <returns>Field chars seen.</returns>
    [Benchmark]
    public long Sep1Thread()
    {
        using SepReader reader = Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true }).FromFile(_path);
        long sum = 0;
        foreach (SepReader.Row row in reader)
        {
            for (int i = 0; i < 4; i++)
            {
                sum += row[i].Span.Length;
            }
        }

        return sum;
    }

    /// <summary>Sep 0.17.1's parallel enumeration on 2 threads.</summary>
    /// <returns>Field chars seen.</returns>
    [Benchmark]
    public long Sep2Threads()
    {
        using SepReader reader = Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true }).FromFile(_path);
        long sum = 0;
        foreach (long n in reader.ParallelEnumerate(row => (long)(row[0].Span.Length + row[1].Span.Length + row[2].Span.Length + row[3].Span.Length), 2))
        {
            sum += n;
        }

        return sum;
    }

    /// <summary>NpsKit's tokenizer (quote rules of issue #13 item 6, exact line numbers).</summary>
    /// <returns>Field bytes seen.</returns>
    [Benchmark]
    public long NpsKitUtf8()
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        using Utf8CsvReader reader = Utf8CsvReader.Open(file, leaveOpen: false, null, ',', Utf8CsvReader.DefaultMaxFieldLength, _ => { });
        _ = reader.Headers;
        long sum = 0;
        while (reader.Read())
        {
            for (int i = 0; i < 4; i++)
            {
                sum += reader.GetSpan(i).Length;
            }
        }

        return sum;
    }
}
