#!/usr/bin/env dotnet
// Monthly NPS trend: every month's score with its 95% interval, and the change from the previous month with a p-value.
// Run from any folder: dotnet run samples/scripts/monthly-trend.cs [-- path/to/responses.csv]
// The notebook samples/notebooks/monthly-trend.ipynb is generated from this file (see samples/scripts/README.md).
#:project ../../src/NpsKit/NpsKit.csproj
#:project ../../src/NpsKit.Csv/NpsKit.Csv.csproj
#:property PublishAot=false

using NpsKit;
using NpsKit.Aggregation;
using NpsKit.Charts;
using NpsKit.Csv;
using NpsKit.Documents;

string scriptDirectory = (string)AppContext.GetData("EntryPointFileDirectoryPath")!;

/* md
# Monthly NPS trend with intervals

Reads the bundled sample export (20,000 answers over 24 months), counts the answers per month in the reporting time
zone (UTC here; use yours, e.g. `Europe/Copenhagen`, to count by your local months), and shows each month's NPS with
its 95% confidence interval (adjusted Wald). Months with fewer than 30 answers are flagged: their score moves too
much from sample to sample to read.
*/
// cell: load
string path = args.Length > 0 ? args[0] : Path.Combine(scriptDirectory, "..", "data", "responses.csv"); // script only
// notebook: string path = Path.Combine("..", "data", "responses.csv");
CsvCubeResult result = NpsCsv.ReadCube(
    path,
    aggregation: new AggregationOptions { TimeZoneId = "Etc/UTC", Period = PeriodUnit.Month, MinimumCount = 30 });
NpsCube cube = result.Cube;
Console.WriteLine(result.Report);
Console.WriteLine($"Overall: {cube.Total}");
// end cell

/* md
## The trend

One row per month: n, the NPS, its 95% interval, the change from the previous month and the two-sided p-value of
the test that the two months have the same score. A change with p ≥ 0.05 is within what sampling alone produces.
*/
// cell: trend
NpsSeries monthly = cube.Series();
Console.WriteLine(monthly.ToMarkdown()); // script only
// notebook: monthly
// end cell

/* md
## Month over month, in words

The last six changes, with the test's verdict at the 5% level.
*/
// cell: changes
foreach (PeriodChange change in monthly.Changes().TakeLast(6))
{
    NpsComparison test = change.Compare();
    string verdict = test.IsSignificant() ? "likely real" : "within noise";
    Console.WriteLine($"{change.PreviousPeriod} → {change.Period}: {test.Difference:+0.0;-0.0;0.0} points, p = {test.PValue:0.000} ({verdict}), 95% CI {test.Interval.Lower:+0.0;-0.0} to {test.Interval.Upper:+0.0;-0.0}");
}
// end cell

/* md
## Smoothing

A three-month rolling NPS adds neighbouring months' counts exactly, so each point rests on about three times as many
answers and the interval is narrower. Consecutive rolling points share answers, so the table shows no change test.
*/
// cell: rolling
NpsSeries rolling = monthly.WithWindow(RollingWindow.Periods(3));
Console.WriteLine(rolling.ToMarkdown()); // script only
// notebook: rolling
// end cell

/* md
## A report to share

The same analysis as one self-contained HTML page (charts, tables and prose, no external files) and as Markdown,
written to the current folder. Open `monthly-trend.html` in any browser, attach it to an e-mail, or print it.
*/
// cell: report
NpsDocument report = new NpsDocumentBuilder("Monthly NPS trend")
    .Paragraph($"{cube.Total.Count:N0} answers from `{Path.GetFileName(path)}`, counted per month in UTC. Overall: **NPS {cube.Total.Score:+0.0;-0.0;0.0}**, 95% CI {cube.Total.ConfidenceInterval().Lower:+0.0;-0.0} to {cube.Total.ConfidenceInterval().Upper:+0.0;-0.0}.")
    .Chart(NpsCharts.TrendSvg(monthly), "NPS per month with its 95% interval (adjusted Wald); hollow points have fewer than 30 answers.")
    .Heading("Month by month")
    .Paragraph("The change from the previous month, with the two-sided p-value of the test that both months have the same NPS. A change with p ≥ 0.05 is within what sampling alone produces.")
    .Table(monthly)
    .Heading("Three-month rolling NPS")
    .Chart(NpsCharts.TrendSvg(rolling, new TrendChartOptions { Title = "Three-month rolling NPS", IdPrefix = "rolling" }))
    .Table(rolling)
    .Build();
File.WriteAllText("monthly-trend.html", report.ToHtml());
File.WriteAllText("monthly-trend.md", report.ToMarkdown());
Console.WriteLine($"Report: {Path.GetFullPath("monthly-trend.html")} and monthly-trend.md");
// end cell
