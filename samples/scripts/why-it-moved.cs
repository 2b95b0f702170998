#!/usr/bin/env dotnet
// Why did NPS move: the change from September to October 2026 split by department into mix and performance, the comment
// themes (Danish and English) with their impact, and the key drivers among two 1–5 ratings.
// Run from any folder: dotnet run samples/scripts/why-it-moved.cs [-- path/to/feedback.csv]
// The notebook samples/notebooks/why-it-moved.ipynb is generated from this file (see samples/scripts/README.md).
#:project ../../src/NpsKit/NpsKit.csproj
#:project ../../src/NpsKit.Csv/NpsKit.Csv.csproj
#:project ../../src/NpsKit.Text/NpsKit.Text.csproj
#:property PublishAot=false

using System.Globalization;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Drivers;
using NpsKit.Text;

string scriptDirectory = (string)AppContext.GetData("EntryPointFileDirectoryPath")!;

/* md
# Why did the NPS move?

A score that fell 20 points needs reasons a manager can act on: which departments (did their own score fall, or did
more answers come from a department that always scores low?), which comment themes, which rated attributes. Each
answer below comes with an interval, and the tests are corrected for running many at once (Holm).
*/
// cell: load
string path = args.Length > 0 ? args[0] : Path.Combine(scriptDirectory, "..", "data", "feedback.csv"); // script only
// notebook: string path = Path.Combine("..", "data", "feedback.csv");
ResponseTable table = NpsCsv.ReadTable(path).Table;
NpsCube cube = NpsCube.FromTable(table, Segmentation.By("department"), new AggregationOptions { MinimumCount = 0 });
Console.WriteLine($"{table.Count:N0} answers, {table.CommentCount:N0} with a comment, {cube.Periods[0]} to {cube.Periods[^1]}");
// end cell

/* md
## Which departments: mix or performance

The change splits exactly into a mix part per department (its share of the answers changed) and a performance part
(its own NPS changed), Kitagawa's symmetric split.
*/
// cell: decomposition
ReportingPeriod september = cube.Periods[^2], october = cube.Periods[^1];
NpsChangeDecomposition change = ChangeDecomposition.Between(cube, september, october);
Console.WriteLine(change.Describe());
foreach (ChangePart part in change.Parts)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {part.Segment.ValueAt(0),-9} mix {part.Mix}   performance {part.Performance}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Parts sum to {change.Parts.Sum(p => p.Contribution):+0.0;-0.0} = the change {change.Change:+0.0;-0.0}"));
// end cell

/* md
## Which comment themes

The shipped English and Danish codebooks tag each comment; a theme's impact is how many points the NPS would gain if
those who mention it had answered like the other commenters.
*/
// cell: themes
var tagger = new ThemeTagger(Codebook.English, Codebook.Danish);
ThemeReport themes = ThemeAnalysis.Analyze(table, tagger);
foreach (ThemeStatistics theme in themes.Ranked().Take(3))
{
    Console.WriteLine(theme);
}

Console.WriteLine($"Untagged comments: {themes.Groups[0].Untagged:N0}; candidate themes: {string.Join(", ", themes.Candidates.Take(3).Select(c => $"\"{c.Phrase}\" ({c.Comments})"))}");
// end cell

/* md
## Which attributes

Each rating's share of the variance the ratings explain together (LMG, the Shapley value of R²), with a bootstrap
interval.
*/
// cell: drivers
int[] scores = [.. Enumerable.Range(0, table.Count).Select(r => (int)table.Scores[r])];
(string, IReadOnlyList<double>) Ratings(string column) =>
    (column, [.. Enumerable.Range(0, table.Count).Select(r => double.Parse(table.GetResponse(r).Segments[column], CultureInfo.InvariantCulture))]);
KeyDriverReport drivers = KeyDrivers.Analyze(scores, [Ratings("rating_delivery"), Ratings("rating_price")], new KeyDriverOptions { Resamples = 200 });
foreach (KeyDriver driver in drivers.Drivers)
{
    Console.WriteLine(driver);
}
// end cell
