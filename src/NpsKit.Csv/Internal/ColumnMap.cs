using System.Globalization;

namespace NpsKit.Csv.Internal;

/// <summary>Which field index holds which role, resolved once from the header.</summary>
internal sealed class ColumnMap
{
    private ColumnMap(string[] headers) => Headers = headers;

    public string[] Headers { get; }

    public int Score { get; private set; } = -1;

    public int Time { get; private set; } = -1;

    public int Respondent { get; private set; } = -1;

    public int Weight { get; private set; } = -1;

    public int Comment { get; private set; } = -1;

    public int[] Segments { get; private set; } = [];

    public string[] SegmentNames { get; private set; } = [];

    public List<string> Ignored { get; } = [];

    public Dictionary<string, string> Roles { get; } = new(StringComparer.Ordinal);

    public string HeaderOf(int index) => Headers[index];

    /// <summary>Resolves the mapping against the header, or throws an <see cref="NpsDataException"/> naming what is missing.</summary>
    public static ColumnMap Resolve(IReadOnlyList<string> header, CsvResponseMapping mapping, string source, char delimiter)
        => Resolve(header, mapping, source, delimiter, SourceLayouts.Of(SurveySource.Generic), []);

    /// <summary>Resolves the mapping with a survey tool's layout: its column names are tried before the common ones, and
    /// when no name gives the score, the column whose texts (in any header row) read as the recommend question.</summary>
    public static ColumnMap Resolve(IReadOnlyList<string> header, CsvResponseMapping mapping, string source, char delimiter, SourceLayout layout, IReadOnlyList<string[]> extraRows)
    {
        if (header.Count == 0 || (header.Count == 1 && string.IsNullOrWhiteSpace(header[0])))
        {
            throw new NpsDataException($"{source}: the input is empty: expected a header line naming the columns (at least a score column such as 'score').");
        }

        string[] names = header.ToArray();
        for (int i = 0; i < names.Length; i++)
        {
            // A blank first-row header (SurveyMonkey's second option of a question) takes its name from the next row.
            if (string.IsNullOrWhiteSpace(names[i]) && extraRows.Count > 0 && i < extraRows[0].Length && !string.IsNullOrWhiteSpace(extraRows[0][i]))
            {
                names[i] = extraRows[0][i].Trim();
            }
        }

        var map = new ColumnMap(names);
        var used = new HashSet<int>();
        map.Score = mapping.Score is null ? FindScore(map, layout, extraRows, used) : -1;
        if (map.Score >= 0)
        {
            used.Add(map.Score);
            map.Roles["score"] = names[map.Score];
        }
        else
        {
            map.Score = Find(map, mapping.Score, [.. layout.Score, .. CsvResponseMapping.ScoreNames], "score", required: true, used, source, delimiter);
        }

        map.Time = Find(map, mapping.Time, [.. layout.Time, .. CsvResponseMapping.TimeNames], "time", required: false, used, source, delimiter);
        map.Respondent = Find(map, mapping.Respondent, [.. layout.Respondent, .. CsvResponseMapping.RespondentNames], "respondent", required: false, used, source, delimiter);
        map.Weight = Find(map, mapping.Weight, CsvResponseMapping.WeightNames, "weight", required: false, used, source, delimiter);
        map.Comment = Find(map, mapping.Comment, [.. layout.Comment, .. CsvResponseMapping.CommentNames], "comment", required: false, used, source, delimiter);

        var segments = new List<int>();
        if (mapping.Segments is null)
        {
            for (int i = 0; i < header.Count; i++)
            {
                if (!used.Contains(i))
                {
                    segments.Add(i);
                }
            }
        }
        else
        {
            foreach (string name in mapping.Segments)
            {
                int index = IndexOfExact(header, name);
                if (index < 0)
                {
                    throw MissingColumn(source, $"segment column '{name}'", string.Empty, "segments", header, delimiter);
                }

                if (!used.Add(index))
                {
                    throw new NpsDataException($"{source}: column '{name}' is mapped twice (as a segment and as another role, or listed twice in Mapping.Segments).");
                }

                segments.Add(index);
            }

            for (int i = 0; i < header.Count; i++)
            {
                if (!used.Contains(i))
                {
                    map.Ignored.Add(header[i]);
                }
            }
        }

        map.Segments = segments.ToArray();
        map.SegmentNames = segments.Select(i => header[i]).ToArray();
        return map;
    }

