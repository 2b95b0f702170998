using System.Globalization;
using System.Net;
using System.Text;

namespace NpsKit.Text;

/// <summary>The result of a <see cref="ThemeAnalysis"/>: per theme and group the statistics, the groups' comment counts,
/// verbatims and candidate phrases.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class ThemeReport
{
    internal ThemeReport(
        IReadOnlyList<CodebookTheme> themes, ThemeAnalysisOptions options, List<ThemeStatistics> cells, List<ThemeGroup> groups,
        Dictionary<string, IReadOnlyList<ThemeVerbatim>> verbatims, List<CandidatePhrase> candidates)
    {
        Themes = themes;
        Options = options;
        Cells = cells;
        Groups = groups;
        Verbatims = verbatims;
        Candidates = candidates;
    }

    /// <summary>Gets the themes, in the tagger's order.</summary>
    public IReadOnlyList<CodebookTheme> Themes { get; }

    /// <summary>Gets the options the analysis ran with.</summary>
    public ThemeAnalysisOptions Options { get; }

    /// <summary>Gets every theme × group: the groups in order (<c>All</c>, periods, segments), the themes in order within each.</summary>
    public IReadOnlyList<ThemeStatistics> Cells { get; }

    /// <summary>Gets the groups with their answer, comment and untagged counts, <c>All</c> first.</summary>
    public IReadOnlyList<ThemeGroup> Groups { get; }

    /// <summary>Gets up to <see cref="ThemeAnalysisOptions.VerbatimsPerTheme"/> example comments per theme id (distinct texts), never from an
    /// anonymity group below <see cref="ThemeAnalysisOptions.MinimumGroupRespondents"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ThemeVerbatim>> Verbatims { get; }

    /// <summary>Gets frequent word sequences among untagged detractor comments: candidates for new themes.</summary>
    public IReadOnlyList<CandidatePhrase> Candidates { get; }

    /// <summary>Gets the statistics of the whole data set, one per theme, in theme order.</summary>
    public IReadOnlyList<ThemeStatistics> Overall => [.. Cells.Where(c => c.Group == "All")];

    /// <summary>Gets the themes of the whole data set ranked by impact, largest first (ties by id).</summary>
    /// <returns>The ranked statistics.</returns>
    public IReadOnlyList<ThemeStatistics> Ranked() =>
        [.. Overall.OrderByDescending(c => c.Impact).ThenBy(c => c.Theme.Id, StringComparer.Ordinal)];

    /// <summary>Renders the overall theme table as Markdown.</summary>
    /// <returns>GitHub-flavoured Markdown, invariant culture.</returns>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        ThemeGroup all = Groups[0];
        _ = sb.Append(CultureInfo.InvariantCulture, $"**Comment themes** ({all.Comments:N0} comments of {all.Answers:N0} answers; {all.Untagged:N0} untagged)\n\n");
        _ = sb.Append("| Theme | Mentions | Share | Promoters | Passives | Detractors | NPS mentioners | NPS others | Impact [CI] | p (adj.) |\n");
        _ = sb.Append("|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        foreach (string[] row in Rows())
        {
            _ = sb.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }

        _ = sb.Append(CultureInfo.InvariantCulture, $"\nImpact: points the NPS would gain if the theme's mentioners answered like the other commenters (Levin 1953 attributable form, adjusted-Wald estimates); p-values adjusted ({Options.Adjustment}) across {Cells.Count(c => c.IsTested)} tests.\n");
        return sb.ToString();
    }

    /// <summary>Renders the overall theme table as an HTML fragment.</summary>
    /// <returns>A <c>&lt;table&gt;</c> with a caption and a note.</returns>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        ThemeGroup all = Groups[0];
        _ = sb.Append(CultureInfo.InvariantCulture, $"<table class=\"themes\"><caption>Comment themes ({all.Comments:N0} comments of {all.Answers:N0} answers; {all.Untagged:N0} untagged)</caption>\n<thead><tr>");
        foreach (string h in new[] { "Theme", "Mentions", "Share", "Promoters", "Passives", "Detractors", "NPS mentioners", "NPS others", "Impact [CI]", "p (adj.)" })
        {
            _ = sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        }

        _ = sb.Append("</tr></thead>\n<tbody>\n");
        foreach (string[] row in Rows())
        {
            _ = sb.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{WebUtility.HtmlEncode(c)}</td>"))).Append("</tr>\n");
        }

        _ = sb.Append("</tbody></table>\n");
        return sb.ToString();
    }

    private IEnumerable<string[]> Rows()
    {
        foreach (ThemeStatistics c in Ranked())
        {
            yield return
            [
                c.Theme.Label,
                c.Mentions.ToString("N0", CultureInfo.InvariantCulture),
                Pct(c.MentionShare),
                Pct(c.PromoterShare),
                Pct(c.PassiveShare),
                Pct(c.DetractorShare),
                c.Mentioners.HasScore ? c.Mentioners.Score.ToString("0.0", CultureInfo.InvariantCulture) : "–",
                c.Others.HasScore ? c.Others.Score.ToString("0.0", CultureInfo.InvariantCulture) : "–",
                c.IsTested ? string.Create(CultureInfo.InvariantCulture, $"{c.Impact:+0.0;-0.0;0.0} [{c.ImpactLower:+0.0;-0.0;0.0}, {c.ImpactUpper:+0.0;-0.0;0.0}]") : "–",
                !c.IsTested ? "–" : c.AdjustedPValue < 0.001 ? "<0.001" : c.AdjustedPValue.ToString("0.000", CultureInfo.InvariantCulture),
            ];
        }
    }

    private static string Pct(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
