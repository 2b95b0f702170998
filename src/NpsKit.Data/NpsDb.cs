using System.Data;
using System.Data.Common;
using System.Globalization;
using NpsKit.Aggregation;
using NpsKit.Data.Internal;

namespace NpsKit.Data;

/// <summary>
/// Cubes counted where the answers are: one <c>GROUP BY period, segment, score</c> query per database, run over any
/// ADO.NET connection, its few rows turned into an exact <see cref="NpsCube"/> (<see cref="NpsCube.FromCounts"/>).
/// </summary>
/// <remarks>
/// <para>Periods are cut in the reporting zone inside the database where it has a time-zone database (PostgreSQL,
/// DuckDB, SQL Server, Spark SQL, BigQuery, Snowflake): the query groups by the first local day of each answer's day,
/// ISO week or month, and NpsKit adds months up into quarters, years and fiscal periods. SQLite has none, so its query
/// groups by UTC time in buckets no period boundary falls inside — 15 minutes, as every local midnight of every zone
/// since 1970 falls on a 15-minute UTC mark, or narrower when the boundaries in the data's range say so (historic
/// local-mean-time offsets) — and NpsKit assigns each bucket's period with the .NET zone rules: exact either way.</para>
/// <para>The engine's time-zone database must agree with the system's (.NET's) for the periods in the data; they differ
/// only around rule changes newer than the older of the two.</para>
/// <para>Bad answers — no time, no score, a score outside 0..10 or with a fraction, a NULL segment value, a weight
/// that is NULL or not positive, and for SQLite a time without an offset — are counted apart by the same query and
/// either fail the read (the default, listing every kind) or are left out and reported (<see cref="DbCubeOptions.SkipInvalid"/>).
/// Nothing is counted silently.</para>
/// <para>The methods are thread-safe; a connection is not, so use one per thread.</para>
/// </remarks>
public static class NpsDb
{
    /// <summary>The widest UTC bucket SQLite groups by: 15 minutes.</summary>
    public const int SqliteBucketSeconds = 900;

    /// <summary>Writes the counting query for a dialect without running it (to read, log or run it yourself).</summary>
    /// <param name="dialect">The SQL dialect.</param>
    /// <param name="options">The source, columns, calendar and pushed-down conditions.</param>
    /// <returns>The SQL and its parameters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dialect"/> is not defined.</exception>
    public static CountingQuery BuildQuery(SqlDialect dialect, DbCubeOptions options) => QueryWriter.Write(dialect, options);

    /// <summary>Counts the answers in the database and returns their cube.</summary>
    /// <param name="connection">A connection to the engine of <paramref name="dialect"/>; opened (and closed again) if it is closed.</param>
    /// <param name="dialect">The SQL dialect of the engine.</param>
    /// <param name="options">The source, columns, calendar and pushed-down conditions.</param>
    /// <returns>The cube, the number of answers counted, those left out and the query run.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    /// <exception cref="InvalidDataException">Some answers have bad values (each kind named with its count) and
    /// <see cref="DbCubeOptions.SkipInvalid"/> is off, or the engine returned counts that are not a valid cube.</exception>
    /// <exception cref="DbException">The engine refused the query (a missing table or column, a type it cannot convert…).</exception>
    public static DbCubeResult ReadCube(DbConnection connection, SqlDialect dialect, DbCubeOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        CountingQuery query = QueryWriter.Write(dialect, options);
        return WithOpen(connection, () =>
        {
            List<Group> groups = Run(connection, query);
            if (query.Grain == PeriodGrain.UtcBucket)
            {
                long width = SafeBucketWidth(groups, options.Aggregation.Validate(), query.BucketSeconds);
                if (width != query.BucketSeconds)
                {
                    query = QueryWriter.Write(dialect, options, width);
                    groups = Run(connection, query);
                }
            }

            return ToResult(groups, query, options);
        });
    }

