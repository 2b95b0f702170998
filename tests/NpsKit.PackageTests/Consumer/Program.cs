using NpsKit;
using NpsKit.Csv;

// A user's first program against the installed packages.
NpsTally tally = NpsTally.FromScores(new byte[] { 10, 9, 9, 8, 7, 6, 3, 10, 9, 5 });
Console.WriteLine(tally);
Console.WriteLine($"category of 9: {Nps.Classify(9)}");
Console.WriteLine($"merged: {tally + NpsTally.FromCounts(promoters: 0, passives: 0, detractors: 10)}");
CsvTallyResult csv = NpsCsv.ReadTally(new StringReader("score;team\n10;A\n8;B\n9 - likely;A\n3;B\n"), new CsvReadOptions { Mode = CsvReadMode.Lenient });
Console.WriteLine($"csv: {csv.Tally} from {csv.Report}");
return tally.Score == 20.0 ? 0 : 3;
