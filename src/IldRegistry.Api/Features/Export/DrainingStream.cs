namespace IldRegistry.Api.Features.Export;

/// <summary>
/// A write-only stream that keeps what is written to it until <see cref="DrainAsync"/> passes it on. ZipArchive's
/// entry streams write their last compressed bytes synchronously when disposed, and Kestrel refuses synchronous
/// writes; between the zip and the response, this turns them into asynchronous ones. It holds at most what is written
/// between two drains (a few dozen records), never the whole export.
/// </summary>
internal sealed class DrainingStream(Stream target) : Stream
{
    private const int DrainAt = 64 * 1024;

    private readonly MemoryStream _pending = new();
    private long _drained;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _drained + _pending.Length;
        set => throw new NotSupportedException();
    }

    /// <summary>Writes what is pending to the target.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        if (_pending.Length == 0)
        {
            return;
        }

        await target.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
        _drained += _pending.Length;
        _pending.SetLength(0);
    }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _pending.Write(buffer.Span);
        if (_pending.Length >= DrainAt)
        {
            await DrainAsync(cancellationToken);
        }
    }

    // A synchronous flush cannot reach the target; what it would flush goes out with the next drain.
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
