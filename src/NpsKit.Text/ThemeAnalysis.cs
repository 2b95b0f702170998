using System.Numerics;
using NpsKit.Aggregation;
using NpsKit.Statistics;
using NpsKit.Text.Internal;

namespace NpsKit.Text;

/// <summary>
/// Comment themes against NPS: per theme and group (all answers, each period, each segment) the mentions, the shares of
/// promoters, passives and detractors who mention it, mentioners vs the other commenters with an interval and a test
/// (adjusted for multiple comparisons), an impact figure, the untagged count, candidate phrases and verbatims.
/// </summary>
/// <remarks>See <see cref="ThemeStatistics"/> for the definitions and sources. Deterministic and thread-safe.</remarks>
public static class ThemeAnalysis
{
    private const string All = "All";

    /// <summary>Analyses the comments of a table.</summary>
    /// <param name="table">The answers; those with a non-blank comment are tagged.</param>
    /// <param name="tagger">The themes.</param>
    /// <param name="options">Breakdowns, level, adjustment, verbatims; default <see cref="ThemeAnalysisOptions.Default"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="tagger"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or name a dimension the table does not have.</exception>
    public static ThemeReport Analyze(ResponseTable table, ThemeTagger tagger, ThemeAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Analyze(Enumerable.Range(0, table.Count).Select(table.GetResponse), tagger, options, table.Dimensions);
    }

    /// <summary>Analyses the comments of responses (in the order given: rows are their positions).</summary>
    /// <param name="responses">The answers.</param>
    /// <param name="tagger">The themes.</param>
    /// <param name="options">Breakdowns, level, adjustment, verbatims.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="responses"/> or <paramref name="tagger"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or a response lacks a dimension the options name (the message gives the row).</exception>
    public static ThemeReport Analyze(IEnumerable<SurveyResponse> responses, ThemeTagger tagger, ThemeAnalysisOptions? options = null) =>
        Analyze(responses, tagger, options, null);

    private static ThemeReport Analyze(IEnumerable<SurveyResponse> responses, ThemeTagger tagger, ThemeAnalysisOptions? options, IReadOnlyList<string>? dimensions)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(tagger);
        options ??= ThemeAnalysisOptions.Default;
        options.Validate();
        foreach (string? d in new[] { options.Dimension, options.AnonymityDimension })
        {
            if (d is not null && dimensions is not null && !dimensions.Contains(d))
            {
                throw new ArgumentException($"The table has no dimension '{d}'; it has {(dimensions.Count == 0 ? "none" : string.Join(", ", dimensions))}.", nameof(options));
            }
        }

        int themes = tagger.Themes.Count;
        var groups = new Dictionary<string, Accumulator>(StringComparer.Ordinal) { [All] = new Accumulator(themes) };
        var groupOrder = new List<(int Kind, string Key, object Sort)> { (0, All, 0) };
        var rows = new List<Row>();
        var anonymityCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        var bits = new ulong[tagger.BitSetLength];
        int row = -1;
        foreach (SurveyResponse r in responses)
        {
            row++;
            string? segment = options.Dimension is null ? null : Dimension(r, options.Dimension, row);
            string? anonymity = options.AnonymityDimension is null ? null : Dimension(r, options.AnonymityDimension, row);
            if (anonymity is not null)
            {
                anonymityCounts[anonymity] = anonymityCounts.GetValueOrDefault(anonymity) + 1;
            }

            var keys = new List<string>(3) { All };
            if (options.Calendar is ReportingCalendar calendar)
            {
                ReportingPeriod p = calendar.PeriodOf(r.SubmittedAt);
                string key = p.ToString();
                if (!groups.ContainsKey(key))
                {
                    groups[key] = new Accumulator(themes);
                    groupOrder.Add((1, key, p));
                }

                keys.Add(key);
            }

            if (segment is not null)
            {
                string key = $"{options.Dimension}={segment}";
                if (!groups.ContainsKey(key))
                {
                    groups[key] = new Accumulator(themes);
                    groupOrder.Add((2, key, segment));
                }

                keys.Add(key);
            }

            bool hasComment = !string.IsNullOrWhiteSpace(r.Comment);
            int count = hasComment ? tagger.Tag(r.Comment, bits) : 0;
            foreach (string key in keys)
            {
                groups[key].Add(r.Score, hasComment, count == 0, bits);
            }

            if (hasComment)
            {
                rows.Add(new Row(row, r.Comment!, r.Score, count == 0 ? [] : bits.ToArray(), anonymity));
            }
        }

