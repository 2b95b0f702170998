using System.CommandLine;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Excel;

namespace NpsKit.Cli;

/// <summary><c>nps report</c>: NPS, n, shares, interval and change per period (and segment).</summary>
internal static class ReportCommand
{
    /// <summary>Creates the command bound to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        Argument<string?> file = new("file")
        {
            Description = "The responses export (CSV or Parquet; - for standard input). The survey tool, score and time columns are detected from the header. Leave out with --db.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        DatabaseInput database = DatabaseInput.Create();
        Option<string> per = PeriodOption.Unit();
        Option<int> fiscalStart = new("--fiscal-start")
        {
            Description = "The month (1-12) the fiscal year starts in, for fiscal-quarter and fiscal-year.",
            DefaultValueFactory = _ => 1,
        };
        Option<string[]> segment = CommonOptions.Segments("A column to break the report down by, e.g. region; repeat for a cross-tab.");
        Option<string?> timeZone = new("--tz") { Description = "The IANA time zone periods are cut in, e.g. Europe/Copenhagen. Default Etc/UTC." };
        Option<double> level = CommonOptions.Level();
        Option<int> minN = new("--min-n")
        {
            Description = "Cells with fewer answers are flagged as too small; 0 flags nothing.",
            DefaultValueFactory = _ => 30,
        };
        Option<string> format = CommonOptions.Format("The output format: table, csv, json, markdown, svg (trend chart; with --by also the segment bars) or html (one self-contained page with settings, charts and table).", "table", "csv", "json", "markdown", "svg", "html");
        Option<string?> output = new("--output", "-o")
        {
            Description = "Write the report to this file instead of standard output (UTF-8; the file is replaced).",
        };
        ResponseInputOptions input = CommonOptions.ResponseInput();
        Option<string> adjust = ReportMultipleComparisons.Option();
        Option<string> interval = CommonOptions.Interval();

        Command command = new("report", "NPS per period (and segment): n, shares, confidence interval (adjusted Wald, or --interval) and change vs the previous period with its p-value, adjusted across the report (Holm by default) before anything is flagged significant.")
        {
            file, per, fiscalStart, segment, timeZone, level, interval, minN, format, output, adjust, database.Db, database.Table,
        };
        input.AddTo(command);

        command.SetAction(parse =>
        {
            string? given = parse.GetValue(file);
            string path = given ?? (database.Applies(parse, null) ? string.Empty : throw new UsageException("Give the responses file, or --db and --table."));
            double confidence = CommonOptions.CheckLevel(parse.GetValue(level));
            NpsIntervalMethod method = CommonOptions.IntervalMethod(parse.GetRequiredValue(interval));
            (PeriodUnit unit, string[] segments) = PeriodOption.ResolveUnit(parse, per, segment, context.Error);
            string? zone = parse.GetValue(timeZone);
            var aggregation = new AggregationOptions
            {
                Period = unit,
                FiscalYearStartMonth = parse.GetValue(fiscalStart),
                MinimumCount = parse.GetValue(minN),
                TimeZoneId = zone ?? AggregationOptions.Default.TimeZoneId,
            };
            Usage.Check(() => aggregation.Validate());
            ResponseReading reading = Input.ReadOptions(input, parse, zone, context);
            CsvReadOptions read = reading.Options;

            // A file without a time column broken down by segment is read into a single-period cube (its answers dated on
            // a placeholder day no output shows): the report is the total per segment. A file with times ignores it.
            CsvReadOptions cubeRead = segments.Length > 0 ? read with { UndatedDay = UndatedDay } : read;
            Segmentation segmentation = segments.Length switch
            {
                0 => Segmentation.Total,
                1 => Usage.Check(() => Segmentation.By(segments[0])),
                _ => Usage.Check(() => Segmentation.CrossTab(segments)),
            };

            var reports = new List<IngestReport>();
            bool undated = false;
            NpsCube? cube = null;
            Report report;
            if (database.Applies(parse, given))
            {
                cube = database.Read(parse, input, given, segmentation, aggregation, zone, context, out path);
                report = Report.FromCube(cube, confidence, segments.Length > 0, ReportMultipleComparisons.Parse(parse.GetRequiredValue(adjust)), method);
            }
            else
            {
                try
                {
                    cube = Input.ReadResponses(
                        context, reading, path, p => NpsCsv.ReadCube(p, segmentation, aggregation, cubeRead), (s, name) => NpsCsv.ReadCube(s, segmentation, aggregation, cubeRead, name), (p, sheet) => NpsExcel.ReadCube(p, segmentation, aggregation, cubeRead, sheet), r => r.Report, reports).Cube;
                    report = Report.FromCube(cube, confidence, segments.Length > 0, ReportMultipleComparisons.Parse(parse.GetRequiredValue(adjust)), method);
                    if (reports[^1].UndatedDay is not null)
                    {
                        undated = true;
                        report = report.Undated();
                    }
                }
                catch (NpsDataException e) when (Input.KindOf(e) is NpsDataProblem.NoTimeColumn && segments.Length == 0 && path != "-")
                {
                    // No time column: the report is the total only.
                    reports.Clear();
                    CsvTallyResult total = Input.ReadResponses(context, reading, path, p => NpsCsv.ReadTally(p, read), (s, name) => NpsCsv.ReadTally(s, read, name), (p, sheet) => NpsExcel.ReadTally(p, read, sheet), r => r.Report, reports);
                    context.Error.WriteLine($"nps: {path} has no time column: the report is the total only (name one with --time-column to report by period).");
                    report = Report.Total(total.Tally, confidence, aggregation.MinimumCount, method);
                }
            }

            if ((cube is null || (undated && !report.IsSegmented)) && parse.GetRequiredValue(format) is "svg" or "html")
            {
                throw new UsageException($"--format {parse.GetRequiredValue(format)} draws the trend over time, and {path} has no time column: name it with --time-column, or use --format table, csv, json or markdown.");
            }

            string chosen = parse.GetRequiredValue(format);
            if (report.IsWeighted)
            {
                context.Error.WriteLine(chosen is "svg" or "html"
                    ? $"nps: {path} has a weight column: the table is weighted (n counts answers), but the charts count answers unweighted."
                    : $"nps: {path} has a weight column: NPS, shares, intervals and changes are weighted (linearization SE); n counts answers.");
            }

            var settings = new ReportSettings(path, aggregation.TimeZoneId, segments)
            {
                IsUndated = undated,

                // "What moved it" reads comments and ratings row by row: a file only, never a database or Parquet source.
                // A file with only NPS groups has no 0-10 scores for the table the section reads: the section is left out.
                // A file without a time column has no periods for it to compare.
                WhatMovedIt = chosen == "html" && !undated && !database.Applies(parse, given) && cube is { HasScoreDetail: true } ? WhatMovedItSection.Html(context, path, read, aggregation, segments, confidence) : null,
            };
            WriteTo(context, parse.GetValue(output), writer =>
            {
                switch (chosen)
                {
                    case "svg":
                        ReportCharts.WriteSvg(writer, cube!, report, settings);
                        break;
                    case "html":
                        ReportCharts.WriteHtml(writer, cube!, report, settings);
                        break;
                    default:
                        ReportWriter.Write(writer, report, chosen, path, context.TableLayout(parse));
                        break;
                }
            });
            Input.WriteBadRowSummary(context, reports);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The day the answers of a file without a time column are dated on in a report by segment (never printed).</summary>
    private static readonly DateOnly UndatedDay = new(2000, 1, 1);

    /// <summary>Runs <paramref name="write"/> on standard output, or on <paramref name="path"/> (UTF-8 without BOM)
    /// when given; a file that cannot be written is a usage error naming it.</summary>
    private static void WriteTo(CliContext context, string? path, Action<TextWriter> write)
    {
        if (string.IsNullOrEmpty(path))
        {
            write(context.Out);
            return;
        }

        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        write(text);
        try
        {
            File.WriteAllText(path, text.ToString(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"--output {path}: cannot write the file: {e.Message}");
        }
    }
}
