using System.CommandLine;
using System.Text.Json;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Drivers;

namespace NpsKit.Cli;

/// <summary><c>nps compare --by COLUMN</c>: which segments drove the change, and whether through mix or performance, in words
/// (text) or as data (JSON, the schema in docs/drivers.md). Kept apart from <see cref="CompareCommand"/> so the comparison
/// itself stays one file; <see cref="WriteJson"/> is also the <c>change</c> object of <c>nps drivers --format json</c>.</summary>
internal static class CompareDecomposition
{
    /// <summary>Below this many answers in a period a segment's delta-method interval is rough (see ChangeDecomposition's
    /// remarks); the JSON flags such parts as <c>smallSample</c>.</summary>
    public const int SmallSample = 30;

    /// <summary>The <c>--by</c> option.</summary>
    public static Option<string?> ByOption() => CommonOptions.Segment(
        "A segment column: also say which segments drove the change and whether through mix or performance (text: a sentence; json: a \"decomposition\" object).");

    /// <summary>Decomposes the change between the two sides of a comparison (two files, or two periods of one file).</summary>
    public static NpsChangeDecomposition Compute(CliContext context, string[] paths, string? baselinePeriod, string? currentPeriod, string by, string? zone, CsvReadOptions read, double level)
    {
        var options = new DecompositionOptions { Level = level };
        Segmentation segmentation = Usage.Check(() => Segmentation.By(by));
        var ignored = new List<IngestReport>();
        if (paths.Length == 2)
        {
            NpsCube a = Input.Read(context, paths[0], p => NpsCsv.ReadCube(p, segmentation, null, read), r => r.Report, ignored).Cube;
            NpsCube b = Input.Read(context, paths[1], p => NpsCsv.ReadCube(p, segmentation, null, read), r => r.Report, ignored).Cube;
            return ChangeDecomposition.Between(a, b, options: options);
        }

        PeriodUnit unit = PeriodOption.Parse(baselinePeriod!, "--period").Unit;
        var aggregation = new AggregationOptions { Period = unit, TimeZoneId = zone ?? AggregationOptions.Default.TimeZoneId, MinimumCount = 0 };
        NpsCube cube = Input.Read(context, paths[0], p => NpsCsv.ReadCube(p, segmentation, aggregation, read), r => r.Report, ignored).Cube;
        ReportingPeriod Find(string text) => cube.Periods.First(p => string.Equals(p.ToString(), text, StringComparison.OrdinalIgnoreCase));
        return ChangeDecomposition.Between(cube, Find(baselinePeriod!), Find(currentPeriod!), options: options);
    }

    /// <summary>Writes the decomposition sentence (text format).</summary>
    public static void WriteText(TextWriter output, NpsChangeDecomposition decomposition) =>
        output.WriteLine($"why       {decomposition.Describe()}");

    /// <summary>Writes the decomposition's fields into the current JSON object: change, summary, level, adjustment and the
    /// parts, each part with both sides' answers and NPS, the shares, the contribution and the two terms. The field list and
    /// its meaning are documented in docs/drivers.md ("The decomposition as JSON"), which a test holds to this writer.</summary>
    public static void WriteJson(Utf8JsonWriter j, NpsChangeDecomposition d)
    {
        j.WriteNumber("change", d.Change);
        j.WriteNumber("mix", d.Mix);
        j.WriteNumber("performance", d.Performance);
        j.WriteString("summary", d.Describe());
        j.WriteNumber("level", d.Options.Level);
        j.WriteString("adjustment", d.Options.Adjustment.ToString());
        j.WriteStartArray("parts");
        foreach (ChangePart p in d.Parts)
        {
            j.WriteStartObject();
            j.WriteString("segment", Report.Label(p.Segment));
            Side(j, "baseline", p.Baseline);
            Side(j, "current", p.Current);
            j.WriteNumber("baselineShare", p.BaselineShare);
            j.WriteNumber("currentShare", p.CurrentShare);
            j.WriteNumber("contribution", p.Contribution);
            j.WriteBoolean("smallSample", IsSmall(p.Baseline) || IsSmall(p.Current));
            Term(j, "mix", p.Mix, 1 - d.Options.Level);
            Term(j, "performance", p.Performance, 1 - d.Options.Level);
            j.WriteEndObject();
        }

        j.WriteEndArray();
    }

    /// <summary>Whether a segment present in a period has fewer answers there than <see cref="SmallSample"/>.</summary>
    private static bool IsSmall(NpsTally tally) => tally.Count is > 0 and < SmallSample;

    private static void Side(Utf8JsonWriter j, string name, NpsTally tally)
    {
        j.WriteStartObject(name);
        j.WriteNumber("n", tally.Count);
        if (tally.HasScore)
        {
            j.WriteNumber("nps", tally.Score);
        }
        else
        {
            j.WriteNull("nps");
        }

        j.WriteEndObject();
    }

    private static void Term(Utf8JsonWriter j, string name, ChangeTerm t, double alpha)
    {
        j.WriteStartObject(name);
        j.WriteNumber("estimate", t.Estimate);
        j.WriteBoolean("structural", t.IsStructural);
        j.WriteNumber("standardError", t.StandardError);
        j.WriteNumber("lower", t.Lower);
        j.WriteNumber("upper", t.Upper);
        j.WriteNumber("pValue", t.PValue);
        j.WriteNumber("pAdjusted", t.AdjustedPValue);
        j.WriteBoolean("significant", t.IsSignificant(alpha));
        j.WriteEndObject();
    }
}
