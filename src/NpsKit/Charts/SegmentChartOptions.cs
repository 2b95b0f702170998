using NpsKit.Charts.Internal;
using NpsKit.Internal;

namespace NpsKit.Charts;

/// <summary>Settings for <see cref="NpsCharts.SegmentSvg(IEnumerable{ValueTuple{string, NpsTally}}, SegmentChartOptions?)"/>:
/// size, titles, order, and which segments count as too small.</summary>
/// <remarks>Validated as a whole when used: every problem is reported in one <see cref="ArgumentException"/>.
/// This type is immutable and thread-safe.</remarks>
public sealed record SegmentChartOptions
{
    /// <summary>Initializes options with every default; set properties with an object initializer or <c>with</c>.</summary>
    public SegmentChartOptions()
    {
    }

    /// <summary>Gets the default options: 720 wide, 30 pixels a bar, as given, minimum n 30 (or the cube's).</summary>
    public static SegmentChartOptions Default { get; } = new();

    /// <summary>Gets the width of the chart in CSS pixels. The height follows from the number of segments.</summary>
    /// <value>Default 720; allowed 320 to 4000.</value>
    public int Width { get; init; } = 720;

    /// <summary>Gets the height of one bar's row in CSS pixels.</summary>
    /// <value>Default 30; allowed 16 to 200.</value>
    public int RowHeight { get; init; } = 30;

    /// <summary>Gets the title printed above the chart and used as the SVG's accessible name.</summary>
    /// <value>Default <see langword="null"/>: no printed title; the accessible name is then "NPS by segment".</value>
    public string? Title { get; init; }

    /// <summary>Gets a second line printed under the title (e.g. the period and the data source).</summary>
    /// <value>Default <see langword="null"/>: none.</value>
    public string? Subtitle { get; init; }

    /// <summary>Gets the order of the bars.</summary>
    /// <value>Default <see cref="SegmentOrder.AsGiven"/>.</value>
    public SegmentOrder Order { get; init; } = SegmentOrder.AsGiven;

    /// <summary>Gets the number of answers below which a segment is drawn faded and marked "too small".</summary>
    /// <value>Default <see langword="null"/>: 30 for a list of tallies, the cube's
    /// <see cref="Aggregation.NpsCube.MinimumCount"/> for a cube; 0 marks nothing.</value>
    public int? MinimumCount { get; init; }

    /// <summary>Gets the prefix of the <c>id</c> attributes in the SVG, so several charts can sit in one HTML page.</summary>
    /// <value>Default <c>nps-segments</c>; a letter followed by letters, digits, <c>-</c> or <c>_</c>.</value>
    public string IdPrefix { get; init; } = "nps-segments";

    /// <summary>Checks every setting.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid: <see cref="InvalidOptionsException.Problems"/> has
    /// each one (member, value, reason, what is allowed), and the message lists them all.</exception>
    public void Validate()
    {
        var problems = new List<OptionProblem>();
        ChartChecks.Size(problems, nameof(Width), Width, 320);
        if (RowHeight is < 16 or > 200)
        {
            OptionProblems.Add(problems, nameof(RowHeight), OptionProblems.Text(RowHeight), $"is outside 16 to 200 pixels", $"16 to 200 pixels (30 is the default)", $"RowHeight is {RowHeight}: use 16 to 200 pixels (30 is the default).");
        }

        if (!Enum.IsDefined(Order))
        {
            OptionProblems.Add(problems, nameof(Order), OptionProblems.Text((int)Order), $"is not a SegmentOrder", $"AsGiven or ByScore", $"Order is {(int)Order}, which is not a SegmentOrder; use AsGiven or ByScore.");
        }

        if (MinimumCount is < 0)
        {
            OptionProblems.Add(problems, nameof(MinimumCount), OptionProblems.Text(MinimumCount.Value), $"is negative", $"0 (mark nothing), a positive number of answers, or null for the default", $"MinimumCount is {MinimumCount}: use 0 (mark nothing), a positive number of answers, or null for the default.");
        }

        ChartChecks.IdPrefix(problems, nameof(IdPrefix), IdPrefix);
        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(SegmentChartOptions), problems, "options");
        }
    }
}
