using System.Globalization;

namespace NpsKit.Charts.Internal;

/// <summary>Checks shared by the chart options; each adds a sentence to the list of problems.</summary>
internal static class ChartChecks
{
    public static void Size(List<string> problems, string name, int value, int minimum)
    {
        if (value < minimum || value > 4000)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} is {value}: use {minimum} to 4000 pixels."));
        }
    }

    public static void Level(List<string> problems, string name, double level)
    {
        if (!(level > 0 && level < 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} is {level}: use a confidence level strictly between 0 and 1, such as 0.95."));
        }
    }

    public static void IdPrefix(List<string> problems, string name, string? prefix)
    {
        if (string.IsNullOrEmpty(prefix) || !char.IsAsciiLetter(prefix[0]) || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            problems.Add($"{name} is {(prefix is null ? "null" : "\"" + prefix + "\"")}: use a letter followed by letters, digits, '-' or '_', e.g. \"chart-1\".");
        }
    }
}
