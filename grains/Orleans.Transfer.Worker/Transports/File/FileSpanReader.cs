using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Worker;

/// <summary>Reads a local file from an offset on; the file ending early is a failure, not the end of the data.</summary>
internal sealed class FileSpanReader(SafeFileHandle source, string path, long offset, ErrorContext context) : ISourceReader
{
    private long _offset = offset;

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int read;
        try
        {
            read = RandomAccess.Read(source, buffer.Span, _offset);
        }
        catch (IOException ex)
        {
            throw new TransferFailedException(FailureClassifier.ForLocal("read the source file", path, ex, context), ex);
        }

        if (read == 0)
        {
            throw new TransferFailedException(new TransferFailure(
                TransferErrorCode.LocalIoError,
                context,
                $"The source file {path} became shorter while it was copied; the job retries later.",
                HttpStatus: null,
                IsTransient: true));
        }

        _offset += read;
        return new ValueTask<int>(read);
    }
}
