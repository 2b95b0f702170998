using System.Data.Common;

namespace NpsKit.Data;

/// <summary>
/// A generated counting query: the SQL text and its parameters. Every value (zone, range, filter values) is a
/// parameter; identifiers are quoted for the dialect; nothing from the options is pasted into the text except
/// quoted names and the SQL of a <see cref="DbSource.Query"/> source.
/// </summary>
/// <remarks>
/// The result has one row per local period start (day, ISO week or month), segment values, score and validity flag, with
/// the count — and Σw, Σw² when weighted. This type is immutable and thread-safe.
/// </remarks>
public sealed class CountingQuery
{
    internal CountingQuery(SqlDialect dialect, string sql, IReadOnlyList<KeyValuePair<string, object>> parameters, PeriodGrain grain, int segments, bool weighted)
    {
        Dialect = dialect;
        Sql = sql;
        Parameters = parameters;
        Grain = grain;
        SegmentCount = segments;
        IsWeighted = weighted;
    }

    /// <summary>Gets the dialect.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>Gets the SQL text.</summary>
    public string Sql { get; }

    /// <summary>Gets the parameters in the order they appear (names without a prefix; for <see cref="SqlDialect.Snowflake"/>
    /// the placeholders are numbered <c>:1</c>, <c>:2</c>… in this order).</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Parameters { get; }

    internal PeriodGrain Grain { get; }

    internal int SegmentCount { get; }

    internal bool IsWeighted { get; }

    /// <summary>Makes a command on <paramref name="connection"/> with the text and parameters.</summary>
    /// <param name="connection">An open connection of the dialect's engine.</param>
    /// <returns>The command; the caller disposes it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is <see langword="null"/>.</exception>
    public DbCommand CreateCommand(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return CreateCommand(connection, Sql, Parameters);
    }

    /// <summary>A command with a text and named parameters.</summary>
    internal static DbCommand CreateCommand(DbConnection connection, string sql, IEnumerable<KeyValuePair<string, object>> parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            _ = command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Returns the SQL text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Sql;
}

/// <summary>The period grain the database groups by.</summary>
internal enum PeriodGrain
{
    Day,
    Week,
    Month,
}
