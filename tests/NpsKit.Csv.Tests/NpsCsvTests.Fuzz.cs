using System.Globalization;
using System.Text;
using FsCheck.Fluent;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

public partial class NpsCsvTests
{
    private static readonly string[] ValidLines = BuildValidLines();

    private static string[] BuildValidLines()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return SyntheticResponses.Generate(60, 99, start, 12)
            .Select(r => string.Join(',', r.RespondentId, r.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), r.Score, r.Region))
            .ToArray();
    }

    [Fact]
    public void Fuzz_RandomBytes_OnlyTheDocumentedExceptionType() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(0, 600)), (seed, length) =>
        {
            var rng = new SplitMix64((ulong)seed);
            byte[] bytes = new byte[length];
            for (int i = 0; i < bytes.Length; i++)
            {
                // Bias towards CSV-ish bytes so the parser gets deep, with some arbitrary ones.
                bytes[i] = rng.NextInt(4) == 0 ? (byte)rng.NextInt(256) : (byte)"score,id\n\"0123456789;-. \r\t"[rng.NextInt(26)];
            }

            foreach (CsvReadMode mode in new[] { CsvReadMode.Strict, CsvReadMode.Lenient })
            {
                try
                {
                    CsvTallyResult result = NpsCsv.ReadTally(new MemoryStream(bytes), new CsvReadOptions { Mode = mode });
                    if (result.Report.RowsRead != result.Report.RowsAccepted + result.Report.RowsRejected + result.Report.NonResponses || result.Tally.Count != result.Report.RowsAccepted)
                    {
                        return false;
                    }
                }
                catch (NpsDataException)
                {
                }
            }

            return true;
        }), maxTest: 300);

    [Fact]
    public void Fuzz_MutatedValidFile_LenientNeverLosesAGoodRow() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var rng = new SplitMix64((ulong)seed);
            var lines = new List<string> { "respondent_id,submitted_at,score,region" };
            var mutated = new HashSet<long>();
            NpsTally good = NpsTally.Empty;
            foreach (string line in ValidLines)
            {
                long lineNumber = lines.Count + 1;
                if (rng.NextInt(5) == 0)
                {
                    lines.Add(Mutate(line, rng));
                    mutated.Add(lineNumber);
                }
                else
                {
                    lines.Add(line);
                    good = good.AddScore(int.Parse(line.Split(',')[2], CultureInfo.InvariantCulture));
                }
            }

            string newline = rng.NextInt(2) == 0 ? "\n" : "\r\n";
            CsvTallyResult result = NpsCsv.ReadTally(
                new MemoryStream(Encoding.UTF8.GetBytes(string.Join(newline, lines))),
                new CsvReadOptions { Mode = CsvReadMode.Lenient, Delimiter = ',' });
            IngestReport r = result.Report;
            bool accounted = r.RowsRead == r.RowsAccepted + r.RowsRejected + r.NonResponses && r.RowsRead == ValidLines.Length;
            bool onlyMutatedRejected = r.BadRows.All(b => mutated.Contains(b.LineNumber));
            bool goodKept = Enumerable.Range(0, 11).All(s => result.Tally.CountOf(s) >= good.CountOf(s));
            if (!(accounted && onlyMutatedRejected && goodKept))
            {
                string badLines = string.Join("; ", r.BadRows.Where(b => !mutated.Contains(b.LineNumber)).Select(b => b + " <- " + lines[(int)b.LineNumber - 1]));
                throw new InvalidOperationException($"seed {seed}: accounted={accounted} ({r}), onlyMutatedRejected={onlyMutatedRejected} [{badLines}], goodKept={goodKept}, mutated lines: {string.Join(",", mutated.Select(m => m + ":" + lines[(int)m - 1]))}");
            }

            return true;
        }), maxTest: 150);

    private static string Mutate(string line, SplitMix64 rng)
    {
        char[] chars = line.ToCharArray();
        switch (rng.NextInt(5))
        {
            case 0: // garble some characters (no quotes or line breaks: those legitimately join lines)
                for (int k = 0; k < 3; k++)
                {
                    chars[rng.NextInt(chars.Length)] = "x9,;-.:/ Zé€"[rng.NextInt(12)];
                }

                return new string(chars);
            case 1: // drop a field
                int drop = rng.NextInt(4);
                return string.Join(',', line.Split(',').Where((_, i) => i != drop));
            case 2: // add a field
                return line + ",extra";
            case 3: // truncate
                return line[..(1 + rng.NextInt(line.Length - 1))]; // an empty line is no row at all
            default: // replace the score
                string[] fields = line.Split(',');
                fields[2] = new[] { "11", "-1", "7.5", string.Empty, "ten", "10 - Extremely likely" }[rng.NextInt(6)];
                return string.Join(',', fields);
        }
    }
}
