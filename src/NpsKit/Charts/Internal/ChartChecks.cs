using static NpsKit.Internal.OptionProblems;

namespace NpsKit.Charts.Internal;

/// <summary>Checks shared by the chart options; each adds one <see cref="OptionProblem"/> to the list.</summary>
internal static class ChartChecks
{
    public static void Size(List<OptionProblem> problems, string name, int value, int minimum)
    {
        if (value < minimum || value > 4000)
        {
            Add(problems, name, Text(value), $"is outside {minimum} to 4000 pixels", $"{minimum} to 4000 pixels", $"{name} is {value}: use {minimum} to 4000 pixels.");
        }
    }

    public static void Level(List<OptionProblem> problems, string name, double level)
    {
        if (!(level > 0 && level < 1))
        {
            Add(problems, name, Text(level), $"is not strictly between 0 and 1", $"a confidence level strictly between 0 and 1, such as 0.95",
                $"{name} is {level}: use a confidence level strictly between 0 and 1, such as 0.95.");
        }
    }

    public static void IdPrefix(List<OptionProblem> problems, string name, string? prefix)
    {
        if (string.IsNullOrEmpty(prefix) || !char.IsAsciiLetter(prefix[0]) || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            problems.Add(new(name, prefix, "is not a letter followed by letters, digits, '-' or '_'", "a letter followed by letters, digits, '-' or '_', e.g. \"chart-1\"",
                $"{name} is {(prefix is null ? "null" : "\"" + prefix + "\"")}: use a letter followed by letters, digits, '-' or '_', e.g. \"chart-1\"."));
        }
    }

}
