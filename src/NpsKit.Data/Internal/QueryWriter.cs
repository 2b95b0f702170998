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

    /// <summary>Whether the time column's type was checked once before the query (<see cref="NpsDb"/> describes the
    /// source), so the rows need no check of their own.</summary>
    private bool _typeChecked;

    /// <summary>Whether a Parquet source reads its file names and row numbers too (<see cref="WriteBadRows"/>).</summary>
    private bool _rowNumbers;

    private QueryWriter(SqlDialect dialect) => _dialect = dialect;

    /// <summary>The range of time a query without <see cref="DbCubeOptions.From"/> and <see cref="DbCubeOptions.To"/> is
    /// written for when the data's range is not known (<see cref="NpsDb.BuildQuery"/>): 1970 to 2100.</summary>
    internal static readonly (long From, long To) DefaultWindow = (0, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());

    /// <summary>Writes the counting query for answers in the UTC seconds [window.From, window.To): the reporting zone's
    /// offsets in that window are written into the query; answers outside it (possible only where the window is narrower
    /// than From/To) are flagged, never counted in a wrong period.</summary>
    public static CountingQuery Write(SqlDialect dialect, DbCubeOptions options, (long From, long To)? window = null, bool typeChecked = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(dialect))
        {
            throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Not a SqlDialect: use PostgreSql, DuckDb, Sqlite, SqlServer, SparkSql, BigQuery or Snowflake.");
        }

        ReportingCalendar calendar = Validate(dialect, options);
        var w = new QueryWriter(dialect) { _typeChecked = typeChecked };
        PeriodGrain grain = calendar.Unit switch
        {
            PeriodUnit.Day => PeriodGrain.Day,
            PeriodUnit.IsoWeek => PeriodGrain.Week,
            _ => PeriodGrain.Month, // quarters, years and fiscal periods are whole months: NpsKit adds the months up
        };
        (long from, long to) = window ?? (Seconds(options.From) ?? DefaultWindow.From, Seconds(options.To, up: true) ?? DefaultWindow.To);
        return w.Build(options, calendar, grain, from, Math.Max(to, from + 1));
    }

    /// <summary>The query for the first and last answer's time (as the period query reads it, in UTC) under the same
    /// conditions: the window <see cref="Write"/> needs when <see cref="DbCubeOptions.From"/> or <see cref="DbCubeOptions.To"/> is open.</summary>
    public static CountingQuery WriteRange(SqlDialect dialect, DbCubeOptions options)
    {
        _ = Validate(dialect, options);
        var w = new QueryWriter(dialect) { _typeChecked = true };
        string inner = w.Inner(options, out _);
        string sql = $"SELECT MIN(q.nps_u) AS nps_min, MAX(q.nps_u) AS nps_max\nFROM (\n{inner}\n) q";
        return new CountingQuery(dialect, sql, [.. w._parameters], PeriodGrain.Day, 0, false);
    }

    /// <summary>For Parquet sources: the first bad rows in file order — file, row number (from 0), whether the time is
    /// NULL, the score, the segment values and the flag — a superset of the answers <see cref="NpsDb"/> rejects, which
    /// classifies each one as it classifies the counted groups.</summary>
    public static CountingQuery WriteBadRows(DbCubeOptions options, int limit)
    {
        _ = Validate(SqlDialect.DuckDb, options);
        var w = new QueryWriter(SqlDialect.DuckDb) { _rowNumbers = true };
        string inner = w.Inner(options, out int segments);
        string[] segmentNull = [.. Enumerable.Range(0, segments).Select(i => $"r.nps_s{i.ToString(CultureInfo.InvariantCulture)} IS NULL")];
        string score = "TRY_CAST(r.nps_score AS DOUBLE)";
        string[] badScore = options.GroupColumn is null
            ?
            [
                "r.nps_score IS NULL", $"{score} IS NULL", $"{score} NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)",
                "typeof(r.nps_score) NOT IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'FLOAT', 'DOUBLE') AND typeof(r.nps_score) NOT LIKE 'DECIMAL%'",
            ]
            : ["r.nps_score IS NULL", "lower(trim(r.nps_score)) NOT IN ('promoter', 'promoters', 'passive', 'passives', 'detractor', 'detractors')"];
        string bad = string.Join(" OR ", new[] { "r.nps_flag <> 0", "r.nps_u IS NULL" }.Concat(badScore).Concat(segmentNull));
        string columns = string.Concat(Enumerable.Range(0, segments).Select(i => $", r.nps_s{i.ToString(CultureInfo.InvariantCulture)}"));
        string sql = $"SELECT r.nps_file, r.nps_row, r.nps_u IS NULL AS nps_no_time{columns}, r.nps_score, r.nps_flag\nFROM (\n{inner}\n) r\nWHERE {bad}\nORDER BY r.nps_file, r.nps_row\nLIMIT {limit.ToString(CultureInfo.InvariantCulture)}";
        return new CountingQuery(SqlDialect.DuckDb, sql, [.. w._parameters], PeriodGrain.Day, segments, false);
    }

    /// <summary>UTC seconds of a range bound (rounded up for an exclusive upper bound).</summary>
    internal static long? Seconds(DateTimeOffset? bound, bool up = false)
    {
        if (bound is not DateTimeOffset b)
        {
            return null;
        }

        long ticks = b.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long s = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest);
        return rest < 0 ? s - 1 + (up ? 1 : 0) : s + (up && rest > 0 ? 1 : 0);
    }

    /// <summary>UTC seconds of what <see cref="UtcWall"/> returns as the database gives it back (to read the range).</summary>
    internal static long? SecondsOf(SqlDialect dialect, object? value) => value switch
    {
        null or DBNull => null,
        DateTime t => (long)Math.Floor((t.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond),
        DateTimeOffset t => Seconds(t),
        _ when dialect == SqlDialect.DuckDb => (long)Math.Floor(Convert.ToDouble(value, CultureInfo.InvariantCulture) / 1e6),
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

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
        else if (options.Source.ArrowFiles.Count > 0)
        {
            problems.Add("Arrow files are read batch by batch by NpsArrow.ReadCube, not by a database query: call NpsArrow.ReadCube(options).");
        }
        else if (options.Source.ParquetFiles.Count > 0 && dialect != SqlDialect.DuckDb)
        {
            problems.Add($"Parquet files are read by DuckDB's read_parquet, not by {dialect}: use SqlDialect.DuckDb (NpsParquet.ReadCube opens the embedded engine).");
        }

        if (options.GroupColumn is null)
        {
            CheckColumn(problems, nameof(options.ScoreColumn), options.ScoreColumn);
        }
        else
        {
            CheckColumn(problems, nameof(options.GroupColumn), options.GroupColumn);
            if (options.WeightColumn is not null)
            {
                problems.Add($"GroupColumn '{options.GroupColumn}' and WeightColumn '{options.WeightColumn}' are both set: a weighted tally keeps its weights per 0-10 score, so answers known only by NPS group cannot be weighted. Read the 0-10 score column with the weights, or leave out the weights.");
            }
        }

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

        if (dialect == SqlDialect.SqlServer && options.TimeColumnZoneId is string columnZone && WindowsZone(columnZone) is null)
        {
            problems.Add($"SQL Server names zones by Windows ids, and '{columnZone}' has no Windows id this system knows.");
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

    private CountingQuery Build(DbCubeOptions o, ReportingCalendar calendar, PeriodGrain grain, long from, long to)
    {
        string inner = Inner(o, out int segmentCount);
        bool weighted = o.WeightColumn is not null;

        // The middle query: the local period start of each answer. The database adds the reporting zone's UTC offset,
        // which NpsKit read from the .NET zone rules for the window and wrote in as a search over the offset changes, and
        // truncates the local wall-clock time to the day, week or month with no time-zone data of its own.
        //
        // PostgreSQL instead numbers each answer's bucket — the UTC span in which the local period does not change, the
        // buckets' starts computed by NpsKit from the same rules — with one binary search (width_bucket over the starts),
        // and the bucket's period comes from a VALUES list joined on the number. Per row that is one function call and one
        // hash probe instead of a search, a conversion, an interval product and a truncation; and grouping by a column of
        // the VALUES list tells the planner how few periods there are, so it aggregates in parallel workers (grouping by
        // an expression of the time column, it estimates as many groups as distinct times and aggregates in one process).
        bool buckets = _dialect == SqlDialect.PostgreSql;
        var middle = new StringBuilder();
        string? join = null;
        if (buckets)
        {
            (IReadOnlyList<long> starts, IReadOnlyList<DateOnly> periods) = ZoneOffsets.PeriodBuckets(calendar.TimeZone, from, to, grain);
            string array = string.Join(",", starts.Select(u => "\"" + DateTimeOffset.FromUnixTimeSeconds(u).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00\""));
            middle.Append("  SELECT width_bucket(r.nps_u, '{").Append(array).Append("}'::timestamptz[]) AS nps_b");
            join = "LEFT JOIN (VALUES " + string.Join(", ", periods.Select((d, i) => string.Create(CultureInfo.InvariantCulture, $"({i + 1}, DATE '{d:yyyy-MM-dd}')"))) + ") p (nps_b, nps_p) ON p.nps_b = q.nps_b";
        }
        else
        {
            IReadOnlyList<(long Start, long Offset)> pieces = ZoneOffsets.Pieces(calendar.TimeZone, from, to);
            string local = AddSeconds("r.nps_u", OffsetSearch(pieces, 0, pieces.Count));
            middle.Append("  SELECT ").Append(Truncate(local, grain)).Append(" AS nps_p");
        }

        for (int i = 0; i < segmentCount; i++)
        {
            middle.Append(", r.nps_s").Append(i.ToString(CultureInfo.InvariantCulture));
        }

        middle.Append(", r.nps_score");
        if (weighted)
        {
            middle.Append(", r.nps_w");
        }

        // Answers outside the window (added between the range query and this one) would get a wrong offset: flagged.
        var outside = new List<string>();
        if (Seconds(o.From) != from)
        {
            outside.Add($"r.nps_u < {WallLiteral(from)}");
        }

        if (Seconds(o.To, up: true) != to)
        {
            outside.Add($"r.nps_u >= {WallLiteral(to)}");
        }

        middle.Append(", r.nps_flag");
        if (outside.Count > 0)
        {
            middle.Append(" + CASE WHEN ").Append(string.Join(" OR ", outside)).Append(" THEN 8 ELSE 0 END");
        }

        middle.Append(" AS nps_flag\n  FROM (\n").Append(inner).Append("\n  ) r");

        string period = buckets ? "p.nps_p" : "q.nps_p";
        var keys = new List<string> { period };
        keys.AddRange(Enumerable.Range(0, segmentCount).Select(i => "q.nps_s" + i.ToString(CultureInfo.InvariantCulture)));
        keys.Add("q.nps_score");
        keys.Add("q.nps_flag");
        var sql = new StringBuilder();
        sql.Append("SELECT ").Append(period).Append(" AS nps_period");
        for (int i = 0; i < segmentCount; i++)
        {
            sql.Append(", q.nps_s").Append(i.ToString(CultureInfo.InvariantCulture));
        }

        sql.Append(", q.nps_score, q.nps_flag, COUNT(*) AS nps_n");
        if (weighted)
        {
            sql.Append(", SUM(q.nps_w) AS nps_sw, SUM(q.nps_w * q.nps_w) AS nps_sw2");
        }

        sql.Append("\nFROM (\n").Append(middle).Append("\n) q\n");
        if (join is not null)
        {
            sql.Append(join).Append('\n');
        }

        sql.Append("GROUP BY ").Append(string.Join(", ", keys));
        return new CountingQuery(_dialect, sql.ToString(), [.. _parameters], grain, segmentCount, weighted);
    }

    /// <summary>The innermost query: one row per answer with its UTC time (<see cref="UtcWall"/>), segment values, score,
    /// weight and validity flag, with the range and filters pushed down on the source's own columns.</summary>
    private string Inner(DbCubeOptions o, out int segmentCount)
    {
        string time = Q(o.TimeColumn);
        _columnZone = o.TimeColumnZoneId;
        string score = o.GroupColumn is string group ? Text(Q(group)) : Q(o.ScoreColumn);
        string? weight = o.WeightColumn is null ? null : Q(o.WeightColumn);
        string[] segments = [.. o.Segmentation.Dimensions.Select(d => Q(o.ColumnOf(d)))];
        segmentCount = segments.Length;

        var inner = new StringBuilder();
        string instant = Instant(time, o.TimeColumnZoneId);
        inner.Append("    SELECT ").Append(UtcWall(time, o.TimeColumnZoneId)).Append(" AS nps_u");
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

        if (!_typeChecked && TypeCheck(time, o.TimeColumnZoneId is null) is string typeFlag)
        {
            flags.Add(typeFlag);
        }

        inner.Append(", ").Append(flags.Count == 0 ? "0" : string.Join(" + ", flags)).Append(" AS nps_flag");
        if (_rowNumbers)
        {
            inner.Append(", src.filename AS nps_file, src.file_row_number AS nps_row");
        }

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

        return inner.ToString();
    }

    /// <summary>The offset (in the unit <see cref="AddSeconds"/> adds) of pieces [lo, hi): a balanced search over the
    /// changes, so each answer is compared with log2 of their number.</summary>
    private string OffsetSearch(IReadOnlyList<(long Start, long Offset)> pieces, int lo, int hi)
    {
        if (hi - lo == 1)
        {
            return OffsetLiteral(pieces[lo].Offset);
        }

        int mid = (lo + hi) / 2;
        return $"CASE WHEN r.nps_u < {WallLiteral(pieces[mid].Start)} THEN {OffsetSearch(pieces, lo, mid)} ELSE {OffsetSearch(pieces, mid, hi)} END";
    }

    /// <summary>The time column as the UTC wall-clock time (a type without zone; for PostgreSQL the instant itself) — as
    /// microseconds since 1970 for DuckDB and seconds for SQLite, whose arithmetic on numbers is cheapest — converting
    /// wall-clock columns from their zone.</summary>
    private string UtcWall(string time, string? columnZone)
    {
        bool utc = columnZone is "Etc/UTC" or "UTC";
        return _dialect switch
        {
            // PostgreSQL keeps the instant (timestamptz): it inlines the column into each comparison of the offset search,
            // and comparing instants is cheaper than converting each time to UTC wall-clock more than once.
            SqlDialect.PostgreSql => columnZone is null ? time : utc ? $"({time} AT TIME ZONE 'UTC')" : $"({time} AT TIME ZONE {P("column_zone", columnZone)})",
            SqlDialect.DuckDb => columnZone is null || utc ? $"epoch_us({time})" : $"epoch_us(timezone({P("column_zone", columnZone)}, {time}))",
            SqlDialect.Sqlite => $"CAST(strftime('%s', {time}) AS INTEGER)",
            SqlDialect.SqlServer => columnZone is null ? $"CAST(SWITCHOFFSET({time}, '+00:00') AS datetime2)" : utc ? $"CAST({time} AS datetime2)" : $"CAST(SWITCHOFFSET({time} AT TIME ZONE {P("column_zone", WindowsZone(columnZone)!)}, '+00:00') AS datetime2)",
            SqlDialect.SparkSql => columnZone is null || utc ? time : $"to_utc_timestamp({time}, {P("column_zone", columnZone)})", // the session time zone is UTC
            SqlDialect.BigQuery => columnZone is null ? $"DATETIME({time}, 'UTC')" : utc ? $"DATETIME({time})" : $"DATETIME(TIMESTAMP({time}, {P("column_zone", columnZone)}), 'UTC')",
            _ => columnZone is null ? $"CAST(CONVERT_TIMEZONE('UTC', {time}) AS TIMESTAMP_NTZ)" : utc ? $"CAST({time} AS TIMESTAMP_NTZ)" : $"CONVERT_TIMEZONE({P("column_zone", columnZone)}, 'UTC', {time})",
        };
    }

    /// <summary>A UTC instant (whole seconds) as a literal comparable with <see cref="UtcWall"/>: computed by NpsKit from
    /// the zone rules, never a value from the options.</summary>
    private string WallLiteral(long seconds)
    {
        string text = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return _dialect switch
        {
            SqlDialect.DuckDb => (seconds * 1_000_000).ToString(CultureInfo.InvariantCulture),
            SqlDialect.Sqlite => seconds.ToString(CultureInfo.InvariantCulture),
            SqlDialect.PostgreSql => $"TIMESTAMPTZ '{text}+00'",
            SqlDialect.SparkSql => $"TIMESTAMP '{text}'",
            SqlDialect.SqlServer => $"CAST('{text.Replace(' ', 'T')}' AS datetime2)",
            SqlDialect.BigQuery => $"DATETIME '{text}'",
            _ => $"CAST('{text}' AS TIMESTAMP_NTZ)",
        };
    }

    private string OffsetLiteral(long seconds) =>
        (_dialect == SqlDialect.DuckDb ? seconds * 1_000_000 : seconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>A UTC time plus an offset in seconds (microseconds for DuckDB), as a wall-clock time.</summary>
    private string AddSeconds(string wall, string offset) => _dialect switch
    {
        SqlDialect.DuckDb or SqlDialect.Sqlite => $"{wall} + {offset}",
        SqlDialect.SparkSql => $"TIMESTAMPADD(SECOND, {offset}, {wall})",
        SqlDialect.BigQuery => $"DATETIME_ADD({wall}, INTERVAL {offset} SECOND)",
        _ => $"DATEADD(second, {offset}, {wall})",
    };

    /// <summary>The first day of the local day, ISO week or month of a local wall-clock time, as a date.</summary>
    private string Truncate(string local, PeriodGrain grain)
    {
        string unit = grain switch { PeriodGrain.Day => "day", PeriodGrain.Week => "week", _ => "month" };
        switch (_dialect)
        {
            case SqlDialect.DuckDb:
                return $"CAST(date_trunc('{unit}', make_timestamp({local})) AS DATE)";
            case SqlDialect.Sqlite:
                string modifiers = grain switch { PeriodGrain.Day => string.Empty, PeriodGrain.Week => ", 'weekday 0', '-6 days'", _ => ", 'start of month'" };
                return $"date({local}, 'unixepoch'{modifiers})";
            case SqlDialect.SparkSql:
                return $"CAST(date_trunc('{unit.ToUpperInvariant()}', {local}) AS DATE)";
            case SqlDialect.BigQuery:
                return grain switch
                {
                    PeriodGrain.Day => $"DATE({local})",
                    PeriodGrain.Week => $"DATE_TRUNC(DATE({local}), ISOWEEK)",
                    _ => $"DATE_TRUNC(DATE({local}), MONTH)",
                };
            case SqlDialect.SqlServer:
                string day = $"CAST({local} AS date)";
                return grain switch
                {
                    PeriodGrain.Day => day,
                    PeriodGrain.Week => $"DATEADD(day, -(DATEDIFF(day, CAST('19000101' AS date), {day}) % 7), {day})", // 1900-01-01 was a Monday
                    _ => $"DATEFROMPARTS(YEAR({day}), MONTH({day}), 1)",
                };
            default:
                string date = $"CAST({local} AS DATE)";
                return grain switch
                {
                    PeriodGrain.Day => date,
                    PeriodGrain.Week => $"DATEADD(day, 1 - DAYOFWEEKISO({date}), {date})", // not DATE_TRUNC: it follows the WEEK_START session setting
                    _ => $"DATE_TRUNC('MONTH', {date})",
                };
        }
    }

    /// <summary>A flag (4) for a time column whose type does not match <see cref="DbCubeOptions.TimeColumnZoneId"/>: a
    /// wall-clock type read as instants (or the reverse) would be converted with a guessed zone. PostgreSQL and DuckDB.</summary>
    private string? TypeCheck(string time, bool instants) => _dialect switch
    {
        SqlDialect.PostgreSql => $"CASE WHEN pg_typeof({time}) {(instants ? "<>" : "=")} 'timestamp with time zone'::regtype THEN 4 ELSE 0 END",
        SqlDialect.DuckDb => $"CASE WHEN typeof({time}) {(instants ? "<>" : "=")} 'TIMESTAMP WITH TIME ZONE' THEN 4 ELSE 0 END",
        _ => null,
    };

    private string Source(DbSource source)
    {
        if (source.ParquetFiles.Count > 0)
        {
            string[] files = [.. source.ParquetFiles.Select((f, i) => P(string.Create(CultureInfo.InvariantCulture, $"file{i}"), f))];
            string rows = _rowNumbers ? ", filename = true, file_row_number = true" : string.Empty;
            return files.Length == 1 ? $"read_parquet({files[0]}{rows})" : $"read_parquet([{string.Join(", ", files)}]{rows})";
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
