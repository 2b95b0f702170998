namespace NpsKit.Data;

/// <summary>The SQL dialect a counting query is written in.</summary>
/// <remarks>PostgreSQL and DuckDB are run against the real engines by NpsKit's tests, SQLite too; the SQL for SQL Server,
/// Spark SQL, BigQuery and Snowflake is checked as text (golden tests) but not run there.</remarks>
public enum SqlDialect
{
    /// <summary>PostgreSQL 12 or later, and PostgreSQL-compatible engines (Citus, Aurora, AlloyDB, Neon…): time column
    /// <c>timestamptz</c>; parameters <c>@name</c> (Npgsql).</summary>
    PostgreSql,

    /// <summary>DuckDB 1.x (and MotherDuck): time column <c>TIMESTAMPTZ</c>; parameters <c>$name</c> (DuckDB.NET).</summary>
    DuckDb,

    /// <summary>SQLite 3.38 or later: time column ISO-8601 text with a UTC offset or <c>Z</c>. SQLite has no time-zone
    /// database, so the query groups by UTC buckets and NpsKit assigns the periods (still exact); parameters <c>@name</c>.</summary>
    Sqlite,

    /// <summary>SQL Server 2016 or later and Azure SQL: time column <c>datetimeoffset</c>; zones are sent as Windows ids
    /// (converted from the IANA id); parameters <c>@name</c>. Not run by NpsKit's tests.</summary>
    SqlServer,

    /// <summary>Spark SQL 3.4 or later and Databricks: time column <c>TIMESTAMP</c>, with the session time zone set to UTC
    /// (<c>spark.sql.session.timeZone=UTC</c>); parameters <c>:name</c>. Not run by NpsKit's tests.</summary>
    SparkSql,

    /// <summary>Google BigQuery (GoogleSQL): time column <c>TIMESTAMP</c>; parameters <c>@name</c>. Not run by NpsKit's tests.</summary>
    BigQuery,

    /// <summary>Snowflake: time column <c>TIMESTAMP_TZ</c> or <c>TIMESTAMP_LTZ</c>; numbered parameters <c>:1</c>, <c>:2</c>…
    /// in the order of <see cref="CountingQuery.Parameters"/>. Not run by NpsKit's tests.</summary>
    Snowflake,
}
