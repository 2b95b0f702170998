using System.Text;
using Microsoft.Win32.SafeHandles;

namespace NpsKit.Csv.Internal;

/// <summary>
/// Something the engine reads once, or again: the date-order probe (<see cref="DateOrderProbe"/>) reads a prefix before
/// the counting pass, and <see cref="DuplicatePolicy.KeepLatest"/> reads everything twice.
/// </summary>
/// <remarks>
/// <para>The source is read once whatever the plan (<see cref="PlanReads"/>), except where the user asked for
/// <see cref="DuplicatePolicy.KeepLatest"/> on a file or a seekable stream, which are read again from the start. What a
/// read will be needed for again is kept in a <see cref="ReplaySpool"/> — in memory up to
/// <see cref="ReplaySpool.MemoryLimit"/>, beyond that in a temporary file — and the next read takes it from there, then
/// goes on in the source where the earlier read stopped. So a probe decided by the first lines costs a little memory;
/// one that has to read far costs a temporary file, never memory; and standard input, which cannot be read twice, is
/// never held in memory whole.</para>
/// <para>Disposing releases the spool (its temporary file is deleted) and any file the input opened; a stream given by
/// the caller is left open.</para>
/// </remarks>
internal abstract class CsvInput : IDisposable
{
    private int _reads = 1;
    private int _opened;
    private bool _probe;
    private ReplaySpool? _spool;

    public abstract string Source { get; }

    public abstract Utf8CsvReader Open(TokenizerSettings settings);

    /// <summary>The input's length in bytes when known (a file, a seekable stream), for progress.</summary>
    public virtual long? Length => null;

    /// <summary>The path when the input is a file (which parallel reading can read in parts).</summary>
    public virtual string? FilePath => null;

    /// <summary>What the encoding stage decided when the input was last opened; <see langword="null"/> for text input.</summary>
    public EncodingDecision? Encoding { get; private set; }

    /// <summary>Gets the spool of this input, if it needed one (for tests).</summary>
    internal ReplaySpool? Spool => _spool;

    /// <summary>Says how the input will be read: a date-order probe first (<paramref name="probe"/>), two full passes
    /// (<paramref name="keepLatest"/>), then the counting pass.</summary>
    public void PlanReads(bool probe, bool keepLatest)
    {
        _probe = probe;
        _reads = 1 + (probe ? 1 : 0) + (keepLatest ? 1 : 0);
    }

    public void Dispose() => _spool?.Dispose();

    /// <summary>The bytes of the next read: the source itself, or what an earlier read kept of it followed by the rest of
    /// the source. <paramref name="fresh"/> opens the source from its start (once only when it cannot be read twice).</summary>
    private protected Stream Next(Func<Stream> fresh, bool rereadable, bool ownsSource)
    {
        int read = _opened++;
        bool more = read + 1 < _reads;
        if (rereadable)
        {
            // A file or seekable stream: the probe's prefix is kept and read once more; every later read starts afresh.
            if (_probe && read == 0)
            {
                _spool = new ReplaySpool(fresh(), ownsSource, Source);
                return _spool.Open(record: true);
            }

            return _probe && read == 1 ? _spool!.Open(record: false) : fresh();
        }

        if (_reads == 1)
        {
            return fresh();
        }

        _spool ??= new ReplaySpool(fresh(), ownsSource, Source);
        return _spool.Open(record: more);
    }

    /// <summary>Runs the encoding stage (<see cref="EncodingStage"/>) over <paramref name="bytes"/> and opens the tokenizer on its output.</summary>
    private protected Utf8CsvReader OpenBytes(Stream bytes, TokenizerSettings settings, bool leaveOpen)
    {
        (Stream stream, EncodingDecision decision) = EncodingStage.Prepare(bytes, settings.Encoding, Source, leaveOpen);
        Encoding = decision;
        return (settings with { Encoding = decision.ForReader }).Open(stream, leaveOpen: false);
    }

    public static CsvInput FromPath(string path) => new PathInput(path);

    public static CsvInput FromStream(Stream stream, string source) => new StreamInput(stream, source);

    public static CsvInput FromText(TextReader reader, string source) => new TextInput(reader, source);

    private sealed class PathInput(string path) : CsvInput
    {
        public override string Source { get; } = Path.GetFileName(path);

        public override string? FilePath => path;

        public override long? Length => File.Exists(path) ? new FileInfo(path).Length : null;

        public override Utf8CsvReader Open(TokenizerSettings settings)
        {
            Stream bytes = Next(OpenFile, rereadable: true, ownsSource: true);

            // A spool's stream leaves the file open (the spool closes it); a fresh file is closed with its reader.
            return OpenBytes(bytes, settings, leaveOpen: false);
        }

        private FileStream OpenFile()
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new FileNotFoundException($"The CSV file '{path}' does not exist.", path, ex);
            }
        }
    }

    private sealed class StreamInput(Stream stream, string source) : CsvInput
    {
        private readonly long _start = stream.CanSeek ? stream.Position : -1;

        public override string Source => source;

        public override long? Length => stream.CanSeek ? stream.Length - _start : null;

        public override Utf8CsvReader Open(TokenizerSettings settings)
        {
            bool seekable = _start >= 0;
            Stream bytes = Next(
                () =>
                {
                    if (seekable)
                    {
                        stream.Position = _start;
                    }

                    return seekable ? stream : new KeepOpenStream(stream);
                },
                rereadable: seekable,
                ownsSource: false);

            // The caller's stream itself is left open; a spool's stream owns nothing.
            return OpenBytes(bytes, settings, leaveOpen: ReferenceEquals(bytes, stream));
        }
    }

    private sealed class TextInput(TextReader reader, string source) : CsvInput
    {
        public override string Source => source;

        public override Utf8CsvReader Open(TokenizerSettings settings)
        {
            // Text is UTF-16 already: it is handed to the tokenizer as UTF-8, whatever the options' encoding says.
            Stream bytes = Next(() => new TextUtf8Stream(reader), rereadable: false, ownsSource: true);
            return (settings with { Encoding = System.Text.Encoding.UTF8 }).Open(bytes, leaveOpen: false);
        }
    }

    /// <summary>A caller's forward-only stream, read through without being disposed.</summary>
    private sealed class KeepOpenStream(Stream inner) : ReadOnlyStream
    {
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
    }
}

