using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Npgsql;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Data;

namespace NpsKit.Cli;

/// <summary>
/// <c>nps report</c> from a database or a Parquet file: <c>--db duckdb:PATH|postgres --table T</c>, or a file ending in
/// <c>.parquet</c>. The counting runs in the engine (NpsKit.Data); columns are found by the same header names as CSV
/// (<see cref="CsvResponseMapping"/>); the PostgreSQL connection string comes from <c>NPS_DB</c>, never the command line.
/// </summary>
internal sealed class DatabaseInput
{
    /// <summary>The environment variable holding the connection string.</summary>
    public const string ConnectionVariable = "NPS_DB";

    private DatabaseInput()
    {
        Db = new Option<string?>("--db")
        {
            Description = $"Count in a database instead of reading a file: duckdb:PATH (a DuckDB file, opened read-only) or postgres (the Npgsql connection string is read from the {ConnectionVariable} environment variable, so no password lands in shell history). Needs --table.",
        };
        Table = new Option<string?>("--table")
        {
            Description = "With --db: the table or view holding one row per answer (schema.table allowed).",
        };
    }

    /// <summary>Gets the <c>--db</c> option.</summary>
    public Option<string?> Db { get; }

    /// <summary>Gets the <c>--table</c> option.</summary>
    public Option<string?> Table { get; }

    /// <summary>Makes the options.</summary>
    public static DatabaseInput Create() => new();

