using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Drivers;
using NpsKit.Excel;
using NpsKit.Statistics;

namespace NpsKit.Cli;

/// <summary><c>nps compare</c>: two files, or two periods of one file — difference, interval and p-value, in words.</summary>
internal static class CompareCommand
{
    /// <summary>Creates the command bound to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        Argument<string[]> files = new("files")
        {
            Description = "Two CSV files (baseline, then current), or one file with --period and --vs.",
            Arity = new ArgumentArity(1, 2),
        };
        Option<string?> period = new("--period") { Description = "With one file: the baseline period, e.g. 2026-09, 2026-Q3, 2026-W38, 2026-09-14 or 2026." };
        Option<string?> versus = new("--vs") { Description = "With one file: the current period, in the same unit as --period." };
        Option<string?> timeZone = new("--tz") { Description = "The IANA time zone periods are cut in, e.g. Europe/Copenhagen. Default Etc/UTC." };
        Option<double> level = CommonOptions.Level();
        Option<string> format = CommonOptions.Format("The output format (csv and markdown: the comparison and, with --by, the decomposition's parts).", "text", "json", "csv", "markdown");
        ResponseInputOptions input = CommonOptions.ResponseInput();
        Option<string?> by = CompareDecomposition.ByOption();
        Option<string[]> then = CompareDecomposition.ThenOption();
        Option<bool> paired = ComparePaired.Option();

        Command command = new("compare", "Compare the NPS of two files or two periods: difference, confidence interval and p-value (adjusted Wald two-sample test), in words.")
        {
            files, period, versus, timeZone, level, format, by, then, paired,
        };
        input.AddTo(command);

