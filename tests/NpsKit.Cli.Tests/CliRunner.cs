using NpsKit.TestUtilities;

namespace NpsKit.Cli.Tests;

/// <summary>Runs <c>nps</c> in-process and captures what it writes.</summary>
internal static class CliRunner
{
    public static string SampleData => Path.Combine(ApiConventions.RepoRoot(), "samples", "data", "responses.csv");

    public static CliResult Run(params string[] args) => RunWith(showProgress: false, args);

    public static CliResult RunWith(bool showProgress, params string[] args) => RunWithClock(showProgress, null, args);

    /// <summary>Runs with a fixed clock, as the program would with the system clock.</summary>
    public static CliResult RunAt(DateTimeOffset now, params string[] args) => RunWithClock(false, new FixedClock(now), args);

    private static CliResult RunWithClock(bool showProgress, TimeProvider? clock, string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int exitCode = Cli.Run(args, stdout, stderr, showProgress, clock);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs as in a terminal <paramref name="width"/> characters wide.</summary>
    public static CliResult RunWithWidth(int width, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int exitCode = Cli.Run(args, stdout, stderr, false, null, null, width);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The path of a bundled sample file.</summary>
    public static string Sample(string name) => Path.Combine(ApiConventions.RepoRoot(), "samples", "data", name);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (for the file name <c>-</c>).</summary>
    public static CliResult RunWithInput(byte[] stdin, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int exitCode = Cli.Run(args, stdout, stderr, false, null, new MemoryStream(stdin));
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes <paramref name="bytes"/> to a fresh temporary file with <paramref name="extension"/> and returns its path.</summary>
    public static string TempFile(byte[] bytes, string extension = ".csv")
    {
        string path = Path.Combine(Path.GetTempPath(), $"nps-cli-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Writes <paramref name="lines"/> to a fresh temporary CSV file and returns its path.</summary>
    public static string TempCsv(params string[] lines)
    {
        string path = Path.Combine(Path.GetTempPath(), $"nps-cli-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Counts promoters, passives and detractors per month straight from the sample file's text (no NpsKit code).</summary>
    public static (long Promoters, long Passives, long Detractors) CountMonth(string month)
    {
        long promoters = 0, passives = 0, detractors = 0;
        foreach (string line in File.ReadLines(SampleData).Skip(1))
        {
            string[] fields = line.Split(',');
            if (!fields[1].StartsWith(month, StringComparison.Ordinal))
            {
                continue;
            }

            int score = int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
            if (score >= 9)
            {
                promoters++;
            }
            else if (score >= 7)
            {
                passives++;
            }
            else
            {
                detractors++;
            }
        }

        return (promoters, passives, detractors);
    }
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
