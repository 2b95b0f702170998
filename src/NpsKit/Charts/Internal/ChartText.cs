using System.Globalization;
using NpsKit.Aggregation;

namespace NpsKit.Charts.Internal;

/// <summary>Numbers and words as the charts print them (invariant culture, fixed formats).</summary>
internal static class ChartText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The estimated width of <paramref name="text"/> at <paramref name="fontSize"/>: 0.6 em a character,
    /// generous for proportional sans-serif fonts.</summary>
    public static double Width(string text, double fontSize) => text.Length * fontSize * 0.6;

    /// <summary>Shortens <paramref name="text"/> with "…" so that it fits <paramref name="width"/> pixels.</summary>
    public static string Fit(string text, double width, double fontSize, bool bold = false) =>
        Truncate(text, Math.Max(4, (int)(width / (fontSize * (bold ? 0.64 : 0.6)))));

    public static string Signed(double value)
    {
        string text = value.ToString("+0.0;\u22120.0;0.0", Invariant);
        return text is "+0.0" or "\u22120.0" ? "0.0" : text;
    }

    public static string Tick(double value) => value switch
    {
        > 0 => "+" + value.ToString("0.##", Invariant),
        < 0 => "\u2212" + (-value).ToString("0.##", Invariant),
        _ => "0",
    };

    public static string Count(long n) => n.ToString("N0", Invariant);

    public static string Percent(double share) => (100 * share).ToString("0", Invariant) + "%";

    public static string Level(double level) => (100 * level).ToString("0.##", Invariant) + "%";

    public static string Method(NpsIntervalMethod method) => method switch
    {
        NpsIntervalMethod.AdjustedWald => "adjusted Wald",
        NpsIntervalMethod.Wald => "Wald",
        NpsIntervalMethod.Score => "Tango score",
        NpsIntervalMethod.Bayesian => "Bayesian",
        _ => "bootstrap",
    };

    public static string Unit(PeriodUnit unit) => unit switch
    {
        PeriodUnit.Day => "day",
        PeriodUnit.IsoWeek => "ISO week",
        PeriodUnit.Month => "month",
        PeriodUnit.Quarter => "quarter",
        PeriodUnit.Year => "year",
        PeriodUnit.FiscalQuarter => "fiscal quarter",
        _ => "fiscal year",
    };

    /// <summary>A segment's values joined with " / ", or "all answers" for the total.</summary>
    public static string Segment(SegmentPath segment)
    {
        if (segment.IsTotal)
        {
            return "all answers";
        }

        var values = new string[segment.Depth];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = segment.ValueAt(i);
        }

        return string.Join(" / ", values);
    }

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="maxChars"/> characters, ending in "…".</summary>
    public static string Truncate(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        int keep = Math.Max(1, maxChars - 1);
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text[..keep] + "\u2026";
    }
}
