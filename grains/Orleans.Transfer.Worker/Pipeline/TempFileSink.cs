using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Worker;

/// <summary>A download's hidden temp file in the destination directory.</summary>
internal sealed class TempFileSink(string path) : ITransferSink
{
    private SafeFileHandle? _file;

    public string DisplayName => path;

    public bool IsOpen => _file is not null;

    private SafeFileHandle File => _file ?? throw new InvalidOperationException("The temp file is not open.");

    public ValueTask<long> OpenAsync(long durableBytes, CancellationToken cancellationToken)
    {
        try
        {
            _file = System.IO.File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            var kept = durableBytes > 0 && RandomAccess.GetLength(_file) >= durableBytes;

            // Bytes past the checkpoint may not have reached the disk before a crash: drop them. Without a checkpoint,
            // or when the temp file lost bytes under us, the file starts again from zero.
            RandomAccess.SetLength(_file, kept ? durableBytes : 0);
            return new ValueTask<long>(kept ? durableBytes : 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure("open the temp file", ex);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, long position, CancellationToken cancellationToken)
    {
        try
        {
            await RandomAccess.WriteAsync(File, data, position, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure("write the temp file", ex);
        }
    }

    public void Flush() => RandomAccess.FlushToDisk(File);

    public TransferFailedException FlushFailed(Exception exception) => Failure("flush the temp file", exception);

    public void Reset()
    {
        try
        {
            RandomAccess.SetLength(File, 0);
        }
        catch (IOException ex)
        {
            throw Failure("truncate the temp file", ex);
        }
    }

    /// <summary>
    /// On Unix the temp file can be deleted or replaced under our open handle; writing on would complete a file that
    /// no longer exists at the temp path, so every checkpoint checks that the path still holds our bytes.
    /// </summary>
    public void EnsureIntact(long position)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw Lost("the temp file was deleted");
        }

        if (info.Length != position)
        {
            throw Lost($"the temp file was changed ({info.Length} bytes on disk, {position} written)");
        }
    }

    public void Replace()
    {
        _file?.Dispose();
        _file = null;
        try
        {
            _file = System.IO.File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure("recreate the temp file", ex);
        }
    }

    public void Dispose() => _file?.Dispose();

    private static SinkLostException Lost(string reason) => new(reason, TransferErrorCode.TempFileLost, ErrorContext.LocalFile);

    private TransferFailedException Failure(string action, Exception exception) =>
        new(FailureClassifier.ForLocal(action, path, exception, ErrorContext.LocalFile), exception);
}