    /// <summary>Lists the columns of a source with the engine's type names (e.g. <c>TIMESTAMP WITH TIME ZONE</c> in DuckDB,
    /// <c>timestamp with time zone</c> in PostgreSQL), to map columns by name or to tell instants from wall-clock times.</summary>
    /// <param name="connection">An open connection (opened and closed again if it is closed).</param>
    /// <param name="dialect">The SQL dialect of the engine.</param>
    /// <param name="source">The source.</param>
    /// <returns>The columns in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="DbException">The engine cannot read the source.</exception>
    public static IReadOnlyList<DbSourceColumn> DescribeSource(DbConnection connection, SqlDialect dialect, DbSource source)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(source);
        return WithOpen<IReadOnlyList<DbSourceColumn>>(connection, () =>
        {
            using DbCommand command = CountingQuery.CreateCommand(connection, QueryWriter.Describe(dialect, source), QueryWriter.DescribeParameters(source));
            using DbDataReader reader = command.ExecuteReader();
            var columns = new List<DbSourceColumn>();
            if (command.CommandText.StartsWith("DESCRIBE", StringComparison.Ordinal))
            {
                while (reader.Read())
                {
                    columns.Add(new DbSourceColumn(reader.GetString(0), reader.GetString(1)));
                }
            }
            else
            {
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    columns.Add(new DbSourceColumn(reader.GetName(i), reader.GetDataTypeName(i)));
                }
            }

            return columns;
        });
    }

    /// <summary>Runs <paramref name="work"/> on the connection, opening it first (and closing it after) if it is closed.</summary>
    private static T WithOpen<T>(DbConnection connection, Func<T> work)
    {
        if (connection.State == ConnectionState.Open)
        {
            return work();
        }

        connection.Open();
        try
        {
            return work();
        }
        finally
        {
            connection.Close();
        }
    }

    private static List<Group> Run(DbConnection connection, CountingQuery query)
    {
        using DbCommand command = query.CreateCommand(connection);
        using DbDataReader reader = command.ExecuteReader();
        var groups = new List<Group>();
        int k = query.SegmentCount;
        while (reader.Read())
        {
            string?[] values = new string?[k];
            for (int i = 0; i < k; i++)
            {
                values[i] = reader.IsDBNull(1 + i) ? null : reader.GetString(1 + i);
            }

            groups.Add(new Group(
                reader.IsDBNull(0) ? null : reader.GetValue(0),
                values,
                reader.IsDBNull(k + 1) ? null : reader.GetValue(k + 1),
                Convert.ToInt64(reader.GetValue(k + 2), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(k + 3), CultureInfo.InvariantCulture),
                query.IsWeighted && !reader.IsDBNull(k + 4) ? Convert.ToDouble(reader.GetValue(k + 4), CultureInfo.InvariantCulture) : 0,
                query.IsWeighted && !reader.IsDBNull(k + 5) ? Convert.ToDouble(reader.GetValue(k + 5), CultureInfo.InvariantCulture) : 0));
        }

        return groups;
    }

    /// <summary>The widest bucket (dividing <paramref name="width"/>) such that every period boundary between the first and
    /// the last bucket falls on a bucket mark: the greatest common divisor of the width and the boundaries' UTC seconds.</summary>
    internal static long SafeBucketWidth(IEnumerable<Group> groups, ReportingCalendar calendar, long width)
    {
        long min = long.MaxValue, max = long.MinValue;
        foreach (Group g in groups)
        {
            if (g.Period is not null)
            {
                long s = Convert.ToInt64(g.Period, CultureInfo.InvariantCulture);
                min = Math.Min(min, s);
                max = Math.Max(max, s);
            }
        }

        return min > max ? width : SafeBucketWidth(calendar, min, max + width, width);
    }

    /// <summary>The bucket width for UTC seconds in [<paramref name="fromSeconds"/>, <paramref name="toSeconds"/>).</summary>
    internal static long SafeBucketWidth(ReportingCalendar calendar, long fromSeconds, long toSeconds, long width)
    {
        ReportingPeriod period = calendar.PeriodOf(DateTimeOffset.FromUnixTimeSeconds(fromSeconds));
        ReportingPeriod last = calendar.PeriodOf(DateTimeOffset.FromUnixTimeSeconds(toSeconds - 1));
        while (period < last && width > 1)
        {
            period = period.Next();
            long ticks = calendar.StartOf(period).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            if (ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw new NotSupportedException($"{calendar.TimeZoneId}: period {period} starts at a fraction of a second in UTC, which no UTC bucket of whole seconds can respect.");
            }

            width = Gcd(width, Math.Abs(ticks / TimeSpan.TicksPerSecond));
        }

        return width;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static DbCubeResult ToResult(List<Group> groups, CountingQuery query, DbCubeOptions options)
    {
        ReportingCalendar calendar = options.Aggregation.Validate();
        var rejected = new Dictionary<string, long>(StringComparer.Ordinal);
        var rows = new List<NpsCountRow>(groups.Count);
        long counted = 0;
        string[] dimensions = [.. options.Segmentation.Dimensions];
        foreach (Group g in groups)
        {
            string? reason = Problem(g, query, options, dimensions);
            ReportingPeriod period = default;
            reason ??= DecodePeriod(g.Period!, query, calendar, out period);
            if (reason is not null)
            {
                rejected[reason] = rejected.GetValueOrDefault(reason) + g.Count;
                continue;
            }

            counted += g.Count;
            var row = new NpsCountRow(period, (int)Convert.ToInt64(g.Score, CultureInfo.InvariantCulture), g.Count, (IReadOnlyList<string>)g.Segments!);
            rows.Add(query.IsWeighted ? row with { SumOfWeights = g.SumOfWeights, SumOfSquaredWeights = g.SumOfSquaredWeights } : row);
        }

        DbRejection[] rejections = [.. rejected.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new DbRejection(p.Key, p.Value))];
        if (rejections.Length > 0 && !options.SkipInvalid)
        {
            long bad = rejections.Sum(r => r.Answers);
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{options.Source}: {bad:N0} answers cannot be counted:{Environment.NewLine}{string.Join(Environment.NewLine, rejections.Select(r => $"- {r.Reason} ({r.Answers:N0} answers)"))}{Environment.NewLine}Fix those rows, leave them out with a query source (DbSource.Query), or set SkipInvalid to count the rest and report these."));
        }

        try
        {
            NpsCube cube = NpsCube.FromCounts(rows, options.Segmentation, options.Aggregation);
            return new DbCubeResult(cube, counted, rejections, query);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{options.Source}: the database returned counts that do not make a cube: {e.Message}", e);
        }
    }

    private static string? Problem(Group g, CountingQuery query, DbCubeOptions options, string[] dimensions)
    {
        if ((g.Flag & 4) != 0)
        {
            return options.TimeColumnZoneId is null
                ? $"the time column '{options.TimeColumn}' has a type without a time zone (a wall-clock time), which would be read in a guessed zone: set TimeColumnZoneId to the zone its values are in ('Etc/UTC' for UTC)"
                : $"the time column '{options.TimeColumn}' already holds instants (a type with a time zone), so TimeColumnZoneId must not be set";
        }

        if ((g.Flag & 1) != 0)
        {
            return $"the weight in column '{options.WeightColumn}' is NULL, zero or negative: weights must be greater than zero";
        }

        if ((g.Flag & 2) != 0)
        {
            return $"the time in column '{options.TimeColumn}' has no UTC offset (SQLite would read it as UTC, a guess): store times as ISO-8601 with 'Z' or '+hh:mm', or set TimeColumnZoneId to 'Etc/UTC' if they are UTC";
        }

        if (g.Period is null)
        {
            return query.Grain == PeriodGrain.UtcBucket
                ? $"the time in column '{options.TimeColumn}' is NULL or not ISO-8601 text SQLite can read (e.g. 2026-03-29T01:30:00+02:00)"
                : $"the time in column '{options.TimeColumn}' is NULL";
        }

        if (g.Score is null)
        {
            return $"the score in column '{options.ScoreColumn}' is NULL";
        }

        if (!IsScore(g.Score))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the score {FormatValue(g.Score)} in column '{options.ScoreColumn}' is not on the Net Promoter scale: allowed are the whole numbers 0 to 10");
        }

        for (int i = 0; i < g.Segments.Length; i++)
        {
            if (g.Segments[i] is null)
            {
                return $"the segment '{dimensions[i]}' (column '{options.ColumnOf(dimensions[i])}') is NULL: map missing values to a label with COALESCE in a query source";
            }
        }

        return null;
    }

    private static string FormatValue(object value) => value switch
    {
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static bool IsScore(object value)
    {
        double d;
        switch (value)
        {
            case byte or sbyte or short or ushort or int or uint or long or ulong:
                decimal integer = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                return integer is >= 0 and <= 10;
            case decimal m:
                return m is >= 0 and <= 10 && decimal.Truncate(m) == m;
            case float or double:
                d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return d is >= 0 and <= 10 && Math.Truncate(d) == d;
            default:
                return false; // text, booleans…: the score column must be numeric
        }
    }

    private static string? DecodePeriod(object value, CountingQuery query, ReportingCalendar calendar, out ReportingPeriod period)
    {
        period = default;
        if (query.Grain == PeriodGrain.UtcBucket)
        {
            period = calendar.PeriodOf(DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(value, CultureInfo.InvariantCulture)));
            return null;
        }

        DateOnly day = value switch
        {
            DateOnly d => d,
            DateTime t when t.TimeOfDay == TimeSpan.Zero => DateOnly.FromDateTime(t),
            string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly p) => p,
            _ => throw new InvalidDataException($"The database returned the period start {FormatValue(value)} ({value.GetType().Name}), which is not a date; is the time column of a timestamp type?"),
        };
        bool aligned = query.Grain switch
        {
            PeriodGrain.Week => day.DayOfWeek == DayOfWeek.Monday,
            PeriodGrain.Month => day.Day == 1,
            _ => true,
        };
        if (!aligned)
        {
            throw new InvalidDataException($"The database returned {day:yyyy-MM-dd} as the start of a {query.Grain.ToString().ToLowerInvariant()}, which it is not: the engine's week or month truncation differs from ISO's.");
        }

        period = ReportingPeriod.Containing(day, calendar.Unit, calendar.FiscalYearStartMonth);
        return null;
    }

    /// <summary>One row of the counting query's result.</summary>
    internal sealed record Group(object? Period, string?[] Segments, object? Score, long Flag, long Count, double SumOfWeights, double SumOfSquaredWeights);
}
