using System.Text;
using System.Xml;
using FsCheck;
using FsCheck.Fluent;
using NpsKit.Csv;
using NpsKit.Excel.Internal;
using NpsKit.TestUtilities;
using static NpsKit.Excel.Tests.SheetReaderTests;

namespace NpsKit.Excel.Tests;

/// <summary>The sheet XML tokenizer (<see cref="SheetXml"/>) on what XML allows and Excel, MiniExcel, the Open XML SDK
/// and LibreOffice write: entities and character references, CDATA, comments and processing instructions between cells,
/// prefixed elements, either quote, line endings; UTF-16 parts; malformed XML refused; and, as a property, any text
/// written by <see cref="XmlWriter"/> read back as it was.</summary>
public sealed class SheetXmlTests
{
    [Fact]
    public void EntitiesCdataCommentsAndQuotes_ReadAsTheText()
    {
        string path = ExcelWorkbook(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a&amp;b &lt;c&gt; &quot;q&quot; &apos;s&apos; &#228;&#x1F600;</t></is></c>"
            + "<!-- a comment --><?pi data?>"
            + "<c r='B1' t='inlineStr'><is><t><![CDATA[x<y&z]]></t></is></c>"
            + "<c r=\"C1\" t=\"inlineStr\"><is><t>one&#13;&#10;two\r\nthree\rfour</t></is></c>"
            + "<c  r = \"D1\"  t = \"s\" ><v>0</v></c>"
            + "<c r=\"E1\" t=\"str\" x:note=\"a>b\" xmlns:x=\"urn:x\"><v>ok</v></c></row>",
            ["<si><t>s&gt;1</t></si>"]);

        Assert.Equal("\"a&b <c> \"\"q\"\" 's' ä😀\",x<y&z,\"one\r\ntwo\nthree\nfour\",s>1,ok\n", SheetReaderTests.Csv(path));
    }

