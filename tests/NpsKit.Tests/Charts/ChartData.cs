using System.Globalization;
using System.Xml.Linq;
using NpsKit.Aggregation;

namespace NpsKit.Tests.Charts;

/// <summary>Small cubes with known shapes, and helpers to read the SVG back.</summary>
internal static class ChartData
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Six months of 2026, minimum n 30: Jan 60 answers, Feb 12 (too small), Mar none, Apr 50, May 40, Jun 3 (too small);
    /// segments "R&amp;D &lt;EU&gt;" and "Sales".</summary>
    public static NpsCube SixMonths()
    {
        var b = new ResponseTableBuilder("team");
        int[] perMonth = [60, 12, 0, 50, 40, 3];
        for (int m = 0; m < perMonth.Length; m++)
        {
            var when = new DateTimeOffset(2026, m + 1, 10, 12, 0, 0, TimeSpan.Zero);
            for (int i = 0; i < perMonth[m]; i++)
            {
                // Scores cycle so months differ: month m shifts the cycle.
                int score = (i * 7 + (m * 3)) % 11;
                b.Add(when, score, [i % 3 == 0 ? "R&D <EU>" : "Sales"]);
            }
        }

        return NpsCube.FromTable(b.ToTable(), Segmentation.By("team"), new AggregationOptions { MinimumCount = 30 });
    }

    /// <summary>Three years of months, 100 answers each: many periods for label thinning.</summary>
    public static NpsCube ThreeYears()
    {
        var b = new ResponseTableBuilder();
        for (int m = 0; m < 36; m++)
        {
            var when = new DateTimeOffset(2024 + (m / 12), (m % 12) + 1, 5, 0, 0, 0, TimeSpan.Zero);
            for (int i = 0; i < 100; i++)
            {
                b.Add(when, (i * 5 + m) % 11, []);
            }
        }

        return NpsCube.FromTable(b.ToTable(), Segmentation.Total);
    }

    public static XElement Parse(string svg)
    {
        XElement root = XDocument.Parse(svg).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        return root;
    }

    public static IEnumerable<XElement> WithClass(this XElement root, string name, string cssClass) =>
        root.Descendants(Svg + name).Where(e => ((string?)e.Attribute("class") ?? string.Empty).Split(' ').Contains(cssClass));

    public static double Number(this XElement e, string attribute) =>
        double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    public static List<(double X, double Y)> PointList(this XElement e) =>
        [.. ((string)e.Attribute("points")!).Split(' ').Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))];

    /// <summary>Runs <paramref name="action"/> with the current culture set to <paramref name="name"/>.</summary>
    public static T InCulture<T>(string name, Func<T> action)
    {
        CultureInfo before = CultureInfo.CurrentCulture, beforeUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }
}
