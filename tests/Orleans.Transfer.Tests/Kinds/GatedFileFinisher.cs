using Orleans.Transfer.Worker;
using Orleans.Transfer.Worker.Finishing;

namespace Orleans.Transfer.Tests.Kinds;

/// <summary>
/// Finishes files for real, but a closed gate holds every move until the test opens it: a rename on a slow disk or a
/// network share. Records what it was asked to do.
/// </summary>
internal sealed class GatedFileFinisher : IFileFinisher
{
    private readonly TestGate _gate = new();

    public TaskCompletionSource MoveStarted => _gate.Reached;

    public List<string> Deleted { get; } = [];

    /// <summary>Holds moves from now on until <see cref="Release"/>.</summary>
    public void Close() => _gate.Close();

    public void Release() => _gate.Release();

    public async Task MoveIntoPlaceAsync(
        string? owner, string tempPath, string localPath, FileIdentity? expected = null, CancellationToken cancellationToken = default)
    {
        await _gate.PassAsync(cancellationToken).ConfigureAwait(false);
        await Task.Run(() => File.Move(tempPath, localPath, overwrite: true), cancellationToken).ConfigureAwait(false);
    }

    public Task<Exception?> DeleteAsync(string? owner, string path, CancellationToken cancellationToken = default)
    {
        lock (Deleted)
        {
            Deleted.Add(path);
        }

        File.Delete(path);
        return Task.FromResult<Exception?>(null);
    }
}
