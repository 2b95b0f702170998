using NpsKit.Csv.Internal;
using NpsKit.Employee;

namespace NpsKit.Csv;

/// <summary>
/// Reads employee NPS answers from CSV into an org tree and rounds for <see cref="EnpsReport"/>: the org path as level
/// columns (<c>division,department,team</c>) or one path column, optional employee id, round, time, comment and
/// demographic columns. Strict mode (the default) throws on the first bad row; lenient mode skips and reports each one.
/// </summary>
/// <remarks>
/// <para>eNPS answers are personal data: bad-row reports and messages carry the line, column, reason and what is
/// allowed, never the value, unless <see cref="EnpsCsvOptions.IncludeRawValues"/> is set.</para>
/// <para>Org levels fill from the top: an empty level ends the path (the employee is placed in the last unit named, e.g.
/// a department's own staff), and a level after an empty one is a bad row. An employee id answering twice in one round
/// is a bad row (<see cref="BadRowReason.DuplicateRespondent"/>). All members are thread-safe.</para>
/// <para>Dates written with numbers only (<c>14/03/2026</c>) are read in the order <see cref="CsvReadOptions.DateOrder"/>,
/// <see cref="CsvReadOptions.DateFormats"/> or <see cref="CsvReadOptions.Culture"/> gives, or else the order the file
/// proves, decided exactly as <see cref="NpsCsv"/> decides it: a first part above 12 anywhere means day-first, a second
/// part above 12 means month-first, both mean the file is inconsistent (an <see cref="NpsDataException"/> naming the
/// line), and a file whose every date fits both orders is refused naming <see cref="CsvReadOptions.DateOrder"/>. The
/// decision and what proved it are in <see cref="IngestReport.DateOrder"/> and <see cref="IngestReport.DateOrderEvidence"/>.</para>
/// </remarks>
public static class EnpsCsv
{
    internal static readonly ColumnRole[] Roles =
    [
        new("score", [.. CsvResponseMapping.ScoreNames], true),
        new("respondent", ["employeeid", "respondentid", "employee", "respondent", "id", "personid"], false),
        new("round", ["round", "wave", "surveyround", "cycle", "pulse", "roundname"], false),
        new("time", [.. CsvResponseMapping.TimeNames], false),
        new("comment", [.. CsvResponseMapping.CommentNames], false),
        new("orgPath", ["orgpath", "unitpath", "path", "orgunitpath"], false),
    ];

    private static readonly string[] LevelNames = ["division", "businessunit", "department", "team", "subteam", "squad"];

    /// <summary>Reads an eNPS file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read it; <see langword="null"/> for <see cref="EnpsCsvOptions.Default"/>.</param>
    /// <returns>The org tree, rounds, dimensions and ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NpsDataException">The file has no usable header, no score or org columns, a round without a date,
    /// or (strict mode) a bad row.</exception>
    public static EnpsCsvResult Read(string path, EnpsCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Run(CsvInput.FromPath(path), options);
    }

    /// <summary>Reads an eNPS file from a stream; see <see cref="Read(string, EnpsCsvOptions?)"/>. The stream is left open.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>stream</c>.</param>
    /// <returns>The org tree, rounds, dimensions and ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="NpsDataException">The input has no usable header, no score or org columns, a round without a date, or (strict mode) a bad row.</exception>
    public static EnpsCsvResult Read(Stream stream, EnpsCsvOptions? options = null, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Run(CsvInput.FromStream(stream, sourceName), options);
    }

