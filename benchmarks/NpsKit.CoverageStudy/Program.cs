using System.Globalization;
using NpsKit;
using NpsKit.Statistics;

// Exact coverage of NpsKit's 95% NPS intervals, by full enumeration of the trinomial (no simulation):
//   dotnet run -c Release --project benchmarks/NpsKit.CoverageStudy [-- --n 10,30,100 --level 0.95 --step 0.05]
// For each n, every outcome (P, M, D) with P + M + D = n gets each method's interval once. For each point of a grid
// of true shares (p, d) — p and d from `step` up in steps of `step`, with a passive share of at least `step` —
// coverage = Σ over outcomes of Multinomial(n; p, 1 − p − d, d) probability × [true NPS inside the interval], and the
// expected width is the same sum of widths. The table reports, per n and method, the mean and the minimum coverage over
// the grid and the mean expected width. The bootstrap is seeded (1 000 resamples) so the run is reproducible.
var options = ParseArguments(args);
var methods = Enum.GetValues<NpsIntervalMethod>();
var grid = Grid(options.Step);
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(invariant, $"Exact coverage of {options.Level:P0} intervals; grid of {grid.Count} true (promoter, detractor) shares, step {options.Step}."));
Console.WriteLine();
Console.WriteLine("| n | method | mean coverage | min coverage | worst (p, d) | mean width (points) |");
Console.WriteLine("|--:|---|--:|--:|---|--:|");
foreach (int n in options.Sizes)
{
    var outcomes = new List<(int P, int D)>();
    for (int p = 0; p <= n; p++)
    {
        for (int d = 0; p + d <= n; d++)
        {
            outcomes.Add((p, d));
        }
    }

    double[] logFactorial = new double[n + 1];
    for (int i = 1; i <= n; i++)
    {
        logFactorial[i] = logFactorial[i - 1] + Math.Log(i);
    }

    foreach (NpsIntervalMethod method in methods)
    {
        var settings = new NpsIntervalOptions { Level = options.Level, Method = method, BootstrapReplicates = 1_000 };
        var intervals = outcomes.Select(o => NpsTally.FromCounts(o.P, n - o.P - o.D, o.D).ConfidenceInterval(settings)).ToArray();
        double sumCoverage = 0;
        double sumWidth = 0;
        double minCoverage = double.MaxValue;
        (double P, double D) worst = default;
        foreach ((double sp, double sd) in grid)
        {
            double truth = 100 * (sp - sd);
            double sm = 1 - sp - sd;
            double coverage = 0;
            double width = 0;
            for (int k = 0; k < outcomes.Count; k++)
            {
                (int p, int d) = outcomes[k];
                int m = n - p - d;
                double prob = Math.Exp(logFactorial[n] - logFactorial[p] - logFactorial[m] - logFactorial[d]
                    + (p * Math.Log(sp)) + (m * Math.Log(sm)) + (d * Math.Log(sd)));

                // A tolerance of 1e−9 points keeps bounds that equal the truth up to rounding counted as covering it.
                if (intervals[k].Lower <= truth + 1e-9 && intervals[k].Upper >= truth - 1e-9)
                {
                    coverage += prob;
                }

                width += prob * intervals[k].Width;
            }

            sumCoverage += coverage;
            sumWidth += width;
            if (coverage < minCoverage)
            {
                minCoverage = coverage;
                worst = (sp, sd);
            }
        }

        Console.WriteLine(string.Create(
            invariant,
            $"| {n} | {method} | {sumCoverage / grid.Count:0.0000} | {minCoverage:0.0000} | ({worst.P:0.00}, {worst.D:0.00}) | {sumWidth / grid.Count:0.0} |"));
    }
}

static List<(double P, double D)> Grid(double step)
{
    var grid = new List<(double, double)>();
    int steps = (int)Math.Round(1 / step);
    for (int i = 1; i < steps; i++)
    {
        for (int j = 1; i + j < steps; j++)
        {
            grid.Add((i * step, j * step));
        }
    }

    return grid;
}

static (int[] Sizes, double Level, double Step) ParseArguments(string[] args)
{
    int[] sizes = [10, 30, 100];
    double level = 0.95;
    double step = 0.05;
    for (int i = 0; i + 1 < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--n":
                sizes = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                break;
            case "--level":
                level = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                break;
            case "--step":
                step = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                break;
            default:
                throw new ArgumentException($"Unknown option {args[i]}; use --n 10,30,100 --level 0.95 --step 0.05.");
        }
    }

    return (sizes, level, step);
}
