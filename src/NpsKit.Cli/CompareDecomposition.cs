using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NpsKit.Aggregation;
using NpsKit.Drivers;

namespace NpsKit.Cli;

/// <summary><c>nps compare --by COLUMN</c>: which segments drove the change, and whether through mix or performance, in words
/// (text) or as data (JSON, the schema in docs/drivers.md). Kept apart from <see cref="CompareCommand"/> so the comparison
/// itself stays one file; <see cref="WriteJson"/> is also the <c>change</c> object of <c>nps drivers --format json</c>.</summary>
internal static class CompareDecomposition
{
    /// <summary>The <c>--by</c> option.</summary>
    public static Option<string?> ByOption() => CommonOptions.Segment(
        "A segment column: also say which segments drove the change and whether through mix or performance (text: a sentence; json: a \"decomposition\" object; csv, markdown: the parts).");

    /// <summary>The <c>--then</c> option: the next levels of a hierarchy below <c>--by</c>.</summary>
    public static Option<string[]> ThenOption() => new("--then")
    {
        Description = "With --by: a column nested inside it, e.g. --by department --then team; each --by segment's share of the change is split over its --then values. Repeat for deeper levels. Tests across all levels are adjusted together (Holm).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The segmentation of <c>--by</c> and <c>--then</c>: the total without <c>--by</c>, one dimension, or a
    /// hierarchy outermost first.</summary>
    public static Segmentation Segmentation(string? by, string[] then)
    {
        if (by is null)
        {
            return then.Length > 0
                ? throw new UsageException($"--then {then[0]} names a level below --by: give the outer column too, e.g. --by department --then {then[0]}.")
                : NpsKit.Aggregation.Segmentation.Total;
        }

        string[] levels = [by, .. then];
        string? repeated = levels.GroupBy(l => l, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
        {
            throw new UsageException($"--by/--then name the column {repeated} twice: each level of the hierarchy is a different column, outermost first (e.g. --by department --then team).");
        }

        return Usage.Check(() => levels.Length == 1 ? NpsKit.Aggregation.Segmentation.By(by) : NpsKit.Aggregation.Segmentation.Hierarchy(levels));
    }

    /// <summary>Writes the decomposition sentences (text format): the <c>why</c> line of the outermost level, then one
    /// line per drilled-into segment, indented by its depth.</summary>
    public static void WriteText(TextWriter output, IReadOnlyList<NpsChangeDecomposition> drill)
    {
        output.WriteLine($"why       {drill[0].Describe()}");
        for (int i = 1; i < drill.Count; i++)
        {
            output.WriteLine($"{new string(' ', 8 + (2 * drill[i].Parent.Depth))}{drill[i].Describe()}");
        }
    }

    /// <summary>Writes each decomposition as a Markdown table (the outermost level first, then each drilled-into segment).</summary>
    public static void WriteMarkdown(TextWriter output, IReadOnlyList<NpsChangeDecomposition> drill)
    {
        foreach (NpsChangeDecomposition d in drill)
        {
            output.WriteLine();
            output.Write(d.ToMarkdown());
        }
    }

    /// <summary>The CSV columns: one row for the comparison (<c>parent</c> and <c>segment</c> empty), then one per part.</summary>
    internal static readonly string[] CsvHeader =
    [
        "depth", "parent", "segment", "baseline_n", "current_n", "baseline_nps", "current_nps", "baseline_share", "current_share",
        "change", "mix", "mix_lower", "mix_upper", "mix_p_adjusted", "mix_significant",
        "performance", "performance_lower", "performance_upper", "performance_p_adjusted", "performance_significant", "small_sample",
    ];

    /// <summary>Writes the comparison and the parts as CSV (invariant culture, RFC 4180 quoting): a row of depth 0 for the
    /// whole change (with <c>mix</c> and <c>performance</c> the sums of the outermost level's parts; the test columns empty —
    /// the text and JSON formats carry the comparison's test), then a row per part of every decomposition, depth 1 for the
    /// outermost level.</summary>
    public static void WriteCsv(TextWriter output, NpsTally baseline, NpsTally current, NpsComparison comparison, IReadOnlyList<NpsChangeDecomposition>? drill)
    {
        output.WriteLine(string.Join(',', CsvHeader));
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        static string Q(string v) => v.Contains(',') || v.Contains('"') || v.Contains('\n') || v.Contains('\r') ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
        output.WriteLine(string.Join(',', [
            "0", string.Empty, "(all)", baseline.Count.ToString(CultureInfo.InvariantCulture), current.Count.ToString(CultureInfo.InvariantCulture),
            N(comparison.Baseline), N(comparison.Current), "1", "1", N(comparison.Difference),
            drill is null ? string.Empty : N(drill[0].Mix), string.Empty, string.Empty, string.Empty, string.Empty,
            drill is null ? string.Empty : N(drill[0].Performance), string.Empty, string.Empty, string.Empty, string.Empty, string.Empty]));
        if (drill is null)
        {
            return;
        }

        foreach (NpsChangeDecomposition d in drill)
        {
            double alpha = 1 - d.Options.Level;
            foreach (ChangePart p in d.Parts)
            {
                output.WriteLine(string.Join(',', [
                    (d.Parent.Depth + 1).ToString(CultureInfo.InvariantCulture), Q(d.Parent.IsTotal ? string.Empty : Report.Label(d.Parent)), Q(Report.Label(p.Segment)),
                    p.Baseline.Count.ToString(CultureInfo.InvariantCulture), p.Current.Count.ToString(CultureInfo.InvariantCulture),
                    p.Baseline.HasScore ? N(p.Baseline.Score) : string.Empty, p.Current.HasScore ? N(p.Current.Score) : string.Empty,
                    N(p.BaselineShare), N(p.CurrentShare), N(p.Contribution),
                    N(p.Mix.Estimate), N(p.Mix.Lower), N(p.Mix.Upper), p.Mix.IsStructural ? string.Empty : N(p.Mix.AdjustedPValue), !p.IsSmallSample && p.Mix.IsSignificant(alpha) ? "true" : "false",
                    N(p.Performance.Estimate), N(p.Performance.Lower), N(p.Performance.Upper), p.Performance.IsStructural ? string.Empty : N(p.Performance.AdjustedPValue), !p.IsSmallSample && p.Performance.IsSignificant(alpha) ? "true" : "false",
                    p.IsSmallSample ? "true" : "false"]));
            }
        }
    }

    /// <summary>Writes <c>then</c> (the nested columns) and <c>drill</c> (one object per drilled-into segment, with
    /// <c>parent</c>, <c>depth</c> and the fields of <see cref="WriteJson"/>) into the current JSON object; both are empty
    /// arrays without <c>--then</c>.</summary>
    public static void WriteDrill(Utf8JsonWriter j, string[] then, IReadOnlyList<NpsChangeDecomposition> drill)
    {
        j.WriteStartArray("then");
        foreach (string t in then)
        {
            j.WriteStringValue(t);
        }

        j.WriteEndArray();
        j.WriteStartArray("drill");
        for (int i = 1; i < drill.Count; i++)
        {
            j.WriteStartObject();
            j.WriteString("parent", Report.Label(drill[i].Parent));
            j.WriteNumber("depth", drill[i].Parent.Depth + 1);
            WriteJson(j, drill[i]);
            j.WriteEndObject();
        }

        j.WriteEndArray();
    }

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
            j.WriteBoolean("smallSample", p.IsSmallSample);
            Term(j, "mix", p.Mix, 1 - d.Options.Level, p.IsSmallSample);
            Term(j, "performance", p.Performance, 1 - d.Options.Level, p.IsSmallSample);
            j.WriteEndObject();
        }

        j.WriteEndArray();
    }

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

    /// <summary>A part's term; <c>significant</c> is never claimed for a small-sample part (its normal test is rough),
    /// as its sentence says "too few answers to tell".</summary>
    private static void Term(Utf8JsonWriter j, string name, ChangeTerm t, double alpha, bool smallSample)
    {
        j.WriteStartObject(name);
        j.WriteNumber("estimate", t.Estimate);
        j.WriteNumber("testedEstimate", t.TestedEstimate);
        j.WriteBoolean("structural", t.IsStructural);
        j.WriteNumber("standardError", t.StandardError);
        j.WriteNumber("lower", t.Lower);
        j.WriteNumber("upper", t.Upper);
        j.WriteNumber("pValue", t.PValue);
        j.WriteNumber("pAdjusted", t.AdjustedPValue);
        j.WriteBoolean("significant", !smallSample && t.IsSignificant(alpha));
        j.WriteEndObject();
    }
}
