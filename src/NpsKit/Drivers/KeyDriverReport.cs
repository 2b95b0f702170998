using System.Globalization;
using System.Net;
using System.Text;
using NpsKit.Internal;

namespace NpsKit.Drivers;

/// <summary>The result of <see cref="KeyDrivers.Analyze"/>: the attributes ranked by importance, with the driver matrix
/// as data (<see cref="KeyDriver.Quadrant"/>) and as a chart (<see cref="ToSvg"/>).</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class KeyDriverReport
{
    private readonly KeyDriver[] _drivers;

    internal KeyDriverReport(KeyDriver[] drivers, double rSquared, int rows, int excluded, KeyDriverOptions options)
    {
        _drivers = drivers;
        RSquared = rSquared;
        Rows = rows;
        ExcludedRows = excluded;
        Options = options;
    }

    /// <summary>Gets the attributes, most important first.</summary>
    public IReadOnlyList<KeyDriver> Drivers => _drivers;

    /// <summary>Gets R² of the 0–10 answer on all the ratings: the variance the attributes explain together, 0..1.</summary>
    public double RSquared { get; }

    /// <summary>Gets the number of complete rows analysed.</summary>
    public int Rows { get; }

    /// <summary>Gets the number of rows left out for a missing rating.</summary>
    public int ExcludedRows { get; }

    /// <summary>Gets the options the analysis ran with.</summary>
    public KeyDriverOptions Options { get; }

    /// <summary>Renders the drivers as a Markdown table.</summary>
    /// <returns>GitHub-flavoured Markdown, invariant culture.</returns>
    public string ToMarkdown() => Table().ToMarkdown();

    /// <summary>Renders the drivers as an HTML table.</summary>
    /// <returns>An HTML fragment.</returns>
    public string ToHtml() => Table().ToHtml();

    /// <summary>Draws the driver matrix: importance (share of R²) up, mean rating across, split at the medians.</summary>
    /// <param name="width">The width in pixels, at least 240. Default 560.</param>
    /// <param name="height">The height in pixels, at least 180. Default 380.</param>
    /// <returns>A self-contained SVG document (no scripts, no external references).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is too small.</exception>
    public string ToSvg(int width = 560, int height = 380)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 240);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 180);
        const double left = 60, right = 20, top = 30, bottom = 45;
        double minX = _drivers.Min(d => d.Performance), maxX = _drivers.Max(d => d.Performance);
        double padX = Math.Max(0.1, (maxX - minX) * 0.15);
        minX -= padX;
        maxX += padX;
        double maxY = Math.Max(0.05, _drivers.Max(d => d.Upper) * 1.1);
        double X(double v) => left + ((v - minX) / (maxX - minX) * (width - left - right));
        double Y(double v) => height - bottom - (v / maxY * (height - top - bottom));
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        double medX = KeyDrivers.Median(_drivers.Select(d => d.Performance)), medY = KeyDrivers.Median(_drivers.Select(d => d.Share));
        var sb = new StringBuilder();
        _ = sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"Driver matrix: importance by mean rating\">\n");
        _ = sb.Append(CultureInfo.InvariantCulture, $"<title>Driver matrix (R² {RSquared:0.00}, n {Rows:N0})</title>\n");
        _ = sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(left)}\" y=\"{F(top)}\" width=\"{F(width - left - right)}\" height=\"{F(height - top - bottom)}\" fill=\"#fafafa\" stroke=\"#999\"/>\n");
        _ = sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(medX))}\" y1=\"{F(top)}\" x2=\"{F(X(medX))}\" y2=\"{F(height - bottom)}\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>\n");
        _ = sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(left)}\" y1=\"{F(Y(medY))}\" x2=\"{F(width - right)}\" y2=\"{F(Y(medY))}\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>\n");
        _ = sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + 6)}\" y=\"{F(top + 14)}\" fill=\"#b00\">Fix first</text><text x=\"{F(width - right - 6)}\" y=\"{F(top + 14)}\" text-anchor=\"end\" fill=\"#070\">Maintain</text>\n");
        _ = sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + 6)}\" y=\"{F(height - bottom - 6)}\" fill=\"#666\">Secondary</text><text x=\"{F(width - right - 6)}\" y=\"{F(height - bottom - 6)}\" text-anchor=\"end\" fill=\"#666\">Low priority</text>\n");
        foreach (KeyDriver d in _drivers)
        {
            string color = d.Quadrant switch { DriverQuadrant.FixFirst => "#b00", DriverQuadrant.Maintain => "#070", _ => "#555" };
            _ = sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(d.Performance))}\" y1=\"{F(Y(d.Lower))}\" x2=\"{F(X(d.Performance))}\" y2=\"{F(Y(d.Upper))}\" stroke=\"{color}\" stroke-width=\"2\" opacity=\"0.5\"/>");
            _ = sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(d.Performance))}\" cy=\"{F(Y(d.Share))}\" r=\"5\" fill=\"{color}\"><title>{WebUtility.HtmlEncode(d.ToString())}</title></circle>");
            _ = sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(d.Performance) + 8)}\" y=\"{F(Y(d.Share) + 4)}\">{WebUtility.HtmlEncode(d.Name)}</text>\n");
        }

        _ = sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F((left + width - right) / 2)}\" y=\"{F(height - 12)}\" text-anchor=\"middle\">Mean rating (performance)</text>\n");
        _ = sb.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(16 {F((top + height - bottom) / 2)}) rotate(-90)\" text-anchor=\"middle\">Share of R² (importance)</text>\n");
        _ = sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"Key drivers (R² {RSquared:0.000}, n {Rows}): {string.Join(", ", _drivers.Select(d => $"{d.Name} {KeyDrivers.Percent(d.Share)}"))}");

    private TextTable Table()
    {
        string level = (100 * Options.Level).ToString("0.##", CultureInfo.InvariantCulture);
        string method = Options.Method == RelativeImportanceMethod.Lmg ? "LMG (Shapley) share of R²" : "Johnson relative weight";
        var table = new TextTable(
            string.Create(CultureInfo.InvariantCulture, $"Key drivers of the 0–10 answer (R² {RSquared:0.000}, n {Rows:N0}{(ExcludedRows > 0 ? $", {ExcludedRows:N0} rows with a missing rating left out" : string.Empty)})"),
            ("Rank", true), ("Attribute", false), (method, true), ($"{level}% CI", true), ("r", true), ("Mean rating", true), ("Quadrant", false));
        foreach (KeyDriver d in _drivers)
        {
            table.Add(
                d.Rank.ToString(CultureInfo.InvariantCulture),
                d.Name,
                KeyDrivers.Percent(d.Share),
                Options.Resamples > 0 ? $"[{KeyDrivers.Percent(d.Lower)}, {KeyDrivers.Percent(d.Upper)}]" : "–",
                d.Correlation.ToString("0.00", CultureInfo.InvariantCulture),
                d.Performance.ToString("0.00", CultureInfo.InvariantCulture),
                d.Quadrant.ToString());
        }

        table.Note(string.Create(CultureInfo.InvariantCulture, $"Intervals: {Options.Resamples:N0} bootstrap resamples of the rows, seed {Options.Seed}, percentile."));
        return table;
    }
}
