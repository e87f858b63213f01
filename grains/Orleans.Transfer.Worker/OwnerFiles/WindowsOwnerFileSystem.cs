using System.Runtime.Versioning;
using System.Security.Principal;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// <see cref="IOwnerFileSystem"/> on Windows, failing closed (unverified: no Windows machine runs these tests).
/// Impersonating an owner is not implemented: a service that runs privileged (SYSTEM or an elevated Administrator)
/// touches files only for jobs whose owner is its own account and refuses every other owner with AccessDenied; an
/// unprivileged service serves only its own user (as on Linux) and acts as itself. The service's own rules (regular
/// files only, no directory or reparse point replaced) apply either way.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsOwnerFileSystem : IOwnerFileSystem
{
    private readonly string? _serviceSid;
    private readonly bool _privileged;

    public WindowsOwnerFileSystem()
    {
        using var identity = WindowsIdentity.GetCurrent();
        _serviceSid = identity.User?.Value;
        _privileged = identity.IsSystem || new WindowsPrincipal(identity).IsInRole(WindowsBuiltInRole.Administrator);
    }

    public Task<SourceFile> OpenSourceAsync(string? owner, string path, CancellationToken cancellationToken) =>
        Run(owner, () =>
        {
            if ((File.GetAttributes(path) & (FileAttributes.Directory | FileAttributes.Device)) != 0)
            {
                throw new OwnerFileException(
                    TransferErrorCode.SourceNotRegularFile,
                    $"The source {path} is not a regular file; only regular files are copied. Fix the path, then resume the job.");
            }

            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new SourceFile(handle, RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(path));
        }, cancellationToken);

    public Task<ITempFile> OpenTempAsync(
        string? owner, string tempPath, FileIdentity? expected, bool resume, CancellationToken cancellationToken) =>
        Run<ITempFile>(owner, () =>
        {
            var existing = new FileInfo(tempPath);
            if (resume && existing.Exists && (existing.Attributes & FileAttributes.ReparsePoint) == 0)
            {
                return new WindowsTempFile(
                    tempPath, File.OpenHandle(tempPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read), resumed: true);
            }

            File.Delete(tempPath);
            return new WindowsTempFile(
                tempPath, File.OpenHandle(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read), resumed: false);
        }, cancellationToken);

    /// <summary>
    /// Not on Windows (not verified there, so it fails closed): a file another process holds open for writing stays
    /// its, and the job retries until that writer lets go.
    /// </summary>
    public Task<ITempFile> TakeOverTempAsync(
        string? owner, string tempPath, FileIdentity? expected, bool resume, CancellationToken cancellationToken) =>
        Task.FromException<ITempFile>(new OwnerFileException(
            TransferErrorCode.DestinationInUse,
            $"The temporary file {tempPath} is held by a writer whose silo was declared dead; on Windows the service does not take a held file over, and the job retries until that writer lets go (stop its process).",
            transient: true));

    // The identity is not checked: on Windows a writer's open (FileShare.Read) already refuses the rename.
    public Task MoveIntoPlaceAsync(
        string? owner, string tempPath, string localPath, bool replace, FileIdentity? expected, CancellationToken cancellationToken) =>
        Run(owner, () =>
        {
            var destination = new FileInfo(localPath);
            if ((destination.Exists || Directory.Exists(localPath))
                && (destination.Attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint | FileAttributes.Device)) != 0)
            {
                throw new OwnerFileException(
                    TransferErrorCode.DestinationNotRegularFile,
                    $"The destination {localPath} is not a regular file; the service replaces only regular files and left it alone. Remove it or choose another name.");
            }

            if (!replace && (destination.Exists || Directory.Exists(localPath)))
            {
                throw new OwnerFileException(
                    TransferErrorCode.AlreadyExists,
                    $"The destination {localPath} exists and may not be replaced; the file stays at {tempPath}.");
            }

            // Without replace, File.Move fails if a file appeared since the check: the no-replace rename is atomic.
            File.Move(tempPath, localPath, overwrite: replace);
            return true;
        }, cancellationToken);

    public Task<DestinationRefusal?> CheckDestinationsAsync(string? owner, IReadOnlyList<string> localPaths, CancellationToken cancellationToken) =>
        Run(owner, () => ManagedDestinationChecks.Check(localPaths), cancellationToken);

    public async Task<Exception?> DeleteTempAsync(string? owner, string tempPath, CancellationToken cancellationToken)
    {
        try
        {
            await Run(owner, () =>
            {
                File.Delete(tempPath);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OwnerFileException)
        {
            return ex;
        }
    }

    private Task<T> Run<T>(string? owner, Func<T> operation, CancellationToken cancellationToken)
    {
        if (_privileged && !string.Equals(owner, _serviceSid, StringComparison.OrdinalIgnoreCase))
        {
            throw new OwnerFileException(
                TransferErrorCode.AccessDenied,
                $"The service runs privileged on Windows, where acting with another account's rights ({owner}) is not implemented yet; it touches no file for that owner. Run the service as that user instead.");
        }

        return Task.Run(operation, cancellationToken);
    }
}
