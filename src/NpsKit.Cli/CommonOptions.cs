using System.CommandLine;
using System.Globalization;

namespace NpsKit.Cli;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    /// <summary>The <c>--level</c> option: the confidence level, default 0.95.</summary>
    public static Option<double> Level() => new("--level")
    {
        Description = "The confidence level, strictly between 0 and 1.",
        DefaultValueFactory = _ => 0.95,
    };

    /// <summary>The <c>--lenient</c> option: skip bad rows and summarise them on stderr.</summary>
    public static Option<bool> Lenient() => new("--lenient")
    {
        Description = "Skip bad rows instead of stopping at the first; a summary of them goes to stderr at the end.",
    };

    /// <summary>The <c>--format</c> option: one of <paramref name="allowed"/>, the first being the default.</summary>
    public static Option<string> Format(string description, params string[] allowed)
    {
        Option<string> format = new("--format") { Description = description, DefaultValueFactory = _ => allowed[0] };
        format.AcceptOnlyFromAmong(allowed);
        return format;
    }

    /// <summary>The <c>--tz</c> option of the record-file commands: the zone of times written without a UTC offset.</summary>
    public static Option<string?> RecordTimeZone() => new("--tz") { Description = "The IANA time zone of times without a UTC offset in the CSV files." };

    /// <summary>Checks a confidence level; outside (0, 1) is a usage error.</summary>
    public static double CheckLevel(double level) => level is > 0 and < 1
        ? level
        : throw new UsageException(string.Create(
            CultureInfo.InvariantCulture,
            $"--level {level} is not a confidence level: use a value strictly between 0 and 1, such as 0.95."));
}
