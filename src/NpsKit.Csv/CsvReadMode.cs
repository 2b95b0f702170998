namespace NpsKit.Csv;

/// <summary>What reading does with a bad row.</summary>
public enum CsvReadMode
{
    /// <summary>Throw an <see cref="NpsDataException"/> carrying the first bad row. The default. Repeats that
    /// <see cref="DuplicatePolicy.KeepFirst"/> or <see cref="DuplicatePolicy.KeepLatest"/> leave out are not bad data:
    /// they are listed in <see cref="IngestReport.BadRows"/> and the read goes on.</summary>
    Strict = 0,

    /// <summary>Skip every bad row and list each one in the <see cref="IngestReport"/>; nothing is dropped silently.</summary>
    Lenient = 1,
}
