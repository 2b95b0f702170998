#!/usr/bin/env dotnet
// eNPS report: the latest survey round per org unit with anonymity protection (groups below the minimum, and groups
// that would reveal them by subtraction, are suppressed with their reason) and the change since the previous round.
// Run from any folder: dotnet run samples/scripts/enps.cs [-- path/to/enps.csv]
// The notebook samples/notebooks/enps.ipynb is generated from this file (see samples/scripts/README.md).
#:project ../../src/NpsKit/NpsKit.csproj
#:project ../../src/NpsKit.Csv/NpsKit.Csv.csproj
#:property PublishAot=false

using NpsKit;
using NpsKit.Csv;
using NpsKit.Employee;

string scriptDirectory = (string)AppContext.GetData("EntryPointFileDirectoryPath")!;

/* md
# Employee NPS, without exposing anyone

"How likely are you to recommend us as a place to work?" is scored like customer NPS. What is different is that
people must not be identifiable: a team of three must not get a score, and neither may a team whose score could be
worked out by subtracting its visible siblings from their department. NpsKit suppresses both in the results
themselves, and says why for every hidden cell.

The bundled file has two rounds (May and November 2026) of about 590 employees in a company → division → department →
team tree, with a few small teams.
*/
// cell: load
string path = args.Length > 0 ? args[0] : Path.Combine(scriptDirectory, "..", "data", "enps.csv"); // script only
// notebook: string path = Path.Combine("..", "data", "enps.csv");
EnpsCsvResult data = EnpsCsv.Read(path, new EnpsCsvOptions { RootUnit = "Company" });
Console.WriteLine(data.Report);
foreach (EnpsCsvRound round in data.Rounds)
{
    Console.WriteLine(round);
}
// end cell

/* md
## The latest round

The policy is the usual one: at least 5 respondents for a score, 10 for comments. A suppressed cell has no score, no
shares and no count; its explanation names the rule, or the cell it protects.
*/
// cell: report
var policy = new AnonymityPolicy { MinimumRespondents = 5, MinimumCommentRespondents = 10 };
EnpsCsvRound latest = data.Rounds[^1];
EnpsReport report = EnpsReport.FromResponses(latest.Round, data.Units, latest.Responses, policy);
foreach (EnpsCell cell in report.Cells)
{
    string shown = cell.TryGetScore(out double score)
        ? $"eNPS {score,6:+0.0;-0.0;0.0}  n = {cell.RespondentCount}"
        : $"hidden: {cell.Explanation}";
    Console.WriteLine($"{cell.Key,-48} {shown}");
}

int hidden = report.Cells.Count(c => c.IsSuppressed);
Console.WriteLine($"{hidden} of {report.Cells.Count} groups hidden");
// end cell

/* md
## What changed since the previous round

Only groups shown in both rounds are compared. With groups of 10–80 people, a change of 15 points can still be noise:
the p-value says how often a difference this large would appear by chance.
*/
// cell: changes
EnpsCsvRound earlier = data.Rounds[^2];
EnpsReport before = EnpsReport.FromResponses(earlier.Round, data.Units, earlier.Responses, policy);
foreach (EnpsComparison change in report.CompareWith(before))
{
    NpsComparison test = change.Compare();
    string verdict = test.IsSignificant(0.05) ? "likely real" : "could be noise";
    Console.WriteLine($"{change.CellKey,-48} {test.Difference,6:+0.0;-0.0;0.0} points, {verdict} (p = {test.PValue:0.000})");
}
// end cell
