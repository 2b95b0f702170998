using System.Globalization;

namespace NpsKit.Cli;

/// <summary>Numbers as people read them.</summary>
internal static class Words
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A comparison in words: "up 6.2 points, likely real: p = 0.01" or "…could be chance: p = 0.41".</summary>
    public static string Describe(NpsComparison comparison, double level)
    {
        double difference = comparison.Difference;
        if (!comparison.IsComputable)
        {
            return "the change test cannot be computed: p –, the standard error is 0 (every answer of each side in one category); no claim either way";
        }

        string size = Points(Math.Abs(difference));
        string direction = size == "0.0" ? "no change" : (difference > 0 ? $"up {size} points" : $"down {size} points");
        string verdict = comparison.IsSignificant(1 - level) ? "likely real" : "could be chance";
        return $"{direction}, {verdict}: {P(comparison.PValue)}";
    }

    /// <summary>A p-value: "p = 0.41", "p = 0.004", "p &lt; 0.001".</summary>
    public static string P(double p) => p < 0.001 ? "p < 0.001" : $"p = {PValue(p)}";

    /// <summary>A bare p-value: two decimals, three below 0.01, "&lt;0.001" below that.</summary>
    public static string PValue(double p) => p switch
    {
        < 0.001 => "<0.001",
        < 0.01 => p.ToString("0.000", Invariant),
        _ => p.ToString("0.00", Invariant),
    };

    /// <summary>NPS points with one decimal.</summary>
    public static string Points(double value) => value.ToString("0.0", Invariant);

    /// <summary>NPS points with one decimal and a sign.</summary>
    public static string Signed(double value) => value.ToString("+0.0;-0.0;0.0", Invariant);

    /// <summary>A share 0..1 as a percentage with one decimal.</summary>
    public static string Percent(double share) => (100 * share).ToString("0.0", Invariant) + "%";

    /// <summary>An interval as "[lower, upper]".</summary>
    public static string Interval(NpsInterval interval, bool signed = false) => signed
        ? $"[{Signed(interval.Lower)}, {Signed(interval.Upper)}]"
        : $"[{Points(interval.Lower)}, {Points(interval.Upper)}]";

    /// <summary>A confidence level as a percentage label, e.g. "95%".</summary>
    public static string IntervalMethodLabel(NpsIntervalMethod method) => method switch
    {
        NpsIntervalMethod.AdjustedWald => "adjusted Wald (Rocks 2016)",
        NpsIntervalMethod.Wald => "Wald",
        NpsIntervalMethod.Score => "Tango score (Tango 1998)",
        NpsIntervalMethod.Bayesian => "Bayesian, Jeffreys prior",
        NpsIntervalMethod.Exact => "exact, coverage never below the level (Chan & Zhang 1999 inversion up to 100 answers, Bonferroni–Clopper–Pearson above)",
        _ => method.ToString(),
    };

    /// <summary>A confidence level as a percentage, e.g. 95%.</summary>
    public static string LevelLabel(double level) => (100 * level).ToString("0.##", Invariant) + "%";
}