    /// <summary>Whether this input applies: <c>--db</c> or <c>--table</c> given (the latter alone is then a usage
    /// error), or the file is Parquet.</summary>
    public bool Applies(ParseResult parse, string? path) =>
        parse.GetValue(Db) is not null || parse.GetValue(Table) is not null || (path is not null && path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase));

    /// <summary>Counts the cube in the engine; bad answers fail (strict) or are skipped and summarised on stderr
    /// (<c>--lenient</c>). The shared input options that name columns (<c>--score-column</c>, <c>--group-column</c>,
    /// <c>--time-column</c>, <c>--weight-column</c>, each onto its <see cref="DbCubeOptions"/> column) and the zone of wall-clock times (<c>--input-tz</c>, else <c>--tz</c>) apply; the ones about
    /// reading text row by row are refused rather than ignored.</summary>
    public NpsCube Read(ParseResult parse, ResponseInputOptions input, string? path, Segmentation segmentation, AggregationOptions aggregation, string? reportZone, CliContext context, out string label)
    {
        bool lenient = parse.GetValue(input.Lenient);
        string? zone = parse.GetValue(input.InputTimeZone) ?? reportZone;
        Option[] textOnly =
        [
            input.Source, input.HeaderRows, input.RespondentColumn, input.CommentColumn, input.Encoding, input.Culture, input.DateFormat,
            input.DateOrder, input.Delimiter, input.Sheet, input.MaxRejected,
        ];
        foreach (Option option in textOnly)
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                throw new UsageException($"{option.Name} is about reading a text export row by row; it does not apply to a database table or a Parquet file, whose columns are typed.");
            }
        }

        if (parse.GetValue(input.Duplicates) is string duplicates && !duplicates.Equals("keep-all", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--duplicates {duplicates} needs every answer in NpsKit, but a database or Parquet file is counted where it is: deduplicate in a view first.");
        }

        string? db = parse.GetValue(Db);
        string? table = parse.GetValue(Table);
        if (db is null && table is not null)
        {
            throw new UsageException("--table needs --db (duckdb:PATH or postgres).");
        }

        if (db is not null && path is not null)
        {
            throw new UsageException($"Give either a file ({path}) or --db, not both.");
        }

        if (db is not null && string.IsNullOrWhiteSpace(table))
        {
            throw new UsageException("--db needs --table: the table or view with one row per answer.");
        }

        (DbConnection connection, SqlDialect dialect, DbSource source, label) = Open(db, table, path);
        using (connection)
        {
            IReadOnlyList<DbSourceColumn> columns;
            try
            {
                columns = NpsDb.DescribeSource(connection, dialect, source);
            }
            catch (DbException e)
            {
                throw new InvalidDataException($"{label}: {e.Message}", e);
            }

            string Found() => string.Join(", ", columns.Select(c => c.Name));
            DbSourceColumn? group = Named(columns, parse.GetValue(input.GroupColumn), "--group-column", label);
            DbSourceColumn? score = Named(columns, parse.GetValue(input.ScoreColumn), "--score-column", label);
            if (group is not null && score is not null)
            {
                throw new UsageException($"--score-column {score.Name} and --group-column {group.Name}: a database table or Parquet file is counted where it is, by one of them, so the NPS group cannot be checked against the score row by row as in a file. Give --score-column to count the 0-10 scores, or --group-column alone for a table without them.");
            }

            score ??= group is null ? Find(columns, CsvResponseMapping.ScoreNames) : null;

            // No 0-10 score: the answers are counted by their NPS group, when a column is named like one (as in a file).
            group ??= score is null ? FindGroup(columns) : null;
            if (score is null && group is null)
            {
                throw new InvalidDataException($"{label}: no score column: name it with --score-column (or a Promoter / Passive / Detractor column with --group-column); looked for {string.Join(", ", CsvResponseMapping.ScoreNames)} (case, spaces, '_' and '-' ignored). Columns found: {Found()}.");
            }

            DbSourceColumn time = Named(columns, parse.GetValue(input.TimeColumn), "--time-column", label) ?? Find(columns, CsvResponseMapping.TimeNames)
                ?? throw new InvalidDataException($"{label}: no time column: name it with --time-column; looked for {string.Join(", ", CsvResponseMapping.TimeNames)}. Columns found: {Found()}.");
            DbSourceColumn? weight = Named(columns, parse.GetValue(input.WeightColumn), "--weight-column", label) ?? Find(columns, CsvResponseMapping.WeightNames);
            if (group is not null && weight is not null)
            {
                throw new UsageException($"{label} has the weight column '{weight.Name}' and the answers are counted by their NPS group ('{group.Name}', {(parse.GetValue(input.GroupColumn) is null ? "found: no 0-10 score column" : "--group-column")}): a weighted tally keeps its weights per 0-10 score, so answers known only by their group cannot be weighted. Name the 0-10 score with --score-column to count it with the weights.");
            }

            if (group is not null)
            {
                context.Error.WriteLine($"nps: {label}: counted by the NPS group column '{group.Name}' ({(parse.GetValue(input.GroupColumn) is null ? "no 0-10 score column found" : "--group-column")}): NPS, shares, intervals and tests are exact; the 0-10 distribution and the mean score are unknown.");
            }

            foreach (string dimension in segmentation.Dimensions)
            {
                if (!columns.Any(c => c.Name == dimension))
                {
                    throw new UsageException($"--by {dimension}: {label} has no such column. Columns: {string.Join(", ", columns.Select(c => c.Name))}.");
                }
            }

            if (!time.IsInstant && zone is null)
            {
                throw new InvalidDataException($"{label}: the time column '{time.Name}' is {time.TypeName}, a wall-clock time without a zone: give --input-tz (or --tz) with the zone its values are in (Etc/UTC for UTC); NpsKit never guesses.");
            }

            var options = new DbCubeOptions
            {
                Source = source,
                TimeColumn = time.Name,
                TimeColumnZoneId = time.IsInstant ? null : zone,
                WeightColumn = weight?.Name,
                Segmentation = segmentation,
                Aggregation = aggregation,
                SkipInvalid = lenient,
            };

            // One column or the other, each flag onto its option: with GroupColumn set the score column is not read.
            options = group is null ? options with { ScoreColumn = score!.Name } : options with { GroupColumn = group.Name };
            DbCubeResult result;
            try
            {
                result = NpsDb.ReadCube(connection, dialect, options);
            }
            catch (DbException e)
            {
                throw new InvalidDataException($"{label}: {e.Message}", e);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{label}: {e.Message}", e);
            }

            if (result.Rejected.Count > 0)
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nps: skipped {result.Rejected.Sum(r => r.Answers):N0} answers in {label}:"));
                foreach (DbRejection rejection in result.Rejected)
                {
                    context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rejection.Answers:N0}: {rejection.Reason}"));
                    foreach (IGrouping<string, DbRowLocation> file in rejection.Rows.GroupBy(r => r.File, StringComparer.Ordinal))
                    {
                        string more = rejection.Answers > rejection.Rows.Count ? string.Create(CultureInfo.InvariantCulture, $" (the first {rejection.Rows.Count:N0})") : string.Empty;
                        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {file.Key} rows{more}: {string.Join(", ", file.Select(r => r.Row.ToString("N0", CultureInfo.InvariantCulture)))}"));
                    }
                }
            }

            return result.Cube;
        }
    }

    private static (DbConnection Connection, SqlDialect Dialect, DbSource Source, string Label) Open(string? db, string? table, string? path)
    {
        if (db is null)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: file not found.", path);
            }

            var duck = new DuckDBConnection("DataSource=:memory:");
            duck.Open();
            return (duck, SqlDialect.DuckDb, DbSource.Parquet(path!), path!);
        }

        DbSource source = DbSource.Table(table!.Split('.'));
        if (db.StartsWith("duckdb:", StringComparison.Ordinal))
        {
            string file = db["duckdb:".Length..];
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"--db {db}: file not found.", file);
            }

            var duck = new DuckDBConnection($"DataSource={file};ACCESS_MODE=READ_ONLY");
            try
            {
                duck.Open();
            }
            catch (DbException e)
            {
                duck.Dispose();
                throw new InvalidDataException($"--db {db}: DuckDB cannot open the file: {e.Message}", e);
            }

            return (duck, SqlDialect.DuckDb, source, $"{file} table {table}");
        }

        if (db == "postgres")
        {
            string connectionString = Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } s
                ? s
                : throw new UsageException($"--db postgres reads the connection string from the {ConnectionVariable} environment variable, which is not set: export {ConnectionVariable}='Host=…;Database=…;Username=…' (Npgsql format; a password can come from PGPASSWORD or ~/.pgpass).");
            var pg = new NpgsqlConnection(connectionString);
            try
            {
                pg.Open();
            }
            catch (Exception e) when (e is DbException or ArgumentException or TimeoutException)
            {
                pg.Dispose();
                throw new InvalidDataException($"--db postgres: cannot connect with {ConnectionVariable}: {e.Message}", e);
            }

            return (pg, SqlDialect.PostgreSql, source, $"PostgreSQL table {table}");
        }

        throw new UsageException($"--db {db}: use duckdb:PATH (a DuckDB database file) or postgres (connection string in {ConnectionVariable}).");
    }

    /// <summary>The column a flag names (exactly, or by the CSV rule), or null when the flag is not given.</summary>
    private static DbSourceColumn? Named(IReadOnlyList<DbSourceColumn> columns, string? name, string flag, string label)
    {
        if (name is null)
        {
            return null;
        }

        return columns.FirstOrDefault(c => c.Name == name) ?? columns.FirstOrDefault(c => Normalize(c.Name) == Normalize(name))
            ?? throw new UsageException($"{flag} {name}: {label} has no such column. Columns: {string.Join(", ", columns.Select(c => c.Name))}.");
    }

    /// <summary>The first column named like one of <paramref name="names"/>, in the names' order (the CSV rule: case,
    /// spaces, underscores and hyphens ignored).</summary>
    private static DbSourceColumn? Find(IReadOnlyList<DbSourceColumn> columns, IReadOnlyList<string> names)
    {
        foreach (string name in names)
        {
            DbSourceColumn? match = columns.FirstOrDefault(c => Normalize(c.Name) == name);
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>The NPS group column by the CSV rule: the first whose normalized name is or ends in one of
    /// <see cref="CsvResponseMapping.GroupNames"/> (so Qualtrics' <c>Q1_NPS_GROUP</c> too).</summary>
    private static DbSourceColumn? FindGroup(IReadOnlyList<DbSourceColumn> columns) =>
        columns.FirstOrDefault(c => CsvResponseMapping.GroupNames.Any(g => Normalize(c.Name).EndsWith(g, StringComparison.Ordinal)));

    private static string Normalize(string name) =>
        string.Concat(name.Where(c => c is not (' ' or '_' or '-'))).ToLowerInvariant();
}
