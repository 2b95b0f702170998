using System.Globalization;
using System.Text;
using NpsKit.Aggregation;

namespace NpsKit.Data.Internal;

/// <summary>Writes the counting query for one dialect: the only place SQL text is made.</summary>
internal sealed class QueryWriter
{
    private readonly SqlDialect _dialect;
    private readonly List<KeyValuePair<string, object>> _parameters = [];

    private string? _columnZone;
    private string _time = string.Empty;

    private QueryWriter(SqlDialect dialect) => _dialect = dialect;

    public static CountingQuery Write(SqlDialect dialect, DbCubeOptions options, long bucketSeconds = 900)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(dialect))
        {
            throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Not a SqlDialect: use PostgreSql, DuckDb, Sqlite, SqlServer, SparkSql, BigQuery or Snowflake.");
        }

        ReportingCalendar calendar = Validate(dialect, options);
        var w = new QueryWriter(dialect);
        PeriodGrain grain = dialect == SqlDialect.Sqlite ? PeriodGrain.UtcBucket : calendar.Unit switch
        {
            PeriodUnit.Day => PeriodGrain.Day,
            PeriodUnit.IsoWeek => PeriodGrain.Week,
            _ => PeriodGrain.Month, // quarters, years and fiscal periods are whole months: NpsKit adds the months up
        };
        return w.Build(options, calendar, grain, bucketSeconds);
    }

    /// <summary>A query returning the source's columns: DuckDB's DESCRIBE (name, type), otherwise an empty SELECT whose
    /// reader names the columns and types.</summary>
    public static string Describe(SqlDialect dialect, DbSource source)
    {
        var w = new QueryWriter(dialect);
        string from = w.Source(source);
        if (w._parameters.Count > 0)
        {
            // Parquet paths: the DESCRIBE runs on the same engine, so the paths stay parameters.
            return "DESCRIBE SELECT * FROM " + from;
        }

        return dialect switch
        {
            SqlDialect.DuckDb => $"DESCRIBE SELECT * FROM {from} src",
            SqlDialect.SqlServer => $"SELECT TOP 0 * FROM {from} src",
            _ => $"SELECT * FROM {from} src LIMIT 0",
        };
    }

    public static IReadOnlyList<KeyValuePair<string, object>> DescribeParameters(DbSource source)
    {
        var w = new QueryWriter(SqlDialect.DuckDb);
        _ = w.Source(source);
        return w._parameters;
    }

    private static ReportingCalendar Validate(SqlDialect dialect, DbCubeOptions options)
    {
        var problems = new List<string>();
        ReportingCalendar? calendar = null;
        try
        {
            calendar = options.Aggregation.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add(e.Message);
        }

        if (options.Source is null)
        {
            problems.Add("Source is not set: use DbSource.Table(\"responses\") or DbSource.Query(\"SELECT …\").");
        }
        else if (options.Source.ParquetFiles.Count > 0 && dialect != SqlDialect.DuckDb)
        {
            problems.Add($"Parquet files are read by DuckDB's read_parquet, not by {dialect}: use SqlDialect.DuckDb (NpsParquet.ReadCube opens the embedded engine).");
        }

        CheckColumn(problems, nameof(options.ScoreColumn), options.ScoreColumn);
        CheckColumn(problems, nameof(options.TimeColumn), options.TimeColumn);
        if (options.WeightColumn is not null)
        {
            CheckColumn(problems, nameof(options.WeightColumn), options.WeightColumn);
        }

        foreach (string dimension in options.Segmentation?.Dimensions ?? [])
        {
            CheckColumn(problems, $"the column of segment '{dimension}'", options.ColumnOf(dimension));
        }

        if (options.TimeColumnZoneId is string source && !TimeZoneInfo.TryFindSystemTimeZoneById(source, out _))
        {
            problems.Add($"TimeColumnZoneId '{source}' is not a known IANA time zone id: use one such as 'Etc/UTC' or 'Europe/Copenhagen'.");
        }

        if (dialect == SqlDialect.Sqlite && options.TimeColumnZoneId is string z && z is not ("Etc/UTC" or "UTC"))
        {
            problems.Add($"TimeColumnZoneId '{z}': SQLite has no time-zone database, so only times with an offset (null) or UTC times ('Etc/UTC') can be read; store the times with their offset.");
        }

        long unit = dialect == SqlDialect.Sqlite ? TimeSpan.TicksPerSecond : 10;
        foreach ((string name, DateTimeOffset? bound) in new[] { ("From", options.From), ("To", options.To) })
        {
            if (bound is DateTimeOffset b && b.UtcTicks % unit != 0)
            {
                problems.Add($"{name} {b:O} has a fraction finer than the database compares: use whole {(unit == 10 ? "microseconds" : "seconds")}.");
            }
        }

        if (options.From is DateTimeOffset f && options.To is DateTimeOffset t && f >= t)
        {
            problems.Add($"From {f:O} is not before To {t:O}: the range [From, To) would be empty.");
        }

        if (dialect == SqlDialect.SqlServer && calendar is not null)
        {
            foreach (string zone in new[] { calendar.TimeZoneId, options.TimeColumnZoneId }.OfType<string>())
            {
                if (WindowsZone(zone) is null)
                {
                    problems.Add($"SQL Server names zones by Windows ids, and '{zone}' has no Windows id this system knows.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"{nameof(DbCubeOptions)} are invalid:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}", nameof(options));
        }

        return calendar!;
    }

    private static void CheckColumn(List<string> problems, string what, string? column)
    {
        if (string.IsNullOrEmpty(column))
        {
            problems.Add($"{what} is empty: name the column.");
        }
        else if (column.Contains('\0', StringComparison.Ordinal))
        {
            problems.Add($"{what} contains a NUL character, which no database allows in a name.");
        }
    }

    private static string? WindowsZone(string iana) =>
        iana is "Etc/UTC" or "UTC" ? "UTC" : TimeZoneInfo.TryConvertIanaIdToWindowsId(iana, out string? id) ? id : null;

    private CountingQuery Build(DbCubeOptions o, ReportingCalendar calendar, PeriodGrain grain, long bucketSeconds)
    {
        string time = Q(o.TimeColumn);
        _time = time;
        _columnZone = o.TimeColumnZoneId;
        string score = Q(o.ScoreColumn);
        string? weight = o.WeightColumn is null ? null : Q(o.WeightColumn);
        string[] segments = [.. o.Segmentation.Dimensions.Select(d => Q(o.ColumnOf(d)))];

        // The inner query: one row per answer, with the period (or UTC second) and a validity flag; the outer query counts.
        var inner = new StringBuilder();
        string instant = Instant(time, o.TimeColumnZoneId);
        inner.Append("    SELECT ").Append(PeriodExpression(instant, calendar.TimeZoneId, grain)).Append(" AS nps_p");
        for (int i = 0; i < segments.Length; i++)
        {
            inner.Append(", ").Append(Text(segments[i])).Append(" AS nps_s").Append(i.ToString(CultureInfo.InvariantCulture));
        }

        inner.Append(", ").Append(score).Append(" AS nps_score");
        var flags = new List<string>();
        if (weight is not null)
        {
            inner.Append(", ").Append(weight).Append(" AS nps_w");
            flags.Add($"CASE WHEN {weight} IS NULL OR NOT ({weight} > 0) THEN 1 ELSE 0 END");
        }

        if (_dialect == SqlDialect.Sqlite && o.TimeColumnZoneId is null)
        {
            // SQLite reads a time without an offset as UTC: a guess NpsKit refuses, so such answers are flagged.
            flags.Add($"CASE WHEN {time} LIKE '%Z' OR (substr({time}, -6, 1) IN ('+', '-') AND substr({time}, -3, 1) = ':') THEN 0 ELSE 2 END");
        }

        if (TypeCheck(time, o.TimeColumnZoneId is null) is string typeFlag)
        {
            flags.Add(typeFlag);
        }

        inner.Append(", ").Append(flags.Count == 0 ? "0" : string.Join(" + ", flags)).Append(" AS nps_flag");
        inner.Append('\n').Append("    FROM ").Append(Source(o.Source)).Append(" src");
        var where = new List<string>();
        if (o.From is DateTimeOffset from)
        {
            where.Add($"{instant} >= {Bound("from", from)}");
        }

        if (o.To is DateTimeOffset to)
        {
            where.Add($"{instant} < {Bound("to", to)}");
        }

        for (int f = 0; f < o.Filters.Count; f++)
        {
            DbFilter filter = o.Filters[f];
            IEnumerable<string> values = filter.Values.Select((v, i) => P(string.Create(CultureInfo.InvariantCulture, $"f{f}_{i}"), v));
            where.Add($"{Q(filter.Column)} IN ({string.Join(", ", values)})");
        }

        if (where.Count > 0)
        {
            inner.Append('\n').Append("    WHERE ").Append(string.Join("\n      AND ", where));
        }

        string period = grain == PeriodGrain.UtcBucket ? Bucket("q.nps_p", bucketSeconds) : "q.nps_p";
        var keys = new List<string> { period };
        keys.AddRange(segments.Select((_, i) => "q.nps_s" + i.ToString(CultureInfo.InvariantCulture)));
        keys.Add("q.nps_score");
        keys.Add("q.nps_flag");
        var sql = new StringBuilder();
        sql.Append("SELECT ").Append(period).Append(" AS nps_period");
        for (int i = 0; i < segments.Length; i++)
        {
            sql.Append(", q.nps_s").Append(i.ToString(CultureInfo.InvariantCulture));
        }

        sql.Append(", q.nps_score, q.nps_flag, COUNT(*) AS nps_n");
        if (weight is not null)
        {
            sql.Append(", SUM(q.nps_w) AS nps_sw, SUM(q.nps_w * q.nps_w) AS nps_sw2");
        }

        sql.Append("\nFROM (\n").Append(inner).Append("\n) q\nGROUP BY ").Append(string.Join(", ", keys));
        return new CountingQuery(_dialect, sql.ToString(), [.. _parameters], grain, segments.Length, weight is not null, bucketSeconds);
    }

    /// <summary>A flag (4) for a time column whose type does not match <see cref="DbCubeOptions.TimeColumnZoneId"/>: a
    /// wall-clock type read as instants (or the reverse) would be converted with a guessed zone. PostgreSQL and DuckDB.</summary>
    private string? TypeCheck(string time, bool instants) => _dialect switch
    {
        SqlDialect.PostgreSql => $"CASE WHEN pg_typeof({time}) {(instants ? "<>" : "=")} 'timestamp with time zone'::regtype THEN 4 ELSE 0 END",
        SqlDialect.DuckDb => $"CASE WHEN typeof({time}) {(instants ? "<>" : "=")} 'TIMESTAMP WITH TIME ZONE' THEN 4 ELSE 0 END",
        _ => null,
    };

    /// <summary>The UTC bucket start (in seconds) of a second count; floor division, also before 1970.</summary>
    private string Bucket(string seconds, long width)
    {
        string w = P("width", width);
        return $"({seconds} - ((({seconds} % {w}) + {w}) % {w}))";
    }

    private string Source(DbSource source)
    {
        if (source.ParquetFiles.Count > 0)
        {
            string[] files = [.. source.ParquetFiles.Select((f, i) => P(string.Create(CultureInfo.InvariantCulture, $"file{i}"), f))];
            return files.Length == 1 ? $"read_parquet({files[0]})" : $"read_parquet([{string.Join(", ", files)}])";
        }

        return source.Sql is string sql ? $"(\n{sql}\n    )" : string.Join('.', source.NameParts.Select(Q));
    }

    /// <summary>The time column as an instant (a type with a zone), converting wall-clock times from their zone.</summary>
    private string Instant(string time, string? columnZone)
    {
        if (columnZone is null)
        {
            return _dialect == SqlDialect.Sqlite ? $"CAST(strftime('%s', {time}) AS INTEGER)" : time;
        }

        return _dialect switch
        {
            SqlDialect.PostgreSql => $"({time} AT TIME ZONE {P("column_zone", columnZone)})",
            SqlDialect.DuckDb => $"timezone({P("column_zone", columnZone)}, {time})",
            SqlDialect.Sqlite => $"CAST(strftime('%s', {time}) AS INTEGER)",
            SqlDialect.SqlServer => $"({time} AT TIME ZONE {P("column_zone", WindowsZone(columnZone)!)})",
            SqlDialect.SparkSql => $"to_utc_timestamp({time}, {P("column_zone", columnZone)})",
            SqlDialect.BigQuery => $"TIMESTAMP({time}, {P("column_zone", columnZone)})",
            _ => $"CONVERT_TIMEZONE({P("column_zone", columnZone)}, 'UTC', {time})", // TIMESTAMP_NTZ in UTC
        };
    }

    /// <summary>The first local day of the answer's day, ISO week or month in the reporting zone, as a date.</summary>
    private string PeriodExpression(string instant, string zone, PeriodGrain grain)
    {
        if (grain == PeriodGrain.UtcBucket)
        {
            return instant;
        }

        string unit = grain switch { PeriodGrain.Day => "day", PeriodGrain.Week => "week", _ => "month" };
        switch (_dialect)
        {
            case SqlDialect.PostgreSql:
                return $"CAST(date_trunc('{unit}', {instant} AT TIME ZONE {P("zone", zone)}) AS date)";
            case SqlDialect.DuckDb:
                return $"CAST(date_trunc('{unit}', timezone({P("zone", zone)}, {instant})) AS DATE)";
            case SqlDialect.SqlServer:
                string day = $"CAST({instant} AT TIME ZONE {P("zone", WindowsZone(zone)!)} AS date)";
                return grain switch
                {
                    PeriodGrain.Day => day,
                    PeriodGrain.Week => $"DATEADD(day, -(DATEDIFF(day, CAST('19000101' AS date), {day}) % 7), {day})", // 1900-01-01 was a Monday
                    _ => $"DATEFROMPARTS(YEAR({day}), MONTH({day}), 1)",
                };
            case SqlDialect.SparkSql:
                return $"CAST(date_trunc('{unit.ToUpperInvariant()}', from_utc_timestamp({instant}, {P("zone", zone)})) AS DATE)";
            case SqlDialect.BigQuery:
                string date = $"DATE({instant}, {P("zone", zone)})";
                return grain switch
                {
                    PeriodGrain.Day => date,
                    PeriodGrain.Week => $"DATE_TRUNC({date}, ISOWEEK)",
                    _ => $"DATE_TRUNC({date}, MONTH)",
                };
            default:
                // For wall-clock columns (TIMESTAMP_NTZ), the three-argument form converts from the column's zone.
                string local = _columnZone is null
                    ? $"CAST(CONVERT_TIMEZONE({P("zone", zone)}, {instant}) AS DATE)"
                    : $"CAST(CONVERT_TIMEZONE({P("column_zone", _columnZone)}, {P("zone", zone)}, {_time}) AS DATE)";
                return grain switch
                {
                    PeriodGrain.Day => local,
                    PeriodGrain.Week => $"DATEADD(day, 1 - DAYOFWEEKISO({local}), {local})", // not DATE_TRUNC: it follows the WEEK_START session setting
                    _ => $"DATE_TRUNC('MONTH', {local})",
                };
        }
    }

    private string Bound(string name, DateTimeOffset value)
    {
        if (_dialect == SqlDialect.Sqlite)
        {
            return P(name, value.ToUnixTimeSeconds());
        }

        string text = value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00:00";
        string p = P(name, text);
        return _dialect switch
        {
            SqlDialect.PostgreSql => $"CAST({p} AS timestamptz)",
            SqlDialect.DuckDb => $"CAST({p} AS TIMESTAMPTZ)",
            SqlDialect.SqlServer => $"CAST({p} AS datetimeoffset)",
            SqlDialect.SparkSql => $"CAST({p} AS TIMESTAMP)",
            SqlDialect.BigQuery => $"TIMESTAMP({p})",
            _ when _columnZone is not null => $"CAST(CONVERT_TIMEZONE('UTC', TO_TIMESTAMP_TZ({p})) AS TIMESTAMP_NTZ)", // compared with the UTC wall clock
            _ => $"TO_TIMESTAMP_TZ({p})",
        };
    }

    private string Text(string expression) => _dialect switch
    {
        SqlDialect.PostgreSql => $"CAST({expression} AS text)",
        SqlDialect.SqlServer => $"CAST({expression} AS nvarchar(4000))",
        SqlDialect.SparkSql or SqlDialect.BigQuery => $"CAST({expression} AS STRING)",
        SqlDialect.Sqlite => $"CAST({expression} AS TEXT)",
        _ => $"CAST({expression} AS VARCHAR)",
    };

    /// <summary>Quotes an identifier for the dialect, doubling the quote character inside it.</summary>
    internal string Q(string identifier) => _dialect switch
    {
        SqlDialect.SqlServer => "[" + identifier.Replace("]", "]]", StringComparison.Ordinal) + "]",
        SqlDialect.SparkSql => "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`",
        SqlDialect.BigQuery => identifier.Contains('`', StringComparison.Ordinal) || identifier.Contains('\\', StringComparison.Ordinal)
            ? throw new ArgumentException($"The name '{identifier}' contains a backtick or backslash, which BigQuery cannot quote; rename the column or use a query source with an alias.")
            : "`" + identifier + "`",
        _ => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
    };

    /// <summary>A parameter placeholder for a value, reused when the same name is asked again: named, or numbered for Snowflake (<c>:1</c> is the first parameter).</summary>
    private string P(string name, object value)
    {
        int index = _parameters.FindIndex(p => p.Key == name);
        if (index < 0)
        {
            index = _parameters.Count;
            _parameters.Add(new(name, value));
        }

        return _dialect switch
        {
            SqlDialect.Snowflake => ":" + (index + 1).ToString(CultureInfo.InvariantCulture),
            SqlDialect.DuckDb => "$" + name,
            SqlDialect.SparkSql => ":" + name,
            _ => "@" + name,
        };
    }
}
