#!/usr/bin/env dotnet
// Period comparison: the last two complete quarters, overall and per department, with the difference, its 95%
// interval and p-value, said in words.
// Run from any folder: dotnet run samples/scripts/period-comparison.cs [-- path/to/responses.csv]
// The notebook samples/notebooks/period-comparison.ipynb is generated from this file (see samples/scripts/README.md).
#:project ../../src/NpsKit/NpsKit.csproj
#:project ../../src/NpsKit.Csv/NpsKit.Csv.csproj
#:property PublishAot=false

using NpsKit;
using NpsKit.Aggregation;
using NpsKit.Csv;

string scriptDirectory = (string)AppContext.GetData("EntryPointFileDirectoryPath")!;

/* md
# Did the NPS change from one quarter to the next?

Two quarters' scores always differ a little, because each quarter's answers are a sample. The two-sample test
(adjusted Wald) says how likely a difference at least this large would be if nothing had changed (the p-value), and
the 95% interval of the difference says which changes the data are compatible with.
*/
// cell: load
string path = args.Length > 0 ? args[0] : Path.Combine(scriptDirectory, "..", "data", "responses.csv"); // script only
// notebook: string path = Path.Combine("..", "data", "responses.csv");
CsvCubeResult result = NpsCsv.ReadCube(
    path,
    Segmentation.By("department"),
    new AggregationOptions { TimeZoneId = "Etc/UTC", Period = PeriodUnit.Quarter });
NpsCube cube = result.Cube;
Console.WriteLine(result.Report);

// The comparison in words: direction, size, both scores, and whether it is likely real at the 5% level.
string InWords(NpsComparison c)
{
    string direction = c.Difference switch { > 0 => "up", < 0 => "down", _ => "unchanged" };
    string verdict = c.IsSignificant(0.05) ? "likely real" : "could be noise";
    return $"{direction} {Math.Abs(c.Difference):0.0} points ({c.Baseline:+0.0;-0.0;0.0} → {c.Current:+0.0;-0.0;0.0}), "
        + $"{verdict}: p = {c.PValue:0.000}, 95% CI of the change {c.Interval.Lower:+0.0;-0.0} to {c.Interval.Upper:+0.0;-0.0}";
}
// end cell

/* md
## The two quarters

The data end in October 2026, so the last complete quarter is 2026 Q3; it is compared with 2026 Q2 and with the same
quarter a year earlier.
*/
// cell: overall
ReportingPeriod current = ReportingPeriod.Containing(new DateOnly(2026, 7, 1), PeriodUnit.Quarter);
ReportingPeriod previous = current.Previous();
NpsTally before = cube.Tally(previous, SegmentPath.Total);
NpsTally after = cube.Tally(current, SegmentPath.Total);
Console.WriteLine($"{previous}: {before}");
Console.WriteLine($"{current}: {after}");
Console.WriteLine($"Overall: {InWords(NpsTest.Compare(before, after))}");

// The same quarter a year earlier: seasonal effects cancel out.
ReportingPeriod yearAgo = ReportingPeriod.Containing(new DateOnly(2025, 7, 1), PeriodUnit.Quarter);
Console.WriteLine($"Year over year ({yearAgo} → {current}): {InWords(NpsTest.Compare(cube.Tally(yearAgo, SegmentPath.Total), after))}");
// end cell

/* md
## Per department

Each department has about a quarter of the answers, so its interval is about twice as wide: a change that is clear
overall can be within the noise for one department. With five departments tested at once, one "likely real" result
in twenty is expected by chance alone.
*/
// cell: departments
foreach (SegmentPath department in cube.SegmentsBy("department"))
{
    NpsComparison change = NpsTest.Compare(cube.Tally(previous, department), cube.Tally(current, department));
    Console.WriteLine($"{department.ValueAt(0),-11} {InWords(change)}");
}
// end cell