/// <summary>
/// Keeps the bytes read from a source so they can be read again without reading the source again: the first
/// <see cref="MemoryLimit"/> bytes in memory, the rest in a temporary file (deleted when the spool is disposed). A
/// stream from <see cref="Open"/> reads what is kept, then goes on in the source — keeping what it reads when asked, so a
/// further read can follow. Memory does not grow past the limit, whatever the source's length.
/// </summary>
internal sealed class ReplaySpool(Stream source, bool ownsSource, string name) : IDisposable
{
    /// <summary>The most bytes kept in memory; past it, the spool writes to a temporary file.</summary>
    internal const int MemoryLimit = 1 << 20;

    private static long s_filesCreated;

    private readonly Stream _source = source;
    private byte[] _memory = new byte[64 << 10];
    private int _memoryLength;
    private SafeFileHandle? _file;
    private long _fileLength;
    private bool _sourceDone;
    private bool _detached;

    /// <summary>Gets how many temporary files spools have created (for tests).</summary>
    internal static long FilesCreated => Interlocked.Read(ref s_filesCreated);

    /// <summary>Gets how many bytes are kept.</summary>
    public long Length => _memoryLength + _fileLength;

    /// <summary>Gets the temporary file's path while the spool has one (for tests).</summary>
    internal string? FilePath { get; private set; }

    /// <summary>A stream of the kept bytes and then the rest of the source; with <paramref name="record"/>, what it reads
    /// from the source is kept too. A stream that does not record must be the last one opened.</summary>
    public Stream Open(bool record)
    {
        if (_detached)
        {
            throw new InvalidOperationException($"{name}: the input was read past what was kept for reading it again; this is a bug in NpsKit.Csv.");
        }

        return new Replay(this, record);
    }

    public void Dispose()
    {
        _file?.Dispose(); // FileOptions.DeleteOnClose removes it
        _file = null;
        if (ownsSource)
        {
            _source.Dispose();
        }
    }

    private void Keep(ReadOnlySpan<byte> data)
    {
        if (_file is null)
        {
            int room = MemoryLimit - _memoryLength;
            int take = Math.Min(room, data.Length);
            if (_memoryLength + take > _memory.Length)
            {
                Array.Resize(ref _memory, Math.Min(MemoryLimit, Math.Max(_memory.Length * 2, _memoryLength + take)));
            }

            data[..take].CopyTo(_memory.AsSpan(_memoryLength));
            _memoryLength += take;
            data = data[take..];
            if (data.IsEmpty)
            {
                return;
            }

            FilePath = Path.Combine(Path.GetTempPath(), $"npskit-{Guid.NewGuid():N}.spool");
            _file = File.OpenHandle(FilePath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
            Interlocked.Increment(ref s_filesCreated);
        }

        RandomAccess.Write(_file, data, _fileLength);
        _fileLength += data.Length;
    }

    private int ReadKept(long position, Span<byte> buffer)
    {
        if (position < _memoryLength)
        {
            int n = (int)Math.Min(buffer.Length, _memoryLength - position);
            _memory.AsSpan((int)position, n).CopyTo(buffer);
            return n;
        }

        long at = position - _memoryLength;
        int want = (int)Math.Min(buffer.Length, _fileLength - at);
        return RandomAccess.Read(_file!, buffer[..want], at);
    }

    private sealed class Replay(ReplaySpool spool, bool record) : ReadOnlyStream
    {
        private long _position;

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            if (_position < spool.Length)
            {
                int n = spool.ReadKept(_position, buffer);
                _position += n;
                return n;
            }

            if (spool._sourceDone)
            {
                return 0;
            }

            int read = spool._source.Read(buffer);
            if (read == 0)
            {
                spool._sourceDone = true;
                return 0;
            }

            if (record)
            {
                spool.Keep(buffer[..read]);
            }
            else
            {
                spool._detached = true;
            }

            _position += read;
            return read;
        }
    }
}

/// <summary>A read-only stream of the UTF-8 bytes of a <see cref="TextReader"/>'s text (the reader is not disposed).</summary>
internal sealed class TextUtf8Stream(TextReader reader) : ReadOnlyStream
{
    private readonly char[] _chars = new char[8192];
    private readonly byte[] _bytes = new byte[8192 * 3];
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
    private int _pos;
    private int _count;
    private bool _done;

    public override int Read(Span<byte> buffer)
    {
        while (_pos == _count)
        {
            if (_done)
            {
                return 0;
            }

            int n = reader.Read(_chars, 0, _chars.Length);
            _done = n == 0;
            _count = _encoder.GetBytes(_chars, 0, n, _bytes, 0, flush: _done);
            _pos = 0;
        }

        int take = Math.Min(buffer.Length, _count - _pos);
        _bytes.AsSpan(_pos, take).CopyTo(buffer);
        _pos += take;
        return take;
    }
}