        groupOrder.Sort((a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
            : a.Kind == 1 ? ((ReportingPeriod)a.Sort).CompareTo((ReportingPeriod)b.Sort)
            : string.CompareOrdinal(a.Key, b.Key));

        var cells = new List<ThemeStatistics>();
        var summaries = new List<ThemeGroup>();
        foreach (var (_, key, _) in groupOrder)
        {
            Accumulator acc = groups[key];
            NpsTally commenters = NpsTally.FromHistogram(acc.Commenters);
            summaries.Add(new ThemeGroup(key, acc.Answers, commenters.Count, acc.Untagged));
            for (int t = 0; t < themes; t++)
            {
                NpsTally m = NpsTally.FromHistogram(acc.Mentioners.AsSpan(t * Nps.ScaleLength, Nps.ScaleLength));
                var others = new long[Nps.ScaleLength];
                for (int s = 0; s < others.Length; s++)
                {
                    others[s] = acc.Commenters[s] - acc.Mentioners[(t * Nps.ScaleLength) + s];
                }

                cells.Add(new ThemeStatistics(tagger.Themes[t], key, acc.Answers, commenters.Count, m, NpsTally.FromHistogram(others), commenters, options.Level));
            }
        }

        double[] raw = [.. cells.Where(c => c.IsTested).Select(c => c.PValue)];
        double[] adjusted = MultipleComparisons.Adjust(raw, options.Adjustment);
        int k = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i].IsTested)
            {
                cells[i] = cells[i] with { AdjustedPValue = adjusted[k++] };
            }
        }

        return new ThemeReport(tagger.Themes, options, cells, summaries, Verbatims(tagger, rows, anonymityCounts, options), Candidates(tagger, rows, options));
    }

    private static string Dimension(SurveyResponse r, string dimension, int row) =>
        r.Segments.TryGetValue(dimension, out string? v) ? v
        : throw new ArgumentException($"Row {row} has no value for dimension '{dimension}'; it has {string.Join(", ", r.Segments.Keys)}.", "responses");

    private static Dictionary<string, IReadOnlyList<ThemeVerbatim>> Verbatims(ThemeTagger tagger, List<Row> rows, Dictionary<string, long> groupSizes, ThemeAnalysisOptions options)
    {
        var result = new Dictionary<string, IReadOnlyList<ThemeVerbatim>>(StringComparer.Ordinal);
        for (int t = 0; t < tagger.Themes.Count; t++)
        {
            var pool = rows.Where(r => r.Bits.Length > 0 && (r.Bits[t >> 6] & (1UL << (t & 63))) != 0
                && (options.MinimumGroupRespondents == 0 || (r.Anonymity is not null && groupSizes[r.Anonymity] >= options.MinimumGroupRespondents))).ToList();
            IEnumerable<Row> chosen;
            if (options.VerbatimOrder == VerbatimOrder.ShortestFirst)
            {
                chosen = pool.OrderBy(r => r.Text.Length).ThenBy(r => r.Index);
            }
            else
            {
                // A seeded random order: each comment's key is the SplitMix64 finaliser (Steele, Lea & Flood 2014) of
                // seed, theme and row, so the same seed always picks the same comments, whatever order they came in.
                ulong salt = options.VerbatimSeed ^ ((ulong)(t + 1) * 0x9E3779B97F4A7C15UL);
                chosen = pool.OrderBy(r => Mix(salt + ((ulong)r.Index * 0xBF58476D1CE4E5B9UL))).ThenBy(r => r.Index);
            }

            result[tagger.Themes[t].Id] = [.. chosen.DistinctBy(r => r.Text.Trim(), StringComparer.OrdinalIgnoreCase).Take(options.VerbatimsPerTheme).Select(r => new ThemeVerbatim(tagger.Themes[t].Id, r.Text, r.Score, r.Index))];
        }

        return result;
    }

    /// <summary>Frequent word sequences (1–3 words, no stop word at either end, counted once per comment) among untagged
    /// detractor comments; a sequence inside a longer one with the same count is dropped. Ordered by count, then text.</summary>
    private static List<CandidatePhrase> Candidates(ThemeTagger tagger, List<Row> rows, ThemeAnalysisOptions options)
    {
        var stop = new HashSet<string>(StringComparer.Ordinal);
        foreach (CommentLanguage l in tagger.Languages)
        {
            stop.UnionWith(Stemmers.StopWords(l));
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var inComment = new HashSet<string>(StringComparer.Ordinal);
        foreach (Row r in rows)
        {
            if (r.Bits.Length > 0 || Nps.Classify(r.Score) != NpsCategory.Detractor)
            {
                continue;
            }

            List<string> words = TextFolding.Words(r.Text);
            inComment.Clear();
            for (int i = 0; i < words.Count; i++)
            {
                for (int n = 1; n <= 3 && i + n <= words.Count; n++)
                {
                    string first = words[i], last = words[i + n - 1];
                    if (stop.Contains(first) || stop.Contains(last) || first.All(char.IsDigit) || last.All(char.IsDigit) || (n == 1 && first.Length < 3))
                    {
                        continue;
                    }

                    _ = inComment.Add(string.Join(' ', words.Skip(i).Take(n)));
                }
            }

            foreach (string p in inComment)
            {
                counts[p] = counts.GetValueOrDefault(p) + 1;
            }
        }

        var frequent = counts.Where(p => p.Value >= options.CandidateMinimumComments).ToList();
        var kept = frequent.Where(p => !frequent.Any(q => q.Value == p.Value && q.Key.Length > p.Key.Length && $" {q.Key} ".Contains($" {p.Key} ", StringComparison.Ordinal)));
        return [.. kept.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(options.MaxCandidates).Select(p => new CandidatePhrase(p.Key, p.Value))];
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private sealed record Row(int Index, string Text, int Score, ulong[] Bits, string? Anonymity);

    private sealed class Accumulator(int themes)
    {
        public long Answers { get; private set; }

        public long Untagged { get; private set; }

        public long[] Commenters { get; } = new long[Nps.ScaleLength];

        public long[] Mentioners { get; } = new long[themes * Nps.ScaleLength];

        public void Add(int score, bool hasComment, bool untagged, ReadOnlySpan<ulong> bits)
        {
            Answers++;
            if (!hasComment)
            {
                return;
            }

            Commenters[score]++;
            if (untagged)
            {
                Untagged++;
                return;
            }

            for (int w = 0; w < bits.Length; w++)
            {
                for (ulong b = bits[w]; b != 0; b &= b - 1)
                {
                    Mentioners[(((w * 64) + BitOperations.TrailingZeroCount(b)) * Nps.ScaleLength) + score]++;
                }
            }
        }
    }
}
