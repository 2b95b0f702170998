using System.Text;

namespace NpsKit.Csv.Tests;

internal static class CsvTestHelpers
{
    public static readonly CsvReadOptions Lenient = new() { Mode = CsvReadMode.Lenient };

    public static CsvTallyResult Read(string text, CsvReadOptions? options = null) =>
        NpsCsv.ReadTally(new MemoryStream(Encoding.UTF8.GetBytes(text)), options, "test.csv");

    public static CsvTallyResult ReadBytes(byte[] bytes, CsvReadOptions? options = null) =>
        NpsCsv.ReadTally(new MemoryStream(bytes), options, "test.csv");
}
