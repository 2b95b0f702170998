using System.Globalization;
using System.Text;
using NpsKit.Aggregation;
using static NpsKit.Csv.Tests.CsvTestHelpers;

namespace NpsKit.Csv.Tests;

/// <summary>Issue #13 priority 1: the two silent wrong numbers (dd-mm read as mm-dd; Windows-1252 read as UTF-8), and
/// the encoding and date-order decisions that replace them.</summary>
public sealed class SurveyExportEncodingAndDateTests
{
    private static readonly AggregationOptions Monthly = new() { Period = PeriodUnit.Month, TimeZoneId = "Europe/Copenhagen" };

    private static CsvCubeResult Cube(string text, CsvReadOptions? options = null) =>
        NpsCsv.ReadCube(new MemoryStream(Encoding.UTF8.GetBytes(text)), Segmentation.Total, Monthly, options ?? new CsvReadOptions { TimeZone = "Europe/Copenhagen" }, "test.csv");

    [Fact]
    public void DayFirstDates_AreDecidedFromTheFile_NotReadMonthFirst()
    {
        // Defect: under the invariant culture 03-04-2026 was read as 4 March and 14-03-2026 rejected.
        string text = "score,date\n9,03-04-2026 10:00\n7,14-03-2026 09:12\n0,02-03-2026 08:00\n";
        CsvCubeResult result = Cube(text);
        Assert.Equal(DateOrder.DayFirst, result.Report.DateOrder);
        Assert.Contains("line 3", result.Report.DateOrderEvidence);
        var months = result.Cube.Periods.Select(p => p.ToString()).ToArray();
        Assert.Equal(["2026-03", "2026-04"], months);
        Assert.Equal(1, result.Cube.Tally(result.Cube.Periods[1], default).Count); // 3 April
        Assert.Equal(2, result.Cube.Tally(result.Cube.Periods[0], default).Count); // 14 and 2 March
    }

    [Fact]
    public void MonthFirstDates_AreDecidedFromTheFile()
    {
        string text = "score,date\n9,03/04/2026 10:00 AM\n7,03/14/2026 9:12 PM\n";
        CsvCubeResult result = Cube(text);
        Assert.Equal(DateOrder.MonthFirst, result.Report.DateOrder);
        Assert.Equal(["2026-03"], result.Cube.Periods.Select(p => p.ToString()));
    }

    [Fact]
    public void AmbiguousFile_IsRefusedNamingTheOption_InBothModes()
    {
        string text = "score,date\n9,03/04/2026\n7,05/06/2026\n";
        foreach (CsvReadMode mode in new[] { CsvReadMode.Strict, CsvReadMode.Lenient })
        {
            var ex = Assert.Throws<NpsDataException>(() => Cube(text, new CsvReadOptions { TimeZone = "Europe/Copenhagen", Mode = mode }));
            Assert.Contains("DateOrder", ex.Message);
            Assert.Contains("line 2", ex.Message);
        }
    }

