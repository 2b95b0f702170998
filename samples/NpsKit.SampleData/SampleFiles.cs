using System.Globalization;
using System.Text;

namespace NpsKit.SampleData;

/// <summary>Shared writing helpers: UTF-8 without BOM, LF line ends, invariant culture, RFC 4180 quoting.</summary>
internal static class SampleFiles
{
    public static StreamWriter Create(string path) =>
        new(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };

    public static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
