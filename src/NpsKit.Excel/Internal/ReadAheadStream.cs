using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace NpsKit.Excel.Internal;

/// <summary>
/// Reads a forward-only stream ahead on another thread: a producer task fills a fixed number of fixed-size buffers from
/// the inner stream (for a sheet part, the inflating <c>DeflateStream</c>) while the caller consumes the ones already
/// filled, so inflating and tokenizing run on two cores at once. Memory is <c>buffers × bufferSize</c>, whatever the
/// length of the part: the producer waits when every buffer is full and unread.
/// </summary>
/// <remarks>An exception of the inner stream (a corrupt deflate block, an I/O error) is thrown by <see cref="Read(byte[], int, int)"/>
/// once the bytes before it are consumed, with its original type and stack. Disposing stops the producer and waits for it
/// before disposing the inner stream, which is never used by two threads at once.</remarks>
internal sealed class ReadAheadStream : Stream
{
    private readonly Stream _inner;
    private readonly BlockingCollection<byte[]> _free;
    private readonly BlockingCollection<(byte[] Buffer, int Count)> _full;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private readonly byte[][] _all;
    private ExceptionDispatchInfo? _failure;
    private byte[]? _current;
    private int _currentCount;
    private int _currentOffset;
    private bool _ended;
    private bool _disposed;

    /// <summary>Starts reading <paramref name="inner"/> ahead into <paramref name="buffers"/> buffers of <paramref name="bufferSize"/> bytes.</summary>
    public ReadAheadStream(Stream inner, int bufferSize = 1 << 16, int buffers = 4)
    {
        _inner = inner;
        _all = new byte[buffers][];
        _free = new BlockingCollection<byte[]>(new ConcurrentQueue<byte[]>(), buffers);
        _full = new BlockingCollection<(byte[], int)>(new ConcurrentQueue<(byte[], int)>(), buffers);
        for (int i = 0; i < buffers; i++)
        {
            _all[i] = ArrayPool<byte>.Shared.Rent(bufferSize);
            _free.Add(_all[i]);
        }

        _producer = Task.Factory.StartNew(Produce, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_current is null || _currentOffset == _currentCount)
        {
            if (_current is not null)
            {
                _free.Add(_current);
                _current = null;
            }

            if (_ended)
            {
                return 0;
            }

            if (!_full.TryTake(out (byte[] Buffer, int Count) next, Timeout.Infinite))
            {
                // The producer is done: the end of the part, or its failure.
                _ended = true;
                _failure?.Throw();
                return 0;
            }

            (_current, _currentCount, _currentOffset) = (next.Buffer, next.Count, 0);
        }

        int n = Math.Min(buffer.Length, _currentCount - _currentOffset);
        _current.AsSpan(_currentOffset, n).CopyTo(buffer);
        _currentOffset += n;
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
        if (disposing && !_disposed)
        {
            _disposed = true;
            _stop.Cancel();
            try
            {
                _producer.Wait();
            }
            catch (AggregateException)
            {
                // The producer ends by cancellation here; its own failures were handed to Read.
            }

            _inner.Dispose();
            _stop.Dispose();
            _free.Dispose();
            _full.Dispose();
            foreach (byte[] b in _all)
            {
                ArrayPool<byte>.Shared.Return(b);
            }
        }

        base.Dispose(disposing);
    }

    private void Produce()
    {
        try
        {
            while (true)
            {
                byte[] buffer = _free.Take(_stop.Token);
                int filled = _inner.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                if (filled == 0)
                {
                    break;
                }

                _full.Add((buffer, filled), _stop.Token);
                if (filled < buffer.Length)
                {
                    break; // ReadAtLeast stops short only at the end
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed before the end: nothing more is wanted.
        }
#pragma warning disable CA1031 // any failure of the inner stream is the consumer's, rethrown by Read with its type
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            _full.CompleteAdding();
        }
    }
}