    [Fact]
    public void MixedOrders_AreRefused_EvenInLenientMode()
    {
        string text = "score,date\n9,25/03/2026\n7,03/25/2026\n";
        var ex = Assert.Throws<NpsDataException>(() => Cube(text, new CsvReadOptions { TimeZone = "Europe/Copenhagen", Mode = CsvReadMode.Lenient }));
        Assert.Contains("mixes date orders", ex.Message);
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public void YearFirstSlashDates_NeedNoOrder()
    {
        // Found by the corpus fuzz: a yyyy/mm/dd date, with no order decided, threw an InvalidOperationException.
        var table = NpsCsv.ReadTable(new StringReader("score,date\n9,2026/03/14 10:00\n"), new CsvReadOptions { TimeZone = "Etc/UTC" }).Table;
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 10, 0, 0, TimeSpan.Zero).UtcTicks, table.UtcTicks[0]);
    }

    [Fact]
    public void GivenOrderOrCulture_Decides()
    {
        string text = "score,date\n9,03/04/2026\n";
        Assert.Equal("2026-04", Cube(text, new CsvReadOptions { TimeZone = "Europe/Copenhagen", DateOrder = DateOrder.DayFirst }).Cube.Periods.Single().ToString());
        Assert.Equal("2026-03", Cube(text, new CsvReadOptions { TimeZone = "Europe/Copenhagen", DateOrder = DateOrder.MonthFirst }).Cube.Periods.Single().ToString());
        Assert.Equal("2026-04", Cube(text, new CsvReadOptions { TimeZone = "Europe/Copenhagen", Culture = new CultureInfo("da-DK") }).Cube.Periods.Single().ToString());
        Assert.Equal("2026-03", Cube(text, new CsvReadOptions { TimeZone = "Europe/Copenhagen", Culture = new CultureInfo("en-US") }).Cube.Periods.Single().ToString());
        Assert.Equal("2026-04", Cube(text, new CsvReadOptions { TimeZone = "Europe/Copenhagen", DateFormats = ["dd/MM/yyyy"] }).Cube.Periods.Single().ToString());
    }

    [Theory]
    [InlineData("2024-03-04 01:04:43 UTC", "2024-03-04T01:04:43")]
    [InlineData("2024-03-04T01:04:43Z", "2024-03-04T01:04:43")]
    [InlineData("2024-03-04 01:04:43+00:00", "2024-03-04T01:04:43")]
    [InlineData("1709514283", "2024-03-04T01:04:43")]
    [InlineData("1709514283000", "2024-03-04T01:04:43")]
    public void TimesAsToolsWriteThem_AreReadAsInstants(string value, string utc)
    {
        var table = NpsCsv.ReadTable(new StringReader($"score,time\n9,{value}\n")).Table;
        Assert.Equal(DateTimeOffset.Parse(utc + "Z", CultureInfo.InvariantCulture).UtcTicks, table.UtcTicks[0]);
    }

    /// <summary>Numbers are read as times by their width only where it is unambiguous (10 digits Unix seconds, 13 Unix
    /// milliseconds, 5 an Excel serial); any other width is a bad time, never a guess, until a format entry says what it
    /// is — and an entry decides even where the width would say otherwise.</summary>
    [Theory]
    [InlineData("999999999", "unix", "2001-09-09T01:46:39")]
    [InlineData("1709514283", "unix-ms", "1970-01-20T18:51:54.283")]
    [InlineData("45355", "unix", "1970-01-01T12:35:55")]
    [InlineData("100", "excel", "1900-04-09T00:00:00")]
    [InlineData("1709514283000", "unix-ms", "2024-03-04T01:04:43")]
    public void NumericTimes_OfAnAmbiguousWidth_NeedTheirFormat_WhichAlwaysDecides(string value, string format, string utc)
    {
        string text = $"score,time\n9,{value}\n";
        var inUtc = new CsvReadOptions { TimeZone = "Etc/UTC" };
        CsvTableResult read = NpsCsv.ReadTable(new StringReader(text), inUtc with { DateFormats = [format] });
        Assert.Equal(DateTimeOffset.Parse(utc + "Z", CultureInfo.InvariantCulture).UtcTicks, read.Table.UtcTicks[0]);
        if (value.Length is not (5 or 10 or 13))
        {
            NpsDataException refused = Assert.Throws<NpsDataException>(() => NpsCsv.ReadTable(new StringReader(text), inUtc));
            Assert.Equal(BadRowReason.TimeUnparsable, refused.BadRow?.Reason);
        }
    }

    [Fact]
    public void ExcelSerialDates_AreLocalTimes()
    {
        // 45355.5 is 2024-03-04 12:00 local; Copenhagen is UTC+1 then.
        var table = NpsCsv.ReadTable(new StringReader("score,time\n9,45355.5\n"), new CsvReadOptions { TimeZone = "Europe/Copenhagen" }).Table;
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 11, 0, 0, TimeSpan.Zero).UtcTicks, table.UtcTicks[0]);
    }

    [Fact]
    public void Windows1252File_IsDetected_AndSaidSo()
    {
        // Defect: "København" in Windows-1252 became the segment "K\uFFFDbenhavn".
        byte[] bytes = EncodingStageTestData.Windows1252("score,time,city\n9,2026-03-01T10:00Z,København\n7,2026-03-01T10:00Z,Århus\n");
        var table = NpsCsv.ReadTable(new MemoryStream(bytes), sourceName: "dk.csv");
        Assert.Equal("windows-1252", table.Report.Encoding);
        Assert.NotNull(table.Report.EncodingEvidence);
        Assert.Contains(table.Report.Warnings, w => w.Message.Contains("windows-1252", StringComparison.Ordinal));
        var cube = NpsCsv.ReadTally(new MemoryStream(bytes));
        Assert.Equal(2, cube.Tally.Count);
        var segments = NpsCsv.ReadTable(new MemoryStream(bytes)).Table;
        Assert.DoesNotContain(segments.SegmentValues("city"), v => v.Contains('\uFFFD'));
        Assert.Contains("København", segments.SegmentValues("city"));
    }

    [Fact]
    public void Utf8File_IsUtf8_WithNoWarning()
    {
        var result = ReadBytes(Encoding.UTF8.GetBytes("score,city\n9,København\n"));
        Assert.Equal("utf-8", result.Report.Encoding);
        Assert.Null(result.Report.EncodingEvidence);
        Assert.Empty(result.Report.Warnings);
    }

    [Fact]
    public void Utf16WithoutBom_IsDetected()
    {
        byte[] bytes = Encoding.Unicode.GetBytes("score,city\n9,København\n10,Odense\n");
        var result = ReadBytes(bytes);
        Assert.Equal(2, result.Tally.Count);
        Assert.Equal("utf-16LE", result.Report.Encoding);
        Assert.Equal(2, ReadBytes(Encoding.BigEndianUnicode.GetBytes("score,city\n9,København\n10,Odense\n")).Tally.Count);
    }

    [Fact]
    public void InvalidUtf8AfterTheExaminedPrefix_IsRefusedNamingTheEncodingOption()
    {
        var text = new StringBuilder("score,city\n");
        while (text.Length < 70_000)
        {
            text.Append("9,Odense\n");
        }

        byte[] head = Encoding.UTF8.GetBytes(text.ToString());
        byte[] bytes = [.. head, .. EncodingStageTestData.Windows1252("9,København\n")];
        var ex = Assert.Throws<NpsDataException>(() => ReadBytes(bytes, Lenient));
        Assert.Contains("not valid UTF-8", ex.Message);
        Assert.Contains("Encoding", ex.Message);
    }

    [Fact]
    public void NonLatinLegacyText_IsRefusedNotGuessed()
    {
        byte[] bytes = CodePagesEncodingProvider.Instance.GetEncoding(1251)!.GetBytes("score,city\n9,Москва\n");
        var ex = Assert.Throws<NpsDataException>(() => ReadBytes(bytes));
        Assert.Contains("Encoding", ex.Message);
        Assert.Equal(1, ReadBytes(bytes, new CsvReadOptions { Encoding = CodePagesEncodingProvider.Instance.GetEncoding(1251) }).Tally.Count);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, ".xlsx")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "PDF")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, ".xls")]
    public void NonTextFiles_AreNamedInTheError(byte[] magic, string named)
    {
        byte[] bytes = [.. magic, .. new byte[100]];
        var ex = Assert.Throws<NpsDataException>(() => ReadBytes(bytes, Lenient));
        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void ReplacementCharactersInTheText_AreWarnedAbout()
    {
        var result = Read("score,city\n9,K\uFFFDbenhavn\n");
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("U+FFFD", StringComparison.Ordinal));
    }
}

internal static class EncodingStageTestData
{
    public static byte[] Windows1252(string text) => CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text);
}
