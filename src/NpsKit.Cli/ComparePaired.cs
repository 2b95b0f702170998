using System.Globalization;
using System.Text;
using System.Text.Json;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Excel;
using NpsKit.Statistics;

namespace NpsKit.Cli;

/// <summary><c>nps compare --paired</c>: the same respondents in two waves, matched by respondent id — the paired
/// difference (its variance from the 3 × 3 transition table) and the transition table itself.</summary>
internal static class ComparePaired
{
    private static readonly string[] CategoryNames = ["promoter", "passive", "detractor"];
    private static readonly NpsCategory[] Categories = [NpsCategory.Promoter, NpsCategory.Passive, NpsCategory.Detractor];

    /// <summary>The <c>--paired</c> flag.</summary>
    public static System.CommandLine.Option<bool> Option() => new("--paired")
    {
        Description = "The same respondents answered twice: match the two waves by respondent id (--respondent-column) and use the paired test and its transition table.",
    };

    /// <summary>Reads both waves, matches them and writes the paired comparison.</summary>
    public static void Run(CliContext context, ResponseReading reading, string[] paths, string? baselinePeriod, string? currentPeriod, string? zone, double level, string format, List<IngestReport> reports)
    {
        CsvReadOptions read = reading.Options;
        ResponseTable ReadTable(string path) =>
            Input.ReadResponses(context, reading, path, p => NpsCsv.ReadTable(p, read), (s, name) => NpsCsv.ReadTable(s, read, name), (p, sheet) => NpsExcel.ReadTable(p, read, sheet), r => r.Report, reports).Table;

        string baselineName, currentName;
        List<(string Id, int Score)> baseline, current;
        if (paths.Length == 2)
        {
            if (baselinePeriod is not null || currentPeriod is not null)
            {
                throw new UsageException("--period and --vs compare two periods of one file; with two files, give neither.");
            }

            (baselineName, currentName) = (paths[0], paths[1]);
            baseline = Answers(ReadTable(paths[0]), paths[0], null, null);
            current = Answers(ReadTable(paths[1]), paths[1], null, null);
        }
        else
        {
            (ReportingPeriod first, ReportingPeriod second) = CompareCommand.Periods(baselinePeriod, currentPeriod, "compare --paired");

            var aggregation = new AggregationOptions { Period = first.Unit, TimeZoneId = zone ?? AggregationOptions.Default.TimeZoneId };
            Usage.Check(() => aggregation.Validate());
            TimeZoneInfo tz = TimeZoneInfo.FindSystemTimeZoneById(aggregation.TimeZoneId);
            ResponseTable table = ReadTable(paths[0]);
            (baselineName, currentName) = (baselinePeriod, currentPeriod);
            baseline = Answers(table, paths[0], first, tz);
            current = Answers(table, paths[0], second, tz);
        }

        NpsTransitions transitions;
        try
        {
            transitions = NpsTransitions.FromWaves(baseline, current);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"compare --paired: {e.Message.Split(" (Parameter", 2)[0]} Give each respondent one answer per wave (e.g. --duplicates keep-latest).");
        }

        if (transitions.Pairs == 0)
        {
            throw new NoAnswersException(
                $"compare --paired: no respondent id appears in both waves ({baseline.Count:N0} ids in {baselineName}, {current.Count:N0} in {currentName}, none shared). Check that both use the same respondent column (--respondent-column) and id format, or compare them as independent samples without --paired.");
        }

        NpsComparison comparison = NpsTest.ComparePaired(transitions, level);
        if (format == "json")
        {
            WriteJson(context.Out, baselineName, currentName, transitions, comparison, level);
        }
        else
        {
            WriteText(context.Out, baselineName, currentName, transitions, comparison, level);
        }
    }

    /// <summary>The (id, score) answers of a wave; rows without an id are refused with their count.</summary>
    private static List<(string Id, int Score)> Answers(ResponseTable table, string path, ReportingPeriod? period, TimeZoneInfo? zone)
    {
        if (!table.HasRespondentIds)
        {
            throw new InvalidDataException(
                $"{path}: compare --paired matches respondents by id, but the file has no respondent id column (looked for respondentid, respondent, customerid, customer, userid, user, email, id, employeeid, accountid). Name it with --respondent-column.");
        }

        var answers = new List<(string, int)>();
        int missing = 0;
        int firstMissing = -1;
        for (int row = 0; row < table.Count; row++)
        {
            SurveyResponse r = table.GetResponse(row);
            if (period is { } p)
            {
                DateOnly day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.SubmittedAt, zone!).DateTime);
                if (ReportingPeriod.Containing(day, p.Unit) != p)
                {
                    continue;
                }
            }

