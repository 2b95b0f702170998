using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using NpsKit.Csv;
using NpsKit.TestUtilities;

namespace NpsKit.Benchmarks.Csv;

/// <summary>One row as CsvHelper's record mapping reads it (the baseline).</summary>
[CsvRecord]
public sealed partial class IngestRow
{
    /// <summary>The time as text.</summary>
    public string SubmittedAt { get; set; } = string.Empty;

    /// <summary>The score.</summary>
    public int Score { get; set; }

    /// <summary>The department.</summary>
    public string Department { get; set; } = string.Empty;

    /// <summary>The region.</summary>
    public string Region { get; set; } = string.Empty;
}

/// <summary>
/// CSV ingest of seeded files of about 40 bytes a row (<c>SubmittedAt,Score,Department,Region</c>): NpsKit's span-based
/// reader against CsvHelper record mapping + LINQ (baseline), both producing the overall tally.
/// </summary>
[MemoryDiagnoser]
public class CsvIngestBenchmarks
{
    private string _path = string.Empty;

    /// <summary>Rows in the file.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    /// <summary>Writes the seeded file once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"npskit-bench-{Rows}.csv");
        if (File.Exists(_path))
        {
            return;
        }

        using var writer = new StreamWriter(_path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine("SubmittedAt,Score,Department,Region");
        foreach (SyntheticResponse r in SyntheticResponses.Generate(Rows, 42, new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.Zero), 24))
        {
            writer.Write(r.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(r.Score);
            writer.Write(',');
            writer.Write(r.Department);
            writer.Write(',');
            writer.WriteLine(r.Region);
        }
    }

    /// <summary>CsvHelper record mapping, then LINQ to count promoters and detractors.</summary>
    [Benchmark(Baseline = true)]
    public NpsTally CsvHelperRecordsLinq()
    {
        using CsvReader reader = CsvReader.FromFile(_path, CsvReaderOptions.Default);
        return NpsTally.FromScores(reader.GetRecords<IngestRow>().Select(r => r.Score).ToArray());
    }

    /// <summary>NpsKit: span-based field conversion, validation of every score and time, streaming.</summary>
    [Benchmark]
    public NpsTally NpsKitReadTally() => NpsCsv.ReadTally(_path, new CsvReadOptions { Delimiter = ',' }).Tally;
}
