using System.Globalization;
using CsvHelper;

namespace NpsKit.Csv.Internal;

/// <summary>Writes invariant-culture CSV with CsvHelper, neutralising formula injection in text cells.</summary>
internal sealed class SafeCsvWriter : IDisposable
{
    private readonly CsvWriter _writer;
    private readonly bool _escape;

    public SafeCsvWriter(TextWriter output, CsvWriteOptions? options)
    {
        options ??= CsvWriteOptions.Default;
        if (options.Delimiter is '"' or '\r' or '\n' || options.Delimiter > 127 || char.IsLetterOrDigit(options.Delimiter))
        {
            throw new ArgumentException($"Delimiter '{options.Delimiter}' cannot separate fields: use an ASCII punctuation character such as ',', ';' or tab.", nameof(options));
        }

        _escape = options.EscapeFormulas;
        _writer = CsvWriter.Create(output, new CsvWriterOptions
        {
            Separator = options.Delimiter,
            NewLine = options.NewLine,
            FormatProvider = CultureInfo.InvariantCulture,
            Injection = options.EscapeFormulas ? CsvInjection.Escape : CsvInjection.None,
        }, leaveOpen: true);
    }

    public void Header(params ReadOnlySpan<string> names) => _writer.WriteHeader(names);

    /// <summary>Writes a text cell. With formula escaping on, CsvHelper prefixes a value led by <c>= + - @</c>, tab or CR
    /// with <c>'</c>; a value led by LF is prefixed here too, since a spreadsheet strips the line break and would read
    /// the formula that follows.</summary>
    public void Text(string? value) => _writer.WriteField(_escape && value is ['\n', ..] ? "'" + value : value ?? string.Empty);

    public void Number(long value) => _writer.WriteField(value, default);

    public void Number(double value, string format = "R") => _writer.WriteField(value, format.AsSpan());

    public void Empty() => _writer.WriteField(string.Empty);

    public void EndRow() => _writer.EndRecord();

    public void Dispose()
    {
        _writer.Flush();
        _writer.Dispose();
    }
}
