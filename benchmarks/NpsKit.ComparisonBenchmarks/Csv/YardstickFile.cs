using System.Globalization;
using System.Text;
using NpsKit.Benchmarks.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.ComparisonBenchmarks.Csv;

/// <summary>
/// The yardstick file of issue #14: <c>respondent_id,responded_at,segment,score</c>, seeded, about 40 bytes a row
/// (10M rows ≈ 400 MB). Respondent ids are <c>R</c> and nine digits; one answer in twenty repeats an earlier
/// respondent, so the deduplicating policies have work to do. Generated once into the temp folder (never committed).
/// </summary>
public static class YardstickFile
{
    /// <summary>The header line.</summary>
    public const string Header = "respondent_id,responded_at,segment,score";

    /// <summary>Writes (once) the seeded file of <paramref name="rows"/> rows and returns its path.</summary>
    /// <param name="rows">Rows.</param>
    /// <returns>The path.</returns>
    public static string Path(int rows)
    {
        string folder = Environment.GetEnvironmentVariable("NPSKIT_BENCH_DATA") ?? System.IO.Path.GetTempPath();
        string path = System.IO.Path.Combine(folder, $"npskit-yardstick-{rows}.csv");
        if (File.Exists(path))
        {
            return path;
        }

        SyntheticColumns data = AggregationData.Generate(rows);
        var rng = new SplitMix64(AggregationData.Seed ^ 0x14);
        string temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" })
        {
            writer.WriteLine(Header);
            Span<char> buffer = stackalloc char[32];
            for (int i = 0; i < data.Count; i++)
            {
                long id = i > 0 && rng.NextInt(20) == 0 ? rng.NextInt(i) : i;
                writer.Write('R');
                id.TryFormat(buffer, out int n, "D9", CultureInfo.InvariantCulture);
                writer.Write(buffer[..n]);
                writer.Write(',');
                new DateTime(data.UtcTicks[i], DateTimeKind.Utc).TryFormat(buffer, out n, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                writer.Write(buffer[..n]);
                writer.Write(',');
                writer.Write(data.SegmentNames[data.SegmentCodes[i]]);
                writer.Write(',');
                writer.Write(data.Scores[i]);
                writer.Write('\n');
            }
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }
}