    /// <summary>The score column of a layout whose names do not say it: a Qualtrics question <c>Q…</c> with its
    /// <c>Q…_NPS_GROUP</c> companion, then the layout's and the common names, then the column whose header texts read most
    /// clearly as the recommend question. -1 when none does.</summary>
    private static int FindScore(ColumnMap map, SourceLayout layout, IReadOnlyList<string[]> extraRows, HashSet<int> used)
    {
        string[] header = map.Headers;
        for (int i = 0; i < header.Length; i++)
        {
            string name = header[i].Trim();
            if (name.EndsWith("_NPS_GROUP", StringComparison.OrdinalIgnoreCase))
            {
                int question = IndexOfExact(header, name[..^"_NPS_GROUP".Length]);
                if (question >= 0)
                {
                    return question;
                }
            }
        }

        foreach (string candidate in layout.Score.Concat(CsvResponseMapping.ScoreNames))
        {
            for (int i = 0; i < header.Length; i++)
            {
                if (Normalize(header[i]) == candidate)
                {
                    return i;
                }
            }
        }

        int best = -1;
        int bestScore = 0;
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Trim().EndsWith("NPS_GROUP", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            int score = SourceLayouts.RecommendScore(header[i]);
            foreach (string[] row in extraRows)
            {
                if (i < row.Length)
                {
                    score = Math.Max(score, SourceLayouts.RecommendScore(row[i]));
                }
            }

            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        _ = used;
        return best;
    }

    private static int Find(ColumnMap map, string? configured, IReadOnlyList<string> candidates, string role, bool required, HashSet<int> used, string source, char delimiter)
    {
        IReadOnlyList<string> header = map.Headers;
        int index;
        if (configured is not null)
        {
            index = IndexOfExact(header, configured);
            if (index < 0)
            {
                throw MissingColumn(source, $"{role} column '{configured}'", " (set in CsvReadOptions.Mapping)", role, header, delimiter);
            }
        }
        else
        {
            index = -1;
            foreach (string candidate in candidates)
            {
                for (int i = 0; i < header.Count; i++)
                {
                    if (!used.Contains(i) && Normalize(header[i]) == candidate)
                    {
                        index = i;
                        break;
                    }
                }

                if (index >= 0)
                {
                    break;
                }
            }

            if (index < 0)
            {
                if (required)
                {
                    throw MissingColumn(
                        source,
                        $"{role} column (looked for: {string.Join(", ", candidates)})",
                        $" (looked for: {string.Join(", ", candidates)}; set CsvReadOptions.Mapping.{char.ToUpperInvariant(role[0])}{role[1..]} to name it)",
                        role,
                        header,
                        delimiter,
                        withoutConfigured: $"{role} column");
                }

                return -1;
            }
        }

        if (!used.Add(index))
        {
            throw new NpsDataException(
                $"{source}: column '{header[index]}' is mapped to two roles; give each role its own column in CsvReadOptions.Mapping.",
                source,
                $"column '{header[index]}' is mapped to two roles ({map.Roles.FirstOrDefault(r => r.Value == header[index]).Key} and {role})",
                [new ReadOptionRemedy(Member(role))]);
        }

        map.Roles[role] = header[index];
        return index;
    }

    private static int IndexOfExact(IReadOnlyList<string> header, string name)
    {
        for (int i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The header lacks a role's column: the message names the mapping member; the structured parts name the
    /// problem without it, and the remedies (the role's mapping, and the delimiter when the header looks split wrong).</summary>
    private static NpsDataException MissingColumn(string source, string what, string mappingNote, string role, IReadOnlyList<string> header, char delimiter, string? withoutConfigured = null)
    {
        string found = string.Join(", ", header.Select(h => "'" + h + "'"));
        string hint = string.Empty, plainHint = string.Empty;
        var remedies = new List<ReadOptionRemedy> { new(Member(role)) };
        if (header.Count == 1)
        {
            char? other = new[] { ',', ';', '\t', '|' }.Where(c => c != delimiter && header[0].Contains(c, StringComparison.Ordinal)).Select(c => (char?)c).FirstOrDefault();
            if (other is char c)
            {
                string looks = string.Create(CultureInfo.InvariantCulture, $" The header looks delimited by '{(c == '\t' ? "\\t" : c.ToString())}' but was split on '{(delimiter == '\t' ? "\\t" : delimiter.ToString())}'");
                hint = looks + ": set CsvReadOptions.Delimiter, or leave it null to detect it.";
                plainHint = looks + ".";
                remedies.Insert(0, new ReadOptionRemedy("Delimiter", c == '\t' ? "\\t" : c.ToString()));
            }
        }

        string message = $"{source}: the header has no {(withoutConfigured ?? what)}{mappingNote}. Columns found: {found}.{hint}";
        return new NpsDataException(message, source, $"the header has no {what}. Columns found: {found}.{plainHint}".TrimEnd('.'), remedies);
    }

    /// <summary>The <see cref="CsvReadOptions"/> path of a role's mapping: "score" → "Mapping.Score".</summary>
    private static string Member(string role) => "Mapping." + char.ToUpperInvariant(role[0]) + role[1..];

    /// <summary>Lower case without spaces, underscores, hyphens and dots: "Submitted At" → "submittedat".</summary>
    internal static string Normalize(string header)
    {
        Span<char> buffer = stackalloc char[Math.Min(header.Length, 256)];
        int n = 0;
        foreach (char ch in header.AsSpan(0, Math.Min(header.Length, 256)))
        {
            if (ch is ' ' or '_' or '-' or '.' or '\t' or '\uFEFF')
            {
                continue;
            }

            buffer[n++] = char.ToLowerInvariant(ch);
        }

        return new string(buffer[..n]);
    }
}
