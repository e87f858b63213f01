using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The Windows SMB client: UNC paths through the file APIs, so the redirector does SMB2/3, signing and Kerberos. The
/// job's credential is connected to the share with WNetAddConnection2 (CONNECT_TEMPORARY) first. Fails closed where
/// Windows cannot do what was asked: a location naming a port, and a null credential (the redirector would use the
/// service's own identity, where the contract promises anonymous). Builds for win-x64; unverified on Windows.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsSmbClient(IOptions<SmbOptions> options, TimeProvider timeProvider, ILogger<WindowsSmbClient> logger)
    : ISmbClient, IDisposable, IAsyncDisposable
{
    private readonly SmbOptions _options = options.Value;
    private readonly WindowsShareConnections _connections = new(options.Value, timeProvider, logger);

    public Task<ISmbFile> OpenReadAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken) =>
        RunAsync(file, credential, "open for reading", keepConnection: true, (path, connection) =>
            (ISmbFile)Open(path, file, connection, "open for reading", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), cancellationToken);

    public Task<ISmbFile> OpenWriteAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken) =>
        RunAsync(file, credential, "open for writing", keepConnection: true, (path, connection) =>
            (ISmbFile)Open(path, file, connection, "open for writing", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read), cancellationToken);

    public Task<SmbFileInfo?> StatAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken) =>
        RunAsync(file, credential, "look up", keepConnection: false, (path, _) =>
        {
            var info = new FileInfo(path);
            if (info.Exists)
            {
                return new SmbFileInfo(info.Length, info.LastWriteTimeUtc, IsDirectory: false);
            }

            return Directory.Exists(path) ? new SmbFileInfo(0, Directory.GetLastWriteTimeUtc(path), IsDirectory: true) : (SmbFileInfo?)null;
        }, cancellationToken);

    // MoveFileEx with MOVEFILE_REPLACE_EXISTING: the server replaces the target in one rename.
    public Task RenameAsync(SmbLocation from, SmbLocation to, SmbCredential? credential, CancellationToken cancellationToken) =>
        RunAsync(from, credential, $"rename to {to.ToUncPath()}", keepConnection: false, (path, _) =>
        {
            File.Move(path, WindowsSmbPaths.File(to), overwrite: true);
            return true;
        }, cancellationToken);

    public Task DeleteAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken) =>
        RunAsync(file, credential, "delete", keepConnection: false, (path, _) =>
        {
            try
            {
                File.Delete(path);
            }
            catch (DirectoryNotFoundException)
            {
                // Nothing to delete: the directory is gone too.
            }

            return true;
        }, cancellationToken);

    public Task SetLastWriteTimeAsync(SmbLocation file, DateTimeOffset lastWriteTime, SmbCredential? credential, CancellationToken cancellationToken) =>
        RunAsync(file, credential, "set the last-write time of", keepConnection: false, (path, _) =>
        {
            File.SetLastWriteTimeUtc(path, lastWriteTime.UtcDateTime);
            File.SetLastAccessTimeUtc(path, lastWriteTime.UtcDateTime);
            return true;
        }, cancellationToken);

    public void Dispose() => _connections.Dispose();

    public ValueTask DisposeAsync()
    {
        _connections.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> RunAsync<T>(SmbLocation location, SmbCredential? credential, string action, bool keepConnection,
        Func<string, WindowsShareConnection, T> call, CancellationToken cancellationToken)
    {
        var path = WindowsSmbPaths.File(location);
        if (credential is null)
        {
            throw new SmbException(SmbErrorKind.AuthenticationFailed, 0,
                $"Could not {action} {location.ToUncPath()}: on Windows a share is reached with a credential, or else with the service's own account, which jobs must not borrow. Give the job a server credential (xfer --user).");
        }

        // WNetAddConnection2 and the file calls block on the network: keep them off the caller's thread.
        var connection = await Task.Run(() => _connections.Acquire(location, credential), cancellationToken).ConfigureAwait(false);
        var handedOver = false;
        try
        {
            var result = await Task.Run(() => call(path, connection), cancellationToken).ConfigureAwait(false);
            handedOver = keepConnection;
            return result;
        }
        catch (Exception ex) when (ex is IOException and not SmbException or UnauthorizedAccessException)
        {
            throw WindowsSmbErrors.Exception(ex, action, location);
        }
        finally
        {
            if (!handedOver)
            {
                _connections.Release(connection);
            }
        }
    }

    private WindowsSmbFile Open(string path, SmbLocation location, WindowsShareConnection connection, string action, FileMode mode, FileAccess access, FileShare share)
    {
        if (Directory.Exists(path))
        {
            throw WindowsSmbErrors.Exception(267, action, location);
        }

        var stream = new FileStream(path, new FileStreamOptions { Mode = mode, Access = access, Share = share, Options = FileOptions.Asynchronous, BufferSize = 0 });
        try
        {
            return new WindowsSmbFile(stream, location, _options.ChunkBytes, () => _connections.Release(connection));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
