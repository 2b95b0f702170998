namespace NpsKit.Data;

/// <summary>A condition pushed down into the counting query: a column equals one of some values (<c>column IN (…)</c>),
/// each value sent as a parameter.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class DbFilter
{
    private readonly object[] _values;

    private DbFilter(string column, object[] values)
    {
        Column = column;
        _values = values;
    }

    /// <summary>Gets the column.</summary>
    public string Column { get; }

    /// <summary>Gets the allowed values.</summary>
    public IReadOnlyList<object> Values => _values;

    /// <summary>Keeps answers whose <paramref name="column"/> equals one of <paramref name="values"/>.</summary>
    /// <param name="column">The column name (quoted for the dialect).</param>
    /// <param name="values">One or more values (strings, numbers, dates…), none null; each becomes a parameter.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException">The column is empty, or no values (or a null value) are given.</exception>
    public static DbFilter In(string column, params object[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0 || values.Any(v => v is null))
        {
            throw new ArgumentException($"A filter on '{column}' needs one or more non-null values (a NULL never equals anything in SQL).", nameof(values));
        }

        return new DbFilter(column, [.. values]);
    }

    /// <summary>Describes the filter, e.g. <c>region IN (3 values)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Column} IN ({_values.Length} values)";
}
