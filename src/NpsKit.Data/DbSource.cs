using System.Globalization;

namespace NpsKit.Data;

/// <summary>Where the answers are: a table or view (its name quoted for the dialect), or a SQL query of your own.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class DbSource
{
    private readonly string[] _nameParts;

    private readonly string[] _files;

    private readonly string[] _arrowFiles;

    private DbSource(string[] nameParts, string? sql, string[]? files = null, string[]? arrowFiles = null)
    {
        _nameParts = nameParts;
        Sql = sql;
        _files = files ?? [];
        _arrowFiles = arrowFiles ?? [];
    }

    /// <summary>Gets the Arrow IPC files of an <see cref="Arrow"/> source; empty otherwise.</summary>
    public IReadOnlyList<string> ArrowFiles => _arrowFiles;

    /// <summary>Gets the Parquet files (paths or globs) of a <see cref="Parquet"/> source; empty otherwise.</summary>
    public IReadOnlyList<string> ParquetFiles => _files;

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

    /// <summary>One or more Parquet files read by DuckDB's <c>read_parquet</c> (the paths are parameters; globs such as
    /// <c>answers/*.parquet</c> and <c>s3://…</c> URLs work where DuckDB supports them). Only <see cref="SqlDialect.DuckDb"/>
    /// reads it; <see cref="NpsParquet.ReadCube"/> opens the embedded engine for you.</summary>
    /// <param name="paths">One or more non-empty paths or globs.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">No paths, or an empty one.</exception>
    public static DbSource Parquet(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Length == 0 || paths.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A Parquet source needs one or more non-empty paths (or globs such as 'answers/*.parquet').", nameof(paths));
        }

        return new DbSource([], null, [.. paths]);
    }

    /// <summary>One or more Arrow IPC files — the file format (Feather 2, <c>.arrow</c>) or the stream format
    /// (<c>.arrows</c>), told apart by their first bytes — read batch by batch by <see cref="NpsArrow.ReadCube"/>, with
    /// the same column mapping, checks and bad-answer report as <see cref="Parquet"/>. Only <see cref="NpsArrow"/> reads it.</summary>
    /// <param name="paths">One or more non-empty paths (no globs).</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">No paths, or an empty one.</exception>
    public static DbSource Arrow(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Length == 0 || paths.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("An Arrow source needs one or more non-empty paths.", nameof(paths));
        }

        return new DbSource([], null, null, [.. paths]);
    }

    /// <summary>Describes the source: the dotted name, the Parquet or Arrow files, or <c>(query)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        _files.Length > 0 ? string.Join(", ", _files) : _arrowFiles.Length > 0 ? string.Join(", ", _arrowFiles) : Sql is null ? string.Join('.', _nameParts) : "(query)";
}
