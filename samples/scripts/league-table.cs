#!/usr/bin/env dotnet
// Segment league table: departments ranked by NPS with 95% intervals, then the best and worst department × region
// cells of the latest month, with the cells too small to rank flagged.
// Run from any folder: dotnet run samples/scripts/league-table.cs [-- path/to/responses.csv]
// The notebook samples/notebooks/league-table.ipynb is generated from this file (see samples/scripts/README.md).
#:project ../../src/NpsKit/NpsKit.csproj
#:project ../../src/NpsKit.Csv/NpsKit.Csv.csproj
#:property PublishAot=false

using NpsKit;
using NpsKit.Aggregation;
using NpsKit.Csv;

string scriptDirectory = (string)AppContext.GetData("EntryPointFileDirectoryPath")!;

/* md
# Segment league table

Which departments and regions do best and worst — and which differences are too small to trust? The sample export
is counted once into a cube by month × department × region; every table below is read from the cube's exact counts,
without touching the answers again.
*/
// cell: load
string path = args.Length > 0 ? args[0] : Path.Combine(scriptDirectory, "..", "data", "responses.csv"); // script only
// notebook: string path = Path.Combine("..", "data", "responses.csv");
CsvCubeResult result = NpsCsv.ReadCube(
    path,
    Segmentation.CrossTab("department", "region"),
    new AggregationOptions { TimeZoneId = "Etc/UTC", Period = PeriodUnit.Month, MinimumCount = 30 });
NpsCube cube = result.Cube;
Console.WriteLine(result.Report);

// One line per ranked cell: rank, segment, n, NPS and its 95% interval.
string Line(int rank, SegmentPath segment, NpsTally tally)
{
    NpsInterval ci = tally.ConfidenceInterval();
    return $"{rank,2}. {segment,-40} n = {tally.Count,6:N0}   NPS {tally.Score,6:+0.0;-0.0;0.0}   95% CI {ci.Lower:+0.0;-0.0} to {ci.Upper:+0.0;-0.0}";
}
// end cell

/* md
## Departments, all 24 months together

With about 4,000 answers per department the intervals are about ±3 points wide: departments whose intervals overlap
a lot are not reliably ranked.
*/
// cell: departments
var departments = cube.SegmentsBy("department")
    .Select(segment => (Segment: segment, Tally: cube.Tally(segment)))
    .OrderByDescending(x => x.Tally.Score)
    .ToList();
for (int i = 0; i < departments.Count; i++)
{
    Console.WriteLine(Line(i + 1, departments[i].Segment, departments[i].Tally));
}
// end cell

/* md
## Top and bottom cells of the latest month

A month has about 850 answers over 25 department × region cells, so many cells sit near the minimum of 30 answers.
`Top` and `Bottom` rank only the cells with enough answers; the others are listed so nobody reads them as a result.
*/
// cell: latest
ReportingPeriod latest = cube.Periods[^1];
Console.WriteLine($"Latest month: {latest}");
Console.WriteLine("Top 3:");
IReadOnlyList<NpsCell> top = cube.Top(3, latest);
for (int i = 0; i < top.Count; i++)
{
    Console.WriteLine(Line(i + 1, top[i].Segment, top[i].Tally));
}

Console.WriteLine("Bottom 3:");
IReadOnlyList<NpsCell> bottom = cube.Bottom(3, latest);
for (int i = 0; i < bottom.Count; i++)
{
    Console.WriteLine(Line(i + 1, bottom[i].Segment, bottom[i].Tally));
}

var tooSmall = cube.Segments.Select(segment => cube.Cell(latest, segment)).Where(cell => cell.IsBelowMinimumCount).ToList();
Console.WriteLine($"Too small to rank (n < {cube.MinimumCount}): {tooSmall.Count} of {cube.Segments.Count} cells");
foreach (NpsCell cell in tooSmall)
{
    Console.WriteLine($"    {cell.Segment,-40} n = {cell.Tally.Count,6:N0}");
}
// end cell
