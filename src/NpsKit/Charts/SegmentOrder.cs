namespace NpsKit.Charts;

/// <summary>The order of the bars in a segment chart (<see cref="SegmentChartOptions.Order"/>).</summary>
public enum SegmentOrder
{
    /// <summary>The default. The bars in the order the segments are given (for a cube, the cube's segment order).</summary>
    AsGiven = 0,

    /// <summary>Highest NPS at the top, a league table; ties keep the given order and segments without answers go last.</summary>
    ByScore = 1,
}
