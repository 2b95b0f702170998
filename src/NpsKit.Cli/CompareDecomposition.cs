using System.CommandLine;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Drivers;

namespace NpsKit.Cli;

/// <summary><c>nps compare --by COLUMN</c>: which segments drove the change, and whether through mix or performance, in words.
/// Kept apart from <see cref="CompareCommand"/> so the comparison itself stays one file.</summary>
internal static class CompareDecomposition
{
    /// <summary>The <c>--by</c> option.</summary>
    public static Option<string?> ByOption() => new("--by")
    {
        Description = "A segment column: also say which segments drove the change and whether through mix or performance (text format).",
    };

    /// <summary>Writes the decomposition sentence for the two sides of a comparison (two files, or two periods of one file).</summary>
    public static void Write(CliContext context, string[] paths, string? baselinePeriod, string? currentPeriod, string by, string? zone, CsvReadOptions read, double level, string format)
    {
        if (format != "text")
        {
            throw new UsageException("--by works with --format text; for the decomposition as data use 'nps drivers FILE --by COLUMN --format json'.");
        }

        var options = new DecompositionOptions { Level = level };
        Segmentation segmentation = Usage.Check(() => Segmentation.By(by));
        var ignored = new List<IngestReport>();
        NpsChangeDecomposition decomposition;
        if (paths.Length == 2)
        {
            NpsCube a = Input.Read(context, paths[0], p => NpsCsv.ReadCube(p, segmentation, null, read), r => r.Report, ignored).Cube;
            NpsCube b = Input.Read(context, paths[1], p => NpsCsv.ReadCube(p, segmentation, null, read), r => r.Report, ignored).Cube;
            decomposition = ChangeDecomposition.Between(a, b, options: options);
        }
        else
        {
            PeriodUnit unit = PeriodOption.Parse(baselinePeriod!, "--period").Unit;
            var aggregation = new AggregationOptions { Period = unit, TimeZoneId = zone ?? AggregationOptions.Default.TimeZoneId, MinimumCount = 0 };
            NpsCube cube = Input.Read(context, paths[0], p => NpsCsv.ReadCube(p, segmentation, aggregation, read), r => r.Report, ignored).Cube;
            ReportingPeriod Find(string text) => cube.Periods.First(p => string.Equals(p.ToString(), text, StringComparison.OrdinalIgnoreCase));
            decomposition = ChangeDecomposition.Between(cube, Find(baselinePeriod!), Find(currentPeriod!), options: options);
        }

        context.Out.WriteLine($"why       {decomposition.Describe()}");
    }
}