    /// <summary>Reads an eNPS file from text; see <see cref="Read(string, EnpsCsvOptions?)"/>. The reader is left open.</summary>
    /// <param name="reader">The input text.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="sourceName">The name used in reports and messages; default <c>text</c>.</param>
    /// <returns>The org tree, rounds, dimensions and ingest report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="NpsDataException">The input has no usable header, no score or org columns, a round without a date, or (strict mode) a bad row.</exception>
    public static EnpsCsvResult Read(TextReader reader, EnpsCsvOptions? options = null, string sourceName = "text")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Run(CsvInput.FromText(reader, sourceName), options);
    }

    private sealed record Pending(string Round, int Node, int Score, string? Comment, Dictionary<string, string>? Attributes, DateTimeOffset? At, string? Id);

    private static EnpsCsvResult Run(CsvInput input, EnpsCsvOptions? options)
    {
        options ??= EnpsCsvOptions.Default;
        options.Validate();
        var engine = new RecordCsvEngine(input, options.Read, options.IncludeRawValues);
        string source = input.Source;
        int score = -1, respondent = -1, round = -1, time = -1, comment = -1, orgPath = -1;
        int[] levels = [];
        int[] dimensions = [];
        var dimensionNames = new List<string>();
        var extra = new List<string>();
        string levelWords = string.Empty;

        // The org tree as a trie: node 0 is the root; children by (parent, name).
        var names = new List<string> { options.RootUnit };
        var parents = new List<int> { -1 };
        var children = new Dictionary<(int, string), int>();
        var pending = new List<Pending>();
        var seen = new HashSet<(string, string)>();
        var latest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var roundOrder = new List<string>();

        IngestReport report = engine.Run(
            header =>
            {
                RecordColumns c = RecordCsvEngine.Resolve(source, header, options.Columns, Roles);
                (score, respondent, round, time, comment, orgPath) = (c["score"], c["respondent"], c["round"], c["time"], c["comment"], c["orgPath"]);
                if (options.OrgColumns is { } configured)
                {
                    if (orgPath >= 0 && options.Columns.ContainsKey("orgPath"))
                    {
                        throw new NpsDataException($"{source}: both an orgPath column and OrgColumns are set; use one way to give the org tree.");
                    }

                    if (orgPath >= 0)
                    {
                        c.Used.Remove(orgPath); // a detected path column loses to configured levels
                        c.Roles.Remove("orgPath");
                        orgPath = -1;
                    }

                    levels = configured.Select(name =>
                    {
                        int index = c.IndexOf(name);
                        if (index < 0)
                        {
                            throw c.Missing(source, $"org level column '{name}' (set in OrgColumns)");
                        }

                        if (!c.Used.Add(index))
                        {
                            throw new NpsDataException($"{source}: column '{name}' is both an org level and another role.");
                        }

                        return index;
                    }).ToArray();
                }
                else if (orgPath < 0)
                {
                    levels = c.Unused().Where(i => LevelNames.Contains(ColumnMap.Normalize(c.Headers[i]))).ToArray();
                    if (levels.Length == 0)
                    {
                        throw c.Missing(source, $"org columns (looked for a path column: {string.Join(", ", Roles[^1].Candidates)}; or level columns: {string.Join(", ", LevelNames)}; set EnpsCsvOptions.OrgColumns to name them)");
                    }

                    foreach (int i in levels)
                    {
                        c.Used.Add(i);
                    }
                }

                levelWords = orgPath >= 0 ? string.Empty : string.Join(", ", levels.Select(i => c.Headers[i]));
                if (options.Dimensions is { } wanted)
                {
                    dimensions = wanted.Select(name =>
                    {
                        int index = c.IndexOf(name);
                        if (index < 0)
                        {
                            throw c.Missing(source, $"dimension column '{name}' (set in EnpsCsvOptions.Dimensions)");
                        }

                        if (!c.Used.Add(index))
                        {
                            throw new NpsDataException($"{source}: column '{name}' is both a dimension and another role or org level.");
                        }

                        return index;
                    }).ToArray();
                }
                else
                {
                    dimensions = c.Unused().ToArray();
                    foreach (int i in dimensions)
                    {
                        c.Used.Add(i);
                    }
                }

                dimensionNames.AddRange(dimensions.Select(i => c.Headers[i].Trim()));
                extra.AddRange(levels.Select(i => c.Headers[i].Trim()));
                extra.AddRange(dimensionNames);
                foreach (int i in levels.Concat(dimensions))
                {
                    c.Used.Remove(i); // listed as extra columns, not ignored ones
                }

                return c;
            },
            row =>
            {
                BadRowReason? scoreProblem = FieldParsers.ParseScore(row.Span(score), out byte value);
                if (scoreProblem is BadRowReason reason)
                {
                    return row.Reject(score, reason, "an integer from 0 to 10, or a label starting with one such as '10 - Extremely likely'");
                }

                string roundName = round >= 0 ? row.Text(round) : "all";
                if (roundName.Length == 0)
                {
                    return row.Reject(round, BadRowReason.MissingValue, "the round's name, such as 2026-11 or 2026 Q4");
                }

                DateTimeOffset? at = null;
                if (time >= 0)
                {
                    if (engine.Times.Parse(row.Span(time), out long ticks) is BadRowReason timeProblem)
                    {
                        return row.Reject(time, timeProblem, ContactCsv.TimeAllowed(timeProblem));
                    }

                    at = new DateTimeOffset(ticks, TimeSpan.Zero);
                }

                // The org path, from the top; an empty level ends it.
                int node = 0;
                bool ended = false;
                if (orgPath >= 0)
                {
                    foreach (string part in row.Text(orgPath).Split(options.OrgPathSeparator, StringSplitOptions.TrimEntries))
                    {
                        if (part.Length == 0)
                        {
                            return row.Reject(orgPath, BadRowReason.InvalidValue, $"unit names separated by '{options.OrgPathSeparator}' with none empty, e.g. Engineering{options.OrgPathSeparator}Platform{options.OrgPathSeparator}Core, or empty for the root");
                        }

                        node = Child(node, part);
                    }
                }
                else
                {
                    foreach (int level in levels)
                    {
                        string part = row.Text(level);
                        if (part.Length == 0)
                        {
                            ended = true;
                        }
                        else if (ended)
                        {
                            return row.Reject(level, BadRowReason.InvalidValue, $"org levels filled from the top ({levelWords}): a level cannot follow an empty one");
                        }
                        else
                        {
                            node = Child(node, part);
                        }
                    }
                }

                if (respondent >= 0 && row.TextOrNull(respondent) is { } id && !seen.Add((roundName, id)))
                {
                    engine.Duplicates++;
                    return row.Reject(respondent, BadRowReason.DuplicateRespondent, "one answer per employee and round");
                }

                Dictionary<string, string>? attributes = null;
                for (int i = 0; i < dimensions.Length; i++)
                {
                    if (row.TextOrNull(dimensions[i]) is { } v)
                    {
                        (attributes ??= new Dictionary<string, string>(StringComparer.Ordinal))[dimensionNames[i]] = v;
                    }
                }

                if (!latest.ContainsKey(roundName))
                {
                    roundOrder.Add(roundName);
                    latest[roundName] = DateTimeOffset.MinValue;
                }

                if (at is { } t && t > latest[roundName])
                {
                    latest[roundName] = t;
                }

                pending.Add(new Pending(roundName, node, value, row.TextOrNull(comment), attributes, at, respondent >= 0 ? row.TextOrNull(respondent) : null));
                return true;
            },
            extra,
            dateRole: "time");

        // Unit ids: the name, or "name (parent id)" where names repeat (top-down, so parent ids are final).
        var count = names.Skip(1).GroupBy(n => n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var ids = new string[names.Count];
        var units = new OrgUnit[names.Count];
        ids[0] = options.RootUnit;
        units[0] = new OrgUnit(ids[0], null);
        for (int n = 1; n < names.Count; n++)
        {
            string parentId = ids[parents[n]];
            ids[n] = count[names[n]] > 1 || names[n] == options.RootUnit ? $"{names[n]} ({parentId})" : names[n];
            units[n] = new OrgUnit(ids[n], parentId);
        }

        var rounds = new List<EnpsCsvRound>();
        foreach (string name in roundOrder)
        {
            DateOnly date;
            if (latest[name] != DateTimeOffset.MinValue)
            {
                date = DateOnly.FromDateTime(latest[name].UtcDateTime);
            }
            else if (!RecordFields.TryParseDate(name, out date) && !RecordFields.TryParseMonth(name, out date))
            {
                date = options.RoundDate ?? throw new NpsDataException($"{source}: round '{name}' has no date: add a time column (e.g. submitted_at), name rounds by month or date (e.g. 2026-11), or set EnpsCsvOptions.RoundDate.");
            }

            EnpsResponse[] responses = pending.Where(p => p.Round == name)
                .Select(p => new EnpsResponse(ids[p.Node], p.Score, p.Comment, p.Attributes, p.At) { RespondentId = p.Id })
                .ToArray();
            rounds.Add(new EnpsCsvRound(new SurveyRound(name, date), responses));
        }

        rounds.Sort((a, b) => a.Round.Date != b.Round.Date ? a.Round.Date.CompareTo(b.Round.Date) : string.CompareOrdinal(a.Round.Name, b.Round.Name));
        return new EnpsCsvResult(units, rounds.AsReadOnly(), dimensionNames.AsReadOnly(), report);

        int Child(int parent, string name)
        {
            if (!children.TryGetValue((parent, name), out int child))
            {
                child = names.Count;
                names.Add(name);
                parents.Add(parent);
                children[(parent, name)] = child;
            }

            return child;
        }
    }
}