            if (string.IsNullOrEmpty(r.RespondentId))
            {
                missing++;
                firstMissing = firstMissing < 0 ? row : firstMissing;
                continue;
            }

            answers.Add((r.RespondentId, r.Score));
        }

        if (missing > 0)
        {
            throw new InvalidDataException(
                $"{path}: {missing:N0} answer(s){(period is null ? string.Empty : $" in {period}")} have no respondent id (the first is accepted row {firstMissing + 1}); a paired comparison cannot match them. Fill in the ids, or drop those rows.");
        }

        if (answers.Count == 0)
        {
            throw new NoAnswersException(period is null ? $"{path}: no answers to compare." : $"{period} has no answers in {path}.");
        }

        return answers;
    }

    private static void WriteText(TextWriter output, string baselineName, string currentName, NpsTransitions t, NpsComparison c, double level)
    {
        string label = Words.LevelLabel(level);
        int width = Math.Max(baselineName.Length, currentName.Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline  {baselineName.PadRight(width)}  NPS {Words.Points(c.Baseline),6}  (matched respondents)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"current   {currentName.PadRight(width)}  NPS {Words.Points(c.Current),6}  (matched respondents)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"matched   {t.Pairs:N0} respondents in both waves; {t.OnlyInBaseline:N0} only in the baseline and {t.OnlyInCurrent:N0} only in the current wave (not used)"));
        output.WriteLine();
        output.WriteLine("transitions (rows: baseline, columns: current)");
        output.WriteLine($"{string.Empty,-12}{"promoter",11}{"passive",11}{"detractor",11}");
        for (int i = 0; i < 3; i++)
        {
            var line = new StringBuilder($"{CategoryNames[i],-12}");
            for (int j = 0; j < 3; j++)
            {
                line.Append(string.Create(CultureInfo.InvariantCulture, $"{t.Count(Categories[i], Categories[j]),11:N0}"));
            }

            output.WriteLine(line.ToString());
        }

        output.WriteLine();
        output.WriteLine(c.IsComputable
            ? $"change    {Words.Signed(c.Difference)} points (paired; SE {Words.Points(c.StandardError)}), {label} CI {Words.Interval(c.Interval, signed: true)}"
            : $"change    {Words.Signed(c.Difference)} points; CI –, p – (every respondent stayed in the same category: the standard error is 0 and the test cannot be computed)");
        output.WriteLine(Words.Describe(c, level));
    }

    private static void WriteJson(TextWriter output, string baselineName, string currentName, NpsTransitions t, NpsComparison c, double level)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("paired", true);
            json.WriteStartObject("baseline");
            json.WriteString("name", baselineName);
            json.WriteNumber("nps", c.Baseline);
            json.WriteEndObject();
            json.WriteStartObject("current");
            json.WriteString("name", currentName);
            json.WriteNumber("nps", c.Current);
            json.WriteEndObject();
            json.WriteNumber("pairs", t.Pairs);
            json.WriteNumber("onlyInBaseline", t.OnlyInBaseline);
            json.WriteNumber("onlyInCurrent", t.OnlyInCurrent);
            json.WriteStartObject("transitions");
            for (int i = 0; i < 3; i++)
            {
                json.WriteStartObject(CategoryNames[i]);
                for (int j = 0; j < 3; j++)
                {
                    json.WriteNumber(CategoryNames[j], t.Count(Categories[i], Categories[j]));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteNumber("level", level);
            json.WriteNumber("difference", c.Difference);
            json.WriteString("method", "paired");
            json.WriteBoolean("computable", c.IsComputable);
            if (c.IsComputable)
            {
                json.WriteNumber("standardError", c.StandardError);
                json.WriteNumber("z", c.Z);
                json.WriteNumber("lower", c.Interval.Lower);
                json.WriteNumber("upper", c.Interval.Upper);
                json.WriteNumber("pValue", c.PValue);
            }
            else
            {
                json.WriteNull("standardError");
                json.WriteNull("z");
                json.WriteNull("lower");
                json.WriteNull("upper");
                json.WriteNull("pValue");
            }

            json.WriteBoolean("significant", c.IsSignificant(1 - level));
            json.WriteString("summary", Words.Describe(c, level));
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
