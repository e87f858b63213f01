using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Testing.FakeTransport;

/// <summary>Reads a fake file from an offset on; a pending drop fails the attempt or the run.</summary>
internal sealed class FakeReader(FakeFile file, long offset) : ISourceReader
{
    private long _offset = offset;

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var count = (int)Math.Min(buffer.Length, file.Content.Length - _offset);
        if (file.TakeDrop(_offset, _offset + count) is { } quickRetry)
        {
            var failure = new TransferFailure(
                TransferErrorCode.ConnectionReset, ErrorContext.Transport, "The fake connection dropped.", HttpStatus: null, IsTransient: true);
            throw quickRetry ? new TransientNetworkException(failure) : new TransferFailedException(failure);
        }

        file.Content.AsSpan((int)_offset, count).CopyTo(buffer.Span);
        _offset += count;
        return new ValueTask<int>(count);
    }
}
