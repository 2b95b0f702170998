using System.Text;

namespace NpsKit.Csv.Tests;

public class CsvProgressTests
{
    private sealed class Recorder : IProgress<CsvProgress>
    {
        public List<CsvProgress> Reports { get; } = [];

        public void Report(CsvProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Progress_LongInput_ReportedEvery16384RowsAndAtTheEnd()
    {
        var text = new StringBuilder("score\n");
        for (int i = 0; i < 40_000; i++)
        {
            text.Append(i % 11).Append('\n');
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        var recorder = new Recorder();
        NpsCsv.ReadTally(new MemoryStream(bytes), new CsvReadOptions { Progress = recorder }, "big.csv");

        Assert.Equal([16_384L, 32_768L, 40_000L], recorder.Reports.Select(r => r.RowsRead));
        Assert.All(recorder.Reports, r => Assert.Equal(bytes.Length, r.TotalBytes));
        Assert.Equal(bytes.Length, recorder.Reports[^1].BytesRead);
        Assert.True(recorder.Reports[^1].TryGetFraction(out double done));
        Assert.Equal(1.0, done);
        Assert.True(recorder.Reports[0].BytesRead < recorder.Reports[1].BytesRead);
        Assert.Equal("big.csv: 40,000 rows (100%)", recorder.Reports[^1].ToString());
    }

    [Fact]
    public void Progress_RecordReaders_ReportAtTheEnd()
    {
        var recorder = new Recorder();
        var options = new ContactCsvOptions { Read = new CsvReadOptions { Progress = recorder } };
        ContactCsv.ReadContacts(new StringReader("id\nC1\nC2\n"), options, "c.csv");
        CsvProgress last = Assert.Single(recorder.Reports);
        Assert.Equal(2, last.RowsRead);
        Assert.Null(last.TotalBytes);
        Assert.False(last.TryGetFraction(out _));
    }
}
