namespace Orleans.Transfer.Worker.Finishing;

/// <summary>
/// Reads a small finished file (an upload-reply job's reply, B107) into memory off the grain scheduler, with the
/// rights of the job's <c>owner</c>, so that the service hands a caller only what the owner may read itself.
/// </summary>
public interface IFileReader
{
    /// <summary>
    /// The whole of regular file <paramref name="path"/>. Throws <see cref="TransferJobException"/>: TooLarge when it
    /// holds more than <paramref name="maxBytes"/> bytes, NotFound when it is missing, AccessDenied when the owner may
    /// not read it, SourceNotRegularFile for a directory or device, LocalIoError otherwise; each naming the path.
    /// </summary>
    Task<byte[]> ReadAllAsync(string? owner, string path, int maxBytes, CancellationToken cancellationToken = default);
}
