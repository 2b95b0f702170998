using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Statistics;

namespace NpsKit.Cli;

/// <summary>The HTML report's "What moved it" section: made only when the file has comments or numeric rating columns.</summary>
internal static class WhatMovedItSection
{
    /// <summary>Reads the file as a table and renders the section, or returns <see langword="null"/> when there is nothing to explain.</summary>
    /// <remarks>The change is decomposed between the last two periods by the first <c>--by</c> column; comments are
    /// tagged with the shipped English and Danish example codebooks (<c>nps drivers --themes</c> takes your own).</remarks>
    public static string? Html(CliContext context, string path, CsvReadOptions read, AggregationOptions aggregation, IReadOnlyList<string> segments, double level)
    {
        ResponseTable table = Input.Read(context, path, p => NpsCsv.ReadTable(p, read), r => r.Report, []).Table;
        string? by = segments.Count > 0 ? segments[0] : null;
        // Rating columns: numeric columns the report does not use as segments.
        IReadOnlyList<string> ratings = [.. WhyItMoved.NumericColumns(table, by).Except(segments)];
        if (table.CommentCount == 0 && ratings.Count == 0)
        {
            return null;
        }

        var settings = new WhyItMoved.Settings(
            by, ratings, DriversCommand.LoadCodebooks([]), aggregation with { MinimumCount = 0 }, null, null, level, PValueAdjustment.Holm, 1000, 1);
        return WhyItMoved.Analyze(table, settings).Html();
    }
}
