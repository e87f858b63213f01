using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Fills a run's write buffer from a source: reads paced by the job's throttle, a source below the minimum rate ends
/// the run, and a fill never outlasts a quarter of the checkpoint interval, so slow links still checkpoint on time.
/// Owns the run's minimum-rate measurement.
/// </summary>
internal sealed partial class PacedFill(
    FileTransferRequest request, TransferWorkerOptions options, JobThrottle throttle, TimeProvider time, ILogger logger)
{
    private readonly MinimumRate _minimumRate = new(
        MinimumRate.Required(options.MinimumBytesPerSecond, request.MaxBytesPerSecond), options.MinimumRateWindow);

    /// <summary>
    /// Reads until <paramref name="buffer"/> holds <paramref name="want"/> bytes, the source ends, or a quarter of the
    /// checkpoint interval passed: few large writes, yet slow links still checkpoint on time. Under a bandwidth limit,
    /// reads are one quantum each and paced, and a write follows every four quanta.
    /// </summary>
    public async ValueTask<int> FillAsync(
        ISourceReader reader, byte[] buffer, int want, StallTimer? stall, string displayName, CancellationToken cancellationToken)
    {
        var token = stall?.Token ?? cancellationToken;
        var started = time.GetTimestamp();
        var quantum = throttle.Quantum;

        // Under a limit, write every few quanta (at most a quarter of a second of the fastest cap) instead of a full
        // buffer: bytes then reach the disk as evenly as they are paced, with no 1 MiB steps in the per-second rate.
        if (quantum < want)
        {
            want = (int)Math.Min(want, 4L * quantum);
        }

        var filled = 0;
        while (filled < want)
        {
            stall?.Arm();
            var reading = time.GetTimestamp();
            var read = await reader.ReadAsync(buffer.AsMemory(filled, Math.Min(want - filled, quantum)), token)
                .ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;

            // Waiting on the bandwidth limit is neither a stall nor slowness of the source.
            stall?.Disarm();
            if (stall is not null && _minimumRate.Record(read, time.GetElapsedTime(reading)) is { } slow)
            {
                LogTooSlow(logger, request.JobId, request.FileIndex, slow.Bytes, slow.Waited, _minimumRate.BytesPerSecond);
                throw new TransferFailedException(
                    FailureClassifier.TooSlow(displayName, slow.Bytes, slow.Waited, _minimumRate.BytesPerSecond));
            }

            await throttle.PaceAsync(read, cancellationToken).ConfigureAwait(false);
            if (time.GetElapsedTime(started) >= options.CheckpointInterval / 4)
            {
                break;
            }
        }

        return filled;
    }
}
