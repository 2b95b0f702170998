namespace NpsKit.Charts;

/// <summary>The vertical range of a trend chart (<see cref="TrendChartOptions.Scale"/>).</summary>
public enum TrendScale
{
    /// <summary>The default. A range with round ends (multiples of the grid step) that covers every point and every
    /// interval band with a little room, so changes of a few points stay visible; the zero line is drawn when zero is
    /// inside it.</summary>
    Zoomed = 0,

    /// <summary>The whole NPS scale, −100 to +100, so charts of different data can be compared by eye.</summary>
    Full = 1,
}
