using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using DuckDB.NET.Data;

namespace NpsKit.Data;

/// <summary>
/// Cubes from Arrow IPC files (the file format, Feather 2, and the stream format): each record batch is appended to an
/// embedded DuckDB table as it is read, then counted by the same query, with the same column mapping, checks and
/// bad-answer report, as Parquet (<see cref="NpsParquet"/>) — so the rows never become .NET objects.
/// </summary>
/// <remarks>
/// <para>Only the mapped columns (time, score, weight, segments, filters) are read. Arrow timestamps with a time zone
/// are instants; timestamps without one are wall-clock times and need <see cref="DbCubeOptions.TimeColumnZoneId"/>, as
/// for Parquet. Readable column types: timestamps, dates, signed and unsigned integers, 32- and 64-bit floating point,
/// 128-bit decimals, strings (also large, view and dictionary-encoded strings) and booleans.</para>
/// <para>Memory: DuckDB holds the mapped columns, compressed, in its own memory (spilling to a temporary folder beyond
/// its memory limit) — about as much as a Parquet file of them; NpsKit holds one batch at a time.</para>
/// <para>This type is thread-safe: each call opens its own in-memory engine.</para>
/// </remarks>
public static class NpsArrow
{
    /// <summary>Counts the answers of Arrow IPC files and returns their cube.</summary>
    /// <param name="options">The options, with <see cref="DbCubeOptions.Source"/> from <see cref="DbSource.Arrow"/>.</param>
    /// <returns>The cube, the answers counted, those left out and the query run (on the engine's copy of the columns).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or the source is not Arrow files.</exception>
    /// <exception cref="InvalidDataException">A file is not Arrow IPC, its mapped columns differ in type between files or
    /// have a type NpsArrow does not read, or some answers have bad values (each kind named with its count) and
    /// <see cref="DbCubeOptions.SkipInvalid"/> is off.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    /// <exception cref="System.Data.Common.DbException">A mapped column is missing (the engine names it).</exception>
    public static DbCubeResult ReadCube(DbCubeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Source is null || options.Source.ArrowFiles.Count == 0)
        {
            throw new ArgumentException("NpsArrow.ReadCube reads Arrow IPC files: set Source = DbSource.Arrow(\"answers.arrow\").", nameof(options));
        }

        string table = options.Source.ToString(); // the name the engine's messages and NpsKit's report show
        DbCubeOptions counting = options with { Source = DbSource.Table(table) };
        _ = NpsDb.BuildQuery(SqlDialect.DuckDb, counting); // every problem of the options before a file is opened

        string[] wanted = [.. new[] { options.TimeColumn, options.GroupColumn ?? options.ScoreColumn, options.WeightColumn }
            .Concat(options.Segmentation.Dimensions.Select(options.ColumnOf))
            .Concat(options.Filters.Select(f => f.Column))
            .OfType<string>().Distinct(StringComparer.Ordinal)];

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        (string Name, string Type)[]? columns = null;
        foreach (string path in options.Source.ArrowFiles)
        {
            using FileStream stream = File.OpenRead(path);
            using IArrowReader reader = Open(stream, path);
            Schema schema = reader.Schema is { FieldsList: not null } known ? known : throw new InvalidDataException($"{path}: the Arrow IPC data has no schema (written without any record batch?).");
            (string Name, string Type, int Index)[] mapped = [.. wanted.Select(c => (c, IndexOf(schema, c))).Where(c => c.Item2 >= 0)
                .Select(c => (c.Item1, EngineType(path, c.Item1, schema.FieldsList[c.Item2].DataType), c.Item2))];
            if (columns is null)
            {
                columns = [.. mapped.Select(m => (m.Name, m.Type))];
                using var create = connection.CreateCommand();
                create.CommandText = $"CREATE TABLE {Quote(table)} ({string.Join(", ", columns.Select(c => $"{Quote(c.Name)} {c.Type}"))})";
                if (columns.Length == 0)
                {
                    create.CommandText = $"CREATE TABLE {Quote(table)} (nps_no_mapped_column INTEGER)"; // the query then names the missing columns
                }

                _ = create.ExecuteNonQuery();
            }
            else if (!columns.SequenceEqual(mapped.Select(m => (m.Name, m.Type))))
            {
                throw new InvalidDataException($"{path}: the mapped columns ({Describe(mapped.Select(m => (m.Name, m.Type)))}) differ from those of {options.Source.ArrowFiles[0]} ({Describe(columns)}): every file needs the same columns and types.");
            }

            using DuckDBAppender appender = connection.CreateAppender(table);
            for (RecordBatch? batch = reader.ReadNextRecordBatch(); batch is not null; batch = reader.ReadNextRecordBatch())
            {
                using (batch)
                {
                    Append(appender, batch, mapped, path);
                }
            }
        }

