using System.Globalization;

namespace NpsKit.Csv;

/// <summary>How far a CSV read has come: reported through <see cref="CsvReadOptions.Progress"/>.</summary>
/// <param name="Source">The file name or source description being read.</param>
/// <param name="RowsRead">The data rows read so far (accepted and rejected).</param>
/// <param name="BytesRead">The bytes of input consumed so far.</param>
/// <param name="TotalBytes">The input's length in bytes when known (a file or a seekable stream); otherwise <see langword="null"/>.</param>
/// <remarks>An immutable value; thread-safe.</remarks>
public readonly record struct CsvProgress(string Source, long RowsRead, long BytesRead, long? TotalBytes)
{
    /// <summary>Gets the share of the input read, from 0 to 1, when the total is known.</summary>
    /// <param name="fraction">The share, or 0 when the total is unknown.</param>
    /// <returns><see langword="true"/> when the total is known.</returns>
    public bool TryGetFraction(out double fraction)
    {
        fraction = TotalBytes is long total && total > 0 ? Math.Clamp((double)BytesRead / total, 0, 1) : 0;
        return TotalBytes is > 0;
    }

    /// <summary>Describes the progress, e.g. <c>responses.csv: 163,840 rows (41%)</c>.</summary>
    /// <returns>The description, in invariant culture.</returns>
    public override string ToString() => TryGetFraction(out double f)
        ? string.Create(CultureInfo.InvariantCulture, $"{Source}: {RowsRead:N0} rows ({f:0%})")
        : string.Create(CultureInfo.InvariantCulture, $"{Source}: {RowsRead:N0} rows");
}
