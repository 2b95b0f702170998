using System.Globalization;

namespace NpsKit.Data;

/// <summary>Where the answers are: a table or view (its name quoted for the dialect), or a SQL query of your own.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class DbSource
{
    private readonly string[] _nameParts;

    private DbSource(string[] nameParts, string? sql)
    {
        _nameParts = nameParts;
        Sql = sql;
    }

    /// <summary>Gets the name parts of a table or view (e.g. <c>analytics</c>, <c>responses</c>); empty for a query.</summary>
    public IReadOnlyList<string> NameParts => _nameParts;

    /// <summary>Gets the SQL of a query source; <see langword="null"/> for a table or view.</summary>
    public string? Sql { get; }

    /// <summary>A table or view, by its name and optionally its schema, database or project before it
    /// (<c>Table("analytics", "responses")</c> for <c>analytics.responses</c>). Each part is quoted for the dialect, so any
    /// name is safe.</summary>
    /// <param name="nameParts">One to three non-empty parts, outermost first.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">No parts, more than three, or an empty one.</exception>
    public static DbSource Table(params string[] nameParts)
    {
        ArgumentNullException.ThrowIfNull(nameParts);
        if (nameParts.Length is 0 or > 3 || nameParts.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A table is named by 1 to 3 non-empty parts (table, schema.table or database.schema.table); {nameParts.Length} were given{(nameParts.Any(string.IsNullOrEmpty) ? ", some empty" : string.Empty)}."),
                nameof(nameParts));
        }

        return new DbSource([.. nameParts], null);
    }

    /// <summary>Your own SELECT, used as a derived table (<c>FROM (sql) AS src</c>): for joins, views you cannot create, or
    /// <c>read_parquet(…)</c>. It is inserted as written, so never build it from untrusted values — put those in
    /// <see cref="DbCubeOptions.Filters"/>, which are sent as parameters.</summary>
    /// <param name="sql">A query returning the mapped columns.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">The text is empty or ends with a semicolon.</exception>
    public static DbSource Query(string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        if (sql.TrimEnd().EndsWith(';'))
        {
            throw new ArgumentException("The query source is used as a derived table, so it must be one SELECT without a trailing ';'.", nameof(sql));
        }

        return new DbSource([], sql);
    }

    /// <summary>Describes the source: the dotted name, or <c>(query)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Sql is null ? string.Join('.', _nameParts) : "(query)";
}
