namespace Orleans.Transfer.Worker.Tests;

/// <summary>
/// A remote sink written only against the pipeline's contract: resumes where the receiver says, sends each write,
/// and counts bytes durable once the receiver acknowledged them. The receiver cannot tell lost bytes, so the intact
/// check is a no-op.
/// </summary>
internal sealed class FakeUploadSink(FakeUpload upload, string displayName) : ITransferSink
{
    private bool _open;

    public string DisplayName => displayName;

    public bool IsOpen => _open;

    public ValueTask<long> OpenAsync(long durableBytes, CancellationToken cancellationToken)
    {
        _open = true;
        return new ValueTask<long>(upload.Resume());
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, long position, CancellationToken cancellationToken)
    {
        upload.Receive(data.Span, position);
        return default;
    }

    public void Flush() => upload.Acknowledge();

    public TransferFailedException FlushFailed(Exception exception) => new(
        new TransferFailure(
            TransferErrorCode.ConnectionReset, ErrorContext.Transport, $"{displayName} did not acknowledge: {exception.Message}", HttpStatus: null, IsTransient: true),
        exception);

    public void Reset() => upload.Clear();

    public void EnsureIntact(long position)
    {
    }

    public void Replace()
    {
        upload.Clear();
        _open = true;
    }

    public void Dispose() => _open = false;
}
