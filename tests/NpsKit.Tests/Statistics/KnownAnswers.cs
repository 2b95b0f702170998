using System.Globalization;

namespace NpsKit.Tests.Statistics;

/// <summary>Reads the reference files in TestData/ (comment lines start with '#').</summary>
internal static class KnownAnswers
{
    public static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", file))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split(','));

    public static IEnumerable<string[]> Rows(string file, string kind) => Rows(file).Where(r => r[0] == kind);

    public static double D(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static long L(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static NpsTally Tally(string promoters, string passives, string detractors) =>
        NpsTally.FromCounts(L(promoters), L(passives), L(detractors));

    /// <summary>Parses "P|M|D".</summary>
    public static NpsTally Tally(string packed)
    {
        string[] parts = packed.Split('|');
        return Tally(parts[0], parts[1], parts[2]);
    }
}
