using NpsKit.Aggregation;
using NpsKit.Charts;
using NpsKit.Documents;

namespace NpsKit.Tests.Docs;

/// <summary>
/// The code of docs/charts.md, compiled and run; <see cref="ReadmeTests.ChartsPageShowsTheCompiledSnippet"/> checks the
/// page shows exactly this code, and <see cref="ChartsSnippetsTests"/> checks what it draws.
/// </summary>
public static class ChartsSnippets
{
    /// <summary>A cube by month and region: six months of 240 answers; East has 10 a month (too small), 60 in all.</summary>
    public static NpsCube SampleCube()
    {
        var table = new ResponseTableBuilder("region");
        string[] regions = ["North", "South", "West"];
        for (int month = 1; month <= 6; month++)
        {
            for (int i = 0; i < 240; i++)
            {
                string region = i % 24 == 3 ? "East" : regions[i % 3];   // East: 10 answers a month
                int score = ((i * 7) + (month * 5) + region.Length) % 11;
                table.Add(new DateTimeOffset(2026, month, 1 + (i % 27), 12, 0, 0, TimeSpan.Zero), score, [region]);
            }
        }

        return NpsCube.FromTable(table.ToTable(), Segmentation.By("region"), new AggregationOptions { MinimumCount = 30 });
    }

    public static string Trend(string path)
    {
        NpsCube cube = SampleCube();
        #region charts-trend
        NpsSeries series = cube.Series();                 // the total: one point per month, empty months kept
        string svg = NpsCharts.TrendSvg(series, new TrendChartOptions
        {
            Title = "NPS by month",
            Subtitle = "All regions",
            Level = 0.95,                                 // the band: 95% adjusted Wald intervals
        });
        File.WriteAllText(path, svg);
        #endregion
        return svg;
    }

    public static string Segments()
    {
        #region charts-segments
        NpsTally north = NpsTally.FromCounts(promoters: 120, passives: 45, detractors: 35);
        NpsTally south = NpsTally.FromCounts(promoters: 80, passives: 60, detractors: 60);
        NpsTally east = NpsTally.FromCounts(promoters: 9, passives: 3, detractors: 4);    // n = 16: too small to read

        string bars = NpsCharts.SegmentSvg(
            [("North", north), ("South", south), ("East", east)],
            new SegmentChartOptions { Title = "NPS by region", Order = SegmentOrder.ByScore });
        #endregion
        return bars;
    }

    public static (string LatestMonth, string North) FromCube()
    {
        NpsCube cube = SampleCube();
        #region charts-cube
        ReportingPeriod latest = cube.Periods[^1];
        string byRegion = NpsCharts.SegmentSvg(cube, latest, new SegmentChartOptions { Title = $"NPS by region, {latest}" });

        using var writer = new StringWriter();
        NpsCharts.WriteTrendSvg(writer, cube.Series(SegmentPath.Of("region", "North")), new TrendChartOptions
        {
            Title = "North",
            Scale = TrendScale.Full,                      // −100..100, comparable across charts
            IdPrefix = "north",                           // unique ids when several charts share a page
        });
        #endregion
        return (byRegion, writer.ToString());
    }

    public static string Page()
    {
        NpsCube cube = SampleCube();
        #region charts-html
        string page = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>NPS</title></head>
            <body>
            {NpsCharts.TrendSvg(cube.Series(), new TrendChartOptions { IdPrefix = "total" })}
            {NpsCharts.SegmentSvg(cube, options: new SegmentChartOptions { IdPrefix = "regions" })}
            </body></html>
            """;
        #endregion
        return page;
    }

    public static (NpsDocument Report, string Html, string Markdown) Document(string folder)
    {
        NpsCube cube = SampleCube();
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder;
        try
        {
            #region charts-document
            NpsSeries monthly = cube.Series();
            NpsDocument report = new NpsDocumentBuilder("NPS by month")
                .Paragraph($"{cube.Total.Count:N0} answers, **NPS {cube.Total.Score:+0.0;-0.0}** overall. Months with fewer than 30 answers are hollow.")
                .Chart(NpsCharts.TrendSvg(monthly), "NPS per month with its 95% interval")
                .Heading("By region")
                .Chart(NpsCharts.SegmentSvg(cube, options: new SegmentChartOptions { IdPrefix = "regions" }))
                .Table(cube)
                .Build();
            File.WriteAllText("nps-by-month.html", report.ToHtml());      // one self-contained page
            File.WriteAllText("nps-by-month.md", report.ToMarkdown());    // charts embedded as data URIs
            #endregion
            return (report, File.ReadAllText("nps-by-month.html"), File.ReadAllText("nps-by-month.md"));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }
}
