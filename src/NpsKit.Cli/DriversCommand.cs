using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Drivers;
using NpsKit.Excel;
using NpsKit.Statistics;
using NpsKit.Text;

namespace NpsKit.Cli;

/// <summary><c>nps drivers</c>: why did NPS move — change by segment (mix vs performance), comment themes and key drivers.</summary>
internal static class DriversCommand
{
    /// <summary>Creates the command bound to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        Argument<string> file = new("file") { Description = "The responses CSV, with a comment column and/or numeric rating columns." };
        Option<string[]> themes = new("--themes")
        {
            Description = "A codebook JSON file (npskit.codebook); repeat for one per language. Default: the shipped English and Danish examples.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        Option<string?> by = CommonOptions.Segment("The segment column to decompose the change and break the themes down by, e.g. department.");
        Option<string[]> attribute = new("--attribute")
        {
            Description = "A rating column (e.g. rating_delivery); repeat. Default: every column whose values are all numbers.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        Option<string?> period = new("--period") { Description = "The baseline period of the decomposition, e.g. 2026-09. Default: the next-to-last period with answers." };
        Option<string?> versus = new("--vs") { Description = "The current period, in the same unit. Default: the last period with answers." };
        Option<string?> timeZone = new("--tz") { Description = "The IANA time zone periods are cut in. Default Etc/UTC." };
        Option<double> level = CommonOptions.Level();
        Option<string> adjust = new("--adjust") { Description = "Multiple-comparison adjustment of the p-values.", DefaultValueFactory = _ => "holm" };
        adjust.AcceptOnly("holm", "bh", "none");
        Option<int> resamples = new("--resamples") { Description = "Bootstrap resamples for the key-driver intervals (0 for none, else at least 100).", DefaultValueFactory = _ => 1000 };
        Option<ulong> seed = new("--seed") { Description = "The seed of the bootstrap.", DefaultValueFactory = _ => 1UL };
        Option<string> format = CommonOptions.Format("The output format.", "table", "csv", "json", "markdown");
        ResponseInputOptions input = CommonOptions.ResponseInput();

        Command command = new("drivers", "Why did NPS move: the change by segment split into mix and performance, comment themes (mentions, NPS of mentioners, impact) and key drivers (LMG share of R²), with intervals and multiple-comparison control.")
        {
            file, themes, by, attribute, period, versus, timeZone, level, adjust, resamples, seed, format,
        };
        input.AddTo(command);

        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(file);
            double confidence = CommonOptions.CheckLevel(parse.GetValue(level));
            string? zone = parse.GetValue(timeZone);
            string? baselinePeriod = parse.GetValue(period);
            PeriodUnit unit = baselinePeriod is null ? PeriodUnit.Month : PeriodOption.Parse(baselinePeriod, "--period").Unit;
            var aggregation = new AggregationOptions { Period = unit, TimeZoneId = zone ?? AggregationOptions.Default.TimeZoneId, MinimumCount = 0 };
            Usage.Check(() => aggregation.Validate());
            IReadOnlyList<Codebook> codebooks = LoadCodebooks(parse.GetValue(themes) ?? []);
            ResponseReading reading = Input.ReadOptions(input, parse, zone, context);
            CsvReadOptions read = reading.Options;
            var reports = new List<IngestReport>();
            ResponseTable table = Input.ReadResponses(
                context, reading, path, p => NpsCsv.ReadTable(p, read), (s, name) => NpsCsv.ReadTable(s, read, name), (p, sheet) => NpsExcel.ReadTable(p, read, sheet), r => r.Report, reports).Table;
            var settings = new WhyItMoved.Settings(
                parse.GetValue(by), parse.GetValue(attribute) is { Length: > 0 } named ? named : null, codebooks, aggregation, baselinePeriod, parse.GetValue(versus), confidence,
                parse.GetRequiredValue(adjust) switch { "bh" => PValueAdjustment.BenjaminiHochberg, "none" => PValueAdjustment.None, _ => PValueAdjustment.Holm },
                parse.GetValue(resamples), parse.GetValue(seed));
            WhyItMoved result = Usage.Check(() => WhyItMoved.Analyze(table, settings));
            if (result.Decomposition is null && result.Themes is null && result.Drivers is null)
            {
                throw new InvalidDataException($"{path}: nothing to explain — give --by COLUMN for the change by segment; the file has no comment column and no numeric rating column.");
            }

            switch (parse.GetRequiredValue(format))
            {
                case "json":
                    WriteJson(context.Out, result);
                    break;
                case "csv":
                    WriteCsv(context.Out, result);
                    break;
                case "markdown":
                    WriteMarkdown(context.Out, result);
                    break;
                default:
                    WriteTable(context.Out, context.TableLayout(parse), result);
                    break;
            }

            Input.WriteBadRowSummary(context, reports);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Reads the codebooks; none given means the shipped English and Danish examples.</summary>
    internal static IReadOnlyList<Codebook> LoadCodebooks(string[] paths)
    {
        if (paths.Length == 0)
        {
            return [Codebook.English, Codebook.Danish];
        }

        var books = new List<Codebook>();
        foreach (string p in paths)
        {
            if (!File.Exists(p))
            {
                throw new UsageException($"--themes {p}: file not found.");
            }

            try
            {
                books.Add(Codebook.Load(p));
            }
            catch (FormatException e)
            {
                throw new InvalidDataException(e.Message, e);
            }
        }

        return books;
    }

    private static void Print(TextWriter o, TableLayout layout, string[] headers, List<string[]> rows, bool[] rightAligned) =>
        new Table(headers, rows, new HashSet<int>(Enumerable.Range(0, rightAligned.Length).Where(i => rightAligned[i]))).Write(o, "table", layout);

    private static string S(double v) => v.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    private static string P(double p) => Words.PValue(p);

    private static void WriteTable(TextWriter o, TableLayout layout, WhyItMoved r)
    {
        if (r.Decomposition is { } d)
        {
            o.WriteLine($"What moved it, {r.Baseline} → {r.Current}");
            o.WriteLine(d.Describe());
            var rows = d.Parts.Select(p => new[]
            {
                Report.Label(p.Segment), Words.Percent(p.BaselineShare), Words.Percent(p.CurrentShare),
                p.Baseline.HasScore ? Words.Signed(p.Baseline.Score) : "–", p.Current.HasScore ? Words.Signed(p.Current.Score) : "–",
                S(p.Mix.Estimate), p.Mix.IsStructural ? "–" : $"[{S(p.Mix.Lower)}, {S(p.Mix.Upper)}]", p.Mix.IsStructural ? "–" : P(p.Mix.AdjustedPValue),
                S(p.Performance.Estimate), p.Performance.IsStructural ? "–" : $"[{S(p.Performance.Lower)}, {S(p.Performance.Upper)}]", p.Performance.IsStructural ? "–" : P(p.Performance.AdjustedPValue),
            }).ToList();
            Print(o, layout, ["segment", "share before", "share now", "NPS before", "NPS now", "mix", "CI", "p adj.", "performance", "CI", "p adj."], rows, [false, true, true, true, true, true, true, true, true, true, true]);
            o.WriteLine($"Mix + performance = {S(d.Change)} points (Kitagawa 1955 symmetric split; delta-method {Words.LevelLabel(d.Options.Level)} intervals; p adjusted: {d.Options.Adjustment}).");
            o.WriteLine();
        }

        if (r.Themes is { } t)
        {
            ThemeGroup all = t.Groups[0];
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Comment themes: {all.Comments:N0} comments of {all.Answers:N0} answers, {all.Untagged:N0} untagged"));
            var rows = t.Ranked().Select(c => new[]
            {
                c.Theme.Label, c.Mentions.ToString("N0", CultureInfo.InvariantCulture), Words.Percent(c.MentionShare), Words.Percent(c.DetractorShare), Words.Percent(c.PromoterShare),
                c.Mentioners.HasScore ? Words.Signed(c.Mentioners.Score) : "–", c.Others.HasScore ? Words.Signed(c.Others.Score) : "–",
                c.IsTested ? S(c.Impact) : "–", c.IsTested ? $"[{S(c.ImpactLower)}, {S(c.ImpactUpper)}]" : "–", c.IsTested ? P(c.AdjustedPValue) : "–",
            }).ToList();
            Print(o, layout, ["theme", "mentions", "share", "of detractors", "of promoters", "NPS mentioners", "NPS others", "impact", "CI", "p adj."], rows, [false, true, true, true, true, true, true, true, true, true]);
            o.WriteLine("Impact: points NPS would gain if the mentioners answered like the other commenters (adjusted Wald; Levin 1953).");
            if (t.Candidates.Count > 0)
            {
                o.WriteLine("Candidate themes (frequent in untagged detractor comments): " + string.Join("; ", t.Candidates.Select(c => $"\"{c.Phrase}\" ({c.Comments})")));
            }

            foreach (ThemeStatistics c in t.Ranked().Take(3))
            {
                foreach (ThemeVerbatim v in t.Verbatims[c.Theme.Id])
                {
                    o.WriteLine($"  {c.Theme.Label} ({v.Score}): \"{v.Text}\"");
                }
            }

            o.WriteLine();
        }

        if (r.Drivers is { } k)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Key drivers of the 0–10 answer: R² {k.RSquared:0.000}, n {k.Rows:N0}{(k.ExcludedRows > 0 ? $" ({k.ExcludedRows:N0} rows with a missing rating left out)" : string.Empty)}"));
            var rows = k.Drivers.Select(x => new[]
            {
                x.Rank.ToString(CultureInfo.InvariantCulture), x.Name, Words.Percent(x.Share), k.Options.Resamples > 0 ? $"[{Words.Percent(x.Lower)}, {Words.Percent(x.Upper)}]" : "–",
                x.Correlation.ToString("0.00", CultureInfo.InvariantCulture), x.Performance.ToString("0.00", CultureInfo.InvariantCulture), x.Quadrant.ToString(),
            }).ToList();
            Print(o, layout, ["rank", "attribute", "share of R²", "CI", "r", "mean", "quadrant"], rows, [true, false, true, true, true, true, false]);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LMG (Shapley) shares of R² (Lindeman, Merenda & Gold 1980); {k.Options.Resamples:N0} bootstrap resamples, seed {k.Options.Seed}."));
        }
    }

    private static void WriteMarkdown(TextWriter o, WhyItMoved r)
    {
        if (r.Decomposition is { } d)
        {
            o.WriteLine($"## What moved it, {r.Baseline} → {r.Current}\n");
            o.WriteLine(d.ToMarkdown());
        }

        if (r.Themes is { } t)
        {
            o.WriteLine("## Comment themes\n");
            o.WriteLine(t.ToMarkdown());
        }

        if (r.Drivers is { } k)
        {
            o.WriteLine("## Key drivers\n");
            o.WriteLine(k.ToMarkdown());
        }
    }

    private static void WriteCsv(TextWriter o, WhyItMoved r)
    {
        o.WriteLine("section,group,item,n,estimate,lower,upper,p_value,p_adjusted");
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        string Q(string s) => Table.Csv(s);
        if (r.Decomposition is { } d)
        {
            foreach (ChangePart p in d.Parts)
            {
                foreach ((string kind, ChangeTerm term) in new[] { ("mix", p.Mix), ("performance", p.Performance) })
                {
                    o.WriteLine(string.Join(',', "change", Q($"{r.Baseline}..{r.Current}"), Q($"{Report.Label(p.Segment)} {kind}"), (p.Baseline.Count + p.Current.Count).ToString(CultureInfo.InvariantCulture), F(term.Estimate), F(term.Lower), F(term.Upper), F(term.PValue), F(term.AdjustedPValue)));
                }
            }
        }

        if (r.Themes is { } t)
        {
            foreach (ThemeStatistics c in t.Cells)
            {
                o.WriteLine(string.Join(',', "theme", Q(c.Group), Q(c.Theme.Id), c.Mentions.ToString(CultureInfo.InvariantCulture), F(c.Impact), F(c.ImpactLower), F(c.ImpactUpper), F(c.PValue), F(c.AdjustedPValue)));
            }
        }

        if (r.Drivers is { } k)
        {
            foreach (KeyDriver x in k.Drivers)
            {
                o.WriteLine(string.Join(',', "driver", "All", Q(x.Name), k.Rows.ToString(CultureInfo.InvariantCulture), F(x.Share), F(x.Lower), F(x.Upper), string.Empty, string.Empty));
            }
        }
    }

    private static void WriteJson(TextWriter o, WhyItMoved r)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            if (r.Decomposition is { } d)
            {
                j.WriteStartObject("change");
                j.WriteString("baseline", r.Baseline.ToString());
                j.WriteString("current", r.Current.ToString());
                CompareDecomposition.WriteJson(j, d);
                j.WriteEndObject();
            }

            if (r.Themes is { } t)
            {
                j.WriteStartObject("themes");
                j.WriteNumber("comments", t.Groups[0].Comments);
                j.WriteNumber("untagged", t.Groups[0].Untagged);
                j.WriteStartArray("cells");
                foreach (ThemeStatistics c in t.Cells)
                {
                    j.WriteStartObject();
                    j.WriteString("theme", c.Theme.Id);
                    j.WriteString("group", c.Group);
                    j.WriteNumber("mentions", c.Mentions);
                    j.WriteNumber("mentionShare", c.MentionShare);
                    j.WriteNumber("detractorShare", c.DetractorShare);
                    j.WriteNumber("passiveShare", c.PassiveShare);
                    j.WriteNumber("promoterShare", c.PromoterShare);
                    j.WriteBoolean("tested", c.IsTested);
                    j.WriteNumber("impact", c.Impact);
                    j.WriteNumber("impactLower", c.ImpactLower);
                    j.WriteNumber("impactUpper", c.ImpactUpper);
                    j.WriteNumber("pValue", c.PValue);
                    j.WriteNumber("pAdjusted", c.AdjustedPValue);
                    j.WriteEndObject();
                }

                j.WriteEndArray();
                j.WriteStartArray("candidates");
                foreach (CandidatePhrase c in t.Candidates)
                {
                    j.WriteStartObject();
                    j.WriteString("phrase", c.Phrase);
                    j.WriteNumber("comments", c.Comments);
                    j.WriteEndObject();
                }

                j.WriteEndArray();
                j.WriteEndObject();
            }

            if (r.Drivers is { } k)
            {
                j.WriteStartObject("drivers");
                j.WriteNumber("rSquared", k.RSquared);
                j.WriteNumber("rows", k.Rows);
                j.WriteNumber("excludedRows", k.ExcludedRows);
                j.WriteStartArray("attributes");
                foreach (KeyDriver x in k.Drivers)
                {
                    j.WriteStartObject();
                    j.WriteString("name", x.Name);
                    j.WriteNumber("rank", x.Rank);
                    j.WriteNumber("share", x.Share);
                    j.WriteNumber("lower", x.Lower);
                    j.WriteNumber("upper", x.Upper);
                    j.WriteNumber("meanRating", x.Performance);
                    j.WriteString("quadrant", x.Quadrant.ToString());
                    j.WriteEndObject();
                }

                j.WriteEndArray();
                j.WriteEndObject();
            }

            j.WriteEndObject();
        }

        o.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
