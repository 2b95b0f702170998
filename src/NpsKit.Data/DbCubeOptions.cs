using NpsKit.Aggregation;

namespace NpsKit.Data;

/// <summary>
/// What to count and how: the source, which columns hold the score, time, weight and segment values, the reporting
/// calendar and the conditions pushed down into the database.
/// </summary>
/// <remarks>This type is immutable and thread-safe; make changed copies with <c>with</c>.</remarks>
public sealed record DbCubeOptions
{
    /// <summary>Gets the table, view or query the answers are in.</summary>
    public required DbSource Source { get; init; }

    /// <summary>Gets the score column: whole numbers 0..10 (any numeric type; a value with a fraction is a bad answer, never rounded).</summary>
    /// <value>Default <c>score</c>.</value>
    public string ScoreColumn { get; init; } = "score";

    /// <summary>Gets the column of each answer's NPS group, for a table that has a Promoter / Passive / Detractor column and
    /// no 0–10 score (a warehouse fed by a survey tool's group field, such as Qualtrics' <c>Q1_NPS_GROUP</c>). The values
    /// are <c>Promoter</c>, <c>Passive</c> or <c>Detractor</c>, in any case, with or without a plural <c>s</c>, spaces around
    /// ignored; any other value, or NULL, is a bad answer.</summary>
    /// <value>Default <see langword="null"/>: the score column is read. When set, <see cref="ScoreColumn"/> is not read and
    /// the cube is category-only (<see cref="NpsCube.HasScoreDetail"/> is <see langword="false"/>): n, NPS, shares,
    /// intervals and tests are exact; a 0–10 histogram or mean asked of its tallies throws. It cannot be combined with
    /// <see cref="WeightColumn"/> (a weighted tally keeps its weights per 0–10 score).</value>
    public string? GroupColumn { get; init; }

    /// <summary>Gets the time column: when each answer was given (see <see cref="SqlDialect"/> for the type each dialect expects).</summary>
    /// <value>Default <c>submitted_at</c>.</value>
    public string TimeColumn { get; init; } = "submitted_at";

    /// <summary>Gets the IANA zone in which the time column's values are wall-clock times, for a column without a zone
    /// (PostgreSQL <c>timestamp</c>, DuckDB <c>TIMESTAMP</c>, BigQuery <c>DATETIME</c>, Snowflake <c>TIMESTAMP_NTZ</c>,
    /// SQL Server <c>datetime2</c>); <c>Etc/UTC</c> for UTC times.</summary>
    /// <value>Default <see langword="null"/>: the column holds instants (a type with a zone). NpsKit never guesses a zone.
    /// SQLite accepts only <see langword="null"/> (text with an offset) or <c>Etc/UTC</c>.</value>
    public string? TimeColumnZoneId { get; init; }

    /// <summary>Gets the survey weight column; the cube is then weighted (Σw and Σw² per cell are summed in the database).</summary>
    /// <value>Default <see langword="null"/>: unweighted.</value>
    public string? WeightColumn { get; init; }

    /// <summary>Gets the segment dimensions; each is read from the column of the same name unless <see cref="SegmentColumns"/> maps it.</summary>
    /// <value>Default <see cref="Segmentation.Total"/>.</value>
    public Segmentation Segmentation { get; init; } = Segmentation.Total;

    /// <summary>Gets the column of each dimension whose column name differs from the dimension name.</summary>
    /// <value>Default <see langword="null"/>: every dimension is the column of its name.</value>
    public IReadOnlyDictionary<string, string>? SegmentColumns { get; init; }

    /// <summary>Gets the reporting zone, period unit, fiscal start, minimum count and period range of the cube.</summary>
    /// <value>Default <see cref="AggregationOptions.Default"/> (months in UTC).</value>
    public AggregationOptions Aggregation { get; init; } = AggregationOptions.Default;

    /// <summary>Gets the first instant counted (inclusive), pushed down as <c>time &gt;= @from</c>.</summary>
    /// <value>Default <see langword="null"/>: no lower bound. Whole microseconds (whole seconds for SQLite).</value>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the end of the counted time (exclusive), pushed down as <c>time &lt; @to</c>.</summary>
    /// <value>Default <see langword="null"/>: no upper bound. Whole microseconds (whole seconds for SQLite).</value>
    public DateTimeOffset? To { get; init; }

    /// <summary>Gets conditions on other columns, pushed down as <c>column IN (@f0_0, …)</c>, all of which must hold.</summary>
    /// <value>Default none.</value>
    public IReadOnlyList<DbFilter> Filters { get; init; } = [];

    /// <summary>Gets whether answers with a bad value (no time, no score, a score outside 0..10 or with a fraction, a NULL
    /// segment value, a weight that is NULL or not positive) are left out and reported in <see cref="DbCubeResult.Rejected"/>
    /// instead of failing the read.</summary>
    /// <value>Default <see langword="false"/>: the first read with a bad answer throws, listing every kind of problem found.</value>
    public bool SkipInvalid { get; init; }

    /// <summary>The column of a dimension.</summary>
    internal string ColumnOf(string dimension) =>
        SegmentColumns is not null && SegmentColumns.TryGetValue(dimension, out string? column) ? column : dimension;
}
