using System.CommandLine;
using System.Globalization;
using NpsKit.Statistics;

namespace NpsKit.Cli;

/// <summary>
/// The multiple-comparison control of a report: every change test of the report (all segments × periods) is one
/// family, adjusted with <see cref="MultipleComparisons.Adjust"/> (Holm 1979 by default, Benjamini &amp; Hochberg 1995,
/// or none), and a change is flagged significant only when its adjusted p-value is below 1 − level.
/// </summary>
internal static class ReportMultipleComparisons
{
    private static readonly Dictionary<string, PValueAdjustment> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["holm"] = PValueAdjustment.Holm,
        ["bh"] = PValueAdjustment.BenjaminiHochberg,
        ["none"] = PValueAdjustment.None,
    };

    /// <summary>The <c>--adjust</c> option: holm (default), bh or none.</summary>
    public static Option<string> Option()
    {
        Option<string> adjust = new("--adjust")
        {
            Description = "Multiple-comparison adjustment of the change p-values across the whole report: holm (default; family-wise error rate, Holm 1979), bh (false discovery rate, Benjamini-Hochberg 1995) or none.",
            DefaultValueFactory = _ => "holm",
        };
        adjust.AcceptOnly([.. Names.Keys]);
        return adjust;
    }

    /// <summary>The adjustment an <c>--adjust</c> value names.</summary>
    public static PValueAdjustment Parse(string value) => Names[value];

    /// <summary>The name shown in reports.</summary>
    public static string Label(PValueAdjustment adjustment) => adjustment switch
    {
        PValueAdjustment.Holm => "Holm",
        PValueAdjustment.BenjaminiHochberg => "Benjamini-Hochberg",
        _ => "none",
    };

    /// <summary>What the adjustment controls, in words, for the settings of a report.</summary>
    public static string Describe(Report report)
    {
        int tests = report.Rows.Count(row => row.Change is { IsComputable: true });
        string alpha = (1 - report.Level).ToString("0.###", CultureInfo.InvariantCulture);
        return report.Adjustment switch
        {
            PValueAdjustment.Holm => $"Holm (1979) across the {tests} change tests: the chance of any false 'significant' flag is at most {alpha}",
            PValueAdjustment.BenjaminiHochberg => $"Benjamini-Hochberg (1995) across the {tests} change tests: the expected share of false flags among the flags is at most {alpha}",
            _ => $"none: each of the {tests} change tests at {alpha} on its own, so about {alpha} × {tests} flags are expected by chance alone",
        };
    }

    /// <summary>The rows with <see cref="ReportRow.AdjustedPValue"/> set over the family of computable change tests.</summary>
    public static List<ReportRow> Adjust(List<ReportRow> rows, PValueAdjustment adjustment)
    {
        double[] raw = [.. rows.Select(row => row.Change is { IsComputable: true } c ? c.PValue : double.NaN)];
        double[] adjusted = MultipleComparisons.Adjust(raw, adjustment);
        return [.. rows.Select((row, i) => double.IsNaN(adjusted[i]) ? row : row with { AdjustedPValue = adjusted[i] })];
    }

    /// <summary>Whether the row's change is significant after adjustment: adjusted p &lt; 1 − level.</summary>
    public static bool IsSignificant(ReportRow row, double level) => row.AdjustedPValue is { } p && p < 1 - level;

    /// <summary>The raw p-value cell: the value, "–" when the test cannot be computed, "-" without a change.</summary>
    public static string RawCell(ReportRow row) => row.Change switch
    {
        null => "-",
        { IsComputable: false } => "–",
        { } c => Words.PValue(c.PValue),
    };

    /// <summary>The adjusted p-value cell.</summary>
    public static string AdjustedCell(ReportRow row) => row.AdjustedPValue is { } p ? Words.PValue(p) : row.Change is null ? "-" : "–";

    /// <summary>The note about the change: significant after adjustment, or not computable.</summary>
    public static string? Note(ReportRow row, Report report) => row.Change switch
    {
        { IsComputable: false } => "change test cannot be computed (standard error 0)",
        not null when IsSignificant(row, report.Level) => report.Adjustment == PValueAdjustment.None
            ? "significant change (unadjusted)"
            : $"significant change ({Label(report.Adjustment)}-adjusted)",
        _ => null,
    };
}
