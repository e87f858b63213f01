using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.Finishing;

/// <summary>Reads files on this machine's file systems with the owner's rights (<see cref="IOwnerFileSystem"/>).</summary>
internal sealed class LocalFileReader(IOwnerFileSystem files) : IFileReader
{
    public async Task<byte[]> ReadAllAsync(string? owner, string path, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        try
        {
            using var source = await files.OpenSourceAsync(owner, path, cancellationToken).ConfigureAwait(false);
            if (source.Size > maxBytes)
            {
                throw TooLarge(path, source.Size, maxBytes);
            }

            // One byte more than allowed tells a file that grew since it was opened from one that did not.
            var buffer = new byte[(int)source.Size + 1];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await RandomAccess.ReadAsync(source.Handle, buffer.AsMemory(read), read, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (read > maxBytes)
            {
                throw TooLarge(path, read, maxBytes);
            }

            return buffer.AsSpan(0, read).ToArray();
        }
        catch (OwnerFileException e)
        {
            throw new TransferJobException(e.Code, $"could not read '{path}': {e.Message}");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TransferJobException(TransferErrorCode.NotFound, $"'{path}' does not exist any more.");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new TransferJobException(TransferErrorCode.AccessDenied, $"could not read '{path}': {e.Message}");
        }
        catch (IOException e)
        {
            throw new TransferJobException(TransferErrorCode.LocalIoError, $"could not read '{path}': {e.Message}");
        }
    }

    private static TransferJobException TooLarge(string path, long size, int maxBytes) =>
        new(TransferErrorCode.TooLarge, $"'{path}' holds {size} bytes, more than the {maxBytes} read into memory; read the file instead.");
}
