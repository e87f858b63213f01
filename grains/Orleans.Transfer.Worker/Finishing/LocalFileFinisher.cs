namespace Orleans.Transfer.Worker.Finishing;

/// <summary>Finishes files on this machine's file systems, on the thread pool.</summary>
internal sealed class LocalFileFinisher : IFileFinisher
{
    public Task MoveIntoPlaceAsync(string tempPath, string localPath, CancellationToken cancellationToken = default) =>
        Task.Run(
            () =>
            {
                try
                {
                    File.Move(tempPath, localPath, overwrite: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new TransferJobException(
                        TransferErrorCode.RenameFailed,
                        $"could not move '{tempPath}' to '{localPath}': {e.Message}");
                }
            },
            cancellationToken);

    public Task<Exception?> DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        Task.Run<Exception?>(
            () =>
            {
                try
                {
                    File.Delete(path);
                    return null;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return e;
                }
            },
            cancellationToken);
}