        command.SetAction(parse =>
        {
            string[] paths = parse.GetRequiredValue(files);
            string? baselinePeriod = parse.GetValue(period);
            string? currentPeriod = parse.GetValue(versus);
            double confidence = CommonOptions.CheckLevel(parse.GetValue(level));
            string? zone = parse.GetValue(timeZone);
            var reports = new List<IngestReport>();
            ResponseReading reading = Input.ReadOptions(input, parse, zone, context);
            CsvReadOptions read = reading.Options;
            if (parse.GetValue(paired))
            {
                if (parse.GetValue(by) is not null || parse.GetValue(then) is { Length: > 0 })
                {
                    throw new UsageException("--paired and --by cannot be combined: the paired test compares the matched respondents as a whole.");
                }

                if (parse.GetRequiredValue(format) is "csv" or "markdown")
                {
                    throw new UsageException($"--paired writes text or json; --format {parse.GetRequiredValue(format)} is for the independent comparison and its decomposition.");
                }

                ComparePaired.Run(context, reading, paths, baselinePeriod, currentPeriod, zone, confidence, parse.GetRequiredValue(format), reports);
                Input.WriteBadRowSummary(context, reports);
                return ExitCodes.Ok;
            }

            // Each input is read once: a cube with the --by/--then dimensions (the total only without them), from which both the
            // comparison's totals and the decomposition come — so standard input (-) and .xlsx work in every mode.
            string? byColumn = parse.GetValue(by);
            string[] nested = parse.GetValue(then) ?? [];
            Segmentation segmentation = CompareDecomposition.Segmentation(byColumn, nested);
            CsvCubeResult ReadCube(string path, AggregationOptions? aggregation, CsvReadOptions read) =>
                Input.ReadResponses(context, reading, path, p => NpsCsv.ReadCube(p, segmentation, aggregation, read), (s, name) => NpsCsv.ReadCube(s, segmentation, aggregation, read, name), (p, sheet) => NpsExcel.ReadCube(p, segmentation, aggregation, read, sheet), r => r.Report, reports);

            Side baseline;
            Side current;
            IReadOnlyList<NpsChangeDecomposition>? decomposition = null;
            var decompositionOptions = new DecompositionOptions { Level = confidence };
            if (paths.Length == 2)
            {
                if (baselinePeriod is not null || currentPeriod is not null)
                {
                    throw new UsageException("--period and --vs compare two periods of one file; with two files, give neither.");
                }

                if (paths[0] == "-" && paths[1] == "-")
                {
                    throw new UsageException("Standard input (-) can be only one of the two files: name the other file.");
                }

                // Two files are compared as wholes (all their periods together), so a file without a time column is read
                // into a single-period cube: its answers are dated on one fixed day, which no output shows.
                CsvReadOptions whole = read with { UndatedDay = UndatedDay };
                NpsCube a = ReadCube(paths[0], null, whole).Cube;
                NpsCube b = ReadCube(paths[1], null, whole).Cube;
                baseline = new Side(paths[0], NonEmpty(a.Total, paths[0]));
                current = new Side(paths[1], NonEmpty(b.Total, paths[1]));
                if (byColumn is not null)
                {
                    decomposition = ChangeDecomposition.Drill(a, b, decompositionOptions);
                }
            }
            else
            {
                (ReportingPeriod first, ReportingPeriod second) = Periods(baselinePeriod, currentPeriod, "Compare");

                var aggregation = new AggregationOptions { Period = first.Unit, TimeZoneId = zone ?? AggregationOptions.Default.TimeZoneId, MinimumCount = 0 };
                Usage.Check(() => aggregation.Validate());
                NpsCube cube = ReadCube(paths[0], aggregation, read).Cube;
                baseline = new Side(baselinePeriod, TallyOf(cube, first, baselinePeriod, paths[0]));
                current = new Side(currentPeriod, TallyOf(cube, second, currentPeriod, paths[0]));
                if (byColumn is not null)
                {
                    decomposition = ChangeDecomposition.Drill(cube, first, second, decompositionOptions);
                }
            }

            NpsComparison comparison = NpsTest.Compare(baseline.Tally, current.Tally, confidence, NpsTestMethod.AdjustedWald);
            switch (parse.GetRequiredValue(format))
            {
                case "json":
                    WriteJson(context.Out, baseline, current, comparison, confidence, decomposition, byColumn, nested);
                    break;
                case "csv":
                    CompareDecomposition.WriteCsv(context.Out, baseline.Tally, current.Tally, comparison, decomposition);
                    break;
                case "markdown":
                    context.Out.WriteLine("```");
                    WriteText(context.Out, baseline, current, comparison, confidence);
                    context.Out.WriteLine("```");
                    if (decomposition is not null)
                    {
                        CompareDecomposition.WriteMarkdown(context.Out, decomposition);
                    }

                    break;
                default:
                    WriteText(context.Out, baseline, current, comparison, confidence);
                    if (decomposition is not null)
                    {
                        CompareDecomposition.WriteText(context.Out, decomposition);
                    }

                    break;
            }

            Input.WriteBadRowSummary(context, reports);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The day answers of a file without a time column are dated on in a two-file comparison (never printed).</summary>
    private static readonly DateOnly UndatedDay = new(2000, 1, 1);

    /// <summary>Parses --period and --vs for a one-file comparison: both given, in the same unit.</summary>
    internal static (ReportingPeriod Baseline, ReportingPeriod Current) Periods([NotNull] string? baselinePeriod, [NotNull] string? currentPeriod, string what)
    {
        if (baselinePeriod is null || currentPeriod is null)
        {
            throw new UsageException($"{what} needs two files, or one file with both --period and --vs (e.g. --period 2026-09 --vs 2026-10).");
        }

        ReportingPeriod first = PeriodOption.Parse(baselinePeriod, "--period");
        ReportingPeriod second = PeriodOption.Parse(currentPeriod, "--vs");
        if (first.Unit != second.Unit)
        {
            throw new UsageException($"--period {baselinePeriod} is a {ReportCharts.Unit(first.Unit)} and --vs {currentPeriod} is a {ReportCharts.Unit(second.Unit)}: give both as months, quarters, weeks, days or years (e.g. --period 2026-Q2 --vs 2026-Q3).");
        }

        return (first, second);
    }

    private static NpsTally NonEmpty(NpsTally tally, string path) =>
        tally.HasScore ? tally : throw new InvalidDataException($"{path}: no answers to compare (every row was empty or rejected).");

    private static NpsTally TallyOf(NpsCube cube, ReportingPeriod period, string text, string path)
    {
        if (cube.Periods.Contains(period))
        {
            NpsTally tally = cube.Tally(period, SegmentPath.Total);
            if (tally.HasScore)
            {
                return tally;
            }
        }

        string covered = cube.Periods.Count == 0 ? "no periods" : $"{cube.Periods[0]} to {cube.Periods[^1]}";
        throw new NoAnswersException($"{text} has no answers in {path}: the file covers {covered}. Pick a period in that range.");
    }

    internal static void WriteText(TextWriter output, Side baseline, Side current, NpsComparison comparison, double level)
    {
        string label = Words.LevelLabel(level);
        int width = Math.Max(baseline.Name.Length, current.Name.Length);
        foreach ((string role, Side side) in new[] { ("baseline", baseline), ("current ", current) })
        {
            NpsInterval interval = side.Tally.ConfidenceInterval(level, NpsIntervalMethod.AdjustedWald);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{role}  {side.Name.PadRight(width)}  n {side.Tally.Count,7:N0}  NPS {Words.Points(side.Tally.Score),6}  {label} CI {Words.Interval(interval)}"));
        }

        output.WriteLine(comparison.IsComputable
            ? $"change    {Words.Signed(comparison.Difference)} points observed; test estimate {Words.Signed(comparison.Estimate)} (SE {Words.Points(comparison.StandardError)}), {label} CI {Words.Interval(comparison.Interval, signed: true)} ({MethodLabel(comparison.Method)})"
            : $"change    {Words.Signed(comparison.Difference)} points observed; CI –, p – (the standard error is 0: the test cannot be computed)");
        output.WriteLine(Words.Describe(comparison, level));
    }

    private static void WriteJson(TextWriter output, Side baseline, Side current, NpsComparison comparison, double level, IReadOnlyList<NpsChangeDecomposition>? decomposition, string? by, string[] then)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach ((string role, Side side) in new[] { ("baseline", baseline), ("current", current) })
            {
                NpsInterval interval = side.Tally.ConfidenceInterval(level, NpsIntervalMethod.AdjustedWald);
                json.WriteStartObject(role);
                json.WriteString("name", side.Name);
                json.WriteNumber("n", side.Tally.Count);
                json.WriteNumber("nps", side.Tally.Score);
                json.WriteNumber("lower", interval.Lower);
                json.WriteNumber("upper", interval.Upper);
                json.WriteEndObject();
            }

            json.WriteNumber("level", level);
            json.WriteNumber("difference", comparison.Difference);
            json.WriteString("method", comparison.Method.ToString());
            json.WriteBoolean("computable", comparison.IsComputable);
            json.WriteNumber("estimate", comparison.Estimate);
            json.WriteNumber("standardError", comparison.StandardError);
            json.WriteNumber("z", comparison.Z);
            json.WriteNumber("lower", comparison.Interval.Lower);
            json.WriteNumber("upper", comparison.Interval.Upper);
            json.WriteNumber("pValue", comparison.PValue);
            json.WriteBoolean("significant", comparison.IsSignificant(1 - level));
            json.WriteString("summary", Words.Describe(comparison, level));
            if (decomposition is not null)
            {
                json.WriteStartObject("decomposition");
                json.WriteString("by", by);
                CompareDecomposition.WriteJson(json, decomposition[0]);
                CompareDecomposition.WriteDrill(json, then, decomposition);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string MethodLabel(NpsTestMethod method) => method switch
    {
        NpsTestMethod.AdjustedWald => "adjusted Wald",
        NpsTestMethod.Wald => "Wald",
        _ => "score test, Newcombe MOVER interval",
    };

    internal sealed record Side(string Name, NpsTally Tally);
}
