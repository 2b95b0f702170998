// The using directives docs/aggregation.md opens with. This file's namespace is outside NpsKit, so both are needed here
// as they are in a reader's code; AggregationDocSnippets runs the class below.
#region aggregation-usings
using NpsKit;
using NpsKit.Aggregation;
#endregion

namespace DocSnippetsOutsideNpsKit;

internal static class AggregationUsings
{
    /// <summary>Counts scores per region with nothing but the two namespaces above in scope.</summary>
    public static NpsTally NorthTally(ResponseTable table) =>
        NpsCube.FromTable(table, Segmentation.By("region")).Tally(SegmentPath.Of("region", "North"));
}
