using NpsKit.Excel.Internal;

namespace NpsKit.Excel.Tests;

/// <summary>The sheet part is inflated ahead on another thread (<see cref="ReadAheadStream"/>): the bytes come through
/// unchanged and in order, the inner stream's failure reaches the reader with its type, the read-ahead is bounded, and
/// disposing stops it.</summary>
public sealed class ReadAheadStreamTests
{
    [Theory]
    [InlineData(0, 7)]
    [InlineData(1, 1)]
    [InlineData(65_535, 4096)]
    [InlineData(65_536, 65_536)]
    [InlineData(1_000_003, 1)]
    [InlineData(1_000_003, 10_007)]
    public void Read_GivesTheInnerBytesInOrder(int length, int readSize)
    {
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);
        using var ahead = new ReadAheadStream(new MemoryStream(data), bufferSize: 4096, buffers: 3);

        var read = new MemoryStream();
        byte[] chunk = new byte[readSize];
        int n;
        while ((n = ahead.Read(chunk, 0, chunk.Length)) > 0)
        {
            read.Write(chunk, 0, n);
        }

        Assert.Equal(data, read.ToArray());
        Assert.Equal(0, ahead.Read(chunk, 0, chunk.Length));
    }

    [Fact]
    public void InnerFailure_IsThrownWithItsType_AfterTheBytesBeforeIt()
    {
        var inner = new FailingStream(10_000, new InvalidDataException("The archive entry was compressed using an unsupported compression method."));
        using var ahead = new ReadAheadStream(inner, bufferSize: 1024, buffers: 2);

        byte[] chunk = new byte[100];
        long total = 0;
        InvalidDataException e = Assert.Throws<InvalidDataException>(() =>
        {
            int n;
            while ((n = ahead.Read(chunk, 0, chunk.Length)) > 0)
            {
                total += n;
            }
        });

        Assert.Contains("unsupported compression method", e.Message, StringComparison.Ordinal);
        Assert.True(total >= 9 * 1024, $"only {total} bytes came through before the failure");
    }

    [Fact]
    public void ReadAhead_IsBounded_AndDisposeStopsItAndDisposesTheInnerStream()
    {
        var inner = new CountingStream(100 << 20);
        var ahead = new ReadAheadStream(inner, bufferSize: 1024, buffers: 4);
        byte[] one = new byte[1];
        Assert.Equal(1, ahead.Read(one, 0, 1));

        // The producer fills at most every buffer plus the one the reader holds, then waits.
        SpinWait.SpinUntil(() => inner.BytesRead >= 4 * 1024, TimeSpan.FromSeconds(5));
        Thread.Sleep(50);
        Assert.InRange(inner.BytesRead, 1024, 5 * 1024);

        ahead.Dispose();
        Assert.True(inner.Disposed);
        Assert.Throws<ObjectDisposedException>(() => ahead.Read(one, 0, 1));
    }

    [Fact]
    public void Workbook_ReadWithAndWithoutReadAhead_GivesTheSameTally()
    {
        string path = SheetReaderTestsWorkbook();
        NpsTally plain = NpsExcel.ReadTally(path, InUtc).Tally;
        SheetStream.ReadAhead = true;
        try
        {
            Assert.Equal(plain, NpsExcel.ReadTally(path, InUtc).Tally);
        }
        finally
        {
            SheetStream.ReadAhead = false;
        }

        Assert.Equal(3_000, plain.Count);
    }

    private static readonly NpsKit.Csv.CsvReadOptions InUtc = new() { TimeZone = "Etc/UTC" };

    private static string SheetReaderTestsWorkbook()
    {
        string path = Path.Combine(Path.GetTempPath(), $"npskit-readahead-{Guid.NewGuid():N}.xlsx");
        var rows = Enumerable.Range(0, 3_000).Select(i => new Dictionary<string, object>
        {
            ["score"] = i % 11,
            ["submitted_at"] = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i),
            ["region"] = i % 3 == 0 ? "North" : "South",
        });
        MiniExcelLibs.MiniExcel.SaveAs(path, rows);
        return path;
    }

    private sealed class FailingStream(int length, Exception failure) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= length)
            {
                throw failure;
            }

            int n = Math.Min(count, length - _position);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class CountingStream(long length) : Stream
    {
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        public bool Disposed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - BytesRead);
            Interlocked.Add(ref _read, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
