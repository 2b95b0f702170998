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
/// <para>Periods are cut in the reporting zone with the .NET zone rules — the rules <see cref="ReportingCalendar"/> uses in
/// process — in every engine, without the engine's own time-zone data: NpsKit reads the zone's UTC offsets over the data's
/// range (from <see cref="DbCubeOptions.From"/>/<see cref="DbCubeOptions.To"/>, or from one <c>MIN</c>/<c>MAX</c> query of
/// the time column) and writes them into the query as a search over the offset changes; the database adds each answer's
/// offset to its UTC time and truncates that local wall-clock time to the day, ISO week or month with plain date
/// arithmetic; NpsKit adds months up into quarters, years and fiscal periods. Every zone is exact — half- and
/// quarter-hour offsets, historic local mean times, DST changes at midnight — and the engine's time-zone conversion, the
/// slowest step of a counting query (eight times the rest in DuckDB), is never run.</para>
/// <para>Bad answers — no time, no score, a score outside 0..10 or with a fraction, a NULL segment value, a weight
/// that is NULL or not positive, and for SQLite a time without an offset — are counted apart by the same query and
/// either fail the read (the default, listing every kind) or are left out and reported (<see cref="DbCubeOptions.SkipInvalid"/>).
/// Nothing is counted silently.</para>
/// <para>The methods are thread-safe; a connection is not, so use one per thread.</para>
/// </remarks>
public static class NpsDb
{
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
        _ = QueryWriter.Write(dialect, options, (0, 1)); // validates the options before anything runs
        return WithOpen(connection, () =>
        {
            bool typeChecked = CheckTimeType(connection, dialect, options);
            CountingQuery query = QueryWriter.Write(dialect, options, Window(connection, dialect, options), typeChecked);
            return ToResult(Run(connection, query), query, options, reasons => BadRows(connection, options, reasons));
        });
    }

    /// <summary>PostgreSQL and DuckDB: checks once, from the source's column types, that the time column holds instants
    /// (or, with <see cref="DbCubeOptions.TimeColumnZoneId"/>, wall-clock times), instead of a check on every row. False
    /// when the column cannot be found by its name among the described columns (the query then checks each row).</summary>
    private static bool CheckTimeType(DbConnection connection, SqlDialect dialect, DbCubeOptions options)
    {
        if (dialect is not (SqlDialect.PostgreSql or SqlDialect.DuckDb))
        {
            return false;
        }

        DbSourceColumn? column = DescribeSource(connection, dialect, options.Source).FirstOrDefault(c => c.Name == options.TimeColumn);
        if (column is null)
        {
            return false;
        }

        if (column.IsInstant != (options.TimeColumnZoneId is null))
        {
            throw new InvalidDataException($"{options.Source}: the answers cannot be counted: {TypeReason(options)} (the column's type is {column.TypeName}).");
        }

        return true;
    }

    /// <summary>The UTC seconds the query must cover: [From, To) when both are set, otherwise narrowed to the first and
    /// last answer's time by one <c>MIN</c>/<c>MAX</c> query (a scan of the time column only), so that the query carries
    /// only the offset changes of the data's own years.</summary>
    private static (long From, long To) Window(DbConnection connection, SqlDialect dialect, DbCubeOptions options)
    {
        long? from = QueryWriter.Seconds(options.From), to = QueryWriter.Seconds(options.To, up: true);
        if (from is long f && to is long t)
        {
            return (f, t);
        }

        CountingQuery range = QueryWriter.WriteRange(dialect, options);
        using DbCommand command = range.CreateCommand(connection);
        using DbDataReader reader = command.ExecuteReader();
        long? min = null, max = null;
        if (reader.Read())
        {
            min = QueryWriter.SecondsOf(dialect, reader.IsDBNull(0) ? null : reader.GetValue(0));
            max = QueryWriter.SecondsOf(dialect, reader.IsDBNull(1) ? null : reader.GetValue(1));
        }

        if (min is not long lo || max is not long hi)
        {
            long at = from ?? to ?? 0; // no answer with a time: any window
            return (at, at + 1);
        }

        return (from is long ff ? Math.Max(ff, lo) : lo, to is long tt ? Math.Min(tt, hi + 1) : hi + 1);
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

    /// <summary>For Parquet sources, where the rejected answers are: the first rows of each reason, in file order.</summary>
    private static Dictionary<string, List<DbRowLocation>> BadRows(DbConnection connection, DbCubeOptions options, IReadOnlyCollection<string> reasons)
    {
        var rows = new Dictionary<string, List<DbRowLocation>>(StringComparer.Ordinal);
        if (options.Source.ParquetFiles.Count == 0)
        {
            return rows;
        }

        CountingQuery query = QueryWriter.WriteBadRows(options, DbRejection.MaxRows * reasons.Count);
        using DbCommand command = query.CreateCommand(connection);
        using DbDataReader reader = command.ExecuteReader();
        string[] dimensions = [.. options.Segmentation.Dimensions];
        int k = query.SegmentCount;
        while (reader.Read())
        {
            string?[] segments = new string?[k];
            for (int i = 0; i < k; i++)
            {
                segments[i] = reader.IsDBNull(3 + i) ? null : reader.GetString(3 + i);
            }

            var g = new Group(
                reader.GetBoolean(2) ? null : 0L,
                segments,
                reader.IsDBNull(3 + k) ? null : reader.GetValue(3 + k),
                Convert.ToInt64(reader.GetValue(4 + k), CultureInfo.InvariantCulture),
                1,
                0,
                0);
            if (Problem(g, query, options, dimensions) is string reason)
            {
                if (!rows.TryGetValue(reason, out List<DbRowLocation>? list))
                {
                    rows[reason] = list = [];
                }

                if (list.Count < DbRejection.MaxRows)
                {
                    list.Add(new DbRowLocation(reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture) + 1));
                }
            }
        }

        return rows;
    }

    private static DbCubeResult ToResult(List<Group> groups, CountingQuery query, DbCubeOptions options, Func<IReadOnlyCollection<string>, Dictionary<string, List<DbRowLocation>>> badRows)
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
            var row = options.GroupColumn is null
                ? new NpsCountRow(period, (int)Convert.ToInt64(g.Score, CultureInfo.InvariantCulture), g.Count, (IReadOnlyList<string>)g.Segments!)
                : new NpsCountRow(period, Group.ParseCategory(g.Score)!.Value, g.Count, (IReadOnlyList<string>)g.Segments!);
            rows.Add(query.IsWeighted ? row with { SumOfWeights = g.SumOfWeights, SumOfSquaredWeights = g.SumOfSquaredWeights } : row);
        }

        Dictionary<string, List<DbRowLocation>> where = rejected.Count > 0 ? badRows(rejected.Keys) : [];
        DbRejection[] rejections =
        [
            .. rejected.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new DbRejection(p.Key, p.Value) { Rows = where.TryGetValue(p.Key, out List<DbRowLocation>? rows) ? rows : [] }),
        ];
        if (rejections.Length > 0 && !options.SkipInvalid)
        {
            long bad = rejections.Sum(r => r.Answers);
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{options.Source}: {bad:N0} answers cannot be counted:{Environment.NewLine}{string.Join(Environment.NewLine, rejections.Select(r => $"- {r.Reason} ({r.Answers:N0} answers{Locations(r)})"))}{Environment.NewLine}Fix those rows, leave them out with a query source (DbSource.Query), or set SkipInvalid to count the rest and report these."));
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

    /// <summary>", at answers.parquet row 12, row 57 …" for the first few rows of a rejection, if known.</summary>
    internal static string Locations(DbRejection rejection)
    {
        const int Shown = 5;
        if (rejection.Rows.Count == 0)
        {
            return string.Empty;
        }

        IEnumerable<string> shown = rejection.Rows.Take(Shown).GroupBy(r => r.File, StringComparer.Ordinal)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} row{(f.Count() > 1 ? "s" : string.Empty)} {string.Join(", ", f.Select(r => r.Row.ToString("N0", CultureInfo.InvariantCulture)))}"));
        return ", at " + string.Join("; ", shown) + (rejection.Answers > Shown ? " …" : string.Empty);
    }

    private static string TypeReason(DbCubeOptions options) => options.TimeColumnZoneId is null
        ? $"the time column '{options.TimeColumn}' has a type without a time zone (a wall-clock time), which would be read in a guessed zone: set TimeColumnZoneId to the zone its values are in ('Etc/UTC' for UTC)"
        : $"the time column '{options.TimeColumn}' already holds instants (a type with a time zone), so TimeColumnZoneId must not be set";

    private static string? Problem(Group g, CountingQuery query, DbCubeOptions options, string[] dimensions)
    {
        if ((g.Flag & 4) != 0)
        {
            return TypeReason(options);
        }

        if ((g.Flag & 1) != 0)
        {
            return $"the weight in column '{options.WeightColumn}' is NULL, zero or negative: weights must be greater than zero";
        }

        if ((g.Flag & 8) != 0)
        {
            return $"the time in column '{options.TimeColumn}' is outside the range the query was written for (answers added while it ran?): read again";
        }

        if ((g.Flag & 2) != 0)
        {
            return $"the time in column '{options.TimeColumn}' has no UTC offset (SQLite would read it as UTC, a guess): store times as ISO-8601 with 'Z' or '+hh:mm', or set TimeColumnZoneId to 'Etc/UTC' if they are UTC";
        }

        if (g.Period is null)
        {
            return query.Dialect == SqlDialect.Sqlite
                ? $"the time in column '{options.TimeColumn}' is NULL or not ISO-8601 text SQLite can read (e.g. 2026-03-29T01:30:00+02:00)"
                : $"the time in column '{options.TimeColumn}' is NULL";
        }

        if (options.GroupColumn is string group)
        {
            if (g.Score is null)
            {
                return $"the NPS group in column '{group}' is NULL";
            }

            if (Group.ParseCategory(g.Score) is null)
            {
                return $"the NPS group {FormatValue(g.Score)} in column '{group}' is not one: allowed are Promoter, Passive and Detractor (any case, plural allowed)";
            }
        }
        else if (g.Score is null)
        {
            return $"the score in column '{options.ScoreColumn}' is NULL";
        }

        if (options.GroupColumn is null && !IsScore(g.Score))
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
    internal sealed record Group(object? Period, string?[] Segments, object? Score, long Flag, long Count, double SumOfWeights, double SumOfSquaredWeights)
    {
        /// <summary>Reads an NPS group column's value (<see cref="DbCubeOptions.GroupColumn"/>): Promoter, Passive or
        /// Detractor in any case, with or without a plural s, spaces around ignored; null for anything else.</summary>
        public static NpsCategory? ParseCategory(object? value) => value is string text
            ? text.Trim().ToUpperInvariant() switch
            {
                "PROMOTER" or "PROMOTERS" => NpsCategory.Promoter,
                "PASSIVE" or "PASSIVES" => NpsCategory.Passive,
                "DETRACTOR" or "DETRACTORS" => NpsCategory.Detractor,
                _ => null,
            }
            : null;
    }
}
