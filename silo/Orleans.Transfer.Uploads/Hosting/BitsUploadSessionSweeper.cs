using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Uploads.Files;
using Orleans.Transfer.Uploads.Sessions;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Uploads;

/// <summary>
/// Deletes sessions idle for longer than their directory's session timeout (BITSSessionTimeout), with their partial
/// and reply files, every <see cref="BitsUploadServerOptions.SweepInterval"/> on the <see cref="TimeProvider"/>. A
/// later packet of such a session gets BG_E_SESSION_NOT_FOUND and the client starts over.
/// </summary>
internal sealed partial class BitsUploadSessionSweeper(
    BitsUploadDirectories directories,
    IUploadSessionStore store,
    UploadFileStore files,
    IOptions<BitsUploadServerOptions> options,
    UploadClock clock,
    TransferInstruments instruments,
    ILogger<BitsUploadSessionSweeper> logger) : BackgroundService
{
    private const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep; the number of sessions deleted.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var mapped = directories.All();
        if (mapped.Count == 0)
        {
            return 0;
        }

        var now = clock.Now;
        var shortest = mapped.Min(d => d.Options.SessionTimeout);
        var deleted = 0;
        foreach (var session in await store.ListIdleAsync(now - shortest, BatchSize, cancellationToken).ConfigureAwait(false))
        {
            if (directories.Find(session.Directory) is not { } directory || session.LastActivity > now - directory.Options.SessionTimeout)
            {
                continue;
            }

            // A transient failure keeps the session for the next sweep; a file no longer the service's is left alone.
            var error = await files.DeleteSessionFilesAsync(directory, session.RelativePath, session.Id, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                LogCleanupFailed(logger, session.Id, error.Message);
                if (error is not OwnerFileException)
                {
                    continue;
                }
            }

            if (await store.DeleteAsync(session.Id, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
                instruments.UploadSessionExpired();
                LogExpired(logger, session.Id, directory.Path, session.LastActivity);
            }
        }

        return deleted;
    }
}