    /// <summary>One text node past <see cref="SheetXml.MaxTokenBytes"/> is refused with the reason, instead of growing the
    /// tokenizer's buffer without bound (it doubled until memory ran out).</summary>
    [Fact]
    public void OneTokenLongerThanTheLimit_IsRefusedWithTheReason()
    {
        string path = ExcelWorkbook("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + new string('x', SheetXml.MaxTokenBytes + 1) + "</t></is></c></row>", []);
        string message = Assert.Throws<NpsDataException>(() => NpsExcel.ReadTally(path)).Message;
        Assert.Contains("longer than 16 MiB", message, StringComparison.Ordinal);
    }

    [Fact]
    public void PrefixedElements_AsMiniExcelAndTheOpenXmlSdkWriteThem_AreRead()
    {
        string path = ExcelWorkbook(string.Empty, [], sheetXml:
            $"<x:worksheet xmlns:x=\"{Main}\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>score</x:t></x:is></x:c></x:row>"
            + "<x:row r=\"2\"><x:c r=\"A2\"><x:v>9</x:v></x:c></x:row></x:sheetData></x:worksheet>");
        Assert.Equal("score\n9\n", SheetReaderTests.Csv(path));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("iso-8859-1")]
    public void PartsInOtherEncodings_AreTranscoded(string encoding)
    {
        string path = ExcelWorkbook(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>København</t></is></c><c r=\"B1\" t=\"s\"><v>0</v></c></row>",
            ["<si><t>Århus</t></si>"],
            sheetEncoding: Encoding.GetEncoding(encoding));
        Assert.Equal("København,Århus\n", SheetReaderTests.Csv(path));
    }

    [Theory]
    [InlineData("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&nbsp;</t></is></c></row>", "&nbsp; is not defined")]
    [InlineData("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&#0;</t></is></c></row>", "not a valid XML character")]
    [InlineData("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a & b</t></is></c></row>", "starts no entity")]
    [InlineData("<row r=\"1\"><c r=\"A1\"><v>1</v></c>", "does not close the open element")]
    [InlineData("<row r=\"1\"><c r=A1><v>1</v></c></row>", "without quotes")]
    [InlineData("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", "past the last column")]
    public void MalformedSheets_AreRefusedWithTheReason(string sheetData, string reason)
    {
        string path = ExcelWorkbook(sheetData, []);
        string message = Assert.Throws<NpsDataException>(() => NpsExcel.ReadTally(path)).Message;
        Assert.Contains("the workbook cannot be read", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dtd_IsRefused()
    {
        string path = ExcelWorkbook(string.Empty, [], sheetXml:
            $"<!DOCTYPE worksheet [<!ENTITY e \"x\">]><worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>");
        Assert.Contains("DTD", Assert.Throws<NpsDataException>(() => NpsExcel.ReadTally(path)).Message, StringComparison.Ordinal);
    }

    /// <summary>The CSV reader asks for 64 KiB at a time; the sheet gave it one row per call (a 60-byte read per row, and
    /// the reader's per-block work done once a row).</summary>
    [Fact]
    public void Read_FillsTheCallersBuffer_NotOneRowPerCall()
    {
        string path = SurveyWorkbook(10_000);
        using SheetStream stream = SheetStream.Open(path, null);
        byte[] buffer = new byte[1 << 16];
        int first = stream.ReadAtLeast(buffer, 1);
        int second = stream.Read(buffer);
        Assert.True(second > 60_000, $"the second read returned {second} bytes (the first {first})");
    }

    /// <summary>Property: text of any characters (markup characters, line endings, tabs, non-ASCII, surrogate pairs), written
    /// by <see cref="XmlWriter"/> as shared or inline strings, with or without a prefix and comments between cells, reads
    /// back as the CSV field of that text.</summary>
    [Fact]
    public void AnyText_WrittenByXmlWriter_ReadsBackAsItWas()
    {
        Gen<string> text = Gen.ArrayOf(Gen.Elements("a", "Z", "0", " ", "<", ">", "&", "\"", "'", ",", "\r", "\n", "\r\n", "\t", "ø", "€", "😀", "]]>", ";", "&amp;"))
            .Select(parts => string.Concat(parts));
        Gen<(string[][] Rows, bool Shared, bool Prefix, bool Comments)> sheets =
            Gen.Zip(Gen.Choose(1, 4), Gen.Choose(1, 6)).SelectMany(size => Gen.ArrayOf(Gen.ArrayOf(text, size.Item1), size.Item2))
                .SelectMany(rows => Gen.Zip(Gen.Zip(Gen.Elements(true, false), Gen.Elements(true, false)), Gen.Elements(true, false)).Select(f => (rows, f.Item1.Item1, f.Item1.Item2, f.Item2)));
        PropertyRunner.Check(Prop.ForAll(Arb.From(sheets), sheet =>
        {
            string[][] rows = [[.. Enumerable.Range(0, sheet.Rows[0].Length).Select(i => $"h{i}")], .. sheet.Rows];
            var shared = new List<string>();
            string p = sheet.Prefix ? "x" : string.Empty;
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), NewLineHandling = NewLineHandling.Entitize };
            var xml = new StringBuilder();
            using (var writer = XmlWriter.Create(xml, settings))
            {
                writer.WriteStartElement(p, "worksheet", Main);
                writer.WriteStartElement(p, "sheetData", Main);
                for (int r = 0; r < rows.Length; r++)
                {
                    writer.WriteStartElement(p, "row", Main);
                    writer.WriteAttributeString("r", (r + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    for (int c = 0; c < rows[r].Length; c++)
                    {
                        writer.WriteStartElement(p, "c", Main);
                        writer.WriteAttributeString("r", $"{(char)('A' + c)}{r + 1}");
                        writer.WriteAttributeString("t", sheet.Shared ? "s" : "inlineStr");
                        if (sheet.Shared)
                        {
                            writer.WriteElementString(p, "v", Main, shared.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                            shared.Add(rows[r][c]);
                        }
                        else
                        {
                            writer.WriteStartElement(p, "is", Main);
                            writer.WriteElementString(p, "t", Main, rows[r][c]);
                            writer.WriteEndElement();
                        }

                        writer.WriteEndElement();
                        if (sheet.Comments)
                        {
                            writer.WriteComment(" between cells ");
                        }
                    }

                    writer.WriteEndElement();
                }
            }

            string sst = string.Concat(shared.Select(s =>
            {
                var item = new StringBuilder();
                using (var w = XmlWriter.Create(item, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment, NewLineHandling = NewLineHandling.Entitize }))
                {
                    w.WriteStartElement("si", Main);
                    w.WriteElementString("t", Main, s);
                    w.WriteEndElement();
                }

                return item.ToString().Replace($" xmlns=\"{Main}\"", string.Empty, StringComparison.Ordinal);
            }));
            string sheetXml = xml.ToString();
            sheetXml = sheetXml[(sheetXml.IndexOf("?>", StringComparison.Ordinal) + 2)..];
            string path = ExcelWorkbook(string.Empty, [sst], sheetXml: sheetXml);
            string expected = string.Concat(rows.Select(row => string.Join(",", row.Select(CsvField)) + "\n"));
            string actual = SheetReaderTests.Csv(path);
            File.Delete(path);
            return actual == expected;
        }), maxTest: 150);
    }

    /// <summary>Seeded fuzzing of the sheet XML: a valid sheet with bytes replaced, inserted or deleted is read or refused
    /// with <see cref="NpsDataException"/> (never another exception), in bounded time.</summary>
    [Fact]
    public void MutatedSheets_ReadOrAreRefused_WithOnlyTheDocumentedException()
    {
        string data = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>submitted_at</t></is></c><c r=\"C1\" t=\"str\"><v>region</v></c></row>"
            + string.Concat(Enumerable.Range(2, 40).Select(r => $"<row r=\"{r}\"><c r=\"A{r}\"><v>{r % 11}</v></c><c r=\"B{r}\" s=\"1\"><v>4609{r % 10}.5</v></c><c r=\"C{r}\" t=\"inlineStr\"><is><t>N&amp;{r}</t></is></c></row>"));
        string valid = $"<worksheet xmlns=\"{Main}\"><sheetData>{data}</sheetData></worksheet>";
        var rng = new SplitMix64(PropertyRunner.Seed);
        const string Alphabet = "<>/=\"'&;#x!?[]- \r\nacrtvs0123456789";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        int read = 0;
        for (int i = 0; i < 300; i++)
        {
            var mutated = new StringBuilder(valid);
            for (int m = 0, count = 1 + rng.NextInt(3); m < count; m++)
            {
                int at = rng.NextInt(mutated.Length);
                switch (rng.NextInt(3))
                {
                    case 0: mutated[at] = Alphabet[rng.NextInt(Alphabet.Length)]; break;
                    case 1: mutated.Insert(at, Alphabet[rng.NextInt(Alphabet.Length)]); break;
                    default: mutated.Remove(at, 1 + rng.NextInt(Math.Min(8, mutated.Length - at))); break;
                }
            }

            string path = ExcelWorkbook(string.Empty, ["<si><t>score</t></si>"], cellXfs: "<xf numFmtId=\"0\"/><xf numFmtId=\"22\"/>", sheetXml: mutated.ToString());
            try
            {
                NpsExcel.ReadTally(path, new CsvReadOptions { TimeZone = "Etc/UTC", Mode = CsvReadMode.Lenient });
                read++;
            }
            catch (NpsDataException)
            {
            }
            finally
            {
                File.Delete(path);
            }
        }

        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), $"300 mutated sheets took {watch.Elapsed}");
        Assert.InRange(read, 1, 299); // some mutations leave a readable sheet, most do not
    }

    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The encodings of the theory above: UTF-16 (both orders) is what XML allows besides UTF-8; Latin-1 is named
    /// in the declaration.</summary>
    [Fact]
    public void EncodingOf_ReadsTheByteOrderMarkAndTheDeclaration()
    {
        Assert.Null(XlsxWorkbook.EncodingOf("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>"u8));
        Assert.Null(XlsxWorkbook.EncodingOf("<a/>"u8));
        Assert.Equal(Encoding.Unicode, XlsxWorkbook.EncodingOf((ReadOnlySpan<byte>)[0xFF, 0xFE, (byte)'<', 0]));
        Assert.Equal(Encoding.Latin1.WebName, XlsxWorkbook.EncodingOf("<?xml version='1.0' encoding='ISO-8859-1'?>"u8)!.WebName);
        Assert.Throws<FormatException>(() => XlsxWorkbook.EncodingOf("<?xml version='1.0' encoding='x-unknown'?>"u8));
    }
}
