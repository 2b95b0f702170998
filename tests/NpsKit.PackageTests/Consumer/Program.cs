using NpsKit;
using NpsKit.Csv;
using NpsKit.Text;

// A user's first program against the installed packages.
NpsTally tally = NpsTally.FromScores(new byte[] { 10, 9, 9, 8, 7, 6, 3, 10, 9, 5 });
Console.WriteLine(tally);
Console.WriteLine($"category of 9: {Nps.Classify(9)}");
Console.WriteLine($"merged: {tally + NpsTally.FromCounts(promoters: 0, passives: 0, detractors: 10)}");
CsvTallyResult csv = NpsCsv.ReadTally(new StringReader("score;team\n10;A\n8;B\n9 - likely;A\n3;B\n"), new CsvReadOptions { Mode = CsvReadMode.Lenient });
Console.WriteLine($"csv: {csv.Tally} from {csv.Report}");
// NpsKit.Text: the shipped codebooks (embedded in the package) and the Snowball stemmers (Lucene.Net, restored as a dependency).
var tagger = new ThemeTagger(Codebook.English, Codebook.Danish);
string Themes(string comment) => string.Join(",", tagger.Tag(comment).Select(i => tagger.Themes[i].Id));
Console.WriteLine($"themes en: {Themes("Deliveries were late and the courier was rude")}");
Console.WriteLine($"themes da: {Themes("Leveringen var hurtig, men kundeservice var uhøflig")}");
return tally.Score == 20.0 ? 0 : 3;
