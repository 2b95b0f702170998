using NpsKit.Charts.Internal;
using NpsKit.Internal;

namespace NpsKit.Charts;

/// <summary>Settings for <see cref="NpsCharts.TrendSvg"/>: size, titles, the interval drawn as a band and the vertical
/// range.</summary>
/// <remarks>Validated as a whole when used: every problem is reported in one <see cref="ArgumentException"/>.
/// This type is immutable and thread-safe.</remarks>
public sealed record TrendChartOptions
{
    /// <summary>Initializes options with every default; set properties with an object initializer or <c>with</c>.</summary>
    public TrendChartOptions()
    {
    }

    /// <summary>Gets the default options: 720 × 360, no title, 95% adjusted Wald band, zoomed scale.</summary>
    public static TrendChartOptions Default { get; } = new();

    /// <summary>Gets the width of the chart in CSS pixels (the SVG's <c>width</c> and <c>viewBox</c>).</summary>
    /// <value>Default 720; allowed 320 to 4000.</value>
    public int Width { get; init; } = 720;

    /// <summary>Gets the height of the chart in CSS pixels.</summary>
    /// <value>Default 360; allowed 200 to 4000.</value>
    public int Height { get; init; } = 360;

    /// <summary>Gets the title printed above the chart and used as the SVG's accessible name.</summary>
    /// <value>Default <see langword="null"/>: no printed title; the accessible name is then "NPS by &lt;unit&gt;".</value>
    public string? Title { get; init; }

    /// <summary>Gets a second line printed under the title (e.g. the data source).</summary>
    /// <value>Default <see langword="null"/>: none.</value>
    public string? Subtitle { get; init; }

    /// <summary>Gets the confidence level of the interval band.</summary>
    /// <value>Default 0.95; strictly between 0 and 1.</value>
    public double Level { get; init; } = 0.95;

    /// <summary>Gets the interval method of the band.</summary>
    /// <value>Default <see cref="NpsIntervalMethod.AdjustedWald"/>.</value>
    public NpsIntervalMethod IntervalMethod { get; init; } = NpsIntervalMethod.AdjustedWald;

    /// <summary>Gets the vertical range.</summary>
    /// <value>Default <see cref="TrendScale.Zoomed"/>.</value>
    public TrendScale Scale { get; init; } = TrendScale.Zoomed;

    /// <summary>Gets a value the zoomed y axis reaches down to at least, so several charts (e.g. one per segment) can
    /// share one scale: give each the lowest interval bound of them all. The axis still extends to every point and band.</summary>
    /// <value>Default <see langword="null"/>: the data alone set the range. From −100 to 100; ignored by
    /// <see cref="TrendScale.Full"/>.</value>
    public double? ScaleMinimum { get; init; }

    /// <summary>Gets a value the zoomed y axis reaches up to at least; see <see cref="ScaleMinimum"/>.</summary>
    /// <value>Default <see langword="null"/>: the data alone set the range. From −100 to 100 and above
    /// <see cref="ScaleMinimum"/>; ignored by <see cref="TrendScale.Full"/>.</value>
    public double? ScaleMaximum { get; init; }

    /// <summary>Gets the prefix of the <c>id</c> attributes in the SVG (its <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c>),
    /// so several charts can sit in one HTML page without clashing ids.</summary>
    /// <value>Default <c>nps-trend</c>; a letter followed by letters, digits, <c>-</c> or <c>_</c>.</value>
    public string IdPrefix { get; init; } = "nps-trend";

    /// <summary>Checks every setting.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid: <see cref="InvalidOptionsException.Problems"/> has
    /// each one (member, value, reason, what is allowed), and the message lists them all.</exception>
    public void Validate()
    {
        var problems = new List<OptionProblem>();
        ChartChecks.Size(problems, nameof(Width), Width, 320);
        ChartChecks.Size(problems, nameof(Height), Height, 200);
        ChartChecks.Level(problems, nameof(Level), Level);
        if (!Enum.IsDefined(IntervalMethod))
        {
            OptionProblems.Add(problems, nameof(IntervalMethod), OptionProblems.Text((int)IntervalMethod), $"is not an NpsIntervalMethod", $"AdjustedWald, Wald, Score, Bayesian, Bootstrap or Exact", $"IntervalMethod is {(int)IntervalMethod}, which is not an NpsIntervalMethod; use AdjustedWald, Wald, Score, Bayesian, Bootstrap or Exact.");
        }

        if (!Enum.IsDefined(Scale))
        {
            OptionProblems.Add(problems, nameof(Scale), OptionProblems.Text((int)Scale), $"is not a TrendScale", $"Zoomed or Full", $"Scale is {(int)Scale}, which is not a TrendScale; use Zoomed or Full.");
        }

        foreach ((string name, double? value) in (ReadOnlySpan<(string, double?)>)[(nameof(ScaleMinimum), ScaleMinimum), (nameof(ScaleMaximum), ScaleMaximum)])
        {
            if (value is double v && !(v >= -100 && v <= 100))
            {
                OptionProblems.Add(problems, name, OptionProblems.Text(v), $"is outside the NPS scale", $"a value from -100 to 100, or null", $"{name} is {v}: use a value on the NPS scale, from -100 to 100, or null.");
            }
        }

        if (ScaleMinimum is double min && ScaleMaximum is double max && min >= max)
        {
            OptionProblems.Add(problems, nameof(ScaleMinimum), OptionProblems.Text(min), $"is not below ScaleMaximum {max}", $"a ScaleMinimum below ScaleMaximum (swap them or leave one null)", $"ScaleMinimum {min} is not below ScaleMaximum {max}: swap them or leave one null.");
        }

        ChartChecks.IdPrefix(problems, nameof(IdPrefix), IdPrefix);
        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(TrendChartOptions), problems, "options");
        }
    }
}
