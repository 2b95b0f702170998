using System.Globalization;
using System.Text;
using FsCheck.Fluent;
using NpsKit.Aggregation;
using NpsKit.TestUtilities;
using static NpsKit.Csv.Tests.CsvTestHelpers;

namespace NpsKit.Csv.Tests;

/// <summary>Issue #13 item 6: quotes that cannot eat a file.</summary>
public sealed class QuotingTests
{
    /// <summary>200 good rows; every tenth has a properly quoted comment with a comma and a doubled quote.</summary>
    private static List<string> GoodLines()
    {
        var lines = new List<string>();
        for (int i = 0; i < 200; i++)
        {
            string comment = i % 10 == 0 ? "\"Fine, \"\"mostly\"\"\"" : "ok";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"r{i},2026-0{1 + (i % 3)}-1{i % 10}T10:00:00Z,{(i % 2 == 0 ? "Sales" : "Support")},{i % 11},{comment}"));
        }

        return lines;
    }

    private const string Header = "respondent,submitted_at,segment,score,comment";

    private static string Join(IEnumerable<string> lines) => Header + "\n" + string.Join("\n", lines) + "\n";

    [Theory]
    [InlineData(0)]
    [InlineData(57)]
    [InlineData(150)]
    [InlineData(199)]
    public void StrayQuoteAtTheStartOfAField_CostsOnlyItsRecord(int row)
    {
        List<string> lines = GoodLines();
        lines[row] = lines[row].Replace(",Sa", ",\"Sa", StringComparison.Ordinal).Replace(",Su", ",\"Su", StringComparison.Ordinal);
        CsvTallyResult result = Read(Join(lines), Lenient);
        Assert.Equal(199, result.Report.RowsAccepted);
        BadRow bad = Assert.Single(result.Report.BadRows);
        Assert.Equal(BadRowReason.MalformedQuoting, bad.Reason);
        Assert.Equal(row + 2, bad.LineNumber);
        NpsDataException ex = Assert.Throws<NpsDataException>(() => Read(Join(lines)));
        Assert.Equal(row + 2, ex.BadRow!.LineNumber);
    }

    [Fact]
    public void UnclosedQuote_InALargeFile_CostsOneRecordAndLittleMemory()
    {
        // What reading allocates beyond its input must not grow with what follows the quote: 300 000 more rows after
        // it (4.2 MB of UTF-8) may cost their own UTF-8 copy, not copies of a record swallowing them.
        (long small, long smallRows) = AllocatedReadingUnclosedQuote(300_000);
        (long large, long largeRows) = AllocatedReadingUnclosedQuote(600_000);
        Assert.Equal(300_000, smallRows);
        Assert.Equal(600_000, largeRows);
        Assert.True(large - small < 8_000_000, $"{small:N0} bytes allocated for 300 000 rows after the quote, {large:N0} for 600 000");
    }

    private static (long Allocated, long Accepted) AllocatedReadingUnclosedQuote(int rowsAfter)
    {
        var sb = new StringBuilder("respondent,score,comment\n");
        sb.Append("first,9,\"this quote never closes\n");
        for (int i = 0; i < rowsAfter; i++)
        {
            sb.Append('r').Append(i).Append(",7,fine\n");
        }

        string text = sb.ToString();
        long before = GC.GetAllocatedBytesForCurrentThread(); // this thread only: other tests run in parallel in the same process
        CsvTallyResult result = Read(text, Lenient);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2, Assert.Single(result.Report.BadRows).LineNumber);
        return (allocated, result.Report.RowsAccepted);
    }

    [Fact]
    public void QuotedFieldPastTheMaximumLength_IsOneBadRecord()
    {
        string longComment = new('x', 5_000);
        string text = $"score,comment\n9,\"{longComment}\"\n7,\"short\"\n8,plain\n";
        CsvTallyResult result = Read(text, new CsvReadOptions { Mode = CsvReadMode.Lenient, MaxFieldLength = 1_000 });
        Assert.Equal(NpsTally.FromScores([7, 8]), result.Tally);
        BadRow bad = Assert.Single(result.Report.BadRows);
        Assert.Equal((2L, BadRowReason.MalformedQuoting), (bad.LineNumber, bad.Reason));
        Assert.Equal(NpsTally.FromScores([9, 7, 8]), Read(text).Tally); // the default 1 MiB takes it
    }

    [Fact]
    public void MaxFieldLength_MustBePositive()
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => Read("score\n9\n", new CsvReadOptions { MaxFieldLength = 0 }));
        Assert.Contains("MaxFieldLength", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sa\"les")]
    [InlineData("Sales\"")]
    [InlineData("5\" screen")]
    public void UnquotedFieldWithAQuote_IsReadLiterallyInStrictMode(string segment)
    {
        string text = $"submitted_at,segment,score\n2026-01-05T10:00:00Z,{segment},9\n2026-01-06T10:00:00Z,Support,3\n";
        CsvCubeResult result = NpsCsv.ReadCube(new MemoryStream(Encoding.UTF8.GetBytes(text)), Segmentation.By("segment"), new AggregationOptions { TimeZoneId = "Etc/UTC" });
        Assert.Contains(segment, result.Cube.Cells().Select(c => c.Segment.ToString()).First(s => s.Contains('"', StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(2, result.Report.RowsAccepted);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    public void HyperlinkFormulaSegment_ReadsInStrictModeAndIsNeutralisedOnOutput(char delimiter)
    {
        const string formula = "=HYPERLINK(\"http://x\",\"y\")";
        string text = $"submitted_at{delimiter}segment{delimiter}score\n2026-01-05T10:00:00Z{delimiter}{formula}{delimiter}9\n";
        CsvCubeResult result = NpsCsv.ReadCube(new MemoryStream(Encoding.UTF8.GetBytes(text)), Segmentation.By("segment"), new AggregationOptions { TimeZoneId = "Etc/UTC" });
        Assert.Equal(1, result.Report.RowsAccepted);
        var output = new StringWriter();
        NpsCsv.WriteCube(output, result.Cube);
        Assert.DoesNotContain("\n=HYPERLINK", output.ToString().Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("," + formula, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("HYPERLINK", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedNewlines_StillOneRecord_AndLineNumbersAfterThemExact()
    {
        string text = "score,comment\n9,\"one\ntwo\r\nthree\"\n7,x\n11,y\n\n8,\"a \"\"quoted\"\" word\"\n12,z\n";
        CsvTallyResult result = Read(text, Lenient);
        Assert.Equal(NpsTally.FromScores([9, 7, 8]), result.Tally);
        Assert.Equal([6L, 9L], result.Report.BadRows.Select(b => b.LineNumber));
    }

    [Fact]
    public void TextAfterAClosingQuote_CostsOnlyItsRecord()
    {
        CsvTallyResult result = Read("score,comment\n9,\"ab\"c\n7,x\n", Lenient);
        Assert.Equal(NpsTally.FromScores([7]), result.Tally);
        Assert.Equal((2L, BadRowReason.MalformedQuoting), (result.Report.BadRows[0].LineNumber, result.Report.BadRows[0].Reason));
    }

    [Fact]
    public void OneInsertedQuote_NeverLosesAnotherLine() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(0, 199)), Arb.From(Gen.Choose(0, 4)), Arb.From(Gen.Choose(0, 1)), (row, field, where) =>
        {
            List<string> lines = GoodLines();
            string[] fields = lines[row].Split(',');
            int f = Math.Min(field, fields.Length - 1);
            fields[f] = where == 0 ? "\"" + fields[f] : fields[f] + "\"";
            lines[row] = string.Join(',', fields);
            CsvTallyResult result = Read(Join(lines), Lenient);
            return result.Report.RowsAccepted >= 199 && result.Report.BadRows.All(b => b.LineNumber == row + 2);
        }),
        maxTest: 400);

    /// <summary>Issue #13's property in general: any one data line mutated (a few edits of it, or the whole line replaced)
    /// with the characters that break records — quotes, both delimiters, tabs, spaces, a formula's signs, digits — loses no
    /// other row. A lenient read counts every other line's answer exactly (and the mutated line's at most once) and reports
    /// only that line; a strict read gives the same tally, or refuses naming that line.</summary>
    [Fact]
    public void AnyOneMutatedLine_NeverLosesAnotherRow() => PropertyRunner.Check(
        Prop.ForAll(
            Arb.From(Gen.Zip(Gen.Zip(Gen.Choose(0, 199), Gen.Elements(true, false)), Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 2), Gen.Zip(Gen.Choose(0, 1000), Gen.Elements("\"\",;\t =()+-@9a0T:Z".ToCharArray()))), n)))),
            input =>
            {
                ((int row, bool replace), (int Kind, (int At, char Char))[] edits) = input;
                List<string> lines = GoodLines();
                var line = new StringBuilder(replace ? string.Empty : lines[row]);
                foreach ((int kind, (int at, char c)) in edits)
                {
                    int where = line.Length == 0 ? 0 : at % (line.Length + (kind == 0 ? 1 : 0));
                    switch (line.Length == 0 ? 0 : kind)
                    {
                        case 0:
                            line.Insert(Math.Min(where, line.Length), c);
                            break;
                        case 1:
                            line[where] = c;
                            break;
                        default:
                            line.Remove(where, 1);
                            break;
                    }
                }

                lines[row] = line.ToString();
                NpsTally others = NpsTally.FromScores([.. Enumerable.Range(0, 200).Where(i => i != row).Select(i => i % 11)]);
                bool Kept(NpsTally read) => read == others || Enumerable.Range(0, 11).Any(s => read == others + NpsTally.FromScores([s]));

                string text = Join(lines);
                CsvTallyResult lenient = Read(text, Lenient);
                if (!Kept(lenient.Tally) || lenient.Report.BadRows.Any(b => b.LineNumber != row + 2))
                {
                    throw new InvalidOperationException($"line {row + 2} as '{lines[row]}': read {lenient.Tally}, bad rows at {string.Join(", ", lenient.Report.BadRows.Select(b => b.LineNumber))}");
                }

                try
                {
                    return Kept(Read(text).Tally);
                }
                catch (NpsDataException e)
                {
                    return e.BadRow is { } bad && bad.LineNumber == row + 2;
                }
            }),
        maxTest: 500);
}
