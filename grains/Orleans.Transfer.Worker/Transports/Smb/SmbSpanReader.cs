namespace Orleans.Transfer.Worker;

/// <summary>Reads a file on a share from an offset on; the file ending early means it changed, not the end of the data.</summary>
internal sealed class SmbSpanReader(ISmbFile file, SmbRemote remote, long offset) : ISourceReader
{
    private long _offset = offset;

    /// <summary>
    /// The file changed while it was read: the attempt fails (transient, quick retry), and the next one sees the new
    /// size or last-write time and starts the file again.
    /// </summary>
    public static TransientNetworkException Changed(string url, string detail) => new(new TransferFailure(
        TransferErrorCode.InvalidServerResponse,
        ErrorContext.RemoteFile,
        $"The file {url} changed on the share while it was downloaded ({detail}); it is downloaded again from the start.",
        HttpStatus: null,
        IsTransient: true));

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int read;
        try
        {
            read = await file.ReadAsync(buffer, _offset, cancellationToken).ConfigureAwait(false);
        }
        catch (SmbException ex)
        {
            throw remote.Fail("read", ex);
        }

        if (read == 0)
        {
            throw Changed(remote.Url, $"it ended at byte {_offset}, before the size it had when opened");
        }

        _offset += read;
        return read;
    }
}