        return NpsDb.ReadCube(connection, SqlDialect.DuckDb, counting);
    }

    private interface IArrowReader : IDisposable
    {
        Schema Schema { get; }

        RecordBatch? ReadNextRecordBatch();
    }

    private static IArrowReader Open(FileStream stream, string path)
    {
        Span<byte> magic = stackalloc byte[6];
        int read = stream.ReadAtLeast(magic, 6, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read == 6 && magic.SequenceEqual("ARROW1"u8))
        {
            return new FileReader(new ArrowFileReader(stream, leaveOpen: true));
        }

        if (read >= 4 && magic[..4].SequenceEqual(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF })) // the continuation marker of every IPC message since Arrow 0.15
        {
            return new StreamReader(new ArrowStreamReader(stream, leaveOpen: true));
        }

        throw new InvalidDataException($"{path}: not an Arrow IPC file (no 'ARROW1' file header) or stream (no message header): write it with an Arrow IPC writer (pyarrow.ipc, arrow::ipc, Apache.Arrow).");
    }

    private static string EngineType(string path, string column, IArrowType type) => type switch
    {
        TimestampType t => string.IsNullOrEmpty(t.Timezone) ? "TIMESTAMP" : "TIMESTAMPTZ",
        Date32Type or Date64Type => "DATE",
        Int8Type => "TINYINT",
        Int16Type => "SMALLINT",
        Int32Type => "INTEGER",
        Int64Type => "BIGINT",
        UInt8Type => "UTINYINT",
        UInt16Type => "USMALLINT",
        UInt32Type => "UINTEGER",
        UInt64Type => "UBIGINT",
        FloatType => "FLOAT",
        DoubleType => "DOUBLE",
        Decimal128Type d when d.Precision <= 28 => $"DECIMAL({d.Precision}, {d.Scale})",
        StringType or LargeStringType or StringViewType => "VARCHAR",
        DictionaryType { ValueType: StringType or LargeStringType or StringViewType } => "VARCHAR",
        BooleanType => "BOOLEAN",
        _ => throw new InvalidDataException($"{path}: column '{column}' has the Arrow type {type.Name}, which NpsArrow does not read: use a timestamp, date, integer, float, double, decimal (precision up to 28), string or boolean column."),
    };

    private static void Append(DuckDBAppender appender, RecordBatch batch, (string Name, string Type, int Index)[] mapped, string path)
    {
        var values = new Func<IDuckDBAppenderRow, int, IDuckDBAppenderRow>[mapped.Length];
        for (int c = 0; c < mapped.Length; c++)
        {
            values[c] = Writer(batch.Column(mapped[c].Index), mapped[c].Type == "TIMESTAMP", path, mapped[c].Name);
        }

        for (int i = 0; i < batch.Length; i++)
        {
            IDuckDBAppenderRow row = appender.CreateRow();
            foreach (Func<IDuckDBAppenderRow, int, IDuckDBAppenderRow> value in values)
            {
                row = value(row, i);
            }

            row.EndRow();
        }
    }

    private static Func<IDuckDBAppenderRow, int, IDuckDBAppenderRow> Writer(IArrowArray array, bool wallClock, string path, string column) => array switch
    {
        TimestampArray t when wallClock => (r, i) => t.IsNull(i) ? r.AppendNullValue() : r.AppendValue(t.GetTimestamp(i)!.Value.UtcDateTime),
        TimestampArray t => (r, i) => t.IsNull(i) ? r.AppendNullValue() : r.AppendValue(t.GetTimestamp(i)!.Value),
        Date32Array d => (r, i) => d.IsNull(i) ? r.AppendNullValue() : r.AppendValue(d.GetDateOnly(i)!.Value),
        Date64Array d => (r, i) => d.IsNull(i) ? r.AppendNullValue() : r.AppendValue(d.GetDateOnly(i)!.Value),
        Int8Array x => (r, i) => r.AppendValue(x.GetValue(i)),
        Int16Array x => (r, i) => r.AppendValue(x.GetValue(i)),
        Int32Array x => (r, i) => r.AppendValue(x.GetValue(i)),
        Int64Array x => (r, i) => r.AppendValue(x.GetValue(i)),
        UInt8Array x => (r, i) => r.AppendValue(x.GetValue(i)),
        UInt16Array x => (r, i) => r.AppendValue(x.GetValue(i)),
        UInt32Array x => (r, i) => r.AppendValue(x.GetValue(i)),
        UInt64Array x => (r, i) => r.AppendValue(x.GetValue(i)),
        FloatArray x => (r, i) => r.AppendValue(x.GetValue(i)),
        DoubleArray x => (r, i) => r.AppendValue(x.GetValue(i)),
        Decimal128Array x => (r, i) => r.AppendValue(x.GetValue(i)),
        BooleanArray x => (r, i) => r.AppendValue(x.GetValue(i)),
        StringArray s => (r, i) => r.AppendValue(s.IsNull(i) ? null : s.GetString(i)),
        LargeStringArray s => (r, i) => r.AppendValue(s.IsNull(i) ? null : s.GetString(i)),
        StringViewArray s => (r, i) => r.AppendValue(s.IsNull(i) ? null : s.GetString(i)),
        DictionaryArray d => DictionaryWriter(d, path, column),
        _ => throw new InvalidDataException($"{path}: column '{column}' holds {array.GetType().Name} values, which NpsArrow does not read."),
    };

    private static Func<IDuckDBAppenderRow, int, IDuckDBAppenderRow> DictionaryWriter(DictionaryArray d, string path, string column)
    {
        Func<int, string?> word = d.Dictionary switch
        {
            StringArray s => i => s.GetString(i),
            LargeStringArray s => i => s.GetString(i),
            StringViewArray s => i => s.GetString(i),
            _ => throw new InvalidDataException($"{path}: column '{column}' is dictionary-encoded with {d.Dictionary.GetType().Name} values; only strings are read."),
        };
        Func<int, long> index = d.Indices switch
        {
            Int8Array x => i => x.GetValue(i)!.Value,
            Int16Array x => i => x.GetValue(i)!.Value,
            Int32Array x => i => x.GetValue(i)!.Value,
            Int64Array x => i => x.GetValue(i)!.Value,
            UInt8Array x => i => x.GetValue(i)!.Value,
            UInt16Array x => i => x.GetValue(i)!.Value,
            UInt32Array x => i => x.GetValue(i)!.Value,
            UInt64Array x => i => (long)x.GetValue(i)!.Value,
            _ => throw new InvalidDataException($"{path}: column '{column}' has dictionary indices of {d.Indices.GetType().Name}."),
        };
        return (r, i) => r.AppendValue(d.IsNull(i) ? null : word((int)index(i)));
    }

    private static int IndexOf(Schema schema, string name)
    {
        for (int i = 0; i < schema.FieldsList.Count; i++)
        {
            if (string.Equals(schema.FieldsList[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Describe(IEnumerable<(string Name, string Type)> columns) => string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}"));

    private sealed class FileReader(ArrowFileReader reader) : IArrowReader
    {
        /// <summary>The footer's schema (the reader reads the footer on the first question about it).</summary>
        public Schema Schema => reader.Schema ?? reader.GetSchema(CancellationToken.None).AsTask().GetAwaiter().GetResult();

        public RecordBatch? ReadNextRecordBatch() => reader.ReadNextRecordBatch();

        public void Dispose() => reader.Dispose();
    }

    private sealed class StreamReader(ArrowStreamReader reader) : IArrowReader
    {
        public Schema Schema => reader.Schema;

        public RecordBatch? ReadNextRecordBatch() => reader.ReadNextRecordBatch();

        public void Dispose() => reader.Dispose();
    }
}
