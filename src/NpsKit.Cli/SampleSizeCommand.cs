using System.CommandLine;
using System.Globalization;
using NpsKit.Statistics;

namespace NpsKit.Cli;

/// <summary><c>nps sample-size</c>: answers needed for a margin of error, or per group to detect a change.</summary>
internal static class SampleSizeCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Creates the command bound to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        Option<double?> margin = new("--margin") { Description = "The margin of error wanted, in NPS points (5 for ±5)." };
        Option<double?> detect = new("--detect") { Description = "The smallest change between two groups worth detecting, in NPS points." };
        Option<double> power = new("--power")
        {
            Description = "With --detect: the probability of detecting the change.",
            DefaultValueFactory = _ => 0.8,
        };
        Option<double> level = CommonOptions.Level();
        Option<string?> shares = new("--shares")
        {
            Description = "Expected promoter, passive and detractor shares as p,q,d (fractions or percentages, e.g. 0.5,0.3,0.2). Default: the worst case.",
        };
        Option<long?> population = new("--population") { Description = "The population size, for the finite-population correction." };

        Command command = new("sample-size", "How many answers a margin of error needs (--margin), or how many per group to detect a change (--detect, --power).")
        {
            margin, detect, power, level, shares, population,
        };

        command.SetAction(parse =>
        {
            double? marginValue = parse.GetValue(margin);
            double? detectValue = parse.GetValue(detect);
            double confidence = CommonOptions.CheckLevel(parse.GetValue(level));
            PlanningShares? planning = ParseShares(parse.GetValue(shares));
            long? populationSize = parse.GetValue(population);
            string sharesText = planning is { } s
                ? $"shares {Words.Percent(s.PromoterShare)} promoters, {Words.Percent(s.PassiveShare)} passives, {Words.Percent(s.DetractorShare)} detractors"
                : "worst-case shares";
            string populationText = populationSize is { } n ? string.Create(Invariant, $", population {n:N0}") : string.Empty;
            string label = Words.LevelLabel(confidence);

            switch ((marginValue, detectValue))
            {
                case ({ } m, null):
                    long needed = Usage.Check(() => SampleSizePlan.ForMarginOfError(m, confidence, planning, populationSize));
                    context.Out.WriteLine(string.Create(
                        Invariant,
                        $"{needed:N0} answers for a margin of error of ±{Words.Points(m)} points at {label} confidence ({sharesText}{populationText})."));
                    break;
                case (null, { } d):
                    double powerValue = parse.GetValue(power);
                    long perGroup = Usage.Check(() => SampleSizePlan.PerGroupForDifference(d, confidence, powerValue, planning, planning, populationSize));
                    context.Out.WriteLine(string.Create(
                        Invariant,
                        $"{perGroup:N0} answers per group ({2 * perGroup:N0} in all) to detect a change of {Words.Points(Math.Abs(d))} points with {Words.LevelLabel(powerValue)} power at {label} confidence ({sharesText}{populationText})."));
                    break;
                default:
                    throw new UsageException("Give exactly one of --margin (one survey's precision) or --detect (a change between two groups).");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Parses "p,q,d" as promoter, passive and detractor shares (fractions summing to 1, or percentages summing to 100).</summary>
    internal static PlanningShares? ParseShares(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        bool numbers = parts.Length == 3;
        for (int i = 0; numbers && i < parts.Length; i++)
        {
            numbers = double.TryParse(parts[i], NumberStyles.Float, Invariant, out values[i]) && values[i] >= 0;
        }

        if (!numbers)
        {
            throw new UsageException($"--shares '{text}' is not three non-negative numbers p,q,d (promoters, passives, detractors), e.g. 0.5,0.3,0.2 or 50,30,20.");
        }

        double sum = values.Sum();
        double scale = Math.Abs(sum - 100) < 0.5 ? 100 : 1;
        if (Math.Abs(sum / scale - 1) > 0.005)
        {
            throw new UsageException(string.Create(
                Invariant,
                $"--shares '{text}' sums to {sum}: the promoter, passive and detractor shares must sum to 1 (or 100 as percentages)."));
        }

        return Usage.Check(() => PlanningShares.From(values[0] / scale, values[2] / scale));
    }
}
