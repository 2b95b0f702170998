using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NpsKit.Csv;
using NpsKit.Employee;
using NpsKit.Excel;

namespace NpsKit.Cli;

/// <summary><c>nps enps</c>: the org tree with eNPS, n, interval and change vs the previous round; suppressed cells show
/// their reason and never a number.</summary>
internal static class EnpsCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Creates the command bound to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        Argument<string> file = new("file") { Description = "The eNPS answers (CSV, .xlsx, or - for standard input): score, org columns (division,department,team or one org_path column), optional employee id, round, time, comment and demographic columns." };
        Option<string?> round = new("--round") { Description = "The round to report. Default: the latest round in the file." };
        Option<string?> compareRound = new("--compare-round") { Description = "The round to compare with. Default: the round before --round, if any." };
        Option<int> minGroup = new("--min-group")
        {
            Description = "The fewest respondents a group needs for its score to be shown (at least 2).",
            DefaultValueFactory = _ => AnonymityPolicy.DefaultMinimumRespondents,
        };
        Option<int> minComments = new("--min-comments")
        {
            Description = "The fewest respondents a group needs for its comments to be shown (at least 2).",
            DefaultValueFactory = _ => AnonymityPolicy.DefaultMinimumCommentRespondents,
        };
        Option<string[]> by = CommonOptions.Segments("A demographic column to cross-tab every group with; repeat for more.");
        Option<string> root = new("--root")
        {
            Description = "The name of the root unit above the file's top level.",
            DefaultValueFactory = _ => "Company",
        };
        Option<double> level = CommonOptions.Level();
        Option<string> format = CommonOptions.Format("The output format.", "table", "csv", "json", "markdown");
        Option<bool> showComments = new("--show-comments") { Description = "Also list the comments that may be shown (grouped so no author can be narrowed down)." };
        Option<string?> timeZone = new("--tz") { Description = "The IANA time zone of times without a UTC offset." };
        ResponseInputOptions input = CommonOptions.ResponseInput();
        Option<string?> history = new("--history") { Description = "The publication history file (npskit.enpsHistory JSON): the report is audited against every release in it, and this release is appended. Created when missing. Keep it: without it, two reports together can reveal what each hides." };
        Option<bool> closeRound = new("--close-round") { Description = "Close the round with this release (needs --history): its figures are frozen, re-running it returns them." };
        Option<bool> refuseLate = new("--refuse-late") { Description = "With --history, fail when a closed round has answers its frozen release did not count (default: report them, to be filed under the next round)." };
        Option<string?> publishedAt = new("--published-at") { Description = "When the figures are taken, with offset (e.g. 2026-11-20T17:00:00Z). Default: now." };

        Command command = new("enps", "Employee NPS per org unit with anonymity: small groups, and groups that would reveal them by subtraction, are suppressed with their reason.")
        {
            file, round, compareRound, minGroup, minComments, by, root, level, format, showComments, timeZone, history, closeRound, refuseLate, publishedAt,
        };
        input.AddTo(command);

        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(file);
            double confidence = CommonOptions.CheckLevel(parse.GetValue(level));
            var policy = new AnonymityPolicy { MinimumRespondents = parse.GetValue(minGroup), MinimumCommentRespondents = parse.GetValue(minComments) };
            Usage.Check(() => policy.Validate());
            string[] dimensions = parse.GetValue(by) ?? [];
            ResponseReading reading = Input.ReadOptions(input, parse, parse.GetValue(timeZone), context);
            var options = new EnpsCsvOptions
            {
                Read = reading.Options,
                Columns = EnpsColumns(input, parse, reading.Options.Mapping),
                RootUnit = parse.GetRequiredValue(root),
            };
            if (string.IsNullOrWhiteSpace(options.RootUnit))
            {
                throw new UsageException("--root is empty: name the root unit, e.g. --root Acme.");
            }

            var reports = new List<IngestReport>();
            EnpsCsvResult data = Input.ReadResponses(context, reading, path, p => EnpsCsv.Read(p, options), (s, name) => EnpsCsv.Read(s, options, name), (p, sheet) => NpsExcel.ReadEnps(p, options, sheet), r => r.Report, reports);
            foreach (string d in dimensions)
            {
                if (!data.Dimensions.Contains(d, StringComparer.Ordinal))
                {
                    throw new UsageException($"--by {d}: {path} has no demographic column '{d}'. Its demographic columns: {(data.Dimensions.Count == 0 ? "none" : string.Join(", ", data.Dimensions))}.");
                }
            }

            if (data.Rounds.Count == 0)
            {
                throw new InvalidDataException($"{path}: no answers were accepted, so there is nothing to report.");
            }

            EnpsCsvRound current = FindRound(data, parse.GetValue(round), "--round") ?? data.Rounds[^1];
            int index = data.Rounds.ToList().IndexOf(current);
            EnpsCsvRound? baseline = FindRound(data, parse.GetValue(compareRound), "--compare-round") ?? (index > 0 ? data.Rounds[index - 1] : null);
            var reportOptions = new EnpsReportOptions { Dimensions = dimensions, ShuffleComments = false };
            string? historyPath = parse.GetValue(history);
            if (historyPath is null && parse.GetValue(closeRound))
            {
                throw new UsageException("--close-round needs --history: a closed round is recorded in the publication history file.");
            }

            EnpsReport report;
            EnpsReport? before = null;
            Dictionary<string, NpsComparison> changes;
            Audit? audit = null;
            if (historyPath is not null)
            {
                EnpsPublicationHistory past = File.Exists(historyPath) ? ReadHistory(historyPath) : EnpsPublicationHistory.Empty;
                var publish = new EnpsPublishOptions(EligibleCommand.Instant(parse.GetValue(publishedAt), context.Clock))
                {
                    CloseRound = parse.GetValue(closeRound),
                    LateAnswers = parse.GetValue(refuseLate) ? LateAnswerPolicy.Refuse : LateAnswerPolicy.NextRound,
                };
                EnpsPublication publication;
                try
                {
                    publication = EnpsReport.Publish(current.Round, data.Units, current.Responses, past, publish, policy, reportOptions);
                }
                catch (InvalidOperationException ex)
                {
                    throw new UsageException(ex.Message);
                }

                report = publication.Report;
                if (!publication.IsFrozen)
                {
                    File.WriteAllText(historyPath, publication.History.ToJson());
                }

                // The change column compares only with figures the history shows were published for the baseline round,
                // never with a fresh, unaudited report of it.
                EnpsRelease? baseRelease = baseline is null || ReferenceEquals(baseline, current) ? null : past.Releases.LastOrDefault(r => r.Round.Name == baseline.Round.Name);
                changes = baseRelease is null ? [] : Changes(report, baseRelease, confidence);
                audit = new Audit(Path.GetFileName(historyPath), past.Releases.Count, publication.IsFrozen, publication.LateResponseCount, baseRelease?.Round.Name);
            }
            else
            {
                report = EnpsReport.FromResponses(current.Round, data.Units, current.Responses, policy, reportOptions);
                before = baseline is null || ReferenceEquals(baseline, current)
                    ? null
                    : EnpsReport.FromResponses(baseline.Round, data.Units, baseline.Responses, policy, reportOptions);
                changes = before is null
                    ? []
                    : report.CompareWith(before).ToDictionary(c => c.CellKey, c => c.Compare(confidence, Statistics.NpsTestMethod.AdjustedWald), StringComparer.Ordinal);
            }

            string outputFormat = parse.GetRequiredValue(format);
            bool comments = parse.GetValue(showComments);
            if (outputFormat == "json")
            {
                WriteJson(context.Out, path, report, audit?.ComparedRound ?? before?.Round.Name, changes, confidence, comments, audit);
            }
            else
            {
                if (outputFormat != "csv")
                {
                    string? vs = audit?.ComparedRound ?? before?.Round.Name;
                    context.Out.WriteLine(string.Create(Invariant, $"eNPS {report.Round.Name} ({report.Round.Date:yyyy-MM-dd}){(vs is null ? string.Empty : $" vs {vs}")}: groups need {report.Policy.MinimumRespondents} respondents, comments {report.Policy.MinimumCommentRespondents}."));
                    if (audit is not null)
                    {
                        context.Out.WriteLine(audit.Describe());
                    }

                    context.Out.WriteLine();
                }

                ToTable(report, changes, confidence, before is not null || audit?.ComparedRound is not null, outputFormat == "table").Write(context.Out, outputFormat, context.TableLayout(parse));
                if (comments)
                {
                    WriteComments(context, report, outputFormat);
                }
            }

            Input.WriteBadRowSummary(context, reports);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The eNPS column roles the shared column options name; the options that have no meaning for eNPS answers
    /// (a survey weight, a duplicate policy: an employee's second answer in a round is always rejected) are usage errors.</summary>
    private static Dictionary<string, string> EnpsColumns(ResponseInputOptions input, ParseResult parse, CsvResponseMapping mapping)
    {
        if (mapping.Weight is not null)
        {
            throw new UsageException("--weight-column does not apply to nps enps: eNPS answers are not weighted (every employee counts once).");
        }

        if (parse.GetResult(input.Duplicates) is { Implicit: false })
        {
            throw new UsageException("--duplicates does not apply to nps enps: an employee's second answer in a round is always rejected (listed with --lenient).");
        }

        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string role, string? name)
        {
            if (name is not null)
            {
                columns[role] = name;
            }
        }

        Add("score", mapping.Score);
        Add("time", mapping.Time);
        Add("respondent", mapping.Respondent);
        Add("comment", mapping.Comment);
        return columns;
    }

    /// <summary>What the joint audit did, for the outputs.</summary>
    private sealed record Audit(string History, int EarlierReleases, bool Frozen, int LateAnswers, string? ComparedRound)
    {
        public string Describe() => Frozen
            ? string.Create(Invariant, $"Round closed: the frozen figures from {History} are shown{(LateAnswers > 0 ? $"; {LateAnswers} late answer(s) were not counted — file them under the next round" : string.Empty)}.")
            : string.Create(Invariant, $"Audited against {EarlierReleases} earlier release(s) in {History}; this release was appended.");
    }

    private static EnpsPublicationHistory ReadHistory(string path)
    {
        try
        {
            return EnpsPublicationHistory.FromJson(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a publication history this nps can read: {ex.Message}", ex);
        }
    }

    private static Dictionary<string, NpsComparison> Changes(EnpsReport report, EnpsRelease baseline, double level)
    {
        var byKey = baseline.Cells.Where(c => c.IsShown).ToDictionary(c => c.Key, c => c.Figures!.Value, StringComparer.Ordinal);
        var result = new Dictionary<string, NpsComparison>(StringComparer.Ordinal);
        foreach (EnpsCell cell in report.Cells)
        {
            if (cell.TryGetTally(out NpsTally now) && byKey.TryGetValue(cell.Key, out NpsTally then) && then.HasScore && now.HasScore)
            {
                result[cell.Key] = NpsTest.Compare(then, now, level, Statistics.NpsTestMethod.AdjustedWald);
            }
        }

        return result;
    }

    private static EnpsCsvRound? FindRound(EnpsCsvResult data, string? name, string option)
    {
        if (name is null)
        {
            return null;
        }

        return data.TryGetRound(name, out EnpsCsvRound? round)
            ? round
            : throw new UsageException($"{option} {name}: the file has no such round. Its rounds: {string.Join(", ", data.Rounds.Select(r => r.Round.Name))}.");
    }

    /// <summary>The cell's unit path below the root, indented by depth for the terminal.</summary>
    private static string Label(EnpsCell cell, bool indent)
    {
        string key = cell.Key;
        int depth = key.Split(" [", 2)[0].Count(c => c == '/');
        string last = cell.Kind == EnpsCellKind.DimensionValue
            ? $"[{cell.Dimension}={cell.DimensionValue}]"
            : key[(key.LastIndexOf('/') + 1)..];
        if (cell.Kind == EnpsCellKind.DimensionValue)
        {
            depth++;
        }

        return indent ? new string(' ', 2 * depth) + last : key;
    }

    private static Table ToTable(EnpsReport report, Dictionary<string, NpsComparison> changes, double level, bool compared, bool indent)
    {
        var rows = new List<string[]>();
        foreach (EnpsCell cell in report.Cells)
        {
            string n = cell.HasRespondentCount ? cell.RespondentCount.ToString(Invariant) : "-";
            if (cell.TryGetTally(out NpsTally tally))
            {
                NpsInterval ci = tally.ConfidenceInterval(level);
                changes.TryGetValue(cell.Key, out NpsComparison? change);
                rows.Add([Label(cell, indent), n, Words.Signed(tally.Score), Words.Interval(ci), change is null ? "-" : Words.Signed(change.Difference), change is null ? "-" : Words.PValue(change.PValue), cell.FiguresTakenAt is DateTimeOffset at ? string.Create(Invariant, $"as taken at {at:yyyy-MM-dd HH:mm zzz} (changed too little since)") : string.Empty]);
            }
            else
            {
                rows.Add([Label(cell, indent), n, "-", "-", "-", "-", Reason(cell)]);
            }
        }

        List<string> headers = [indent ? "group" : "key", "n", "eNPS", $"{Words.LevelLabel(level)} CI", compared ? "change" : "change (no earlier round)", "p", "suppressed"];
        return new Table(headers, rows, new HashSet<int> { 1, 2, 4, 5 });
    }

    /// <summary>The reason in words, without any number that belongs to the cell.</summary>
    private static string Reason(EnpsCell cell) => cell.Reason switch
    {
        SuppressionReason.BelowMinimum => "below the minimum group size",
        SuppressionReason.BelowResponseRate => "response rate below the minimum",
        SuppressionReason.ProtectsCell => "protects another hidden cell from subtraction",
        SuppressionReason.OverlapsCell => "nearly equals a larger shown cell",
        SuppressionReason.CrossPublication => "with earlier publications it would reveal a hidden group or an answer",
        SuppressionReason.TooLittleChange => "changed by fewer answers than the minimum since last published",
        SuppressionReason.FoldedIntoOther => $"folded into {cell.RelatedCellKey}",
        _ => cell.Reason.ToString(),
    };

    private static void WriteComments(CliContext context, EnpsReport report, string format)
    {
        if (format == "csv")
        {
            context.Error.WriteLine("nps: comments are not written in CSV output; use --format table, markdown or json to see them.");
            return;
        }

        TextWriter output = context.Out;
        output.WriteLine();
        output.WriteLine(string.Create(Invariant, $"Comments ({report.Comments.Count}, shown under groups with at least {report.Policy.MinimumCommentRespondents} respondents, sorted by text):"));
        foreach (IGrouping<string, EnpsComment> group in report.Comments.GroupBy(c => c.GroupKey))
        {
            output.WriteLine(format == "markdown" ? $"\n**{group.Key}**\n" : $"  {group.Key}");
            foreach (EnpsComment comment in group)
            {
                output.WriteLine(format == "markdown" ? $"- {comment.Text}" : $"    - {comment.Text}");
            }
        }
    }

    private static void WriteJson(TextWriter output, string source, EnpsReport report, string? compareRound, Dictionary<string, NpsComparison> changes, double level, bool comments, Audit? audit)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("source", Path.GetFileName(source));
            json.WriteString("round", report.Round.Name);
            json.WriteString("roundDate", report.Round.Date.ToString("yyyy-MM-dd", Invariant));
            if (compareRound is null)
            {
                json.WriteNull("compareRound");
            }
            else
            {
                json.WriteString("compareRound", compareRound);
            }

            if (audit is not null)
            {
                json.WriteStartObject("audit");
                json.WriteString("history", audit.History);
                json.WriteNumber("earlierReleases", audit.EarlierReleases);
                json.WriteBoolean("frozen", audit.Frozen);
                json.WriteNumber("lateAnswers", audit.LateAnswers);
                json.WriteString("summary", audit.Describe());
                json.WriteEndObject();
            }

            json.WriteNumber("level", level);
            json.WriteNumber("minimumRespondents", report.Policy.MinimumRespondents);
            json.WriteNumber("minimumCommentRespondents", report.Policy.MinimumCommentRespondents);
            json.WriteStartArray("cells");
            foreach (EnpsCell cell in report.Cells)
            {
                json.WriteStartObject();
                json.WriteString("key", cell.Key);
                json.WriteString("kind", cell.Kind.ToString());
                json.WriteString("unit", cell.UnitId);
                if (cell.Dimension is not null)
                {
                    json.WriteString("dimension", cell.Dimension);
                    json.WriteString("value", cell.DimensionValue);
                }

                json.WriteBoolean("suppressed", cell.IsSuppressed);
                if (cell.HasRespondentCount)
                {
                    json.WriteNumber("n", cell.RespondentCount);
                }

                if (cell.TryGetTally(out NpsTally tally))
                {
                    NpsInterval ci = tally.ConfidenceInterval(level);
                    json.WriteNumber("enps", tally.Score);
                    json.WriteNumber("promoters", tally.Promoters);
                    json.WriteNumber("passives", tally.Passives);
                    json.WriteNumber("detractors", tally.Detractors);
                    json.WriteNumber("ciLower", ci.Lower);
                    json.WriteNumber("ciUpper", ci.Upper);
                    if (cell.FiguresTakenAt is DateTimeOffset taken)
                    {
                        json.WriteString("figuresTakenAt", taken.ToString("O", Invariant));
                        json.WriteString("explanation", cell.Explanation);
                    }

                    if (changes.TryGetValue(cell.Key, out NpsComparison? change))
                    {
                        json.WriteNumber("change", change.Difference);
                        json.WriteNumber("pValue", change.PValue);
                    }
                }
                else
                {
                    json.WriteString("reason", cell.Reason.ToString());
                    json.WriteString("explanation", cell.Explanation);
                    if (cell.RelatedCellKey is not null)
                    {
                        json.WriteString("foldedInto", cell.RelatedCellKey);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (comments)
            {
                json.WriteStartArray("comments");
                foreach (EnpsComment comment in report.Comments)
                {
                    json.WriteStartObject();
                    json.WriteString("group", comment.GroupKey);
                    json.WriteString("text", comment.Text);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
