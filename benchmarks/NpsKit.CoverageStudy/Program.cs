using System.Globalization;
using NpsKit;
using NpsKit.Statistics;

// Exact coverage of NpsKit's NPS intervals, by full enumeration of the trinomial (no simulation):
//   dotnet run -c Release --project benchmarks/NpsKit.CoverageStudy [-- --n 10,30,100,300 --level 0.90,0.95,0.99 --step 0.01[,0.05] --methods Score,Exact]
// For each n, every outcome (P, M, D) with P + M + D = n gets each method's interval once. For each point of a grid
// of true shares (p, d) — p, d and the passive share each at least `step`, in steps of `step` (step 0.01: 4 851
// points, shares down to 1 %; step 0.05: 171 points) — coverage = Σ over outcomes of the Multinomial(n; p, 1 − p − d, d)
// probability × [true NPS inside the interval], and the expected width is the same sum of widths.
// Tie rule: the interval is closed and compared with exact floating-point comparisons, Lower ≤ truth ≤ Upper, with
// the truth 100(p − d) computed exactly as an integer multiple of 100·step points (no tolerance either way).
// Outcomes whose probability is below e^−60 at a grid point are skipped (their total is below 1e−20).
// The table reports, per n, level and method, the mean and the minimum coverage over the grid, where the minimum is,
// and the mean expected width. The bootstrap is seeded (1 000 resamples) so the run is reproducible.
var options = ParseArguments(args);
NpsIntervalMethod[] methods = options.Methods;
var invariant = CultureInfo.InvariantCulture;

// The intervals are computed once per n and shared by every grid (--step 0.01,0.05 prints both tables).
var tables = options.Steps.Select(step => (Step: step, Grid: Grid(step), Rows: new List<string>())).ToArray();
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

    double[] logCoefficient = [.. outcomes.Select(o => logFactorial[n] - logFactorial[o.P] - logFactorial[n - o.P - o.D] - logFactorial[o.D])];
    var runs = (from level in options.Levels from method in methods select (Level: level, Method: method)).ToArray();
    var lower = new double[runs.Length][];
    var upper = new double[runs.Length][];
    for (int r = 0; r < runs.Length; r++)
    {
        var settings = new NpsIntervalOptions { Level = runs[r].Level, Method = runs[r].Method, BootstrapReplicates = 1_000 };
        NpsInterval[] intervals = [.. outcomes.AsParallel().AsOrdered().Select(o => NpsTally.FromCounts(o.P, n - o.P - o.D, o.D).ConfidenceInterval(settings))];
        lower[r] = [.. intervals.Select(ci => ci.Lower)];
        upper[r] = [.. intervals.Select(ci => ci.Upper)];
    }

    foreach (var table in tables)
    {
        Evaluate(n, table.Step, table.Grid, outcomes, logCoefficient, runs, lower, upper, table.Rows);
    }
}

foreach (var table in tables)
{
    Console.WriteLine(string.Create(invariant, $"Exact coverage; grid of {table.Grid.Count} true (promoter, detractor) shares, step {table.Step}, every share ≥ {table.Step}."));
    Console.WriteLine();
    Console.WriteLine("| n | level | method | mean coverage | min coverage | worst (p, d) | mean width (points) |");
    Console.WriteLine("|--:|--:|---|--:|--:|---|--:|");
    table.Rows.ForEach(Console.WriteLine);
    Console.WriteLine();
}

static List<(int I, int J)> Grid(double step)
{
    int steps = (int)Math.Round(1 / step);
    var grid = new List<(int I, int J)>();
    for (int i = 1; i < steps; i++)
    {
        for (int j = 1; i + j < steps; j++)
        {
            grid.Add((i, j));
        }
    }

    return grid;
}

static void Evaluate(
    int n,
    double step,
    List<(int I, int J)> grid,
    List<(int P, int D)> outcomes,
    double[] logCoefficient,
    (double Level, NpsIntervalMethod Method)[] runs,
    double[][] lower,
    double[][] upper,
    List<string> rows)
{
    int steps = (int)Math.Round(1 / step);

    // Each grid point's coverage and width are independent sums: computed in parallel, then reduced in grid order.
    double pointsPerStep = Math.Round(100 * step);
    var perPoint = new (double[] Coverage, double[] Width)[grid.Count];
    Parallel.For(0, grid.Count, g =>
    {
        (int gi, int gj) = grid[g];
        double sp = gi * step;
        double sd = gj * step;
        double sm = (steps - gi - gj) * step;
        double truth = (gi - gj) * pointsPerStep;
        double lp = Math.Log(sp), lm = Math.Log(sm), ld = Math.Log(sd);
        var coverage = new double[runs.Length];
        var width = new double[runs.Length];
        for (int k = 0; k < outcomes.Count; k++)
        {
            (int p, int d) = outcomes[k];
            double exponent = logCoefficient[k] + (p * lp) + ((n - p - d) * lm) + (d * ld);
            if (exponent < -60)
            {
                continue;
            }

            double prob = Math.Exp(exponent);
            for (int r = 0; r < runs.Length; r++)
            {
                if (lower[r][k] <= truth && truth <= upper[r][k])
                {
                    coverage[r] += prob;
                }

                width[r] += prob * (upper[r][k] - lower[r][k]);
            }
        }

        perPoint[g] = (coverage, width);
    });

    var sumCoverage = new double[runs.Length];
    var sumWidth = new double[runs.Length];
    var minCoverage = Enumerable.Repeat(double.MaxValue, runs.Length).ToArray();
    var worst = new (int I, int J)[runs.Length];
    for (int g = 0; g < grid.Count; g++)
    {
        for (int r = 0; r < runs.Length; r++)
        {
            sumCoverage[r] += perPoint[g].Coverage[r];
            sumWidth[r] += perPoint[g].Width[r];
            if (perPoint[g].Coverage[r] < minCoverage[r])
            {
                minCoverage[r] = perPoint[g].Coverage[r];
                worst[r] = grid[g];
            }
        }
    }

    for (int r = 0; r < runs.Length; r++)
    {
        rows.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"| {n} | {runs[r].Level:0.##} | {runs[r].Method} | {sumCoverage[r] / grid.Count:0.0000} | {minCoverage[r]:0.0000} | ({worst[r].I * step:0.00}, {worst[r].J * step:0.00}) | {sumWidth[r] / grid.Count:0.0} |"));
    }
}

static (int[] Sizes, double[] Levels, double[] Steps, NpsIntervalMethod[] Methods) ParseArguments(string[] args)
{
    NpsIntervalMethod[] methods = Enum.GetValues<NpsIntervalMethod>();
    int[] sizes = [10, 30, 100, 300];
    double[] levels = [0.90, 0.95, 0.99];
    double[] steps = [0.01];
    for (int i = 0; i + 1 < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--n":
                sizes = [.. args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                break;
            case "--level":
                levels = [.. args[i + 1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
                break;
            case "--step":
                steps = [.. args[i + 1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
                break;
            case "--methods":
                methods = [.. args[i + 1].Split(',').Select(s => Enum.Parse<NpsIntervalMethod>(s, ignoreCase: true))];
                break;
            default:
                throw new ArgumentException($"Unknown option {args[i]}; use --n 10,30,100,300 --level 0.90,0.95,0.99 --step 0.01,0.05 --methods AdjustedWald,Score.");
        }
    }

    return (sizes, levels, steps, methods);
}
