using System.Globalization;
using System.Net;
using System.Text;
using NpsKit.Aggregation;
using NpsKit.Drivers;
using NpsKit.Statistics;
using NpsKit.Text;

namespace NpsKit.Cli;

/// <summary>What the "why did NPS move" analyses need from a file, and what they found: shared by <c>nps drivers</c> and the
/// HTML report's "What moved it" section.</summary>
/// <param name="Decomposition">The change between the two periods by segment, or <see langword="null"/> without a segment column or two periods.</param>
/// <param name="Themes">The comment themes, or <see langword="null"/> when the file has no comments.</param>
/// <param name="Drivers">The key drivers, or <see langword="null"/> without rating columns.</param>
/// <param name="Attributes">The rating columns used.</param>
/// <param name="Baseline">The baseline period, when decomposed.</param>
/// <param name="Current">The current period, when decomposed.</param>
internal sealed record WhyItMoved(
    NpsChangeDecomposition? Decomposition, ThemeReport? Themes, KeyDriverReport? Drivers, IReadOnlyList<string> Attributes,
    ReportingPeriod? Baseline, ReportingPeriod? Current)
{
    /// <summary>The settings of one analysis.</summary>
    internal sealed record Settings(
        string? By, IReadOnlyList<string>? Attributes, IReadOnlyList<Codebook> Codebooks, AggregationOptions Aggregation,
        string? BaselinePeriod, string? CurrentPeriod, double Level, PValueAdjustment Adjustment, int Resamples, ulong Seed);

    /// <summary>Runs the three analyses on a table.</summary>
    public static WhyItMoved Analyze(ResponseTable table, Settings settings)
    {
        if (settings.By is not null && !table.Dimensions.Contains(settings.By))
        {
            throw new UsageException($"--by {settings.By}: the file has no such column; its segment columns are {string.Join(", ", table.Dimensions)}.");
        }

        IReadOnlyList<string> attributes = settings.Attributes ?? NumericColumns(table, settings.By);
        foreach (string a in attributes)
        {
            if (!table.Dimensions.Contains(a))
            {
                throw new UsageException($"--attribute {a}: the file has no such column; its other columns are {string.Join(", ", table.Dimensions)}.");
            }
        }

        NpsChangeDecomposition? decomposition = null;
        ReportingPeriod? baseline = null, current = null;
        if (settings.By is not null)
        {
            NpsCube cube = NpsCube.FromTable(table, Segmentation.By(settings.By), settings.Aggregation);
            (baseline, current) = Periods(cube, settings);
            if (baseline is ReportingPeriod b && current is ReportingPeriod c)
            {
                decomposition = ChangeDecomposition.Between(cube, b, c, options: new DecompositionOptions { Level = settings.Level, Adjustment = settings.Adjustment });
            }
        }

        ThemeReport? themes = null;
        if (table.CommentCount > 0 && settings.Codebooks.Count > 0)
        {
            themes = ThemeAnalysis.Analyze(table, new ThemeTagger(settings.Codebooks), new ThemeAnalysisOptions
            {
                Dimension = settings.By,
                Calendar = settings.Aggregation.Validate(),
                Level = settings.Level,
                Adjustment = settings.Adjustment,
            });
        }

        KeyDriverReport? drivers = null;
        if (attributes.Count > 0)
        {
            var scores = new int[table.Count];
            var columns = attributes.Select(_ => new double[table.Count]).ToArray();
            for (int r = 0; r < table.Count; r++)
            {
                SurveyResponse response = table.GetResponse(r);
                scores[r] = response.Score;
                for (int j = 0; j < attributes.Count; j++)
                {
                    string text = response.Segments[attributes[j]];
                    columns[j][r] = text.Length == 0 ? double.NaN
                        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v
                        : throw new InvalidDataException($"Row {r + 1} (after the header), column {attributes[j]}: '{text}' is not a rating; use a number such as 4, or leave it empty for no rating.");
                }
            }

            drivers = KeyDrivers.Analyze(scores, [.. attributes.Select((a, j) => (a, (IReadOnlyList<double>)columns[j]))], new KeyDriverOptions
            {
                Level = settings.Level,
                Resamples = settings.Resamples,
                Seed = settings.Seed,
            });
        }

        return new WhyItMoved(decomposition, themes, drivers, attributes, baseline, current);
    }

    /// <summary>The segment columns whose every non-empty value is a number: the rated attributes when none are named.</summary>
    /// <remarks>A column with a single value (a survey tool's constant <c>Progress</c> = 100, say) cannot explain
    /// anything and is left out: before, it made the key-driver analysis throw and the HTML report fail.</remarks>
    public static IReadOnlyList<string> NumericColumns(ResponseTable table, string? except) =>
        [.. table.Dimensions.Where(d => d != except && table.SegmentValues(d).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Take(2).Count() == 2
            && table.SegmentValues(d).All(v => v.Length == 0 || double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))];

    private static (ReportingPeriod?, ReportingPeriod?) Periods(NpsCube cube, Settings settings)
    {
        ReportingPeriod Find(string text, string option)
        {
            foreach (ReportingPeriod p in cube.Periods)
            {
                if (string.Equals(p.ToString(), text, StringComparison.OrdinalIgnoreCase))
                {
                    return p;
                }
            }

            string covered = cube.Periods.Count == 0 ? "no periods" : $"{cube.Periods[0]} to {cube.Periods[^1]}";
            throw new NoAnswersException($"{option} {text} matches no answers in the file; it covers {covered}. Pick a period in that range.");
        }

        if (settings.BaselinePeriod is not null || settings.CurrentPeriod is not null)
        {
            if (settings.BaselinePeriod is null || settings.CurrentPeriod is null)
            {
                throw new UsageException("Give both --period and --vs (e.g. --period 2026-09 --vs 2026-10), or neither for the last two periods.");
            }

            return (Find(settings.BaselinePeriod, "--period"), Find(settings.CurrentPeriod, "--vs"));
        }

        // The last two periods that have answers.
        var withAnswers = cube.Periods.Where(p => cube.Tally(p, SegmentPath.Total).HasScore).ToList();
        return withAnswers.Count < 2 ? (null, null) : (withAnswers[^2], withAnswers[^1]);
    }

    /// <summary>The "What moved it" section of the HTML report: self-contained (its own headings, tables, chart and notes).</summary>
    public string Html()
    {
        var html = new StringBuilder();
        html.Append("<section class=\"what-moved-it\">\n<h2>What moved it</h2>\n");
        if (Decomposition is not null)
        {
            html.Append("<h3>Change ").Append(E($"{Baseline} → {Current}")).Append(" by segment</h3>\n<p><strong>")
                .Append(E(Decomposition.Describe())).Append("</strong></p>\n").Append(Wrap(Decomposition.ToHtml()));
        }

        if (Themes is not null)
        {
            html.Append("<h3>Comment themes</h3>\n").Append(Wrap(Themes.ToHtml()));
            if (Themes.Candidates.Count > 0)
            {
                html.Append("<p class=\"note\">Frequent in untagged detractor comments (candidate themes): ")
                    .Append(E(string.Join("; ", Themes.Candidates.Take(5).Select(c => $"“{c.Phrase}” ({c.Comments})")))).Append("</p>\n");
            }
        }

        if (Drivers is not null)
        {
            // The wide matrix for screens and paper, a narrow one drawn at phone width so its 12 px text stays 12 px
            // (the report's CSS shows one of the two, as for every other chart).
            html.Append("<h3>Key drivers</h3>\n").Append(Wrap(Drivers.ToHtml()))
                .Append("<figure><div class=\"wide\">").Append(Drivers.ToSvg()).Append("</div><div class=\"narrow\">").Append(Drivers.ToSvg(340, 300)).Append("</div></figure>\n");
        }

        html.Append("<p class=\"note\">Decomposition: Kitagawa (1955) symmetric mix/performance split with delta-method intervals; themes: mentioners vs other commenters, adjusted Wald, impact after Levin (1953); drivers: LMG share of R² (Lindeman, Merenda &amp; Gold 1980) with bootstrap intervals. p-values adjusted for multiple comparisons. See docs/drivers.md.</p>\n</section>\n");
        return html.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>Puts a table in the report's scroll box, so a wide table scrolls inside the page on a phone instead of
    /// widening it (print CSS lets it out again).</summary>
    private static string Wrap(string table) => "<div class=\"table-wrap\">\n" + table + "</div>\n";
}
